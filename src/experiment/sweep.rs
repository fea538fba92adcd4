//! Sweeps: a grid of parameter values (`--vary key=v1,v2` or `key=from..to:steps`), every
//! point run on the same seed (common random numbers), alarms that name the first point
//! where a metric passes a threshold, and an up-front estimate of the cost.

use std::time::Instant;

use crate::model::metrics::{METRICS, metric_index};
use crate::model::{Quiet, run_replication};
use crate::scenario::{Override, Params};

use super::RunResults;

/// One varied key and its values.
#[derive(Debug, Clone, PartialEq)]
pub struct Axis {
    /// Dotted scenario key.
    pub key: String,
    /// The values, as TOML.
    pub values: Vec<toml::Value>,
}

fn value_label(v: &toml::Value) -> String {
    match v {
        toml::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

impl Axis {
    /// Parse `key=v1,v2,...` or `key=from..to:steps`.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let (key, spec) = raw
            .split_once('=')
            .ok_or_else(|| format!("--vary {raw}: expected key=v1,v2,... or key=from..to:steps"))?;
        let key = key.trim();
        if key.is_empty() {
            return Err(format!("--vary {raw}: no key before `=`"));
        }
        let spec = spec.trim();
        let values =
            if let Some((range, steps)) = spec.split_once(':').filter(|(r, _)| r.contains("..")) {
                let (from, to) = range.split_once("..").unwrap_or_default();
                let parse = |s: &str| s.trim().parse::<f64>().ok().filter(|v| v.is_finite());
                let (Some(a), Some(b)) = (parse(from), parse(to)) else {
                    return Err(format!(
                        "--vary {raw}: `{range}` is not a range of numbers like 1..3"
                    ));
                };
                let steps: usize = steps
                    .trim()
                    .parse()
                    .ok()
                    .filter(|&n| (2..=1000).contains(&n))
                    .ok_or_else(|| {
                        format!("--vary {raw}: steps must be a whole number from 2 to 1000")
                    })?;
                let integral = a.fract() == 0.0
                    && b.fract() == 0.0
                    && ((b - a) / (steps - 1) as f64).fract() == 0.0;
                (0..steps)
                    .map(|i| {
                        let v = a + (b - a) * i as f64 / (steps - 1) as f64;
                        if integral {
                            toml::Value::Integer(v.round() as i64)
                        } else {
                            // Round away binary noise so labels read 1.25, not 1.2500000000000002.
                            toml::Value::Float((v * 1e9).round() / 1e9)
                        }
                    })
                    .collect()
            } else {
                spec.split(',')
                    .map(|v| Override::parse(&format!("{key}={}", v.trim())).map(|o| o.value))
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(|e| e.to_string())?
            };
        if values.is_empty() {
            return Err(format!("--vary {raw}: no values"));
        }
        Ok(Self {
            key: key.to_string(),
            values,
        })
    }

    /// The values as text.
    pub fn labels(&self) -> Vec<String> {
        self.values.iter().map(value_label).collect()
    }

    /// True if every value is a number (the axis can be drawn to scale).
    pub fn numeric(&self) -> bool {
        self.values.iter().all(|v| v.is_integer() || v.is_float())
    }

    /// Value `i` as a number (its index if not numeric).
    pub fn x(&self, i: usize) -> f64 {
        match &self.values[i] {
            toml::Value::Integer(n) => *n as f64,
            toml::Value::Float(f) => *f,
            _ => i as f64,
        }
    }
}

/// Every point of the grid as value indices per axis; the first axis varies slowest.
pub fn grid(axes: &[Axis]) -> Vec<Vec<usize>> {
    let mut points = vec![Vec::new()];
    for axis in axes {
        points = points
            .into_iter()
            .flat_map(|p| {
                (0..axis.values.len()).map(move |i| {
                    let mut q = p.clone();
                    q.push(i);
                    q
                })
            })
            .collect();
    }
    points
}

/// The overrides that make point `p`.
pub fn point_overrides(axes: &[Axis], p: &[usize]) -> Vec<Override> {
    axes.iter()
        .zip(p)
        .map(|(a, &i)| Override {
            key: a.key.clone(),
            raw: format!("--vary {}={}", a.key, value_label(&a.values[i])),
            value: a.values[i].clone(),
        })
        .collect()
}

/// A threshold on a headline metric: `metric>value` or `metric<value`.
#[derive(Debug, Clone, PartialEq)]
pub struct Alarm {
    /// Metric name.
    pub metric: &'static str,
    /// True for `>`, false for `<`.
    pub above: bool,
    /// Threshold.
    pub value: f64,
}

impl Alarm {
    /// Parse `metric>value` or `metric<value`.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let (name, value, above) = if let Some((n, v)) = raw.split_once('>') {
            (n, v, true)
        } else if let Some((n, v)) = raw.split_once('<') {
            (n, v, false)
        } else {
            return Err(format!(
                "--alarm {raw}: expected metric>value or metric<value, e.g. vhh_utilisation>0.9"
            ));
        };
        let name = name.trim();
        let Some(i) = metric_index(name) else {
            let names: Vec<&str> = METRICS.iter().map(|m| m.name).collect();
            return Err(format!(
                "--alarm {raw}: `{name}` is not a metric (allowed: {})",
                names.join(", ")
            ));
        };
        let value: f64 = value
            .trim()
            .parse()
            .ok()
            .filter(|v: &f64| v.is_finite())
            .ok_or_else(|| format!("--alarm {raw}: `{}` is not a number", value.trim()))?;
        Ok(Self {
            metric: METRICS[i].name,
            above,
            value,
        })
    }

    /// The default alarms: VHH utilisation above 90%, mean VHH wait above a week.
    pub fn defaults() -> Vec<Alarm> {
        vec![
            Alarm {
                metric: "vhh_utilisation",
                above: true,
                value: 0.9,
            },
            Alarm {
                metric: "vhh_wait_days_mean",
                above: true,
                value: 7.0,
            },
        ]
    }

    /// Whether a mean sets the alarm off.
    pub fn fires(&self, mean: f64) -> bool {
        if self.above {
            mean > self.value
        } else {
            mean < self.value
        }
    }

    /// The index of the first point whose mean sets the alarm off.
    pub fn first(&self, results: &[RunResults]) -> Option<usize> {
        results
            .iter()
            .position(|r| r.metric(self.metric).is_some_and(|i| self.fires(i.mean)))
    }
}

impl std::fmt::Display for Alarm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {} {}",
            self.metric,
            if self.above { ">" } else { "<" },
            self.value
        )
    }
}

/// What an experiment is expected to cost.
#[derive(Debug, Clone, Copy)]
pub struct Estimate {
    /// Events over all points and replications.
    pub events: f64,
    /// Wall seconds on the given threads.
    pub seconds: f64,
}

/// Longest experiment avesim runs without being asked to shrink it (seconds).
pub const MAX_SECONDS: f64 = 3600.0;

/// Estimate the cost of running every point, from a short pilot of the first and last point
/// (one replication, at most two simulated years each).
pub fn estimate(points: &[&Params], threads: usize) -> Estimate {
    let mut per_day: f64 = 0.0;
    let mut per_second: f64 = f64::INFINITY;
    let probes: Vec<&&Params> = match (points.first(), points.last()) {
        (Some(a), Some(b)) => vec![a, b],
        _ => vec![],
    };
    for p in probes {
        let mut pilot = (*p).clone();
        pilot.horizon_days = pilot.horizon_days.min(730);
        pilot.horizon = f64::from(pilot.horizon_days) * 24.0;
        pilot.warmup_days = pilot.warmup_days.min(pilot.horizon_days / 2);
        pilot.warmup = f64::from(pilot.warmup_days) * 24.0;
        let start = Instant::now();
        let (out, _) = run_replication(&pilot, 0, Quiet);
        let wall = start.elapsed().as_secs_f64().max(1e-6);
        let events = out.diagnostics.events as f64;
        per_day = per_day.max(events / f64::from(pilot.horizon_days));
        per_second = per_second.min(events / wall);
    }
    let events: f64 = points
        .iter()
        .map(|p| per_day * f64::from(p.horizon_days) * f64::from(p.replications))
        .sum();
    Estimate {
        events,
        seconds: events / (per_second * threads.max(1) as f64),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_and_lists_parse() {
        let a = Axis::parse("growth.multiplier=1..3:5").unwrap();
        assert_eq!(a.labels(), ["1.0", "1.5", "2.0", "2.5", "3.0"]);
        let b = Axis::parse("vhh.coordinators=4..8:5").unwrap();
        assert_eq!(b.values[1], toml::Value::Integer(5));
        let c = Axis::parse("triage.criteria=ave,informal").unwrap();
        assert_eq!(c.labels(), ["ave", "informal"]);
        assert!(!c.numeric());
        assert!(Axis::parse("growth.multiplier=1..3:1").is_err());
        assert!(Axis::parse("growth.multiplier").is_err());
        assert_eq!(grid(&[a, c]).len(), 10);
    }

    #[test]
    fn alarms_parse_and_name_unknown_metrics() {
        let a = Alarm::parse("vhh_utilisation>0.9").unwrap();
        assert!(a.fires(0.95) && !a.fires(0.85));
        assert!(
            Alarm::parse("vhh_utilization>0.9")
                .unwrap_err()
                .contains("not a metric")
        );
    }
}
