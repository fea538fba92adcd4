//! Duration distributions as the user writes them (`{ dist = "gamma", mean = 21, cv = 0.5 }`)
//! and their compiled samplers.

use crate::both;
use crate::lang::Text;
use rand::Rng;
use rand_distr::{Distribution, Exp, Gamma, LogNormal, Triangular};
use serde::{Deserialize, Serialize};

use crate::format::message as number;

/// Largest coefficient of variation accepted (sd = 10 × mean is already extreme).
const MAX_CV: f64 = 10.0;

/// A duration distribution; the unit comes from the key that holds it (`_hours`, `_days`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "dist", rename_all = "lowercase", deny_unknown_fields)]
pub enum DurationSpec {
    /// Always `value`.
    Fixed {
        /// The duration.
        value: f64,
    },
    /// Exponential with the given mean.
    Exponential {
        /// Mean duration.
        mean: f64,
    },
    /// Gamma with the given mean and coefficient of variation (sd / mean).
    Gamma {
        /// Mean duration.
        mean: f64,
        /// Coefficient of variation.
        cv: f64,
    },
    /// Lognormal with the given mean and coefficient of variation.
    Lognormal {
        /// Mean duration.
        mean: f64,
        /// Coefficient of variation.
        cv: f64,
    },
    /// Triangular on `[min, max]` with peak at `mode`.
    Triangular {
        /// Smallest value.
        min: f64,
        /// Most likely value.
        mode: f64,
        /// Largest value.
        max: f64,
    },
}

impl DurationSpec {
    /// Shorthand for a fixed duration.
    pub const fn fixed(value: f64) -> Self {
        Self::Fixed { value }
    }
    /// Shorthand for an exponential duration.
    pub const fn exponential(mean: f64) -> Self {
        Self::Exponential { mean }
    }
    /// Shorthand for a gamma duration.
    pub const fn gamma(mean: f64, cv: f64) -> Self {
        Self::Gamma { mean, cv }
    }
    /// Shorthand for a lognormal duration.
    pub const fn lognormal(mean: f64, cv: f64) -> Self {
        Self::Lognormal { mean, cv }
    }
    /// Shorthand for a triangular duration.
    pub const fn triangular(min: f64, mode: f64, max: f64) -> Self {
        Self::Triangular { min, mode, max }
    }

    /// The distribution's mean.
    pub fn mean(&self) -> f64 {
        match *self {
            Self::Fixed { value } => value,
            Self::Exponential { mean }
            | Self::Gamma { mean, .. }
            | Self::Lognormal { mean, .. } => mean,
            Self::Triangular { min, mode, max } => (min + mode + max) / 3.0,
        }
    }

    /// Check the parameters and build a sampler; the error says what is allowed.
    pub fn compile(&self) -> Result<Sampler, Text> {
        let finite = |name: &str, v: f64| -> Result<(), Text> {
            if v.is_finite() {
                Ok(())
            } else {
                Err(both!(
                    "`{name}` must be a finite number",
                    "`{name}` moet een eindig getal zijn"
                ))
            }
        };
        match *self {
            Self::Fixed { value } => {
                finite("value", value)?;
                if value < 0.0 {
                    let v = number(value);
                    return Err(both!(
                        "fixed `value` must be >= 0, got {v}",
                        "vaste `value` moet >= 0 zijn, gegeven {v}"
                    ));
                }
                Ok(Sampler::Fixed(value))
            }
            Self::Exponential { mean } => {
                finite("mean", mean)?;
                if mean <= 0.0 {
                    let m = number(mean);
                    return Err(both!(
                        "exponential `mean` must be > 0, got {m}",
                        "exponentieel: `mean` moet > 0 zijn, gegeven {m}"
                    ));
                }
                Exp::new(1.0 / mean)
                    .map(Sampler::Exp)
                    .map_err(|e| both!("exponential: {e}", "exponentieel: {e}"))
            }
            Self::Gamma { mean, cv } => {
                finite("mean", mean)?;
                finite("cv", cv)?;
                if mean <= 0.0 || cv <= 0.0 || cv > MAX_CV {
                    let (m, c) = (number(mean), number(cv));
                    return Err(both!(
                        "gamma needs `mean` > 0 and `cv` from above 0 to {MAX_CV}, got mean = {m}, cv = {c}",
                        "gamma vraagt `mean` > 0 en `cv` boven 0 tot {MAX_CV}, gegeven mean = {m}, cv = {c}"
                    ));
                }
                let shape = 1.0 / (cv * cv);
                Gamma::new(shape, mean / shape)
                    .map(Sampler::Gamma)
                    .map_err(|e| both!("gamma: {e}", "gamma: {e}"))
            }
            Self::Lognormal { mean, cv } => {
                finite("mean", mean)?;
                finite("cv", cv)?;
                if mean <= 0.0 || cv <= 0.0 || cv > MAX_CV {
                    let (m, c) = (number(mean), number(cv));
                    return Err(both!(
                        "lognormal needs `mean` > 0 and `cv` from above 0 to {MAX_CV}, got mean = {m}, cv = {c}",
                        "lognormaal vraagt `mean` > 0 en `cv` boven 0 tot {MAX_CV}, gegeven mean = {m}, cv = {c}"
                    ));
                }
                let sigma2 = (1.0 + cv * cv).ln();
                LogNormal::new(mean.ln() - sigma2 / 2.0, sigma2.sqrt())
                    .map(Sampler::LogNormal)
                    .map_err(|e| both!("lognormal: {e}", "lognormaal: {e}"))
            }
            Self::Triangular { min, mode, max } => {
                finite("min", min)?;
                finite("mode", mode)?;
                finite("max", max)?;
                if !(0.0 <= min && min <= mode && mode <= max && min < max) {
                    let (a, m, b) = (number(min), number(mode), number(max));
                    return Err(both!(
                        "triangular needs 0 <= min <= mode <= max and min < max, got {a}, {m}, {b}",
                        "driehoekig vraagt 0 <= min <= mode <= max en min < max, gegeven {a}, {m}, {b}"
                    ));
                }
                Triangular::new(min, max, mode)
                    .map(Sampler::Triangular)
                    .map_err(|e| both!("triangular: {e}", "driehoekig: {e}"))
            }
        }
    }
}

/// A compiled duration distribution, ready to sample.
#[derive(Debug, Clone, Copy)]
pub enum Sampler {
    /// Always this value.
    Fixed(f64),
    /// Exponential.
    Exp(Exp<f64>),
    /// Gamma.
    Gamma(Gamma<f64>),
    /// Lognormal.
    LogNormal(LogNormal<f64>),
    /// Triangular.
    Triangular(Triangular<f64>),
}

impl Sampler {
    /// Draw one duration (never negative).
    #[inline]
    pub fn sample<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        match self {
            Self::Fixed(v) => *v,
            Self::Exp(d) => d.sample(rng),
            Self::Gamma(d) => d.sample(rng),
            Self::LogNormal(d) => d.sample(rng),
            Self::Triangular(d) => d.sample(rng),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_parameters_are_refused() {
        assert!(DurationSpec::gamma(-1.0, 0.5).compile().is_err());
        assert!(DurationSpec::triangular(3.0, 1.0, 2.0).compile().is_err());
        assert!(DurationSpec::exponential(0.0).compile().is_err());
        assert!(DurationSpec::lognormal(2.0, 0.5).compile().is_ok());
    }

    #[test]
    fn gamma_mean_matches_spec() {
        let s = DurationSpec::gamma(21.0, 0.5).compile().unwrap();
        let mut rng = crate::engine::rng::derive(7, 0, crate::engine::Stream::Setup, 0, 0);
        let n = 200_000;
        let m: f64 = (0..n).map(|_| s.sample(&mut rng)).sum::<f64>() / n as f64;
        // sd of the mean = 21 * 0.5 / sqrt(n) ~ 0.023; 5 sd.
        assert!((m - 21.0).abs() < 0.12, "mean {m}");
    }
}
