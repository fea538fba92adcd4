//! The parameters on every day something changes (`[[change]]`: steps, ramps, decays and
//! words), compiled once before the run.

use super::Scenario;
use super::compile::{Params, compile};
use super::error::ScenarioError;
use super::explain;
use crate::lang::Text;

/// The value in a table at a dotted key.
pub fn value_at<'t>(table: &'t toml::Table, key: &str) -> Option<&'t toml::Value> {
    let mut parts = key.split('.');
    let first = parts.next()?;
    let mut v = table.get(first)?;
    for part in parts {
        v = v.as_table()?.get(part)?;
    }
    Some(v)
}

/// A number in a table at a dotted key, and whether it is a whole number.
pub(super) fn number_at(table: &toml::Table, key: &str) -> Option<(f64, bool)> {
    match value_at(table, key)? {
        toml::Value::Integer(i) => Some((*i as f64, true)),
        toml::Value::Float(f) => Some((*f, false)),
        _ => None,
    }
}

/// Set a number at a dotted key of a table.
fn set_number(table: &mut toml::Table, key: &str, value: f64, integer: bool) {
    let v = if integer {
        toml::Value::Integer(value as i64)
    } else {
        toml::Value::Float(value)
    };
    set_value(table, key, v);
}

/// Set a value at a dotted key of a table.
fn set_value(table: &mut toml::Table, key: &str, v: toml::Value) {
    let mut parts: Vec<&str> = key.split('.').collect();
    let last = parts.pop().unwrap_or_default();
    let mut cur = table;
    for part in parts {
        match cur.get_mut(part) {
            Some(toml::Value::Table(t)) => cur = t,
            _ => return,
        }
    }
    cur.insert(last.to_string(), v);
}

/// The parameters from each moment something changes, and the changes after the run's end.
type Timeline = (Vec<(f64, Params)>, Vec<String>);

/// Compile the parameters on every day something changes.
pub(super) fn timeline(
    scenario: &Scenario,
    params: &Params,
    table: &toml::Table,
    locate: &dyn Fn(&str, Text) -> ScenarioError,
) -> Result<Timeline, ScenarioError> {
    use super::changes;
    let run = &params.run;
    let planned = changes::plan(
        &scenario.change,
        |key| number_at(table, key),
        |key| matches!(value_at(table, key), Some(toml::Value::Boolean(_))),
        run.origin,
        run.horizon_days,
    )
    .map_err(|(key, message)| locate(&key, message))?;
    let mut keys: Vec<(&str, f64, bool)> = Vec::new();
    for p in &planned.numbers {
        if !keys.iter().any(|(k, _, _)| *k == p.key) {
            let (before, integer) = number_at(table, &p.key).unwrap_or((0.0, false));
            keys.push((&p.key, before, integer));
        }
    }
    let mut out = Vec::new();
    // A moment when nothing actually changes (a change to the value a key already has) is
    // left out, so that it does not disturb the random streams of the run.
    let mut last = table.clone();
    for day in changes::change_days(&planned, run.horizon_days) {
        let mut t = table.clone();
        for &(key, before, integer) in &keys {
            set_number(
                &mut t,
                key,
                changes::value_on(&planned.numbers, key, before, day),
                integer,
            );
        }
        for w in &planned.words {
            if let Some(value) = changes::word_on(&planned.words, &w.key, day) {
                set_value(&mut t, &w.key, value.clone());
            }
        }
        if t == last {
            continue;
        }
        last = t.clone();
        let date = run.date_of_day(day.floor() as i64);
        let at = |message: Text| ScenarioError {
            origin: format!("[[change]] {date}"),
            line: None,
            key: None,
            message,
        };
        let s: Scenario = serde_path_to_error::deserialize(toml::Value::Table(t))
            .map_err(|e| at(explain::plain_types(e.into_inner().message().trim())))?;
        let p = compile(&s).map_err(|(key, message)| at(message.map(|m| format!("{key} {m}"))))?;
        out.push((changes::hours(day), p));
    }
    Ok((out, planned.beyond))
}
