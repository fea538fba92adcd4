//! CI check: every grade-A or grade-B tag quotes the study verbatim near the line it names.
//!
//! `cargo run --example quote_check -- SEED FILE...` reads the study's text (SEED) and
//! every FILE (scenario files, docs, Rust sources of the register) and looks for
//!   `[A §5.1 l.2407] "quote"` / `[B §5.3.2 l.3164] "quote"` (scenario comments, docs) and
//!   `a("§5.1 l.2407", "quote")` / `b("§5.3.2 l.3164", "quote", ...)` (the register).
//! A quote matches when its words appear, in order, within 8 lines of the line named
//! (whitespace, case and curly quotes ignored; "…" or "..." may stand for left-out words).
//! Exits 1 and lists every quote that does not match.

use std::process::ExitCode;

fn normalise(s: &str) -> String {
    let s = s
        .replace(['\u{2019}', '\u{2018}'], "'")
        .replace(['\u{201c}', '\u{201d}'], "\"")
        .to_lowercase();
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The line number in an `at` like `§5.3.2 l.3164` or `§6.7 l.4213–4216`.
fn line_of(at: &str) -> Option<usize> {
    let i = at.find("l.")?;
    let digits: String = at[i + 2..]
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    digits.parse().ok()
}

fn matches(seed: &[&str], line: usize, quote: &str) -> bool {
    if line == 0 || line > seed.len() {
        return false;
    }
    let lo = line.saturating_sub(9);
    let hi = (line + 8).min(seed.len());
    let window = normalise(&seed[lo..hi].join(" "));
    // A word broken over two lines by a hyphen is joined again.
    let window_joined = window.replace("- ", "");
    let q = normalise(quote).replace('\u{2026}', "...");
    for hay in [&window, &window_joined] {
        let mut from = 0;
        let mut ok = true;
        for part in q.split("...").map(str::trim).filter(|p| !p.is_empty()) {
            match hay[from..].find(part) {
                Some(i) => from += i + part.len(),
                None => {
                    ok = false;
                    break;
                }
            }
        }
        if ok {
            return true;
        }
    }
    false
}

/// (at, quote) pairs written in a file.
fn tags(text: &str) -> Vec<(usize, String, String)> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        // Scenario comments and docs: [A §x l.N] "quote"
        let mut rest = line;
        while let Some(i) = rest.find('[') {
            rest = &rest[i + 1..];
            let Some(end) = rest.find(']') else { break };
            let tag = &rest[..end];
            let after = rest[end + 1..].trim_start();
            if (tag.starts_with("A ") || tag.starts_with("B "))
                && tag.contains("l.")
                && let Some(q) = after.strip_prefix('"')
                && let Some(qe) = q.find('"')
            {
                out.push((n + 1, tag[2..].to_string(), q[..qe].to_string()));
            }
            rest = &rest[end + 1..];
        }
        // The register: a("§x l.N", "quote") or b("§x l.N", "quote", ...)
        for prefix in ["a(\"", "b(\""] {
            let mut rest = line;
            while let Some(i) = rest.find(prefix) {
                let before = &rest[..i];
                rest = &rest[i + prefix.len()..];
                if before.ends_with(|c: char| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                let Some(e) = rest.find('"') else { break };
                let at = rest[..e].to_string();
                let tail = rest[e + 1..].trim_start_matches([',', ' ']);
                if let Some(q) = tail.strip_prefix('"')
                    && let Some(qe) = q.find('"')
                    && at.contains("l.")
                {
                    out.push((n + 1, at, q[..qe].to_string()));
                }
            }
        }
    }
    out
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(seed_path) = args.next() else {
        eprintln!("usage: quote_check SEED FILE...");
        return ExitCode::from(2);
    };
    let seed = match std::fs::read_to_string(&seed_path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("cannot read {seed_path}: {e}");
            return ExitCode::from(2);
        }
    };
    let seed: Vec<&str> = seed.lines().collect();
    let (mut checked, mut bad) = (0, Vec::new());
    for file in args {
        let Ok(text) = std::fs::read_to_string(&file) else {
            eprintln!("cannot read {file}");
            return ExitCode::from(2);
        };
        for (n, at, quote) in tags(&text) {
            // A legend such as `[A §x l.N]` names no line.
            if !at
                .split("l.")
                .nth(1)
                .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
            {
                continue;
            }
            checked += 1;
            let ok = line_of(&at).is_some_and(|l| matches(&seed, l, &quote));
            if !ok {
                bad.push(format!(
                    "{file}:{n}: [{at}] \"{quote}\" is not in the study near that line"
                ));
            }
        }
    }
    for b in &bad {
        println!("{b}");
    }
    println!("{checked} quotes checked, {} not found", bad.len());
    if bad.is_empty() && checked > 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
