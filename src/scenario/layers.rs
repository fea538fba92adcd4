//! Layers: a what-if or a recommendation laid on top of any scenario (`with = [...]` in a
//! scenario file, `--with FILE` on the command line, or by `avesim advise`).
//!
//! A layer is a scenario file without `extends`: its values merge into the scenario's (its
//! `[[change]]` entries are added to the scenario's, not put in their place), its name and
//! description are joined to the scenario's, and it may itself lay other layers (`with`), so
//! that a package is a layer of layers. A layer may carry a `[recommendation]` table: which
//! of the study's recommendations it is, the regions that lack it, how long its
//! implementation takes, and the values it reaches (`[recommendation.target]`). Those
//! values ramp from the scenario's own over the implementation period, from
//! `governance.implementation_start`; without the bestuurlijke visie of the gemeenten
//! (`needs_vision`, recommendation 6 as a precondition) or the chain's commitment around ZSM
//! (`needs_chain_commitment`) they get only `governance.reach_without_vision` of the way.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::changes::{Change, Shape, Target};
use super::error::ScenarioError;
use super::read::read_scenario_file;
use crate::both;
use crate::lang::{Lang, Text};

/// Deepest nesting of layers (a package of packages of ...).
pub const MAX_LAYER_DEPTH: usize = 4;

/// Where a layer's text comes from.
#[derive(Debug, Clone)]
pub struct LayerSource {
    /// How messages name it.
    pub origin: String,
    /// The file's text.
    pub src: String,
    /// The folder its own `with` paths are relative to (`None`: embedded, found by name).
    pub dir: Option<PathBuf>,
}

impl LayerSource {
    /// A layer file on disk.
    pub fn file(path: &Path) -> Result<Self, ScenarioError> {
        let origin = path.display().to_string();
        let src = read_scenario_file(path).map_err(|message| ScenarioError {
            origin: origin.clone(),
            line: None,
            key: None,
            message,
        })?;
        Ok(Self {
            origin,
            src,
            dir: path.parent().map(Path::to_path_buf),
        })
    }

    /// An embedded recommendation file, by its file name.
    pub fn embedded(name: &str) -> Option<Self> {
        let file = Path::new(name).file_name()?.to_str()?;
        super::embedded_recommendation(file).map(|src| Self {
            origin: format!("embedded scenarios/recommendations/{file}"),
            src: src.to_string(),
            dir: None,
        })
    }

    /// A layer named in a `with` list of a file in `dir` (or embedded when `dir` is `None`).
    pub(super) fn named(
        name: &str,
        dir: Option<&Path>,
        origin: &str,
        line: Option<usize>,
    ) -> Result<Self, ScenarioError> {
        let missing = || ScenarioError {
            origin: origin.to_string(),
            line,
            key: Some("with".into()),
            message: both!(
                "the layer `{name}` does not exist (paths are relative to this file)",
                "de laag `{name}` bestaat niet (paden gelden vanaf dit bestand)"
            ),
        };
        match dir {
            Some(dir) => {
                let path = dir.join(name);
                if std::fs::symlink_metadata(&path).is_err() {
                    // A file of scenarios/ that names a recommendation: the embedded copy.
                    return Self::embedded(name).ok_or_else(missing);
                }
                Self::file(&path)
            }
            None => Self::embedded(name).ok_or_else(missing),
        }
    }
}

/// A recommendation as a layer describes it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recommendation {
    /// A few words naming it, for tables.
    #[serde(default)]
    pub title: String,
    /// The same in Dutch.
    #[serde(default)]
    pub title_nl: String,
    /// The study's recommendation numbers it implements (§7.3), empty for a lesson or a
    /// package the study does not number.
    #[serde(default)]
    pub numbers: Vec<u32>,
    /// Evidence for the recommendation as a whole: "B" (the study proposes it for these
    /// regions) or "C" (the study does not itself propose it).
    pub grade: String,
    /// The region scenarios (their `name`, or the name of a scenario they extend) that lack
    /// it and to which `avesim advise` applies it.
    #[serde(default)]
    pub applies_to: Vec<String>,
    /// Days from the start of implementation until the target values are reached.
    #[serde(default)]
    pub implementation_days: f64,
    /// How much of the way to its targets it gets, from 0 (no effect) to 1 (the targets, the
    /// default): its own effect size as one number. The study gives a direction, not a size,
    /// so an uncertainty study draws it over 0..1 (`recommendation.NAME.effect`); it scales
    /// every ramped value from the region's own, so a draw never turns its direction.
    #[serde(default = "whole_effect")]
    pub effect: f64,
    /// Whether its ramped values need a bestuurlijke visie of the gemeenten to get all the
    /// way (`governance.vision`).
    #[serde(default)]
    pub needs_vision: bool,
    /// Whether they need bestuurlijk commitment across the chain around ZSM
    /// (`governance.chain_commitment`).
    #[serde(default)]
    pub needs_chain_commitment: bool,
    /// Full-time staff it adds (FTE), for a fair comparison of capacity options.
    #[serde(default)]
    pub fte: Option<f64>,
    /// What it should move, in the study's direction: `metric` ids prefixed by `+` (up)
    /// or `-` (down).
    #[serde(default)]
    pub moves: Vec<String>,
    /// The values it reaches at the end of the implementation period.
    #[serde(default)]
    pub target: toml::Table,
}

fn whole_effect() -> f64 {
    1.0
}

/// One layer as laid: its name, descriptions and recommendation.
#[derive(Debug, Clone, PartialEq)]
pub struct LayerInfo {
    /// How messages name its file.
    pub origin: String,
    /// Its short name.
    pub name: String,
    /// One line saying what it does.
    pub description: String,
    /// The same in Dutch.
    pub description_nl: String,
    /// 0 for a layer laid directly, 1 for one inside a package, ...
    pub depth: usize,
    /// What it says about itself as a recommendation.
    pub recommendation: Option<Recommendation>,
    /// The comment beside each target value (`key`, comment), in file order: the grade and
    /// source of each size.
    pub target_notes: Vec<(String, String)>,
}

impl LayerInfo {
    /// How far its ramped values get on a scenario with these bestuurlijke preconditions
    /// (1 when it needs none or they hold).
    pub fn reach(&self, governance: &super::Governance) -> f64 {
        let Some(r) = &self.recommendation else {
            return 1.0;
        };
        let mut reach = r.effect;
        if r.needs_vision {
            reach *= governance.reach();
        }
        if r.needs_chain_commitment {
            reach *= governance.chain_reach();
        }
        reach
    }

    /// A few words naming it in `lang`: its recommendation's title, or its name.
    pub fn title_in(&self, lang: Lang) -> &str {
        match &self.recommendation {
            Some(r) if lang == Lang::Nl && !r.title_nl.is_empty() => &r.title_nl,
            Some(r) if !r.title.is_empty() => &r.title,
            _ => &self.name,
        }
    }

    /// The description in `lang`.
    pub fn description_in(&self, lang: Lang) -> &str {
        if lang == Lang::Nl && !self.description_nl.is_empty() {
            &self.description_nl
        } else {
            &self.description
        }
    }
}

/// A parsed layer: its values (without name, description, `with`, `recommendation`),
/// where each was set, and what it says about itself.
pub(super) struct Parsed {
    pub table: toml::Table,
    pub own: super::provenance::Provenance,
    pub info: LayerInfo,
}

/// What a layer file says about itself, with the layers it lays (those first, itself last).
pub fn describe(source: &LayerSource) -> Result<Vec<LayerInfo>, ScenarioError> {
    let mut parsed = Vec::new();
    read(source, 0, &mut parsed)?;
    Ok(parsed.into_iter().map(|p| p.info).collect())
}

/// Read a layer and the layers it lays (those first), depth-first, into `out`.
pub(super) fn read(
    source: &LayerSource,
    depth: usize,
    out: &mut Vec<Parsed>,
) -> Result<(), ScenarioError> {
    let err = |line: Option<usize>, key: Option<&str>, message: Text| ScenarioError {
        origin: source.origin.clone(),
        line,
        key: key.map(str::to_string),
        message,
    };
    if depth >= MAX_LAYER_DEPTH {
        return Err(err(
            None,
            Some("with"),
            both!(
                "layers are nested more than {MAX_LAYER_DEPTH} deep (or lay each other in a circle)",
                "lagen zijn meer dan {MAX_LAYER_DEPTH} diep genest (of leggen elkaar in een kring)"
            ),
        ));
    }
    let (mut layer, extends) = super::load::parse_layer(&source.src, &source.origin)?;
    if extends.is_some() {
        let line = layer.own.find("extends").and_then(|at| at.line);
        return Err(err(
            line,
            Some("extends"),
            Text::new(
                "a layer (`with`, `--with`) does not extend a scenario: it is laid on one; remove `extends`",
                "een laag (`with`, `--with`) breidt geen scenario uit maar wordt erop gelegd; haal `extends` weg",
            ),
        ));
    }
    for (name, line) in with_list(&mut layer.table, &layer.own, &source.origin)? {
        let sub = LayerSource::named(&name, source.dir.as_deref(), &source.origin, line)?;
        read(&sub, depth + 1, out)?;
    }
    let text = |t: &mut toml::Table, k: &str| match t.remove(k) {
        Some(toml::Value::String(s)) => Ok(s),
        None => Ok(String::new()),
        Some(other) => {
            let kind = other.type_str();
            Err(err(
                layer.own.find(k).and_then(|at| at.line),
                Some(k),
                both!(
                    "expected text, got a {kind}",
                    "verwacht tekst, gegeven een {kind}"
                ),
            ))
        }
    };
    let name = text(&mut layer.table, "name")?;
    let description = text(&mut layer.table, "description")?;
    let description_nl = text(&mut layer.table, "description_nl")?;
    let recommendation = match layer.table.remove("recommendation") {
        None => None,
        Some(v) => {
            let line = layer.own.find("recommendation").and_then(|at| at.line);
            let r: Recommendation = serde_path_to_error::deserialize(v).map_err(|e| {
                let path = e.path().to_string();
                let detail = crate::text::one_line(e.into_inner().message().trim());
                err(
                    line,
                    Some(&format!("recommendation.{path}")),
                    both!(
                        "not a valid recommendation table: {detail}",
                        "geen geldige tabel voor een aanbeveling (in het Engels: {detail})"
                    ),
                )
            })?;
            if !matches!(r.grade.as_str(), "B" | "C") {
                return Err(err(
                    line,
                    Some("recommendation.grade"),
                    Text::new(
                        "grade must be \"B\" (the study proposes it) or \"C\" (it does not)",
                        "grade moet \"B\" zijn (de studie stelt het voor) of \"C\" (de studie doet dat niet)",
                    ),
                ));
            }
            if !(r.implementation_days.is_finite()
                && (0.0..=3650.0).contains(&r.implementation_days))
            {
                return Err(err(
                    line,
                    Some("recommendation.implementation_days"),
                    Text::new("allowed 0 to 3650 days", "toegestaan 0 tot 3650 dagen"),
                ));
            }
            Some(r)
        }
    };
    let mut own = layer.own;
    let mut target_notes: Vec<(usize, String, String)> = own
        .entries
        .iter()
        .filter_map(|(k, at)| {
            let key = k.strip_prefix("recommendation.target.")?;
            Some((at.line.unwrap_or(0), key.to_string(), at.comment.clone()?))
        })
        .collect();
    target_notes.sort();
    own.entries.retain(|k, _| {
        !matches!(
            k.as_str(),
            "name" | "description" | "description_nl" | "with"
        ) && !k.starts_with("recommendation")
    });
    out.push(Parsed {
        table: layer.table,
        own,
        info: LayerInfo {
            origin: source.origin.clone(),
            name,
            description,
            description_nl,
            depth,
            recommendation,
            target_notes: target_notes.into_iter().map(|(_, k, c)| (k, c)).collect(),
        },
    });
    Ok(())
}

/// Take the `with` list out of a file's table: the layer names with the line they are on.
pub(super) fn with_list(
    table: &mut toml::Table,
    own: &super::provenance::Provenance,
    origin: &str,
) -> Result<Vec<(String, Option<usize>)>, ScenarioError> {
    let Some(v) = table.remove("with") else {
        return Ok(Vec::new());
    };
    let line = own.find("with").and_then(|at| at.line);
    let bad = || ScenarioError {
        origin: origin.to_string(),
        line,
        key: Some("with".into()),
        message: Text::new(
            "expected a list of layer files, e.g. with = [\"../recommendations/07-criteria.toml\"]",
            "verwacht een lijst met laagbestanden, bijvoorbeeld with = [\"../recommendations/07-criteria.toml\"]",
        ),
    };
    let toml::Value::Array(items) = v else {
        return Err(bad());
    };
    items
        .into_iter()
        .map(|i| match i {
            toml::Value::String(s) => Ok((s, line)),
            _ => Err(bad()),
        })
        .collect()
}

/// Merge a layer's values into a scenario's table: tables key by key, `change` lists added.
pub(super) fn lay(table: &mut toml::Table, mut layer: toml::Table) {
    if let Some(toml::Value::Array(extra)) = layer.remove("change") {
        match table.get_mut("change") {
            Some(toml::Value::Array(mine)) => mine.extend(extra),
            _ => {
                table.insert("change".into(), toml::Value::Array(extra));
            }
        }
    }
    super::load::merge(table, layer);
}

/// The `[[change]]` entries that implement the recommendations of `layers` on a scenario
/// whose values (every one written out) are `full`.
pub(super) fn implementation(
    layers: &[LayerInfo],
    full: &toml::Table,
    start: &str,
    governance: &super::Governance,
) -> Result<Vec<Change>, ScenarioError> {
    let mut out = Vec::new();
    for layer in layers {
        let Some(r) = &layer.recommendation else {
            continue;
        };
        let reach = layer.reach(governance);
        let mut targets = Vec::new();
        flatten("", &r.target, &mut targets);
        for (key, to) in targets {
            let err = |message: Text| ScenarioError {
                origin: layer.origin.clone(),
                line: None,
                key: Some(format!("recommendation.target.{key}")),
                message,
            };
            let Some(before) = super::timeline::value_at(full, &key) else {
                return Err(err(both!(
                    "`{key}` is not a key of a scenario (see `avesim check`)",
                    "`{key}` is geen sleutel van een scenario (zie `avesim check`)"
                )));
            };
            let num = |v: &toml::Value| match v {
                toml::Value::Integer(i) => Some(*i as f64),
                toml::Value::Float(f) => Some(*f),
                _ => None,
            };
            // `{ close_gap = g }`: close the share g of the distance to 1 (for a share or a
            // probability), whatever the scenario's own value.
            let to = match &to {
                toml::Value::Table(t) if t.len() == 1 && t.contains_key("close_gap") => {
                    match (num(before), t.get("close_gap").and_then(num)) {
                        (Some(b), Some(g)) if (0.0..=1.0).contains(&g) => {
                            toml::Value::Float(b + g * (1.0 - b))
                        }
                        _ => {
                            return Err(err(Text::new(
                                "`close_gap` needs a number from 0 to 1, on a key whose value is a number",
                                "`close_gap` vraagt een getal van 0 tot 1, bij een sleutel waarvan de waarde een getal is",
                            )));
                        }
                    }
                }
                other => other.clone(),
            };
            let (target, shape) = match (&to, num(before), num(&to)) {
                (_, Some(b), Some(t)) => {
                    let shape = if r.implementation_days > 0.0 {
                        Shape::Ramp
                    } else {
                        Shape::Step
                    };
                    // Rounded to 12 significant digits: 0.65, not 0.6499999999999999.
                    let v = b + reach * (t - b);
                    let v = format!("{v:.12e}").parse::<f64>().unwrap_or(v);
                    (Target::Number(v), shape)
                }
                (toml::Value::Boolean(on), _, _) => (Target::Flag(*on), Shape::Step),
                (toml::Value::String(w), _, _) => (Target::Word(w.clone()), Shape::Step),
                _ => {
                    return Err(err(Text::new(
                        "the target must be of the same kind as the key's value (a number, true/false or a word)",
                        "het doel moet van dezelfde soort zijn als de waarde van de sleutel (een getal, true/false of een woord)",
                    )));
                }
            };
            out.push(Change {
                key,
                from: start.to_string(),
                to: target,
                shape,
                over_days: if shape == Shape::Ramp {
                    r.implementation_days
                } else {
                    0.0
                },
            });
        }
    }
    Ok(out)
}

/// `a.b.c = v` for every value of a nested table.
fn flatten(prefix: &str, t: &toml::Table, out: &mut Vec<(String, toml::Value)>) {
    for (k, v) in t {
        let key = if prefix.is_empty() {
            k.clone()
        } else {
            format!("{prefix}.{k}")
        };
        match v {
            toml::Value::Table(inner)
                if !inner.contains_key("dist") && !inner.contains_key("close_gap") =>
            {
                flatten(&key, inner, out)
            }
            other => out.push((key, other.clone())),
        }
    }
}

/// A layered scenario is named after the scenario and its layers (`breda.criteria`), and
/// described by both.
pub(super) fn name_layered(table: &mut toml::Table, layers: &[LayerInfo]) {
    let top: Vec<&LayerInfo> = layers.iter().filter(|l| l.depth == 0).collect();
    if top.is_empty() {
        return;
    }
    let text =
        |t: &toml::Table, k: &str| t.get(k).and_then(|v| v.as_str()).unwrap_or("").to_string();
    let mut name = text(table, "name");
    let (mut en, mut nl) = (text(table, "description"), text(table, "description_nl"));
    if nl.is_empty() {
        nl = en.clone();
    }
    for l in top {
        if !l.name.is_empty() {
            name = format!("{name}.{}", l.name);
        }
        if !l.description.is_empty() {
            en = format!("{en} + {}", l.description);
            nl = format!("{nl} + {}", l.description_in(Lang::Nl));
        }
    }
    table.insert("name".into(), toml::Value::String(name));
    table.insert("description".into(), toml::Value::String(en));
    table.insert("description_nl".into(), toml::Value::String(nl));
}

/// One line per layer laid on a scenario (packages' parts included), in `lang`: what it is,
/// its file, when its implementation starts, how long it takes and how far its values get.
pub fn describe_laid(scenario: &super::Scenario, lang: Lang) -> Vec<String> {
    let start = scenario.implementation_start();
    scenario
        .layers
        .iter()
        .map(|l| {
            let origin = match lang {
                Lang::Nl => l.origin.replacen("embedded ", "ingebouwd: ", 1),
                Lang::En => l.origin.clone(),
            };
            let what = l.description_in(lang);
            match &l.recommendation {
                Some(r) if !r.target.is_empty() => {
                    let g = &scenario.governance;
                    let (days, pct) = (r.implementation_days, (l.reach(g) * 100.0).round());
                    let mut missing_en = Vec::new();
                    let mut missing_nl = Vec::new();
                    if r.needs_vision && !g.vision {
                        missing_en.push("no bestuurlijke visie (governance.vision)");
                        missing_nl.push("geen bestuurlijke visie (governance.vision)");
                    }
                    if r.needs_chain_commitment && !g.chain_commitment {
                        missing_en.push("no commitment in the chain around ZSM (governance.chain_commitment)");
                        missing_nl.push("geen commitment in de keten rond ZSM (governance.chain_commitment)");
                    }
                    let (why_en, why_nl) = if missing_en.is_empty() {
                        (String::new(), String::new())
                    } else {
                        (
                            format!(", because: {}", missing_en.join(", ")),
                            format!(", omdat: {}", missing_nl.join(", ")),
                        )
                    };
                    // Its own effect size: one assumption, drawn over 0..1 by `sensitivity
                    // --versus` and `--uncertain`.
                    let (key, effect) = (format!("recommendation.{}.effect", l.name), r.effect);
                    lang.pick(
                        format!("{what} ({origin}): from {start}, over {days} days, its values get {pct}% of the way to their targets{why_en}; its own effect {key} = {effect} [C] (1: the targets, 0: none; sensitivity --versus and --uncertain draw it over 0..1, --set {key}=E sets it)"),
                        format!("{what} ({origin}): vanaf {start} leggen de waarden in {days} dagen {pct}% van de weg naar hun doelwaarden af{why_nl}; het eigen effect {key} = {effect} [C] (1: de doelwaarden, 0: geen effect; sensitivity --versus en --uncertain trekken het uit 0..1, met --set {key}=E stelt u het in)"),
                    )
                }
                _ => format!("{what} ({origin})"),
            }
        })
        .collect()
}
