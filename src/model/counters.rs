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

impl Counters {
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

    /// The level behind a fixed daily series that is a level.
    fn level_mut(&mut self, series: Daily) -> &mut Level {
        match series {
            Daily::Phase2 => &mut self.phase[0],
            Daily::Phase3 => &mut self.phase[1],
            Daily::Phase4 => &mut self.phase[2],
            Daily::WijkteamBusy => &mut self.team_busy_all,
            Daily::WijkteamWaiting => &mut self.team_waiting_all,
            Daily::VhhBusy => &mut self.vhh_busy,
            Daily::VhhWaiting => &mut self.vhh_waiting,
            Daily::AdviceWaiting => &mut self.advice_waiting,
            Daily::ZsmWaiting => &mut self.zsm_waiting,
            Daily::ZsmBusy => &mut self.zsm_busy,
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
            self.day_counts[i] = 0;
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
