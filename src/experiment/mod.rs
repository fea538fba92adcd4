//! Experiments: replications in parallel with results that do not depend on the thread
//! count (each replication has its own random streams; results are merged in replication
//! order), and aggregation into means with 95% Student-t intervals.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use crate::interrupt::{self, Interrupted};
use crate::model::metrics::{Diagnostics, METRICS, ReplicationOutput, daily_names};
use crate::model::{Quiet, run_replication_unless};
use crate::output::recorder::Recorder;
use crate::scenario::{Params, Scenario};
use crate::stats::{Interval, Welford};

pub mod bench;
pub mod compare;
pub mod sweep;

/// How to run an experiment (what does not change results).
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    /// Worker threads; `None` uses the scenario's `run.threads` (0 = all cores).
    pub threads: Option<usize>,
    /// Show a progress bar on a terminal.
    pub progress: bool,
    /// Folder for per-replication case logs (`cases-NNNNNN.part`), when wanted.
    pub cases_dir: Option<PathBuf>,
    /// File for the event trace of replication 0, when wanted.
    pub trace_path: Option<PathBuf>,
}

/// One headline metric over replications.
#[derive(Debug, Clone)]
pub struct SummaryRow {
    /// Metric name.
    pub metric: &'static str,
    /// Unit.
    pub unit: &'static str,
    /// Mean and 95% interval.
    pub interval: Interval,
}

/// Everything an experiment produces, aggregated over replications.
#[derive(Debug, Clone)]
pub struct RunResults {
    /// Scenario name.
    pub name: String,
    /// Headline metrics.
    pub summary: Vec<SummaryRow>,
    /// Per replication, per metric (in [`METRICS`] order).
    pub replications: Vec<Vec<f64>>,
    /// Names of the daily series.
    pub series: Vec<String>,
    /// Daily series: `series × day` intervals.
    pub daily: Vec<Vec<Interval>>,
    /// Mean ZSM queue by hour of day.
    pub zsm_queue_by_hour: Vec<Interval>,
    /// Time-to-phase-3 histogram (complex cases, 1-day bins): mean count per replication.
    pub time_to_phase3: Vec<Interval>,
    /// Time-to-late-escalation histogram (1-day bins).
    pub time_to_late: Vec<Interval>,
    /// Per-replication diagnostics.
    pub diagnostics: Vec<Diagnostics>,
    /// Events processed over all replications.
    pub events: u64,
    /// Threads used.
    pub threads: usize,
    /// Wall time.
    pub wall: Duration,
}

impl RunResults {
    /// The summary row of a metric.
    pub fn metric(&self, name: &str) -> Option<&Interval> {
        self.summary
            .iter()
            .find(|r| r.metric == name)
            .map(|r| &r.interval)
    }
}

/// An experiment failed for a reason outside the scenario (I/O, threads).
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// Writing a log failed.
    #[error("writing {path}: {source}")]
    Io {
        /// File.
        path: PathBuf,
        /// Cause.
        source: std::io::Error,
    },
    /// The thread pool could not be built.
    #[error("cannot start worker threads: {0}")]
    Threads(String),
    /// Stopped on request (Ctrl-C, SIGTERM).
    #[error("stopped by {}", .0.name())]
    Interrupted(Interrupted),
}

/// Stop if a stop was asked for.
pub fn check_interrupt() -> Result<(), RunError> {
    interrupt::requested().map_or(Ok(()), |i| Err(RunError::Interrupted(i)))
}

fn stop_requested() -> bool {
    interrupt::requested().is_some()
}

/// Run one replication with `observer`, stopping between simulated days on request.
pub(crate) fn replicate_with<O: crate::model::Observer>(
    params: &Params,
    rep: u32,
    observer: O,
) -> Result<(ReplicationOutput, O), RunError> {
    check_interrupt()?;
    match run_replication_unless(params, rep, observer, &stop_requested) {
        Some(done) => Ok(done),
        None => Err(check_interrupt()
            .err()
            .unwrap_or(RunError::Interrupted(Interrupted { signal: 2 }))),
    }
}

/// Run one replication with the observers the options ask for.
pub fn replicate(
    params: &Params,
    rep: u32,
    opts: &RunOptions,
) -> Result<ReplicationOutput, RunError> {
    let trace = if rep == 0 {
        opts.trace_path.clone()
    } else {
        None
    };
    let cases = opts
        .cases_dir
        .as_ref()
        .map(|d| d.join(format!("cases-{rep:06}.part")));
    match (trace, cases) {
        (None, None) => Ok(replicate_with(params, rep, Quiet)?.0),
        (Some(t), None) => Recorder::<true, false>::open(Some(t), None)?.run(params, rep),
        (None, Some(c)) => Recorder::<false, true>::open(None, Some(c))?.run(params, rep),
        (Some(t), Some(c)) => Recorder::<true, true>::open(Some(t), Some(c))?.run(params, rep),
    }
}

struct Aggregate {
    metrics: Vec<Welford>,
    replications: Vec<Vec<f64>>,
    daily: Vec<Vec<Welford>>,
    hourly: Vec<Welford>,
    hist_phase3: Vec<Welford>,
    hist_late: Vec<Welford>,
    diagnostics: Vec<Diagnostics>,
    events: u64,
}

impl Aggregate {
    fn new(series: usize, days: usize) -> Self {
        Self {
            metrics: vec![Welford::default(); METRICS.len()],
            replications: Vec::new(),
            daily: vec![vec![Welford::default(); days]; series],
            hourly: vec![Welford::default(); 24],
            hist_phase3: Vec::new(),
            hist_late: Vec::new(),
            diagnostics: Vec::new(),
            events: 0,
        }
    }

    fn push_hist(acc: &mut Vec<Welford>, counts: &[u64], reps_before: usize) {
        let used = counts.iter().rposition(|&c| c > 0).map_or(0, |i| i + 1);
        if acc.len() < used {
            // Bins this replication reaches for the first time were zero in earlier ones.
            let mut zero = Welford::default();
            (0..reps_before).for_each(|_| zero.push(0.0));
            acc.resize(used, zero);
        }
        for (i, w) in acc.iter_mut().enumerate() {
            w.push(counts.get(i).copied().unwrap_or(0) as f64);
        }
    }

    fn finish(self, name: &str, series: Vec<String>, threads: usize, wall: Duration) -> RunResults {
        let summary = METRICS
            .iter()
            .zip(&self.metrics)
            .map(|(m, w)| SummaryRow {
                metric: m.name,
                unit: m.unit,
                interval: w.interval(),
            })
            .collect();
        let intervals = |v: &[Welford]| v.iter().map(Welford::interval).collect::<Vec<_>>();
        RunResults {
            name: name.to_string(),
            summary,
            daily: self.daily.iter().map(|s| intervals(s)).collect(),
            series: if self.daily.is_empty() {
                Vec::new()
            } else {
                series
            },
            zsm_queue_by_hour: intervals(&self.hourly),
            time_to_phase3: intervals(&self.hist_phase3),
            time_to_late: intervals(&self.hist_late),
            replications: self.replications,
            diagnostics: self.diagnostics,
            events: self.events,
            threads,
            wall,
        }
    }

    fn push(&mut self, out: ReplicationOutput) {
        let reps_before = self.replications.len();
        for (w, &v) in self.metrics.iter_mut().zip(&out.metrics) {
            w.push(v);
        }
        let base = out.daily.len();
        for (series, values) in self.daily.iter_mut().zip(&out.daily) {
            for (w, &v) in series.iter_mut().zip(values) {
                w.push(f64::from(v));
            }
        }
        if !self.daily.is_empty() {
            for (k, derived) in derived_series(&out.daily).into_iter().enumerate() {
                for (w, v) in self.daily[base + k].iter_mut().zip(derived) {
                    w.push(v);
                }
            }
        }
        for (w, &v) in self.hourly.iter_mut().zip(&out.zsm_queue_by_hour) {
            w.push(v);
        }
        Self::push_hist(
            &mut self.hist_phase3,
            out.time_to_phase3.counts(),
            reps_before,
        );
        Self::push_hist(&mut self.hist_late, out.time_to_late.counts(), reps_before);
        self.events += out.diagnostics.events;
        self.diagnostics.push(out.diagnostics);
        self.replications.push(out.metrics);
    }
}

/// Window of the rolling escalation rates (days).
pub const ROLLING_DAYS: usize = 30;

/// Series derived per replication from the daily series (so their intervals are honest).
pub const DERIVED: [&str; 4] = [
    "escalations_phase3_per_1000_in_progress_30d",
    "escalations_phase4_per_1000_in_progress_30d",
    "late_escalations_per_1000_in_progress_30d",
    "zsm_within_target_share",
];

/// Rolling 30-day escalations per 1,000 cases in progress, and the daily ZSM target share.
fn derived_series(daily: &[Vec<f32>]) -> [Vec<f64>; 4] {
    use crate::model::metrics::Daily;
    let get = |s: Daily| &daily[s as usize];
    let days = get(Daily::Phase2).len();
    let in_progress: Vec<f64> = (0..days)
        .map(|d| {
            f64::from(get(Daily::Phase2)[d])
                + f64::from(get(Daily::Phase3)[d])
                + f64::from(get(Daily::Phase4)[d])
        })
        .collect();
    let rolling = |counts: &[f32]| -> Vec<f64> {
        let (mut sum_c, mut sum_p) = (0.0, 0.0);
        (0..days)
            .map(|d| {
                sum_c += f64::from(counts[d]);
                sum_p += in_progress[d];
                if d >= ROLLING_DAYS {
                    sum_c -= f64::from(counts[d - ROLLING_DAYS]);
                    sum_p -= in_progress[d - ROLLING_DAYS];
                }
                let mean_p = sum_p / ROLLING_DAYS as f64;
                if d + 1 < ROLLING_DAYS || mean_p <= 0.0 {
                    f64::NAN
                } else {
                    1000.0 * sum_c / mean_p
                }
            })
            .collect()
    };
    let share = (0..days)
        .map(|d| {
            let n = f64::from(get(Daily::ZsmDecisions)[d]);
            if n > 0.0 {
                f64::from(get(Daily::ZsmWithinTarget)[d]) / n
            } else {
                f64::NAN
            }
        })
        .collect();
    [
        rolling(get(Daily::EscalationsPhase3)),
        rolling(get(Daily::EscalationsPhase4)),
        rolling(get(Daily::LateEscalations)),
        share,
    ]
}

/// The number of worker threads `opts` and `params` ask for.
pub fn thread_count(params: &Params, opts: &RunOptions) -> usize {
    let wanted = opts.threads.unwrap_or(params.run.threads as usize);
    if wanted == 0 {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        wanted
    }
}

/// Run all replications of a scenario in parallel and aggregate them in order.
pub fn run(
    scenario: &Scenario,
    params: &Params,
    opts: &RunOptions,
) -> Result<RunResults, RunError> {
    let mut all = run_many(&[(scenario, params)], opts, true, &scenario.name)?;
    Ok(all.remove(0))
}

/// Run several scenarios (sweep points, compared scenarios) in one pool with one progress
/// bar. Replication k of every scenario uses the same random streams (common random
/// numbers) when the scenarios share a seed. Without `keep_series` the daily series are not
/// aggregated (they are large and sweeps do not chart them).
pub fn run_many(
    points: &[(&Scenario, &Params)],
    opts: &RunOptions,
    keep_series: bool,
    label: &str,
) -> Result<Vec<RunResults>, RunError> {
    let start = Instant::now();
    let threads = points.first().map_or(1, |(_, p)| thread_count(p, opts));
    let jobs: Vec<(usize, u32)> = points
        .iter()
        .enumerate()
        .flat_map(|(i, (_, p))| (0..p.run.replications).map(move |r| (i, r)))
        .collect();
    let names: Vec<Vec<String>> = points
        .iter()
        .map(|(_, p)| {
            let mut series = daily_names(p.wijkteam.teams);
            series.extend(DERIVED.iter().map(|s| s.to_string()));
            series
        })
        .collect();
    let mut aggs: Vec<Aggregate> = points
        .iter()
        .zip(&names)
        .map(|((_, p), n)| {
            let days = if keep_series {
                p.run.horizon_days as usize
            } else {
                0
            };
            Aggregate::new(if keep_series { n.len() } else { 0 }, days)
        })
        .collect();
    let bar = progress_bar(jobs.len() as u64, opts.progress, label);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| RunError::Threads(e.to_string()))?;
    type Done = (usize, u32, Result<ReplicationOutput, RunError>);
    let (tx, rx) = mpsc::channel::<Done>();
    let mut first_error = None;
    std::thread::scope(|s| {
        s.spawn(|| {
            pool.install(|| {
                jobs.par_iter().for_each_with(tx, |tx, &(i, rep)| {
                    // The receiver only goes away after an error; then the rest is moot.
                    let _ = tx.send((i, rep, replicate(points[i].1, rep, opts)));
                })
            })
        });
        let mut pending: Vec<BTreeMap<u32, ReplicationOutput>> =
            vec![BTreeMap::new(); points.len()];
        let mut next = vec![0u32; points.len()];
        for (i, rep, out) in rx {
            bar.inc(1);
            match out {
                Ok(o) => {
                    pending[i].insert(rep, o);
                }
                Err(e) => {
                    first_error.get_or_insert(e);
                }
            }
            while let Some(o) = pending[i].remove(&next[i]) {
                aggs[i].push(o);
                next[i] += 1;
            }
        }
    });
    bar.finish_and_clear();
    if let Some(e) = first_error {
        return Err(e);
    }
    let wall = start.elapsed();
    Ok(aggs
        .into_iter()
        .zip(names)
        .zip(points)
        .map(|((agg, series), (scenario, _))| agg.finish(&scenario.name, series, threads, wall))
        .collect())
}

/// A progress bar over `n` replications, drawn only on a terminal.
pub fn progress_bar(n: u64, wanted: bool, label: &str) -> ProgressBar {
    if !wanted || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(n), ProgressDrawTarget::stderr());
    if let Ok(style) =
        ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} replications ({eta} left)")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message(label.to_string());
    bar
}
