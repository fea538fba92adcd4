//! Reading a scenario file safely: only a regular file of sane size, never blocking on a pipe,
//! UTF-8 text; each refusal says why in both languages.

use std::path::Path;

use crate::both;
use crate::lang::Text;

/// Largest scenario file avesim reads (bytes); its own are under 10 kB.
pub const MAX_FILE_BYTES: u64 = 4 << 20;

/// Open a scenario file without blocking on a pipe or device, and read it only if it is a
/// regular file of sane size.
pub(super) fn read_scenario_file(path: &Path) -> Result<String, Text> {
    use std::io::Read;
    let unreadable = |e: std::io::Error| {
        both!(
            "cannot read the file: {e}",
            "kan het bestand niet lezen: {e}"
        )
    };
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Text::new("file not found", "bestand niet gevonden"));
        }
        Err(e) => return Err(unreadable(e)),
    };
    let most = MAX_FILE_BYTES >> 20;
    let not_a_file = |meta: &std::fs::Metadata| -> Option<Text> {
        if meta.is_dir() {
            Some(Text::new(
                "is a folder, not a scenario file: give a .toml file, e.g. scenarios/leeuwarden.toml",
                "is een map, geen scenariobestand: geef een .toml-bestand, bijvoorbeeld scenarios/leeuwarden.toml",
            ))
        } else if !meta.is_file() {
            Some(Text::new(
                "is not a regular file (a pipe, device or socket): avesim reads scenarios only from files",
                "is geen gewoon bestand (een pipe, apparaat of socket): avesim leest scenario's alleen uit bestanden",
            ))
        } else if meta.len() > MAX_FILE_BYTES {
            let mb = format!("{:.1}", meta.len() as f64 / 1e6);
            let mb_nl = mb.replace('.', ",");
            Some(both!(
                "is {mb} MB; a scenario file may be at most {most} MB (avesim's own are under 10 kB)",
                "is {mb_nl} MB; een scenariobestand mag hoogstens {most} MB zijn (die van avesim zijn kleiner dan 10 kB)"
            ))
        } else {
            None
        }
    };
    if let Some(why) = not_a_file(&meta) {
        return Err(why);
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(any(target_os = "linux", target_os = "macos"))]
    {
        // If the path became a pipe since the look above, opening must not wait for a writer.
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32);
    }
    let file = options.open(path).map_err(unreadable)?;
    let meta = file.metadata().map_err(unreadable)?;
    if let Some(why) = not_a_file(&meta) {
        return Err(why);
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(both!(
            "is larger than {most} MB, the most a scenario file may be",
            "is groter dan {most} MB, het meeste dat een scenariobestand mag zijn"
        ));
    }
    String::from_utf8(bytes).map_err(|_| {
        Text::new(
            "is not UTF-8 text: save it as UTF-8 (plain text)",
            "is geen UTF-8-tekst: sla het op als UTF-8 (platte tekst)",
        )
    })
}
