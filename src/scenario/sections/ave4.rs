//! `[ave4]`: Acute safety incidents and AVE 4. An acute incident is not automatically AVE 4:
//! opschaling naar fase vier vindt plaats bij escalatie, when the safety of persons is at
//! stake *and* public unrest threatens; the burgemeester then leads and the case goes to the
//! driehoek (§5.3 l.2817–2820). Other acute incidents are handled by Veilig Thuis, the police
//! or youth protection: practice, not the study (C).

use crate::engine::HOURS_PER_DAY;
use crate::scenario::DurationSpec;
use crate::scenario::check::{Duration, Invalid, duration, prob};
use crate::scenario::register::{b, c, key};

section! {
    /// Acute incidents and AVE 4.
    pub struct Ave4 {
        /// Share of acute incidents with a threat of public unrest (AVE 4).
        unrest_share: f64 = 0.2 => [
            key("unrest_share", "probability", "an acute safety incident also threatens public unrest: opschaling naar AVE 4 (bij escalatie)", b("§5.3 l.2818", "is sprake van dreigende maatschappelijke onrust", "AVE 4 needs both; a fifth of acute incidents is assumed")).range(0.05, 0.5, "one in 20 to half"),
        ],
        /// Days the burgemeester and the driehoek lead.
        handling_days: DurationSpec = DurationSpec::gamma(14.0, 0.5) => [
            key("handling_days", "days", "the burgemeester has the regie and the case is in the driehoek; then it goes back to AVE 3", c("the study gives no duration and does not describe the hand-back to AVE 3 (the burgemeester 'neemt dan de regie in handen', §5.3 l.2819); two weeks is assumed")).range(5.0, 60.0, "a week to two months"),
        ],
        /// Probability an acute incident without unrest leads to opschaling naar AVE 3.
        incident_upscale_prob: f64 = 0.5 => [
            key("incident_upscale_prob", "probability", "an acute incident without unrest in a case in AVE 2 leads to opschaling naar AVE 3 (else Veilig Thuis, the police or youth protection handle it and the case stays in AVE 2)", c("practice, not the study: who handles an acute incident is not described")).range(0.2, 0.9, "a fifth to most"),
        ],
    }
}

/// Acute incidents and AVE 4 as the model uses them.
#[derive(Debug, Clone, Copy)]
pub struct Ave4Params {
    /// P(AVE 4 | acute incident).
    pub unrest_share: f64,
    /// How long the burgemeester leads.
    pub handling: Duration,
    /// P(opschaling naar AVE 3 | acute incident without unrest, case in AVE 2).
    pub incident_upscale: f64,
}

impl Ave4 {
    pub(crate) fn compile(&self) -> Result<Ave4Params, Invalid> {
        Ok(Ave4Params {
            unrest_share: prob("ave4.unrest_share", self.unrest_share)?,
            handling: duration("ave4.handling_days", &self.handling_days, HOURS_PER_DAY)?,
            incident_upscale: prob("ave4.incident_upscale_prob", self.incident_upscale_prob)?,
        })
    }
}
