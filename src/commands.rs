//! The commands behind the command line — run, sweep, compare — as library functions. Each
//! loads its scenarios, runs them, writes a complete result folder and returns what a front
//! end reports. They print nothing; errors say whether the input or avesim is at fault.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::experiment::compare::Difference;
use crate::experiment::sweep::{self, Alarm, Axis};
use crate::experiment::{self, RunError, RunOptions, RunResults};
use crate::interrupt::Interrupted;
use crate::output::files::{self, RunFacts, join_case_parts};
use crate::output::resultdir::ResultDirError;
use crate::output::{self, ResultDir, charts, report, study};
use crate::scenario::{self, Loaded, Override, Params, Scenario, ScenarioError};

/// Why a command failed.
#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    /// Bad input the user can fix (exit code 2).
    #[error("{0}")]
    Input(String),
    /// Something failed inside avesim or the file system (exit code 1).
    #[error("{0}")]
    Internal(String),
    /// Stopped on request; the unfinished results in `out` were removed.
    #[error("stopped by {}: the unfinished results were removed and nothing was written to {}", .by.name(), .out.display())]
    Interrupted {
        /// The signal.
        by: Interrupted,
        /// The result folder that was not written.
        out: PathBuf,
    },
}

impl CommandError {
    /// The process exit code: 2 for input the user can fix, 128 + signal when stopped, 1
    /// otherwise.
    pub fn exit_code(&self) -> u8 {
        match self {
            CommandError::Input(_) => 2,
            CommandError::Internal(_) => 1,
            CommandError::Interrupted { by, .. } => by.exit_code(),
        }
    }
}

/// A run error, naming the result folder that was not written when it was a stop.
fn run_err(e: RunError, dir: &ResultDir) -> CommandError {
    match e {
        RunError::Interrupted(by) => CommandError::Interrupted {
            by,
            out: dir.dest().to_path_buf(),
        },
        other => internal(other),
    }
}

/// Stop before the results are moved into place if a stop was asked for meanwhile.
fn commit(dir: ResultDir) -> Result<PathBuf, CommandError> {
    if let Err(e) = experiment::check_interrupt() {
        return Err(run_err(e, &dir));
    }
    dir.commit().map_err(dir_err)
}

fn dir_err(e: ResultDirError) -> CommandError {
    match e {
        ResultDirError::Refused(msg) => CommandError::Input(msg),
        other => internal(other),
    }
}

impl From<ScenarioError> for CommandError {
    fn from(e: ScenarioError) -> Self {
        CommandError::Input(e.to_string())
    }
}

fn internal(e: impl std::fmt::Display) -> CommandError {
    CommandError::Internal(e.to_string())
}

/// Options every simulating command takes.
#[derive(Debug, Clone, Default)]
pub struct Common {
    /// Output folder (default: a folder under `output/` named after the scenario).
    pub out: Option<PathBuf>,
    /// Replications (overrides `run.replications`).
    pub reps: Option<u32>,
    /// Master seed (overrides `run.seed`).
    pub seed: Option<u64>,
    /// Worker threads (0 = all cores).
    pub threads: Option<u32>,
    /// `key=value` overrides.
    pub sets: Vec<String>,
    /// Replace an existing output folder.
    pub force: bool,
    /// Show a progress bar (on a terminal).
    pub progress: bool,
    /// Draw charts (and, for a run, the report).
    pub charts: bool,
    /// Run even when the estimate says it takes more than an hour.
    pub allow_long: bool,
    /// Where to tell the user what was cleaned up from earlier stopped runs.
    pub notice: Option<fn(&str)>,
}

impl Common {
    fn options(&self) -> RunOptions {
        RunOptions {
            threads: self.threads.map(|t| t as usize),
            progress: self.progress,
            ..Default::default()
        }
    }
}

/// Load a scenario file (or the embedded default) with `--set` and other overrides; also
/// returns how the source is named.
pub fn load(
    path: Option<&Path>,
    sets: &[String],
    extra: Vec<Override>,
) -> Result<(Loaded, String), CommandError> {
    let mut overrides = sets
        .iter()
        .map(|s| Override::parse(s))
        .collect::<Result<Vec<_>, _>>()?;
    overrides.extend(extra);
    Ok(match path {
        Some(path) => (
            scenario::load_file_traced(path, &overrides)?,
            path.display().to_string(),
        ),
        None => (
            scenario::load_default_traced(&overrides)?,
            scenario::DEFAULT_ORIGIN.to_string(),
        ),
    })
}

fn flag_override(key: &str, value: toml::Value) -> Override {
    Override {
        key: key.into(),
        raw: format!("{key}={value}"),
        value,
    }
}

/// `--reps` and `--seed` as overrides.
fn flag_overrides(common: &Common) -> Result<Vec<Override>, CommandError> {
    let mut extra = Vec::new();
    if let Some(r) = common.reps {
        extra.push(flag_override(
            "run.replications",
            toml::Value::Integer(i64::from(r)),
        ));
    }
    if let Some(s) = common.seed {
        let v = i64::try_from(s).map_err(|_| {
            CommandError::Input(format!(
                "--seed {s} is too large: allowed up to {}",
                i64::MAX
            ))
        })?;
        extra.push(flag_override("run.seed", toml::Value::Integer(v)));
    }
    Ok(extra)
}

/// Prepare the result folder: `out`, or `output/<default>`; refuse an existing one unless
/// `force` (and then only one avesim wrote, unchanged); tell what was cleaned up.
fn result_dir(common: &Common, default: String) -> Result<ResultDir, CommandError> {
    let dest = common
        .out
        .clone()
        .unwrap_or_else(|| Path::new("output").join(default));
    let dir = ResultDir::create(&dest, common.force).map_err(dir_err)?;
    if let Some(notice) = common.notice {
        dir.notes().iter().for_each(|n| notice(n));
    }
    Ok(dir)
}

/// Refuse up front a request that would take more than an hour, unless `--allow-long`.
fn refuse_if_too_long(
    params: &[&Params],
    threads: usize,
    what: &str,
    common: &Common,
) -> Result<(), CommandError> {
    if common.allow_long {
        return Ok(());
    }
    let est = sweep::estimate(params, threads);
    if est.seconds > sweep::MAX_SECONDS {
        let reps = params.first().map_or(0, |p| p.run.replications);
        let fewer = (f64::from(reps) / (est.seconds / sweep::MAX_SECONDS).ceil()).floor() as u32;
        let jobs: u32 = params.iter().map(|p| p.run.replications).sum();
        let used = threads.min(jobs.max(1) as usize);
        let mut ways = Vec::new();
        if params.len() > 1 {
            ways.push("fewer points".to_string());
        }
        if fewer >= 2 {
            ways.push(format!("fewer replications (e.g. --reps {fewer})"));
        }
        ways.push("a shorter run.horizon_days".to_string());
        return Err(CommandError::Input(format!(
            "this {what} would process about {:.1e} events, roughly {} on {used} thread{}: more than an hour. \
             Use {}, or add --allow-long to run it anyway",
            est.events,
            duration_words(est.seconds),
            if used == 1 { "" } else { "s" },
            ways.join(", ")
        )));
    }
    Ok(())
}

/// "95 minutes", "40 hours", "3.2e4 days": an estimate in words.
fn duration_words(seconds: f64) -> String {
    let minutes = seconds / 60.0;
    if minutes < 180.0 {
        format!("{minutes:.0} minutes")
    } else if minutes < 72.0 * 60.0 {
        format!("{:.0} hours", minutes / 60.0)
    } else {
        format!(
            "{} days",
            crate::format::message((minutes / 1440.0).round())
        )
    }
}

/// What a run produced.
pub struct RunOutcome {
    /// The scenario as run.
    pub loaded: Loaded,
    /// Aggregated results.
    pub results: RunResults,
    /// The result folder.
    pub path: PathBuf,
    /// `report.html`, when charts were drawn.
    pub report: Option<PathBuf>,
}

/// Run a scenario (the embedded default without `path`) into a result folder.
pub fn run(
    path: Option<&Path>,
    common: &Common,
    cases: bool,
    trace: bool,
) -> Result<RunOutcome, CommandError> {
    let (loaded, source) = load(path, &common.sets, flag_overrides(common)?)?;
    let (scenario, params) = (&loaded.scenario, &loaded.params);
    let opts = common.options();
    refuse_if_too_long(
        &[params],
        experiment::thread_count(params, &opts),
        "run",
        common,
    )?;
    let dir = result_dir(common, scenario.name.clone())?;
    let opts = RunOptions {
        cases_dir: cases.then(|| dir.path().to_path_buf()),
        trace_path: trace.then(|| dir.path().join("trace.csv")),
        ..opts
    };
    let started = Instant::now();
    let results = experiment::run(scenario, params, &opts).map_err(|e| run_err(e, &dir))?;
    let facts = RunFacts {
        avesim_version: env!("CARGO_PKG_VERSION"),
        scenario: scenario.name.clone(),
        source,
        seed: params.run.seed,
        replications: params.run.replications,
        threads: results.threads,
        horizon_days: params.run.horizon_days,
        warmup_days: params.run.warmup_days,
        events: results.events,
        wall_s: started.elapsed().as_secs_f64(),
    };
    output::write_results(dir.path(), scenario, &results, &facts).map_err(internal)?;
    if cases {
        join_case_parts(dir.path(), params.run.replications).map_err(internal)?;
    }
    if common.charts {
        let drawn =
            charts::write_charts(&dir.path().join("charts"), &scenario.name, params, &results)
                .map_err(internal)?;
        report::write_report(
            dir.path(),
            scenario,
            params,
            &results,
            &facts,
            &drawn,
            &loaded.provenance,
        )
        .map_err(|e| internal(format!("writing report.html: {e}")))?;
    }
    let path = commit(dir)?;
    let report = common.charts.then(|| path.join("report.html"));
    Ok(RunOutcome {
        loaded,
        results,
        path,
        report,
    })
}

/// The facts of a sweep or comparison for `run.json`.
#[derive(serde::Serialize)]
struct StudyFacts<'a> {
    avesim_version: &'static str,
    kind: &'static str,
    scenarios: Vec<&'a str>,
    varied: Vec<String>,
    seed: u64,
    replications: u32,
    points: usize,
    threads: usize,
    events: u64,
    wall_s: f64,
}

/// What an alarm found in a sweep.
#[derive(Debug, Clone)]
pub enum AlarmFinding {
    /// The first point (index) whose mean passes the threshold.
    First(usize),
    /// Never passed; the point that came closest and its mean, if any.
    NotReached(Option<(usize, f64)>),
}

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
}

impl SweepOutcome {
    /// "key = value, key2 = value2" of point `k`.
    pub fn label(&self, k: usize) -> String {
        self.axes
            .iter()
            .zip(&self.grid[k])
            .map(|(a, &i)| format!("{} = {}", a.key, a.labels()[i]))
            .collect::<Vec<_>>()
            .join(", ")
    }
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
    let alarms = if alarms.is_empty() {
        Alarm::defaults()
    } else {
        alarms
            .iter()
            .map(|a| Alarm::parse(a))
            .collect::<Result<Vec<_>, _>>()
            .map_err(CommandError::Input)?
    };
    let flags = flag_overrides(common)?;
    let (base, _) = load(path, &common.sets, flags.clone())?;
    let grid = sweep::grid(&axes);
    let mut loaded = Vec::with_capacity(grid.len());
    for p in &grid {
        let mut extra = flags.clone();
        extra.extend(sweep::point_overrides(&axes, p));
        loaded.push(load(path, &common.sets, extra)?.0);
    }
    let params: Vec<&Params> = loaded.iter().map(|l| &l.params).collect();
    let opts = common.options();
    let threads = experiment::thread_count(&base.params, &opts);
    refuse_if_too_long(&params, threads, "sweep", common)?;
    let dir = result_dir(common, format!("sweep-{}", base.scenario.name))?;
    let started = Instant::now();
    let points: Vec<(&Scenario, &Params)> =
        loaded.iter().map(|l| (&l.scenario, &l.params)).collect();
    let results =
        experiment::run_many(&points, &opts, false, "sweep").map_err(|e| run_err(e, &dir))?;
    study::write_sweep_csv(dir.path(), &axes, &grid, &results).map_err(internal)?;
    files::write_resolved(dir.path(), &base.scenario).map_err(internal)?;
    if common.charts {
        charts::write_sweep_charts(
            &dir.path().join("charts"),
            &base.scenario.name,
            &axes,
            &grid,
            &results,
            &alarms,
        )
        .map_err(internal)?;
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
    let path = commit(dir)?;
    let alarms = alarms
        .into_iter()
        .map(|alarm| {
            let finding = match alarm.first(&results) {
                Some(k) => AlarmFinding::First(k),
                None => AlarmFinding::NotReached(
                    results
                        .iter()
                        .enumerate()
                        .filter_map(|(k, r)| r.metric(alarm.metric).map(|i| (k, i.mean)))
                        .filter(|(_, m)| m.is_finite())
                        .max_by(|a, b| {
                            if alarm.above {
                                a.1.total_cmp(&b.1)
                            } else {
                                b.1.total_cmp(&a.1)
                            }
                        }),
                ),
            };
            (alarm, finding)
        })
        .collect();
    Ok(SweepOutcome {
        base,
        axes,
        grid,
        results,
        alarms,
        path,
    })
}

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
}

/// Run several scenarios with the first one's run control (so replications pair up) and
/// compare each with the first.
pub fn run_compare(paths: &[PathBuf], common: &Common) -> Result<CompareOutcome, CommandError> {
    let Some(first_path) = paths.first() else {
        return Err(CommandError::Input(
            "give at least two scenario files to compare".into(),
        ));
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
        run_control.push(flag_override(key, toml::Value::Integer(v)));
    }
    let mut loaded = vec![first];
    for path in &paths[1..] {
        loaded.push(load(Some(path), &common.sets, run_control.clone())?.0);
    }
    let params: Vec<&Params> = loaded.iter().map(|l| &l.params).collect();
    let opts = common.options();
    let threads = experiment::thread_count(&p0, &opts);
    refuse_if_too_long(&params, threads, "comparison", common)?;
    let names: Vec<&str> = loaded.iter().map(|l| l.scenario.name.as_str()).collect();
    let default_dir = if names.len() == 2 {
        format!("compare-{}-{}", names[0], names[1])
    } else {
        format!("compare-{}-and-{}-more", names[0], names.len() - 1)
    };
    let dir = result_dir(common, default_dir)?;
    let started = Instant::now();
    let points: Vec<(&Scenario, &Params)> =
        loaded.iter().map(|l| (&l.scenario, &l.params)).collect();
    let results =
        experiment::run_many(&points, &opts, false, "compare").map_err(|e| run_err(e, &dir))?;
    let differences = study::write_comparison_csv(dir.path(), &results).map_err(internal)?;
    let sets = if common.sets.is_empty() {
        String::new()
    } else {
        format!(
            " Applied to every scenario: `--set {}`.",
            common.sets.join("`, `--set ")
        )
    };
    let facts_line = format!(
        "{} replications × {} days (warm-up {}), seed {}, the same random streams for every scenario (common random numbers); run control of {} applies to all.{sets}",
        p0.run.replications, p0.run.horizon_days, p0.run.warmup_days, p0.run.seed, names[0]
    );
    study::write_comparison_md(dir.path(), &results, &differences, &facts_line)
        .map_err(internal)?;
    if common.charts {
        charts::write_compare_charts(&dir.path().join("charts"), &results).map_err(internal)?;
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
    let path = commit(dir)?;
    Ok(CompareOutcome {
        results,
        differences,
        facts: facts_line,
        path,
    })
}
