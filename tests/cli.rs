//! End-to-end runs of the `avesim` binary: result files, reproducibility, atomic output
//! folders and clear errors for bad input.

mod common;

use std::fs;
use std::path::Path;

use assert_cmd::Command;

fn avesim() -> Command {
    Command::cargo_bin("avesim").unwrap()
}

const SHORT: [&str; 6] = [
    "--set",
    "run.horizon_days=150",
    "--set",
    "run.warmup_days=30",
    "--reps",
    "4",
];

/// Every file below `dir`, as paths relative to it, sorted.
fn tree(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(
                tree(&p)
                    .into_iter()
                    .map(|q| Path::new(p.file_name().unwrap()).join(q)),
            );
        } else {
            out.push(std::path::PathBuf::from(p.file_name().unwrap()));
        }
    }
    out.sort();
    out
}

#[test]
fn default_run_writes_every_result_file_with_the_model_metric_names() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("res");
    avesim()
        .args(["run", "--quiet", "--out"])
        .arg(&out)
        .args(SHORT)
        .assert()
        .success();
    assert_eq!(
        common::names_in(&out),
        [
            ".avesim-manifest.json",
            "charts",
            "distributions.csv",
            "hourly.csv",
            "replications.csv",
            "report.html",
            "results.xlsx",
            "run.json",
            "scenario.resolved.toml",
            "summary.csv",
            "timeseries.csv",
            "yearly.csv"
        ]
    );
    let summary = fs::read_to_string(out.join("summary.csv")).unwrap();
    let mut lines = summary.lines();
    assert_eq!(
        lines.next(),
        Some("metric,unit,mean,ci95_low,ci95_high,replications")
    );
    let names: Vec<&str> = lines.map(|l| l.split(',').next().unwrap()).collect();
    let expected: Vec<&str> = avesim::model::METRICS.iter().map(|m| m.name).collect();
    assert_eq!(names, expected);
    let ts = fs::read_to_string(out.join("timeseries.csv")).unwrap();
    let mut rows = ts.lines();
    assert_eq!(rows.next(), Some("day,date,series,mean,ci95_low,ci95_high"));
    // Day 0 is the start date (2015-01-01) less the warm-up of the short run.
    let first: Vec<&str> = rows.next().unwrap().split(',').collect();
    assert_eq!(first[..3], ["0", "2014-12-02", "cases_ave2"]);
    let run: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.join("run.json")).unwrap()).unwrap();
    assert_eq!(run["replications"], 4);
    assert!(run["events"].as_u64().unwrap() > 10_000);
    // Nothing is left behind next to the result folder.
    assert_eq!(common::names_in(tmp.path()), ["res"]);
}

#[test]
fn results_are_byte_identical_whatever_the_thread_count() {
    let tmp = tempfile::tempdir().unwrap();
    for threads in ["1", "2", "3"] {
        avesim()
            .args([
                "run",
                "--quiet",
                "--cases",
                "--trace",
                "--threads",
                threads,
                "--out",
            ])
            .arg(tmp.path().join(threads))
            .args(SHORT)
            .assert()
            .success();
    }
    let names = tree(&tmp.path().join("1"));
    assert!(names.contains(&"cases.csv".into()) && names.contains(&"trace.csv".into()));
    assert!(names.contains(&Path::new("charts").join("phases.png")));
    // run.json holds the wall time, and the manifest its hash.
    for name in names
        .iter()
        .filter(|n| *n != Path::new("run.json") && *n != Path::new(".avesim-manifest.json"))
    {
        let one = fs::read(tmp.path().join("1").join(name)).unwrap();
        for other in ["2", "3"] {
            assert!(
                one == fs::read(tmp.path().join(other).join(name)).unwrap(),
                "{} differs between 1 and {other} threads",
                name.display()
            );
        }
    }
}

#[test]
fn the_resolved_scenario_reproduces_the_results() {
    let tmp = tempfile::tempdir().unwrap();
    let first = tmp.path().join("first");
    avesim()
        .args([
            "run",
            "--quiet",
            "--seed",
            "42",
            "--set",
            "growth.multiplier=1.5",
            "--out",
        ])
        .arg(&first)
        .args(SHORT)
        .assert()
        .success();
    let second = tmp.path().join("second");
    avesim()
        .args(["run", "--quiet", "--out"])
        .arg(&second)
        .arg(first.join("scenario.resolved.toml"))
        .assert()
        .success();
    // run.json (wall time), report.html (names the file each value was set in),
    // results.xlsx (its "about" sheet names the source and the --set changes) and the
    // manifest (their hashes) may differ.
    let reproduced = tree(&first);
    assert!(reproduced.len() > 15);
    for name in reproduced.iter().filter(|n| {
        ![
            ".avesim-manifest.json",
            "run.json",
            "report.html",
            "results.xlsx",
        ]
        .iter()
        .any(|skip| *n == Path::new(skip))
    }) {
        assert!(
            fs::read(first.join(name)).unwrap() == fs::read(second.join(name)).unwrap(),
            "{} differs when run again from scenario.resolved.toml",
            name.display()
        );
    }
}

use predicates::prelude::PredicateBooleanExt;

/// Each bad scenario: file text, extra args, and what the message must name.
fn bad_inputs() -> Vec<(&'static str, String, Vec<&'static str>, Vec<&'static str>)> {
    vec![
        (
            "empty file",
            String::new(),
            vec![],
            vec!["bad.toml", "empty"],
        ),
        (
            "invalid TOML",
            "name = \"x\"\n[run\nseed = 1\n".into(),
            vec![],
            vec!["bad.toml", "line 2", "invalid TOML"],
        ),
        (
            "unknown key",
            "name = \"x\"\n[criteria]\nadherance = 0.5\n".into(),
            vec![],
            vec![
                "bad.toml",
                "line 3",
                "criteria.adherance",
                "did you mean `adherence`",
            ],
        ),
        (
            "a key of avesim 0.1",
            "name = \"x\"\n[dynamics.complex]\ncrisis_served = 0.5\n".into(),
            vec![],
            vec![
                "bad.toml",
                "line 3",
                "dynamics.complex.crisis_served",
                "is now dynamics.complex.incident_served (avesim 0.2)",
            ],
        ),
        (
            "wrong type",
            "name = \"x\"\n[wijkteam]\nteams = \"nine\"\n".into(),
            vec![],
            vec![
                "bad.toml",
                "line 3",
                "wijkteam.teams",
                "expected a whole number",
            ],
        ),
        (
            "zero capacity",
            "name = \"x\"\n\n[vhh]\ncoordinators = 0\n".into(),
            vec![],
            vec!["bad.toml", "line 4", "vhh.coordinators", "at least 1"],
        ),
        (
            "negative capacity",
            "name = \"x\"\n[zsm]\ndesks = -2\n".into(),
            vec![],
            vec!["bad.toml", "line 3", "zsm.desks"],
        ),
        (
            "probability above 1",
            "name = \"x\"\n[link]\nfeedback_prob = 1.5\n".into(),
            vec![],
            vec!["bad.toml", "line 3", "link.feedback_prob", "0 to 1"],
        ),
        (
            "warm-up not shorter than horizon",
            "name = \"x\"\n[run]\nhorizon_days = 100\nwarmup_days = 100\n".into(),
            vec![],
            vec![
                "bad.toml",
                "line 4",
                "run.warmup_days",
                "shorter than the horizon",
            ],
        ),
        (
            "zero replications",
            "name = \"x\"\n[run]\nreplications = 0\n".into(),
            vec![],
            vec!["bad.toml", "line 3", "run.replications"],
        ),
        (
            "opening hours end before they start",
            "name = \"x\"\n[zsm.hours]\nopen = \"20:00\"\nclose = \"08:00\"\n".into(),
            vec![],
            vec!["bad.toml", "line 4", "zsm.hours.close", "open before close"],
        ),
        (
            "invalid distribution parameters",
            "name = \"x\"\n[vhh]\nplan_days = { dist = \"gamma\", mean = -3.0, cv = 0.5 }\n".into(),
            vec![],
            vec!["bad.toml", "line 3", "vhh.plan_days", "mean"],
        ),
        (
            "unknown distribution",
            "name = \"x\"\n[vhh]\nplan_days = { dist = \"gama\", mean = 3.0, cv = 0.5 }\n".into(),
            vec![],
            vec![
                "bad.toml",
                "line 3",
                "vhh.plan_days",
                "did you mean `gamma`",
            ],
        ),
        (
            "bad --set key",
            "name = \"x\"\n".into(),
            vec!["--set", "vhh.coordinatorz=3"],
            vec![
                "--set vhh.coordinatorz=3",
                "vhh.coordinatorz",
                "did you mean `coordinators`",
            ],
        ),
        (
            "bad --set value",
            "name = \"x\"\n".into(),
            vec!["--set", "criteria.adherence=often"],
            vec![
                "--set criteria.adherence=often",
                "criteria.adherence",
                "expected a number, got the text \"often\"",
            ],
        ),
        (
            "bad --set form",
            "name = \"x\"\n".into(),
            vec!["--set", "growth"],
            vec!["--set growth", "key=value"],
        ),
        (
            "decimal comma in a range",
            "name = \"x\"\n[wijkteam]\ncaseload_per_worker = 20 # [C] x | range 15..30,5: why\n"
                .into(),
            vec![],
            vec![
                "line 3",
                "wijkteam.caseload_per_worker",
                "decimals with a point",
            ],
        ),
        (
            "range the wrong way round",
            "name = \"x\"\n[wijkteam]\ncaseload_per_worker = 20 # [C] x | range 30..15: why\n"
                .into(),
            vec![],
            vec!["line 3", "the low end comes first"],
        ),
    ]
}

/// `check` refuses a plausible range that reaches a value its key does not take, notes a
/// `| word` it does not read, and names each assumption held because its value lies outside
/// the range it inherits.
#[test]
fn check_looks_at_the_plausible_ranges_an_uncertainty_study_draws_from() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("x.toml");
    // `check` on a file whose caseload line ends in `comment`: its exit code and stderr.
    let check = |lang: &str, comment: &str| {
        let text =
            format!("name = \"x\"\n[wijkteam]\ncaseload_per_worker = 20 # [C] x {comment}\n");
        fs::write(&file, text).unwrap();
        let out = avesim()
            .args(["check", "--lang", lang])
            .arg(&file)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, stderr) = check("nl", "| range -5..40: why");
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr
            .contains("wijkteam.caseload_per_worker reikt tot -5, een waarde die wijkteam.caseload_per_worker niet kan hebben"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    let (code, stderr) = check("en", "| rnage 15..30: why");
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("line 3: the comment of wijkteam.caseload_per_worker has `| rnage`"),
        "{stderr}"
    );
    let out = avesim()
        .args(["check", "--lang", "en", "scenarios/hollands-midden.toml"])
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        stderr.contains("5 values lie outside the plausible ranges they inherit, so sensitivity and --uncertain hold them at their values: criteria.recognition_per_year = 0 (0.3..3), criteria.adherence = 0 (0.4..0.95)"),
        "{stderr}"
    );
    assert_eq!(
        stderr.matches("note:").count(),
        1,
        "one note for all held values: {stderr}"
    );
}

#[test]
fn bad_input_gets_one_clear_message_exit_code_2_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    for (what, text, args, expected) in bad_inputs() {
        let file = tmp.path().join("bad.toml");
        fs::write(&file, &text).unwrap();
        let out = tmp.path().join("out");
        let assert = avesim()
            .args(["run", "--quiet", "--out"])
            .arg(&out)
            .arg(&file)
            .args(&args)
            .assert()
            .code(2);
        let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
        for needle in expected {
            assert!(
                stderr.contains(needle),
                "{what}: message lacks `{needle}`: {stderr}"
            );
        }
        assert_eq!(stderr.lines().count(), 1, "{what}: one line, got {stderr}");
        assert!(!stderr.contains("panicked"), "{what}: {stderr}");
        assert!(!out.exists(), "{what}: wrote {}", out.display());
        avesim()
            .args(["check"])
            .arg(&file)
            .args(&args)
            .assert()
            .code(2);
    }
    assert_eq!(common::names_in(tmp.path()), ["bad.toml"]);
}

#[test]
fn a_missing_scenario_file_is_named_in_the_error() {
    avesim()
        .args(["check", "no/such/scenario.toml"])
        .assert()
        .code(2)
        .stderr(
            predicates::str::contains("no/such/scenario.toml")
                .and(predicates::str::contains("not found")),
        );
}

/// A region is found by its name whatever its capitals; a misspelt one gets the list.
#[test]
fn a_region_by_name_ignores_capitals_and_a_misspelt_one_gets_the_list() {
    avesim().args(["check", "Breda"]).assert().success();
    avesim()
        .args(["check", "--lang", "en", "bredaa"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "bredaa: no such file, and no region of the study has that name: leeuwarden, breda,",
        ));
}

/// A file that describes itself only in English does not keep its base's Dutch description,
/// and two scenarios with one name get distinct labels in a comparison.
#[test]
fn descriptions_and_names_say_which_scenario_is_which() {
    let tmp = tempfile::tempdir().unwrap();
    let mine = tmp.path().join("mine.toml");
    let base = std::fs::canonicalize("scenarios/leeuwarden.toml").unwrap();
    fs::write(
        &mine,
        format!(
            "extends = \"{}\"\nname = \"leeuwarden\"\ndescription = \"my own test\"\n[link]\nfeedback_prob = 0.5 # [C] mine\n",
            base.display()
        ),
    )
    .unwrap();
    let out = avesim()
        .args(["check", "--lang", "nl"])
        .arg(&mine)
        .assert()
        .success();
    let listing = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(listing.contains("description_nl = \"\""), "{listing}");
    let dir = tmp.path().join("cmp");
    avesim()
        .args(["compare", "--quiet", "--no-charts", "--reps", "2"])
        .args([
            "--set",
            "run.horizon_days=400",
            "--set",
            "run.warmup_days=100",
        ])
        .arg("scenarios/leeuwarden.toml")
        .arg(&mine)
        .arg("--out")
        .arg(&dir)
        .assert()
        .success()
        .stderr(predicates::str::contains(
            "scenario 2 is also called leeuwarden; this comparison shows it as leeuwarden-2",
        ));
    let csv = fs::read_to_string(dir.join("comparison.csv")).unwrap();
    assert!(csv.lines().any(|l| l.starts_with("leeuwarden-2,")));
}

#[test]
fn check_prints_every_parameter_with_unit_and_source() {
    let out = avesim()
        .args(["check", "scenarios/leeuwarden.toml"])
        .assert()
        .success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(text.contains("vhh.coordinators = 4"));
    assert!(text.contains(
        "zsm.decision_target_hours = 6.0    # [hours] [A §2.3 l.531] \"binnen de wettelijke termijn van zes uur\" (scenarios/base.toml, line"
    ), "{text}");
    // A value the preset gives says so.
    assert!(text.contains("criteria.adherence = 0.7    # [probability] [B §5.3.1 l.3020]"));
    assert!(text.contains("(criteria.preset = \"ave\")"));
    assert!(!text.contains("unregistered"), "{text}");
}

#[test]
fn every_scenario_file_passes_check() {
    let mut n = 0;
    for entry in walk(Path::new("scenarios")) {
        if entry.starts_with("scenarios/recommendations") {
            // A layer: laid on the default, and alone it is refused with a hint.
            avesim()
                .arg("check")
                .arg("--with")
                .arg(&entry)
                .assert()
                .success();
            avesim()
                .arg("check")
                .arg(&entry)
                .assert()
                .code(2)
                .stderr(predicates::str::contains("--with"));
        } else {
            avesim().arg("check").arg(&entry).assert().success();
        }
        n += 1;
    }
    assert!(n >= 1);
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() && p.file_name().is_some_and(|n| n != "local") {
            out.extend(walk(&p));
        } else if p.extension().is_some_and(|x| x == "toml") {
            out.push(p);
        }
    }
    out.sort();
    out
}
