//! Plausible ranges stated next to values in the scenario files (`| range LOW..HIGH: why`,
//! optionally `| nl: waarom`): reading them, the range of a key in a scenario (the file's,
//! else the register's), and the check that every stated range holds its value.

use super::register::lookup;
use crate::lang::{Lang, Text};

/// A plausible range a scenario file states next to a value: `| range LOW..HIGH: why` at the
/// end of the value's comment.
#[derive(Debug, Clone, PartialEq)]
pub struct FileRange {
    /// Lowest plausible value.
    pub low: f64,
    /// Highest plausible value.
    pub high: f64,
    /// Why (as the file says it).
    pub why: String,
}

/// Split a comment's `| range LOW..HIGH: why` off: (the rest, the range's text if any).
pub(super) fn split_range(comment: &str) -> (&str, Option<&str>) {
    match comment.rfind("| range ") {
        Some(at) => (
            comment[..at].trim_end(),
            Some(comment[at + "| range ".len()..].trim()),
        ),
        None => (comment, None),
    }
}

/// Read `LOW..HIGH: why`; `Err` says what is wrong with it.
pub fn parse_range(text: &str) -> Result<FileRange, String> {
    let (numbers, why) = text.split_once(':').unwrap_or((text, ""));
    let bad = || {
        format!(
            "`range {}`: write it as `range LOW..HIGH: why`, LOW at most HIGH",
            text.trim()
        )
    };
    let (low, high) = numbers.split_once("..").ok_or_else(bad)?;
    let num = |t: &str| t.trim().replace('_', "").parse::<f64>().map_err(|_| bad());
    let (low, high) = (num(low)?, num(high)?);
    if !(low.is_finite() && high.is_finite() && low <= high) {
        return Err(bad());
    }
    Ok(FileRange {
        low,
        high,
        why: why.trim().to_string(),
    })
}

/// The range the file that set `key` states on the value's own line, if it states one (an
/// unreadable one is `Err`; loading refuses it).
pub fn file_range(key: &str, provenance: &super::Provenance) -> Option<Result<FileRange, String>> {
    let at = provenance.find(key)?;
    let comment = at.comment.as_deref()?;
    split_range(comment).1.map(parse_range)
}

/// The plausible range of `key` in a scenario: the one its file states next to the value,
/// else the register's.
pub fn range_of(key: &str, provenance: &super::Provenance) -> Option<(f64, f64)> {
    match file_range(key, provenance) {
        Some(Ok(r)) => Some((r.low, r.high)),
        _ => lookup(key).and_then(|p| p.range).map(|r| (r.low, r.high)),
    }
}

/// "low–high: why" of `key`'s range in a scenario, in `lang`: the file's own (in Dutch with
/// the register's words when the numbers are the register's), else the register's.
pub(super) fn range_text_of(key: &str, provenance: &super::Provenance, lang: Lang) -> String {
    let reg = lookup(key);
    match file_range(key, provenance) {
        Some(Ok(r)) => {
            let same = reg.filter(|p| p.range.is_some_and(|g| g.low == r.low && g.high == r.high));
            match (lang, same) {
                (_, Some(p)) if lang == Lang::Nl || r.why.is_empty() => p.range_text(lang),
                _ => {
                    use crate::format::message;
                    // `why | nl: waarom`, as a note gives both languages.
                    let why = match r.why.split_once(" | nl: ") {
                        Some((en, nl)) => lang.pick(en, nl).trim().to_string(),
                        None => r.why.clone(),
                    };
                    let numbers = format!(
                        "{}–{}",
                        lang.num_plain(&message(r.low)),
                        lang.num_plain(&message(r.high))
                    );
                    if why.is_empty() {
                        numbers
                    } else {
                        format!("{numbers}: {why}")
                    }
                }
            }
        }
        _ => reg.map_or(String::new(), |p| p.range_text(lang)),
    }
}

/// Every plausible range a file states next to a value reads, and holds the value (a number,
/// each number of a list, or a distribution's mean); else the error `locate` makes for its key.
pub(super) fn check_stated(
    table: &toml::Table,
    prov: &super::Provenance,
    locate: &dyn Fn(&str, Text) -> super::ScenarioError,
) -> Result<(), super::ScenarioError> {
    for (key, value) in super::register::leaves(&toml::Value::Table(table.clone())) {
        let Some(stated) = file_range(&key, prov) else {
            continue;
        };
        let r = stated.map_err(|why| locate(&key, Text::same(why)))?;
        // A number, each number of a list, or a distribution's mean.
        let number = |v: &toml::Value| match v {
            toml::Value::Float(f) => Some(*f),
            toml::Value::Integer(i) => Some(*i as f64),
            _ => None,
        };
        let numbers: Vec<f64> = match &value {
            toml::Value::Array(a) => a.iter().filter_map(number).collect(),
            toml::Value::Table(t) => t.get("mean").and_then(number).into_iter().collect(),
            v => number(v).into_iter().collect(),
        };
        if let Some(&x) = numbers.iter().find(|&&x| x < r.low || x > r.high) {
            let (x, low, high) = (
                crate::format::message(x),
                crate::format::message(r.low),
                crate::format::message(r.high),
            );
            return Err(locate(
                &key,
                crate::both!(
                    "the value {x} lies outside the plausible range {low}..{high} stated next to it; widen the range (and say why) or change the value",
                    "de waarde {x} ligt buiten het aannemelijke bereik {low}..{high} dat ernaast staat; verbreed het bereik (en zeg waarom) of verander de waarde"
                ),
            ));
        }
    }
    Ok(())
}
