//! Which assumptions carry a result: global screening with the method of Morris over every
//! assumption that has a plausible range.

pub mod morris;
pub mod uncertain;

use crate::scenario::register::{self, Grade};
use crate::stats::Interval;
use morris::Measures;

/// Keys that are what-if levers, not assumptions about today: screened only when asked for.
pub const LEVERS: [&str; 5] = [
    "growth.multiplier",
    "growth.ramp_start_day",
    "growth.ramp_days",
    "overflow.extra_per_year",
    "link.awareness",
];

/// An assumption screened: a scenario key with a plausible range.
#[derive(Debug, Clone, PartialEq)]
pub struct Factor {
    /// Dotted key.
    pub key: String,
    /// Evidence grade letter.
    pub grade: &'static str,
    /// Low end of the plausible range.
    pub low: f64,
    /// High end.
    pub high: f64,
    /// A whole number (counts): values are rounded.
    pub integer: bool,
    /// The scenario's own value.
    pub value: f64,
}

impl Factor {
    /// The value at `u` in `[0, 1]` of the range.
    pub fn at(&self, u: f64) -> f64 {
        let v = self.low + u * (self.high - self.low);
        if self.integer { v.round() } else { v }
    }

    /// `key=value` for `--set`, at `u` in `[0, 1]` of the range.
    pub fn set(&self, u: f64) -> String {
        self.set_value(self.at(u))
    }

    /// `key=value` for `--set`, at the value `v`.
    pub fn set_value(&self, v: f64) -> String {
        if self.integer {
            format!("{}={}", self.key, v as i64)
        } else {
            format!("{}={}", self.key, crate::format::value(v))
        }
    }
}

/// The assumptions of a resolved scenario to screen: every number graded B or C that has a
/// plausible range (the one the scenario file states next to the value, else the register's)
/// holding its value, levers left out.
pub fn factors(resolved: &toml::Table, provenance: &crate::scenario::Provenance) -> Vec<Factor> {
    ranged(resolved, provenance)
        .into_iter()
        .filter(|f| (f.low..=f.high).contains(&f.value))
        .collect()
}

/// The assumptions held at their value although they have a range: the value lies outside the
/// range it inherits (a region's preset sets it so, e.g. `crisis_only` sets recognition to 0).
/// Drawing them from that range would undo what the region's file says; a range stated next
/// to the value (which must hold it) makes them factors.
pub fn held_outside(
    resolved: &toml::Table,
    provenance: &crate::scenario::Provenance,
) -> Vec<Factor> {
    ranged(resolved, provenance)
        .into_iter()
        .filter(|f| !(f.low..=f.high).contains(&f.value))
        .collect()
}

fn ranged(resolved: &toml::Table, provenance: &crate::scenario::Provenance) -> Vec<Factor> {
    register::all()
        .iter()
        .filter_map(|p| {
            let (low, high) = register::range_of(&p.key, provenance)?;
            let grade = p.evidence.grade()?;
            if !matches!(grade, Grade::B | Grade::C) || LEVERS.contains(&p.key.as_str()) {
                return None;
            }
            let (value, integer) = match crate::scenario::value_at(resolved, &p.key)? {
                toml::Value::Float(f) => (*f, false),
                toml::Value::Integer(i) => (*i as f64, true),
                _ => return None,
            };
            (high > low).then(|| Factor {
                key: p.key.clone(),
                grade: grade.letter(),
                low,
                high,
                integer,
                value,
            })
        })
        .collect()
}

/// The effect of each recommendation laid on a scenario, as one factor
/// `recommendation.NAME.effect` over 0..1: how much of the way from the region's own values
/// to the recommendation's targets it gets (0 no effect, 1 the targets). The study names a
/// direction, not a size; scaling every target from the region's own value keeps the
/// direction in every draw, where drawing each target over its setting's whole range would
/// turn it round in about half of them.
pub fn target_factors(layers: &[crate::scenario::layers::LayerInfo]) -> Vec<Factor> {
    layers
        .iter()
        .filter_map(|layer| {
            let r = layer.recommendation.as_ref()?;
            Some(Factor {
                key: format!("recommendation.{}.effect", layer.name),
                grade: "C",
                low: 0.0,
                high: 1.0,
                integer: false,
                value: r.effect,
            })
        })
        .collect()
}

/// One factor's Morris measures for one metric.
#[derive(Debug, Clone)]
pub struct Screened {
    /// The assumption.
    pub factor: Factor,
    /// Its measures.
    pub measures: Measures,
}

/// One assumption at the two ends of its range, the others at the scenario's values: the
/// paired difference from the scenario at each end.
#[derive(Debug, Clone)]
pub struct Swing {
    /// The assumption.
    pub factor: Factor,
    /// At its low end, minus the scenario.
    pub at_low: Interval,
    /// At its high end, minus the scenario.
    pub at_high: Interval,
}

impl Swing {
    /// How far apart the two ends put the metric.
    pub fn width(&self) -> f64 {
        let w = (self.at_high.mean - self.at_low.mean).abs();
        if w.is_nan() { 0.0 } else { w }
    }
}
