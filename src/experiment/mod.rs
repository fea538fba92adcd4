//! Experiments: replications in parallel with results that do not depend on the thread
//! count (each replication has its own random streams; results are aggregated in
//! replication order). [`run()`] runs them, [`aggregate()`] turns outputs into results, and the
//! output layer saves them; sweeps and comparisons are designs of several runs.

pub mod advise;
pub mod aggregate;
pub mod alarm;
pub mod animate;
pub mod bench;
pub mod compare;
pub mod run;
pub mod sensitivity;
pub mod story;
pub mod sweep;
pub mod warnings;

use std::path::PathBuf;

pub use aggregate::{Aggregate, Binned, QueueTrend, RunResults, SummaryRow, aggregate};
pub use run::{Replicate, progress_bar, run, run_jobs, run_many, run_many_with, thread_count};

use crate::interrupt::{self, Interrupted};
use crate::model::{Observer, ReplicationOutput, run_replication_unless};
use crate::scenario::Params;

/// How to run an experiment (what does not change results).
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    /// Worker threads; `None` uses the scenario's `run.threads` (0 = all cores).
    pub threads: Option<usize>,
    /// Show a progress bar on a terminal.
    pub progress: bool,
    /// The language of the progress bar.
    pub lang: crate::lang::Lang,
}

/// An experiment failed for a reason outside the scenario (I/O, threads, a stop).
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
pub fn replicate_with<O: Observer>(
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
