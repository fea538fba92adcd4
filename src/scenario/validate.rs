//! Checking a scenario and compiling it into [`Params`]: rates per hour, calendars and
//! samplers the model uses directly. Every check names the key and what is allowed.

use super::dist::{DurationSpec, Sampler};
use super::{Criteria, Hours, Scenario, StateRates, Stream, System};
use crate::engine::{Calendar, HOURS_PER_DAY, HOURS_PER_YEAR};
use crate::format::message as number;

/// A validation failure: (dotted key, message).
pub type Invalid = (String, String);

/// A duration sampler whose draws are converted to hours.
#[derive(Debug, Clone, Copy)]
pub struct Duration {
    sampler: Sampler,
    to_hours: f64,
}

impl Duration {
    /// Draw a duration in hours.
    #[inline]
    pub fn sample_hours<R: rand::Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        self.sampler.sample(rng) * self.to_hours
    }
}

/// A Poisson arrival stream, per hour, with its weekly profile (mean 1).
#[derive(Debug, Clone, Copy)]
pub struct ArrivalParams {
    /// Base arrivals per hour.
    pub per_hour: f64,
    /// Relative rate per weekday, Monday first, averaging 1.
    pub profile: [f64; 7],
    /// Largest profile factor (for thinning).
    pub profile_max: f64,
}

/// Competing-risk rates of one kind of case, per hour. Index with [`RateState`].
#[derive(Debug, Clone, Copy)]
pub struct Rates {
    /// Resolution rate per state.
    pub resolution: [f64; 4],
    /// Crisis rate per state.
    pub crisis: [f64; 4],
    /// Offence rate.
    pub offence: f64,
}

/// The four rate states of a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(usize)]
pub enum RateState {
    /// Waiting for a wijkteam slot.
    Waiting = 0,
    /// Served by the wijkteam, no plan.
    Served = 1,
    /// Phase 3 before a plan.
    Escalated = 2,
    /// With a VHH plan.
    Planned = 3,
}

/// A validated scenario, compiled for the model.
#[derive(Debug, Clone)]
pub struct Params {
    /// Horizon in hours.
    pub horizon: f64,
    /// Warm-up in hours.
    pub warmup: f64,
    /// Horizon in days.
    pub horizon_days: u32,
    /// Warm-up in days.
    pub warmup_days: u32,
    /// Replications.
    pub replications: u32,
    /// Master seed.
    pub seed: u64,
    /// Threads (0 = all cores).
    pub threads: u32,
    /// Social cases entering phase 2.
    pub social: ArrivalParams,
    /// Unknown suspects at ZSM.
    pub zsm_unknown: ArrivalParams,
    /// Direct VHH referrals.
    pub vhh_direct: ArrivalParams,
    /// Growth multiplier of the social stream.
    pub growth: f64,
    /// Growth ramp start (hours).
    pub growth_start: f64,
    /// Growth ramp length (hours).
    pub growth_ramp: f64,
    /// Cumulative probabilities of 1..5 domains.
    pub domain_cdf: [f64; 5],
    /// P(complex) by 1..5 domains.
    pub complex_prob: [f64; 5],
    /// Rates for non-complex (0) and complex (1) cases.
    pub rates: [Rates; 2],
    /// Number of wijkteams.
    pub teams: usize,
    /// Case slots per team.
    pub team_slots: u32,
    /// Spread of team skill.
    pub skill_sd: f64,
    /// Wijkteam intake hours.
    pub wijkteam_hours: Calendar,
    /// Up-scaling regime.
    pub criteria: Criteria,
    /// Recognition rate of a served complex case with skill 1 (per hour), all factors applied.
    pub recognition: f64,
    /// P(recognition leads to an escalation request).
    pub adherence: f64,
    /// Review interval (hours); stagnation rule active only under AVE.
    pub review_interval: f64,
    /// Stagnation threshold (hours).
    pub stagnation: f64,
    /// P(escalation per review of a stagnating case).
    pub stagnation_adherence: f64,
    /// Over-the-fence rate (per hour), advice reduction applied.
    pub over_the_fence: f64,
    /// Advice function on.
    pub advice_enabled: bool,
    /// Advice desks.
    pub advice_desks: u32,
    /// P(consult on recognition).
    pub advice_consult_prob: f64,
    /// Advice desk time.
    pub advice_service: Duration,
    /// P(consult settles the doubt).
    pub advice_resolve_prob: f64,
    /// Crisis factor after settled doubt.
    pub advice_crisis_factor: f64,
    /// Advice desk hours.
    pub advice_hours: Calendar,
    /// VHH process-lead slots.
    pub vhh_slots: u32,
    /// Office hours from slot to meeting.
    pub vhh_meeting: Duration,
    /// Plan design time.
    pub vhh_plan: Duration,
    /// P(plan not accepted at once).
    pub vhh_rejection_prob: f64,
    /// Friction delay.
    pub vhh_friction: Duration,
    /// Share kept until resolved.
    pub vhh_keep_share: f64,
    /// VHH office hours.
    pub vhh_hours: Calendar,
    /// Crisis handling time.
    pub crisis_handling: Duration,
    /// ZSM desks.
    pub zsm_desks: u32,
    /// ZSM desk time.
    pub zsm_service: Duration,
    /// Decision target (hours).
    pub zsm_target: f64,
    /// P(unknown suspect complex).
    pub zsm_unknown_complex: f64,
    /// P(unknown suspect in this region).
    pub zsm_region_share: f64,
    /// P(upgrade | informed).
    pub zsm_upgrade_informed: f64,
    /// P(upgrade | blind).
    pub zsm_upgrade_blind: f64,
    /// Upgrade track length (hours).
    pub zsm_upgrade_track: f64,
    /// P(referral | upgraded), contact person applied.
    pub zsm_referral_prob: f64,
    /// Crisis factor after an informed decision.
    pub zsm_informed_effect: f64,
    /// Crisis factor after a blind decision on a complex person.
    pub zsm_blind_effect: f64,
    /// Effect length (hours).
    pub zsm_effect: f64,
    /// ZSM opening hours.
    pub zsm_hours: Calendar,
    /// P(ZSM reads VHH advice on file), system and contact person applied.
    pub advice_read_prob: f64,
    /// Wijkteam flag link on.
    pub flag_enabled: bool,
    /// P(recognised complex case flagged).
    pub flag_prob: f64,
    /// P(flag read).
    pub flag_read_prob: f64,
    /// P(feedback on a VHH case).
    pub feedback_prob: f64,
    /// Feedback delay.
    pub feedback_delay: Duration,
}

fn bad(key: &str, message: impl Into<String>) -> Invalid {
    (key.to_string(), message.into())
}

fn prob(key: &str, v: f64) -> Result<f64, Invalid> {
    if v.is_finite() && (0.0..=1.0).contains(&v) {
        Ok(v)
    } else {
        Err(bad(
            key,
            format!("is a probability: allowed 0 to 1, got {}", number(v)),
        ))
    }
}

fn nonneg(key: &str, v: f64) -> Result<f64, Invalid> {
    if v.is_finite() && v >= 0.0 {
        Ok(v)
    } else {
        Err(bad(
            key,
            format!("must be a number >= 0, got {}", number(v)),
        ))
    }
}

fn positive(key: &str, v: f64) -> Result<f64, Invalid> {
    if v.is_finite() && v > 0.0 {
        Ok(v)
    } else {
        Err(bad(key, format!("must be a number > 0, got {}", number(v))))
    }
}

/// Largest multiplying factor accepted (criteria, advice and decision effects).
const MAX_FACTOR: f64 = 100.0;

/// A factor that multiplies a rate: 0 to [`MAX_FACTOR`].
fn factor(key: &str, v: f64) -> Result<f64, Invalid> {
    let v = nonneg(key, v)?;
    if v > MAX_FACTOR {
        return Err(bad(
            key,
            format!(
                "is a factor on a rate: allowed 0 to {MAX_FACTOR}, got {}",
                number(v)
            ),
        ));
    }
    Ok(v)
}

/// Largest relative weight accepted (weekly profiles, domain weights), so sums stay finite.
const MAX_WEIGHT: f64 = 1e6;

fn weight(key: &str, v: f64) -> Result<f64, Invalid> {
    let v = nonneg(key, v)?;
    if v > MAX_WEIGHT {
        return Err(bad(
            key,
            format!(
                "is a relative weight: allowed 0 to 1000000, got {}",
                number(v)
            ),
        ));
    }
    Ok(v)
}

/// A rate after its factors are applied must still be one the clock can run.
fn within_rate(key: &str, per_hour: f64) -> Result<f64, Invalid> {
    if per_hour.is_finite() && per_hour * HOURS_PER_YEAR <= MAX_RATE_PER_YEAR * MAX_FACTOR {
        Ok(per_hour)
    } else {
        Err(bad(
            key,
            format!(
                "makes a rate of {} a year once the other factors are applied; allowed at most {}",
                number(per_hour * HOURS_PER_YEAR),
                number(MAX_RATE_PER_YEAR * MAX_FACTOR)
            ),
        ))
    }
}

fn capacity(key: &str, v: u32, max: u32) -> Result<u32, Invalid> {
    if v == 0 {
        Err(bad(key, "is a capacity: must be at least 1, got 0"))
    } else if v > max {
        Err(bad(key, format!("must be at most {max}, got {v}")))
    } else {
        Ok(v)
    }
}

/// Longest duration accepted: 100 years.
const MAX_DAYS: f64 = 36_500.0;

fn days(key: &str, v: f64) -> Result<f64, Invalid> {
    let v = nonneg(key, v)?;
    if v > MAX_DAYS {
        return Err(bad(
            key,
            format!("allowed 0 to {MAX_DAYS} days, got {}", number(v)),
        ));
    }
    Ok(v * HOURS_PER_DAY)
}

fn duration(key: &str, spec: &DurationSpec, to_hours: f64) -> Result<Duration, Invalid> {
    let sampler = spec.compile().map_err(|m| bad(key, m))?;
    let longest = match *spec {
        DurationSpec::Triangular { max, .. } => max,
        _ => spec.mean(),
    };
    if longest * to_hours > MAX_DAYS * HOURS_PER_DAY {
        return Err(bad(
            key,
            "is longer than 100 years: check the unit in the key name",
        ));
    }
    Ok(Duration { sampler, to_hours })
}

/// The one way the allowed opening hours are stated, in every message and document.
pub const HOURS_RULE: &str = "opening hours are \"HH:MM\" from 00:00 to 24:00, open before close";

fn clock(key: &str, s: &str) -> Result<f64, Invalid> {
    let parsed = s.split_once(':').and_then(|(h, m)| {
        let h: u32 = h.trim().parse().ok()?;
        let m: u32 = m.trim().parse().ok()?;
        (m < 60 && (h < 24 || (h == 24 && m == 0))).then_some(h as f64 + m as f64 / 60.0)
    });
    parsed.ok_or_else(|| bad(key, format!("`{s}` is not a time: {HOURS_RULE}")))
}

fn calendar(key: &str, h: &Hours) -> Result<Calendar, Invalid> {
    const NAMES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    let mut days = [false; 7];
    for d in &h.days {
        let lower = d.to_ascii_lowercase();
        let Some(i) = NAMES.iter().position(|n| lower.starts_with(n)) else {
            return Err(bad(
                &format!("{key}.days"),
                format!("`{d}` is not a weekday: allowed mon, tue, wed, thu, fri, sat, sun"),
            ));
        };
        days[i] = true;
    }
    if !days.iter().any(|&d| d) {
        return Err(bad(
            &format!("{key}.days"),
            "needs at least one open weekday",
        ));
    }
    let open = clock(&format!("{key}.open"), &h.open)?;
    let close = clock(&format!("{key}.close"), &h.close)?;
    if close <= open {
        return Err(bad(
            &format!("{key}.close"),
            format!(
                "closes at {} but opens at {}: {HOURS_RULE}",
                h.close, h.open
            ),
        ));
    }
    Calendar::new(days, open, close).map_err(|e| bad(key, format!("{e}: {HOURS_RULE}")))
}

fn stream(key: &str, s: &Stream) -> Result<ArrivalParams, Invalid> {
    let per_day = nonneg(&format!("{key}.per_day"), s.per_day)?;
    if per_day > 100_000.0 {
        return Err(bad(
            &format!("{key}.per_day"),
            "must be at most 100000 a day",
        ));
    }
    let pkey = format!("{key}.weekly_profile");
    if s.weekly_profile.len() != 7 {
        return Err(bad(
            &pkey,
            format!(
                "needs 7 factors, Monday to Sunday, got {}",
                s.weekly_profile.len()
            ),
        ));
    }
    let mut profile = [0.0; 7];
    for (i, &f) in s.weekly_profile.iter().enumerate() {
        profile[i] = weight(&pkey, f)?;
    }
    let mean = profile.iter().sum::<f64>() / 7.0;
    if mean <= 0.0 {
        return Err(bad(&pkey, "needs at least one factor > 0"));
    }
    for f in &mut profile {
        *f /= mean;
    }
    Ok(ArrivalParams {
        per_hour: per_day / HOURS_PER_DAY,
        profile,
        profile_max: profile.iter().cloned().fold(0.0, f64::max),
    })
}

/// Largest rate accepted (per year): about once an hour. Faster clocks would stall the clock.
const MAX_RATE_PER_YEAR: f64 = 10_000.0;

fn per_year(key: &str, v: f64) -> Result<f64, Invalid> {
    let v = nonneg(key, v)?;
    if v > MAX_RATE_PER_YEAR {
        return Err(bad(
            key,
            format!(
                "is a rate per year: allowed 0 to {MAX_RATE_PER_YEAR}, got {}",
                number(v)
            ),
        ));
    }
    Ok(v / HOURS_PER_YEAR)
}

fn rates(key: &str, r: &StateRates) -> Result<Rates, Invalid> {
    let y = |name: &str, v: f64| per_year(&format!("{key}.{name}"), v);
    Ok(Rates {
        resolution: [
            y("resolution_waiting", r.resolution_waiting)?,
            y("resolution_served", r.resolution_served)?,
            y("resolution_escalated", r.resolution_escalated)?,
            y("resolution_planned", r.resolution_planned)?,
        ],
        crisis: [
            y("crisis_waiting", r.crisis_waiting)?,
            y("crisis_served", r.crisis_served)?,
            y("crisis_escalated", r.crisis_escalated)?,
            y("crisis_planned", r.crisis_planned)?,
        ],
        offence: y("offence", r.offence)?,
    })
}

/// Check every key and compile the scenario.
pub fn validate(s: &Scenario) -> Result<Params, Invalid> {
    if s.name.is_empty()
        || s.name.starts_with('.')
        || s.name.len() > 100
        || s.name
            .chars()
            .any(|c| !(c.is_alphanumeric() || c == '-' || c == '_' || c == '.'))
    {
        return Err(bad(
            "name",
            format!(
                "`{}` cannot name an output folder: use up to 100 letters, digits, '-', '_' or '.', not starting with '.'",
                s.name
            ),
        ));
    }
    let r = &s.run;
    if r.horizon_days == 0 || r.horizon_days > 36_500 {
        return Err(bad(
            "run.horizon_days",
            format!("allowed 1 to 36500 days, got {}", r.horizon_days),
        ));
    }
    if r.warmup_days >= r.horizon_days {
        return Err(bad(
            "run.warmup_days",
            format!(
                "warm-up ({} days) must be shorter than the horizon ({} days)",
                r.warmup_days, r.horizon_days
            ),
        ));
    }
    capacity("run.replications", r.replications, 100_000)?;
    if r.threads > 1024 {
        return Err(bad(
            "run.threads",
            format!("allowed 0 (all cores) to 1024, got {}", r.threads),
        ));
    }
    let g = &s.growth;
    let growth = nonneg("growth.multiplier", g.multiplier)?;
    if growth > 100.0 {
        return Err(bad(
            "growth.multiplier",
            format!("allowed 0 to 100, got {}", number(growth)),
        ));
    }
    let c = &s.case;
    if c.domain_weights.len() != 5 {
        return Err(bad(
            "case.domain_weights",
            format!(
                "needs 5 weights (1 to 5 domains), got {}",
                c.domain_weights.len()
            ),
        ));
    }
    let mut domain_cdf = [0.0; 5];
    let mut acc = 0.0;
    for (i, &w) in c.domain_weights.iter().enumerate() {
        acc += weight("case.domain_weights", w)?;
        domain_cdf[i] = acc;
    }
    if acc <= 0.0 {
        return Err(bad("case.domain_weights", "needs at least one weight > 0"));
    }
    for v in &mut domain_cdf {
        *v /= acc;
    }
    if c.complex_prob_by_domains.len() != 5 {
        return Err(bad(
            "case.complex_prob_by_domains",
            format!(
                "needs 5 probabilities (1 to 5 domains), got {}",
                c.complex_prob_by_domains.len()
            ),
        ));
    }
    let mut complex_prob = [0.0; 5];
    for (i, &p) in c.complex_prob_by_domains.iter().enumerate() {
        complex_prob[i] = prob("case.complex_prob_by_domains", p)?;
    }
    let w = &s.wijkteam;
    let teams = capacity("wijkteam.teams", w.teams, 10_000)? as usize;
    let workers = capacity("wijkteam.workers_per_team", w.workers_per_team, 100_000)?;
    let load = capacity(
        "wijkteam.caseload_per_worker",
        w.caseload_per_worker,
        100_000,
    )?;
    let t = &s.triage;
    let a = &s.advice;
    let v = &s.vhh;
    let z = &s.zsm;
    let l = &s.link;
    let advice_enabled = a.enabled;
    let mut recognition = per_year("triage.recognition_per_year", t.recognition_per_year)?;
    let informal = factor(
        "triage.informal_recognition_factor",
        t.informal_recognition_factor,
    )?;
    let advice_factor = factor("advice.recognition_factor", a.recognition_factor)?;
    let mut over_the_fence = per_year("triage.over_the_fence_per_year", t.over_the_fence_per_year)?;
    let unneeded_reduction = prob("advice.unneeded_reduction", a.unneeded_reduction)?;
    match t.criteria {
        Criteria::Ave => {}
        Criteria::Informal => recognition *= informal,
        Criteria::CrisisOnly => {
            recognition = 0.0;
            over_the_fence = 0.0;
        }
    }
    if advice_enabled {
        recognition *= advice_factor;
        over_the_fence *= 1.0 - unneeded_reduction;
    }
    let recognition = within_rate("triage.recognition_per_year", recognition)?;
    let contact_gain = if l.contact_person {
        prob("link.contact_person_gain", l.contact_person_gain)?
    } else {
        prob("link.contact_person_gain", l.contact_person_gain)?;
        0.0
    };
    let read_bridged = prob("link.read_prob_bridged", l.read_prob_bridged)?;
    let read_shared = prob("link.read_prob_shared", l.read_prob_shared)?;
    let read_joint = prob("link.read_prob_joint", l.read_prob_joint)?;
    let base_read = match l.system {
        System::Bridged => read_bridged,
        System::Shared => read_shared,
        System::Joint => read_joint,
    };
    let lift = |p: f64| p + contact_gain * (1.0 - p);
    let vhh_slots = capacity("vhh.coordinators", v.coordinators, 100_000)?
        * capacity("vhh.cases_per_coordinator", v.cases_per_coordinator, 10_000)?;
    Ok(Params {
        horizon: r.horizon_days as f64 * HOURS_PER_DAY,
        warmup: r.warmup_days as f64 * HOURS_PER_DAY,
        horizon_days: r.horizon_days,
        warmup_days: r.warmup_days,
        replications: r.replications,
        seed: r.seed,
        threads: r.threads,
        social: stream("arrivals.social", &s.arrivals.social)?,
        zsm_unknown: stream("arrivals.zsm_unknown", &s.arrivals.zsm_unknown)?,
        vhh_direct: stream("arrivals.vhh_direct", &s.arrivals.vhh_direct)?,
        growth,
        growth_start: days("growth.ramp_start_day", g.ramp_start_day)?,
        growth_ramp: days("growth.ramp_days", g.ramp_days)?,
        domain_cdf,
        complex_prob,
        rates: [
            rates("dynamics.simple", &s.dynamics.simple)?,
            rates("dynamics.complex", &s.dynamics.complex)?,
        ],
        teams,
        team_slots: workers
            .checked_mul(load)
            .filter(|&n| n <= 10_000_000)
            .ok_or_else(|| {
                bad(
                    "wijkteam.caseload_per_worker",
                    "workers_per_team x caseload_per_worker must be at most 10 million",
                )
            })?,
        skill_sd: {
            let sd = nonneg("wijkteam.skill_sd", w.skill_sd)?;
            if sd > 2.0 {
                return Err(bad(
                    "wijkteam.skill_sd",
                    format!(
                        "is the spread of team skill on a log scale: allowed 0 to 2, got {}",
                        number(sd)
                    ),
                ));
            }
            sd
        },
        wijkteam_hours: calendar("wijkteam.hours", &w.hours)?,
        criteria: t.criteria,
        recognition,
        adherence: prob("triage.adherence", t.adherence)?,
        review_interval: {
            let d = t.review_interval_days;
            if !(0.1..=365.0).contains(&d) {
                return Err(bad(
                    "triage.review_interval_days",
                    format!(
                        "is how often cases are reviewed: allowed 0.1 to 365 days, got {}",
                        number(d)
                    ),
                ));
            }
            d * HOURS_PER_DAY
        },
        stagnation: days("triage.stagnation_days", t.stagnation_days)?,
        stagnation_adherence: prob("triage.stagnation_adherence", t.stagnation_adherence)?,
        over_the_fence,
        advice_enabled,
        advice_desks: capacity("advice.desks", a.desks, 10_000)?,
        advice_consult_prob: prob("advice.consult_prob", a.consult_prob)?,
        advice_service: duration("advice.service_hours", &a.service_hours, 1.0)?,
        advice_resolve_prob: prob("advice.resolve_prob", a.resolve_prob)?,
        advice_crisis_factor: factor("advice.resolved_crisis_factor", a.resolved_crisis_factor)?,
        advice_hours: calendar("advice.hours", &a.hours)?,
        vhh_slots,
        vhh_meeting: duration("vhh.meeting_within_hours", &v.meeting_within_hours, 1.0)?,
        vhh_plan: duration("vhh.plan_days", &v.plan_days, HOURS_PER_DAY)?,
        vhh_rejection_prob: prob("vhh.plan_rejection_prob", v.plan_rejection_prob)?,
        vhh_friction: duration("vhh.friction_days", &v.friction_days, HOURS_PER_DAY)?,
        vhh_keep_share: prob("vhh.keep_until_resolved_share", v.keep_until_resolved_share)?,
        vhh_hours: calendar("vhh.hours", &v.hours)?,
        crisis_handling: duration(
            "crisis.handling_days",
            &s.crisis.handling_days,
            HOURS_PER_DAY,
        )?,
        zsm_desks: capacity("zsm.desks", z.desks, 100_000)?,
        zsm_service: duration("zsm.service_hours", &z.service_hours, 1.0)?,
        zsm_target: days(
            "zsm.decision_target_hours",
            positive("zsm.decision_target_hours", z.decision_target_hours)? / HOURS_PER_DAY,
        )?,
        zsm_unknown_complex: prob("zsm.unknown_complex_prob", z.unknown_complex_prob)?,
        zsm_region_share: prob("zsm.unknown_in_region_share", z.unknown_in_region_share)?,
        zsm_upgrade_informed: prob("zsm.upgrade_prob_informed", z.upgrade_prob_informed)?,
        zsm_upgrade_blind: prob("zsm.upgrade_prob_blind", z.upgrade_prob_blind)?,
        zsm_upgrade_track: days("zsm.upgrade_days", z.upgrade_days)?,
        zsm_referral_prob: lift(prob("zsm.referral_prob", z.referral_prob)?),
        zsm_informed_effect: factor("zsm.informed_effect", z.informed_effect)?,
        zsm_blind_effect: factor("zsm.blind_effect", z.blind_effect)?,
        zsm_effect: days("zsm.effect_days", z.effect_days)?,
        zsm_hours: calendar("zsm.hours", &z.hours)?,
        advice_read_prob: lift(base_read),
        flag_enabled: l.wijkteam_flag,
        flag_prob: prob("link.flag_prob", l.flag_prob)?,
        flag_read_prob: prob("link.flag_read_prob", l.flag_read_prob)?,
        feedback_prob: prob("link.feedback_prob", l.feedback_prob)?,
        feedback_delay: duration("link.feedback_delay_hours", &l.feedback_delay_hours, 1.0)?,
    })
}
