//! `avesim sensitivity`: Morris screening of every ranged assumption. An assumption with no
//! effect in the scenario (ZSM's reading in a joint system, where the system is bridged) gets
//! μ* of exactly zero on common random numbers; every row holds its μ* inside its interval.

mod common;

use assert_cmd::Command;
use avesim::experiment::replicate_with;
use avesim::experiment::sensitivity::factors;
use avesim::model::Quiet;

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

/// One at a time, an assumption set to the scenario's own value reproduces the plain run
/// exactly (every assumption screened, one replication of 400 days).
#[test]
fn one_at_a_time_at_its_own_value_reproduces_the_plain_run() {
    let src = std::fs::read_to_string("scenarios/leeuwarden.toml").unwrap();
    let run = ["run.horizon_days=400", "run.warmup_days=100"];
    let (scenario, plain) = common::scenario(&src, &run);
    let resolved = match toml::Value::try_from(scenario.resolved()).unwrap() {
        toml::Value::Table(t) => t,
        _ => unreachable!(),
    };
    let list = factors(&resolved, &avesim::scenario::Provenance::default());
    assert!(list.len() > 50);
    let (want, _) = replicate_with(&plain, 0, Quiet).unwrap();
    for f in &list {
        let set = f.set_value(f.value);
        let mut sets = run.to_vec();
        sets.push(&set);
        let (_, p) = common::scenario(&src, &sets);
        let (got, _) = replicate_with(&p, 0, Quiet).unwrap();
        let same = want
            .metrics
            .iter()
            .zip(&got.metrics)
            .all(|(a, b)| a == b || (a.is_nan() && b.is_nan()));
        assert!(same, "{set} at its own value changed the run");
    }
}

/// `compare --uncertain` with every range collapsed onto the scenario's value is the plain
/// comparison, draw after draw: the same paired difference, and a share of 0 or 1.
#[test]
fn uncertain_with_ranges_collapsed_equals_plain_compare() {
    let tmp = tempfile::tempdir().unwrap();
    let (plain, unc) = (tmp.path().join("plain"), tmp.path().join("unc"));
    let short = [
        "--set",
        "run.horizon_days=500",
        "--set",
        "run.warmup_days=100",
        "--quiet",
    ];
    let pair = [
        "scenarios/leeuwarden.toml",
        "scenarios/what-if/no-advice.toml",
    ];
    Command::cargo_bin("avesim")
        .unwrap()
        .arg("compare")
        .args(pair)
        .args(short)
        .args(["--reps", "4", "--no-charts", "--out"])
        .arg(&plain)
        .assert()
        .success();
    Command::cargo_bin("avesim")
        .unwrap()
        .arg("compare")
        .args(pair)
        .args(short)
        .args([
            "--uncertain",
            "3",
            "--uncertain-width",
            "0",
            "--draw-reps",
            "4",
            "--out",
        ])
        .arg(&unc)
        .assert()
        .success();
    let mut want = std::collections::HashMap::new();
    for r in csv::Reader::from_path(plain.join("differences.csv"))
        .unwrap()
        .records()
    {
        let r = r.unwrap();
        want.insert(r[2].to_string(), r[4].to_string());
    }
    let mut checked = 0;
    for r in csv::Reader::from_path(unc.join("uncertain.csv"))
        .unwrap()
        .records()
    {
        let r = r.unwrap();
        let got: f64 = r[6].parse().unwrap();
        let plain: f64 = want[&r[1]].parse().unwrap();
        assert!(
            (got - plain).abs() <= 1e-12 * plain.abs().max(1.0),
            "{r:?}: {plain}"
        );
        let share: f64 = r[3].parse().unwrap();
        assert!(share == 0.0 || share == 1.0, "{r:?}");
        checked += 1;
    }
    assert!(checked > 10, "{checked} metrics");
    // The report a policy advisor forwards: every metric of uncertain.csv in its table, each
    // with its reading in words.
    let report = std::fs::read_to_string(unc.join("report.html")).unwrap();
    assert_eq!(
        report.matches("<tr>").count(),
        checked + 1,
        "a row per metric"
    );
    assert!(report.contains("still beat leeuwarden if the assumptions are otherwise?"));
    assert!(
        report.contains("too few draws to tell"),
        "3 draws cannot tell"
    );
}

/// What a recommendation changes during the run is what is compared: `--uncertain` holds
/// those keys as each scenario sets them rather than replacing the change with a drawn value.
#[test]
fn uncertain_holds_what_a_scenario_changes_during_the_run() {
    let tmp = tempfile::tempdir().unwrap();
    let rec = tmp.path().join("with-criteria.toml");
    let root = env!("CARGO_MANIFEST_DIR");
    std::fs::write(
        &rec,
        format!(
            "extends = \"{root}/scenarios/breda.toml\"\nname = \"breda-criteria\"\nwith = [\"{root}/scenarios/recommendations/07-criteria.toml\"]\n"
        ),
    )
    .unwrap();
    let assert = Command::cargo_bin("avesim")
        .unwrap()
        .arg("compare")
        .arg("scenarios/breda.toml")
        .arg(&rec)
        .args(["--uncertain", "2", "--draw-reps", "2", "--lang", "en"])
        .args([
            "--set",
            "run.horizon_days=400",
            "--set",
            "run.warmup_days=100",
        ])
        .arg("--out")
        .arg(tmp.path().join("u"))
        .assert()
        .success();
    let out = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    let held = out.lines().next().unwrap_or("");
    assert!(
        held.contains("held as each scenario sets them") && held.contains("criteria.adherence"),
        "{held}"
    );
}

/// A recommendation's own effect is a named, ranged parameter: `recommendation.NAME.effect`
/// over 0..1 scales every target from the region's own value (0: no effect, 1: the targets),
/// so a draw never turns its direction; and only a laid recommendation can be set.
#[test]
fn a_recommendations_effect_is_a_ranged_parameter_that_can_be_drawn() {
    use avesim::experiment::sensitivity::target_factors;
    use avesim::scenario::{LayerSource, Override, load_file_layered};
    let region = std::path::Path::new("scenarios/breda.toml");
    let rec = LayerSource::file(std::path::Path::new(
        "scenarios/recommendations/07-criteria.toml",
    ))
    .unwrap();
    let plain = load_file_layered(region, std::slice::from_ref(&rec), &[]).unwrap();
    let factors = target_factors(&plain.scenario.layers);
    assert_eq!(factors.len(), 1, "{factors:?}");
    let effect = &factors[0];
    assert_eq!(effect.key, "recommendation.criteria.effect");
    assert_eq!((effect.low, effect.high, effect.value), (0.0, 1.0, 1.0));
    let reached = |l: &avesim::scenario::Loaded, key: &str| {
        l.scenario
            .change
            .iter()
            .find(|c| c.key == key)
            .map(|c| match c.to {
                avesim::scenario::changes::Target::Number(v) => v,
                _ => f64::NAN,
            })
            .unwrap()
    };
    let region_only = load_file_layered(region, &[], &[]).unwrap();
    let resolved = toml::Value::try_from(region_only.scenario.resolved()).unwrap();
    let own = |key: &str| match avesim::scenario::value_at(resolved.as_table().unwrap(), key) {
        Some(toml::Value::Float(f)) => *f,
        Some(toml::Value::Integer(i)) => *i as f64,
        other => panic!("{key}: {other:?}"),
    };
    let at = |u: f64| {
        let set = Override::parse(&effect.set(u)).unwrap();
        load_file_layered(region, std::slice::from_ref(&rec), &[set]).unwrap()
    };
    let (none, half) = (at(0.0), at(0.5));
    for key in ["criteria.adherence", "criteria.over_the_fence_per_year"] {
        let (from, full) = (own(key), reached(&plain, key));
        assert_ne!(from, full, "{key} moves");
        assert!(
            (reached(&none, key) - from).abs() < 1e-9,
            "{key}: no effect at 0"
        );
        let mid = reached(&half, key);
        assert!(
            (mid - from) * (full - from) > 0.0,
            "{key}: the same direction at 0.5"
        );
        assert!(
            (mid - from).abs() < (full - from).abs(),
            "{key}: part of the way at 0.5"
        );
    }
    let other = Override::parse("recommendation.advice.effect=0.5").unwrap();
    assert!(
        load_file_layered(region, std::slice::from_ref(&rec), &[other]).is_err(),
        "only a laid recommendation"
    );
    let too_big = Override::parse("recommendation.criteria.effect=1.5").unwrap();
    assert!(
        load_file_layered(region, &[rec], &[too_big]).is_err(),
        "0 to 1"
    );
}

/// `sensitivity --versus`: Morris on the paired difference of two setups. The same setup on
/// both sides differs nowhere, so every μ* is exactly zero; a recommendation laid on a region
/// is screened with its own effect sizes, and what it changes is held, not screened.
#[test]
fn morris_on_the_paired_difference_of_a_recommendation() {
    let tmp = tempfile::tempdir().unwrap();
    let run = |versus: &str, out: &std::path::Path| {
        Command::cargo_bin("avesim")
            .unwrap()
            .args(["sensitivity", "scenarios/breda.toml", "--versus", versus])
            .args([
                "--trajectories",
                "2",
                "--tornado-reps",
                "2",
                "--reps",
                "2",
                "--quiet",
                "--no-charts",
            ])
            .args([
                "--set",
                "run.horizon_days=500",
                "--set",
                "run.warmup_days=100",
            ])
            .arg("--out")
            .arg(out)
            .assert()
            .success();
        let mut r = csv::Reader::from_path(out.join("sensitivity.csv")).unwrap();
        r.records().map(|x| x.unwrap()).collect::<Vec<_>>()
    };
    let same = run("scenarios/breda.toml", &tmp.path().join("same"));
    assert!(same.len() > 100);
    // (A metric the region does not have, such as advice answered in time without an advice
    // function, has no value at all.)
    for row in &same {
        assert!(
            matches!(&row[8], "0" | ""),
            "{row:?}: the same setup on both sides"
        );
    }
    assert!(same.iter().filter(|r| &r[8] == "0").count() > same.len() / 2);
    let rec = run(
        "scenarios/recommendations/07-criteria.toml",
        &tmp.path().join("rec"),
    );
    let keys: Vec<&str> = rec.iter().map(|r| &r[2]).collect();
    assert!(keys.contains(&"recommendation.criteria.effect"));
    assert!(
        !keys.contains(&"criteria.adherence"),
        "what the recommendation changes is held"
    );
    assert!(
        rec.iter().any(|r| r[8].parse::<f64>().unwrap() > 0.0),
        "some assumption moves the difference"
    );
}
