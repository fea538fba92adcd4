//! The register of every scenario key: its unit, what it means and where its value comes
//! from (the study with section, a public figure with source, a calibration target, or an
//! assumption), with room for an evidence grade and a plausible range.
//!
//! Each section of a scenario declares its keys once, next to its fields and defaults, with
//! [`section!`]; the register is the union of those declarations. `avesim check` prints it
//! next to the values; the report's assumptions register is built from it; a test checks
//! that no key is missing and none is declared that the schema lacks.

use std::sync::OnceLock;

/// Where a parameter's value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evidence {
    /// A fact from the study; the text names the section.
    Study(&'static str),
    /// A public figure from outside the study; the text names it.
    Public(&'static str),
    /// Chosen so the baseline meets a calibration target (docs/model.md); the text names it.
    Calibrated(&'static str),
    /// A modelling assumption; the text gives the reasoning.
    Assumption(&'static str),
    /// Run control, not a model fact.
    Control,
}

impl Evidence {
    /// Short label: `study`, `public`, `calibrated`, `assumption` or `run control`.
    pub fn kind(&self) -> &'static str {
        match self {
            Evidence::Study(_) => "study",
            Evidence::Public(_) => "public",
            Evidence::Calibrated(_) => "calibrated",
            Evidence::Assumption(_) => "assumption",
            Evidence::Control => "run control",
        }
    }

    /// The reference or reasoning.
    pub fn note(&self) -> &'static str {
        match self {
            Evidence::Study(s)
            | Evidence::Public(s)
            | Evidence::Calibrated(s)
            | Evidence::Assumption(s) => s,
            Evidence::Control => "",
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
    /// Where the value comes from.
    pub evidence: Evidence,
    /// Evidence grade, once graded.
    pub grade: Option<Grade>,
    /// Plausible range, for assumed values.
    pub range: Option<Range>,
}

/// A key declaration without grade or range.
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
        grade: None,
        range: None,
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

/// One registered key with its full dotted name.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    /// Dotted key path.
    pub key: String,
    /// Unit of the value.
    pub unit: &'static str,
    /// What it means.
    pub doc: &'static str,
    /// Where the value comes from.
    pub evidence: Evidence,
    /// Evidence grade, once graded.
    pub grade: Option<Grade>,
    /// Plausible range, for assumed values.
    pub range: Option<Range>,
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
        grade: k.grade,
        range: k.range,
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
    /// Source tag: `study §5.1`, `public`, `calibrated`, `assumption`, `run control`.
    pub tag: String,
    /// Reference or reasoning.
    pub note: String,
    /// Where the value was set: file and line, `--set ...`, or `built-in default`.
    pub set_in: String,
}

/// Split a scenario-file comment like "[study §5.1] 9 teams" into ("study §5.1", "9 teams").
fn tagged(comment: &str) -> Option<(String, String)> {
    let rest = comment.strip_prefix('[')?;
    let (tag, note) = rest.split_once(']')?;
    Some((tag.trim().to_string(), note.trim().to_string()))
}

/// Describe `key`: the scenario file's own `[tag] reason` comment on the line that set it
/// when there is one (the register's reasoning fills an empty reason), else the register.
pub fn describe(key: &str, provenance: &super::Provenance) -> Described {
    let reg = lookup(key);
    let at = provenance.find(key);
    // The line's own comment, else that of the table header above it in the same file.
    let from_file = at.and_then(|at| {
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
    });
    let (tag, note) = match (from_file, reg) {
        (Some((t, n)), Some(p)) if n.is_empty() => (t, p.evidence.note().to_string()),
        (Some((t, n)), _) => (t, n),
        (None, Some(p)) => (p.evidence.kind().to_string(), p.evidence.note().to_string()),
        (None, None) => ("unregistered".into(), String::new()),
    };
    let set_in = match at {
        Some(a) => match a.line {
            Some(l) => format!("{}, line {l}", a.origin),
            None => a.origin.clone(),
        },
        None => "built-in default".into(),
    };
    Described {
        unit: reg.map_or("", |p| p.unit),
        tag,
        note,
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

    fn schema_keys() -> Vec<String> {
        let value = toml::Value::try_from(crate::scenario::Scenario::default()).unwrap();
        leaves(&value).into_iter().map(|(k, _)| k).collect()
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
