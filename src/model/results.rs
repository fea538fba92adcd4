//! A replication's outputs: headline metrics, daily series, distributions and diagnostics,
//! computed once the clock has reached the horizon.

use super::Observer;
use super::happening::Happening;
use super::metrics::{Daily, METRICS, Metric};
use super::phases::Trigger;
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
    /// Wijk families whose first way out of AVE 2 service was recorded (for CTMC tests),
    /// complex: counts of opschaling, acute incident and resolution as that first exit.
    pub first_exit_complex: [u64; 3],
    /// Same for non-complex cases.
    pub first_exit_simple: [u64; 3],
    /// Complex wijk families closed in the window that ever had an acute incident.
    pub complex_closed_with_incident: u64,
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
    /// Days from entering AVE 2 to the first opschaling naar AVE 3, complex wijk families
    /// (weekly bins).
    pub time_to_ave3: Histogram,
    /// Days from entering AVE 2 to a late acute incident (weekly bins).
    pub time_to_late: Histogram,
    /// Diagnostics.
    pub diagnostics: Diagnostics,
    /// For each line of [`TREND_QUEUES`]: its mean length over the first and over the second
    /// half of the measured period (a line still growing at the end shows in the difference).
    #[serde(default)]
    pub queue_halves: Vec<[f64; 2]>,
    /// Each calendar year of the measured period: year × column of
    /// [`yearly::COLUMNS`](super::yearly::COLUMNS).
    #[serde(default)]
    pub yearly: Vec<Vec<f64>>,
}

/// The waiting lines whose growth over the measured period is tested.
pub const TREND_QUEUES: [Daily; 4] = [
    Daily::VhhWaiting,
    Daily::AdviceWaiting,
    Daily::WijkteamWaiting,
    Daily::ZsmWaiting,
];

/// Mean of the first and of the second half of the measured days of a daily series.
fn halves(daily: &[f32], warmup_days: usize) -> [f64; 2] {
    let measured = daily.get(warmup_days..).unwrap_or(&[]);
    let mid = measured.len() / 2;
    let mean = |v: &[f32]| {
        if v.is_empty() {
            f64::NAN
        } else {
            v.iter().map(|&x| f64::from(x)).sum::<f64>() / v.len() as f64
        }
    };
    [mean(&measured[..mid]), mean(&measured[mid..])]
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
        let vhh_budget = s.vhh_budget.window_mean(window);
        let fit = &s.daily[Daily::AdviceFit as usize];
        let window_days = (window / HOURS_PER_DAY) as usize;
        let fit_days = window_days.min(365);
        let first = fit.len().saturating_sub(window_days);
        let mean_of = |v: &[f32]| -> f64 {
            if v.is_empty() {
                f64::NAN
            } else {
                v.iter().map(|&x| f64::from(x)).sum::<f64>() / v.len() as f64
            }
        };
        let fit_first = mean_of(&fit[first..(first + fit_days).min(fit.len())]);
        let fit_last = mean_of(&fit[fit.len().saturating_sub(fit_days)..]);
        let per_coordinator: Vec<f64> = s
            .calls
            .iter()
            .filter(|(n, _)| *n > 0)
            .map(|&(n, k)| k as f64 / n as f64)
            .collect();
        let coordinator_sd = if per_coordinator.len() < 2 {
            f64::NAN
        } else {
            let m = mean_of_f64(&per_coordinator);
            (per_coordinator.iter().map(|x| (x - m).powi(2)).sum::<f64>()
                / (per_coordinator.len() - 1) as f64)
                .sqrt()
        };
        let (calls_n, calls_k) = s
            .calls
            .iter()
            .fold((0, 0), |(n, k), &(a, b)| (n + a, k + b));
        let governance = |v: f64| if p.criteria.in_use { v } else { f64::NAN };
        let per_1000 = |n: u64| 1000.0 * ratio(n, s.entered);
        let by = |t: Trigger| s.up3_by[t as usize];
        let mut metrics = vec![f64::NAN; METRICS.len()];
        let mut set = |m: Metric, v: f64| metrics[m.index()] = v;
        set(Metric::CasesEnteredPerYear, s.entered as f64 / years);
        set(Metric::UpscalingsAve3Per1000, per_1000(s.up3));
        set(
            Metric::UpscalingsComplexPer1000,
            per_1000(by(Trigger::Complex)),
        );
        set(
            Metric::UpscalingsStalledCooperationPer1000,
            per_1000(by(Trigger::StalledCooperation)),
        );
        set(
            Metric::OverTheFencePer1000,
            per_1000(by(Trigger::OverTheFence)),
        );
        set(Metric::OverflowPer1000, per_1000(by(Trigger::Overflow)));
        set(
            Metric::UpscalingsAfterIncidentPer1000,
            per_1000(by(Trigger::Incident)),
        );
        set(
            Metric::TimeToAve3DaysMean,
            s.time_to_ave3.mean() / HOURS_PER_DAY,
        );
        set(Metric::AcuteCrisesPer1000, per_1000(s.incidents));
        set(Metric::LateUpscalingShare, ratio(s.late, s.incidents));
        set(Metric::EscalationsAve4Per1000, per_1000(s.ave4));
        set(Metric::AdviceConsultsPerYear, s.consults as f64 / years);
        set(
            Metric::AdviceAnsweredInTimeShare,
            ratio(s.consults_in_time, s.consults),
        );
        set(
            Metric::WijkteamUtilisation,
            s.team_busy_all.window_mean(window) / team_slots,
        );
        set(
            Metric::WijkteamWaitDaysMean,
            s.team_wait.mean() / HOURS_PER_DAY,
        );
        set(
            Metric::VhhHoursUtilisation,
            if vhh_budget > 0.0 {
                s.vhh_held.window_mean(window) / vhh_budget
            } else {
                f64::NAN
            },
        );
        set(Metric::VhhEntriesPerYear, s.vhh_entries as f64 / years);
        set(
            Metric::VhhEntriesFromMunicipalityShare,
            ratio(s.vhh_entries_local, s.vhh_entries),
        );
        set(Metric::VhhWaitDaysMean, s.vhh_wait.mean() / HOURS_PER_DAY);
        set(Metric::VhhWaitDaysP90, s.vhh_wait_hist.quantile(0.9));
        set(Metric::VhhQueueMean, s.vhh_waiting.window_mean(window));
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
        set(
            Metric::AdviceUnusedShare,
            ratio(s.with_advice_unused, s.with_advice),
        );
        set(Metric::ZsmReferralsPerYear, s.referrals as f64 / years);
        set(
            Metric::FeedbackDeliveredShare,
            ratio(s.feedback_sent, s.vhh_held_decisions),
        );
        set(Metric::FeedbackDelayHoursMean, s.feedback_delay.mean());
        set(Metric::AdviceFitFirstYear, fit_first);
        set(Metric::AdviceFitLastYear, fit_last);
        set(Metric::CallInformedShare, ratio(calls_k, calls_n));
        set(Metric::CallInformedShareCoordinatorSd, coordinator_sd);
        set(
            Metric::CollegeCasesPerYear,
            governance(s.vhh_entries_local as f64 / years),
        );
        set(
            Metric::DriehoekCasesPerYear,
            governance(s.driehoek as f64 / years),
        );

        let d = &mut s.diag;
        d.window_hours = window;
        d.team_queue_mean = s.team_waiting_all.window_mean(window);
        d.vhh_queue_mean = s.vhh_waiting.window_mean(window);
        d.zsm_queue_mean = s.zsm_waiting.window_mean(window);
        d.advice_queue_mean = s.advice_waiting.window_mean(window);
        d.zsm_busy_mean = s.zsm_busy.window_mean(window);
        d.created = u64::from(self.cases.created());
        d.events = self.q.processed();
        let by_hour = s.zsm_by_hour.means(end, window / HOURS_PER_DAY);
        let warmup_days = p.run.warmup_days as usize;
        let queue_halves = TREND_QUEUES
            .iter()
            .map(|&q| halves(&s.daily[q as usize], warmup_days))
            .collect();
        let yearly = super::yearly::table(&s.daily, &p.run);
        let out = ReplicationOutput {
            replication: self.rep,
            metrics,
            queue_halves,
            yearly,
            daily: std::mem::take(&mut s.daily),
            zsm_queue_by_hour: by_hour,
            time_to_ave3: s.hist_ave3.clone(),
            time_to_late: s.hist_late.clone(),
            diagnostics: s.diag.clone(),
        };
        (out, self.obs)
    }
}

fn mean_of_f64(v: &[f64]) -> f64 {
    v.iter().sum::<f64>() / v.len() as f64
}
