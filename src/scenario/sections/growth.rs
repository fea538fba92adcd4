//! `[growth]`: Growth of the social-case arrivals, optionally ramped.

use crate::format::message as number;
use crate::scenario::check::{Invalid, bad, days, nonneg};
use crate::scenario::register::{Evidence::*, key};

section! {
    /// Growth of the social-case arrivals, optionally ramped.
    pub struct Growth {
        /// Final multiplier of the social-case arrival rate.
        multiplier: f64 = 1.0 => [
            key("multiplier", "factor", "multiplier of the social-case arrival rate", Study("5.3.4: 'if caseload grows by 200% ... we have a problem'; 1 = today")),
        ],
        /// Day the ramp starts.
        ramp_start_day: f64 = 0.0 => [
            key("ramp_start_day", "day", "day the growth starts", Assumption("growth from the start of the run")),
        ],
        /// Length of the linear ramp from 1 to `multiplier` (0 = step at `ramp_start_day`).
        ramp_days: f64 = 0.0 => [
            key("ramp_days", "days", "length of the linear ramp to the multiplier, 0 = a step", Assumption("a step change")),
        ],
    }
}

/// Growth of the social stream as the model uses it.
#[derive(Debug, Clone, Copy)]
pub struct GrowthParams {
    /// Final multiplier.
    pub multiplier: f64,
    /// Ramp start (hours).
    pub start_h: f64,
    /// Ramp length (hours; 0 = a step).
    pub ramp_h: f64,
}

impl Growth {
    pub(crate) fn compile(&self) -> Result<GrowthParams, Invalid> {
        let multiplier = nonneg("growth.multiplier", self.multiplier)?;
        if multiplier > 100.0 {
            return Err(bad(
                "growth.multiplier",
                format!("allowed 0 to 100, got {}", number(multiplier)),
            ));
        }
        Ok(GrowthParams {
            multiplier,
            start_h: days("growth.ramp_start_day", self.ramp_start_day)?,
            ramp_h: days("growth.ramp_days", self.ramp_days)?,
        })
    }
}
