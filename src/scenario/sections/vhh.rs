//! `[vhh]`: Veiligheidshuis process coordination.

use super::hours::{self, Hours, calendar};
use crate::engine::{Calendar, HOURS_PER_DAY};
use crate::scenario::DurationSpec;
use crate::scenario::check::{Duration, Invalid, capacity, duration, prob};
use crate::scenario::register::{Evidence::*, key};

section! {
    /// Veiligheidshuis process coordination.
    pub struct Vhh {
        /// Process coordinators.
        coordinators: u32 = 4 => [
            key("coordinators", "count", "VHH process coordinators", Study("fixed budget, 'in principle we will not expand' (5.3.4); count is an assumption")),
        ],
        /// Cases one coordinator leads at once.
        cases_per_coordinator: u32 = 15 => [
            key("cases_per_coordinator", "cases", "cases one coordinator leads at once", Calibrated("capacity sufficient today (5.3.4): baseline utilisation well below saturation")),
        ],
        /// Office hours from getting a slot to the case meeting (hours of open time).
        meeting_within_hours: DurationSpec = DurationSpec::triangular(1.0, 6.0, 16.0) => [
            key("meeting_within_hours", "office hours", "from a VHH slot to the case meeting", Study("partners 'around the table within 24 hours' (5.3.2)")),
        ],
        /// Days to design the plan after the meeting.
        plan_days: DurationSpec = DurationSpec::gamma(28.0, 0.5) => [
            key("plan_days", "days", "designing the plan after the meeting", Assumption("about four weeks")),
        ],
        /// Probability the wijkteam does not accept the plan at once.
        plan_rejection_prob: f64 = 0.15 => [
            key("plan_rejection_prob", "probability", "the wijkteam does not accept the advice at once", Study("friction at down-scaling (5.3.1); size is an assumption")),
        ],
        /// Delay when the plan is not accepted (days).
        friction_days: DurationSpec = DurationSpec::gamma(14.0, 0.7) => [
            key("friction_days", "days", "delay when the plan is not accepted", Study("asks for a plan first, delaying action (5.3.1); size is an assumption")),
        ],
        /// Share of cases the VHH keeps in phase 3 until resolved.
        keep_until_resolved_share: f64 = 0.10 => [
            key("keep_until_resolved_share", "share", "cases the VHH keeps until resolved", Assumption("most cases are handed back ('op- en afschaling gaan hand in hand', 2.5)")),
        ],
        /// Office hours in which meetings are held.
        hours: Hours = Hours::office() => [
            hours::DAYS,
            hours::OPEN,
            hours::CLOSE,
        ],
    }
}

/// The Veiligheidshuis as the model uses it.
#[derive(Debug, Clone)]
pub struct VhhParams {
    /// Process-lead slots (coordinators x cases each).
    pub slots: u32,
    /// Office hours from a slot to the meeting.
    pub meeting: Duration,
    /// Plan design time.
    pub plan: Duration,
    /// P(plan not accepted at once).
    pub rejection_prob: f64,
    /// Friction delay.
    pub friction: Duration,
    /// Share kept until resolved.
    pub keep_share: f64,
    /// Office hours.
    pub hours: Calendar,
}

impl Vhh {
    pub(crate) fn compile(&self) -> Result<VhhParams, Invalid> {
        let slots = capacity("vhh.coordinators", self.coordinators, 100_000)?
            * capacity(
                "vhh.cases_per_coordinator",
                self.cases_per_coordinator,
                10_000,
            )?;
        Ok(VhhParams {
            slots,
            meeting: duration("vhh.meeting_within_hours", &self.meeting_within_hours, 1.0)?,
            plan: duration("vhh.plan_days", &self.plan_days, HOURS_PER_DAY)?,
            rejection_prob: prob("vhh.plan_rejection_prob", self.plan_rejection_prob)?,
            friction: duration("vhh.friction_days", &self.friction_days, HOURS_PER_DAY)?,
            keep_share: prob(
                "vhh.keep_until_resolved_share",
                self.keep_until_resolved_share,
            )?,
            hours: calendar("vhh.hours", &self.hours)?,
        })
    }
}
