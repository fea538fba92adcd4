//! The daily series every replication records (levels averaged over the day, counts per
//! day), the series derived from them, and their names in `timeseries.csv`: typed, so a
//! renamed series is a compile error, not an empty chart.

/// Daily series kept for every replication (mean level over the day, or count per day).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(usize)]
pub enum Daily {
    /// Cases in AVE 2 (mean over the day).
    CasesAve2 = 0,
    /// Cases in AVE 3.
    CasesAve3,
    /// Cases in AVE 4.
    CasesAve4,
    /// Busy wijkteam slots.
    WijkteamBusy,
    /// Cases waiting for a wijkteam.
    WijkteamWaiting,
    /// VHH coordinator hours a week held (procesregie and consults).
    VhhHoursHeld,
    /// Cases waiting for procesregie.
    VhhWaiting,
    /// Consults waiting for a coordinator.
    AdviceWaiting,
    /// Cases waiting at ZSM.
    ZsmWaiting,
    /// Busy ZSM desks.
    ZsmBusy,
    /// How well VHH advice fits ZSM's needs.
    AdviceFit,
    /// Cases with stalled cooperation nobody has acted on.
    StalledCases,
    /// The VHH's budget of coordinator hours a week (it may change on a date).
    VhhBudget,
    /// Families entered (count per day).
    Entered,
    /// Opschalingen naar AVE 3 of wijk families (count).
    UpscalingsAve3,
    /// Of which over the fence (count).
    OverTheFence,
    /// Of which for stalled cooperation (count).
    UpscalingsStalled,
    /// Acute safety incidents (count).
    AcuteCrises,
    /// Late: acute incidents in AVE 2 of families never in AVE 3 (count).
    LateUpscalings,
    /// Opschalingen naar AVE 4 (count).
    EscalationsAve4,
    /// Advice consults asked (count).
    AdviceConsults,
    /// ZSM decisions (count).
    ZsmDecisions,
    /// ZSM decisions within target (count).
    ZsmWithinTarget,
    /// Referrals ZSM -> VHH (count).
    ZsmReferrals,
    /// ZSM decisions on persons with an active complex case (count).
    ZsmKnownComplex,
    /// Of which informed (count).
    ZsmInformed,
    /// Cases whose procesregie started (count).
    VhhStarted,
    /// Days those cases waited for procesregie, summed (a sum of days, not a count).
    VhhWaitDays,
    /// Families whose support at a wijkteam started (count).
    WijkteamStarted,
    /// Days those families waited for a wijkteam, summed (a sum of days).
    WijkteamWaitDays,
}

/// Number of fixed daily series.
pub const DAILY_FIXED: usize = 30;

impl Daily {
    /// Every fixed daily series, in output order.
    pub const ALL: [Daily; DAILY_FIXED] = [
        Daily::CasesAve2,
        Daily::CasesAve3,
        Daily::CasesAve4,
        Daily::WijkteamBusy,
        Daily::WijkteamWaiting,
        Daily::VhhHoursHeld,
        Daily::VhhWaiting,
        Daily::AdviceWaiting,
        Daily::ZsmWaiting,
        Daily::ZsmBusy,
        Daily::AdviceFit,
        Daily::StalledCases,
        Daily::VhhBudget,
        Daily::Entered,
        Daily::UpscalingsAve3,
        Daily::OverTheFence,
        Daily::UpscalingsStalled,
        Daily::AcuteCrises,
        Daily::LateUpscalings,
        Daily::EscalationsAve4,
        Daily::AdviceConsults,
        Daily::ZsmDecisions,
        Daily::ZsmWithinTarget,
        Daily::ZsmReferrals,
        Daily::ZsmKnownComplex,
        Daily::ZsmInformed,
        Daily::VhhStarted,
        Daily::VhhWaitDays,
        Daily::WijkteamStarted,
        Daily::WijkteamWaitDays,
    ];

    /// The levels among the fixed series (they come first; the rest are counts per day).
    pub fn levels() -> &'static [Daily] {
        &Daily::ALL[..Daily::Entered as usize]
    }
}

/// Names of the fixed daily series, in [`Daily`] order.
pub const DAILY_NAMES: [&str; DAILY_FIXED] = [
    "cases_ave2",
    "cases_ave3",
    "cases_ave4",
    "wijkteam_busy",
    "wijkteam_waiting",
    "vhh_hours_held",
    "vhh_waiting",
    "advice_waiting",
    "zsm_waiting",
    "zsm_busy",
    "advice_fit",
    "stalled_cases",
    "vhh_hours_budget",
    "cases_entered",
    "upscalings_ave3",
    "over_the_fence",
    "upscalings_stalled_cooperation",
    "acute_crises",
    "late_upscalings",
    "escalations_ave4",
    "advice_consults",
    "zsm_decisions",
    "zsm_within_target",
    "zsm_referrals",
    "zsm_known_complex_decisions",
    "zsm_informed_decisions",
    "vhh_procesregie_started",
    "vhh_wait_days_sum",
    "wijkteam_started",
    "wijkteam_wait_days_sum",
];

/// A series derived per replication from the daily ones (so its intervals are honest).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Derived {
    /// Opschalingen naar AVE 3 over the last 30 days per 1,000 cases in progress.
    UpscalingRolling,
    /// Acute incidents over the last 30 days per 1,000 cases in progress.
    IncidentRolling,
    /// Late acute incidents over the last 30 days per 1,000 cases in progress.
    LateRolling,
    /// Opschalingen naar AVE 4 over the last 30 days per 1,000 cases in progress.
    Ave4Rolling,
    /// Share of the day's ZSM decisions within target.
    ZsmWithinTargetShare,
}

impl Derived {
    /// Every derived series, in output order.
    pub const ALL: [Derived; 5] = [
        Derived::UpscalingRolling,
        Derived::IncidentRolling,
        Derived::LateRolling,
        Derived::Ave4Rolling,
        Derived::ZsmWithinTargetShare,
    ];

    /// Name in `timeseries.csv`.
    pub fn name(self) -> &'static str {
        match self {
            Derived::UpscalingRolling => "upscalings_ave3_per_1000_in_progress_30d",
            Derived::IncidentRolling => "acute_crises_per_1000_in_progress_30d",
            Derived::LateRolling => "late_upscalings_per_1000_in_progress_30d",
            Derived::Ave4Rolling => "escalations_ave4_per_1000_in_progress_30d",
            Derived::ZsmWithinTargetShare => "zsm_within_target_share",
        }
    }
}

/// A daily series of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Series {
    /// One of the fixed daily series.
    Daily(Daily),
    /// Busy slots of one wijkteam (0-based).
    TeamBusy(u16),
    /// Cases waiting for one wijkteam (0-based).
    TeamWaiting(u16),
    /// A series derived from the daily ones.
    Derived(Derived),
}

impl Series {
    /// Name in `timeseries.csv`.
    pub fn name(self) -> String {
        match self {
            Series::Daily(d) => DAILY_NAMES[d as usize].to_string(),
            Series::TeamBusy(t) => format!("wijkteam_busy_team{}", t + 1),
            Series::TeamWaiting(t) => format!("wijkteam_waiting_team{}", t + 1),
            Series::Derived(d) => d.name().to_string(),
        }
    }

    /// The series one replication records, in order: the fixed ones, then each team's busy
    /// and waiting.
    pub fn recorded(teams: usize) -> Vec<Series> {
        let mut out: Vec<Series> = Daily::ALL.iter().map(|&d| Series::Daily(d)).collect();
        out.extend((0..teams as u16).map(Series::TeamBusy));
        out.extend((0..teams as u16).map(Series::TeamWaiting));
        out
    }

    /// Every series of a run: the recorded ones, then the derived ones.
    pub fn all(teams: usize) -> Vec<Series> {
        let mut out = Series::recorded(teams);
        out.extend(Derived::ALL.iter().map(|&d| Series::Derived(d)));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fixed_series_are_in_the_order_of_their_enum_and_levels_come_first() {
        for (i, d) in Daily::ALL.iter().enumerate() {
            assert_eq!(*d as usize, i);
        }
        assert_eq!(Daily::levels().last(), Some(&Daily::VhhBudget));
        assert_eq!(Series::all(2).len(), DAILY_FIXED + 4 + Derived::ALL.len());
        assert_eq!(Series::TeamWaiting(1).name(), "wijkteam_waiting_team2");
    }
}
