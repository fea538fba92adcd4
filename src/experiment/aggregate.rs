//! Aggregation: per-replication outputs, taken in replication order, into means with 95%
//! Student-t intervals. A public function of the outputs alone, so a run split into parts
//! (shards) and merged aggregates to exactly the same numbers as one run.

use std::time::Duration;

use crate::model::metrics::{Daily, Derived, HIST_BIN_DAYS, METRICS, Metric, Series};
use crate::model::results::TREND_QUEUES;
use crate::model::{Diagnostics, ReplicationOutput};
use crate::stats::{Interval, Welford};

/// One headline metric over replications.
#[derive(Debug, Clone)]
pub struct SummaryRow {
    /// The metric.
    pub metric: Metric,
    /// Its unit.
    pub unit: &'static str,
    /// Mean and 95% interval.
    pub interval: Interval,
}

/// A histogram over replications: per bin, the mean count and its interval.
#[derive(Debug, Clone)]
pub struct Binned {
    /// Width of a bin (days).
    pub width_days: f64,
    /// Bins from 0.
    pub bins: Vec<Interval>,
}

/// Everything an experiment produces, aggregated over replications.
#[derive(Debug, Clone)]
pub struct RunResults {
    /// Scenario name.
    pub name: String,
    /// Headline metrics, in [`Metric`] order.
    pub summary: Vec<SummaryRow>,
    /// Per replication, per metric (in [`Metric`] order).
    pub replications: Vec<Vec<f64>>,
    /// The daily series, in the order of `daily` (empty when series were not kept).
    pub series: Vec<Series>,
    /// Daily series: `series × day` intervals.
    pub daily: Vec<Vec<Interval>>,
    /// Mean ZSM queue by hour of day.
    pub zsm_queue_by_hour: Vec<Interval>,
    /// Days from entering AVE 2 to the first opschaling (complex cases): mean count per
    /// replication per bin.
    pub time_to_ave3: Binned,
    /// Days from entering AVE 2 to a late escalation.
    pub time_to_late: Binned,
    /// Per-replication diagnostics.
    pub diagnostics: Vec<Diagnostics>,
    /// Events processed over all replications.
    pub events: u64,
    /// Threads used.
    pub threads: usize,
    /// Wall time.
    pub wall: Duration,
    /// For each line of [`TREND_QUEUES`]: its mean
    /// length over the first half of the measured period, and the growth to the second half
    /// (per replication, then over replications).
    pub queue_trends: Vec<QueueTrend>,
    /// Each calendar year of the measured period: year × column of
    /// [`yearly::COLUMNS`](crate::model::yearly::COLUMNS), over replications.
    pub yearly: Vec<Vec<Interval>>,
}

/// How a waiting line moved over the measured period.
#[derive(Debug, Clone, Copy)]
pub struct QueueTrend {
    /// The line.
    pub queue: Daily,
    /// Mean length over the first half of the measured period.
    pub first: Interval,
    /// Mean length over the second half.
    pub second: Interval,
    /// Second half minus first half, per replication.
    pub growth: Interval,
}

impl RunResults {
    /// A headline metric's mean and interval.
    pub fn metric(&self, m: Metric) -> &Interval {
        &self.summary[m.index()].interval
    }

    /// A daily series (empty when the run kept no series).
    pub fn series(&self, s: Series) -> &[Interval] {
        match self.series.iter().position(|x| *x == s) {
            Some(i) => &self.daily[i],
            None => {
                debug_assert!(self.series.is_empty(), "{s:?} is not a series of this run");
                &[]
            }
        }
    }
}

/// Aggregates replication outputs pushed in replication order.
#[derive(Debug, Clone)]
pub struct Aggregate {
    series: Vec<Series>,
    metrics: Vec<Welford>,
    replications: Vec<Vec<f64>>,
    daily: Vec<Vec<Welford>>,
    hourly: Vec<Welford>,
    hist_ave3: Vec<Welford>,
    hist_late: Vec<Welford>,
    diagnostics: Vec<Diagnostics>,
    events: u64,
    /// Per trend queue: first half, second half, growth.
    halves: Vec<[Welford; 3]>,
    /// Year × column.
    yearly: Vec<Vec<Welford>>,
}

impl Aggregate {
    /// An empty aggregate for `teams` wijkteams; daily series are kept only for `days` > 0.
    pub fn new(teams: usize, days: usize) -> Self {
        let series = if days > 0 {
            Series::all(teams)
        } else {
            Vec::new()
        };
        Self {
            metrics: vec![Welford::default(); METRICS.len()],
            replications: Vec::new(),
            daily: vec![vec![Welford::default(); days]; series.len()],
            series,
            hourly: vec![Welford::default(); 24],
            hist_ave3: Vec::new(),
            hist_late: Vec::new(),
            diagnostics: Vec::new(),
            events: 0,
            halves: vec![[Welford::default(); 3]; TREND_QUEUES.len()],
            yearly: Vec::new(),
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

    /// Add the next replication (replications must come in order).
    pub fn push(&mut self, out: ReplicationOutput) {
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
        Self::push_hist(&mut self.hist_ave3, out.time_to_ave3.counts(), reps_before);
        Self::push_hist(&mut self.hist_late, out.time_to_late.counts(), reps_before);
        if self.yearly.len() < out.yearly.len() {
            self.yearly.resize(out.yearly.len(), Vec::new());
        }
        for (acc, year) in self.yearly.iter_mut().zip(&out.yearly) {
            if acc.len() < year.len() {
                acc.resize(year.len(), Welford::default());
            }
            for (w, &v) in acc.iter_mut().zip(year) {
                w.push(v);
            }
        }
        for (w, h) in self.halves.iter_mut().zip(&out.queue_halves) {
            w[0].push(h[0]);
            w[1].push(h[1]);
            w[2].push(h[1] - h[0]);
        }
        self.events += out.diagnostics.events;
        self.diagnostics.push(out.diagnostics);
        self.replications.push(out.metrics);
    }

    /// The results so far.
    pub fn finish(self, name: &str, threads: usize, wall: Duration) -> RunResults {
        let summary = METRICS
            .iter()
            .zip(&self.metrics)
            .map(|(m, w)| SummaryRow {
                metric: m.metric,
                unit: m.unit,
                interval: m.metric.clip(w.interval()),
            })
            .collect();
        let intervals = |v: &[Welford]| v.iter().map(Welford::interval).collect::<Vec<_>>();
        let binned = |v: &[Welford]| Binned {
            width_days: HIST_BIN_DAYS,
            bins: intervals(v),
        };
        RunResults {
            name: name.to_string(),
            summary,
            daily: self.daily.iter().map(|s| intervals(s)).collect(),
            series: if self.daily.is_empty() {
                Vec::new()
            } else {
                self.series
            },
            zsm_queue_by_hour: intervals(&self.hourly),
            time_to_ave3: binned(&self.hist_ave3),
            time_to_late: binned(&self.hist_late),
            replications: self.replications,
            diagnostics: self.diagnostics,
            events: self.events,
            threads,
            wall,
            yearly: self
                .yearly
                .iter()
                .map(|year| {
                    year.iter()
                        .zip(crate::model::yearly::COLUMNS)
                        .map(|(w, c)| c.clip(w.interval()))
                        .collect()
                })
                .collect(),
            queue_trends: TREND_QUEUES
                .iter()
                .zip(&self.halves)
                .map(|(&queue, w)| QueueTrend {
                    queue,
                    first: w[0].interval(),
                    second: w[1].interval(),
                    growth: w[2].interval(),
                })
                .collect(),
        }
    }
}

/// Aggregate replication outputs given in replication order.
pub fn aggregate(
    name: &str,
    teams: usize,
    days: usize,
    outputs: impl IntoIterator<Item = ReplicationOutput>,
    threads: usize,
    wall: Duration,
) -> RunResults {
    let mut agg = Aggregate::new(teams, days);
    outputs.into_iter().for_each(|o| agg.push(o));
    agg.finish(name, threads, wall)
}

/// Window of the rolling escalation rates (days).
pub const ROLLING_DAYS: usize = 30;

/// The derived series of one replication, in [`Derived::ALL`] order: rolling 30-day
/// escalations per 1,000 cases in progress, and the daily ZSM target share.
fn derived_series(daily: &[Vec<f32>]) -> [Vec<f64>; 5] {
    let get = |s: Daily| &daily[s as usize];
    let days = get(Daily::CasesAve2).len();
    let in_progress: Vec<f64> = (0..days)
        .map(|d| {
            f64::from(get(Daily::CasesAve2)[d])
                + f64::from(get(Daily::CasesAve3)[d])
                + f64::from(get(Daily::CasesAve4)[d])
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
    let out = [
        rolling(get(Daily::UpscalingsAve3)),
        rolling(get(Daily::AcuteCrises)),
        rolling(get(Daily::LateUpscalings)),
        rolling(get(Daily::EscalationsAve4)),
        share,
    ];
    debug_assert_eq!(Derived::ALL[4], Derived::ZsmWithinTargetShare);
    out
}
