//! `[zsm]`: The ZSM table.

use super::hours::{self, ALL_DAYS, Hours, calendar};
use crate::engine::{Calendar, HOURS_PER_DAY};
use crate::scenario::DurationSpec;
use crate::scenario::check::{Duration, Invalid, capacity, days, duration, factor, positive, prob};
use crate::scenario::register::{Evidence::*, key};

section! {
    /// The ZSM table.
    pub struct Zsm {
        /// Parallel desks (staffed decision positions).
        desks: u32 = 4 => [
            key("desks", "count", "parallel decision desks at the ZSM table", Calibrated("the 6-hour target is mostly met under heavy pressure (2.3, 5.2.2)")),
        ],
        /// Desk time to decide one case (hours).
        service_hours: DurationSpec = DurationSpec::lognormal(1.0, 0.8) => [
            key("service_hours", "hours", "desk time per decision", Study("'they handle a hundred cases a day' (5.2.2); size is an assumption")),
        ],
        /// Target from arrival (or opening) to decision (hours).
        decision_target_hours: f64 = 6.0 => [
            key("decision_target_hours", "hours", "decision target from arrival or opening", Study("legal term of 6 hours (2.3)")),
        ],
        /// Share of unknown suspects who are complex.
        unknown_complex_prob: f64 = 0.03 => [
            key("unknown_complex_prob", "probability", "share of unknown suspects who are complex", Assumption("a few percent")),
        ],
        /// Share of unknown suspects living in this VHH's region.
        unknown_in_region_share: f64 = 0.38 => [
            key("unknown_in_region_share", "share", "unknown suspects living in this VHH's region", Public("Fryslan ~650k of Noord-Nederland's ~1.7M inhabitants; ZSM NN covers 3 VHHs (5.1)")),
        ],
        /// Probability a complex known person is upgraded to a 7-day case when the decision is informed.
        upgrade_prob_informed: f64 = 0.6 => [
            key("upgrade_prob_informed", "probability", "complex known person upgraded to a 7-day case, informed", Study("context changes decisions: 10 of 10 in the Haarlem pilot (2.4)")),
        ],
        /// Same, when the decision is blind.
        upgrade_prob_blind: f64 = 0.25 => [
            key("upgrade_prob_blind", "probability", "same, blind", Assumption("without context fewer cases are seen as complex")),
        ],
        /// Days of the upgraded track (the "7-day case").
        upgrade_days: f64 = 7.0 => [
            key("upgrade_days", "days", "the 7-day track", Study("7-day case (2.3)")),
        ],
        /// Probability an upgraded complex case is referred to the VHH.
        referral_prob: f64 = 0.10 => [
            key("referral_prob", "probability", "an upgraded complex case is referred to the VHH", Calibrated("ZSM->VHH referrals 'one or two hands a year' (5.2.2)")),
        ],
        /// Crisis-rate factor after an informed decision on a known person.
        informed_effect: f64 = 0.6 => [
            key("informed_effect", "factor", "crisis rate after an informed decision", Study("e.g. community service instead of a fine for a father in debt counselling (7.2); size is an assumption")),
        ],
        /// Crisis-rate factor after a blind decision on a complex known person.
        blind_effect: f64 = 1.5 => [
            key("blind_effect", "factor", "crisis rate after a blind decision on a complex person", Assumption("a decision that cuts across the plan raises the risk")),
        ],
        /// Days a decision's effect lasts.
        effect_days: f64 = 90.0 => [
            key("effect_days", "days", "how long a decision's effect lasts", Assumption("about three months")),
        ],
        /// Opening hours.
        hours: Hours = Hours::new(&ALL_DAYS, "08:00", "20:00") => [
            hours::DAYS,
            hours::OPEN,
            hours::CLOSE,
        ],
    }
}

/// The ZSM table as the model uses it (the rules that combine these with the information
/// links live in `model::zsm`).
#[derive(Debug, Clone)]
pub struct ZsmParams {
    /// Desks.
    pub desks: u32,
    /// Desk time per decision.
    pub service: Duration,
    /// Decision target (hours).
    pub target_h: f64,
    /// P(unknown suspect complex).
    pub unknown_complex: f64,
    /// P(unknown suspect in this region).
    pub region_share: f64,
    /// P(upgrade | informed).
    pub upgrade_informed: f64,
    /// P(upgrade | blind).
    pub upgrade_blind: f64,
    /// Upgrade track length (hours).
    pub upgrade_track_h: f64,
    /// P(referral | upgraded), before a contact person.
    pub referral_prob: f64,
    /// Crisis factor after an informed decision.
    pub informed_effect: f64,
    /// Crisis factor after a blind decision on a complex person.
    pub blind_effect: f64,
    /// Effect length (hours).
    pub effect_h: f64,
    /// Opening hours.
    pub hours: Calendar,
}

impl Zsm {
    pub(crate) fn compile(&self) -> Result<ZsmParams, Invalid> {
        Ok(ZsmParams {
            desks: capacity("zsm.desks", self.desks, 100_000)?,
            service: duration("zsm.service_hours", &self.service_hours, 1.0)?,
            target_h: days(
                "zsm.decision_target_hours",
                positive("zsm.decision_target_hours", self.decision_target_hours)? / HOURS_PER_DAY,
            )?,
            unknown_complex: prob("zsm.unknown_complex_prob", self.unknown_complex_prob)?,
            region_share: prob("zsm.unknown_in_region_share", self.unknown_in_region_share)?,
            upgrade_informed: prob("zsm.upgrade_prob_informed", self.upgrade_prob_informed)?,
            upgrade_blind: prob("zsm.upgrade_prob_blind", self.upgrade_prob_blind)?,
            upgrade_track_h: days("zsm.upgrade_days", self.upgrade_days)?,
            referral_prob: prob("zsm.referral_prob", self.referral_prob)?,
            informed_effect: factor("zsm.informed_effect", self.informed_effect)?,
            blind_effect: factor("zsm.blind_effect", self.blind_effect)?,
            effect_h: days("zsm.effect_days", self.effect_days)?,
            hours: calendar("zsm.hours", &self.hours)?,
        })
    }
}
