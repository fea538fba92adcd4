//! Results are never lost: `--force` replaces only an unchanged avesim result folder; a
//! replacement stopped at any moment leaves the destination whole and is cleaned up by the
//! next run; Ctrl-C and SIGTERM leave nothing behind; hostile scenario paths, deep `extends`
//! chains, huge files and overflowing values are refused with one line and exit 2.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command as StdCommand, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::Command;

mod common;
use common::names_in;

const SHORT: [&str; 7] = [
    "--reps",
    "2",
    "--no-charts",
    "--set",
    "run.horizon_days=120",
    "--set",
    "run.warmup_days=10",
];

fn avesim() -> Command {
    let mut c = Command::cargo_bin("avesim").unwrap();
    c.timeout(Duration::from_secs(300));
    c
}

fn hidden_in(dir: &Path) -> Vec<String> {
    names_in(dir)
        .into_iter()
        .filter(|n| n.starts_with('.'))
        .collect()
}

/// Run avesim into `out` and return (exit code, stderr).
fn run_into(out: &Path, extra: &[&str]) -> (i32, String) {
    let o = avesim()
        .args(["run", "--quiet", "--out"])
        .arg(out)
        .args(SHORT)
        .args(extra)
        .output()
        .unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn user_error(code: i32, stderr: &str, needle: &str) {
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert!(!stderr.contains("internal"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    assert!(stderr.contains(needle), "lacks `{needle}`: {stderr}");
}

/// Every file under `dir` with its contents.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(p) = stack.pop() {
        for e in fs::read_dir(&p).unwrap() {
            let e = e.unwrap();
            if e.file_type().unwrap().is_dir() {
                stack.push(e.path());
            } else {
                out.push((e.path(), fs::read(e.path()).unwrap()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn force_replaces_an_unchanged_avesim_result_folder_and_nothing_else() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("res");
    assert_eq!(run_into(&out, &[]).0, 0);
    assert!(out.join(".avesim-manifest.json").is_file());
    let (code, err) = run_into(&out, &["--seed", "9"]);
    user_error(code, &err, "add --force to replace it");
    let (code, err) = run_into(&out, &["--force", "--seed", "9"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        fs::read_to_string(out.join("run.json"))
            .unwrap()
            .contains("\"seed\": 9")
    );

    // An advisor edits summary.csv: it is the advisor's work now.
    let edited = fs::read_to_string(out.join("summary.csv")).unwrap() + "my note,,,,,\n";
    fs::write(out.join("summary.csv"), &edited).unwrap();
    let (code, err) = run_into(&out, &["--force"]);
    user_error(code, &err, "summary.csv changed");
    assert_eq!(fs::read_to_string(out.join("summary.csv")).unwrap(), edited);

    // A note saved next to the results is refused the same way.
    let out2 = tmp.path().join("res2");
    assert_eq!(run_into(&out2, &[]).0, 0);
    fs::write(out2.join("notes.txt"), "mine").unwrap();
    let (code, err) = run_into(&out2, &["--force"]);
    user_error(code, &err, "notes.txt added");
    assert_eq!(fs::read_to_string(out2.join("notes.txt")).unwrap(), "mine");
    assert!(
        hidden_in(tmp.path()).is_empty(),
        "{:?}",
        hidden_in(tmp.path())
    );
}

#[test]
fn force_never_deletes_a_folder_avesim_did_not_write() {
    let tmp = tempfile::tempdir().unwrap();
    // A project folder, with an earlier result inside its output/.
    let project = tmp.path().join("project");
    fs::create_dir_all(project.join("scenarios")).unwrap();
    fs::create_dir_all(project.join("output")).unwrap();
    fs::write(project.join("Cargo.toml"), "[package]\n").unwrap();
    fs::write(project.join("scenarios/mine.toml"), "name = \"mine\"\n").unwrap();
    fs::write(project.join("output/.gitkeep"), "").unwrap();
    assert_eq!(run_into(&project.join("output/earlier"), &[]).0, 0);
    let before = snapshot(&project);
    for out in [project.clone(), project.join("output")] {
        let o = avesim()
            .current_dir(&project)
            .args(["run", "--quiet", "--force", "--out"])
            .arg(&out)
            .args(SHORT)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr).into_owned();
        user_error(
            o.status.code().unwrap(),
            &err,
            "not a result folder avesim wrote",
        );
        assert_eq!(snapshot(&project), before, "--out {}", out.display());
    }
    // `--out .` names no folder of its own.
    let o = avesim()
        .current_dir(&project)
        .args(["run", "--quiet", "--force", "--out", "."])
        .args(SHORT)
        .output()
        .unwrap();
    user_error(
        o.status.code().unwrap(),
        &String::from_utf8_lossy(&o.stderr),
        "names no folder",
    );
    assert_eq!(snapshot(&project), before);
}

#[test]
fn out_naming_a_file_leaves_the_file_exactly_as_it_was() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("results.csv");
    fs::write(&file, "my numbers\n").unwrap();
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(&fs::metadata(&file).unwrap());
    for force in [false, true] {
        let extra: &[&str] = if force { &["--force"] } else { &[] };
        let (code, err) = run_into(&file, extra);
        user_error(code, &err, "is a file, not a result folder");
        assert_eq!(fs::read_to_string(&file).unwrap(), "my numbers\n");
        #[cfg(unix)]
        assert_eq!(
            std::os::unix::fs::MetadataExt::ino(&fs::metadata(&file).unwrap()),
            inode
        );
    }
    assert_eq!(names_in(tmp.path()), ["results.csv"]);
}

#[test]
fn path_mistakes_are_user_errors_with_a_plain_message() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("a-file");
    fs::write(&file, "x").unwrap();
    let (code, err) = run_into(&file.join("sub/res"), &[]);
    user_error(code, &err, "is a file, not a folder");
    let (code, err) = run_into(&tmp.path().join("x".repeat(300)), &[]);
    user_error(code, &err, "use at most 200");
    let (code, err) = run_into(&tmp.path().join("  "), &[]);
    user_error(code, &err, "blank");
    let (code, err) = run_into(&tmp.path().join("a\nb"), &[]);
    user_error(code, &err, "control character");
    #[cfg(unix)]
    {
        let link = tmp.path().join("link");
        std::os::unix::fs::symlink(tmp.path().join("nowhere"), &link).unwrap();
        let (code, err) = run_into(&link, &[]);
        user_error(code, &err, "does not exist");
        assert!(fs::symlink_metadata(&link).is_ok() && !tmp.path().join("nowhere").exists());
    }
    assert!(
        hidden_in(tmp.path()).is_empty(),
        "{:?}",
        hidden_in(tmp.path())
    );
}

/// Hold the lock a run writing `name` in `parent` would hold.
fn hold_lock(parent: &Path, name: &str) -> fs::File {
    let f = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(parent.join(format!(".{name}.avesim-lock")))
        .unwrap();
    f.try_lock().unwrap();
    f
}

#[test]
fn a_concurrent_writer_is_refused_and_its_folders_are_left_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let lock = hold_lock(tmp.path(), "res");
    let (code, err) = run_into(&tmp.path().join("res"), &[]);
    user_error(code, &err, "another avesim run is writing this folder");
    drop(lock);

    // A folder being written by a live run (its lock held) survives other runs' cleaning.
    let busy = tmp.path().join(".busy.avesim-4242-ab.tmp");
    fs::create_dir(&busy).unwrap();
    fs::write(busy.join("summary.csv"), "partial").unwrap();
    fs::write(busy.join(".avesim-writing"), "").unwrap();
    let lock = hold_lock(tmp.path(), "busy");
    let (code, err) = run_into(&tmp.path().join("other"), &[]);
    assert_eq!(code, 0, "{err}");
    assert!(busy.join("summary.csv").exists());
    drop(lock);
    // Once nobody holds it, it is stale: the next run removes it and says so.
    let (code, err) = run_into(&tmp.path().join("third"), &[]);
    assert_eq!(code, 0, "{err}");
    assert!(!busy.exists());
    assert!(
        err.contains("removed") && err.contains(".busy.avesim-4242-ab.tmp"),
        "{err}"
    );
}

#[test]
fn a_replacement_stopped_halfway_is_restored_by_the_next_run() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("res");
    assert_eq!(run_into(&out, &[]).0, 0);
    let before = snapshot(&out);
    // What a run stopped between "move the old folder aside" and "move the new one in"
    // leaves where the platform has no atomic exchange.
    let aside = tmp.path().join(".res.avesim-777-1f.old");
    fs::rename(&out, &aside).unwrap();
    let partial = tmp.path().join(".res.avesim-777-2f.tmp");
    fs::create_dir(&partial).unwrap();
    fs::write(partial.join("summary.csv"), "half").unwrap();
    fs::write(partial.join(".avesim-writing"), "").unwrap();
    let (code, err) = run_into(&tmp.path().join("another"), &[]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("restored"), "{err}");
    let restored: Vec<_> = snapshot(&out)
        .into_iter()
        .map(|(p, b)| (aside.join(p.strip_prefix(&out).unwrap()), b))
        .collect();
    let before: Vec<_> = before
        .into_iter()
        .map(|(p, b)| (aside.join(p.strip_prefix(&out).unwrap()), b))
        .collect();
    assert_eq!(restored, before);
    assert!(
        hidden_in(tmp.path()).is_empty(),
        "{:?}",
        hidden_in(tmp.path())
    );
    // And the restored folder is avesim's again: --force may replace it.
    assert_eq!(run_into(&out, &["--force"]).0, 0);
}

/// Start a long run into `out` and wait until its temporary folder exists.
fn start_long_run(out: &Path) -> Child {
    let child = StdCommand::new(assert_cmd::cargo::cargo_bin("avesim"))
        .args(["run", "--quiet", "--cases", "--reps", "400", "--out"])
        .arg(out)
        .args(["--set", "run.horizon_days=3650", "--allow-long"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let parent = out.parent().unwrap();
    let started = Instant::now();
    while !hidden_in(parent).iter().any(|n| n.ends_with(".tmp")) {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "no temporary folder appeared"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    // Let it write some case logs.
    std::thread::sleep(Duration::from_millis(400));
    child
}

#[cfg(unix)]
fn signal(child: &Child, sig: &str) {
    let ok = StdCommand::new("kill")
        .args([format!("-{sig}"), child.id().to_string()])
        .status()
        .unwrap()
        .success();
    assert!(ok);
}

#[cfg(unix)]
fn wait_with_guard(child: Child) -> std::process::Output {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    rx.recv_timeout(Duration::from_secs(120))
        .expect("the stopped run did not end within two minutes")
        .unwrap()
}

#[cfg(unix)]
#[test]
fn ctrl_c_and_sigterm_stop_the_run_and_leave_nothing_behind() {
    for (sig, code, name) in [("INT", 130, "Ctrl-C"), ("TERM", 143, "SIGTERM")] {
        let tmp = tempfile::tempdir().unwrap();
        // Into folders that do not exist yet: they go again with the unfinished results.
        let out = tmp.path().join("new1/new2/res");
        let child = start_long_run(&out);
        signal(&child, sig);
        let o = wait_with_guard(child);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(code), "{sig}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(name) && err.contains("removed"), "{err}");
        assert!(
            names_in(tmp.path()).is_empty(),
            "{:?}",
            names_in(tmp.path())
        );
    }
}

#[cfg(unix)]
#[test]
fn after_sigkill_the_next_run_removes_what_was_left_and_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("res");
    let child = start_long_run(&out);
    signal(&child, "KILL");
    let o = wait_with_guard(child);
    assert_eq!(o.status.code(), None, "killed by a signal");
    assert!(hidden_in(tmp.path()).iter().any(|n| n.ends_with(".tmp")));
    let (code, err) = run_into(&tmp.path().join("next"), &[]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("removed") && err.contains("stopped before it finished"),
        "{err}"
    );
    assert_eq!(names_in(tmp.path()), ["next"]);
}

fn check(path: &Path) -> (i32, String) {
    let o = avesim().arg("check").arg(path).output().unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[cfg(unix)]
#[test]
fn scenario_paths_that_are_not_plain_files_are_refused_before_reading() {
    let tmp = tempfile::tempdir().unwrap();
    let fifo = tmp.path().join("pipe.toml");
    assert!(
        StdCommand::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    for path in [
        fifo.as_path(),
        Path::new("/dev/zero"),
        Path::new("/dev/stdin"),
    ] {
        let (code, err) = check(path);
        user_error(code, &err, "not a regular file");
    }
    let (code, err) = check(tmp.path());
    user_error(code, &err, "is a folder");
    let big = tmp.path().join("big.toml");
    fs::write(
        &big,
        format!("name = \"big\"\n{}", "# padding\n".repeat(600_000)),
    )
    .unwrap();
    let (code, err) = check(&big);
    user_error(code, &err, "at most 4 MB");
    // A base that is a pipe is refused the same way.
    let top = tmp.path().join("top.toml");
    fs::write(&top, "name = \"top\"\nextends = \"pipe.toml\"\n").unwrap();
    let (code, err) = check(&top);
    user_error(code, &err, "not a regular file");
}

#[test]
fn an_extends_chain_of_any_depth_gets_an_answer_not_a_crash() {
    let tmp = tempfile::tempdir().unwrap();
    let n = 6000;
    for i in 0..n {
        let body = if i + 1 < n {
            format!("name = \"l{i}\"\nextends = \"l{}.toml\"\n", i + 1)
        } else {
            "name = \"last\"\n".to_string()
        };
        fs::write(tmp.path().join(format!("l{i}.toml")), body).unwrap();
    }
    let (code, err) = check(&tmp.path().join("l0.toml"));
    user_error(code, &err, "more than 32 files deep");
    // A short chain is fine.
    let (code, err) = check(&tmp.path().join(format!("l{}.toml", n - 5)));
    assert_eq!(code, 0, "{err}");
}

/// Run `f` on another thread and fail if it does not finish within `secs` (a hang guard, not
/// a timing).
fn within<T: Send + 'static>(secs: u64, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(Duration::from_secs(secs))
        .unwrap_or_else(|_| panic!("did not finish within {secs} s"))
}

#[test]
fn a_file_with_fifty_thousand_keys_gets_an_answer() {
    for section in ["run", "zzz", "vhh.extra"] {
        let mut src = format!("name = \"many\"\n[{section}]\n");
        for i in 0..50_000 {
            src.push_str(&format!("k{i} = {i} # a comment\n"));
        }
        let result = within(60, move || {
            avesim::scenario::load_str(&src, "many.toml", None, &[]).map(|_| ())
        });
        let err = result.expect_err("unknown keys are refused");
        assert!(err.to_string().contains("unknown key"), "{err}");
    }
}

#[test]
fn overflowing_values_and_unsafe_names_are_refused_naming_the_key() {
    let cases: [(&str, &str); 6] = [
        (
            "arrivals.social.weekly_profile=[1e308,1e308,1e308,1e308,1e308,1e308,1e308]",
            "arrivals.social.weekly_profile",
        ),
        (
            "case.domain_weights=[1e308,1e308,1e308,1e308,1e308]",
            "case.domain_weights",
        ),
        (
            "criteria.inexperience_lift=1e300",
            "criteria.inexperience_lift",
        ),
        ("wijkteam.skill_sd=1e200", "wijkteam.skill_sd"),
        ("name=\"..\"", "name"),
        ("name=\".\"", "name"),
    ];
    for (set, key) in cases {
        let o = avesim().args(["check", "--set", set]).output().unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        user_error(o.status.code().unwrap(), &err, &format!("key `{key}`"));
        assert!(!err.contains("0000000000"), "numbers stay short: {err}");
    }
}

#[test]
fn an_enormous_run_is_refused_up_front_with_the_flag_to_go_ahead() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("huge");
    let o = avesim()
        .timeout(Duration::from_secs(120))
        .args(["run", "--quiet", "--reps", "1000", "--out"])
        .arg(&out)
        .args(["--set", "growth.multiplier=100"])
        .args(["--set", "run.horizon_days=36500"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    user_error(o.status.code().unwrap(), &err, "--allow-long");
    assert!(err.contains("more than an hour"), "{err}");
    assert!(names_in(tmp.path()).is_empty());
}

#[test]
fn messages_stay_on_one_line_with_short_numbers_and_one_rule_for_hours() {
    let o = avesim()
        .args(["check", "--set", "name=\"a\nb\""])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    user_error(o.status.code().unwrap(), &err, "a\\nb");
    let o = avesim()
        .args(["check", "--set", "growth.multiplier=1e308"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    user_error(o.status.code().unwrap(), &err, "got 1e308");
    let rule = "opening hours are \"HH:MM\" from 00:00 to 24:00, open before close";
    for set in [
        "zsm.hours.open=\"25:00\"",
        "zsm.hours.close=\"7 pm\"",
        "vhh.hours.close=\"08:00\"",
    ] {
        let o = avesim().args(["check", "--set", set]).output().unwrap();
        user_error(
            o.status.code().unwrap(),
            &String::from_utf8_lossy(&o.stderr),
            rule,
        );
    }
}

#[test]
fn files_that_only_look_like_avesim_leftovers_are_never_touched() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    fs::write(d.join(".thesis.tmp-99999"), "mine").unwrap();
    fs::write(d.join(".x.avesim-1-a.tmp"), "mine").unwrap();
    fs::create_dir(d.join(".drafts.tmp-4000000.old")).unwrap();
    fs::write(d.join(".drafts.tmp-4000000.old/ch1.txt"), "mine").unwrap();
    fs::create_dir(d.join(".y.avesim-2-b.old")).unwrap();
    let before = snapshot(d);
    let (code, err) = run_into(&d.join("results"), &[]);
    assert_eq!(code, 0, "{err}");
    assert!(
        !err.contains("removed") && !err.contains("restored"),
        "{err}"
    );
    let after: Vec<_> = snapshot(d)
        .into_iter()
        .filter(|(p, _)| !p.starts_with(d.join("results")))
        .collect();
    assert_eq!(after, before);
    assert!(d.join(".y.avesim-2-b.old").is_dir());
}

#[test]
fn force_refuses_a_result_folder_with_a_folder_the_user_added() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("res");
    assert_eq!(run_into(&out, &[]).0, 0);
    fs::create_dir(out.join("mine")).unwrap();
    let (code, err) = run_into(&out, &["--force"]);
    user_error(code, &err, "folder mine added");
    assert!(out.join("mine").is_dir());
}
