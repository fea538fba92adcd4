//! The user's words: the scenario file's schema with defaults, loading (with `extends` and
//! `--set` overrides), checks, and the register of units and provenance of every key.
//!
//! Each section of a scenario file lives in its own file under [`sections`], where its keys
//! are declared once (field, default, unit, evidence) and compiled for the model. The
//! defaults are the calibrated Leeuwarden baseline; `scenarios/leeuwarden.toml` spells them
//! out with comments. Units are in the key names (`_days`, `_hours`, `_per_year`, ...).

#[macro_use]
pub mod register;
pub mod changes;
pub mod check;
pub mod compile;
pub mod dist;
mod error;
mod explain;
pub mod layers;
pub mod load;
pub mod provenance;
mod ranges;
mod read;
pub mod sections;
mod targets;
mod timeline;

pub use check::{Duration, Invalid};
pub use compile::{Params, compile};
pub use dist::{DurationSpec, Sampler};
pub(crate) use explain::decimal_comma;
pub use load::{
    LayerInfo, LayerSource, Loaded, Override, ScenarioError, load_file, load_file_layered,
    load_file_traced, load_str, load_str_layered, load_str_traced,
};
pub use provenance::{Provenance, SetAt};
pub use ranges::{FileRange, note_and_range};
pub use sections::advice::Advice;
pub use sections::arrivals::{Arrivals, Stream};
pub use sections::ave4::Ave4;
pub use sections::case::CaseMix;
pub use sections::criteria::{Criteria, Preset};
pub use sections::dynamics::{Dynamics, StateRates};
pub use sections::governance::Governance;
pub use sections::growth::Growth;
pub use sections::hours::{ALL_DAYS, Hours};
pub use sections::link::{Link, System};
pub use sections::overflow::Overflow;
pub use sections::run::Run;
pub use sections::stagnation::Stagnation;
pub use sections::vhh::{GivesWay, Vhh};
pub use sections::wijkteam::Wijkteam;
pub use sections::zsm::Zsm;
pub use timeline::value_at;

use serde::{Deserialize, Serialize};

use register::{Evidence::Control, Key, key};

/// A whole scenario: run control and every model parameter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Scenario {
    /// Short name; names the default output folder.
    pub name: String,
    /// One line saying what this scenario is.
    pub description: String,
    /// The same line in Dutch (reports in Dutch show it; empty: the English line).
    pub description_nl: String,
    /// Run control.
    pub run: Run,
    /// The arrival streams.
    pub arrivals: Arrivals,
    /// Growth of the social-case stream.
    pub growth: Growth,
    /// Case attributes at entry.
    pub case: CaseMix,
    /// Competing-risk rates per state, for non-complex and complex cases.
    pub dynamics: Dynamics,
    /// Wijkteams (sociale wijkteams).
    pub wijkteam: Wijkteam,
    /// What stalled cooperation does to a case.
    pub stagnation: Stagnation,
    /// How wijkteams decide to scale up (op- en afschalingscriteria).
    pub criteria: Criteria,
    /// Wijkteams that cannot cope push cases up.
    pub overflow: Overflow,
    /// The VHH advice function.
    pub advice: Advice,
    /// The Veiligheidshuis: one budget for procesregie and advice.
    pub vhh: Vhh,
    /// Acute incidents and AVE 4.
    pub ave4: Ave4,
    /// ZSM table.
    pub zsm: Zsm,
    /// Information links between VHH, wijkteams and ZSM.
    pub link: Link,
    /// The bestuurlijke visie and when layered recommendations start.
    pub governance: Governance,
    /// Parameters that change during the run (`[[change]]`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub change: Vec<changes::Change>,
    /// The layers laid on the scenario (`with`, `--with`, `avesim advise`), as laid.
    #[serde(skip)]
    pub layers: Vec<layers::LayerInfo>,
}

impl Scenario {
    /// The one-line description in `lang` (the English one where no Dutch is given).
    pub fn description_in(&self, lang: crate::lang::Lang) -> &str {
        if lang == crate::lang::Lang::Nl && !self.description_nl.is_empty() {
            &self.description_nl
        } else {
            &self.description
        }
    }

    /// The date the recommendations laid on it start to be implemented:
    /// `governance.implementation_start`, or `run.start_date` when that is empty.
    pub fn implementation_start(&self) -> &str {
        match self.governance.implementation_start.trim() {
            "" => self.run.start_date.trim(),
            date => date,
        }
    }

    /// The same scenario with every value a preset fills written out (what the model uses).
    pub fn resolved(&self) -> Scenario {
        Scenario {
            criteria: self.criteria.resolved(),
            ..self.clone()
        }
    }
}

impl Default for Scenario {
    fn default() -> Self {
        Self {
            name: "leeuwarden".into(),
            description:
                "Leeuwarden baseline: AVE with advice function, VHH Fryslân, ZSM Noord-Nederland"
                    .into(),
            description_nl:
                "Leeuwarden, uitgangssituatie: AVE met adviesfunctie, Veiligheidshuis Fryslân, ZSM Noord-Nederland"
                    .into(),
            run: Run::default(),
            arrivals: Arrivals::default(),
            growth: Growth::default(),
            case: CaseMix::default(),
            dynamics: Dynamics::default(),
            wijkteam: Wijkteam::default(),
            stagnation: Stagnation::default(),
            criteria: Criteria::default(),
            overflow: Overflow::default(),
            advice: Advice::default(),
            vhh: Vhh::default(),
            ave4: Ave4::default(),
            zsm: Zsm::default(),
            link: Link::default(),
            governance: Governance::default(),
            change: Vec::new(),
            layers: Vec::new(),
        }
    }
}

/// Register rows of the top-level keys.
pub(crate) const TOP_KEYS: &[Key] = &[
    key(
        "name",
        "text",
        "scenario name; names the output folder",
        Control,
    )
    .nl(
        "naam van het scenario; geeft de uitvoermap haar naam",
        "",
        "",
    ),
    key(
        "description",
        "text",
        "one line describing the scenario",
        Control,
    )
    .nl(
        "één regel die het scenario beschrijft",
        "",
        "",
    ),
    key(
        "description_nl",
        "text",
        "the same line in Dutch, for reports in Dutch",
        Control,
    )
    .nl(
        "dezelfde regel in het Nederlands, voor rapporten in het Nederlands",
        "",
        "",
    ),
    key(
        "extends",
        "path",
        "file whose values this file overrides (relative to this file)",
        Control,
    )
    .nl(
        "bestand waarvan dit bestand de waarden overschrijft (pad ten opzichte van dit bestand)",
        "",
        "",
    ),
    key(
        "change",
        "list of changes",
        "parameters that change during the run: key, from (date), to, shape (step | ramp | decay), over_days",
        Control,
    )
    .nl(
        "parameters die tijdens de simulatie veranderen: key, from (datum), to, shape (step | ramp | decay), over_days",
        "",
        "",
    ),
];

/// Every section's key prefix and register rows, in scenario order.
pub(crate) fn sections() -> [(&'static str, &'static [Key]); 15] {
    [
        ("run", Run::KEYS),
        ("arrivals", Arrivals::KEYS),
        ("growth", Growth::KEYS),
        ("case", CaseMix::KEYS),
        ("dynamics", Dynamics::KEYS),
        ("wijkteam", Wijkteam::KEYS),
        ("stagnation", Stagnation::KEYS),
        ("criteria", Criteria::KEYS),
        ("overflow", Overflow::KEYS),
        ("advice", Advice::KEYS),
        ("vhh", Vhh::KEYS),
        ("ave4", Ave4::KEYS),
        ("zsm", Zsm::KEYS),
        ("link", Link::KEYS),
        ("governance", Governance::KEYS),
    ]
}

/// The embedded default scenario (`scenarios/leeuwarden.toml`).
pub const DEFAULT_SCENARIO: &str = include_str!("../../scenarios/leeuwarden.toml");

/// The shared base the default extends (`scenarios/base.toml`).
pub const BASE_SCENARIO: &str = include_str!("../../scenarios/base.toml");

/// How the embedded default is named in messages.
pub const DEFAULT_ORIGIN: &str = "embedded scenarios/leeuwarden.toml";

/// An embedded scenario file by name (what an embedded scenario may `extends`): the base,
/// or a region file (`../breda.toml` from an own-size overlay).
pub fn embedded(name: &str) -> Option<&'static str> {
    let file = name.strip_prefix("../").unwrap_or(name);
    match file {
        "base.toml" => Some(BASE_SCENARIO),
        _ => REGIONS
            .iter()
            .find(|(n, _)| file.strip_suffix(".toml") == Some(n))
            .map(|(_, src)| *src),
    }
}

/// The own-size overlays of `scenarios/own-size/`, embedded: (region, text). Leeuwarden has
/// none: its files are at its own size.
pub const OWN_SIZE: &[(&str, &str)] = &[
    ("breda", include_str!("../../scenarios/own-size/breda.toml")),
    (
        "groningen",
        include_str!("../../scenarios/own-size/groningen.toml"),
    ),
    (
        "hollands-midden",
        include_str!("../../scenarios/own-size/hollands-midden.toml"),
    ),
    (
        "midden-brabant",
        include_str!("../../scenarios/own-size/midden-brabant.toml"),
    ),
    (
        "midden-limburg",
        include_str!("../../scenarios/own-size/midden-limburg.toml"),
    ),
    (
        "rotterdam",
        include_str!("../../scenarios/own-size/rotterdam.toml"),
    ),
];

/// Load the embedded default with overrides.
pub fn load_default(overrides: &[Override]) -> Result<(Scenario, Params), ScenarioError> {
    load_str(DEFAULT_SCENARIO, DEFAULT_ORIGIN, None, overrides)
}

/// Load the embedded default with overrides, telling where each value was set.
pub fn load_default_traced(overrides: &[Override]) -> Result<Loaded, ScenarioError> {
    load_str_traced(DEFAULT_SCENARIO, DEFAULT_ORIGIN, None, overrides)
}

/// The recommendation files of `scenarios/recommendations/`, embedded: (file name, text).
pub const RECOMMENDATIONS: &[(&str, &str)] = &[
    (
        "01-one-system.toml",
        include_str!("../../scenarios/recommendations/01-one-system.toml"),
    ),
    (
        "02-feedback-agreements.toml",
        include_str!("../../scenarios/recommendations/02-feedback-agreements.toml"),
    ),
    (
        "03-contact-person.toml",
        include_str!("../../scenarios/recommendations/03-contact-person.toml"),
    ),
    (
        "04-operational-feedback.toml",
        include_str!("../../scenarios/recommendations/04-operational-feedback.toml"),
    ),
    (
        "05-kijkdagen.toml",
        include_str!("../../scenarios/recommendations/05-kijkdagen.toml"),
    ),
    (
        "07-criteria.toml",
        include_str!("../../scenarios/recommendations/07-criteria.toml"),
    ),
    (
        "08-advice-structured.toml",
        include_str!("../../scenarios/recommendations/08-advice-structured.toml"),
    ),
    (
        "08-advice.toml",
        include_str!("../../scenarios/recommendations/08-advice.toml"),
    ),
    (
        "09-vhh-mandate.toml",
        include_str!("../../scenarios/recommendations/09-vhh-mandate.toml"),
    ),
    (
        "exploratory-wijkteam-zsm-flag.toml",
        include_str!("../../scenarios/recommendations/exploratory-wijkteam-zsm-flag.toml"),
    ),
    (
        "lesson-leeuwarden-gcos.toml",
        include_str!("../../scenarios/recommendations/lesson-leeuwarden-gcos.toml"),
    ),
    (
        "om-check-advice.toml",
        include_str!("../../scenarios/recommendations/om-check-advice.toml"),
    ),
    (
        "package-hollands-midden.toml",
        include_str!("../../scenarios/recommendations/package-hollands-midden.toml"),
    ),
    (
        "package-midden-brabant.toml",
        include_str!("../../scenarios/recommendations/package-midden-brabant.toml"),
    ),
    (
        "package-noord-nederland.toml",
        include_str!("../../scenarios/recommendations/package-noord-nederland.toml"),
    ),
    (
        "vhh-plus-fte.toml",
        include_str!("../../scenarios/recommendations/vhh-plus-fte.toml"),
    ),
    (
        "wijkteam-plus-fte.toml",
        include_str!("../../scenarios/recommendations/wijkteam-plus-fte.toml"),
    ),
];

/// An embedded recommendation file by its file name.
pub fn embedded_recommendation(name: &str) -> Option<&'static str> {
    RECOMMENDATIONS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, src)| *src)
}

/// The seven region files of the study, embedded: (name, text). Each extends `base.toml`.
pub const REGIONS: &[(&str, &str)] = &[
    ("leeuwarden", DEFAULT_SCENARIO),
    ("breda", include_str!("../../scenarios/breda.toml")),
    ("groningen", include_str!("../../scenarios/groningen.toml")),
    (
        "hollands-midden",
        include_str!("../../scenarios/hollands-midden.toml"),
    ),
    (
        "midden-brabant",
        include_str!("../../scenarios/midden-brabant.toml"),
    ),
    (
        "midden-limburg",
        include_str!("../../scenarios/midden-limburg.toml"),
    ),
    ("rotterdam", include_str!("../../scenarios/rotterdam.toml")),
];
