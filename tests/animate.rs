//! `avesim animate`: the recorded year keeps every case (what is on the screen at the end is
//! what is in progress then), two identical setups play identical reels, and the page is
//! one self-contained file of a few MB.

mod common;

use assert_cmd::Command;
use avesim::experiment::animate::{NO_TEAM, Place, record};
use avesim::experiment::story::summaries;

#[test]
fn the_screen_at_the_end_of_the_year_holds_exactly_the_cases_in_progress() {
    let src = std::fs::read_to_string("scenarios/leeuwarden.toml").unwrap();
    let (_, p) = common::scenario(&src, &["run.horizon_days=1096", "run.warmup_days=365"]);
    let (from, days) = (400u32, 365u32);
    let movie = record(&p, 0, from, days).unwrap();
    // Replay: where each case stands.
    let mut at = std::collections::HashMap::new();
    for s in movie.start.iter().chain(&movie.steps) {
        if s[2] == Place::Gone as u32 {
            at.remove(&s[1]);
        } else {
            at.insert(s[1], s[2]);
        }
        assert!(s[3] >= 2 && s[3] <= 4, "a phase: {s:?}");
        assert!(
            s[4] < u32::from(movie.teams) || s[4] == u32::from(NO_TEAM),
            "a team: {s:?}"
        );
    }
    assert!(
        movie.steps.windows(2).all(|w| w[0][0] <= w[1][0]),
        "in time order"
    );
    let (t0, t1) = (f64::from(from) * 24.0, f64::from(from + days) * 24.0);
    let cases = &summaries(&p, 1, 1).unwrap()[0];
    let in_progress = |t: f64| {
        cases
            .iter()
            .filter(|s| s.arrived < t && s.closed.is_none_or(|c| c.0 >= t))
            .count()
    };
    assert_eq!(movie.start.len(), in_progress(t0), "at the start");
    assert_eq!(at.len(), in_progress(t1), "at the end");
    assert!(at.len() > 1000);
    assert!(!movie.crises.is_empty() && !movie.upscalings.is_empty());
    assert!(!movie.zsm.is_empty());
}

#[test]
fn two_identical_setups_play_identical_reels_and_the_page_is_small() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("a");
    Command::cargo_bin("avesim")
        .unwrap()
        .args([
            "animate",
            "--quiet",
            "--versus-set",
            "run.threads=1",
            "--lang",
            "nl",
        ])
        .args([
            "--set",
            "run.horizon_days=800",
            "--set",
            "run.warmup_days=365",
        ])
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let page = std::fs::read_to_string(out.join("animation.html")).unwrap();
    assert!(page.len() < 5_000_000, "{} bytes", page.len());
    assert!(
        !page.contains("http://") && !page.contains("https://"),
        "no network"
    );
    let data = page
        .split("const DATA=")
        .nth(1)
        .and_then(|s| s.split(";\nconst T=").next())
        .unwrap();
    let reels: serde_json::Value = serde_json::from_str(data).unwrap();
    let (a, b) = (&reels[0], &reels[1]);
    assert!(a["steps"].as_array().unwrap().len() > 10_000);
    for k in ["start", "steps", "crises", "ups", "zsm"] {
        assert_eq!(a[k], b[k], "{k}");
    }
    assert!(page.contains("Een jaar aan de tafels") && page.contains("Afspelen"));
}

#[test]
fn a_year_outside_the_run_is_refused() {
    let assert = Command::cargo_bin("avesim")
        .unwrap()
        .args(["animate", "--year", "1990", "--lang", "en"])
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(err.contains("--year 1990") && err.contains("2014"), "{err}");
}
