//! `avesim story`: the story is the trace of that family, the other setup's family is the same
//! family, kinds are found or said to be absent, and how typical a contrast is adds up and
//! covers what many more replications show.

mod common;

use std::path::Path;

use assert_cmd::Command;
use avesim::experiment::story::{Direction, Kind, summaries, typical};
use serde_json::Value;

fn avesim() -> Command {
    Command::cargo_bin("avesim").unwrap()
}

/// Four years with one of warm-up: enough families of every common kind, quick to run.
const SHORT: [&str; 4] = [
    "--set",
    "run.horizon_days=1461",
    "--set",
    "run.warmup_days=365",
];

fn json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn a_story_is_exactly_that_familys_rows_of_the_trace() {
    let tmp = tempfile::tempdir().unwrap();
    let (story, run) = (tmp.path().join("story"), tmp.path().join("run"));
    avesim()
        .args([
            "story", "--kind", "stalled", "--reps", "2", "--quiet", "--lang", "en",
        ])
        .args(SHORT)
        .arg("--out")
        .arg(&story)
        .assert()
        .success();
    let j = json(&story.join("story.json"));
    assert_eq!(j["kind"], "stalled");
    assert_eq!(
        j["replication"], 0,
        "the first replication has a stalled family"
    );
    let side = &j["sides"][0];
    let case = side["case"].as_u64().unwrap().to_string();
    let events = side["events"].as_array().unwrap();
    // A stalled story scales up on stalled cooperation.
    assert!(events.iter().any(|e| {
        e["event"] == "opschaling_ave3"
            && e["detail"]
                .as_str()
                .unwrap()
                .starts_with("stalled_cooperation")
    }));
    avesim()
        .args(["run", "--trace", "--reps", "1", "--quiet", "--no-charts"])
        .args(SHORT)
        .arg("--out")
        .arg(&run)
        .assert()
        .success();
    let mut trace = csv::Reader::from_path(run.join("trace.csv")).unwrap();
    let rows: Vec<Vec<String>> = trace
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .filter(|r: &Vec<String>| r[5] == case)
        .collect();
    let told: Vec<Vec<String>> = events
        .iter()
        .map(|e| {
            [
                "time_h", "day", "datetime", "event", "desk", "case", "detail",
            ]
            .iter()
            .map(|k| e[*k].as_str().unwrap().to_string())
            .collect()
        })
        .collect();
    assert!(told.len() >= 5, "{told:?}");
    assert_eq!(
        told, rows,
        "story.json events against trace.csv rows of case {case}"
    );
    // Every event is told in words, with a clock time.
    assert!(
        events
            .iter()
            .all(|e| !e["text"].as_str().unwrap().is_empty() || e["event"] == "zsm_start")
    );
    for f in ["story.html", "story.md", "timeline.png", "timeline.svg"] {
        assert!(
            std::fs::metadata(story.join(f)).unwrap().len() > 1000,
            "{f}"
        );
    }
}

#[test]
fn the_other_setup_tells_the_same_family_and_says_how_typical_the_contrast_is() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("versus");
    let assert = avesim()
        .args([
            "story", "--kind", "complex", "--reps", "6", "--quiet", "--lang", "nl",
        ])
        .args(SHORT)
        .args(["--versus", "scenarios/what-if/no-advice.toml"])
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let j = json(&out.join("story.json"));
    let (a, b) = (&j["sides"][0], &j["sides"][1]);
    assert_eq!(a["scenario"], "leeuwarden");
    assert_eq!(b["scenario"], "leeuwarden-no-advice");
    // The same family: arrival moment, domains, complexity and youth.
    for k in ["arrived_time_h", "domains", "complex", "youth", "family"] {
        assert_eq!(a[k], b[k], "{k}");
    }
    assert_eq!(
        a["events"][0],
        b["events"][0].clone().tap_case(&a["events"][0])
    );
    // Shares of better, the same and worse add up, and each interval holds its share.
    let t = &j["typical"];
    let shares = t["shares"].as_array().unwrap();
    let sum: f64 = shares.iter().map(|s| s["share"].as_f64().unwrap()).sum();
    assert!((sum - 1.0).abs() < 1e-9, "{sum}");
    for s in shares {
        let (v, lo, hi) = (
            s["share"].as_f64().unwrap(),
            s["low"].as_f64().unwrap(),
            s["high"].as_f64().unwrap(),
        );
        assert!(lo <= v && v <= hi && hi > lo, "{s}");
    }
    assert!(t["families"].as_u64().unwrap() > 50);
    // Without --family, avesim picks a family whose contrast goes the usual way.
    assert_eq!(t["exception"], false);
    let page = std::fs::read_to_string(out.join("story.html")).unwrap();
    assert!(page.contains("tegenover"), "the setups are named in Dutch");
    assert!(page.contains("id=\"typical\""));
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    assert!(stdout.contains("pagina:"), "{stdout}");
}

/// `serde_json` values compared without the case id (it may differ between setups).
trait TapCase {
    fn tap_case(self, like: &Value) -> Value;
}
impl TapCase for Value {
    fn tap_case(mut self, like: &Value) -> Value {
        self["case"] = like["case"].clone();
        self
    }
}

#[test]
fn the_same_setup_on_both_sides_is_the_same_for_every_family() {
    // A change that changes nothing (the thread count): every family fares the same, and the
    // interval of "the same" reaches 1.
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("same");
    avesim()
        .args(["story", "--kind", "late", "--reps", "3", "--quiet"])
        .args(SHORT)
        .args(["--versus-set", "run.threads=1"])
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let j = json(&out.join("story.json"));
    assert!(j["parted_time_h"].is_null(), "the paths never part");
    let same = &j["typical"]["shares"][1];
    assert_eq!(same["direction"], "same");
    assert_eq!(same["share"], 1.0);
    assert_eq!(same["high"], 1.0);
    assert_eq!(j["typical"]["shares"][0]["share"], 0.0);
    assert_eq!(j["typical"]["exception"], false);
}

#[test]
fn a_kind_that_never_occurs_is_said_with_how_to_get_one() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("none");
    let assert = avesim()
        .args(["story", "--kind", "overflow", "--reps", "2", "--lang", "en"])
        .args(SHORT)
        .args(["--set", "overflow.when_full_share=0"])
        .arg("--out")
        .arg(&out)
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(err.contains("overflow") && err.contains("--reps"), "{err}");
    assert!(
        err.contains("kinds that did occur") && err.contains("stalled"),
        "{err}"
    );
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(!out.exists(), "nothing written");
    // A kind that does not exist lists the kinds.
    let assert = avesim()
        .args(["story", "--kind", "lat", "--lang", "en"])
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(err.contains("late, stalled"), "{err}");
    // A misspelt kind gets a guess.
    let assert = avesim()
        .args(["story", "--kind", "stalld", "--lang", "en"])
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(err.contains("did you mean `stalled`"), "{err}");
    // --kind list says how common each kind is.
    let assert = avesim()
        .args(["story", "--kind", "list", "--reps", "2", "--lang", "nl"])
        .args(SHORT)
        .assert()
        .success();
    let out = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    assert!(
        out.contains("per jaar") && out.contains("over-the-fence"),
        "{out}"
    );
}

#[test]
fn a_family_from_another_stream_is_refused_under_a_setup_that_changes_arrivals() {
    let tmp = tempfile::tempdir().unwrap();
    let assert = avesim()
        .args(["story", "--family", "40", "--reps", "2", "--lang", "en"])
        .args(SHORT)
        .args(["--versus-set", "arrivals.social.per_day=20"])
        .arg("--out")
        .arg(tmp.path().join("x"))
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(err.contains("not the same family"), "{err}");
}

/// The shares of families of a kind that fare better, the same or worse under another
/// setup, each from 8 replications, have intervals that hold the share 48 replications give
/// (the "known value", known far more precisely): in at least 16 of the 18 directions and
/// blocks of six disjoint blocks of 8 (about 95% of intervals should).
#[test]
fn typical_shares_cover_the_share_of_many_more_replications() {
    let src = std::fs::read_to_string("scenarios/leeuwarden.toml").unwrap();
    let sets = ["run.horizon_days=1096", "run.warmup_days=365"];
    let (_, a) = common::scenario(&src, &sets);
    let mut other_sets = sets.to_vec();
    other_sets.push("criteria.preset=\"informal\"");
    let (_, b) = common::scenario(&src, &other_sets);
    let kind = Kind::named("complex").unwrap();
    let from = 365.0 * 24.0;
    let (sa, sb) = (summaries(&a, 48, 2).unwrap(), summaries(&b, 48, 2).unwrap());
    let known = typical(kind, &sa, &sb, from);
    let mut covered = 0;
    for block in sa.chunks(8).zip(sb.chunks(8)) {
        let few = typical(kind, block.0, block.1, from);
        assert!(few.families > 100, "{}", few.families);
        let sum: f64 = few.shares.iter().map(|s| s.share).sum();
        assert!((sum - 1.0).abs() < 1e-12);
        for d in Direction::ALL {
            let (k, f) = (known.shares[d.index()], few.shares[d.index()]);
            covered += u32::from(f.low <= k.share && k.share <= f.high);
        }
    }
    assert!(
        covered >= 16,
        "{covered} of 18 intervals hold the share of 48 replications"
    );
}

#[test]
fn a_family_of_another_kind_is_refused_with_the_kinds_it_is() {
    let tmp = tempfile::tempdir().unwrap();
    let story = tmp.path().join("s");
    avesim()
        .args(["story", "--kind", "stalled", "--reps", "2", "--quiet"])
        .args(SHORT)
        .arg("--out")
        .arg(&story)
        .assert()
        .success();
    let family = json(&story.join("story.json"))["family"]
        .as_str()
        .unwrap()
        .to_string();
    let assert = avesim()
        .args([
            "story", "--kind", "ave4", "--family", &family, "--reps", "2", "--lang", "en",
        ])
        .args(SHORT)
        .arg("--out")
        .arg(tmp.path().join("t"))
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(
        err.contains("is not of the kind `ave4`") && err.contains("stalled"),
        "{err}"
    );
    assert!(!tmp.path().join("t").exists());
}
