//! Sweeps: a grid of parameter values (`--vary key=v1,v2` or `key=from..to:steps`), every
//! point run on the same seed (common random numbers), alarms that name the first point
//! where a metric passes a threshold, and an up-front estimate of the cost.

use std::time::Instant;

use crate::both;
use crate::engine::HOURS_PER_DAY;
use crate::lang::Text;
use crate::model::Quiet;
use crate::model::world::World;
use crate::scenario::{Override, Params};

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
    pub fn parse(raw: &str) -> Result<Self, Text> {
        let (key, spec) = raw.split_once('=').ok_or_else(|| {
            both!(
                "--vary {raw}: expected key=v1,v2,... or key=from..to:steps",
                "--vary {raw}: verwacht sleutel=w1,w2,... of sleutel=van..tot:stappen"
            )
        })?;
        let key = key.trim();
        if key.is_empty() {
            return Err(both!(
                "--vary {raw}: no key before `=`",
                "--vary {raw}: geen sleutel vóór `=`"
            ));
        }
        let spec = spec.trim();
        let values = if let Some((range, steps)) =
            spec.split_once(':').filter(|(r, _)| r.contains(".."))
        {
            let (from, to) = range.split_once("..").unwrap_or_default();
            let parse = |s: &str| s.trim().parse::<f64>().ok().filter(|v| v.is_finite());
            let (Some(a), Some(b)) = (parse(from), parse(to)) else {
                return Err(both!(
                    "--vary {raw}: `{range}` is not a range of numbers like 1..3",
                    "--vary {raw}: `{range}` is geen reeks getallen zoals 1..3"
                ));
            };
            let steps: usize = steps
                .trim()
                .parse()
                .ok()
                .filter(|&n| (2..=1000).contains(&n))
                .ok_or_else(|| {
                    both!(
                        "--vary {raw}: steps must be a whole number from 2 to 1000",
                        "--vary {raw}: het aantal stappen moet een geheel getal van 2 tot 1000 zijn"
                    )
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
                .map(|v| {
                    Override::parse_as("--vary", &format!("{key}={}", v.trim())).map(|o| o.value)
                })
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| e.text())?
        };
        if values.is_empty() {
            return Err(both!(
                "--vary {raw}: no values",
                "--vary {raw}: geen waarden"
            ));
        }
        if matches!(key, "name" | "description" | "extends") || key.starts_with("run.") {
            return Err(both!(
                "--vary {raw}: `{key}` is run control or a label, not a model parameter: vary a model key such as growth.multiplier, and set run control with --reps, --seed or --set",
                "--vary {raw}: `{key}` stuurt de run of is een naam, geen parameter van het model: varieer een sleutel van het model zoals growth.multiplier, en stel de run in met --reps, --seed of --set"
            ));
        }
        let labels: Vec<String> = values.iter().map(value_label).collect();
        if let Some(dup) = labels
            .iter()
            .enumerate()
            .find(|(i, l)| labels[..*i].contains(l))
            .map(|(_, l)| l)
        {
            return Err(both!(
                "--vary {raw}: the value {dup} is given twice: give each value once",
                "--vary {raw}: de waarde {dup} staat er twee keer: geef elke waarde één keer"
            ));
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
        .map(|(a, &i)| {
            Override::from_flag(
                &a.key,
                a.values[i].clone(),
                format!("--vary {}={}", a.key, value_label(&a.values[i])),
            )
        })
        .collect()
}

pub use super::alarm::{Alarm, AlarmFinding};

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

/// Most events a pilot runs before it extrapolates.
const PILOT_EVENTS: u64 = 2_000_000;
/// Longest a pilot runs before it extrapolates (seconds).
const PILOT_SECONDS: f64 = 1.0;

/// What a pilot saw: events per simulated day at the start (`rate`) and how fast that
/// grows per day (`slope`), and events per wall second.
#[derive(Debug, Clone, Copy)]
struct Pilot {
    rate: f64,
    slope: f64,
    per_second: f64,
}

impl Pilot {
    /// Events of one replication of `days` simulated days.
    fn events(&self, days: f64) -> f64 {
        self.rate * days + self.slope * days * days / 2.0
    }
}

/// A short pilot of `p`: one replication of at most two simulated years, stopped early after
/// [`PILOT_EVENTS`] events or [`PILOT_SECONDS`], so that even an enormous job is estimated in
/// about a second. A pilot that runs its course gives the rate of its second half (the
/// system has filled up by then). One stopped early has seen only the start of a system
/// that may still be filling up (a waiting list that grows without end makes events per
/// day grow with it): it extrapolates the growth from its first to its second half as a
/// straight line, which errs on the side of refusing.
fn pilot(p: &Params) -> Pilot {
    let mut pilot = p.clone();
    pilot.run.horizon_days = pilot.run.horizon_days.min(730);
    pilot.run.horizon_h = f64::from(pilot.run.horizon_days) * HOURS_PER_DAY;
    pilot.run.warmup_days = pilot.run.warmup_days.min(pilot.run.horizon_days / 2);
    pilot.run.warmup_h = f64::from(pilot.run.warmup_days) * HOURS_PER_DAY;
    let mut world = World::new(&pilot, 0, Quiet);
    let start = Instant::now();
    // Events and wall seconds at the end of every hour run.
    let mut at_hour = vec![0u64];
    let mut wall_at = vec![0.0f64];
    let mut stopped = false;
    'run: for hour in 1..=pilot.run.horizon_days * 24 {
        world.run_until(f64::from(hour));
        at_hour.push(world.events());
        wall_at.push(start.elapsed().as_secs_f64());
        if world.events() >= PILOT_EVENTS || start.elapsed().as_secs_f64() >= PILOT_SECONDS {
            stopped = true;
            break 'run;
        }
    }
    let hours = at_hour.len() - 1;
    let half = hours / 2;
    // Events cost more as the system fills up (a larger heap, more cases in memory): take
    // the speed of the second half.
    let per_second = ((at_hour[hours] - at_hour[half]) as f64).max(1.0)
        / (wall_at[hours] - wall_at[half]).max(1e-6);
    let per_day = |from: usize, to: usize| {
        (at_hour[to] - at_hour[from]) as f64 / ((to - from).max(1) as f64 / HOURS_PER_DAY)
    };
    let (first, second) = (per_day(0, half), per_day(half, hours));
    if !stopped || hours < 2 {
        return Pilot {
            rate: second.max(first),
            slope: 0.0,
            per_second,
        };
    }
    // Rates measured at the middle of each half, a half apart.
    let apart = (hours - half) as f64 / HOURS_PER_DAY;
    let slope = ((second - first) / apart.max(1.0 / HOURS_PER_DAY)).max(0.0);
    Pilot {
        rate: first.max(second - slope * apart * 1.5).max(0.0),
        slope,
        per_second,
    }
}

/// Estimate the cost of running every point from a short, bounded pilot of the first and
/// the last point.
pub fn estimate(points: &[&Params], threads: usize) -> Estimate {
    let probes: Vec<Pilot> = match (points.first(), points.last()) {
        (Some(a), Some(b)) if std::ptr::eq(*a, *b) => vec![pilot(a)],
        (Some(a), Some(b)) => vec![pilot(a), pilot(b)],
        _ => vec![],
    };
    let per_second = probes
        .iter()
        .map(|p| p.per_second)
        .fold(f64::INFINITY, f64::min);
    let events: f64 = points
        .iter()
        .map(|p| {
            let days = f64::from(p.run.horizon_days);
            let per_rep = probes.iter().map(|q| q.events(days)).fold(0.0, f64::max);
            per_rep * f64::from(p.run.replications)
        })
        .sum();
    // Replications run in parallel; one replication uses one thread however many there are.
    let jobs: f64 = points.iter().map(|p| f64::from(p.run.replications)).sum();
    let parallel = (threads.max(1) as f64).min(jobs.max(1.0));
    Estimate {
        events,
        seconds: events / (per_second * parallel),
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
        let c = Axis::parse("criteria.preset=ave,informal").unwrap();
        assert_eq!(c.labels(), ["ave", "informal"]);
        assert!(!c.numeric());
        assert!(Axis::parse("growth.multiplier=1..3:1").is_err());
        assert!(Axis::parse("growth.multiplier").is_err());
        assert_eq!(grid(&[a, c]).len(), 10);
    }
}
