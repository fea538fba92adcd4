//! A replication's outputs: headline metrics, daily series, distributions and diagnostics,
//! computed once the clock has reached the horizon.

use super::Observer;
use super::happening::Happening;
use super::metrics::{METRICS, Metric};
use super::world::World;
use crate::engine::{HOURS_PER_DAY, HOURS_PER_YEAR};
use crate::stats::{Histogram, Mean};

/// Queue accounting for Little's law: arrivals and time spent by everyone who left.
#[derive(Debug, Clone, Copy, Default, serde::Serialize, serde::Deserialize)]
pub struct QueueFlow {
    /// Entries in the window.
    pub arrivals: u64,
    /// Time in queue of everyone who left it in the window (hours), served or not.
    pub time_in_queue: Mean,
}

/// Diagnostics a test can check against theory (not part of the headline outputs).
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Diagnostics {
    /// Window length (hours).
    pub window_hours: f64,
    /// Wijkteam queues (all teams).
    pub team_queue: QueueFlow,
    /// Mean number waiting for a wijkteam.
    pub team_queue_mean: f64,
    /// VHH queue.
    pub vhh_queue: QueueFlow,
    /// Mean VHH queue.
    pub vhh_queue_mean: f64,
    /// ZSM queue.
    pub zsm_queue: QueueFlow,
    /// Mean ZSM queue.
    pub zsm_queue_mean: f64,
    /// Advice queue.
    pub advice_queue: QueueFlow,
    /// Mean advice queue.
    pub advice_queue_mean: f64,
    /// ZSM busy desks, time average over the window.
    pub zsm_busy_mean: f64,
    /// Cases created over the whole run (all origins).
    pub created: u64,
    /// Cases closed over the whole run.
    pub closed: u64,
    /// Cases still open at the end.
    pub open_at_end: u64,
    /// Events processed.
    pub events: u64,
    /// Complex social cases whose first exit from phase-2 service was recorded (for CTMC tests):
    /// counts of escalation, crisis and resolution as that first exit.
    pub first_exit_complex: [u64; 3],
    /// Same for non-complex cases.
    pub first_exit_simple: [u64; 3],
    /// Complex social cases closed in the window that ever had a crisis.
    pub complex_closed_with_crisis: u64,
    /// Complex social cases closed in the window.
    pub complex_closed: u64,
}

/// Everything one replication produces; serialisable, so that a replication run elsewhere
/// aggregates exactly like one run here.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct ReplicationOutput {
    /// Replication number.
    pub replication: u32,
    /// Headline metrics in [`Metric`] order (NaN where undefined).
    pub metrics: Vec<f64>,
    /// Daily series, `series × days`, in [`Series::recorded`](super::metrics::Series::recorded) order.
    pub daily: Vec<Vec<f32>>,
    /// Mean ZSM queue by hour of day (window).
    pub zsm_queue_by_hour: [f64; 24],
    /// Days from entering phase 2 to first phase 3, complex social cases (weekly bins).
    pub time_to_phase3: Histogram,
    /// Days from entering phase 2 to a late escalation (weekly bins).
    pub time_to_late: Histogram,
    /// Diagnostics.
    pub diagnostics: Diagnostics,
}

impl<O: Observer> World<'_, O> {
    /// Compute the replication's outputs.
    pub fn finish(mut self) -> (ReplicationOutput, O) {
        let end = self.p.run.horizon_h;
        let open: Vec<u32> = self.cases.live_slots().collect();
        self.stats.diag.open_at_end = open.len() as u64;
        if O::HAPPENINGS {
            for slot in open {
                let case = self.cases.get(slot).expect("live case").uid;
                self.emit(Happening::OpenAtEnd { case });
            }
        }
        let p = self.p;
        let s = &mut self.stats;
        let window = p.run.horizon_h - p.run.warmup_h;
        let years = window / HOURS_PER_YEAR;
        let ratio = |a: u64, b: u64| {
            if b == 0 {
                f64::NAN
            } else {
                a as f64 / b as f64
            }
        };
        let team_slots = f64::from(p.wijkteam.team_slots) * p.wijkteam.teams as f64;
        let zsm_open = p
            .zsm
            .hours
            .open_hours_between(p.run.warmup_h, p.run.horizon_h)
            * f64::from(p.zsm.desks);
        let mut metrics = vec![f64::NAN; METRICS.len()];
        let mut set = |m: Metric, v: f64| metrics[m.index()] = v;
        set(Metric::CasesEnteredPerYear, s.entered as f64 / years);
        set(
            Metric::EscalationsPhase3Per1000,
            1000.0 * ratio(s.esc3, s.entered),
        );
        set(
            Metric::EscalationsPhase4Per1000,
            1000.0 * ratio(s.esc4, s.entered),
        );
        set(Metric::LateEscalationShare, ratio(s.late, s.esc4));
        set(
            Metric::UnneededEscalationShare,
            ratio(s.esc3_unneeded, s.esc3),
        );
        set(
            Metric::MissedComplexShare,
            ratio(s.complex_missed, s.complex_closed),
        );
        set(
            Metric::TimeToPhase3DaysMean,
            s.time_to_phase3.mean() / HOURS_PER_DAY,
        );
        set(Metric::AdviceConsultsPerYear, s.consults as f64 / years);
        set(
            Metric::WijkteamUtilisation,
            s.team_busy_all.window_mean(window) / team_slots,
        );
        set(
            Metric::WijkteamWaitDaysMean,
            s.team_wait.mean() / HOURS_PER_DAY,
        );
        set(
            Metric::VhhUtilisation,
            s.vhh_busy.window_mean(window) / f64::from(p.vhh.slots),
        );
        set(Metric::VhhQueueMean, s.vhh_waiting.window_mean(window));
        set(Metric::VhhQueueMax, s.vhh_waiting.window_max());
        set(Metric::VhhWaitDaysMean, s.vhh_wait.mean() / HOURS_PER_DAY);
        set(Metric::VhhWaitDaysP90, s.vhh_wait_hist.quantile(0.9));
        set(
            Metric::ZsmUtilisation,
            if zsm_open > 0.0 {
                s.zsm_busy.window_mean(window) * window / zsm_open
            } else {
                f64::NAN
            },
        );
        set(
            Metric::ZsmWithinTargetShare,
            ratio(s.zsm_within, s.zsm_decisions),
        );
        set(Metric::ZsmDecisionHoursMean, s.zsm_decision_hours.mean());
        set(
            Metric::ZsmKnownComplexDecisionsPerYear,
            s.known_complex as f64 / years,
        );
        set(
            Metric::ZsmInformedShare,
            ratio(s.known_complex_informed, s.known_complex),
        );
        set(Metric::ZsmReferralsPerYear, s.referrals as f64 / years);
        set(
            Metric::FeedbackDeliveredShare,
            ratio(s.feedback_delivered, s.vhh_held_decisions),
        );
        set(Metric::FeedbackDelayHoursMean, s.feedback_delay.mean());

        let d = &mut s.diag;
        d.window_hours = window;
        d.team_queue_mean = s.team_waiting_all.window_mean(window);
        d.vhh_queue_mean = s.vhh_waiting.window_mean(window);
        d.zsm_queue_mean = s.zsm_waiting.window_mean(window);
        d.advice_queue_mean = s.advice_waiting.window_mean(window);
        d.zsm_busy_mean = s.zsm_busy.window_mean(window);
        d.created = u64::from(self.cases.created());
        d.events = self.q.processed();
        d.complex_closed = s.complex_closed;
        d.complex_closed_with_crisis = s.complex_closed_with_crisis;
        let by_hour = s.zsm_by_hour.means(end, window / HOURS_PER_DAY);
        let out = ReplicationOutput {
            replication: self.rep,
            metrics,
            daily: std::mem::take(&mut s.daily),
            zsm_queue_by_hour: by_hour,
            time_to_phase3: s.hist_phase3.clone(),
            time_to_late: s.hist_late.clone(),
            diagnostics: s.diag.clone(),
        };
        (out, self.obs)
    }
}
