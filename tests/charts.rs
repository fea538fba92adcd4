//! Charts and report as a person sees them: every file exists, decodes, has the stated size,
//! is not blank; SVGs are well-formed and reproducible; one and two hundred replications.

use std::fs;
use std::path::Path;

use assert_cmd::Command;

const STEMS: [&str; 7] = [
    "opschaling",
    "phases",
    "vhh_pressure",
    "wijkteam_pressure",
    "zsm_pressure",
    "time_to_opschaling",
    "headline",
];

fn run(out: &Path, extra: &[&str]) {
    Command::cargo_bin("avesim")
        .unwrap()
        .args([
            "run",
            "--quiet",
            "--set",
            "run.horizon_days=400",
            "--set",
            "run.warmup_days=60",
            "--out",
        ])
        .arg(out)
        .args(extra)
        .assert()
        .success();
}

/// Decode a PNG and return (width, height, share of non-white pixels, distinct colours).
fn png_facts(path: &Path) -> (u32, u32, f64, usize) {
    let decoder = png::Decoder::new(std::io::BufReader::new(fs::File::open(path).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    let pixels = buf[..info.buffer_size()].chunks(channels);
    let mut colours = std::collections::HashSet::new();
    let (mut ink, mut total) = (0u64, 0u64);
    for p in pixels {
        total += 1;
        if p[..3].iter().any(|&c| c < 240) {
            ink += 1;
        }
        if colours.len() < 10_000 {
            colours.insert((p[0], p[1], p[2]));
        }
    }
    (
        info.width,
        info.height,
        ink as f64 / total as f64,
        colours.len(),
    )
}

fn check_charts(dir: &Path) {
    for stem in STEMS {
        let png = dir.join("charts").join(format!("{stem}.png"));
        let (w, h, ink, colours) = png_facts(&png);
        assert_eq!((w, h), (1600, 900), "{stem}.png size");
        assert!(ink > 0.03, "{stem}.png is nearly blank ({ink:.3} ink)");
        assert!(colours > 20, "{stem}.png has only {colours} colours");
        let svg = fs::read_to_string(dir.join("charts").join(format!("{stem}.svg"))).unwrap();
        let doc = roxmltree::Document::parse(&svg)
            .unwrap_or_else(|e| panic!("{stem}.svg is not well-formed: {e}"));
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "svg");
        assert_eq!(root.attribute("width"), Some("1600"));
        assert_eq!(root.attribute("height"), Some("900"));
        let texts: String = doc
            .descendants()
            .filter(|n| n.is_text())
            .map(|n| n.text().unwrap_or(""))
            .collect();
        assert!(
            texts.contains("leeuwarden"),
            "{stem}.svg title names the scenario"
        );
        assert!(
            doc.descendants().filter(|n| n.is_element()).count() > 50,
            "{stem}.svg draws little"
        );
    }
}

#[test]
fn every_chart_exists_decodes_has_its_size_and_is_not_blank() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("res");
    run(&out, &["--reps", "4"]);
    check_charts(&out);
    let report = fs::read_to_string(out.join("report.html")).unwrap();
    assert!(report.contains("Assumptions register") && report.contains("Headline results"));
    assert_eq!(
        report.matches("<svg").count(),
        STEMS.len(),
        "every chart is inline in the report"
    );
    assert!(
        !report.contains("<script"),
        "the report needs no JavaScript"
    );
    assert!(
        !report.contains("http://")
            || report.matches("http://").count() == report.matches("http://www.w3.org").count(),
        "the report loads nothing from the network"
    );
    for m in avesim::model::METRICS {
        assert!(report.contains(m.name), "report lacks {}", m.name);
    }
    // Every parameter is in the register, with a provenance tag.
    for p in avesim::scenario::register::all()
        .iter()
        .filter(|p| p.key != "extends" && p.key != "change")
    {
        assert!(
            report.contains(&format!("<code>{}</code>", p.key)),
            "register lacks {}",
            p.key
        );
    }
}

#[test]
fn same_scenario_and_seed_give_byte_identical_svgs_and_report() {
    let tmp = tempfile::tempdir().unwrap();
    run(&tmp.path().join("a"), &["--reps", "3", "--threads", "1"]);
    run(&tmp.path().join("b"), &["--reps", "3", "--threads", "2"]);
    for stem in STEMS {
        let a = fs::read(tmp.path().join("a/charts").join(format!("{stem}.svg"))).unwrap();
        let b = fs::read(tmp.path().join("b/charts").join(format!("{stem}.svg"))).unwrap();
        assert!(a == b, "{stem}.svg differs");
    }
    let a = fs::read(tmp.path().join("a/report.html")).unwrap();
    let b = fs::read(tmp.path().join("b/report.html")).unwrap();
    assert!(a == b, "report.html differs");
}

#[test]
fn charts_are_drawn_with_one_replication_and_with_two_hundred() {
    let tmp = tempfile::tempdir().unwrap();
    run(&tmp.path().join("one"), &["--reps", "1"]);
    check_charts(&tmp.path().join("one"));
    let out = tmp.path().join("many");
    Command::cargo_bin("avesim")
        .unwrap()
        .args([
            "run",
            "--quiet",
            "--reps",
            "200",
            "--set",
            "run.horizon_days=120",
            "--set",
            "run.warmup_days=20",
            "--out",
        ])
        .arg(&out)
        .assert()
        .success();
    check_charts(&out);
}

#[test]
fn no_charts_skips_charts_and_report() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("res");
    run(&out, &["--reps", "2", "--no-charts"]);
    assert!(!out.join("charts").exists() && !out.join("report.html").exists());
    assert!(out.join("summary.csv").exists());
}
