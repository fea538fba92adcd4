//! `[wijkteam]`: Wijkteams.

use super::hours::{self, Hours, calendar};
use crate::both;
use crate::engine::Calendar;
use crate::format::message as number;
use crate::lang::Text;
use crate::scenario::check::{Invalid, bad, capacity, nonneg, prob};
use crate::scenario::register::{Key, a, b, c, key};

/// The wijkteams' working hours match the VHH's office hours.
const HOURS: [Key; 3] = hours::rows(
    b(
        "§5.3.4 l.3217",
        "werktijden komen overeen",
        "office hours, Monday to Friday 08:30-17:00, are assumed",
    ),
    "kantoortijden, maandag tot en met vrijdag 08:30-17:00, zijn aangenomen",
);

section! {
    /// Wijkteams.
    pub struct Wijkteam {
        /// Number of teams.
        teams: u32 = 9 => [
            key("teams", "count", "number of wijkteams", a("§5.1 l.2401", "negen sociale teams actief")).range(9.0, 9.0, "Leeuwarden; other regions differ (the regions issue)").nl("aantal wijkteams", "", "Leeuwarden; andere regio's verschillen (het regiovraagstuk)"),
        ],
        /// Case workers per team.
        workers_per_team: u32 = 12 => [
            key("workers_per_team", "count", "case workers per team", c("about 110 workers over 9 teams")).range(9.0, 15.0, "80 to 135 workers").nl("medewerkers per team", "ongeveer 110 medewerkers over 9 teams", "80 tot 135 medewerkers"),
        ],
        /// Cases one worker carries at once.
        caseload_per_worker: u32 = 22 => [
            key("caseload_per_worker", "cases", "cases one worker carries at once", c("no norm yet in 2015 ('nu moeten we ervaren wat een goede caseload is', §5.3.1 l.2913); 22 blends a published tool's 5-7 families (heaviest 5%), 30-40 (vulnerable 15%) and ~100 (the rest)")).range(15.0, 30.0, "the heavier half of that tool's bands").nl("casussen die één medewerker tegelijk heeft", "in 2015 nog geen norm ('nu moeten we ervaren wat een goede caseload is', §5.3.1 l.2913); 22 mengt de bandbreedtes van een gepubliceerd instrument: 5-7 gezinnen (zwaarste 5%), 30-40 (kwetsbare 15%) en ~100 (de rest)", "de zwaardere helft van de bandbreedtes van dat instrument"),
        ],
        /// Spread (sd of log) of the per-team recognition skill factor (mean 1).
        skill_sd: f64 = 0.3 => [
            key("skill_sd", "sd of log factor", "spread of teams' skill in recognising complex problems", b("§5.3.2 l.3134", "Het is vooral het inschatten van de casus en het inschatten van de ernst", "teams differ in judging a case; the spread is assumed")).range(0.0, 0.6, "equal teams up to a factor of about 2").nl("spreiding in de vaardigheid van teams om complexe problematiek te herkennen", "teams verschillen in het inschatten van een casus; de spreiding is aangenomen", "van gelijke teams tot ongeveer een factor 2"),
        ],
        /// Spread (sd of log) of the teamleiders' quality at the briefing (mean 1).
        teamleader_sd: f64 = 0.5 => [
            key("teamleader_sd", "sd of log factor", "spread of the teamleiders in picking up stalled cases at the briefing", b("§5.3.2 l.3163", "Maar niet iedere teamleider heeft dezelfde kwaliteit", "teamleiders differ; the spread is assumed")).range(0.0, 1.0, "equal teamleiders up to a factor of about 3").nl("spreiding tussen teamleiders in het oppakken van stagnerende casussen in de briefing", "teamleiders verschillen; de spreiding is aangenomen", "van gelijke teamleiders tot ongeveer een factor 3"),
        ],
        /// Share of new or young workers.
        inexperienced_share: f64 = 0.3 => [
            key("inexperienced_share", "share", "new or young workers in the teams (they hand cases over too early more often)", b("§5.3.2 l.3150", "zeker voor de mensen die nieuw of jong zijn", "the teams were topped up and took on new tasks towards 2015 (l.2911), with part of the workers 'nieuw of jong'; a third is assumed; may fall with a [[change]]")).range(0.1, 0.5, "a tenth to a half").nl("nieuwe of jonge medewerkers in de teams (zij dragen casussen vaker te vroeg over)", "de teams werden in aanloop naar 2015 aangevuld en kregen nieuwe taken (l.2911), met een deel 'nieuw of jong'; een derde onervaren is aangenomen; kan dalen met een [[change]]", "een tiende tot de helft"),
        ],
        /// Office hours in which intake starts.
        hours: Hours = Hours::office() => [
            HOURS[0],
            HOURS[1],
            HOURS[2],
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
    /// Spread of teamleider quality.
    pub teamleader_sd: f64,
    /// Share of new or young workers.
    pub inexperienced_share: f64,
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
                    Text::new(
                        "workers_per_team x caseload_per_worker must be at most 10 million",
                        "workers_per_team x caseload_per_worker mag hoogstens 10 miljoen zijn",
                    ),
                )
            })?;
        let skill_sd = nonneg("wijkteam.skill_sd", self.skill_sd)?;
        if skill_sd > 2.0 {
            return Err(bad("wijkteam.skill_sd", {
                let v = number(skill_sd);
                both!(
                    "is the spread of team skill on a log scale: allowed 0 to 2, got {v}",
                    "is de spreiding van de vaardigheid van teams op een log-schaal: toegestaan 0 tot 2, gegeven {v}"
                )
            }));
        }
        let teamleader_sd = nonneg("wijkteam.teamleader_sd", self.teamleader_sd)?;
        if teamleader_sd > 2.0 {
            return Err(bad("wijkteam.teamleader_sd", {
                let v = number(teamleader_sd);
                both!(
                    "is the spread of teamleider quality on a log scale: allowed 0 to 2, got {v}",
                    "is de spreiding van de kwaliteit van teamleiders op een log-schaal: toegestaan 0 tot 2, gegeven {v}"
                )
            }));
        }
        Ok(WijkteamParams {
            teams,
            team_slots,
            skill_sd,
            teamleader_sd,
            inexperienced_share: prob("wijkteam.inexperienced_share", self.inexperienced_share)?,
            hours: calendar("wijkteam.hours", &self.hours)?,
        })
    }
}
