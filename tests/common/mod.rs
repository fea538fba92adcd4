//! Helpers shared by the integration tests (included with `mod common;`).
#![allow(dead_code)]

use avesim::scenario::{Override, Params, Scenario, load_str};

/// Load scenario text with `key=value` overrides; panics with the scenario error.
pub fn scenario(src: &str, sets: &[&str]) -> (Scenario, Params) {
    let overrides: Vec<Override> = sets.iter().map(|s| Override::parse(s).unwrap()).collect();
    load_str(src, "test.toml", None, &overrides).unwrap_or_else(|e| panic!("{e}"))
}

/// A desk open 24 hours, 7 days, as a TOML table body.
pub const ALWAYS: &str = "days = [\"mon\",\"tue\",\"wed\",\"thu\",\"fri\",\"sat\",\"sun\"]\nopen = \"00:00\"\nclose = \"24:00\"\n";

/// Two-sided standard normal quantile for 99.9% (used for binomial proportions).
pub const Z999: f64 = 3.2905;

/// The names in a folder, sorted (none if it does not exist).
pub fn names_in(dir: &std::path::Path) -> Vec<String> {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut v: Vec<String> = rd
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// Every scenario file under `scenarios/`, sorted; a user's own files in `scenarios/local/`
/// are not the project's and are left out.
pub fn scenario_files() -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![std::path::PathBuf::from("scenarios")];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                // Recommendations are layers laid on a scenario, not scenarios.
                if p.file_name()
                    .is_some_and(|n| n != "local" && n != "recommendations")
                {
                    stack.push(p);
                }
            } else if p.extension().is_some_and(|x| x == "toml") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Every file under `dir` (recursively) with its path relative to `dir`, `/`-separated.
pub fn files_under(dir: &std::path::Path) -> Vec<(String, std::path::PathBuf)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(p) = stack.pop() {
        for e in std::fs::read_dir(&p).unwrap() {
            let path = e.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let rel = path
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.push((rel, path));
        }
    }
    out
}
