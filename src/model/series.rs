//! The daily series every replication records (levels averaged over the day, counts per
//! day), the series derived from them, and their names in `timeseries.csv`: typed, so a
//! renamed series is a compile error, not an empty chart.

/// Daily series kept for every replication (mean level over the day, or count per day).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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

impl Daily {
    /// Every fixed daily series, in output order.
    pub const ALL: [Daily; DAILY_FIXED] = [
        Daily::Phase2,
        Daily::Phase3,
        Daily::Phase4,
        Daily::WijkteamBusy,
        Daily::WijkteamWaiting,
        Daily::VhhBusy,
        Daily::VhhWaiting,
        Daily::AdviceWaiting,
        Daily::ZsmWaiting,
        Daily::ZsmBusy,
        Daily::Entered,
        Daily::EscalationsPhase3,
        Daily::EscalationsPhase4,
        Daily::LateEscalations,
        Daily::AdviceConsults,
        Daily::ZsmDecisions,
        Daily::ZsmWithinTarget,
        Daily::ZsmReferrals,
    ];

    /// The levels among the fixed series (they come first; the rest are counts per day).
    pub fn levels() -> &'static [Daily] {
        &Daily::ALL[..Daily::Entered as usize]
    }
}

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

/// A series derived per replication from the daily ones (so its intervals are honest).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Derived {
    /// Escalations 2->3 over the last 30 days per 1,000 cases in progress.
    Phase3Rolling,
    /// Crises over the last 30 days per 1,000 cases in progress.
    Phase4Rolling,
    /// Late escalations over the last 30 days per 1,000 cases in progress.
    LateRolling,
    /// Share of the day's ZSM decisions within target.
    ZsmWithinTargetShare,
}

impl Derived {
    /// Every derived series, in output order.
    pub const ALL: [Derived; 4] = [
        Derived::Phase3Rolling,
        Derived::Phase4Rolling,
        Derived::LateRolling,
        Derived::ZsmWithinTargetShare,
    ];

    /// Name in `timeseries.csv`.
    pub fn name(self) -> &'static str {
        match self {
            Derived::Phase3Rolling => "escalations_phase3_per_1000_in_progress_30d",
            Derived::Phase4Rolling => "escalations_phase4_per_1000_in_progress_30d",
            Derived::LateRolling => "late_escalations_per_1000_in_progress_30d",
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
        assert_eq!(Daily::levels().last(), Some(&Daily::ZsmBusy));
        assert_eq!(Series::all(2).len(), DAILY_FIXED + 4 + Derived::ALL.len());
        assert_eq!(Series::TeamWaiting(1).name(), "wijkteam_waiting_team2");
    }
}
