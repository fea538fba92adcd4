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

impl FileRange {
    /// "low–high: why" in `lang` (a reason given as `why | nl: waarom` in both languages).
    pub fn text(&self, lang: Lang) -> String {
        use crate::format::message;
        let why = match self.why.split_once(" | nl: ") {
            Some((en, nl)) => lang.pick(en, nl).trim().to_string(),
            None => self.why.clone(),
        };
        let numbers = format!(
            "{}–{}",
            lang.num_plain(&message(self.low)),
            lang.num_plain(&message(self.high))
        );
        if why.is_empty() {
            numbers
        } else {
            format!("{numbers}: {why}")
        }
    }
}

/// A comment's note and the range it states, if it states a readable one.
pub fn note_and_range(comment: &str) -> (&str, Option<FileRange>) {
    let (note, range) = split_range(comment);
    (note, range.and_then(|r| parse_range(r).ok()))
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
pub fn parse_range(text: &str) -> Result<FileRange, Text> {
    let (numbers, why) = text.split_once(':').unwrap_or((text, ""));
    let shown = text.trim();
    let Some((low, high)) = numbers.split_once("..") else {
        return Err(crate::both!(
            "`range {shown}`: write it as `range LOW..HIGH: why` (two numbers with `..` between them)",
            "`range {shown}`: schrijf het als `range LAAG..HOOG: waarom` (twee getallen met `..` ertussen)"
        ));
    };
    let num = |t: &str| -> Result<f64, Text> {
        let t = t.trim();
        if t.contains(',') {
            return Err(crate::both!(
                "`range {shown}`: write decimals with a point, as everywhere in the file (0.3, not 0,3)",
                "`range {shown}`: gebruik een punt als decimaalteken, zoals overal in het bestand (0.3, niet 0,3)"
            ));
        }
        match t.replace('_', "").parse::<f64>() {
            Ok(v) if v.is_finite() => Ok(v),
            _ => Err(crate::both!(
                "`range {shown}`: `{t}` is not a number",
                "`range {shown}`: `{t}` is geen getal"
            )),
        }
    };
    let (low, high) = (num(low)?, num(high)?);
    if low > high {
        return Err(crate::both!(
            "`range {shown}`: the low end comes first (LOW..HIGH, LOW at most HIGH)",
            "`range {shown}`: de ondergrens komt eerst (LAAG..HOOG, LAAG niet groter dan HOOG)"
        ));
    }
    Ok(FileRange {
        low,
        high,
        why: why.trim().to_string(),
    })
}

/// The words a value's comment may carry after a `|`: `range` and `nl:`. Any other (a typo
/// such as `| rnage`) is worth a note, since the range it meant would be silently missing.
fn unknown_marks(comment: &str) -> Vec<&str> {
    comment
        .split('|')
        .skip(1)
        .map(str::trim_start)
        .filter(|part| !(part.starts_with("range ") || part.starts_with("nl:")))
        .map(|part| part.split_whitespace().next().unwrap_or(""))
        .collect()
}

/// The range the file that set `key` states on the value's own line, if it states one (an
/// unreadable one is `Err`; loading refuses it).
pub fn file_range(key: &str, provenance: &super::Provenance) -> Option<Result<FileRange, Text>> {
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
                _ => r.text(lang),
            }
        }
        _ => reg.map_or(String::new(), |p| p.range_text(lang)),
    }
}

/// Every plausible range a file states next to a value reads, and holds the value (a number,
/// each number of a list, or a distribution's mean); else the error `locate` makes for its key.
/// Returns a note for each comment with a `| word` other than `range` and `nl:`.
pub(super) fn check_stated(
    table: &toml::Table,
    prov: &super::Provenance,
    locate: &dyn Fn(&str, Text) -> super::ScenarioError,
) -> Result<Vec<Text>, super::ScenarioError> {
    let mut notes = Vec::new();
    for (key, value) in super::register::leaves(&toml::Value::Table(table.clone())) {
        if let Some(at) = prov.find(&key)
            && let Some(comment) = at.comment.as_deref()
        {
            for word in unknown_marks(comment) {
                let origin = at
                    .line
                    .map_or(at.origin.clone(), |l| format!("{}, line {l}", at.origin));
                let origin_nl = at
                    .line
                    .map_or(at.origin.clone(), |l| format!("{}, regel {l}", at.origin));
                notes.push(crate::both!(
                    "{origin}: the comment of {key} has `| {word}`, which avesim does not read (after `|` it reads `range LOW..HIGH: why` and `nl: …`)",
                    "{origin_nl}: het commentaar bij {key} bevat `| {word}`, wat avesim niet herkent (na `|` herkent avesim alleen `range LAAG..HOOG: waarom` en `nl: …`)"
                ));
            }
        }
        let Some(stated) = file_range(&key, prov) else {
            continue;
        };
        let r = stated.map_err(|why| locate(&key, why))?;
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
                    "de waarde {x} ligt buiten de aannemelijke bandbreedte {low}..{high} die ernaast staat; verbreed de bandbreedte (en zeg waarom) of verander de waarde"
                ),
            ));
        }
    }
    Ok(notes)
}
