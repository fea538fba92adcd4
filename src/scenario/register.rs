//! The register of every scenario key: its unit, what it means and where its value comes
//! from, graded A (a number in the study), B (a direction in the study, size assumed), C (an
//! assumption or a calibrated value) or P (a public source), with a plausible range for what
//! is assumed.
//!
//! Each section of a scenario declares its keys once, next to its fields and defaults, with
//! `section!`; the register is the union of those declarations. `avesim check` prints it
//! next to the values; the report's assumptions register is built from it; a test checks
//! that no key is missing and none is declared that the schema lacks.

use std::sync::OnceLock;

use crate::lang::Lang;

pub use super::ranges::{FileRange, file_range, parse_range, range_of};
use super::ranges::{range_text_of, split_range};

/// Where a parameter's value comes from, graded: A a number in the study, B a direction in
/// the study with the size assumed, C an assumption (or a value calibrated to a target),
/// P a public source outside the study. A and B name the place in the study (section and
/// line of the seed text) and quote it verbatim, so a reader can find it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evidence {
    /// A: a number in the study.
    A {
        /// Section and line, e.g. `§5.1 l.2407`.
        at: &'static str,
        /// A short verbatim Dutch quote.
        quote: &'static str,
    },
    /// B: a direction in the study; the size is assumed.
    B {
        /// Section and line.
        at: &'static str,
        /// A short verbatim Dutch quote.
        quote: &'static str,
        /// Why this size.
        why: &'static str,
    },
    /// C: a modelling assumption, with the reasoning.
    C(&'static str),
    /// C, chosen so the baseline meets a calibration target (docs/model.md names it with
    /// its own grade).
    Calibrated(&'static str),
    /// P: a public figure from outside the study.
    P {
        /// Year of the figure.
        year: &'static str,
        /// The source.
        source: &'static str,
    },
    /// Run control, not a model fact.
    Control,
}

/// A: a number in the study at `at` (section and line), quoted.
pub const fn a(at: &'static str, quote: &'static str) -> Evidence {
    Evidence::A { at, quote }
}
/// B: a direction in the study at `at`, quoted; `why` says how the size was chosen.
pub const fn b(at: &'static str, quote: &'static str, why: &'static str) -> Evidence {
    Evidence::B { at, quote, why }
}
/// C: an assumption with its reasoning.
pub const fn c(why: &'static str) -> Evidence {
    Evidence::C(why)
}
/// C, calibrated to the target named.
pub const fn cal(target: &'static str) -> Evidence {
    Evidence::Calibrated(target)
}
/// P: a public source outside the study, with its year.
pub const fn p(year: &'static str, source: &'static str) -> Evidence {
    Evidence::P { year, source }
}

impl Evidence {
    /// The grade, or `None` for run control.
    pub fn grade(&self) -> Option<Grade> {
        match self {
            Evidence::A { .. } => Some(Grade::A),
            Evidence::B { .. } => Some(Grade::B),
            Evidence::C(_) | Evidence::Calibrated(_) => Some(Grade::C),
            Evidence::P { .. } => Some(Grade::P),
            Evidence::Control => None,
        }
    }

    /// The tag as a scenario file writes it: `A §5.1 l.2407`, `B §5.3.2 l.3164`, `C`,
    /// `C calibrated`, `P 2016`, `run control`.
    pub fn tag(&self) -> String {
        match self {
            Evidence::A { at, .. } => format!("A {at}"),
            Evidence::B { at, .. } => format!("B {at}"),
            Evidence::C(_) => "C".into(),
            Evidence::Calibrated(_) => "C calibrated".into(),
            Evidence::P { year, .. } => format!("P {year}"),
            Evidence::Control => "run control".into(),
        }
    }

    /// The verbatim quote from the study (A and B), else empty.
    pub fn quote(&self) -> &'static str {
        match self {
            Evidence::A { quote, .. } | Evidence::B { quote, .. } => quote,
            _ => "",
        }
    }

    /// The reasoning, source or calibration target (for B: why this size).
    pub fn note(&self) -> &'static str {
        match self {
            Evidence::A { .. } | Evidence::Control => "",
            Evidence::B { why, .. } => why,
            Evidence::C(s) | Evidence::Calibrated(s) => s,
            Evidence::P { source, .. } => source,
        }
    }
}

/// How strong the evidence for a value is: A a number in the study, B a direction in the
/// study with the size assumed, C an assumption, P a public source outside the study.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grade {
    /// A number in the study.
    A,
    /// A direction in the study; the size is assumed.
    B,
    /// An assumption.
    C,
    /// A public source outside the study (with its year).
    P,
}

impl Grade {
    /// `A`, `B`, `C` or `P`.
    pub fn letter(self) -> &'static str {
        match self {
            Grade::A => "A",
            Grade::B => "B",
            Grade::C => "C",
            Grade::P => "P",
        }
    }
}

/// A plausible range for an assumed value, with why.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Range {
    /// Lowest plausible value.
    pub low: f64,
    /// Highest plausible value.
    pub high: f64,
    /// Why this range.
    pub why: &'static str,
}

/// One key as its section declares it (the name relative to the section).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Key {
    /// Name within the section (`coordinators`, `hours.open`, `social.per_day`).
    pub name: &'static str,
    /// Unit of the value.
    pub unit: &'static str,
    /// What it means.
    pub doc: &'static str,
    /// Where the value comes from, graded.
    pub evidence: Evidence,
    /// Plausible range, for assumed values.
    pub range: Option<Range>,
    /// The same texts in Dutch.
    pub nl: Dutch,
}

/// A key's texts in Dutch, written next to the English: what it means, the evidence's note
/// (why this size, the reasoning, the source or the calibration target; empty where the
/// English note is empty) and why the plausible range (empty without a range). The quotes
/// are the study's own Dutch and are not repeated.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Dutch {
    /// What the key means.
    pub doc: &'static str,
    /// The evidence's note.
    pub note: &'static str,
    /// Why the plausible range.
    pub range: &'static str,
}

impl Key {
    /// The same key with a plausible range.
    pub const fn range(self, low: f64, high: f64, why: &'static str) -> Key {
        Key {
            range: Some(Range { low, high, why }),
            ..self
        }
    }

    /// The same key with its texts in Dutch: what it means, the evidence's note, and why
    /// the range (`""` where the English has none).
    pub const fn nl(self, doc: &'static str, note: &'static str, range: &'static str) -> Key {
        Key {
            nl: Dutch { doc, note, range },
            ..self
        }
    }
}

/// A key declaration without a range.
pub const fn key(
    name: &'static str,
    unit: &'static str,
    doc: &'static str,
    evidence: Evidence,
) -> Key {
    Key {
        name,
        unit,
        doc,
        evidence,
        range: None,
        nl: Dutch {
            doc: "",
            note: "",
            range: "",
        },
    }
}

/// Declare a scenario section in one place: the struct as the user writes it (serde with
/// defaults and `deny_unknown_fields`), each field's default, and the register rows of the
/// keys it holds (one for a value, several for a nested table such as opening hours).
macro_rules! section {
    (
        $(#[doc = $sdoc:literal])*
        pub struct $name:ident {
            $(
                $(#[doc = $fdoc:literal])*
                $field:ident : $ty:ty = $default:expr => [ $( $row:expr ),+ $(,)? ],
            )*
        }
    ) => {
        $(#[doc = $sdoc])*
        #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
        #[serde(default, deny_unknown_fields)]
        pub struct $name {
            $(
                $(#[doc = $fdoc])*
                pub $field: $ty,
            )*
        }

        impl Default for $name {
            fn default() -> Self {
                Self {
                    $( $field: $default, )*
                }
            }
        }

        impl $name {
            /// The register rows of this section's keys.
            pub const KEYS: &'static [$crate::scenario::register::Key] = &[ $( $( $row, )+ )* ];
        }
    };
}

impl Param {
    /// Its evidence grade (none for run control).
    pub fn grade(&self) -> Option<Grade> {
        self.evidence.grade()
    }
}

/// One registered key with its full dotted name.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    /// Dotted key path.
    pub key: String,
    /// Unit of the value.
    pub unit: &'static str,
    /// What it means.
    pub doc: &'static str,
    /// Where the value comes from, graded.
    pub evidence: Evidence,
    /// Plausible range, for assumed values.
    pub range: Option<Range>,
    /// The same texts in Dutch.
    pub nl: Dutch,
}

impl Param {
    /// What it means, in `lang`.
    pub fn doc(&self, lang: Lang) -> &'static str {
        lang.pick(self.doc, self.nl.doc)
    }

    /// The evidence's note (for B: why this size), in `lang`.
    pub fn note(&self, lang: Lang) -> &'static str {
        lang.pick(self.evidence.note(), self.nl.note)
    }

    /// The unit, in `lang`.
    pub fn unit(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.unit,
            Lang::Nl => unit_nl(self.unit).unwrap_or(self.unit),
        }
    }

    /// "low–high: why" of its range in `lang`, empty without one.
    pub fn range_text(&self, lang: Lang) -> String {
        use crate::format::message;
        self.range.as_ref().map_or(String::new(), |r| {
            format!(
                "{}–{}: {}",
                lang.num_plain(&message(r.low)),
                lang.num_plain(&message(r.high)),
                lang.pick(r.why, self.nl.range)
            )
        })
    }
}

/// The Dutch of a register unit (`None` for a unit without one, which a test forbids).
pub fn unit_nl(unit: &str) -> Option<&'static str> {
    Some(match unit {
        "per year" => "per jaar",
        "probability" => "kans",
        "share" => "aandeel",
        "days" => "dagen",
        "day" => "dag",
        "factor" => "factor",
        "hours" => "uur",
        "switch" => "aan/uit",
        "count" => "aantal",
        "sd of log factor" => "sd van de log-factor",
        "factor Mon..Sun" => "factor ma..zo",
        "cases/day" => "casussen/dag",
        "suspects/day" => "verdachten/dag",
        "hours/week" => "uren/week",
        "weights for 1..5 domains" => "gewichten voor 1..5 leefgebieden",
        "suspects waiting" => "wachtende verdachten",
        "share of budget" => "aandeel van het budget",
        "probability per briefing" => "kans per briefing",
        "probability by 1..5 domains" => "kans bij 1..5 leefgebieden",
        "per served non-complex family per year" => "per geholpen niet-complex gezin per jaar",
        "office hours" => "kantooruren",
        "integer" => "geheel getal",
        "factor per consult" => "factor per consult",
        "date YYYY-MM-DD" => "datum JJJJ-MM-DD",
        "date YYYY-MM-DD, empty = run.start_date" => "datum JJJJ-MM-DD, leeg = run.start_date",
        "cases" => "casussen",
        "text" => "tekst",
        "path" => "pad",
        "list of changes" => "lijst van wijzigingen",
        "weekdays" => "dagen van de week",
        "HH:MM, 00:00 to 24:00, before close" => "UU:MM, 00:00 tot 24:00, vóór de sluitingstijd",
        "HH:MM, 00:00 to 24:00, after open" => "UU:MM, 00:00 tot 24:00, na de openingstijd",
        // Choices are the words a scenario file writes.
        "advice | procesregie" => "advice | procesregie",
        "ave | informal | crisis_only" => "ave | informal | crisis_only",
        "bridged | shared | joint" => "bridged | shared | joint",
        _ => return None,
    })
}

/// Every key of a scenario file, in scenario order.
pub fn all() -> &'static [Param] {
    static ALL: OnceLock<Vec<Param>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut out: Vec<Param> = super::TOP_KEYS.iter().map(|k| full("", k)).collect();
        for (prefix, keys) in super::sections() {
            out.extend(keys.iter().map(|k| full(prefix, k)));
        }
        out
    })
}

fn full(prefix: &str, k: &Key) -> Param {
    Param {
        key: if prefix.is_empty() {
            k.name.to_string()
        } else {
            format!("{prefix}.{}", k.name)
        },
        unit: k.unit,
        doc: k.doc,
        evidence: k.evidence,
        range: k.range,
        nl: k.nl,
    }
}

/// The register entry of a dotted key, if any.
pub fn lookup(key: &str) -> Option<&'static Param> {
    all().iter().find(|p| p.key == key)
}

/// What the assumptions register says of one key.
#[derive(Debug, Clone, PartialEq)]
pub struct Described {
    /// Unit.
    pub unit: &'static str,
    /// Evidence grade `A`, `B`, `C` or `P`; empty for run control.
    pub grade: String,
    /// The full tag: `A §5.1 l.2407`, `B §5.3.2 l.3164`, `C`, `C calibrated`, `P 2016`,
    /// `run control`.
    pub tag: String,
    /// The verbatim quote from the study (grades A and B).
    pub quote: String,
    /// Reasoning, source or calibration target (for B: why this size).
    pub note: String,
    /// The plausible range of an assumed value, with why; empty when there is none.
    pub range: String,
    /// Where the value was set: file and line, `--set ...`, or `built-in default`.
    pub set_in: String,
}

/// Split a scenario-file comment like `[A §5.1 l.2407] "zeven dagen" (CCV 2013)` into
/// its tag and the rest.
fn tagged(comment: &str) -> Option<(String, String)> {
    let rest = comment.strip_prefix('[')?;
    let (tag, note) = rest.split_once(']')?;
    let note = split_range(note).0;
    Some((tag.trim().to_string(), note.trim().to_string()))
}

/// Split a leading `"quote"` off a note: (quote, the rest).
pub fn split_quote(note: &str) -> (String, String) {
    let t = note.trim();
    if let Some(rest) = t.strip_prefix('"')
        && let Some(end) = rest.find('"')
    {
        let after = rest[end + 1..].trim_start_matches([';', ',', ' ', ':']);
        return (rest[..end].to_string(), after.trim().to_string());
    }
    (String::new(), t.to_string())
}

/// The grade letter a tag starts with (`A`, `B`, `C`, `P`), empty for run control.
fn grade_of(tag: &str) -> String {
    match tag.split_whitespace().next() {
        Some(g @ ("A" | "B" | "C" | "P")) => g.to_string(),
        _ => String::new(),
    }
}

/// A tag as people read it in `lang`: `C calibrated` is `C gekalibreerd`, `run control` is
/// `besturing van de run` in Dutch; section and line stay as they are.
fn tag_in(tag: &str, lang: Lang) -> String {
    match lang {
        Lang::En => tag.to_string(),
        Lang::Nl => match tag {
            "C calibrated" => "C gekalibreerd".into(),
            "run control" => "besturing van de run".into(),
            "unregistered" => "niet geregistreerd".into(),
            _ => tag.to_string(),
        },
    }
}

/// Where a value was set, in `lang`: `embedded scenarios/base.toml, line 23`,
/// `--set …`, `built-in default`.
fn origin_in(origin: &str, line: Option<usize>, lang: Lang) -> String {
    let origin = lang.origin(origin);
    match line {
        Some(l) => format!("{origin}, {} {l}", lang.pick("line", "regel")),
        None => origin,
    }
}

/// The `[tag] reason` comment that gives a key's evidence in the file that set it: the line's
/// own comment, else that of the table header above it in the same file.
fn file_comment(key: &str, provenance: &super::Provenance) -> Option<(String, String)> {
    let at = provenance.find(key)?;
    let mut probe = key.to_string();
    let mut comment = at.comment.as_deref().and_then(tagged);
    while comment.is_none() {
        probe.truncate(probe.rfind('.')?);
        comment = provenance
            .exact(&probe)
            .filter(|p| p.origin == at.origin)
            .and_then(|p| p.comment.as_deref())
            .and_then(tagged);
    }
    comment
}

/// Whether the file that set `key` gives its evidence (a `[tag]` comment on the line or on
/// its table's header).
pub fn has_own_source(key: &str, provenance: &super::Provenance) -> bool {
    file_comment(key, provenance).is_some()
}

/// Describe `key` in `lang`: the scenario file's own `[tag] "quote" reason` comment on the
/// line that set it when there is one (the register fills an empty reason), else the
/// register. In Dutch, a file comment with the register's own grade and source is shown
/// with the register's Dutch; a file that grades or explains a value its own way is quoted
/// as written.
pub fn describe(key: &str, provenance: &super::Provenance, lang: Lang) -> Described {
    let reg = lookup(key);
    let at = provenance.find(key);
    let from_file = file_comment(key, provenance);
    let (tag, quote, note) = match (from_file, reg) {
        (Some((t, n)), reg) => {
            // A file may give its reason in both languages: `english | nl: dutch`; its own
            // Dutch then comes before the register's.
            let own_dutch = n.contains(" | nl: ");
            let n = match n.split_once(" | nl: ") {
                Some((en, nl)) => lang.pick(en, nl).trim().to_string(),
                None => n,
            };
            let (q, n) = split_quote(&n);
            let same = reg.filter(|p| p.evidence.tag() == t);
            let q = if q.is_empty() {
                same.map_or(String::new(), |p| p.evidence.quote().to_string())
            } else {
                q
            };
            let n = match (lang, same) {
                (Lang::Nl, Some(p)) if !own_dutch => p.note(lang).to_string(),
                (_, same) if n.is_empty() => {
                    same.map_or(String::new(), |p| p.note(lang).to_string())
                }
                _ => n,
            };
            (t, q, n)
        }
        (None, Some(p)) => (
            p.evidence.tag(),
            p.evidence.quote().to_string(),
            p.note(lang).to_string(),
        ),
        (None, None) => ("unregistered".into(), String::new(), String::new()),
    };
    let set_in = match at {
        Some(a) => origin_in(&a.origin, a.line, lang),
        None => lang
            .pick("built-in default", "ingebouwde standaardwaarde")
            .into(),
    };
    Described {
        unit: reg.map_or("", |p| p.unit(lang)),
        grade: grade_of(&tag),
        tag: tag_in(&tag, lang),
        quote,
        note,
        range: range_text_of(key, provenance, lang),
        set_in,
    }
}

/// Every leaf key of a scenario (distribution tables count as one leaf), with its value.
pub fn leaves(value: &toml::Value) -> Vec<(String, toml::Value)> {
    fn walk(prefix: &str, v: &toml::Value, out: &mut Vec<(String, toml::Value)>) {
        match v {
            toml::Value::Table(t) if !t.contains_key("dist") => {
                for (k, v) in t {
                    let key = if prefix.is_empty() {
                        k.clone()
                    } else {
                        format!("{prefix}.{k}")
                    };
                    walk(&key, v, out);
                }
            }
            _ => out.push((prefix.to_string(), v.clone())),
        }
    }
    let mut out = Vec::new();
    walk("", value, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema() -> Vec<(String, toml::Value)> {
        let value = toml::Value::try_from(crate::scenario::Scenario::default().resolved()).unwrap();
        leaves(&value)
    }

    fn schema_keys() -> Vec<String> {
        schema().into_iter().map(|(k, _)| k).collect()
    }

    #[test]
    fn every_value_is_graded_and_a_and_b_quote_the_study_at_a_line() {
        for p in all() {
            match p.evidence {
                Evidence::A { at, quote } | Evidence::B { at, quote, .. } => {
                    assert!(at.starts_with('§') && at.contains(" l."), "{}: {at}", p.key);
                    assert!(quote.split_whitespace().count() >= 2, "{}: {quote}", p.key);
                    assert!(!quote.contains('"'), "{}", p.key);
                }
                Evidence::C(why) | Evidence::Calibrated(why) => {
                    assert!(why.len() > 5, "{}: no reasoning", p.key)
                }
                Evidence::P { year, source } => {
                    assert!(year.starts_with("20") && source.len() > 10, "{}", p.key)
                }
                Evidence::Control => {}
            }
            if let Evidence::B { why, .. } = p.evidence {
                assert!(
                    !why.is_empty(),
                    "{}: B without a reason for the size",
                    p.key
                );
            }
        }
    }

    #[test]
    fn every_assumed_number_has_a_plausible_range_around_its_default() {
        for (key, value) in schema() {
            let p = lookup(&key).unwrap();
            let numeric = match &value {
                toml::Value::Integer(_) | toml::Value::Float(_) => true,
                toml::Value::Array(a) => a.iter().all(|v| v.is_float() || v.is_integer()),
                toml::Value::Table(t) => t.contains_key("dist"),
                _ => false,
            };
            let assumed = matches!(p.grade(), Some(Grade::B | Grade::C | Grade::P));
            if !(numeric && assumed) {
                continue;
            }
            let r = p
                .range
                .unwrap_or_else(|| panic!("{key} has no plausible range"));
            assert!(r.low <= r.high && !r.why.is_empty(), "{key}");
            let x = match &value {
                toml::Value::Integer(i) => Some(*i as f64),
                toml::Value::Float(f) => Some(*f),
                _ => None,
            };
            if let Some(x) = x {
                assert!(
                    r.low <= x && x <= r.high,
                    "{key}: default {x} outside {}..{}",
                    r.low,
                    r.high
                );
            }
        }
    }

    #[test]
    fn every_key_is_explained_in_dutch_too() {
        let mut missing = Vec::new();
        for p in all() {
            let words = |s: &str| s.split_whitespace().count();
            if p.nl.doc.trim().is_empty() || (words(p.doc) > 2 && p.nl.doc == p.doc) {
                missing.push(format!("{}: what it means", p.key));
            }
            let note = p.evidence.note();
            if note.is_empty() != p.nl.note.is_empty() || (words(note) > 2 && p.nl.note == note) {
                missing.push(format!("{}: the evidence's note", p.key));
            }
            if p.range.is_some() == p.nl.range.is_empty() {
                missing.push(format!("{}: why the range", p.key));
            }
            if unit_nl(p.unit).is_none() {
                missing.push(format!("{}: the unit {:?}", p.key, p.unit));
            }
        }
        assert!(missing.is_empty(), "not in Dutch: {missing:#?}");
    }

    #[test]
    fn every_scenario_key_is_registered() {
        let missing: Vec<String> = schema_keys()
            .into_iter()
            .filter(|k| lookup(k).is_none())
            .collect();
        assert!(missing.is_empty(), "unregistered keys: {missing:?}");
    }

    #[test]
    fn every_registered_key_exists_once() {
        let keys = schema_keys();
        for p in all() {
            if p.key == "extends" || p.key == "change" {
                continue;
            }
            assert!(
                keys.contains(&p.key),
                "registered key {} is not in the schema",
                p.key
            );
            assert_eq!(
                all().iter().filter(|q| q.key == p.key).count(),
                1,
                "{} is registered twice",
                p.key
            );
        }
    }
}
