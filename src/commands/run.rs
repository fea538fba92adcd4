//! `avesim run`: one scenario, all its replications, every result file, the charts and the report.

use crate::lang::Text;
use std::path::{Path, PathBuf};
use std::time::Instant;

use super::{
    CommandError, Common, commit, flag_overrides, internal, load_with, refuse_if_too_long,
    result_dir, run_err, say_notes,
};
use crate::experiment::alarm::{Alarm, YearFinding};
use crate::experiment::warnings::Warning;
use crate::experiment::{self, RunResults};
use crate::output::files::{AlarmNote, RunFacts, WarningNote, join_case_parts};
use crate::output::recorder::replicate_recorded;
use crate::output::{self, charts, report};
use crate::scenario::Loaded;

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
    /// What a reader must know before trusting the headline numbers.
    pub warnings: Vec<Warning>,
    /// Each alarm and the first calendar year it fires in.
    pub alarms: Vec<(Alarm, YearFinding)>,
}

/// Run a scenario (the embedded default without `path`) into a result folder.
pub fn run(
    path: Option<&Path>,
    common: &Common,
    cases: bool,
    trace: bool,
) -> Result<RunOutcome, CommandError> {
    let alarms = Alarm::parse_all(&common.alarms).map_err(CommandError::Input)?;
    let (loaded, source) = load_with(path, &common.with, &common.sets, flag_overrides(common)?)?;
    say_notes(&loaded, common.lang);
    let (scenario, params) = (&loaded.scenario, &loaded.params);
    let opts = common.options();
    refuse_if_too_long(
        &[params],
        experiment::thread_count(params, &opts),
        Text::new("run", "run"),
        common,
    )?;
    let dir = result_dir(common, scenario.name.clone())?;
    let cases_dir = cases.then(|| dir.path().to_path_buf());
    let trace_path = trace.then(|| dir.path().join("trace.csv"));
    let replicate = |_: usize, rep: u32| {
        replicate_recorded(params, rep, trace_path.as_ref(), cases_dir.as_ref())
    };
    let started = Instant::now();
    let results = experiment::run_many_with(
        &[(scenario, params)],
        &opts,
        true,
        &scenario.name,
        &replicate,
    )
    .map_err(|e| run_err(e, &dir))?
    .remove(0);
    let warnings = experiment::warnings::warnings(params, &results);
    let alarms: Vec<(Alarm, YearFinding)> = alarms
        .into_iter()
        .map(|a| {
            let f = a.first_year(&results, &params.run);
            (a, f)
        })
        .collect();
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
        changes: common.sets.clone(),
        warnings: WarningNote::of(&warnings),
        alarms: AlarmNote::of(&alarms),
    };
    // The files are independent of each other: written side by side, the report last (it
    // inlines the charts). Each is the same whatever the order.
    let write_csvs = || {
        output::write_results(
            dir.path(),
            scenario,
            params,
            &results,
            &facts,
            &loaded.provenance,
        )
        .map_err(internal)
    };
    let write_workbook = || -> Result<(), CommandError> {
        let cases_rows = if cases {
            join_case_parts(dir.path(), params.run.replications).map_err(internal)?;
            Some(count_rows(&dir.path().join("cases.csv")).map_err(internal)?)
        } else {
            None
        };
        output::excel::write_xlsx(
            common.lang,
            dir.path(),
            params,
            &results,
            &facts,
            cases_rows,
        )
        .map_err(|e| internal(format!("writing results.xlsx: {e}")))
    };
    let draw = || -> Result<Option<Vec<charts::ChartInfo>>, CommandError> {
        if !common.charts {
            return Ok(None);
        }
        charts::write_charts(
            common.lang,
            &dir.path().join("charts"),
            &scenario.name,
            params,
            &results,
        )
        .map(Some)
        .map_err(internal)
    };
    let (csvs, (workbook, drawn)) = rayon::join(write_csvs, || rayon::join(write_workbook, draw));
    csvs?;
    workbook?;
    if let Some(drawn) = drawn? {
        report::write_report(
            common.lang,
            dir.path(),
            scenario,
            params,
            &results,
            &facts,
            &drawn,
            &loaded.provenance,
            &warnings,
            &alarms,
        )
        .map_err(|e| internal(format!("writing report.html: {e}")))?;
    }
    let path = commit(dir, common)?;
    let report = common.charts.then(|| path.join("report.html"));
    Ok(RunOutcome {
        loaded,
        results,
        path,
        report,
        warnings,
        alarms,
    })
}

/// Data rows of a CSV file (lines after the header).
fn count_rows(path: &Path) -> std::io::Result<u64> {
    use std::io::BufRead as _;
    let file = std::io::BufReader::new(std::fs::File::open(path)?);
    let mut lines = 0u64;
    for line in file.split(b'\n') {
        line?;
        lines += 1;
    }
    Ok(lines.saturating_sub(1))
}
