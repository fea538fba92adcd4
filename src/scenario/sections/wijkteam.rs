//! `[wijkteam]`: Wijkteams.

use super::hours::{self, Hours, calendar};
use crate::engine::Calendar;
use crate::format::message as number;
use crate::scenario::check::{Invalid, bad, capacity, nonneg};
use crate::scenario::register::{Evidence::*, key};

section! {
    /// Wijkteams.
    pub struct Wijkteam {
        /// Number of teams.
        teams: u32 = 9 => [
            key("teams", "count", "number of wijkteams", Study("Leeuwarden: 9 teams, 7 by area, 1 for villages, 1 youth and families (5.1)")),
        ],
        /// Case workers per team.
        workers_per_team: u32 = 11 => [
            key("workers_per_team", "count", "case workers per team", Assumption("about 100 workers over 9 teams")),
        ],
        /// Cases one worker carries at once.
        caseload_per_worker: u32 = 22 => [
            key("caseload_per_worker", "cases", "cases one worker carries at once", Public("no national norm; one published tool: 5-7 families for the heaviest 5%, 30-40 for the vulnerable 15%, ~100 for the rest; 22 is a blended assumption")),
        ],
        /// Spread (sd of log) of the per-team recognition skill factor (mean 1).
        skill_sd: f64 = 0.3 => [
            key("skill_sd", "sd of log factor", "spread of teams' recognition skill", Study("team leaders and workers differ in recognising when to escalate (5.3.2); size is an assumption")),
        ],
        /// Office hours in which intake starts.
        hours: Hours = Hours::office() => [
            hours::DAYS,
            hours::OPEN,
            hours::CLOSE,
        ],
    }
}

/// Wijkteams as the model uses them.
#[derive(Debug, Clone)]
pub struct WijkteamParams {
    /// Number of teams.
    pub teams: usize,
    /// Case slots per team.
    pub team_slots: u32,
    /// Spread of team skill.
    pub skill_sd: f64,
    /// Intake hours.
    pub hours: Calendar,
}

impl Wijkteam {
    pub(crate) fn compile(&self) -> Result<WijkteamParams, Invalid> {
        let teams = capacity("wijkteam.teams", self.teams, 10_000)? as usize;
        let workers = capacity("wijkteam.workers_per_team", self.workers_per_team, 100_000)?;
        let load = capacity(
            "wijkteam.caseload_per_worker",
            self.caseload_per_worker,
            100_000,
        )?;
        let team_slots = workers
            .checked_mul(load)
            .filter(|&n| n <= 10_000_000)
            .ok_or_else(|| {
                bad(
                    "wijkteam.caseload_per_worker",
                    "workers_per_team x caseload_per_worker must be at most 10 million",
                )
            })?;
        let skill_sd = nonneg("wijkteam.skill_sd", self.skill_sd)?;
        if skill_sd > 2.0 {
            return Err(bad(
                "wijkteam.skill_sd",
                format!(
                    "is the spread of team skill on a log scale: allowed 0 to 2, got {}",
                    number(skill_sd)
                ),
            ));
        }
        Ok(WijkteamParams {
            teams,
            team_slots,
            skill_sd,
            hours: calendar("wijkteam.hours", &self.hours)?,
        })
    }
}
