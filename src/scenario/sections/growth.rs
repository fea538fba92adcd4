//! `[growth]`: Growth of the social-case arrivals, optionally ramped.

use crate::both;
use crate::format::message as number;
use crate::scenario::check::{Invalid, bad, days, nonneg};
use crate::scenario::register::{c, key};

section! {
    /// Growth of the social-case arrivals, optionally ramped.
    pub struct Growth {
        /// Final multiplier of the social-case arrival rate.
        multiplier: f64 = 1.0 => [
            key("multiplier", "factor", "more families: multiplier of the wijkteam arrival rate (not the study's +200%, which is VHH casework: see [overflow])", c("a what-if, not a fact: 1 = today")).range(1.0, 3.0, "from today to three times as many families").nl("meer gezinnen: vermenigvuldiger van de instroom bij de wijkteams (niet de +200% uit de studie, want die gaat over de casuïstiek van het Veiligheidshuis: zie [overflow])", "een wat-als-vraag, geen feit: 1 = de huidige situatie", "van de huidige situatie tot drie keer zoveel gezinnen"),
        ],
        /// Day the ramp starts.
        ramp_start_day: f64 = 0.0 => [
            key("ramp_start_day", "day", "day the growth starts", c("growth from the start of the run")).range(0.0, 3650.0, "any day of the run").nl("dag waarop de groei begint", "groei vanaf het begin van de simulatie", "elke dag van de simulatie"),
        ],
        /// Length of the linear ramp from 1 to `multiplier` (0 = step at `ramp_start_day`).
        ramp_days: f64 = 0.0 => [
            key("ramp_days", "days", "length of the linear ramp to the multiplier, 0 = a step", c("a step change")).range(0.0, 3650.0, "a step up to a ten-year ramp").nl("duur van de lineaire toename tot de vermenigvuldiger, 0 = in één stap", "een verandering in één stap", "van één stap tot een geleidelijke toename over tien jaar"),
        ],
    }
}

/// Growth of the social stream as the model uses it.
#[derive(Debug, Clone, Copy, PartialEq)]
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
            return Err(bad("growth.multiplier", {
                let m = number(multiplier);
                both!(
                    "allowed 0 to 100, got {m}",
                    "toegestaan 0 tot 100, gegeven {m}"
                )
            }));
        }
        Ok(GrowthParams {
            multiplier,
            start_h: days("growth.ramp_start_day", self.ramp_start_day)?,
            ramp_h: days("growth.ramp_days", self.ramp_days)?,
        })
    }
}
