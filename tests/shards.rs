//! Shards: a study split with `--shard K/N` (K given, or taken from a Slurm job array's or a
//! Kubernetes Indexed Job's variable), each shard a separate process, merged with `avesim
//! merge` into exactly the folder of the unsplit run (run.json aside); shards that do not
//! belong together or are incomplete are refused with exit code 2.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

mod common;

/// Short runs: two years with one of warm-up.
const SHORT: [&str; 4] = [
    "--set",
    "run.horizon_days=730",
    "--set",
    "run.warmup_days=365",
];

fn avesim() -> Command {
    let mut c = Command::cargo_bin("avesim").unwrap();
    // The scheduler variables of the machine running the tests must not leak in.
    for v in [
        "SLURM_ARRAY_TASK_ID",
        "SLURM_ARRAY_TASK_MIN",
        "JOB_COMPLETION_INDEX",
    ] {
        c.env_remove(v);
    }
    c
}

fn scenario(name: &str) -> String {
    format!("{}/scenarios/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// Every file under `dir` with its bytes, by relative path; run.json left out, and the
/// manifest read without its line for run.json.
fn contents(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for (rel, path) in common::files_under(dir) {
        let bytes = std::fs::read(&path).unwrap();
        match rel.as_str() {
            "run.json" => {}
            ".avesim-manifest.json" => {
                let mut v: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
                let entry = v["files"].as_object_mut().unwrap().remove("run.json");
                assert!(entry.is_some(), "the manifest lists run.json");
                files.insert(rel, v.to_string().into_bytes());
            }
            _ => {
                files.insert(rel, bytes);
            }
        }
    }
    files
}

fn assert_same(whole: &Path, merged: &Path) {
    let (a, b) = (contents(whole), contents(merged));
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "the same files"
    );
    for (name, bytes) in &a {
        assert!(bytes == &b[name], "{name} differs after the merge");
    }
    assert!(a.len() >= 2, "the study's files: {:?}", a.keys());
}

/// Run `args` whole, then as `n` shards (each a process; shard k chosen by `how(k)`: extra
/// arguments and environment), merge the shards in reverse order and check the folders equal.
fn split_and_merge(
    args: &[String],
    n: u32,
    how: impl Fn(u32) -> (String, Vec<(&'static str, String)>),
) {
    let tmp = tempfile::tempdir().unwrap();
    let whole = tmp.path().join("whole");
    avesim()
        .args(args)
        .arg("--out")
        .arg(&whole)
        .assert()
        .success();
    let mut shards: Vec<PathBuf> = Vec::new();
    for k in 1..=n {
        let dir = tmp.path().join(format!("part-{k}"));
        let (shard, env) = how(k);
        let mut c = avesim();
        c.args(args)
            .args(["--shard", &shard])
            .arg("--out")
            .arg(&dir);
        for (name, value) in env {
            c.env(name, value);
        }
        let out = c.assert().success().get_output().stdout.clone();
        let said = String::from_utf8(out).unwrap();
        assert!(said.starts_with(&format!("shard {k} ")), "{said}");
        assert!(dir.join("shard.json").is_file() && !dir.join("report.html").exists());
        shards.push(dir);
    }
    shards.reverse();
    let merged = tmp.path().join("merged");
    avesim()
        .arg("merge")
        .args(&shards)
        .arg("--out")
        .arg(&merged)
        .assert()
        .success();
    assert_same(&whole, &merged);
}

fn strings(a: &[&str]) -> Vec<String> {
    a.iter().map(|s| s.to_string()).collect()
}

#[test]
fn a_sweep_split_over_a_slurm_array_merges_into_the_unsplit_folder() {
    let mut args = strings(&[
        "sweep",
        "--vary",
        "vhh.coordinators=2,3",
        "--reps",
        "4",
        "--quiet",
        "--lang",
        "en",
    ]);
    args.extend(strings(&SHORT));
    // An array started at 0 (--array=0-2): the task id counts from SLURM_ARRAY_TASK_MIN.
    split_and_merge(&args, 3, |k| {
        (
            "auto/3".into(),
            vec![
                ("SLURM_ARRAY_TASK_ID", (k - 1).to_string()),
                ("SLURM_ARRAY_TASK_MIN", "0".into()),
            ],
        )
    });
}

#[test]
fn a_comparison_split_over_a_kubernetes_indexed_job_merges_into_the_unsplit_folder() {
    let mut args = vec![
        "compare".to_string(),
        scenario("leeuwarden.toml"),
        scenario("what-if/contact-person.toml"),
    ];
    args.extend(strings(&["--reps", "3", "--quiet", "--lang", "nl"]));
    args.extend(strings(&SHORT));
    split_and_merge(&args, 2, |k| {
        (
            "auto/2".into(),
            vec![("JOB_COMPLETION_INDEX", (k - 1).to_string())],
        )
    });
}

#[test]
fn a_sensitivity_study_and_an_uncertainty_comparison_split_by_hand_merge_exactly() {
    let mut args = strings(&[
        "sensitivity",
        "--trajectories",
        "2",
        "--tornado-reps",
        "2",
        "--reps",
        "1",
        "--quiet",
        "--lang",
        "en",
    ]);
    args.extend(strings(&SHORT));
    split_and_merge(&args, 3, |k| (format!("{k}/3"), Vec::new()));
    let mut args = vec![
        "compare".to_string(),
        scenario("leeuwarden.toml"),
        scenario("what-if/contact-person.toml"),
    ];
    args.extend(strings(&[
        "--uncertain",
        "4",
        "--draw-reps",
        "2",
        "--quiet",
        "--lang",
        "en",
    ]));
    args.extend(strings(&SHORT));
    split_and_merge(&args, 2, |k| (format!("{k}/2"), Vec::new()));
}

/// Shard `k` of `n` of a short sweep of `file` into `dir`, with extra arguments.
fn shard(file: &Path, dir: &Path, k: u32, n: u32, extra: &[&str]) {
    avesim()
        .arg("sweep")
        .arg(file)
        .args(["--vary", "vhh.coordinators=2,3", "--reps", "2", "--quiet"])
        .args(SHORT)
        .args(extra)
        .args(["--shard", &format!("{k}/{n}")])
        .arg("--out")
        .arg(dir)
        .assert()
        .success();
}

fn refused(dirs: &[&Path], says: &str) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("merged");
    let done = avesim()
        .args(["merge", "--lang", "en"])
        .args(dirs)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(2);
    let err = String::from_utf8(done.get_output().stderr.clone()).unwrap();
    assert!(err.contains(says), "{err}");
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(!out.exists(), "nothing written");
}

#[test]
fn merge_refuses_shards_that_are_missing_doubled_damaged_or_from_another_study() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    // A copy of the region and the base it extends, to change it between shards.
    let file = t.join("region.toml");
    let text = std::fs::read_to_string(scenario("leeuwarden.toml")).unwrap();
    std::fs::write(&file, &text).unwrap();
    std::fs::copy(scenario("base.toml"), t.join("base.toml")).unwrap();
    let (a1, a2, a3) = (t.join("a1"), t.join("a2"), t.join("a3"));
    shard(&file, &a1, 1, 3, &[]);
    shard(&file, &a2, 2, 3, &[]);
    shard(&file, &a3, 3, 3, &[]);
    refused(&[&a1, &a3], "shard 2 of 3 is missing");
    refused(&[&a1, &a2, &a2, &a3], "shard 2 of 3 is given twice");
    // Another seed: another command.
    let seed = t.join("seed");
    shard(&file, &seed, 2, 3, &["--seed", "7"]);
    refused(&[&a1, &seed, &a3], "do not belong together");
    // The same command on a changed scenario file: another fingerprint.
    let other = text.replacen("call_prob = 0.3 ", "call_prob = 0.4 ", 1);
    assert_ne!(other, text);
    std::fs::write(&file, other).unwrap();
    let changed = t.join("changed");
    shard(&file, &changed, 2, 3, &[]);
    refused(
        &[&a1, &changed, &a3],
        "their scenarios, seed or design differ",
    );
    // All shards alike, but the file changed since: merge cannot write the same study.
    let (c1, c3) = (t.join("c1"), t.join("c3"));
    shard(&file, &c1, 1, 3, &[]);
    shard(&file, &c3, 3, 3, &[]);
    std::fs::write(&file, &text).unwrap();
    refused(
        &[&c1, &changed, &c3],
        "were run on other scenarios or parameters",
    );
    // A damaged or cut-off shard.
    let cut = t.join("cut");
    copy_dir(&a2, &cut);
    let bytes = std::fs::read(cut.join("outputs.bin")).unwrap();
    std::fs::write(cut.join("outputs.bin"), &bytes[..bytes.len() / 2]).unwrap();
    refused(&[&a1, &cut, &a3], "incomplete or damaged");
    // Made by another version of avesim.
    let old = t.join("old");
    copy_dir(&a2, &old);
    let facts = std::fs::read_to_string(old.join("shard.json")).unwrap();
    let version = format!("\"avesim_version\": \"{}\"", env!("CARGO_PKG_VERSION"));
    assert!(facts.contains(&version));
    std::fs::write(
        old.join("shard.json"),
        facts.replace(&version, "\"avesim_version\": \"0.0.1\""),
    )
    .unwrap();
    refused(&[&a1, &old, &a3], "was made by avesim 0.0.1");
    // Not a shard at all.
    refused(&[&a1, t], "is not a shard");
    // Shards run in Dutch: merge refuses in Dutch too, without being told.
    let nl = t.join("nl");
    shard(&file, &nl, 1, 3, &["--lang", "nl"]);
    let done = avesim()
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .arg("merge")
        .arg(&nl)
        .arg("--out")
        .arg(t.join("nl-merged"))
        .assert()
        .code(2);
    let err = String::from_utf8(done.get_output().stderr.clone()).unwrap();
    assert!(err.contains("fout: shards 2, 3 van 3 ontbreken"), "{err}");
    // And the three that belong together merge.
    avesim()
        .args(["merge", "--quiet"])
        .args([&a1, &a2, &a3])
        .arg("--out")
        .arg(t.join("merged"))
        .assert()
        .success();
}

#[test]
fn a_shard_number_outside_the_shards_or_without_a_scheduler_is_refused() {
    for (shard, env) in [
        ("3/2", None),
        ("0/2", None),
        ("auto/2", None),
        ("auto/2", Some(("JOB_COMPLETION_INDEX", "2"))),
    ] {
        let mut c = avesim();
        c.args([
            "sweep",
            "--vary",
            "vhh.coordinators=2,3",
            "--lang",
            "en",
            "--shard",
            shard,
        ]);
        if let Some((k, v)) = env {
            c.env(k, v);
        }
        let done = c.assert().code(2);
        let err = String::from_utf8(done.get_output().stderr.clone()).unwrap();
        assert!(err.contains("--shard"), "{err}");
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            std::fs::copy(&path, to.join(path.file_name().unwrap())).unwrap();
        }
    }
}
