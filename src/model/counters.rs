//! The streaming counters of one replication: levels integrated over time, counts and means
//! in the statistics window, and the daily series. Memory does not grow with events.

use super::metrics::{DAILY_FIXED, Daily, HIST_BIN_DAYS};
use super::results::Diagnostics;
use crate::engine::HOURS_PER_DAY;
use crate::stats::{Histogram, HourlyLevel, Level, Mean};

/// Streaming counters of one replication.
#[derive(Debug, Clone)]
pub struct Counters {
    pub(crate) in_window: bool,
    pub(crate) phase: [Level; 3],
    pub(crate) team_busy: Vec<Level>,
    pub(crate) team_waiting: Vec<Level>,
    pub(crate) team_busy_all: Level,
    pub(crate) team_waiting_all: Level,
    /// Coordinator hours a week held.
    pub(crate) vhh_held: Level,
    /// The budget (hours a week), for a utilisation when it changes during the run.
    pub(crate) vhh_budget: Level,
    pub(crate) vhh_waiting: Level,
    pub(crate) advice_waiting: Level,
    pub(crate) zsm_waiting: Level,
    pub(crate) zsm_busy: Level,
    pub(crate) zsm_by_hour: HourlyLevel,
    pub(crate) advice_fit: Level,
    pub(crate) stalled: Level,
    pub(crate) day_counts: [f64; DAILY_FIXED],
    pub(crate) daily: Vec<Vec<f32>>,
    // window counters
    pub(crate) entered: u64,
    pub(crate) up3: u64,
    /// Opschalingen of wijk families by trigger (in `Trigger` order).
    pub(crate) up3_by: [u64; 6],
    pub(crate) time_to_ave3: Mean,
    pub(crate) incidents: u64,
    pub(crate) late: u64,
    pub(crate) ave4: u64,
    pub(crate) consults: u64,
    pub(crate) consults_in_time: u64,
    pub(crate) team_wait: Mean,
    pub(crate) vhh_wait: Mean,
    pub(crate) vhh_wait_hist: Histogram,
    pub(crate) vhh_entries: u64,
    pub(crate) vhh_entries_local: u64,
    pub(crate) driehoek: u64,
    pub(crate) zsm_decisions: u64,
    pub(crate) zsm_within: u64,
    pub(crate) zsm_decision_hours: Mean,
    pub(crate) known_complex: u64,
    pub(crate) known_complex_informed: u64,
    pub(crate) with_advice: u64,
    pub(crate) with_advice_unused: u64,
    pub(crate) referrals: u64,
    pub(crate) vhh_held_decisions: u64,
    pub(crate) feedback_sent: u64,
    pub(crate) feedback_delay: Mean,
    /// Per coordinator: ZSM decisions on persons under their procesregie, and how many a
    /// call of theirs informed.
    pub(crate) calls: Vec<(u64, u64)>,
    pub(crate) hist_ave3: Histogram,
    pub(crate) hist_late: Histogram,
    pub(crate) diag: Diagnostics,
}

impl Counters {
    /// Fresh counters for `teams` teams, `coordinators` coordinators and `days` days.
    pub fn new(teams: usize, coordinators: usize, days: usize) -> Self {
        let series = DAILY_FIXED + 2 * teams;
        Self {
            in_window: false,
            phase: Default::default(),
            team_busy: vec![Level::default(); teams],
            team_waiting: vec![Level::default(); teams],
            team_busy_all: Level::default(),
            team_waiting_all: Level::default(),
            vhh_held: Level::default(),
            vhh_budget: Level::default(),
            vhh_waiting: Level::default(),
            advice_waiting: Level::default(),
            zsm_waiting: Level::default(),
            zsm_busy: Level::default(),
            zsm_by_hour: HourlyLevel::default(),
            advice_fit: Level::default(),
            stalled: Level::default(),
            day_counts: [0.0; DAILY_FIXED],
            daily: (0..series).map(|_| Vec::with_capacity(days)).collect(),
            entered: 0,
            up3: 0,
            up3_by: [0; 6],
            time_to_ave3: Mean::default(),
            incidents: 0,
            late: 0,
            ave4: 0,
            consults: 0,
            consults_in_time: 0,
            team_wait: Mean::default(),
            vhh_wait: Mean::default(),
            // Bins of 0.1 day up to the whole horizon (a wait cannot be longer), so the
            // 90th percentile never sticks at an edge below it.
            vhh_wait_hist: Histogram::new(0.1, 10 * days.max(365)),
            vhh_entries: 0,
            vhh_entries_local: 0,
            driehoek: 0,
            zsm_decisions: 0,
            zsm_within: 0,
            zsm_decision_hours: Mean::default(),
            known_complex: 0,
            known_complex_informed: 0,
            with_advice: 0,
            with_advice_unused: 0,
            referrals: 0,
            vhh_held_decisions: 0,
            feedback_sent: 0,
            feedback_delay: Mean::default(),
            calls: vec![(0, 0); coordinators],
            hist_ave3: Histogram::new(HIST_BIN_DAYS, 157),
            hist_late: Histogram::new(HIST_BIN_DAYS, 157),
            diag: Diagnostics::default(),
        }
    }

    /// Count one event of a daily counter.
    #[inline]
    pub(crate) fn count(&mut self, series: Daily) {
        self.day_counts[series as usize] += 1.0;
    }

    /// Add `v` to the day's sum of a series that sums amounts (days waited).
    pub(crate) fn add_to_day(&mut self, series: Daily, v: f64) {
        self.day_counts[series as usize] += v;
    }

    /// The level behind a fixed daily series that is a level.
    fn level_mut(&mut self, series: Daily) -> &mut Level {
        match series {
            Daily::CasesAve2 => &mut self.phase[0],
            Daily::CasesAve3 => &mut self.phase[1],
            Daily::CasesAve4 => &mut self.phase[2],
            Daily::WijkteamBusy => &mut self.team_busy_all,
            Daily::WijkteamWaiting => &mut self.team_waiting_all,
            Daily::VhhHoursHeld => &mut self.vhh_held,
            Daily::VhhWaiting => &mut self.vhh_waiting,
            Daily::AdviceWaiting => &mut self.advice_waiting,
            Daily::ZsmWaiting => &mut self.zsm_waiting,
            Daily::ZsmBusy => &mut self.zsm_busy,
            Daily::AdviceFit => &mut self.advice_fit,
            Daily::StalledCases => &mut self.stalled,
            Daily::VhhBudget => &mut self.vhh_budget,
            _ => unreachable!("{series:?} is a count, not a level"),
        }
    }

    /// Close the day ending at `t`: store each series' value for the day, in the order of
    /// [`Series::recorded`](super::metrics::Series::recorded).
    pub(crate) fn close_day(&mut self, t: f64) {
        for &series in Daily::levels() {
            let value = self.level_mut(series).close_day(t, HOURS_PER_DAY) as f32;
            self.daily[series as usize].push(value);
        }
        for i in Daily::Entered as usize..DAILY_FIXED {
            self.daily[i].push(self.day_counts[i] as f32);
            self.day_counts[i] = 0.0;
        }
        let teams = self.team_busy.len();
        for (k, level) in self.team_busy.iter_mut().enumerate() {
            self.daily[DAILY_FIXED + k].push(level.close_day(t, HOURS_PER_DAY) as f32);
        }
        for (k, level) in self.team_waiting.iter_mut().enumerate() {
            self.daily[DAILY_FIXED + teams + k].push(level.close_day(t, HOURS_PER_DAY) as f32);
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
                &mut self.vhh_held,
                &mut self.vhh_budget,
                &mut self.vhh_waiting,
                &mut self.advice_waiting,
                &mut self.zsm_waiting,
                &mut self.zsm_busy,
                &mut self.advice_fit,
                &mut self.stalled,
            ])
            .chain(self.team_busy.iter_mut())
            .chain(self.team_waiting.iter_mut())
        {
            level.open_window();
        }
        self.zsm_by_hour.start(t);
    }
}
