//! `[case]`: Case attributes at entry.

use crate::both;
use crate::lang::Text;
use crate::scenario::check::{Invalid, bad, prob, weight};
use crate::scenario::register::{b, c, cal, key};

section! {
    /// Case attributes at entry.
    pub struct CaseMix {
        /// Relative weight of 1..5 life domains.
        domain_weights: Vec<f64> = vec![0.40, 0.25, 0.17, 0.11, 0.07] => [
            key("domain_weights", "weights for 1..5 domains", "how many life domains a new case touches", b("§5.3 l.2808", "Dan is veelal sprake van enkelvoudige problematiek", "most AVE 2 cases touch one domain; the weights are assumed")).range(0.0, 1.0, "relative weights").nl("hoeveel leefgebieden een nieuwe casus raakt", "in AVE 2 gaat het veelal om enkelvoudige problematiek (l.2808): hier raakt 40% één leefgebied, de grootste groep; de verdeling is aangenomen", "relatieve gewichten"),
        ],
        /// Probability a case is complex, by number of domains 1..5.
        complex_prob_by_domains: Vec<f64> = vec![0.0, 0.012, 0.05, 0.12, 0.25] => [
            key("complex_prob_by_domains", "probability by 1..5 domains", "chance a case is complex (touches several domains and needs a cross-chain approach, §5.3 l.2811)", cal("about 4% of new wijkteam cases complex, so that Leeuwarden's opschalingen stay about half of the VHH's casework (A, §5.1 l.2423)")).range(0.0, 0.5, "per number of domains; 3-8% of all new cases complex").nl("kans dat een casus complex is (meerdere leefgebieden raakt en een ketenoverstijgende aanpak nodig heeft, §5.3 l.2811)", "ongeveer 4% van de nieuwe wijkteamcasussen complex, zodat de opschalingen uit Leeuwarden ongeveer de helft van de casuïstiek van het Veiligheidshuis blijven (A, §5.1 l.2423)", "per aantal leefgebieden; 3-8% van alle nieuwe casussen complex"),
        ],
        /// Share of cases in the Raad voor de Kinderbescherming's remit at ZSM.
        youth_share: f64 = 0.2 => [
            key("youth_share", "share", "cases in the Raad voor de Kinderbescherming's remit at ZSM (a minor suspect, or a family in youth protection)", c("the Raad sits at ZSM for minors; a fifth of the cases is assumed")).range(0.1, 0.4, "Leeuwarden has a team for jeugd en gezin among nine (§5.1 l.2404)").nl("casussen bij ZSM die onder de Raad voor de Kinderbescherming vallen (een minderjarige verdachte, of een gezin in de jeugdbescherming)", "de Raad zit bij ZSM voor minderjarigen; een vijfde van de casussen is aangenomen", "Leeuwarden heeft onder de negen teams één team voor jeugd en gezin (§5.1 l.2404)"),
        ],
    }
}

/// Case attributes at entry as the model draws them.
#[derive(Debug, Clone, Copy)]
pub struct CaseParams {
    /// Cumulative probabilities of 1..5 domains.
    pub domain_cdf: [f64; 5],
    /// P(complex) by 1..5 domains.
    pub complex_prob: [f64; 5],
    /// P(family with minors).
    pub youth_share: f64,
}

impl CaseMix {
    pub(crate) fn compile(&self) -> Result<CaseParams, Invalid> {
        if self.domain_weights.len() != 5 {
            return Err(bad("case.domain_weights", {
                let n = self.domain_weights.len();
                both!(
                    "needs 5 weights (1 to 5 domains), got {n}",
                    "vraagt 5 gewichten (1 tot 5 leefgebieden), gegeven {n}"
                )
            }));
        }
        let mut domain_cdf = [0.0; 5];
        let mut acc = 0.0;
        for (i, &w) in self.domain_weights.iter().enumerate() {
            acc += weight("case.domain_weights", w)?;
            domain_cdf[i] = acc;
        }
        if acc <= 0.0 {
            return Err(bad(
                "case.domain_weights",
                Text::new(
                    "needs at least one weight > 0",
                    "vraagt minstens één gewicht > 0",
                ),
            ));
        }
        for v in &mut domain_cdf {
            *v /= acc;
        }
        if self.complex_prob_by_domains.len() != 5 {
            return Err(bad("case.complex_prob_by_domains", {
                let n = self.complex_prob_by_domains.len();
                both!(
                    "needs 5 probabilities (1 to 5 domains), got {n}",
                    "vraagt 5 kansen (1 tot 5 leefgebieden), gegeven {n}"
                )
            }));
        }
        let mut complex_prob = [0.0; 5];
        for (i, &p) in self.complex_prob_by_domains.iter().enumerate() {
            complex_prob[i] = prob("case.complex_prob_by_domains", p)?;
        }
        Ok(CaseParams {
            domain_cdf,
            complex_prob,
            youth_share: prob("case.youth_share", self.youth_share)?,
        })
    }
}
