//! `avesim sensitivity`: Morris screening of every ranged assumption. An assumption with no
//! effect in the scenario (ZSM's reading in a joint system, where the system is bridged) gets
//! μ* of exactly zero on common random numbers; every row holds its μ* inside its interval.

use assert_cmd::Command;

#[test]
fn an_assumption_without_effect_gets_mu_star_zero_and_rows_are_complete() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("s");
    Command::cargo_bin("avesim")
        .unwrap()
        .args([
            "sensitivity",
            "--trajectories",
            "2",
            "--reps",
            "2",
            "--quiet",
        ])
        .args([
            "--set",
            "run.horizon_days=500",
            "--set",
            "run.warmup_days=100",
        ])
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let mut r = csv::Reader::from_path(out.join("sensitivity.csv")).unwrap();
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    let acute: Vec<&csv::StringRecord> = rows
        .iter()
        .filter(|x| &x[0] == "acute_crises_per_1000")
        .collect();
    assert!(acute.len() > 50, "{} assumptions screened", acute.len());
    assert_eq!(
        rows.len() % acute.len(),
        0,
        "every metric has every assumption"
    );
    // A metric a short run cannot measure is empty: NaN here.
    let f = |x: &csv::StringRecord, i: usize| x[i].parse::<f64>().unwrap_or(f64::NAN);
    for x in &rows {
        let (mu_star, lo, hi) = (f(x, 8), f(x, 9), f(x, 10));
        if mu_star.is_finite() {
            assert!(lo <= mu_star + 1e-12 && mu_star <= hi + 1e-12, "{x:?}");
        }
        assert!(f(x, 4) < f(x, 5), "a range: {x:?}");
        assert!(matches!(&x[3], "B" | "C"), "{x:?}");
    }
    for key in ["link.read_prob_joint", "zsm.read_hours_joint"] {
        let row = rows
            .iter()
            .find(|x| &x[0] == "zsm_informed_share" && &x[2] == key)
            .unwrap();
        assert_eq!(f(row, 8), 0.0, "{key} does nothing in a bridged system");
    }
    assert!(f(acute[0], 8) > 0.0, "something moves acute crises");
    assert!(
        acute.windows(2).all(|w| f(w[0], 8) >= f(w[1], 8)),
        "ranked by mu*"
    );
    assert!(
        !rows.iter().any(|x| &x[2] == "growth.multiplier"),
        "levers are not assumptions"
    );
}

#[test]
fn an_odd_number_of_levels_is_refused() {
    let assert = Command::cargo_bin("avesim")
        .unwrap()
        .args(["sensitivity", "--levels", "3", "--lang", "en"])
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(err.contains("--levels"), "{err}");
}
