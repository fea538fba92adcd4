//! Scenario files: the embedded default, layering with `extends`, and robustness of
//! loading and running against any value of any key.

mod common;

use std::panic::{AssertUnwindSafe, catch_unwind};

use avesim::model::{Quiet, run_replication};
use avesim::scenario::{
    DEFAULT_SCENARIO, Override, Scenario, load_default, load_file, register as params,
};

#[test]
fn the_embedded_default_equals_the_documented_defaults() {
    let (from_file, _) = common::scenario(DEFAULT_SCENARIO, &[]);
    assert_eq!(
        from_file,
        Scenario::default(),
        "scenarios/leeuwarden.toml and the code defaults differ"
    );
}

#[test]
fn a_region_file_overrides_its_base_and_extends_errors_are_clear() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("base.toml"),
        "name = \"base\"\n[vhh]\ncoordinators = 7\nplan_days = { dist = \"fixed\", value = 3.0 }\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("region.toml"),
        "extends = \"base.toml\"\nname = \"region\"\n[vhh]\nplan_days = { dist = \"exponential\", mean = 9.0 }\n",
    )
    .unwrap();
    let (s, _) = load_file(&dir.path().join("region.toml"), &[]).unwrap();
    assert_eq!(s.name, "region");
    assert_eq!(s.vhh.coordinators, 7);
    assert_eq!(
        s.vhh.plan_days,
        avesim::scenario::DurationSpec::exponential(9.0)
    );

    std::fs::write(
        dir.path().join("a.toml"),
        "extends = \"b.toml\"\nname = \"a\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.toml"),
        "name = \"b\"\nextends = \"a.toml\"\n",
    )
    .unwrap();
    let e = load_file(&dir.path().join("a.toml"), &[])
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("cycle") && e.contains("line 2") && e.contains("extends"),
        "{e}"
    );

    std::fs::write(
        dir.path().join("c.toml"),
        "name = \"c\"\nextends = \"missing.toml\"\n",
    )
    .unwrap();
    let e = load_file(&dir.path().join("c.toml"), &[])
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("missing.toml") && e.contains("does not exist") && e.contains("line 2"),
        "{e}"
    );
}

#[test]
fn no_value_of_any_key_makes_loading_or_running_panic() {
    let value = toml::Value::try_from(Scenario::default()).unwrap();
    let candidates = [
        "-1",
        "0",
        "0.5",
        "1e9",
        "1000000",
        "1e300",
        "99999",
        "1e-300",
        "\"x\"",
        "true",
        "[]",
        "[0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]",
    ];
    let mut ran = 0;
    for (key, _) in params::leaves(&value) {
        for v in candidates {
            let sets = [
                format!("{key}={v}"),
                "run.horizon_days=20".to_string(),
                "run.warmup_days=2".to_string(),
            ];
            // The key under test wins: apply it last.
            let overrides: Vec<Override> = sets
                .iter()
                .rev()
                .map(|s| Override::parse(s).unwrap())
                .collect();
            let loaded = catch_unwind(|| load_default(&overrides));
            let Ok(result) = loaded else {
                panic!("loading panicked for {key}={v}")
            };
            if let Ok((_, p)) = result {
                let outcome = catch_unwind(AssertUnwindSafe(|| {
                    run_replication(&p, 0, Quiet).0.metrics.len()
                }));
                assert!(outcome.is_ok(), "running panicked for {key}={v}");
                ran += 1;
            }
        }
    }
    assert!(ran > 100, "too few valid variants ran: {ran}");
}

#[test]
fn a_set_distribution_replaces_the_old_one_and_a_set_leaf_changes_one_parameter() {
    let (s, _) = common::scenario(
        DEFAULT_SCENARIO,
        &[
            "zsm.service_hours={dist=\"exponential\",mean=2.0}",
            "vhh.plan_days.mean=40",
        ],
    );
    assert_eq!(
        s.zsm.service_hours,
        avesim::scenario::DurationSpec::exponential(2.0)
    );
    assert_eq!(
        s.vhh.plan_days,
        avesim::scenario::DurationSpec::gamma(40.0, 0.5)
    );
}

#[test]
fn docs_model_explains_every_parameter() {
    let doc = std::fs::read_to_string("docs/model.md").unwrap();
    let mut missing = Vec::new();
    for p in params::all() {
        // `arrivals.social.weekly_profile` and `vhh.hours.days` are explained by their last parts.
        let needle = p.key.as_str();
        let short = needle.trim_start_matches("dynamics.");
        if !doc.contains(needle) && !doc.contains(short.rsplit('.').next().unwrap()) {
            missing.push(p.key.clone());
        }
    }
    assert!(
        missing.is_empty(),
        "docs/model.md does not mention {missing:?}"
    );
}

#[test]
fn every_value_is_described_by_the_file_and_line_that_set_it() {
    let loaded =
        avesim::scenario::load_file_traced(std::path::Path::new("scenarios/rotterdam.toml"), &[])
            .unwrap();
    // Set by the region file, with the study fact on its line.
    let d = params::describe("link.system", &loaded.provenance, avesim::lang::Lang::En);
    assert_eq!(d.tag, "B §6.5 l.3902");
    assert_eq!(d.grade, "B");
    assert!(
        d.quote
            .starts_with("registreren in ons gezamenlijk systeem"),
        "{}",
        d.quote
    );
    assert!(
        d.set_in.starts_with("scenarios/rotterdam.toml, line"),
        "{}",
        d.set_in
    );
    // In a table the region also touches ([zsm]), but set only by the base.
    let d = params::describe(
        "zsm.decision_target_hours",
        &loaded.provenance,
        avesim::lang::Lang::En,
    );
    assert_eq!(d.tag, "A §2.3 l.531");
    assert_eq!(d.quote, "binnen de wettelijke termijn van zes uur");
    assert!(
        d.set_in.starts_with("scenarios/base.toml, line"),
        "{}",
        d.set_in
    );
    // Overridden on the command line.
    let sets = [Override::parse("vhh.coordinators=9").unwrap()];
    let loaded =
        avesim::scenario::load_file_traced(std::path::Path::new("scenarios/rotterdam.toml"), &sets)
            .unwrap();
    assert_eq!(
        params::describe(
            "vhh.coordinators",
            &loaded.provenance,
            avesim::lang::Lang::En
        )
        .set_in,
        "--set vhh.coordinators=9"
    );
}
