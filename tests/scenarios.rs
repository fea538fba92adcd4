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

/// Issue 13, item 1: every number graded B or C in a shipped scenario or layer file states its
/// plausible range next to it (`| range LOW..HIGH: why`), the value lies inside, and base.toml
/// states exactly the register's ranges (so `check`, the report and the sensitivity studies
/// read one set of ranges).
#[test]
fn every_assumed_number_in_the_scenario_files_carries_its_plausible_range() {
    use avesim::scenario::register::{lookup, parse_range};
    let mut files: Vec<std::path::PathBuf> = Vec::new();
    for dir in [
        "scenarios",
        "scenarios/own-size",
        "scenarios/recommendations",
        "scenarios/what-if",
    ] {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "toml") {
                files.push(p);
            }
        }
    }
    let (mut ranged, mut missing) = (0, Vec::new());
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let mut section: Option<String> = Some(String::new());
        let mut header_grade = String::new();
        for (n, line) in text.lines().enumerate() {
            let t = line.trim();
            if let Some(rest) = t.strip_prefix("[[") {
                let _ = rest;
                section = None;
                continue;
            }
            if let Some(rest) = t.strip_prefix('[') {
                let (name, after) = rest.split_once(']').unwrap();
                section = Some(name.trim().to_string());
                header_grade = after
                    .split_once("# [")
                    .map_or(String::new(), |(_, g)| g.chars().take(1).collect());
                continue;
            }
            let (Some(sec), Some((k, rest))) = (&section, t.split_once('=')) else {
                continue;
            };
            let k = k.trim();
            if k.is_empty() || k.contains(' ') || k.starts_with('#') {
                continue;
            }
            let full = if sec.is_empty() {
                k.to_string()
            } else {
                format!("{sec}.{k}")
            };
            let key = full.strip_prefix("recommendation.target.").unwrap_or(&full);
            let Some(p) = lookup(key) else { continue };
            let Some(reg_range) = p.range else { continue };
            let (value, comment) = rest.split_once('#').unwrap_or((rest, ""));
            let value = value.trim();
            let numeric =
                value.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '[' || c == '{');
            let grade = comment
                .trim()
                .strip_prefix('[')
                .map_or(header_grade.clone(), |g| g.chars().take(1).collect());
            let grade = if grade.is_empty() {
                p.evidence
                    .grade()
                    .map_or(String::new(), |g| g.letter().to_string())
            } else {
                grade
            };
            if !numeric || !(grade == "B" || grade == "C") || value == "true" || value == "false" {
                continue;
            }
            let at = format!("{}:{} {full}", file.display(), n + 1);
            match comment.rsplit_once("| range ") {
                None => missing.push(at),
                Some((_, r)) => {
                    let r = parse_range(r).unwrap_or_else(|e| panic!("{at}: {e}"));
                    assert!(!r.why.is_empty(), "{at}: the range says why");
                    if file.ends_with("base.toml") {
                        assert_eq!(
                            (r.low, r.high),
                            (reg_range.low, reg_range.high),
                            "{at}: base.toml states the register's range"
                        );
                    }
                    ranged += 1;
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "without a range next to the value: {missing:#?}"
    );
    assert!(ranged > 150, "{ranged} ranges found");
}
