//! `avesim compare`: several scenarios on common random numbers, paired with the first.

use crate::lang::Text;
use std::path::PathBuf;
use std::time::Instant;

use super::{
    CommandError, Common, StudyFacts, commit, flag_override, flag_overrides, internal, load,
    refuse_if_too_long, result_dir, run_loaded, say_notes, study_about, whole_or_shard,
};
use crate::experiment::compare::Difference;
use crate::experiment::{self, RunResults};
use crate::output::{self, charts, files, report, study};
use crate::scenario::Params;

/// What a comparison produced.
pub struct CompareOutcome {
    /// Results per scenario, in the order given.
    pub results: Vec<RunResults>,
    /// Each scenario after the first against the first, per metric.
    pub differences: Vec<Vec<Difference>>,
    /// One line saying how the scenarios were run.
    pub facts: String,
    /// The result folder.
    pub path: PathBuf,
    /// What a reader must know first (in the command's language): lines that never settle,
    /// too few replications.
    pub warnings: Vec<String>,
}

/// Run several scenarios with the first one's run control (so replications pair up) and
/// compare each with the first.
pub fn run_compare(paths: &[PathBuf], common: &Common) -> Result<CompareOutcome, CommandError> {
    let Some(first_path) = paths.first() else {
        return Err(CommandError::Input(Text::new(
            "give at least two scenario files to compare",
            "geef minstens twee scenariobestanden om te vergelijken",
        )));
    };
    let flags = flag_overrides(common)?;
    let (first, _) = load(Some(first_path), &common.sets, flags.clone())?;
    let p0 = first.params.clone();
    let mut run_control = flags;
    for (key, v) in [
        ("run.seed", i64::try_from(p0.run.seed).unwrap_or(i64::MAX)),
        ("run.replications", i64::from(p0.run.replications)),
        ("run.horizon_days", i64::from(p0.run.horizon_days)),
        ("run.warmup_days", i64::from(p0.run.warmup_days)),
    ] {
        run_control.push(flag_override(
            key,
            toml::Value::Integer(v),
            format!("{key} of {} (the first scenario)", first_path.display()),
        ));
    }
    say_notes(&first, common.lang);
    let mut loaded = vec![first];
    for path in &paths[1..] {
        loaded.push(load(Some(path), &common.sets, run_control.clone())?.0);
        say_notes(&loaded[loaded.len() - 1], common.lang);
    }
    super::distinct_names(&mut loaded, common.lang);
    let params: Vec<&Params> = loaded.iter().map(|l| &l.params).collect();
    let opts = common.options();
    let threads = experiment::thread_count(&p0, &opts);
    refuse_if_too_long(
        &params,
        threads,
        Text::new("comparison", "vergelijking"),
        common,
    )?;
    let names: Vec<&str> = loaded.iter().map(|l| l.scenario.name.as_str()).collect();
    let default_dir = if names.len() == 2 {
        format!("compare-{}-{}", names[0], names[1])
    } else {
        format!("compare-{}-and-{}-more", names[0], names.len() - 1)
    };
    let dir = result_dir(common, default_dir)?;
    let started = Instant::now();
    let ran = run_loaded(&loaded, common, Text::new("compare", "vergelijking"), &dir)?;
    let (results, dir) = whole_or_shard(ran, dir, common)?;
    let differences = study::write_comparison_csv(dir.path(), &results).map_err(internal)?;
    let lang = common.lang;
    let sets = if common.sets.is_empty() {
        String::new()
    } else {
        let sets = common.sets.join("`, `--set ");
        lang.pick(
            format!(" Applied to every scenario: `--set {sets}`."),
            format!(" Voor elk scenario: `--set {sets}`."),
        )
    };
    let (reps, days, warm, seed, first) = (
        p0.run.replications,
        p0.run.horizon_days,
        p0.run.warmup_days,
        p0.run.seed,
        &names[0],
    );
    let facts_line = lang.pick(
        format!("{reps} replications × {days} days (warm-up {warm}), seed {seed}, the same random streams for every scenario (common random numbers); run control of {first} applies to all.{sets}"),
        format!("{reps} herhalingen × {days} dagen (inloopperiode {warm}), seed {seed}, dezelfde toevalsreeksen voor elk scenario (gemeenschappelijke toevalsgetallen); de instellingen van de run van {first} gelden voor alle scenario's.{sets}"),
    );
    study::write_comparison_md(lang, dir.path(), &results, &differences, &facts_line)
        .map_err(internal)?;
    output::excel::write_study_xlsx(
        lang,
        dir.path(),
        p0.run.start_date,
        &study_about(lang, &loaded.iter().collect::<Vec<_>>(), &[], &common.sets),
        &["comparison.csv", "differences.csv"],
    )
    .map_err(|e| internal(format!("writing results.xlsx: {e}")))?;
    // Once, for the report, the terminal and the outcome.
    let warnings = crate::experiment::warnings::study_warnings(
        common.lang,
        &results.iter().map(|r| r.name.clone()).collect::<Vec<_>>(),
        &params,
        &results,
    );
    if common.charts {
        let drawn = charts::write_compare_charts(common.lang, &dir.path().join("charts"), &results)
            .map_err(internal)?;
        report::write_compare_report(
            common.lang,
            dir.path(),
            &params,
            &results,
            &differences,
            &common.sets,
            &loaded
                .iter()
                .map(|l| l.scenario.description_in(common.lang).to_string())
                .collect::<Vec<_>>(),
            &warnings,
            &drawn,
            env!("CARGO_PKG_VERSION"),
        )
        .map_err(|e| internal(format!("writing report.html: {e}")))?;
    }
    let facts = StudyFacts {
        avesim_version: env!("CARGO_PKG_VERSION"),
        kind: "compare",
        scenarios: names,
        varied: common.sets.clone(),
        seed: p0.run.seed,
        replications: p0.run.replications,
        points: loaded.len(),
        threads,
        events: results.iter().map(|r| r.events).sum(),
        wall_s: started.elapsed().as_secs_f64(),
    };
    files::write_json(dir.path(), "run.json", &facts).map_err(internal)?;
    let path = commit(dir, common)?;
    Ok(CompareOutcome {
        results,
        differences,
        facts: facts_line,
        path,
        warnings,
    })
}
