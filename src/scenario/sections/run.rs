//! `[run]`: Run control: horizon, warm-up, replications, seed, threads.

use crate::engine::HOURS_PER_DAY;
use crate::scenario::check::{Invalid, bad, capacity};
use crate::scenario::register::{Evidence::*, key};

section! {
    /// Run control: horizon, warm-up, replications, seed, threads.
    pub struct Run {
        /// Simulated days per replication.
        horizon_days: u32 = 3650 => [
            key("horizon_days", "days", "simulated days per replication", Control),
        ],
        /// Days discarded before statistics are collected.
        warmup_days: u32 = 365 => [
            key("warmup_days", "days", "days discarded before statistics start", Control),
        ],
        /// Independent replications.
        replications: u32 = 30 => [
            key("replications", "count", "independent replications", Control),
        ],
        /// Master seed.
        seed: u64 = 20150101 => [
            key("seed", "integer", "master seed of all random streams", Control),
        ],
        /// Worker threads (0 = all cores); never changes results.
        threads: u32 = 0 => [
            key("threads", "count", "worker threads, 0 = all cores; never changes results", Control),
        ],
    }
}

/// Run control as the experiment and the model use it.
#[derive(Debug, Clone)]
pub struct RunParams {
    /// Horizon (hours).
    pub horizon_h: f64,
    /// Warm-up (hours).
    pub warmup_h: f64,
    /// Horizon (days).
    pub horizon_days: u32,
    /// Warm-up (days).
    pub warmup_days: u32,
    /// Replications.
    pub replications: u32,
    /// Master seed.
    pub seed: u64,
    /// Worker threads (0 = all cores).
    pub threads: u32,
}

impl RunParams {
    /// The same run control with another horizon and a warm-up of at most half of it.
    pub fn with_horizon_days(&self, days: u32) -> Self {
        let horizon_days = days.max(1);
        let warmup_days = self.warmup_days.min(horizon_days / 2);
        Self {
            horizon_h: f64::from(horizon_days) * HOURS_PER_DAY,
            warmup_h: f64::from(warmup_days) * HOURS_PER_DAY,
            horizon_days,
            warmup_days,
            ..self.clone()
        }
    }
}

impl Run {
    pub(crate) fn compile(&self) -> Result<RunParams, Invalid> {
        if self.horizon_days == 0 || self.horizon_days > 36_500 {
            return Err(bad(
                "run.horizon_days",
                format!("allowed 1 to 36500 days, got {}", self.horizon_days),
            ));
        }
        if self.warmup_days >= self.horizon_days {
            return Err(bad(
                "run.warmup_days",
                format!(
                    "warm-up ({} days) must be shorter than the horizon ({} days)",
                    self.warmup_days, self.horizon_days
                ),
            ));
        }
        capacity("run.replications", self.replications, 100_000)?;
        if self.threads > 1024 {
            return Err(bad(
                "run.threads",
                format!("allowed 0 (all cores) to 1024, got {}", self.threads),
            ));
        }
        Ok(RunParams {
            horizon_h: f64::from(self.horizon_days) * HOURS_PER_DAY,
            warmup_h: f64::from(self.warmup_days) * HOURS_PER_DAY,
            horizon_days: self.horizon_days,
            warmup_days: self.warmup_days,
            replications: self.replications,
            seed: self.seed,
            threads: self.threads,
        })
    }
}
