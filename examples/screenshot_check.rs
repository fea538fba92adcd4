//! CI helper: fail unless a full-page screenshot of a page shows content in colour.
//! Usage: cargo run --example screenshot_check -- shot.png MIN_HEIGHT [R,G,B]
//! (the colour that must cover 20,000 pixels or more; default the charts' first series blue).

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let (Some(path), Some(min_height)) =
        (args.get(1), args.get(2).and_then(|h| h.parse::<u32>().ok()))
    else {
        eprintln!("usage: screenshot_check SHOT.png MIN_HEIGHT");
        return ExitCode::from(2);
    };
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("cannot open {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut reader = match png::Decoder::new(std::io::BufReader::new(file)).read_info() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{path} is not a PNG: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = match reader.next_frame(&mut buf) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("{path} does not decode: {e}");
            return ExitCode::FAILURE;
        }
    };
    let want: [i32; 3] = args
        .get(3)
        .and_then(|c| {
            let v: Vec<i32> = c.split(',').filter_map(|x| x.trim().parse().ok()).collect();
            <[i32; 3]>::try_from(v).ok()
        })
        .unwrap_or([31, 119, 180]);
    let channels = info.color_type.samples();
    let (mut ink, mut blue, mut total) = (0u64, 0u64, 0u64);
    let mut colours = std::collections::HashSet::new();
    for p in buf[..info.buffer_size()].chunks(channels) {
        total += 1;
        if p[..3].iter().any(|&c| c < 235) {
            ink += 1;
        }
        // The colour asked for, allowing for blending.
        if (0..3).all(|k| (i32::from(p[k]) - want[k]).abs() < 40) {
            blue += 1;
        }
        if colours.len() < 5000 {
            colours.insert((p[0], p[1], p[2]));
        }
    }
    let ink_share = ink as f64 / total as f64;
    println!(
        "screenshot {}x{}: {:.1}% ink, {} colours, {} pixels of {want:?}",
        info.width,
        info.height,
        100.0 * ink_share,
        colours.len(),
        blue
    );
    let ok = info.height >= min_height && ink_share > 0.03 && colours.len() > 100 && blue > 20_000;
    if ok {
        ExitCode::SUCCESS
    } else {
        eprintln!("the page looks blank or its charts did not render");
        ExitCode::FAILURE
    }
}
