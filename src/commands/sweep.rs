//! `avesim sweep`: a grid of parameter values on common random numbers, with alarms.

use crate::lang::{Lang, Text};
use std::path::{Path, PathBuf};
use std::time::Instant;

use super::{
    CommandError, Common, StudyFacts, commit, flag_overrides, internal, load_with,
    refuse_if_too_long, result_dir, run_loaded, say_notes, study_about, whole_or_shard,
};
use crate::experiment::sweep::{self, Alarm, AlarmFinding, Axis};
use crate::experiment::{self, RunResults};
use crate::output::{self, charts, files, report, study};
use crate::scenario::{Loaded, Params};

/// What a sweep produced.
pub struct SweepOutcome {
    /// The scenario before the varied keys are applied.
    pub base: Loaded,
    /// The varied keys.
    pub axes: Vec<Axis>,
    /// Every point as value indices per axis.
    pub grid: Vec<Vec<usize>>,
    /// Results per point.
    pub results: Vec<RunResults>,
    /// Each alarm and what it found.
    pub alarms: Vec<(Alarm, AlarmFinding)>,
    /// The result folder.
    pub path: PathBuf,
    /// What a reader must know first (in the command's language): lines that never settle,
    /// too few replications.
    pub warnings: Vec<String>,
}

impl SweepOutcome {
    /// "key = value, key2 = value2" of every point, numbers as `lang` writes them.
    pub fn labels(&self, lang: Lang) -> Vec<String> {
        (0..self.grid.len()).map(|k| self.label(k, lang)).collect()
    }

    /// The varied keys, in order.
    pub fn keys(&self) -> Vec<String> {
        self.axes.iter().map(|a| a.key.clone()).collect()
    }

    /// Each point's value of each varied key, as people read it in `lang` (a decimal comma
    /// in Dutch).
    pub fn values(&self, lang: Lang) -> Vec<Vec<String>> {
        self.grid
            .iter()
            .map(|p| {
                self.axes
                    .iter()
                    .zip(p)
                    .map(|(a, &i)| value_in(a, i, lang))
                    .collect()
            })
            .collect()
    }

    /// "key = value, key2 = value2" of point `k`.
    pub fn label(&self, k: usize, lang: Lang) -> String {
        point_label(&self.axes, &self.grid[k], lang)
    }
}

/// Value `i` of an axis as people read it in `lang` (a decimal comma in Dutch).
fn value_in(a: &Axis, i: usize, lang: Lang) -> String {
    let l = &a.labels()[i];
    if a.numeric() { lang.num(l) } else { l.clone() }
}

/// "key = value, key2 = value2" of a point (value indices per axis).
fn point_label(axes: &[Axis], point: &[usize], lang: Lang) -> String {
    axes.iter()
        .zip(point)
        .map(|(a, &i)| format!("{} = {}", a.key, value_in(a, i, lang)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Run every point of a grid (`vary`: `key=v1,v2` or `key=from..to:steps`) on one seed.
pub fn run_sweep(
    path: Option<&Path>,
    vary: &[String],
    alarms: &[String],
    common: &Common,
) -> Result<SweepOutcome, CommandError> {
    let axes = vary
        .iter()
        .map(|v| Axis::parse(v))
        .collect::<Result<Vec<_>, _>>()
        .map_err(CommandError::Input)?;
    let alarms = Alarm::parse_all(alarms).map_err(CommandError::Input)?;
    let flags = flag_overrides(common)?;
    let (base, _) = load_with(path, &common.with, &common.sets, flags.clone())?;
    say_notes(&base, common.lang);
    let grid = sweep::grid(&axes);
    let mut loaded = Vec::with_capacity(grid.len());
    for p in &grid {
        let mut extra = flags.clone();
        extra.extend(sweep::point_overrides(&axes, p));
        loaded.push(load_with(path, &common.with, &common.sets, extra)?.0);
    }
    let params: Vec<&Params> = loaded.iter().map(|l| &l.params).collect();
    let opts = common.options();
    let threads = experiment::thread_count(&base.params, &opts);
    refuse_if_too_long(&params, threads, Text::new("sweep", "reeks"), common)?;
    let dir = result_dir(common, format!("sweep-{}", base.scenario.name))?;
    let started = Instant::now();
    let ran = run_loaded(&loaded, common, Text::new("sweep", "reeks"), &dir)?;
    let (results, dir) = whole_or_shard(ran, dir, common)?;
    study::write_sweep_csv(dir.path(), &axes, &grid, &results).map_err(internal)?;
    output::excel::write_study_xlsx(
        common.lang,
        dir.path(),
        base.params.run.start_date,
        &study_about(common.lang, &[&base], vary, &common.sets),
        &["sweep.csv"],
    )
    .map_err(|e| internal(format!("writing results.xlsx: {e}")))?;
    files::write_resolved(dir.path(), &base.scenario, &base.provenance).map_err(internal)?;
    // Once, for the report, the terminal and the outcome.
    let labels: Vec<String> = grid
        .iter()
        .map(|p| point_label(&axes, p, common.lang))
        .collect();
    let found: Vec<(Alarm, AlarmFinding)> = alarms
        .iter()
        .map(|a| (a.clone(), a.evaluate(&results)))
        .collect();
    let warnings =
        crate::experiment::warnings::study_warnings(common.lang, &labels, &params, &results);
    if common.charts {
        let drawn = charts::write_sweep_charts(
            common.lang,
            &dir.path().join("charts"),
            &base.scenario.name,
            &axes,
            &grid,
            &results,
            &alarms,
        )
        .map_err(internal)?;
        report::write_sweep_report(
            common.lang,
            dir.path(),
            &base.scenario.name,
            &labels,
            &params,
            &results,
            &found,
            &warnings,
            vary,
            &drawn,
            env!("CARGO_PKG_VERSION"),
        )
        .map_err(|e| internal(format!("writing report.html: {e}")))?;
    }
    let facts = StudyFacts {
        avesim_version: env!("CARGO_PKG_VERSION"),
        kind: "sweep",
        scenarios: vec![base.scenario.name.as_str()],
        varied: vary.to_vec(),
        seed: base.params.run.seed,
        replications: base.params.run.replications,
        points: grid.len(),
        threads,
        events: results.iter().map(|r| r.events).sum(),
        wall_s: started.elapsed().as_secs_f64(),
    };
    files::write_json(dir.path(), "run.json", &facts).map_err(internal)?;
    let path = commit(dir, common)?;
    Ok(SweepOutcome {
        base,
        axes,
        grid,
        results,
        alarms: found,
        path,
        warnings,
    })
}
