//! The user's words: the scenario file's schema with defaults, loading (with `extends` and
//! `--set` overrides), validation, and the register of units and provenance of every key.
//!
//! The defaults are the calibrated Leeuwarden baseline; `scenarios/leeuwarden.toml` spells
//! them out with comments. Units are in the key names (`_days`, `_hours`, `_per_year`, ...);
//! the register in [`params`] gives every key's unit and source.

pub mod dist;
pub mod load;
pub mod params;
pub mod validate;

pub use dist::{DurationSpec, Sampler};
pub use load::{
    Loaded, Override, Provenance, ScenarioError, SetAt, load_file, load_file_traced, load_str,
    load_str_traced,
};
pub use validate::Params;

use serde::{Deserialize, Serialize};

/// A whole scenario: run control and every model parameter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Scenario {
    /// Short name; names the default output folder.
    pub name: String,
    /// One line saying what this scenario is.
    pub description: String,
    /// Run control.
    pub run: Run,
    /// The arrival streams.
    pub arrivals: Arrivals,
    /// Growth of the social-case stream.
    pub growth: Growth,
    /// Case attributes at entry.
    pub case: CaseMix,
    /// Competing-risk rates per state, for non-complex and complex cases.
    pub dynamics: Dynamics,
    /// Wijkteams (sociale wijkteams).
    pub wijkteam: Wijkteam,
    /// Up-scaling rules (AVE or otherwise).
    pub triage: Triage,
    /// The VHH advice function.
    pub advice: Advice,
    /// Veiligheidshuis process coordination.
    pub vhh: Vhh,
    /// Phase 4: mayor / driehoek.
    pub crisis: Crisis,
    /// ZSM table.
    pub zsm: Zsm,
    /// Information links between VHH, wijkteams and ZSM.
    pub link: Link,
}

/// Run control: horizon, warm-up, replications, seed, threads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Run {
    /// Simulated days per replication.
    pub horizon_days: u32,
    /// Days discarded before statistics are collected.
    pub warmup_days: u32,
    /// Independent replications.
    pub replications: u32,
    /// Master seed.
    pub seed: u64,
    /// Worker threads (0 = all cores); never changes results.
    pub threads: u32,
}

/// Weekly opening hours.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Hours {
    /// Open weekdays: "mon" .. "sun".
    pub days: Vec<String>,
    /// Opening time "HH:MM" (00:00 to 24:00, before `close`).
    pub open: String,
    /// Closing time "HH:MM" (00:00 to 24:00, after `open`).
    pub close: String,
}

impl Hours {
    /// Hours on the given weekdays.
    pub fn new(days: &[&str], open: &str, close: &str) -> Self {
        Self {
            days: days.iter().map(|d| d.to_string()).collect(),
            open: open.into(),
            close: close.into(),
        }
    }
    /// Monday to Friday, 08:30 to 17:00.
    pub fn office() -> Self {
        Self::new(&["mon", "tue", "wed", "thu", "fri"], "08:30", "17:00")
    }
}

impl Default for Hours {
    fn default() -> Self {
        Self::office()
    }
}

/// All seven weekdays, for desks open every day.
pub const ALL_DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// One Poisson arrival stream.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Stream {
    /// Mean arrivals per day.
    pub per_day: f64,
    /// Relative rate Monday..Sunday (scaled to average 1).
    pub weekly_profile: Vec<f64>,
}

impl Stream {
    /// A flat stream of `per_day` arrivals a day.
    pub fn flat(per_day: f64) -> Self {
        Self {
            per_day,
            weekly_profile: vec![1.0; 7],
        }
    }
}

impl Default for Stream {
    fn default() -> Self {
        Self::flat(0.0)
    }
}

/// The three external arrival streams (the fourth, offences, comes from case dynamics).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Arrivals {
    /// Social cases entering phase 2 at the wijkteams.
    pub social: Stream,
    /// Suspects at ZSM unknown to the social domain.
    pub zsm_unknown: Stream,
    /// Direct VHH referrals from other partners and municipalities.
    pub vhh_direct: Stream,
}

/// Growth of the social-case arrivals, optionally ramped.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Growth {
    /// Final multiplier of the social-case arrival rate.
    pub multiplier: f64,
    /// Day the ramp starts.
    pub ramp_start_day: f64,
    /// Length of the linear ramp from 1 to `multiplier` (0 = step at `ramp_start_day`).
    pub ramp_days: f64,
}

/// Case attributes at entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CaseMix {
    /// Relative weight of 1..5 life domains.
    pub domain_weights: Vec<f64>,
    /// Probability a case is complex, by number of domains 1..5.
    pub complex_prob_by_domains: Vec<f64>,
}

/// Rates per year in each state of a case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct StateRates {
    /// Resolution while waiting for a wijkteam slot (per year).
    pub resolution_waiting: f64,
    /// Resolution while served by the wijkteam, no VHH plan (per year).
    pub resolution_served: f64,
    /// Resolution in phase 3 before a plan (per year).
    pub resolution_escalated: f64,
    /// Resolution with a VHH plan in place (per year).
    pub resolution_planned: f64,
    /// Crisis while waiting for a wijkteam slot (per year).
    pub crisis_waiting: f64,
    /// Crisis while served by the wijkteam, no plan (per year).
    pub crisis_served: f64,
    /// Crisis in phase 3 before a plan (per year).
    pub crisis_escalated: f64,
    /// Crisis with a VHH plan in place (per year).
    pub crisis_planned: f64,
    /// Offences leading to a ZSM case (per year, any state in phase 2 or 3).
    pub offence: f64,
}

/// Competing-risk rates for non-complex and complex cases.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Dynamics {
    /// Non-complex cases.
    pub simple: StateRates,
    /// Complex cases (multi-domain, need a cross-chain approach).
    pub complex: StateRates,
}

/// Wijkteams.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Wijkteam {
    /// Number of teams.
    pub teams: u32,
    /// Case workers per team.
    pub workers_per_team: u32,
    /// Cases one worker carries at once.
    pub caseload_per_worker: u32,
    /// Spread (sd of log) of the per-team recognition skill factor (mean 1).
    pub skill_sd: f64,
    /// Office hours in which intake starts.
    pub hours: Hours,
}

/// How wijkteams decide to scale up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Criteria {
    /// AVE: agreed phases and criteria, plus the stagnation rule.
    Ave,
    /// No agreed criteria: recognition may lead to escalation, no stagnation rule.
    Informal,
    /// No up-scaling before a crisis ("we have to come in too high").
    CrisisOnly,
}

/// Up-scaling rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Triage {
    /// `ave`, `informal` or `crisis_only`.
    pub criteria: Criteria,
    /// Base rate at which a served complex case is recognised as one (per year).
    pub recognition_per_year: f64,
    /// Factor on recognition under `informal` criteria.
    pub informal_recognition_factor: f64,
    /// Probability that a recognition leads to an escalation request.
    pub adherence: f64,
    /// Days between case reviews (stagnation rule, `ave` only).
    pub review_interval_days: f64,
    /// Days in phase 2 after which a complex case counts as stagnating.
    pub stagnation_days: f64,
    /// Probability per review that a stagnating case is escalated.
    pub stagnation_adherence: f64,
    /// Rate at which a served non-complex case is pushed "over the fence" (per year).
    pub over_the_fence_per_year: f64,
}

/// The VHH advice function.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Advice {
    /// Whether wijkteams can consult the VHH before escalating.
    pub enabled: bool,
    /// Parallel advice desks (VHH coordinators' time for advice).
    pub desks: u32,
    /// Probability that a recognition leads to a consult first.
    pub consult_prob: f64,
    /// Desk time of one consult (hours).
    pub service_hours: DurationSpec,
    /// Factor on the recognition rate when advice is available (lower threshold).
    pub recognition_factor: f64,
    /// Probability a consult settles the doubt in phase 2 (no escalation).
    pub resolve_prob: f64,
    /// Factor on the crisis rate of a case whose doubt advice settled.
    pub resolved_crisis_factor: f64,
    /// Reduction of over-the-fence escalations when advice is available.
    pub unneeded_reduction: f64,
    /// Office hours of the advice desk.
    pub hours: Hours,
}

/// Veiligheidshuis process coordination.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Vhh {
    /// Process coordinators.
    pub coordinators: u32,
    /// Cases one coordinator leads at once.
    pub cases_per_coordinator: u32,
    /// Office hours from getting a slot to the case meeting (hours of open time).
    pub meeting_within_hours: DurationSpec,
    /// Days to design the plan after the meeting.
    pub plan_days: DurationSpec,
    /// Probability the wijkteam does not accept the plan at once.
    pub plan_rejection_prob: f64,
    /// Delay when the plan is not accepted (days).
    pub friction_days: DurationSpec,
    /// Share of cases the VHH keeps in phase 3 until resolved.
    pub keep_until_resolved_share: f64,
    /// Office hours in which meetings are held.
    pub hours: Hours,
}

/// Phase 4.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Crisis {
    /// Days the mayor / driehoek leads a crisis.
    pub handling_days: DurationSpec,
}

/// The ZSM table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Zsm {
    /// Parallel desks (staffed decision positions).
    pub desks: u32,
    /// Desk time to decide one case (hours).
    pub service_hours: DurationSpec,
    /// Target from arrival (or opening) to decision (hours).
    pub decision_target_hours: f64,
    /// Share of unknown suspects who are complex.
    pub unknown_complex_prob: f64,
    /// Share of unknown suspects living in this VHH's region.
    pub unknown_in_region_share: f64,
    /// Probability a complex known person is upgraded to a 7-day case when the decision is informed.
    pub upgrade_prob_informed: f64,
    /// Same, when the decision is blind.
    pub upgrade_prob_blind: f64,
    /// Days of the upgraded track (the "7-day case").
    pub upgrade_days: f64,
    /// Probability an upgraded complex case is referred to the VHH.
    pub referral_prob: f64,
    /// Crisis-rate factor after an informed decision on a known person.
    pub informed_effect: f64,
    /// Crisis-rate factor after a blind decision on a complex known person.
    pub blind_effect: f64,
    /// Days a decision's effect lasts.
    pub effect_days: f64,
    /// Opening hours.
    pub hours: Hours,
}

/// Kind of information link between VHH and ZSM.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum System {
    /// Different systems bridged via a third (BVH): advice sinks away.
    Bridged,
    /// One shared system (GCOS) with an agreed advice format.
    Shared,
    /// Joint registration, co-located (ZSM+).
    Joint,
}

/// Information links.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Link {
    /// `bridged`, `shared` or `joint`.
    pub system: System,
    /// Probability ZSM reads VHH advice on file, bridged systems.
    pub read_prob_bridged: f64,
    /// Same, one shared system.
    pub read_prob_shared: f64,
    /// Same, joint registration.
    pub read_prob_joint: f64,
    /// A fixed contact person / daily call at ZSM.
    pub contact_person: bool,
    /// Share of the unread (and unreferred) remainder a contact person recovers.
    pub contact_person_gain: f64,
    /// Wijkteams can flag a person for ZSM via the VHH service desk.
    pub wijkteam_flag: bool,
    /// Probability a recognised complex case is flagged (when the flag exists).
    pub flag_prob: f64,
    /// Probability ZSM reads a flag.
    pub flag_read_prob: f64,
    /// Probability ZSM reports its decision on a VHH case back to the VHH.
    pub feedback_prob: f64,
    /// Delay of that feedback (hours).
    pub feedback_delay_hours: DurationSpec,
}

impl Default for Scenario {
    fn default() -> Self {
        Self {
            name: "leeuwarden".into(),
            description:
                "Leeuwarden baseline: AVE with advice function, VHH Fryslan, ZSM Noord-Nederland"
                    .into(),
            run: Run::default(),
            arrivals: Arrivals::default(),
            growth: Growth::default(),
            case: CaseMix::default(),
            dynamics: Dynamics::default(),
            wijkteam: Wijkteam::default(),
            triage: Triage::default(),
            advice: Advice::default(),
            vhh: Vhh::default(),
            crisis: Crisis::default(),
            zsm: Zsm::default(),
            link: Link::default(),
        }
    }
}

impl Default for Run {
    fn default() -> Self {
        Self {
            horizon_days: 3650,
            warmup_days: 365,
            replications: 30,
            seed: 20150101,
            threads: 0,
        }
    }
}

impl Default for Arrivals {
    fn default() -> Self {
        Self {
            social: Stream::flat(11.0),
            zsm_unknown: Stream::flat(34.0),
            vhh_direct: Stream::flat(0.30),
        }
    }
}

impl Default for Growth {
    fn default() -> Self {
        Self {
            multiplier: 1.0,
            ramp_start_day: 0.0,
            ramp_days: 0.0,
        }
    }
}

impl Default for CaseMix {
    fn default() -> Self {
        Self {
            domain_weights: vec![0.40, 0.25, 0.17, 0.11, 0.07],
            complex_prob_by_domains: vec![0.0, 0.015, 0.06, 0.15, 0.30],
        }
    }
}

impl Default for StateRates {
    fn default() -> Self {
        Self::simple()
    }
}

impl StateRates {
    /// Baseline rates of a non-complex case.
    pub fn simple() -> Self {
        Self {
            resolution_waiting: 1.0,
            resolution_served: 2.2,
            resolution_escalated: 1.0,
            resolution_planned: 3.0,
            crisis_waiting: 0.004,
            crisis_served: 0.002,
            crisis_escalated: 0.01,
            crisis_planned: 0.002,
            offence: 0.05,
        }
    }
    /// Baseline rates of a complex case.
    pub fn complex() -> Self {
        Self {
            resolution_waiting: 0.3,
            resolution_served: 0.8,
            resolution_escalated: 0.6,
            resolution_planned: 2.0,
            crisis_waiting: 0.15,
            crisis_served: 0.06,
            crisis_escalated: 0.08,
            crisis_planned: 0.02,
            offence: 0.5,
        }
    }
}

impl Default for Dynamics {
    fn default() -> Self {
        Self {
            simple: StateRates::simple(),
            complex: StateRates::complex(),
        }
    }
}

impl Default for Wijkteam {
    fn default() -> Self {
        Self {
            teams: 9,
            workers_per_team: 11,
            caseload_per_worker: 22,
            skill_sd: 0.3,
            hours: Hours::office(),
        }
    }
}

impl Default for Triage {
    fn default() -> Self {
        Self {
            criteria: Criteria::Ave,
            recognition_per_year: 1.0,
            informal_recognition_factor: 0.6,
            adherence: 0.8,
            review_interval_days: 1.0,
            stagnation_days: 180.0,
            stagnation_adherence: 0.01,
            over_the_fence_per_year: 0.004,
        }
    }
}

impl Default for Advice {
    fn default() -> Self {
        Self {
            enabled: true,
            desks: 1,
            consult_prob: 0.5,
            service_hours: DurationSpec::gamma(1.5, 0.5),
            recognition_factor: 1.3,
            resolve_prob: 0.35,
            resolved_crisis_factor: 0.7,
            unneeded_reduction: 0.5,
            hours: Hours::office(),
        }
    }
}

impl Default for Vhh {
    fn default() -> Self {
        Self {
            coordinators: 4,
            cases_per_coordinator: 15,
            meeting_within_hours: DurationSpec::triangular(1.0, 6.0, 16.0),
            plan_days: DurationSpec::gamma(28.0, 0.5),
            plan_rejection_prob: 0.15,
            friction_days: DurationSpec::gamma(14.0, 0.7),
            keep_until_resolved_share: 0.10,
            hours: Hours::office(),
        }
    }
}

impl Default for Crisis {
    fn default() -> Self {
        Self {
            handling_days: DurationSpec::gamma(14.0, 0.5),
        }
    }
}

impl Default for Zsm {
    fn default() -> Self {
        Self {
            desks: 4,
            service_hours: DurationSpec::lognormal(1.0, 0.8),
            decision_target_hours: 6.0,
            unknown_complex_prob: 0.03,
            unknown_in_region_share: 0.38,
            upgrade_prob_informed: 0.6,
            upgrade_prob_blind: 0.25,
            upgrade_days: 7.0,
            referral_prob: 0.10,
            informed_effect: 0.6,
            blind_effect: 1.5,
            effect_days: 90.0,
            hours: Hours::new(&ALL_DAYS, "08:00", "20:00"),
        }
    }
}

impl Default for Link {
    fn default() -> Self {
        Self {
            system: System::Bridged,
            read_prob_bridged: 0.15,
            read_prob_shared: 0.5,
            read_prob_joint: 0.85,
            contact_person: false,
            contact_person_gain: 0.4,
            wijkteam_flag: false,
            flag_prob: 0.5,
            flag_read_prob: 0.7,
            feedback_prob: 0.0,
            feedback_delay_hours: DurationSpec::gamma(24.0, 0.7),
        }
    }
}

/// The embedded default scenario (`scenarios/leeuwarden.toml`).
pub const DEFAULT_SCENARIO: &str = include_str!("../../scenarios/leeuwarden.toml");

/// The shared base the default extends (`scenarios/base.toml`).
pub const BASE_SCENARIO: &str = include_str!("../../scenarios/base.toml");

/// How the embedded default is named in messages.
pub const DEFAULT_ORIGIN: &str = "embedded scenarios/leeuwarden.toml";

/// An embedded scenario file by name (what the embedded default may `extends`).
pub fn embedded(name: &str) -> Option<&'static str> {
    match name {
        "base.toml" => Some(BASE_SCENARIO),
        _ => None,
    }
}

/// Load the embedded default with overrides.
pub fn load_default(overrides: &[Override]) -> Result<(Scenario, Params), ScenarioError> {
    load_str(DEFAULT_SCENARIO, DEFAULT_ORIGIN, None, overrides)
}

/// Load the embedded default with overrides, telling where each value was set.
pub fn load_default_traced(overrides: &[Override]) -> Result<Loaded, ScenarioError> {
    load_str_traced(DEFAULT_SCENARIO, DEFAULT_ORIGIN, None, overrides)
}
