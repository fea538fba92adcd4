//! Running replications: one pool of worker threads for all the replications of all the
//! points of a design, one progress bar, and outputs handed to the aggregation strictly in
//! replication order whatever thread finished first.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::sync::mpsc;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use super::aggregate::{Aggregate, RunResults};
use super::{RunError, RunOptions, replicate_with};
use crate::model::{Quiet, ReplicationOutput};
use crate::scenario::{Params, Scenario};

/// How to run replication `rep` of point `i` (with whatever observers the caller wants).
pub type Replicate<'a> = dyn Fn(usize, u32) -> Result<ReplicationOutput, RunError> + Sync + 'a;

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

/// Run several scenarios (sweep points, compared scenarios) quietly; see [`run_many_with`].
pub fn run_many(
    points: &[(&Scenario, &Params)],
    opts: &RunOptions,
    keep_series: bool,
    label: &str,
) -> Result<Vec<RunResults>, RunError> {
    let quiet = |i: usize, rep: u32| replicate_with(points[i].1, rep, Quiet).map(|(o, _)| o);
    run_many_with(points, opts, keep_series, label, &quiet)
}

/// Run several scenarios (sweep points, compared scenarios) in one pool with one progress
/// bar, each replication by `replicate`. Replication k of every scenario uses the same
/// random streams (common random numbers) when the scenarios share a seed. Without
/// `keep_series` the daily series are not aggregated (they are large and sweeps do not chart
/// them).
pub fn run_many_with(
    points: &[(&Scenario, &Params)],
    opts: &RunOptions,
    keep_series: bool,
    label: &str,
    replicate: &Replicate<'_>,
) -> Result<Vec<RunResults>, RunError> {
    let start = Instant::now();
    let threads = points.first().map_or(1, |(_, p)| thread_count(p, opts));
    let jobs: Vec<(usize, u32)> = points
        .iter()
        .enumerate()
        .flat_map(|(i, (_, p))| (0..p.run.replications).map(move |r| (i, r)))
        .collect();
    let mut aggs: Vec<Aggregate> = points
        .iter()
        .map(|(_, p)| {
            let days = if keep_series {
                p.run.horizon_days as usize
            } else {
                0
            };
            Aggregate::new(p.wijkteam.teams, days)
        })
        .collect();
    let bar = progress_bar(jobs.len() as u64, opts.progress, label, opts.lang);
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
                    let _ = tx.send((i, rep, replicate(i, rep)));
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
        .zip(points)
        .map(|(agg, (scenario, _))| agg.finish(&scenario.name, threads, wall))
        .collect())
}

/// Run the given (point, replication) jobs in one pool, quietly, and return their outputs in
/// the jobs' order (one shard of a larger study).
pub fn run_jobs(
    points: &[(&Scenario, &Params)],
    jobs: &[(usize, u32)],
    opts: &RunOptions,
    label: &str,
) -> Result<Vec<ReplicationOutput>, RunError> {
    let threads = points.first().map_or(1, |(_, p)| thread_count(p, opts));
    let bar = progress_bar(jobs.len() as u64, opts.progress, label, opts.lang);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| RunError::Threads(e.to_string()))?;
    let outputs = pool.install(|| {
        jobs.par_iter()
            .map(|&(i, rep)| {
                let out = replicate_with(points[i].1, rep, Quiet).map(|(o, _)| o);
                bar.inc(1);
                out
            })
            .collect()
    });
    bar.finish_and_clear();
    outputs
}

/// A progress bar over `n` replications, drawn only on a terminal.
pub fn progress_bar(n: u64, wanted: bool, label: &str, lang: crate::lang::Lang) -> ProgressBar {
    if !wanted || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(n), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template(lang.pick(
        "{msg} [{bar:40}] {pos}/{len} replications ({eta} left)",
        "{msg} [{bar:40}] {pos}/{len} herhalingen (nog {eta})",
    )) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message(label.to_string());
    bar
}
