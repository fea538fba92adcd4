//! A fuzz harness on stable Rust: mutate the real scenario files (replace values with
//! hostile ones, delete, duplicate and swap lines, inject keys and bytes, truncate) and
//! check that loading returns either parameters that are all finite or one user error on
//! one line, never panics and never hangs; parameters that load also run a few thousand
//! events of the model without a panic.
//!
//! `cargo test` runs a bounded number of cases (seconds). For a longer hunt:
//!
//! ```text
//! AVESIM_FUZZ_CASES=20000 cargo test --release --test fuzz -- --nocapture
//! ```

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

mod common;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

/// Values that have broken parsers and models before.
const HOSTILE: &[&str] = &[
    "1e308",
    "-1e308",
    "-1",
    "0",
    "-0.0",
    "nan",
    "inf",
    "-inf",
    "5e-324",
    "18446744073709551615",
    "4294967296",
    "1e15",
    "true",
    "\"\"",
    "\"..\"",
    "\".\"",
    "\"a\\nb\"",
    "\"24:00\"",
    "\"00:00\"",
    "\"25:61\"",
    "[]",
    "[1e308,1e308,1e308,1e308,1e308,1e308,1e308]",
    "[0,0,0,0,0,0,0]",
    "[-1,1,1,1,1,1,1]",
    "[[[[1]]]]",
    "{}",
    "{ dist = \"gamma\", mean = 1e308, cv = 1e-308 }",
    "{ dist = \"lognormal\", mean = 1e-300, cv = 10 }",
    "{ dist = \"fixed\", value = 0 }",
    "{ dist = \"triangular\", min = 0, mode = 0, max = 1e-300 }",
    "{ dist = \"exponential\", mean = 1e-300 }",
    "\"ave\"",
    "\"crisis_only\"",
    "\"joint\"",
];

/// Numbers for elements of arrays and fields of inline tables.
const HOSTILE_NUMBERS: &[&str] = &[
    "1e308", "-1e308", "5e-324", "0", "-1", "nan", "inf", "1e15", "1e7", "-0.0",
];

#[derive(Debug, Clone)]
enum Mutation {
    /// Replace one element of an array, or one field of an inline table, with a hostile
    /// number (keeps the shape, so it gets past the shape checks); `usize::MAX` as the
    /// element replaces every element (sums that overflow).
    Element(usize, usize, usize),
    /// Multiply a number by 10 to the given power.
    Scale(usize, i32),
    /// Replace the value on a line with a hostile one.
    Value(usize, usize),
    DeleteLine(usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
    /// Add `key = hostile` after a line (a known key name from elsewhere in the file).
    InjectKey(usize, usize, usize),
    /// Insert raw bytes at a position.
    Bytes(usize, Vec<u8>),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let h = HOSTILE.len();
    let hn = HOSTILE_NUMBERS.len();
    prop_oneof![
        4 => (any::<usize>(), 0..h).prop_map(|(l, v)| Mutation::Value(l, v)),
        4 => (any::<usize>(), any::<usize>(), 0..hn).prop_map(|(l, e, v)| Mutation::Element(l, e, v)),
        2 => (any::<usize>(), 0..hn).prop_map(|(l, v)| Mutation::Element(l, usize::MAX, v)),
        3 => (any::<usize>(), -320..320i32).prop_map(|(l, p)| Mutation::Scale(l, p)),
        1 => any::<usize>().prop_map(Mutation::DeleteLine),
        1 => any::<usize>().prop_map(Mutation::DuplicateLine),
        1 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        2 => (any::<usize>(), any::<usize>(), 0..h).prop_map(|(a, b, v)| Mutation::InjectKey(a, b, v)),
        1 => (any::<usize>(), proptest::collection::vec(any::<u8>(), 1..8))
            .prop_map(|(p, b)| Mutation::Bytes(p, b)),
        1 => any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn apply(text: &str, muts: &[Mutation]) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let mut out_bytes: Option<Vec<u8>> = None;
    for m in muts {
        if lines.is_empty() {
            lines.push(String::new());
        }
        let n = lines.len();
        // Value mutations pick among the lines that set a value.
        let valued: Vec<usize> = (0..n)
            .filter(|&i| lines[i].contains('=') && !lines[i].trim_start().starts_with('#'))
            .collect();
        let pick = |l: &usize| {
            valued
                .get(l % valued.len().max(1))
                .copied()
                .unwrap_or(l % n)
        };
        match m {
            Mutation::Element(l, e, v) => {
                let line = &mut lines[pick(l)];
                if let Some((key, value)) = line.split_once('=') {
                    let value = value.split('#').next().unwrap_or_default().trim();
                    let inner = value
                        .strip_prefix('[')
                        .and_then(|v| v.strip_suffix(']'))
                        .or_else(|| value.strip_prefix('{').and_then(|v| v.strip_suffix('}')));
                    if let Some(inner) = inner {
                        let mut parts: Vec<String> = inner.split(',').map(str::to_string).collect();
                        let hostile = HOSTILE_NUMBERS[*v];
                        let which: Vec<usize> = if *e == usize::MAX {
                            (0..parts.len()).collect()
                        } else {
                            vec![e % parts.len()]
                        };
                        for k in which {
                            parts[k] = match parts[k].split_once('=') {
                                Some((field, _)) => format!("{field}= {hostile}"),
                                None => hostile.to_string(),
                            };
                        }
                        let (open, close) = if value.starts_with('[') {
                            ("[", "]")
                        } else {
                            ("{", "}")
                        };
                        *line = format!("{key}= {open}{}{close}", parts.join(","));
                    }
                }
            }
            Mutation::Scale(l, p) => {
                let line = &mut lines[pick(l)];
                if let Some((key, value)) = line.split_once('=')
                    && let Ok(x) = value
                        .split('#')
                        .next()
                        .unwrap_or_default()
                        .trim()
                        .parse::<f64>()
                {
                    *line = format!("{key}= {:e}", x * 10f64.powi(*p));
                }
            }
            Mutation::Value(l, v) => {
                let line = &mut lines[pick(l)];
                if let Some((key, _)) = line.split_once('=') {
                    *line = format!("{key}= {}", HOSTILE[*v]);
                }
            }
            Mutation::DeleteLine(l) => {
                lines.remove(l % n);
            }
            Mutation::DuplicateLine(l) => {
                let dup = lines[l % n].clone();
                lines.insert(l % n, dup);
            }
            Mutation::SwapLines(a, b) => lines.swap(a % n, b % n),
            Mutation::InjectKey(at, from, v) => {
                if let Some((key, _)) = lines[from % n].clone().split_once('=') {
                    lines.insert((at % n) + 1, format!("{} = {}", key.trim(), HOSTILE[*v]));
                }
            }
            Mutation::Bytes(p, b) => {
                let mut bytes = lines.join("\n").into_bytes();
                let at = p % (bytes.len() + 1);
                bytes.splice(at..at, b.iter().copied());
                out_bytes = Some(bytes);
            }
            Mutation::Truncate(p) => {
                let joined = lines.join("\n");
                let mut at = p % (joined.len() + 1);
                while !joined.is_char_boundary(at) {
                    at -= 1;
                }
                lines = joined[..at].lines().map(str::to_string).collect();
            }
        }
        if let Some(bytes) = out_bytes.take() {
            // Invalid UTF-8 is refused before parsing; keep the valid part to go on fuzzing.
            lines = String::from_utf8_lossy(&bytes)
                .lines()
                .map(str::to_string)
                .collect();
        }
    }
    lines.join("\n")
}

/// Every scenario file with its text.
fn scenario_texts() -> Vec<(PathBuf, String)> {
    common::scenario_files()
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            (p, text)
        })
        .collect()
}

/// Load one mutated file; panic (the property fails) on anything but finite parameters or
/// one user error on one line.
fn check_one(path: &Path, text: &str) {
    let dir = path.parent().unwrap();
    let origin = path.display().to_string();
    match avesim::scenario::load_str(text, &origin, Some(dir), &[]) {
        Ok((_, params)) => {
            let shown = format!("{params:?}");
            let bad = shown
                .split(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '-'))
                .find(|t| matches!(*t, "NaN" | "inf" | "-inf"));
            assert!(
                bad.is_none(),
                "loaded a parameter that is not finite ({bad:?})"
            );
            // A few thousand events of the model, bounded however busy it is.
            let mut world = avesim::model::world::World::new(&params, 0, avesim::model::Quiet);
            let mut hour = 0.0;
            while world.events() < 5_000 && hour < 24.0 * 400.0 {
                hour += 24.0;
                world.run_until(hour);
            }
        }
        Err(e) => {
            let msg = e.to_string();
            assert!(!msg.is_empty() && !msg.contains('\n'), "message: {msg:?}");
            assert!(msg.len() < 2000, "message too long: {} bytes", msg.len());
        }
    }
}

#[test]
fn mutated_scenario_files_load_or_give_one_user_error_never_a_panic_or_hang() {
    let cases: u32 = std::env::var("AVESIM_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000);
    let files = scenario_texts();
    assert!(files.len() >= 10, "found {} scenario files", files.len());
    let guard = Duration::from_secs(120 + u64::from(cases) / 10);
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let started = Instant::now();
        let mut runner = TestRunner::new(Config {
            cases,
            failure_persistence: None,
            ..Config::default()
        });
        let n = files.len();
        // The base file sets every key: fuzz it as often as all the others together.
        let base = files
            .iter()
            .position(|(p, _)| p.ends_with("base.toml"))
            .unwrap_or(0);
        let file = prop_oneof![1 => Just(base), 1 => 0..n];
        let result = runner.run(
            &(file, proptest::collection::vec(mutation(), 1..5)),
            |(f, muts)| {
                let (path, text) = &files[f];
                check_one(path, &apply(text, &muts));
                Ok(())
            },
        );
        let _ = tx.send((result.map_err(|e| e.to_string()), started.elapsed()));
    });
    let (result, took) = rx
        .recv_timeout(guard)
        .unwrap_or_else(|_| panic!("the fuzz cases did not finish within {guard:?}: a hang"));
    println!("fuzz: {cases} mutated scenario files in {took:.1?}");
    if let Err(e) = result {
        panic!("{e}");
    }
}
