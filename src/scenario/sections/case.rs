//! `[case]`: Case attributes at entry.

use crate::scenario::check::{Invalid, bad, prob, weight};
use crate::scenario::register::{Evidence::*, key};

section! {
    /// Case attributes at entry.
    pub struct CaseMix {
        /// Relative weight of 1..5 life domains.
        domain_weights: Vec<f64> = vec![0.40, 0.25, 0.17, 0.11, 0.07] => [
            key("domain_weights", "weights for 1..5 domains", "how many life domains a new case touches", Assumption("most wijkteam cases touch one domain (phase 2: 'mostly single-domain problems', 5.3)")),
        ],
        /// Probability a case is complex, by number of domains 1..5.
        complex_prob_by_domains: Vec<f64> = vec![0.0, 0.015, 0.06, 0.15, 0.30] => [
            key("complex_prob_by_domains", "probability by 1..5 domains", "chance a case is complex (multi-domain and needs a cross-chain approach)", Calibrated("~5% of new cases complex, ~200 a year and ~250 in progress; 0.5% of Frisian households face complex chain-crossing safety problems (VHH Fryslan manager, interview)")),
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
}

impl CaseMix {
    pub(crate) fn compile(&self) -> Result<CaseParams, Invalid> {
        if self.domain_weights.len() != 5 {
            return Err(bad(
                "case.domain_weights",
                format!(
                    "needs 5 weights (1 to 5 domains), got {}",
                    self.domain_weights.len()
                ),
            ));
        }
        let mut domain_cdf = [0.0; 5];
        let mut acc = 0.0;
        for (i, &w) in self.domain_weights.iter().enumerate() {
            acc += weight("case.domain_weights", w)?;
            domain_cdf[i] = acc;
        }
        if acc <= 0.0 {
            return Err(bad("case.domain_weights", "needs at least one weight > 0"));
        }
        for v in &mut domain_cdf {
            *v /= acc;
        }
        if self.complex_prob_by_domains.len() != 5 {
            return Err(bad(
                "case.complex_prob_by_domains",
                format!(
                    "needs 5 probabilities (1 to 5 domains), got {}",
                    self.complex_prob_by_domains.len()
                ),
            ));
        }
        let mut complex_prob = [0.0; 5];
        for (i, &p) in self.complex_prob_by_domains.iter().enumerate() {
            complex_prob[i] = prob("case.complex_prob_by_domains", p)?;
        }
        Ok(CaseParams {
            domain_cdf,
            complex_prob,
        })
    }
}
