//! `[governance]`: the bestuurlijke visie that recommendation 6 makes the precondition of
//! the others, and when recommendations layered on a scenario start to be implemented.
//!
//! The model does not simulate gemeenten forming a vision. It takes the vision as an
//! assumption and lets it decide how far a recommendation's ramped values get: all the way
//! with a vision, `reach_without_vision` of the way without one ("een oppervlakkige relatie
//! waarvoor fundament ontbreekt", §7.1 l.4730-4731). Nothing here changes a scenario without
//! recommendations layered on it (`with = [...]`, `--with`).

use crate::both;
use crate::scenario::check::{Invalid, bad, prob};
use crate::scenario::register::{b, c, key};

section! {
    /// The bestuurlijke visie and the start of implementation.
    pub struct Governance {
        /// The gemeenten have a bestuurlijke visie on the cooperation.
        vision: bool = true => [
            key("vision", "switch", "the gemeenten have a strategic, bestuurlijke visie on the cooperation between VHH and wijkteams (recommendation 6): the precondition for the other recommendations to land in full", b("§6.7 l.4235", "De casestudie in Leeuwarden toont echter aan dat bestuurlijke visie en regie voorwaarden zijn voor een adequate netwerkontwikkeling", "most VHHs that have not structured the cooperation report that the gemeenten lack a vision (§6.7 l.4231-4233); Leeuwarden has one")).nl("de gemeenten hebben een strategische, bestuurlijke visie op de samenwerking tussen Veiligheidshuis en wijkteams (aanbeveling 6): de voorwaarde om de andere aanbevelingen volledig te laten landen", "de meeste Veiligheidshuizen die de samenwerking niet hebben gestructureerd, melden dat de visie bij gemeenten ontbreekt (§6.7 l.4231-4233); Leeuwarden heeft er een", ""),
        ],
        /// Bestuurlijk commitment across the chain around one ZSM to work to one system and
        /// uniform agreements.
        chain_commitment: bool = false => [
            key("chain_commitment", "switch", "bestuurlijk commitment across the chain around one ZSM (the stuurgroepen of the VHHs it serves, and the OM) to work to one system and uniform agreements: the precondition for recommendations 1 to 3 to land in full", b("§7.1 l.4636", "Het gebrek aan bestuurlijke bereidheid om gezamenlijk knopen door te hakken en daardoor het niet laten aansluiten van systemen", "missing in Noord-Nederland: the working group on one system stopped \"omdat bestuurlijke commitment zou ontbreken\" (l.4641-4642)")).nl("bestuurlijk commitment in de keten rond één ZSM (de stuurgroepen van de Veiligheidshuizen die het bedient, en het OM) om met één systeem en uniforme afspraken te werken: de voorwaarde om aanbevelingen 1 tot en met 3 volledig te laten landen", "ontbreekt in Noord-Nederland: de werkgroep voor één systeem stopte \"omdat bestuurlijke commitment zou ontbreken\" (l.4641-4642)", ""),
        ],
        /// How far a recommendation's ramped values get without a vision (0..1).
        reach_without_vision: f64 = 0.5 => [
            key("reach_without_vision", "share", "without the bestuurlijke visie or chain commitment a recommendation needs, the share of the way its ramped values get to their target (switches are made in full)", b("§7.1 l.4730", "dit leidt tot de ontwikkeling van een oppervlakkige relatie waarvoor fundament ontbreekt", "the direction is the study's; half the way is assumed")).range(0.2, 0.8, "from a relation that barely takes hold to one that mostly does").nl("zonder de bestuurlijke visie of het ketencommitment dat een aanbeveling nodig heeft: welk deel van de weg de geleidelijk ingevoerde waarden afleggen (aan- en uitzetten gebeurt volledig)", "de richting komt uit de studie; de helft van de weg is aangenomen", "van een relatie die nauwelijks beklijft tot een die grotendeels beklijft"),
        ],
        /// First day of implementation of the recommendations layered on the scenario.
        implementation_start: String = String::new() => [
            key("implementation_start", "date YYYY-MM-DD, empty = run.start_date", "the day the recommendations layered on this scenario start to be implemented; their values ramp from there", c("from the first measured day, so that the measured years show the implementation; `avesim advise` starts it on the run's first day and lengthens the warm-up, so that effects are measured after it")).nl("de dag waarop de invoering begint van de aanbevelingen die op dit scenario zijn gelegd; hun waarden lopen vanaf dan geleidelijk op", "vanaf de eerste gemeten dag, zodat de gemeten jaren de invoering laten zien; `avesim advise` begint op de eerste dag van de run en verlengt de inloopperiode, zodat effecten na de invoering worden gemeten", ""),
        ],
    }
}

impl Governance {
    /// Check the keys.
    pub(crate) fn check(&self) -> Result<(), Invalid> {
        prob("governance.reach_without_vision", self.reach_without_vision)?;
        let start = self.implementation_start.trim();
        if !start.is_empty() && start.parse::<jiff::civil::Date>().is_err() {
            let given = crate::text::one_line(start);
            return Err(bad(
                "governance.implementation_start",
                both!(
                    "`{given}` is not a date: write YYYY-MM-DD, or leave it empty for run.start_date",
                    "`{given}` is geen datum: schrijf JJJJ-MM-DD, of laat het leeg voor run.start_date"
                ),
            ));
        }
        Ok(())
    }

    /// How far ramped values get that need a vision: 1 with one, `reach_without_vision`
    /// without.
    pub fn reach(&self) -> f64 {
        if self.vision {
            1.0
        } else {
            self.reach_without_vision
        }
    }

    /// How far ramped values get that need the chain's commitment.
    pub fn chain_reach(&self) -> f64 {
        if self.chain_commitment {
            1.0
        } else {
            self.reach_without_vision
        }
    }
}
