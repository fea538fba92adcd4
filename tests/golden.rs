//! Golden outputs: every scenario file (and the embedded default, a sweep and a comparison)
//! run at a fixed seed and a short horizon, every file it writes hashed and compared with
//! `tests/golden/hashes.txt`. A restructuring that changes no behaviour keeps them all.
//!
//! Only `run.json` (wall time) and the manifest (which hashes `run.json`) are left out.
//! `trace.csv` is compared with the case column of its ZSM rows blanked: since typed
//! observations, ZSM start and decision rows name the case they are about; the test also
//! shows that they now do.
//!
//! After a deliberate change of behaviour, write new hashes with
//! `AVESIM_BLESS=1 cargo test --test golden` and say in the commit why they changed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use avesim::commands::{self, Common};
use sha2::{Digest, Sha256};

mod common;
use common::scenario_files;

const GOLDEN: &str = "tests/golden/hashes.txt";

fn common(out: &Path) -> Common {
    Common {
        out: Some(out.to_path_buf()),
        reps: Some(2),
        seed: Some(20150101),
        threads: Some(2),
        sets: vec!["run.horizon_days=400".into(), "run.warmup_days=60".into()],
        force: false,
        progress: false,
        charts: true,
        ..Default::default()
    }
}

fn hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// trace.csv with the case column of ZSM rows blanked, and how many ZSM rows name a case.
fn normalised_trace(text: &str) -> (String, usize) {
    let mut named = 0;
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let fields: Vec<&str> = line.split(',').collect();
        if fields.len() >= 5
            && fields[3] == "zsm"
            && matches!(fields[2], "zsm_start" | "zsm_decision")
        {
            if !fields[4].is_empty() {
                named += 1;
            }
            let mut f = fields.clone();
            f[4] = "";
            out.push_str(&f.join(","));
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    (out, named)
}

/// Hash every file under `dir` (but run.json and the manifest) as `label/path`.
fn hash_folder(label: &str, dir: &Path, out: &mut BTreeMap<String, String>, zsm_named: &mut usize) {
    for (rel, path) in common::files_under(dir) {
        if rel == "run.json" || rel == ".avesim-manifest.json" {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let hash = if rel == "trace.csv" {
            let (text, named) = normalised_trace(&String::from_utf8(bytes).unwrap());
            *zsm_named += named;
            hex(text.as_bytes())
        } else {
            hex(&bytes)
        };
        out.insert(format!("{label}/{rel}"), hash);
    }
}

#[test]
fn every_output_matches_the_golden_hashes() {
    let tmp = tempfile::tempdir().unwrap();
    let mut hashes = BTreeMap::new();
    let mut zsm_named = 0;
    let mut runs: Vec<(String, Option<PathBuf>)> = vec![("embedded".into(), None)];
    runs.extend(scenario_files().into_iter().map(|p| {
        let label = p.to_string_lossy().replace('\\', "/");
        (label, Some(p))
    }));
    for (k, (label, path)) in runs.iter().enumerate() {
        let out = tmp.path().join(format!("run{k}"));
        commands::run(path.as_deref(), &common(&out), true, true)
            .unwrap_or_else(|e| panic!("{label}: {e}"));
        hash_folder(label, &out, &mut hashes, &mut zsm_named);
    }
    let out = tmp.path().join("sweep");
    commands::run_sweep(
        Some(Path::new("scenarios/leeuwarden.toml")),
        &["growth.multiplier=1,2".to_string()],
        &[],
        &common(&out),
    )
    .unwrap();
    hash_folder("sweep", &out, &mut hashes, &mut zsm_named);
    let out = tmp.path().join("compare");
    commands::run_compare(
        &[
            PathBuf::from("scenarios/leeuwarden.toml"),
            PathBuf::from("scenarios/what-if/no-advice.toml"),
        ],
        &common(&out),
    )
    .unwrap();
    hash_folder("compare", &out, &mut hashes, &mut zsm_named);

    let text: String = hashes.iter().map(|(k, v)| format!("{v}  {k}\n")).collect();
    if std::env::var_os("AVESIM_BLESS").is_some() {
        std::fs::create_dir_all("tests/golden").unwrap();
        std::fs::write(GOLDEN, &text).unwrap();
        println!("wrote {} hashes to {GOLDEN}", hashes.len());
        return;
    }
    let golden = std::fs::read_to_string(GOLDEN).expect("tests/golden/hashes.txt");
    let want: BTreeMap<&str, &str> = golden
        .lines()
        .filter_map(|l| l.split_once("  "))
        .map(|(h, k)| (k, h))
        .collect();
    let mut problems = Vec::new();
    for (k, h) in &want {
        match hashes.get(*k) {
            None => problems.push(format!("missing: {k}")),
            Some(got) if got != h => problems.push(format!("changed: {k}")),
            Some(_) => {}
        }
    }
    for k in hashes.keys() {
        if !want.contains_key(k.as_str()) {
            problems.push(format!("new file: {k}"));
        }
    }
    assert!(
        problems.is_empty(),
        "{} of {} files differ from the golden hashes:\n{}",
        problems.len(),
        want.len(),
        problems.join("\n")
    );
    println!(
        "{} files match; {zsm_named} ZSM trace rows name their case",
        hashes.len()
    );
}
