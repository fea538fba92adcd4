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
            key("unrest_share", "probability", "an acute safety incident also threatens public unrest: opschaling naar AVE 4 (bij escalatie)", b("§5.3 l.2818", "is sprake van dreigende maatschappelijke onrust", "AVE 4 needs both; a fifth of acute incidents is assumed")).range(0.05, 0.5, "one in 20 to half").nl("een acuut veiligheidsincident dreigt ook tot maatschappelijke onrust te leiden: opschaling naar AVE 4 (bij escalatie)", "AVE 4 vraagt om beide; een vijfde van de acute incidenten is aangenomen", "één op de 20 tot de helft"),
        ],
        /// Days the burgemeester and the driehoek lead.
        handling_days: DurationSpec = DurationSpec::gamma(14.0, 0.5) => [
            key("handling_days", "days", "the burgemeester has the regie and the case is in the driehoek; then it goes back to AVE 3", c("the study gives no duration and does not describe the hand-back to AVE 3 (the burgemeester 'neemt dan de regie in handen', §5.3 l.2819); two weeks is assumed")).range(5.0, 60.0, "a week to two months").nl("de burgemeester heeft de regie en de casus ligt in de driehoek; daarna gaat hij terug naar AVE 3", "de studie noemt geen duur en beschrijft de terugkeer naar AVE 3 niet (de burgemeester 'neemt dan de regie in handen', §5.3 l.2819); twee weken is aangenomen", "een week tot twee maanden"),
        ],
        /// Probability an acute incident without unrest leads to opschaling naar AVE 3.
        incident_upscale_prob: f64 = 0.5 => [
            key("incident_upscale_prob", "probability", "an acute incident without unrest in a case in AVE 2 leads to opschaling naar AVE 3 (else Veilig Thuis, the police or youth protection handle it and the case stays in AVE 2)", c("practice, not the study: who handles an acute incident is not described")).range(0.2, 0.9, "a fifth to most").nl("een acuut incident zonder onrust in een casus in AVE 2 leidt tot opschaling naar AVE 3 (anders pakken Veilig Thuis, de politie of de jeugdbescherming het op en blijft de casus in AVE 2)", "praktijk, niet de studie: wie een acuut incident oppakt, wordt niet beschreven", "een vijfde tot de meeste"),
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
