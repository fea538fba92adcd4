//! The outputs of one replication: headline metrics (names are part of the interface),
//! daily series, the ZSM queue by hour of day, distributions, and diagnostics for tests.

use crate::engine::HOURS_PER_DAY;
use crate::stats::{Histogram, Level, Mean};

/// Width of the time-to-escalation histogram bins (days).
pub const HIST_BIN_DAYS: f64 = 7.0;

/// A headline metric: name, unit, meaning.
#[derive(Debug, Clone, Copy)]
pub struct MetricDef {
    /// Name (as in MODEL.md).
    pub name: &'static str,
    /// Unit.
    pub unit: &'static str,
    /// One-line meaning.
    pub doc: &'static str,
    /// True if the metric is part of "capacity pressure".
    pub group: &'static str,
}

const fn m(
    name: &'static str,
    unit: &'static str,
    group: &'static str,
    doc: &'static str,
) -> MetricDef {
    MetricDef {
        name,
        unit,
        doc,
        group,
    }
}

/// Every headline metric, in output order.
pub const METRICS: &[MetricDef] = &[
    m(
        "cases_entered_per_year",
        "cases/year",
        "escalation",
        "social cases entering phase 2 at the wijkteams",
    ),
    m(
        "escalations_phase3_per_1000",
        "per 1000 cases entered",
        "escalation",
        "escalations 2->3 of wijkteam cases per 1,000 cases entered",
    ),
    m(
        "escalations_phase4_per_1000",
        "per 1000 cases entered",
        "escalation",
        "crises (entries into phase 4) of wijkteam cases per 1,000 cases entered",
    ),
    m(
        "late_escalation_share",
        "share",
        "escalation",
        "share of crises that hit a case in phase 2 that never had phase 3 ('simmered, then exploded')",
    ),
    m(
        "unneeded_escalation_share",
        "share",
        "escalation",
        "share of escalations 2->3 that concern a non-complex case",
    ),
    m(
        "missed_complex_share",
        "share",
        "escalation",
        "share of closed complex wijkteam cases that never reached phase 3 before a crisis or closing",
    ),
    m(
        "time_to_phase3_days_mean",
        "days",
        "escalation",
        "mean days from entering phase 2 to the first escalation to phase 3",
    ),
    m(
        "advice_consults_per_year",
        "consults/year",
        "escalation",
        "consults of the VHH advice function",
    ),
    m(
        "wijkteam_utilisation",
        "share",
        "capacity",
        "busy wijkteam case slots / all slots (time average)",
    ),
    m(
        "wijkteam_wait_days_mean",
        "days",
        "capacity",
        "mean wait for a wijkteam slot, of cases that got one",
    ),
    m(
        "vhh_utilisation",
        "share",
        "capacity",
        "busy VHH process-lead slots / all slots (time average)",
    ),
    m(
        "vhh_queue_mean",
        "cases",
        "capacity",
        "mean number of escalations waiting for a VHH slot",
    ),
    m(
        "vhh_queue_max",
        "cases",
        "capacity",
        "largest VHH waiting list",
    ),
    m(
        "vhh_wait_days_mean",
        "days",
        "capacity",
        "mean wait for a VHH slot, of cases that got one",
    ),
    m(
        "vhh_wait_days_p90",
        "days",
        "capacity",
        "90th percentile of that wait",
    ),
    m(
        "zsm_utilisation",
        "share",
        "capacity",
        "busy ZSM desk hours / staffed desk hours",
    ),
    m(
        "zsm_within_target_share",
        "share",
        "capacity",
        "ZSM decisions within the decision target",
    ),
    m(
        "zsm_decision_hours_mean",
        "hours",
        "capacity",
        "mean hours from arrival (or opening) to decision",
    ),
    m(
        "zsm_known_complex_decisions_per_year",
        "decisions/year",
        "information",
        "ZSM decisions on persons with an active complex social case",
    ),
    m(
        "zsm_informed_share",
        "share",
        "information",
        "share of those decisions taken with context (VHH advice or wijkteam flag read)",
    ),
    m(
        "zsm_referrals_per_year",
        "referrals/year",
        "information",
        "referrals from ZSM to the VHH",
    ),
    m(
        "feedback_delivered_share",
        "share",
        "information",
        "share of ZSM decisions on VHH cases reported back to the VHH",
    ),
    m(
        "feedback_delay_hours_mean",
        "hours",
        "information",
        "mean delay of that feedback",
    ),
];

/// Position of a metric in [`METRICS`].
pub fn metric_index(name: &str) -> Option<usize> {
    METRICS.iter().position(|m| m.name == name)
}

/// Daily series kept for every replication (mean level over the day, or count per day).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(usize)]
pub enum Daily {
    /// Cases in phase 2 (mean over the day).
    Phase2 = 0,
    /// Cases in phase 3.
    Phase3,
    /// Cases in phase 4.
    Phase4,
    /// Busy wijkteam slots.
    WijkteamBusy,
    /// Cases waiting for a wijkteam.
    WijkteamWaiting,
    /// Busy VHH slots.
    VhhBusy,
    /// Escalations waiting for a VHH slot.
    VhhWaiting,
    /// Consults waiting for the advice desk.
    AdviceWaiting,
    /// Cases waiting at ZSM.
    ZsmWaiting,
    /// Busy ZSM desks.
    ZsmBusy,
    /// Social cases entered (count per day).
    Entered,
    /// Escalations 2->3 (count).
    EscalationsPhase3,
    /// Crises (count).
    EscalationsPhase4,
    /// Late escalations (count).
    LateEscalations,
    /// Advice consults (count).
    AdviceConsults,
    /// ZSM decisions (count).
    ZsmDecisions,
    /// ZSM decisions within target (count).
    ZsmWithinTarget,
    /// Referrals ZSM -> VHH (count).
    ZsmReferrals,
}

/// Number of fixed daily series.
pub const DAILY_FIXED: usize = 18;

/// Names of the fixed daily series, in [`Daily`] order.
pub const DAILY_NAMES: [&str; DAILY_FIXED] = [
    "cases_phase2",
    "cases_phase3",
    "cases_phase4",
    "wijkteam_busy",
    "wijkteam_waiting",
    "vhh_busy",
    "vhh_waiting",
    "advice_waiting",
    "zsm_waiting",
    "zsm_busy",
    "cases_entered",
    "escalations_phase3",
    "escalations_phase4",
    "late_escalations",
    "advice_consults",
    "zsm_decisions",
    "zsm_within_target",
    "zsm_referrals",
];

/// Names of all daily series for `teams` teams (fixed ones, then per-team busy and waiting).
pub fn daily_names(teams: usize) -> Vec<String> {
    let mut names: Vec<String> = DAILY_NAMES.iter().map(|s| s.to_string()).collect();
    for t in 1..=teams {
        names.push(format!("wijkteam_busy_team{t}"));
    }
    for t in 1..=teams {
        names.push(format!("wijkteam_waiting_team{t}"));
    }
    names
}

/// A level integrated by hour of day (for the ZSM queue profile).
#[derive(Debug, Clone, Default)]
pub struct HourlyLevel {
    value: f64,
    last: f64,
    area: [f64; 24],
    active: bool,
}

impl HourlyLevel {
    fn advance(&mut self, t: f64) {
        if !self.active {
            self.last = t;
            return;
        }
        while self.last < t {
            let boundary = self.last.floor() + 1.0;
            let end = t.min(boundary);
            let hour = (self.last.floor() as i64).rem_euclid(24) as usize;
            self.area[hour] += self.value * (end - self.last);
            self.last = end;
        }
    }
    /// Set the level at `t`.
    pub fn set(&mut self, t: f64, value: f64) {
        self.advance(t);
        self.value = value;
    }
    /// Start integrating at `t`.
    pub fn start(&mut self, t: f64) {
        self.last = t;
        self.active = true;
    }
    /// Mean level per hour of day over `days` days ending at `t`.
    pub fn means(&mut self, t: f64, days: f64) -> [f64; 24] {
        self.advance(t);
        let mut out = [0.0; 24];
        for (o, a) in out.iter_mut().zip(self.area) {
            *o = a / days;
        }
        out
    }
}

/// Queue accounting for Little's law: arrivals and time spent by everyone who left.
#[derive(Debug, Clone, Copy, Default)]
pub struct QueueFlow {
    /// Entries in the window.
    pub arrivals: u64,
    /// Time in queue of everyone who left it in the window (hours), served or not.
    pub time_in_queue: Mean,
}

/// Diagnostics a test can check against theory (not part of the headline outputs).
#[derive(Debug, Clone, Default)]
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

/// Everything one replication produces.
#[derive(Debug, Clone)]
pub struct ReplicationOutput {
    /// Replication number.
    pub replication: u32,
    /// Headline metrics in [`METRICS`] order (NaN where undefined).
    pub metrics: Vec<f64>,
    /// Daily series, `series × days`, in [`daily_names`] order.
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

/// Streaming counters of one replication.
#[derive(Debug, Clone)]
pub struct Stats {
    pub(crate) in_window: bool,
    pub(crate) phase: [Level; 3],
    pub(crate) team_busy: Vec<Level>,
    pub(crate) team_waiting: Vec<Level>,
    pub(crate) team_busy_all: Level,
    pub(crate) team_waiting_all: Level,
    pub(crate) vhh_busy: Level,
    pub(crate) vhh_waiting: Level,
    pub(crate) advice_waiting: Level,
    pub(crate) zsm_waiting: Level,
    pub(crate) zsm_busy: Level,
    pub(crate) zsm_by_hour: HourlyLevel,
    pub(crate) day_counts: [u32; DAILY_FIXED],
    pub(crate) daily: Vec<Vec<f32>>,
    // window counters
    pub(crate) entered: u64,
    pub(crate) esc3: u64,
    pub(crate) esc3_unneeded: u64,
    pub(crate) esc4: u64,
    pub(crate) late: u64,
    pub(crate) complex_closed: u64,
    pub(crate) complex_missed: u64,
    pub(crate) complex_closed_with_crisis: u64,
    pub(crate) time_to_phase3: Mean,
    pub(crate) consults: u64,
    pub(crate) team_wait: Mean,
    pub(crate) vhh_wait: Mean,
    pub(crate) vhh_wait_hist: Histogram,
    pub(crate) zsm_decisions: u64,
    pub(crate) zsm_within: u64,
    pub(crate) zsm_decision_hours: Mean,
    pub(crate) known_complex: u64,
    pub(crate) known_complex_informed: u64,
    pub(crate) referrals: u64,
    pub(crate) vhh_held_decisions: u64,
    pub(crate) feedback_delivered: u64,
    pub(crate) feedback_delay: Mean,
    pub(crate) hist_phase3: Histogram,
    pub(crate) hist_late: Histogram,
    pub(crate) diag: Diagnostics,
}

impl Stats {
    /// Fresh counters for `teams` teams and `days` days.
    pub fn new(teams: usize, days: usize) -> Self {
        let series = DAILY_FIXED + 2 * teams;
        Self {
            in_window: false,
            phase: Default::default(),
            team_busy: vec![Level::default(); teams],
            team_waiting: vec![Level::default(); teams],
            team_busy_all: Level::default(),
            team_waiting_all: Level::default(),
            vhh_busy: Level::default(),
            vhh_waiting: Level::default(),
            advice_waiting: Level::default(),
            zsm_waiting: Level::default(),
            zsm_busy: Level::default(),
            zsm_by_hour: HourlyLevel::default(),
            day_counts: [0; DAILY_FIXED],
            daily: (0..series).map(|_| Vec::with_capacity(days)).collect(),
            entered: 0,
            esc3: 0,
            esc3_unneeded: 0,
            esc4: 0,
            late: 0,
            complex_closed: 0,
            complex_missed: 0,
            complex_closed_with_crisis: 0,
            time_to_phase3: Mean::default(),
            consults: 0,
            team_wait: Mean::default(),
            vhh_wait: Mean::default(),
            vhh_wait_hist: Histogram::new(0.1, 3650),
            zsm_decisions: 0,
            zsm_within: 0,
            zsm_decision_hours: Mean::default(),
            known_complex: 0,
            known_complex_informed: 0,
            referrals: 0,
            vhh_held_decisions: 0,
            feedback_delivered: 0,
            feedback_delay: Mean::default(),
            hist_phase3: Histogram::new(HIST_BIN_DAYS, 157),
            hist_late: Histogram::new(HIST_BIN_DAYS, 157),
            diag: Diagnostics::default(),
        }
    }

    /// Count one event of a daily counter.
    #[inline]
    pub(crate) fn count(&mut self, series: Daily) {
        self.day_counts[series as usize] += 1;
    }

    /// Close the day ending at `t`: store each series' value for the day.
    pub(crate) fn close_day(&mut self, t: f64) {
        let Stats {
            phase,
            team_busy,
            team_waiting,
            team_busy_all,
            team_waiting_all,
            vhh_busy,
            vhh_waiting,
            advice_waiting,
            zsm_waiting,
            zsm_busy,
            day_counts,
            daily,
            ..
        } = self;
        let [p2, p3, p4] = phase;
        // Same order as `Daily`: the ten levels first, then the counters.
        let levels: [&mut Level; 10] = [
            p2,
            p3,
            p4,
            team_busy_all,
            team_waiting_all,
            vhh_busy,
            vhh_waiting,
            advice_waiting,
            zsm_waiting,
            zsm_busy,
        ];
        for (i, level) in levels.into_iter().enumerate() {
            daily[i].push(level.close_day(t, HOURS_PER_DAY) as f32);
        }
        for i in Daily::Entered as usize..DAILY_FIXED {
            daily[i].push(day_counts[i] as f32);
            day_counts[i] = 0;
        }
        let teams = team_busy.len();
        for (k, level) in team_busy.iter_mut().enumerate() {
            daily[DAILY_FIXED + k].push(level.close_day(t, HOURS_PER_DAY) as f32);
        }
        for (k, level) in team_waiting.iter_mut().enumerate() {
            daily[DAILY_FIXED + teams + k].push(level.close_day(t, HOURS_PER_DAY) as f32);
        }
    }

    /// Start the statistics window at `t` (a day boundary).
    pub(crate) fn open_window(&mut self, t: f64) {
        self.in_window = true;
        for level in self
            .phase
            .iter_mut()
            .chain([
                &mut self.team_busy_all,
                &mut self.team_waiting_all,
                &mut self.vhh_busy,
                &mut self.vhh_waiting,
                &mut self.advice_waiting,
                &mut self.zsm_waiting,
                &mut self.zsm_busy,
            ])
            .chain(self.team_busy.iter_mut())
            .chain(self.team_waiting.iter_mut())
        {
            level.open_window();
        }
        self.zsm_by_hour.start(t);
    }
}
