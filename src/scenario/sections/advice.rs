//! `[advice]`: The VHH advice function.

use super::hours::{self, Hours, calendar};
use crate::engine::Calendar;
use crate::scenario::DurationSpec;
use crate::scenario::check::{Duration, Invalid, capacity, duration, factor, prob};
use crate::scenario::register::{Evidence::*, key};

section! {
    /// The VHH advice function.
    pub struct Advice {
        /// Whether wijkteams can consult the VHH before escalating.
        enabled: bool = true => [
            key("enabled", "switch", "wijkteams can consult the VHH before escalating", Study("Leeuwarden's strong advice function (5.3.1, 7.1)")),
        ],
        /// Parallel advice desks (VHH coordinators' time for advice).
        desks: u32 = 1 => [
            key("desks", "count", "parallel advice desks", Assumption("one coordinator's time at a time")),
        ],
        /// Probability that a recognition leads to a consult first.
        consult_prob: f64 = 0.5 => [
            key("consult_prob", "probability", "a recognition leads to a consult first", Assumption("half of doubts are discussed")),
        ],
        /// Desk time of one consult (hours).
        service_hours: DurationSpec = DurationSpec::gamma(1.5, 0.5) => [
            key("service_hours", "hours", "desk time of one consult", Study("costly for VHH coordinators (5.3.1); duration is an assumption")),
        ],
        /// Factor on the recognition rate when advice is available (lower threshold).
        recognition_factor: f64 = 1.3 => [
            key("recognition_factor", "factor", "recognition when advice is available", Study("lowers the threshold, catches complex cases early (5.3.1)")),
        ],
        /// Probability a consult settles the doubt in phase 2 (no escalation).
        resolve_prob: f64 = 0.35 => [
            key("resolve_prob", "probability", "a consult settles the doubt in phase 2", Study("can make escalation unnecessary, but is non-binding (5.3.1, 7.1)")),
        ],
        /// Factor on the crisis rate of a case whose doubt advice settled.
        resolved_crisis_factor: f64 = 0.7 => [
            key("resolved_crisis_factor", "factor", "crisis rate after advice settled the doubt", Assumption("advice helps the worker")),
        ],
        /// Reduction of over-the-fence escalations when advice is available.
        unneeded_reduction: f64 = 0.5 => [
            key("unneeded_reduction", "share", "cut in over-the-fence escalations with advice", Study("advice lowers needless escalation (5.3.1); size is an assumption")),
        ],
        /// Office hours of the advice desk.
        hours: Hours = Hours::office() => [
            hours::DAYS,
            hours::OPEN,
            hours::CLOSE,
        ],
    }
}

/// The advice function as the model uses it.
#[derive(Debug, Clone)]
pub struct AdviceParams {
    /// Advice function on.
    pub enabled: bool,
    /// Advice desks.
    pub desks: u32,
    /// P(consult on recognition).
    pub consult_prob: f64,
    /// Desk time of a consult.
    pub service: Duration,
    /// Factor on the recognition rate when advice is available.
    pub recognition_factor: f64,
    /// P(consult settles the doubt).
    pub resolve_prob: f64,
    /// Crisis factor after settled doubt.
    pub crisis_factor: f64,
    /// Reduction of over-the-fence escalations when advice is available.
    pub unneeded_reduction: f64,
    /// Desk hours.
    pub hours: Calendar,
}

impl Advice {
    pub(crate) fn compile(&self) -> Result<AdviceParams, Invalid> {
        Ok(AdviceParams {
            enabled: self.enabled,
            desks: capacity("advice.desks", self.desks, 10_000)?,
            consult_prob: prob("advice.consult_prob", self.consult_prob)?,
            service: duration("advice.service_hours", &self.service_hours, 1.0)?,
            recognition_factor: factor("advice.recognition_factor", self.recognition_factor)?,
            resolve_prob: prob("advice.resolve_prob", self.resolve_prob)?,
            crisis_factor: factor("advice.resolved_crisis_factor", self.resolved_crisis_factor)?,
            unneeded_reduction: prob("advice.unneeded_reduction", self.unneeded_reduction)?,
            hours: calendar("advice.hours", &self.hours)?,
        })
    }
}
