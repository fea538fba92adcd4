//! A moving foundation: any numeric parameter may change during a run — a step on a date, a
//! linear ramp, or a decay towards a value (adherence rising as teams learn, a shared system
//! from a date, the effect of kijkdagen fading). Written as `[[change]]` tables; compiled once
//! into a timeline of complete parameter sets, one per moment something changes (ramps and
//! decays move in steps of [`STEP_DAYS`]).

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::check::Invalid;
use crate::both;
use crate::engine::HOURS_PER_DAY;
use crate::lang::Text;

/// Ramps and decays change in steps of this many days.
pub const STEP_DAYS: i64 = 30;

/// How a parameter moves to its new value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Shape {
    /// At once, on the date.
    #[default]
    Step,
    /// Linearly from the date, reaching the value after `over_days`.
    Ramp,
    /// Halving the distance to the value every `over_days` (a half-life), from the date.
    Decay,
}

/// What a change moves a parameter to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Target {
    /// A number (any numeric key).
    Number(f64),
    /// Yes or no, for a key whose value is `true` or `false` (a step only).
    Flag(bool),
    /// A word, for the keys in [`WORD_KEYS`] (a step only).
    Word(String),
}

/// Keys whose value is a word and that may change on a date (in a step).
pub const WORD_KEYS: [&str; 1] = ["link.system"];

/// One change of one parameter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Change {
    /// The dotted key of a numeric parameter (`triage.adherence`, `vhh.coordinators`).
    pub key: String,
    /// The date the change starts, YYYY-MM-DD.
    pub from: String,
    /// The value it moves to: a number; or, in a step, `true`/`false` for a key that is
    /// switched on or off, or a word for a key whose value is a word (only `link.system`).
    pub to: Target,
    /// `step`, `ramp` or `decay`.
    #[serde(default)]
    pub shape: Shape,
    /// Length of a ramp, or half-life of a decay (days); unused for a step.
    #[serde(default)]
    pub over_days: f64,
}

/// Keys that cannot change during a run: run control, the number of teams and their drawn
/// skills, and growth (which has its own ramp).
fn fixed(key: &str) -> bool {
    key.starts_with("run.")
        || key.starts_with("growth.")
        || matches!(
            key,
            "name"
                | "description"
                | "wijkteam.teams"
                | "wijkteam.skill_sd"
                | "wijkteam.teamleader_sd"
                | "criteria.adherence_sd"
                | "link.call_spread"
        )
}

/// A change checked against the scenario: its key, start (days from day 0), shape, target and
/// the value before it.
#[derive(Debug, Clone)]
pub(crate) struct Planned {
    pub key: String,
    pub start_day: f64,
    pub shape: Shape,
    pub to: f64,
    pub over_days: f64,
    pub integer: bool,
}

/// A change of a word-valued or yes/no key (a step on a date).
#[derive(Debug, Clone)]
pub(crate) struct PlannedWord {
    pub key: String,
    pub start_day: f64,
    pub to: toml::Value,
}

/// Every change checked: the numeric ones and the words.
#[derive(Debug, Clone, Default)]
pub(crate) struct Plan {
    pub numbers: Vec<Planned>,
    pub words: Vec<PlannedWord>,
    /// Changes dated after the run's end (`key on date`), which never take effect.
    pub beyond: Vec<String>,
}

/// Check every change: a known numeric key that may change, a date in the run, a length for
/// ramps and decays. `value_of` gives a key's value before any change (`None` if the key is
/// not a number); `is_flag` says whether a key's value is `true` or `false`. `origin` is day
/// 0; `horizon_days` the run's length.
pub(crate) fn plan(
    changes: &[Change],
    value_of: impl Fn(&str) -> Option<(f64, bool)>,
    is_flag: impl Fn(&str) -> bool,
    origin: Date,
    horizon_days: u32,
) -> Result<Plan, Invalid> {
    let mut out = Plan::default();
    for (i, c) in changes.iter().enumerate() {
        let at = format!("change.{i}");
        let bad = |message: Text| -> Invalid { (at.clone(), message) };
        let key = &c.key;
        if fixed(key) {
            return Err(bad(both!(
                "`{key}` cannot change during a run (run control, the number of wijkteams, the spreads drawn once per replication, and growth are fixed)",
                "`{key}` kan niet veranderen tijdens een run (de besturing van de run, het aantal wijkteams, de spreiding die eens per herhaling wordt getrokken en de groei liggen vast)"
            )));
        }
        if let Some(why) = super::explain::renamed(key) {
            return Err(bad(why.map(|w| format!("`{key}` {w}"))));
        }
        let from: Date = c.from.trim().parse().map_err(|_| {
            let given = crate::text::one_line(&c.from);
            bad(both!(
                "`{given}` is not a date: write YYYY-MM-DD",
                "`{given}` is geen datum: schrijf JJJJ-MM-DD"
            ))
        })?;
        let start_day = from.since(origin).map_or(-1.0, |s| f64::from(s.get_days()));
        if start_day >= f64::from(horizon_days) && start_day.is_finite() {
            // A shortened run (`--set run.horizon_days=…`) ends before it: it never happens.
            out.beyond.push(format!("{key} {from}"));
            continue;
        }
        if !(0.0..f64::from(horizon_days)).contains(&start_day) {
            let end = origin
                .checked_add(jiff::Span::new().days(i64::from(horizon_days) - 1))
                .unwrap_or(origin);
            return Err(bad(both!(
                "{from} is outside the run ({origin} to {end}, warm-up included)",
                "{from} valt buiten de run ({origin} tot {end}, inloopperiode meegeteld)"
            )));
        }
        let to = match &c.to {
            Target::Word(word) => {
                if !WORD_KEYS.contains(&c.key.as_str()) {
                    let (word, keys) = (crate::text::one_line(word), WORD_KEYS.join(", "));
                    return Err(bad(both!(
                        "`to` = \"{word}\" is a word; only {keys} may change to a word (other keys take a number)",
                        "`to` = \"{word}\" is een woord; alleen {keys} kunnen in een woord veranderen (andere sleutels krijgen een getal)"
                    )));
                }
                if c.shape != Shape::Step {
                    return Err(bad(both!(
                        "`{key}` can only change in a step (shape = \"step\")",
                        "`{key}` kan alleen in één stap veranderen (shape = \"step\")"
                    )));
                }
                out.words.push(PlannedWord {
                    key: c.key.clone(),
                    start_day,
                    to: toml::Value::String(word.trim().to_string()),
                });
                continue;
            }
            Target::Flag(on) => {
                if !is_flag(key) {
                    return Err(bad(both!(
                        "`to` = {on} is yes/no, but `{key}` is not switched on or off (it takes a number, or for link.system a word)",
                        "`to` = {on} is ja/nee, maar `{key}` wordt niet aan- of uitgezet (deze sleutel krijgt een getal, of voor link.system een woord)"
                    )));
                }
                if c.shape != Shape::Step {
                    return Err(bad(both!(
                        "`{key}` can only change in a step (shape = \"step\")",
                        "`{key}` kan alleen in één stap veranderen (shape = \"step\")"
                    )));
                }
                out.words.push(PlannedWord {
                    key: c.key.clone(),
                    start_day,
                    to: toml::Value::Boolean(*on),
                });
                continue;
            }
            Target::Number(to) => *to,
        };
        let Some((_, integer)) = value_of(&c.key) else {
            let word = WORD_KEYS.contains(&key.as_str());
            let (hint_en, hint_nl) = if word {
                (
                    " (this key takes a word: to = \"shared\")",
                    " (deze sleutel krijgt een woord: to = \"shared\")",
                )
            } else {
                ("", "")
            };
            return Err(bad(both!(
                "`{key}` is not a numeric parameter of this scenario: a change needs a key whose value is a number, e.g. criteria.adherence{hint_en}",
                "`{key}` is geen getal in dit scenario: een wijziging vraagt een sleutel met een getal als waarde, bijvoorbeeld criteria.adherence{hint_nl}"
            )));
        };
        if !to.is_finite() {
            return Err(bad(both!(
                "`to` must be a number, got {to}",
                "`to` moet een getal zijn, gegeven {to}"
            )));
        }
        if c.shape != Shape::Step && !(c.over_days.is_finite() && c.over_days > 0.0) {
            return Err(bad(if c.shape == Shape::Ramp {
                Text::new(
                    "a ramp needs `over_days` > 0 (its length)",
                    "een geleidelijke overgang (ramp) vraagt `over_days` > 0 (de duur)",
                )
            } else {
                Text::new(
                    "a decay needs `over_days` > 0 (its half-life)",
                    "een uitdoving (decay) vraagt `over_days` > 0 (de halveringstijd)",
                )
            }));
        }
        if c.over_days > 36_500.0 {
            return Err(bad(Text::new(
                "`over_days` may be at most 36500",
                "`over_days` mag hoogstens 36500 zijn",
            )));
        }
        out.numbers.push(Planned {
            key: c.key.clone(),
            start_day,
            shape: c.shape,
            to,
            over_days: c.over_days,
            integer,
        });
    }
    Ok(out)
}

/// The days (from day 0) on which some value changes.
pub(crate) fn change_days(plan: &Plan, horizon_days: u32) -> Vec<f64> {
    let mut days: Vec<f64> = plan.words.iter().map(|w| w.start_day).collect();
    let end = f64::from(horizon_days);
    for p in &plan.numbers {
        match p.shape {
            Shape::Step => days.push(p.start_day),
            Shape::Ramp | Shape::Decay => {
                let span = if p.shape == Shape::Ramp {
                    p.over_days
                } else {
                    // After six half-lives less than 2% of the distance is left: arrive.
                    6.0 * p.over_days
                };
                let mut d = p.start_day;
                while d < p.start_day + span && d < end {
                    days.push(d);
                    d += STEP_DAYS as f64;
                }
                days.push(p.start_day + span);
            }
        }
    }
    days.retain(|&d| d >= 0.0 && d < end);
    days.sort_by(f64::total_cmp);
    days.dedup();
    days
}

/// The value of `key` on day `day`, starting from `before`. Changes of the same key apply in
/// the order of their dates; each starts from the value the earlier ones reached on its date.
pub(crate) fn value_on(planned: &[Planned], key: &str, before: f64, day: f64) -> f64 {
    let mut mine: Vec<&Planned> = planned.iter().filter(|p| p.key == key).collect();
    mine.sort_by(|a, b| a.start_day.total_cmp(&b.start_day));
    chain(&mine, before, day)
}

fn chain(changes: &[&Planned], before: f64, day: f64) -> f64 {
    let Some((last, earlier)) = changes.split_last() else {
        return before;
    };
    if day < last.start_day {
        return chain(earlier, before, day);
    }
    let from = chain(earlier, before, last.start_day);
    let elapsed = day - last.start_day;
    let v = match last.shape {
        Shape::Step => last.to,
        Shape::Ramp => from + (last.to - from) * (elapsed / last.over_days).min(1.0),
        Shape::Decay if elapsed >= 6.0 * last.over_days => last.to,
        Shape::Decay => last.to + (from - last.to) * 0.5f64.powf(elapsed / last.over_days),
    };
    if last.integer { v.round() } else { v }
}

/// The word or yes/no at `key` on day `day`: the last step on or before it, if any.
pub(crate) fn word_on<'a>(
    words: &'a [PlannedWord],
    key: &str,
    day: f64,
) -> Option<&'a toml::Value> {
    words
        .iter()
        .filter(|w| w.key == key && w.start_day <= day)
        .max_by(|a, b| a.start_day.total_cmp(&b.start_day))
        .map(|w| &w.to)
}

/// Hours from day 0 of day `day`.
pub(crate) fn hours(day: f64) -> f64 {
    day * HOURS_PER_DAY
}

#[cfg(test)]
mod tests {
    use super::*;

    fn planned(shape: Shape, over_days: f64) -> Vec<Planned> {
        vec![Planned {
            key: "k".into(),
            start_day: 100.0,
            shape,
            to: 1.0,
            over_days,
            integer: false,
        }]
    }

    #[test]
    fn steps_ramps_and_decays_reach_their_value() {
        let step = planned(Shape::Step, 0.0);
        assert_eq!(value_on(&step, "k", 0.0, 99.0), 0.0);
        assert_eq!(value_on(&step, "k", 0.0, 100.0), 1.0);
        let ramp = planned(Shape::Ramp, 200.0);
        assert_eq!(value_on(&ramp, "k", 0.0, 200.0), 0.5);
        assert_eq!(value_on(&ramp, "k", 0.0, 400.0), 1.0);
        let decay = planned(Shape::Decay, 50.0);
        assert!((value_on(&decay, "k", 0.0, 150.0) - 0.5).abs() < 1e-12);
        assert_eq!(value_on(&decay, "k", 0.0, 1000.0), 1.0);
        let only = |numbers: &[Planned]| Plan {
            numbers: numbers.to_vec(),
            ..Plan::default()
        };
        assert_eq!(change_days(&only(&step), 365), vec![100.0]);
        // A second change starts from where the first had got to.
        let mut two = planned(Shape::Ramp, 200.0);
        two.push(Planned {
            start_day: 200.0,
            shape: Shape::Step,
            to: 3.0,
            ..two[0].clone()
        });
        assert_eq!(value_on(&two, "k", 0.0, 150.0), 0.25);
        assert_eq!(value_on(&two, "k", 0.0, 250.0), 3.0);
        let days = change_days(&only(&ramp), 365);
        assert_eq!(days.first(), Some(&100.0));
        assert!(days.iter().all(|&d| (100.0..=300.0).contains(&d)));
    }
}
