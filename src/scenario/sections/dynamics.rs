//! `[dynamics]`: Competing-risk rates for non-complex and complex cases.

use serde::{Deserialize, Serialize};

use crate::scenario::check::{Invalid, per_year};
use crate::scenario::register::{b, c, cal, key};

/// Rates per year in each state of a case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct StateRates {
    /// Resolution while waiting for a wijkteam slot (per year).
    pub resolution_waiting: f64,
    /// Resolution while served by the wijkteam, no VHH plan (per year).
    pub resolution_served: f64,
    /// Resolution in AVE 3 before a plan (per year).
    pub resolution_ave3: f64,
    /// Resolution with a VHH plan in place (per year).
    pub resolution_planned: f64,
    /// Acute safety incident while waiting for a wijkteam slot (per year).
    pub incident_waiting: f64,
    /// Acute safety incident while served by the wijkteam, no plan (per year).
    pub incident_served: f64,
    /// Acute safety incident in AVE 3 before a plan (per year).
    pub incident_ave3: f64,
    /// Acute safety incident with a VHH plan in place (per year).
    pub incident_planned: f64,
    /// Offences leading to a ZSM case (per year, in AVE 2 or 3).
    pub offence: f64,
    /// Cooperation around a case served in AVE 2 stalls (per year).
    pub stall_per_year: f64,
}

impl Default for StateRates {
    fn default() -> Self {
        Self::simple()
    }
}

impl StateRates {
    /// Baseline rates of a non-complex case.
    pub fn simple() -> Self {
        Self {
            resolution_waiting: 1.0,
            resolution_served: 2.2,
            resolution_ave3: 1.0,
            resolution_planned: 3.0,
            incident_waiting: 0.01,
            incident_served: 0.005,
            incident_ave3: 0.02,
            incident_planned: 0.005,
            offence: 0.05,
            stall_per_year: 0.02,
        }
    }
    /// Baseline rates of a complex case.
    pub fn complex() -> Self {
        Self {
            resolution_waiting: 0.3,
            resolution_served: 0.8,
            resolution_ave3: 0.6,
            resolution_planned: 2.0,
            incident_waiting: 0.3,
            incident_served: 0.15,
            incident_ave3: 0.15,
            incident_planned: 0.05,
            offence: 0.5,
            stall_per_year: 0.15,
        }
    }
}

/// Why an incident rate is what it is.
const SIMMER: &str = "sudderen ... En dan wordt het te groot en ontploft het";

section! {
    /// Competing-risk rates for non-complex and complex cases.
    pub struct Dynamics {
        /// Non-complex cases.
        simple: StateRates = StateRates::simple() => [
            key("simple.resolution_waiting", "per year", "non-complex: leaves the waiting list without help", c("drop-out of about one a year while waiting")).range(0.5, 2.0, "half a year to two years on a list").nl("niet-complex: verlaat de wachtlijst zonder hulp", "uitval tijdens het wachten: ongeveer één per jaar", "een half jaar tot twee jaar op een wachtlijst"),
            key("simple.resolution_served", "per year", "non-complex: resolved by the wijkteam", c("about 5.5 months of support")).range(1.0, 4.0, "3 to 12 months of support").nl("niet-complex: opgelost door het wijkteam", "ongeveer 5,5 maand ondersteuning", "3 tot 12 maanden ondersteuning"),
            key("simple.resolution_ave3", "per year", "non-complex in AVE 3 before a plan", c("a non-complex case in AVE 3 (stalled cooperation, or handed over too early) resolves slowly until there is a plan")).range(0.5, 2.0, "as on a waiting list").nl("niet-complex in AVE 3 voordat er een plan is", "een niet-complexe casus in AVE 3 (stagnerende samenwerking, of te vroeg overgedragen) lost langzaam op zolang er geen plan is", "als op een wachtlijst"),
            key("simple.resolution_planned", "per year", "non-complex with a VHH plan", c("a plan speeds things up")).range(2.0, 6.0, "2 to 6 months with a plan").nl("niet-complex met een plan van het Veiligheidshuis", "een plan versnelt het verloop", "2 tot 6 maanden met een plan"),
            key("simple.incident_waiting", "per year", "non-complex: acute safety incident while waiting", c("rare for ordinary AVE 2 cases")).range(0.0, 0.05, "at most one family in 20 a year").nl("niet-complex: acuut veiligheidsincident tijdens het wachten", "zeldzaam bij gewone casussen in AVE 2", "hoogstens één op de 20 gezinnen per jaar"),
            key("simple.incident_served", "per year", "non-complex: acute safety incident while served", c("rare for ordinary AVE 2 cases")).range(0.0, 0.02, "at most one family in 50 a year").nl("niet-complex: acuut veiligheidsincident tijdens de hulp van het wijkteam", "zeldzaam bij gewone casussen in AVE 2", "hoogstens één op de 50 gezinnen per jaar"),
            key("simple.incident_ave3", "per year", "non-complex: acute safety incident in AVE 3 before a plan", c("rare, as while waiting")).range(0.0, 0.05, "as while waiting").nl("niet-complex: acuut veiligheidsincident in AVE 3 voordat er een plan is", "zeldzaam, net als tijdens het wachten", "als tijdens het wachten"),
            key("simple.incident_planned", "per year", "non-complex: acute safety incident with a plan", c("rare, as while served")).range(0.0, 0.02, "as while served").nl("niet-complex: acuut veiligheidsincident met een plan", "zeldzaam, net als tijdens de hulp van het wijkteam", "als tijdens de hulp van het wijkteam"),
            key("simple.offence", "per year", "non-complex: offences that bring the person to ZSM", c("one in 20 a year")).range(0.01, 0.1, "one in 100 to one in 10 a year").nl("niet-complex: strafbare feiten waarmee de persoon bij ZSM komt", "één op de 20 per jaar", "één op de 100 tot één op de 10 per jaar"),
            key("simple.stall_per_year", "per year", "non-complex: cooperation around the case stalls (several agencies, no progress)", b("§5.3 l.2811", "bij stagnerende samenwerking of bij complexe problematiek", "any case can reach stalled cooperation; 2% a year is assumed")).range(0.01, 0.1, "1 to 10 in 100 served families a year").nl("niet-complex: de samenwerking rond de casus stagneert (meerdere instanties, geen voortgang)", "elke casus kan in stagnerende samenwerking terechtkomen; 2% per jaar is aangenomen", "1 tot 10 op de 100 geholpen gezinnen per jaar"),
        ],
        /// Complex cases (multi-domain, need a cross-chain approach).
        complex: StateRates = StateRates::complex() => [
            key("complex.resolution_waiting", "per year", "complex: resolves while waiting for a wijkteam", c("complex cases rarely resolve alone")).range(0.1, 0.6, "two to ten years alone").nl("complex: lost op tijdens het wachten op een wijkteam", "complexe casussen lossen zelden vanzelf op", "twee tot tien jaar zonder hulp"),
            key("complex.resolution_served", "per year", "complex: resolved by the wijkteam alone", c("about 15 months without a cross-chain approach")).range(0.4, 1.5, "8 months to 2.5 years").nl("complex: opgelost door het wijkteam alleen", "ongeveer 15 maanden zonder ketenoverstijgende aanpak", "8 maanden tot 2,5 jaar"),
            key("complex.resolution_ave3", "per year", "complex: resolves in AVE 3 before a plan", c("partners around the table already help")).range(0.3, 1.2, "between served and planned").nl("complex: lost op in AVE 3 voordat er een plan is", "partners aan tafel helpen al", "tussen de waarde tijdens de hulp van het wijkteam en die met een plan"),
            key("complex.resolution_planned", "per year", "complex: resolves with a VHH plan", c("a plan from the maatwerkoverleg moves a stuck case: about 6 months")).range(1.0, 4.0, "3 to 12 months with a plan").nl("complex: lost op met een plan van het Veiligheidshuis", "een plan uit het maatwerkoverleg brengt een vastgelopen casus in beweging: ongeveer 6 maanden", "3 tot 12 maanden met een plan"),
            key("complex.incident_waiting", "per year", "complex: acute safety incident while waiting for a wijkteam", b("§5.3.2 l.3164", SIMMER, "complex cases left alone simmer and explode; the rate is assumed")).range(0.1, 0.6, "more than while served").nl("complex: acuut veiligheidsincident tijdens het wachten op een wijkteam", "complexe casussen die blijven liggen, sudderen en ontploffen; de frequentie is aangenomen", "meer dan tijdens de hulp van het wijkteam"),
            key("complex.incident_served", "per year", "complex: acute safety incident while served without a plan", b("§5.3.2 l.3164", SIMMER, "the rate is assumed")).range(0.05, 0.3, "one in 20 to one in 3 a year").nl("complex: acuut veiligheidsincident tijdens de hulp van het wijkteam, zonder plan", "de frequentie is aangenomen", "één op de 20 tot één op de 3 per jaar"),
            key("complex.incident_ave3", "per year", "complex: acute safety incident in AVE 3 before a plan", c("about as while served: the plan is not there yet")).range(0.05, 0.3, "as while served").nl("complex: acuut veiligheidsincident in AVE 3 voordat er een plan is", "ongeveer als tijdens de hulp van het wijkteam: het plan is er nog niet", "als tijdens de hulp van het wijkteam"),
            key("complex.incident_planned", "per year", "complex: acute safety incident with a VHH plan", c("a plan makes incidents rarer: the aim of the Aanpak ter Voorkoming van Escalatie")).range(0.01, 0.15, "a third or less of the rate without a plan").nl("complex: acuut veiligheidsincident met een plan van het Veiligheidshuis", "een plan maakt incidenten zeldzamer: het doel van de Aanpak ter Voorkoming van Escalatie", "een derde of minder van de frequentie zonder plan"),
            key("complex.offence", "per year", "complex: offences that bring the person to ZSM", cal("ZSM->VHH referrals 'op één of twee handen te tellen' a year (A, §5.2.1 l.2649)")).range(0.2, 1.0, "one offence in five years to one a year").nl("complex: strafbare feiten waarmee de persoon bij ZSM komt", "doorverwijzingen van ZSM naar het Veiligheidshuis: 'op één of twee handen te tellen' per jaar (A, §5.2.1 l.2649)", "één strafbaar feit per vijf jaar tot één per jaar"),
            key("complex.stall_per_year", "per year", "complex: cooperation around the case stalls", b("§5.3.1 l.2942", "30 personen [hulpverleners] rond deze familie", "many agencies around one family; 15% a year is assumed")).range(0.05, 0.5, "one in 20 to one in 2 a year").nl("complex: de samenwerking rond de casus stagneert", "veel instanties rond één gezin; 15% per jaar is aangenomen", "één op de 20 tot één op de 2 per jaar"),
        ],
    }
}

/// Competing-risk rates of one kind of case, per hour. Index with [`RateState`].
#[derive(Debug, Clone, Copy)]
pub struct Rates {
    /// Resolution rate per state.
    pub resolution: [f64; 4],
    /// Acute-incident rate per state.
    pub incident: [f64; 4],
    /// Offence rate.
    pub offence: f64,
    /// Rate at which cooperation stalls (served in AVE 2).
    pub stall: f64,
}

/// The four rate states of a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(usize)]
pub enum RateState {
    /// Waiting for a wijkteam slot.
    Waiting = 0,
    /// Served by the wijkteam, no plan.
    Served = 1,
    /// AVE 3 before a plan.
    Ave3 = 2,
    /// With a VHH plan.
    Planned = 3,
}

/// Competing-risk rates as the model uses them: non-complex (0) and complex (1) cases.
#[derive(Debug, Clone, Copy)]
pub struct DynamicsParams {
    /// Rates per kind of case.
    pub rates: [Rates; 2],
}

fn rates(key: &str, r: &StateRates) -> Result<Rates, Invalid> {
    let y = |name: &str, v: f64| per_year(&format!("{key}.{name}"), v);
    Ok(Rates {
        resolution: [
            y("resolution_waiting", r.resolution_waiting)?,
            y("resolution_served", r.resolution_served)?,
            y("resolution_ave3", r.resolution_ave3)?,
            y("resolution_planned", r.resolution_planned)?,
        ],
        incident: [
            y("incident_waiting", r.incident_waiting)?,
            y("incident_served", r.incident_served)?,
            y("incident_ave3", r.incident_ave3)?,
            y("incident_planned", r.incident_planned)?,
        ],
        offence: y("offence", r.offence)?,
        stall: y("stall_per_year", r.stall_per_year)?,
    })
}

impl Dynamics {
    pub(crate) fn compile(&self) -> Result<DynamicsParams, Invalid> {
        Ok(DynamicsParams {
            rates: [
                rates("dynamics.simple", &self.simple)?,
                rates("dynamics.complex", &self.complex)?,
            ],
        })
    }
}
