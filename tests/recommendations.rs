//! Recommendations as layers, and `avesim advise`:
//! - a layer laid with `with = [...]` in a file is the same as one laid with `--with`, its
//!   `[[change]]` entries are added, and without a bestuurlijke visie its ramped values get
//!   only `governance.reach_without_vision` of the way;
//! - each recommendation moves what its file says it moves (`moves`), in the study's
//!   direction, in a region that lacks it: a paired difference on common random numbers
//!   whose 95% interval excludes zero;
//! - `advise` ranks a recommendation with a known large effect first, and labels one that
//!   changes nothing as noise.

use std::path::{Path, PathBuf};

use avesim::commands::{self, AdviseRequest, Common};
use avesim::lang::Lang;
use avesim::model::metrics::Metric;
use avesim::scenario::changes::Target;
use avesim::scenario::{self, LayerSource, Override};

fn common(out: &Path, reps: u32, sets: &[&str]) -> Common {
    Common {
        out: Some(out.to_path_buf()),
        reps: Some(reps),
        sets: sets.iter().map(|s| s.to_string()).collect(),
        force: true,
        charts: false,
        lang: Lang::En,
        ..Common::default()
    }
}

#[test]
fn a_layer_in_the_file_equals_one_given_with_and_vision_decides_the_reach() {
    let dir = tempfile::tempdir().unwrap();
    let rec =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/recommendations/07-criteria.toml");
    let breda = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/breda.toml");
    let file = dir.path().join("breda-criteria.toml");
    std::fs::write(
        &file,
        format!(
            "extends = {:?}\nname = \"breda\"\nwith = [{:?}]\n",
            breda.display().to_string(),
            rec.display().to_string()
        ),
    )
    .unwrap();
    let in_file = scenario::load_file_traced(&file, &[]).unwrap();
    let given =
        scenario::load_file_layered(&breda, &[LayerSource::file(&rec).unwrap()], &[]).unwrap();
    assert_eq!(in_file.scenario.change, given.scenario.change);
    assert_eq!(given.scenario.name, "breda.criteria");
    // Breda has no vision: adherence 0.5 (informal) gets half the way to 0.7.
    let adherence = |l: &scenario::Loaded| {
        l.scenario
            .change
            .iter()
            .find(|c| c.key == "criteria.adherence")
            .map(|c| c.to.clone())
            .unwrap()
    };
    match adherence(&given) {
        Target::Number(v) => assert!((v - 0.6).abs() < 1e-12, "{v}"),
        other => panic!("{other:?}"),
    }
    let with_vision = scenario::load_file_layered(
        &breda,
        &[LayerSource::file(&rec).unwrap()],
        &[Override::parse("governance.vision=true").unwrap()],
    )
    .unwrap();
    match adherence(&with_vision) {
        Target::Number(v) => assert!((v - 0.7).abs() < 1e-12, "{v}"),
        other => panic!("{other:?}"),
    }
    // A layer's own [[change]] entries are added to the scenario's, not put in their place.
    let kijkdagen =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/recommendations/05-kijkdagen.toml");
    let transition =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/what-if/transition-2015-2018.toml");
    let own = scenario::load_file_traced(&transition, &[])
        .unwrap()
        .scenario
        .change
        .len();
    let laid =
        scenario::load_file_layered(&transition, &[LayerSource::file(&kijkdagen).unwrap()], &[])
            .unwrap()
            .scenario
            .change
            .len();
    assert_eq!(laid, own + 20);
}

/// Each recommendation file with the region it is tried on and any setting it needs to show.
fn cases() -> Vec<(String, String, Vec<&'static str>)> {
    let mut out = Vec::new();
    for (file, _) in scenario::RECOMMENDATIONS {
        let source = LayerSource::embedded(file).unwrap();
        let info = scenario::layers::describe(&source).unwrap().pop().unwrap();
        let r = info.recommendation.clone().unwrap();
        let region = r
            .applies_to
            .first()
            .cloned()
            .unwrap_or_else(|| "leeuwarden".into());
        // Wijkteam capacity shows where families wait: at twice the families.
        let sets = if info.name == "wijkteam-plus-fte" {
            vec!["growth.multiplier=2"]
        } else {
            vec![]
        };
        out.push((info.name, region, sets));
    }
    out
}

#[test]
fn each_recommendation_moves_what_it_says_in_a_region_that_lacks_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    for (name, region, sets) in cases() {
        let request = AdviseRequest {
            region: region.clone(),
            only: vec![name.clone()],
            ..AdviseRequest::default()
        };
        let out = commands::advise(&request, &common(&dir.path().join(&name), 20, &sets)).unwrap();
        let a = &out.advice.advised[0];
        let moves = &a.info.recommendation.as_ref().unwrap().moves;
        assert!(
            !moves.is_empty(),
            "{name}: says nothing about what it moves"
        );
        for m in moves {
            let (up, id) = (m.starts_with('+'), &m[1..]);
            let metric =
                Metric::from_name(id).unwrap_or_else(|| panic!("{name}: unknown metric {id}"));
            let d = a.differences.iter().find(|d| d.metric == metric).unwrap();
            let ok = if up {
                d.paired.low > 0.0
            } else {
                d.paired.high < 0.0
            };
            if !ok {
                failures.push(format!(
                    "{name} in {region}: {m} expected, got {:.4} ({:.4} to {:.4})",
                    d.paired.mean, d.paired.low, d.paired.high
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn advise_ranks_a_known_large_effect_first_and_calls_no_change_noise() {
    let dir = tempfile::tempdir().unwrap();
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/base.toml");
    let region = write(
        dir.path(),
        "testland.toml",
        &format!(
            "extends = {:?}\nname = \"testland\"\n",
            base.display().to_string()
        ),
    );
    let recs = dir.path().join("recs");
    std::fs::create_dir(&recs).unwrap();
    // Recognising complex cases three times as often, and acting on it: fewer acute crises.
    write(
        &recs,
        "big.toml",
        "name = \"big\"\n[recommendation]\ngrade = \"C\"\napplies_to = [\"testland\"]\nimplementation_days = 90\nneeds_vision = false\n[recommendation.target.criteria]\nrecognition_per_year = 3.0\nadherence = 0.95\n",
    );
    // A value the region already has: nothing changes at all.
    write(
        &recs,
        "nothing.toml",
        "name = \"nothing\"\n[recommendation]\ngrade = \"C\"\napplies_to = [\"testland\"]\nimplementation_days = 90\n[recommendation.target.advice]\nmax_wait_days = 10.0\n",
    );
    // A small real effect, so that the order is not trivially the file order.
    write(
        &recs,
        "a-small.toml",
        "name = \"a-small\"\n[recommendation]\ngrade = \"C\"\napplies_to = [\"testland\"]\nneeds_vision = false\n[recommendation.target.criteria]\nrecognition_per_year = 0.8\n",
    );
    let request = AdviseRequest {
        region: region.display().to_string(),
        recommendations: Some(recs),
        ..AdviseRequest::default()
    };
    let out = commands::advise(&request, &common(&dir.path().join("out"), 20, &[])).unwrap();
    let advice = &out.advice;
    assert_eq!(advice.metrics[0], Metric::AcuteCrisesPer1000);
    let name = |i: usize| advice.advised[i].info.name.as_str();
    let first = &advice.ranking[0][0];
    assert_eq!(name(first.index), "big");
    assert!(first.real && first.gain > 0.0, "{first:?}");
    let nothing = advice
        .advised
        .iter()
        .position(|a| a.info.name == "nothing")
        .unwrap();
    for ranking in &advice.ranking {
        let p = ranking.iter().find(|p| p.index == nothing).unwrap();
        assert!(!p.real, "no change labelled real: {p:?}");
        assert!(p.difference.paired.low <= 0.0 && p.difference.paired.high >= 0.0);
    }
    // The files of an advice.
    for f in [
        "advice.csv",
        "comparison.csv",
        "differences.csv",
        "results.xlsx",
        "run.json",
    ] {
        assert!(out.path.join(f).is_file(), "{f}");
    }
    let csv = std::fs::read_to_string(out.path.join("advice.csv")).unwrap();
    assert!(csv.lines().nth(1).unwrap().contains(",1,big,"), "{csv}");
}

#[test]
fn advise_at_a_regions_own_size_lays_its_overlay_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let request = AdviseRequest {
        region: "midden-limburg".into(),
        only: vec!["criteria".into()],
        own_size: true,
        ..AdviseRequest::default()
    };
    let mut c = common(&dir.path().join("out"), 4, &["run.horizon_days=1095"]);
    c.charts = true;
    let out = commands::advise(&request, &c).unwrap();
    assert_eq!(out.advice.region, "midden-limburg-own-size");
    let report = std::fs::read_to_string(out.path.join("report.html")).unwrap();
    assert!(
        report.contains("scenarios/own-size/"),
        "the report says the region is at its own size"
    );
    // Leeuwarden is at its own size already; a file name is refused with --own-size.
    let bad = AdviseRequest {
        region: "scenarios/breda.toml".into(),
        own_size: true,
        ..AdviseRequest::default()
    };
    assert!(matches!(
        commands::advise(&bad, &common(&dir.path().join("bad"), 2, &[])),
        Err(commands::CommandError::Input(_))
    ));
}

#[test]
fn a_region_and_a_recommendation_may_be_named_instead_of_given_as_files() {
    let (loaded, _) = commands::load_with(
        Some(Path::new("breda")),
        &[PathBuf::from("criteria")],
        &[],
        Vec::new(),
    )
    .unwrap();
    assert_eq!(loaded.scenario.name, "breda.criteria");
    let (by_file, _) = commands::load_with(
        Some(Path::new("breda")),
        &[PathBuf::from("07-criteria.toml")],
        &[],
        Vec::new(),
    )
    .unwrap();
    assert_eq!(by_file.scenario.change, loaded.scenario.change);
    assert!(matches!(
        commands::load_with(
            Some(Path::new("breda")),
            &[PathBuf::from("criterias")],
            &[],
            Vec::new()
        ),
        Err(commands::CommandError::Input(_))
    ));
}

/// `advise --uncertain N`: every recommendation is judged against the region on N draws of
/// the assumptions, its own effect sizes among them; the report and uncertain.csv say how it
/// holds, and the plain ranking is the same as without it.
#[test]
fn advise_under_uncertain_assumptions_judges_each_recommendation_and_keeps_the_ranking() {
    let dir = tempfile::tempdir().unwrap();
    let plain_req = AdviseRequest {
        region: "breda".into(),
        only: vec!["criteria".into(), "advice".into()],
        ..AdviseRequest::default()
    };
    let doubt_req = AdviseRequest {
        uncertain: Some(4),
        draw_reps: 2,
        ..plain_req.clone()
    };
    let sets = ["run.horizon_days=1095"];
    let plain = commands::advise(&plain_req, &common(&dir.path().join("plain"), 3, &sets)).unwrap();
    let mut c = common(&dir.path().join("doubt"), 3, &sets);
    c.charts = true;
    let doubt = commands::advise(&doubt_req, &c).unwrap();
    assert!(plain.advice.doubt.is_none());
    let d = doubt.advice.doubt.as_ref().expect("judged under doubt");
    assert_eq!((d.draws, d.reps), (4, 2));
    assert!(d.assumptions > 80, "{} assumptions drawn", d.assumptions);
    assert_eq!(d.readings.len(), 2);
    for cells in &d.readings {
        assert_eq!(cells.len(), doubt.advice.metrics.len());
        for c in cells {
            let (share, low, high) = c.share;
            assert!(
                (0.0..=1.0).contains(&share) && low <= share && share <= high,
                "{share} {low} {high}"
            );
            assert!(!c.words.get(Lang::En).is_empty() && !c.words.get(Lang::Nl).is_empty());
        }
    }
    let places = |a: &avesim::experiment::advise::Advice| {
        a.ranking[0].iter().map(|p| p.index).collect::<Vec<_>>()
    };
    assert_eq!(
        places(&plain.advice),
        places(&doubt.advice),
        "the ranking itself is unchanged"
    );
    let csv = std::fs::read_to_string(doubt.path.join("uncertain.csv")).unwrap();
    assert!(csv.lines().count() > 2 * 4, "{csv}");
    let report = std::fs::read_to_string(doubt.path.join("report.html")).unwrap();
    assert!(report.contains("id=\"uncertain\""));
}
