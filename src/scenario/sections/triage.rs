//! `[triage]`: Up-scaling rules.

use serde::{Deserialize, Serialize};

use crate::engine::HOURS_PER_DAY;
use crate::format::message as number;
use crate::scenario::check::{Invalid, bad, days, factor, per_year, prob};
use crate::scenario::register::{Evidence::*, key};

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

section! {
    /// Up-scaling rules.
    pub struct Triage {
        /// `ave`, `informal` or `crisis_only`.
        criteria: Criteria = Criteria::Ave => [
            key("criteria", "ave | informal | crisis_only", "up-scaling regime", Study("AVE in Leeuwarden since 1 January 2015 (5.3); informal elsewhere (6.1-6.6); crisis only in Hollands Midden (6.4)")),
        ],
        /// Base rate at which a served complex case is recognised as one (per year).
        recognition_per_year: f64 = 1.0 => [
            key("recognition_per_year", "per year", "rate at which a served complex case is recognised", Assumption("on average within ~6 months; 'no exact point, it is judgement' (5.3.1)")),
        ],
        /// Factor on recognition under `informal` criteria.
        informal_recognition_factor: f64 = 0.6 => [
            key("informal_recognition_factor", "factor", "recognition under informal criteria", Study("without criteria cases are kept too long (6.7); size is an assumption")),
        ],
        /// Probability that a recognition leads to an escalation request.
        adherence: f64 = 0.8 => [
            key("adherence", "probability", "a recognition leads to an escalation request", Study("AVE has explicit criteria and short lines (5.3.1-5.3.2); 0.8 is an assumption")),
        ],
        /// Days between case reviews (stagnation rule, `ave` only).
        review_interval_days: f64 = 1.0 => [
            key("review_interval_days", "days", "days between case reviews", Assumption("daily briefing")),
        ],
        /// Days in phase 2 after which a complex case counts as stagnating.
        stagnation_days: f64 = 180.0 => [
            key("stagnation_days", "days", "days in phase 2 after which a complex case stagnates", Study("stagnation is an up-scaling trigger (5.3); 180 days is an assumption")),
        ],
        /// Probability per review that a stagnating case is escalated.
        stagnation_adherence: f64 = 0.01 => [
            key("stagnation_adherence", "probability per review", "a stagnating case is escalated at a review", Assumption("about 1 in 100 reviews")),
        ],
        /// Rate at which a served non-complex case is pushed "over the fence" (per year).
        over_the_fence_per_year: f64 = 0.004 => [
            key("over_the_fence_per_year", "per year", "a served non-complex case is escalated needlessly", Study("young workers are scared and escalate too soon (5.3.2); rate is an assumption")),
        ],
    }
}

/// Up-scaling rules as the model uses them (the rules that combine them live in
/// `model::phases`).
#[derive(Debug, Clone, Copy)]
pub struct TriageParams {
    /// Up-scaling regime.
    pub criteria: Criteria,
    /// Base recognition rate of a served complex case with skill 1 (per hour).
    pub recognition_per_h: f64,
    /// Factor on recognition under `informal` criteria.
    pub informal_factor: f64,
    /// P(recognition leads to an escalation request).
    pub adherence: f64,
    /// Review interval (hours).
    pub review_interval_h: f64,
    /// Stagnation threshold (hours).
    pub stagnation_h: f64,
    /// P(escalation per review of a stagnating case).
    pub stagnation_adherence: f64,
    /// Base over-the-fence rate of a served non-complex case (per hour).
    pub over_the_fence_per_h: f64,
}

impl Triage {
    pub(crate) fn compile(&self) -> Result<TriageParams, Invalid> {
        let review = self.review_interval_days;
        if !(0.1..=365.0).contains(&review) {
            return Err(bad(
                "triage.review_interval_days",
                format!(
                    "is how often cases are reviewed: allowed 0.1 to 365 days, got {}",
                    number(review)
                ),
            ));
        }
        Ok(TriageParams {
            criteria: self.criteria,
            recognition_per_h: per_year("triage.recognition_per_year", self.recognition_per_year)?,
            informal_factor: factor(
                "triage.informal_recognition_factor",
                self.informal_recognition_factor,
            )?,
            adherence: prob("triage.adherence", self.adherence)?,
            review_interval_h: review * HOURS_PER_DAY,
            stagnation_h: days("triage.stagnation_days", self.stagnation_days)?,
            stagnation_adherence: prob("triage.stagnation_adherence", self.stagnation_adherence)?,
            over_the_fence_per_h: per_year(
                "triage.over_the_fence_per_year",
                self.over_the_fence_per_year,
            )?,
        })
    }
}
