//! `[overflow]`: Wijkteams that cannot cope push cases up to the Veiligheidshuis.
//!
//! The VHH manager's "+200%" is VHH casework tripling "omdat de sociale wijkteams het niet
//! aankunnen" (§5.3.4 l.3346): overload shows as cases pushed up, not as a year-long waiting
//! list. The study states no overload rule and calls today's capacity sufficient, so both
//! rules here are assumptions (C); the +200% is a stress test.

use crate::scenario::check::{Invalid, factor, per_year, prob};
use crate::scenario::register::{b, c, key};

section! {
    /// Wijkteams that cannot cope push cases up.
    pub struct Overflow {
        /// Probability a family arriving at a full team is pushed up instead of waiting.
        when_full_share: f64 = 0.3 => [
            key("when_full_share", "probability", "a new family arriving at a team with no free place is pushed up to the VHH instead of waiting", c("the study states no overload rule; 'het niet aankunnen' is competence as much as volume (§5.3.4 l.3323)")).range(0.0, 0.8, "nobody pushed up to most").nl("kans dat een nieuw gezin dat zich meldt bij een wijkteam zonder vrije plek naar het Veiligheidshuis wordt opgeschaald in plaats van te wachten", "de studie geeft geen regel voor overbelasting; 'het niet aankunnen' gaat evenzeer over competentie als over volume (§5.3.4 l.3323)", "niemand doorgeschoven tot de meesten"),
        ],
        /// Extra rate at which served AVE 2 families are pushed up (stress test).
        extra_per_year: f64 = 0.0 => [
            key("extra_per_year", "per served non-complex family per year", "stress test: served AVE 2 families the wijkteam cannot cope with and pushes up to the VHH; they go back to the wijk after the VHH's round", c("the manager's hypothetical \"toename van 200% … omdat de sociale wijkteams het niet aankunnen\" (§5.3.4 l.3346), not today (\"als voldoende beschouwd\", l.3347): 0 now; scenarios/what-if/overflow-200.toml sets the rate measured to triple vhh_entries_per_year")).range(0.0, 0.4, "today up to almost four times the VHH's casework (0.3 is about three times: the manager's +200%)").nl("stresstest: gezinnen in AVE 2 bij het wijkteam die het wijkteam niet aankan en naar het Veiligheidshuis doorschuift; na de aanpak in het Veiligheidshuis gaan ze terug naar de wijk", "de hypothetische \"toename van 200% … omdat de sociale wijkteams het niet aankunnen\" van de manager (§5.3.4 l.3346), niet de huidige situatie (\"als voldoende beschouwd\", l.3347): nu 0; scenarios/what-if/overflow-200.toml zet de frequentie op de gemeten waarde die vhh_entries_per_year verdrievoudigt", "van de huidige situatie tot bijna vier keer de casuïstiek van het Veiligheidshuis (0,3 is ongeveer drie keer: de +200% van de manager)"),
        ],
        /// Factor on the stress-test rate for complex families.
        complex_factor: f64 = 5.0 => [
            key("complex_factor", "factor", "the stress test falls more on complex families: a complex served family is pushed up at this many times extra_per_year", b("§5.3.4 l.3323", "Dat het veel te groot is en veel te complex", "'het niet aankunnen' is competence as much as volume; the size is assumed")).range(1.0, 20.0, "no difference to complex families mostly").nl("de stresstest treft complexe gezinnen meer: een complex gezin bij het wijkteam wordt met zoveel keer extra_per_year doorgeschoven", "'het niet aankunnen' gaat evenzeer over competentie als over volume; de grootte is aangenomen", "geen verschil tot vooral complexe gezinnen"),
        ],
    }
}

/// Overflow as the model uses it.
#[derive(Debug, Clone, Copy)]
pub struct OverflowParams {
    /// P(pushed up when arriving at a full team).
    pub when_full: f64,
    /// Extra push-up rate of served non-complex AVE 2 families (per hour).
    pub extra_per_h: f64,
    /// Factor on that rate for complex families.
    pub complex_factor: f64,
}

impl Overflow {
    pub(crate) fn compile(&self) -> Result<OverflowParams, Invalid> {
        Ok(OverflowParams {
            when_full: prob("overflow.when_full_share", self.when_full_share)?,
            extra_per_h: per_year("overflow.extra_per_year", self.extra_per_year)?,
            complex_factor: factor("overflow.complex_factor", self.complex_factor)?,
        })
    }
}
