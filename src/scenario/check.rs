//! The checks every section applies to its values: each names the key and what is allowed,
//! and shows numbers so that a person can read them (`1e308`, not 309 digits).

use super::dist::{DurationSpec, Sampler};
use crate::both;
use crate::engine::{HOURS_PER_DAY, HOURS_PER_YEAR};
use crate::format::message as number;
use crate::lang::Text;

/// A validation failure: (dotted key, message in both languages).
pub type Invalid = (String, Text);

/// A duration sampler whose draws are converted to hours.
#[derive(Debug, Clone, Copy)]
pub struct Duration {
    sampler: Sampler,
    to_hours: f64,
}

impl Duration {
    /// Draw a duration in hours.
    #[inline]
    pub fn sample_hours<R: rand::Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        self.sampler.sample(rng) * self.to_hours
    }
}

pub(crate) fn bad(key: &str, message: Text) -> Invalid {
    (key.to_string(), message)
}

pub(crate) fn prob(key: &str, v: f64) -> Result<f64, Invalid> {
    if v.is_finite() && (0.0..=1.0).contains(&v) {
        Ok(v)
    } else {
        let v = number(v);
        Err(bad(
            key,
            both!(
                "is a probability: allowed 0 to 1, got {v}",
                "is een kans: toegestaan 0 tot 1, gegeven {v}"
            ),
        ))
    }
}

pub(crate) fn nonneg(key: &str, v: f64) -> Result<f64, Invalid> {
    if v.is_finite() && v >= 0.0 {
        Ok(v)
    } else {
        let v = number(v);
        Err(bad(
            key,
            both!(
                "must be a number >= 0, got {v}",
                "moet een getal >= 0 zijn, gegeven {v}"
            ),
        ))
    }
}

pub(crate) fn positive(key: &str, v: f64) -> Result<f64, Invalid> {
    if v.is_finite() && v > 0.0 {
        Ok(v)
    } else {
        let v = number(v);
        Err(bad(
            key,
            both!(
                "must be a number > 0, got {v}",
                "moet een getal > 0 zijn, gegeven {v}"
            ),
        ))
    }
}

/// Largest multiplying factor accepted (criteria, advice and decision effects).
pub(crate) const MAX_FACTOR: f64 = 100.0;

/// A factor that multiplies a rate: 0 to [`MAX_FACTOR`].
pub(crate) fn factor(key: &str, v: f64) -> Result<f64, Invalid> {
    let v = nonneg(key, v)?;
    if v > MAX_FACTOR {
        let v = number(v);
        return Err(bad(
            key,
            both!(
                "is a factor on a rate: allowed 0 to {MAX_FACTOR}, got {v}",
                "is een factor op een kans per tijd: toegestaan 0 tot {MAX_FACTOR}, gegeven {v}"
            ),
        ));
    }
    Ok(v)
}

/// Largest relative weight accepted (weekly profiles, domain weights), so sums stay finite.
pub(crate) const MAX_WEIGHT: f64 = 1e6;

pub(crate) fn weight(key: &str, v: f64) -> Result<f64, Invalid> {
    let v = nonneg(key, v)?;
    if v > MAX_WEIGHT {
        let v = number(v);
        return Err(bad(
            key,
            both!(
                "is a relative weight: allowed 0 to {MAX_WEIGHT}, got {v}",
                "is een relatief gewicht: toegestaan 0 tot {MAX_WEIGHT}, gegeven {v}"
            ),
        ));
    }
    Ok(v)
}

/// A count of servers, desks or people: at least 1 and at most `max`.
pub(crate) fn capacity(key: &str, v: u32, max: u32) -> Result<u32, Invalid> {
    if v == 0 {
        Err(bad(
            key,
            both!(
                "is a count: must be at least 1, got 0",
                "is een aantal: minstens 1, gegeven 0"
            ),
        ))
    } else if v > max {
        Err(bad(
            key,
            both!(
                "must be at most {max}, got {v}",
                "mag hoogstens {max} zijn, gegeven {v}"
            ),
        ))
    } else {
        Ok(v)
    }
}

/// Longest duration accepted: 100 years.
pub(crate) const MAX_DAYS: f64 = 36_500.0;

pub(crate) fn days(key: &str, v: f64) -> Result<f64, Invalid> {
    let v = nonneg(key, v)?;
    if v > MAX_DAYS {
        let v = number(v);
        return Err(bad(
            key,
            both!(
                "allowed 0 to {MAX_DAYS} days, got {v}",
                "toegestaan 0 tot {MAX_DAYS} dagen, gegeven {v}"
            ),
        ));
    }
    Ok(v * HOURS_PER_DAY)
}

pub(crate) fn duration(key: &str, spec: &DurationSpec, to_hours: f64) -> Result<Duration, Invalid> {
    let sampler = spec.compile().map_err(|m| bad(key, m))?;
    let longest = match *spec {
        DurationSpec::Triangular { max, .. } => max,
        _ => spec.mean(),
    };
    if longest * to_hours > MAX_DAYS * HOURS_PER_DAY {
        return Err(bad(
            key,
            both!(
                "is longer than 100 years: check the unit in the key name",
                "is langer dan 100 jaar: kijk naar de eenheid in de naam van de sleutel"
            ),
        ));
    }
    Ok(Duration { sampler, to_hours })
}

/// Largest rate accepted (per year): about once an hour. Faster clocks would stall the clock.
pub(crate) const MAX_RATE_PER_YEAR: f64 = 10_000.0;

pub(crate) fn per_year(key: &str, v: f64) -> Result<f64, Invalid> {
    let v = nonneg(key, v)?;
    if v > MAX_RATE_PER_YEAR {
        let v = number(v);
        return Err(bad(
            key,
            both!(
                "is a rate per year: allowed 0 to {MAX_RATE_PER_YEAR}, got {v}",
                "is een aantal per jaar: toegestaan 0 tot {MAX_RATE_PER_YEAR}, gegeven {v}"
            ),
        ));
    }
    Ok(v / HOURS_PER_YEAR)
}
