//! Reading scenario files: TOML parsing, `extends` layering, `--set` overrides, and errors
//! that name the file, the key, the line and what is allowed.

use std::path::{Path, PathBuf};

use super::Scenario;
use super::compile::{Params, compile};
pub use super::error::ScenarioError;
use super::explain::explain;
pub use super::layers::{LayerInfo, LayerSource};
use super::provenance::{Lines, Provenance, SetAt, line_of, record_spans};
use super::read::read_scenario_file;
use super::timeline::timeline;
use crate::both;
use crate::lang::Text;
use crate::text::one_line;

/// One override of a scenario key from the command line (`--set`, `--vary`, `--reps`, ...).
#[derive(Debug, Clone, PartialEq)]
pub struct Override {
    /// Dotted key.
    pub key: String,
    /// The value, parsed as TOML (a bare word is taken as a string).
    pub value: toml::Value,
    /// The argument as the user typed it, with its flag (`--set growth.multiplier=3`,
    /// `--reps 0`): what messages name as the origin of the value.
    pub raw: String,
}

impl Override {
    /// An override of `key` that came from `label` (a flag as the user typed it).
    pub fn from_flag(key: &str, value: toml::Value, label: impl Into<String>) -> Self {
        Self {
            key: key.into(),
            value,
            raw: label.into(),
        }
    }

    /// Parse `key=value` as given to `--set`.
    pub fn parse(raw: &str) -> Result<Self, ScenarioError> {
        Self::parse_as("--set", raw)
    }

    /// Parse `key=value` as given to `flag`.
    pub fn parse_as(flag: &str, raw: &str) -> Result<Self, ScenarioError> {
        let origin = format!("{flag} {raw}");
        let err = |message: Text| ScenarioError {
            origin: origin.clone(),
            line: None,
            key: None,
            message,
        };
        let Some((key, value)) = raw.split_once('=') else {
            return Err(err(Text::new(
                "expected key=value, e.g. --set growth.multiplier=3",
                "verwacht sleutel=waarde, bijvoorbeeld --set growth.multiplier=3",
            )));
        };
        let key = key.trim();
        // A recommendation's name may hold a hyphen (`recommendation.contact-person.target.…`).
        let hyphen = key.starts_with("recommendation.");
        if key.is_empty()
            || key.split('.').any(|s| {
                s.is_empty()
                    || !s
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_' || (hyphen && c == '-'))
            })
        {
            return Err(err(both!(
                "`{key}` is not a dotted key like `vhh.coordinators`",
                "`{key}` is geen sleutel met punten zoals `vhh.coordinators`"
            )));
        }
        let value = value.trim();
        if value.is_empty() {
            return Err(err(both!(
                "no value given for `{key}`",
                "geen waarde gegeven voor `{key}`"
            )));
        }
        let parsed = match toml::from_str::<toml::Table>(&format!("v = {value}"))
            .ok()
            .and_then(|mut t| t.remove("v"))
        {
            Some(v) => v,
            // A number TOML cannot hold (too many digits) is a mistake, not a word.
            None if value.parse::<f64>().is_ok() => {
                return Err(err(both!(
                    "`{value}` is out of range for a number in a scenario",
                    "`{value}` is te groot of te klein voor een getal in een scenario"
                )));
            }
            None => toml::Value::String(value.to_string()),
        };
        Ok(Self {
            key: key.to_string(),
            value: parsed,
            raw: origin,
        })
    }
}

/// Merge `over` into `base`: tables merge key by key, except distribution tables
/// (those with a `dist` key), which replace the whole value.
pub(super) fn merge(base: &mut toml::Table, over: toml::Table) {
    for (k, v) in over {
        match (base.get_mut(&k), v) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) if !o.contains_key("dist") => {
                merge(b, o)
            }
            (_, v) => {
                base.insert(k, v);
            }
        }
    }
}

struct Layered {
    table: toml::Table,
    prov: Provenance,
    /// The layers laid on the scenario, in the order laid (a package's own layers first).
    layers: Vec<LayerInfo>,
    /// The `with` lists of the chain's files, deepest base first: (name, dir, origin, line).
    with: Vec<(String, Option<PathBuf>, String, Option<usize>)>,
}

/// Deepest `extends` chain: a file, its base, the base's base, ...
pub const MAX_EXTENDS_DEPTH: usize = 32;

/// One file of an `extends` chain, parsed.
pub(super) struct Layer {
    pub(super) table: toml::Table,
    pub(super) own: Provenance,
}

/// Where the next layer of a chain comes from.
enum Next {
    File(PathBuf),
    Embedded(String),
}

/// Read `first` and every base it extends, without recursion, refusing cycles and chains
/// deeper than [`MAX_EXTENDS_DEPTH`]; then layer them, the deepest base first.
fn read_chain(
    first_src: String,
    first_origin: String,
    first_dir: Option<PathBuf>,
    first_key: Option<PathBuf>,
) -> Result<Layered, ScenarioError> {
    let mut seen: Vec<PathBuf> = first_key.into_iter().collect();
    let mut layers = Vec::new();
    let mut withs = Vec::new();
    let (mut src, mut origin, mut dir) = (first_src, first_origin, first_dir);
    loop {
        let err = |line: Option<usize>, key: Option<&str>, message: Text| ScenarioError {
            origin: origin.clone(),
            line,
            key: key.map(str::to_string),
            message,
        };
        let (mut layer, extends) = parse_layer(&src, &origin)?;
        if layer.table.contains_key("recommendation") {
            let line = layer.own.find("recommendation").and_then(|at| at.line);
            return Err(err(
                line,
                Some("recommendation"),
                Text::new(
                    "this file is a layer, not a scenario: lay it on one, e.g. `avesim run scenarios/breda.toml --with` this file, or `with = [...]` in a scenario file",
                    "dit bestand is een laag, geen scenario: leg het op een scenario, bijvoorbeeld `avesim run scenarios/breda.toml --with` dit bestand, of `with = [...]` in een scenariobestand",
                ),
            ));
        }
        let line = layer.own.find("extends").and_then(|at| at.line);
        let mine: Vec<_> = super::layers::with_list(&mut layer.table, &layer.own, &origin)?
            .into_iter()
            .map(|(name, at)| (name, dir.clone(), origin.clone(), at))
            .collect();
        withs.push(mine);
        layers.push(layer);
        let Some(base) = extends else { break };
        let base = match base {
            toml::Value::String(b) => b,
            other => {
                return Err(err(
                    line,
                    Some("extends"),
                    Text::new(
                        format!("expected a file name (string), got a {}", other.type_str()),
                        format!(
                            "verwacht een bestandsnaam (tekst), gegeven een {}",
                            other.type_str()
                        ),
                    ),
                ));
            }
        };
        if layers.len() >= MAX_EXTENDS_DEPTH {
            return Err(err(
                line,
                Some("extends"),
                both!(
                    "`extends` chains more than {MAX_EXTENDS_DEPTH} files deep: layer a region on the base and a what-if on the region, not more",
                    "`extends` stapelt meer dan {MAX_EXTENDS_DEPTH} bestanden: leg een regio op de basis en een wat-als op de regio, niet meer"
                ),
            ));
        }
        let next = if dir.is_none() && super::embedded(&base).is_some() {
            // The embedded default extends the embedded base.
            Next::Embedded(base.clone())
        } else {
            Next::File(dir.as_deref().unwrap_or(Path::new(".")).join(&base))
        };
        let key = match &next {
            Next::Embedded(b) => PathBuf::from(format!("embedded:{b}")),
            Next::File(p) => p.canonicalize().unwrap_or_else(|_| p.clone()),
        };
        if seen.contains(&key) {
            let chain: Vec<String> = seen
                .iter()
                .chain(std::iter::once(&key))
                .map(|p| p.display().to_string())
                .collect();
            return Err(err(line, Some("extends"), {
                let chain = chain.join(" -> ");
                both!(
                    "`extends` forms a cycle: {chain}",
                    "`extends` vormt een kringloop: {chain}"
                )
            }));
        }
        seen.push(key);
        match next {
            Next::Embedded(b) => {
                src = super::embedded(&b).unwrap_or_default().to_string();
                origin = format!("embedded scenarios/{b}");
                dir = None;
            }
            Next::File(path) => {
                if std::fs::symlink_metadata(&path).is_err() {
                    return Err(err(line, Some("extends"), {
                        let base = path.display();
                        both!(
                            "the base scenario `{base}` does not exist (paths are relative to this file)",
                            "het basisscenario `{base}` bestaat niet (paden gelden vanaf dit bestand)"
                        )
                    }));
                }
                let base_origin = path.display().to_string();
                src = read_scenario_file(&path).map_err(|message| ScenarioError {
                    origin: base_origin.clone(),
                    line: None,
                    key: None,
                    message,
                })?;
                origin = base_origin;
                dir = path.parent().map(Path::to_path_buf);
            }
        }
    }
    let mut layered = Layered {
        table: toml::Table::new(),
        prov: Provenance::default(),
        layers: Vec::new(),
        with: withs.into_iter().rev().flatten().collect(),
    };
    for layer in layers.into_iter().rev() {
        // A file that describes itself in English only does not keep its base's Dutch
        // description (a Dutch report would name the base): an empty one falls back to the
        // English.
        let english_only =
            layer.table.contains_key("description") && !layer.table.contains_key("description_nl");
        if english_only {
            layered
                .table
                .insert("description_nl".into(), toml::Value::String(String::new()));
        }
        merge(&mut layered.table, layer.table);
        for (k, at) in layer.own.entries {
            if english_only && k == "description" {
                layered.prov.record("description_nl".into(), at.clone());
            }
            if k != "extends" && k != "with" {
                layered.prov.record(k, at);
            }
        }
    }
    Ok(layered)
}

/// Lay the chain's own `with` layers and then `extra` on the scenario.
fn lay_all(mut layered: Layered, extra: &[LayerSource]) -> Result<Layered, ScenarioError> {
    let mut sources = Vec::new();
    for (name, dir, origin, line) in std::mem::take(&mut layered.with) {
        sources.push(LayerSource::named(&name, dir.as_deref(), &origin, line)?);
    }
    sources.extend(extra.iter().cloned());
    for source in &sources {
        let mut parsed = Vec::new();
        super::layers::read(source, 0, &mut parsed)?;
        for p in parsed {
            super::layers::lay(&mut layered.table, p.table);
            for (k, at) in p.own.entries {
                layered.prov.record(k, at);
            }
            layered.layers.push(p.info);
        }
    }
    Ok(layered)
}

fn read_layers(path: &Path) -> Result<Layered, ScenarioError> {
    let origin = path.display().to_string();
    let src = read_scenario_file(path).map_err(|message| ScenarioError {
        origin: origin.clone(),
        line: None,
        key: None,
        message,
    })?;
    let key = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    read_chain(src, origin, path.parent().map(Path::to_path_buf), Some(key))
}

/// Parse one file: its table without `extends`, where each of its keys was set, and the
/// `extends` value if it has one.
pub(super) fn parse_layer(
    src: &str,
    origin: &str,
) -> Result<(Layer, Option<toml::Value>), ScenarioError> {
    let err = |line: Option<usize>, message: Text| ScenarioError {
        origin: origin.to_string(),
        line,
        key: None,
        message,
    };
    let spanned = toml::de::DeTable::parse(src).map_err(|e| {
        let line = e.span().map(|s| line_of(src, s.start));
        let text = line.map_or("", |l| Lines::new(src).text(l));
        let value = text.split_once('=').map_or("", |(_, v)| v);
        let value = value.split('#').next().unwrap_or_default();
        let point = value.trim().replace(',', ".");
        let detail = one_line(e.message().trim());
        let message = if super::explain::decimal_comma(value) {
            both!(
                "invalid TOML: {detail} (write {point} with a decimal point)",
                "ongeldige TOML: schrijf {point} met een decimale punt"
            )
        } else {
            invalid_toml(&detail)
        };
        err(line, message)
    })?;
    if spanned.get_ref().is_empty() {
        return Err(err(
            None,
            Text::new(
                "the scenario file is empty: give at least `name = \"...\"` (every other key has a default; see scenarios/leeuwarden.toml)",
                "het scenariobestand is leeg: geef minstens `name = \"...\"` (elke andere sleutel heeft een standaardwaarde; zie scenarios/leeuwarden.toml)",
            ),
        ));
    }
    let mut own = Provenance::default();
    record_spans(&Lines::new(src), origin, "", spanned.get_ref(), &mut own);
    let mut table: toml::Table =
        toml::from_str(src).map_err(|e| err(None, invalid_toml(&one_line(e.message().trim()))))?;
    let extends = table.remove("extends");
    Ok((Layer { table, own }, extends))
}

/// "invalid TOML" with the TOML reader's own detail, which is in English (and said so in
/// Dutch).
fn invalid_toml(detail: &str) -> Text {
    both!(
        "invalid TOML: {detail}",
        "ongeldige TOML (de TOML-lezer meldt in het Engels: {detail})"
    )
}

fn apply_override(
    table: &mut toml::Table,
    prov: &mut Provenance,
    o: &Override,
) -> Result<(), ScenarioError> {
    let origin = o.raw.clone();
    let parts: Vec<&str> = o.key.split('.').collect();
    let mut cur = table;
    for (i, part) in parts[..parts.len() - 1].iter().enumerate() {
        let entry = cur
            .entry(part.to_string())
            .or_insert_with(|| toml::Value::Table(toml::Table::new()));
        cur = match entry {
            toml::Value::Table(t) => t,
            _ => {
                return Err(ScenarioError {
                    origin,
                    line: None,
                    key: Some(parts[..=i].join(".")),
                    message: Text::new(
                        "is a value, not a table: it has no sub-keys",
                        "is een waarde, geen tabel: er horen geen sleutels onder",
                    ),
                });
            }
        };
    }
    let last = parts[parts.len() - 1].to_string();
    match (cur.get_mut(&last), &o.value) {
        // A table without `dist` merges key by key; a distribution replaces the old one.
        (Some(toml::Value::Table(t)), toml::Value::Table(new)) if !new.contains_key("dist") => {
            merge(t, new.clone())
        }
        _ => {
            cur.insert(last, o.value.clone());
        }
    }
    let merges = matches!(&o.value, toml::Value::Table(t) if !t.contains_key("dist"));
    let at = SetAt {
        origin,
        line: None,
        comment: None,
        merges,
    };
    prov.record(o.key.clone(), at);
    Ok(())
}

/// A loaded scenario: the values, the compiled parameters and where each value was set.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The scenario as the user wrote it, with defaults filled in.
    pub scenario: Scenario,
    /// Compiled parameters.
    pub params: Params,
    /// Where each key was set.
    pub provenance: Provenance,
    /// What the user should know about how the scenario was read (one line each).
    pub notes: Vec<Text>,
}

fn build(
    mut layered: Layered,
    overrides: &[Override],
    fallback_origin: &str,
) -> Result<Loaded, ScenarioError> {
    let mut layers = layered.layers;
    for o in overrides {
        match o.key.strip_prefix("recommendation.") {
            Some(rest) => super::targets::set(&mut layers, rest, o)?,
            None => apply_override(&mut layered.table, &mut layered.prov, o)?,
        }
    }
    super::layers::name_layered(&mut layered.table, &layers);
    let prov = layered.prov;
    let locate = |key: &str, message: Text| {
        let (origin, line) = prov
            .find(key)
            .or_else(|| prov.first_child(key))
            .map(|at| (at.origin.clone(), at.line))
            .unwrap_or_else(|| (fallback_origin.to_string(), None));
        ScenarioError {
            origin,
            line,
            key: Some(key.to_string()),
            message,
        }
    };
    let table = layered.table;
    let deserialize = |table: toml::Table| -> Result<Scenario, ScenarioError> {
        serde_path_to_error::deserialize(toml::Value::Table(table)).map_err(|e| {
            let path = e.path().to_string();
            let inner = e.into_inner();
            let (key, message) = explain(inner.message().trim(), &path);
            locate(&key, message)
        })
    };
    let marks = super::ranges::check_stated(&table, &prov, &locate)?;
    let mut scenario = deserialize(table.clone())?;
    if layers.iter().any(|l| l.recommendation.is_some()) {
        let full = match toml::Value::try_from(scenario.resolved()) {
            Ok(toml::Value::Table(t)) => t,
            _ => table.clone(),
        };
        let start = scenario.implementation_start().to_string();
        let governance = scenario.governance.clone();
        scenario.change.extend(super::layers::implementation(
            &layers,
            &full,
            &start,
            &governance,
        )?);
    }
    scenario.layers = layers;
    let mut params = compile(&scenario).map_err(|(key, message)| locate(&key, message))?;
    let mut notes = marks;
    if !scenario.change.is_empty() {
        // Every value written out, so that a change may start from a default or a preset.
        let full = match toml::Value::try_from(scenario.resolved()) {
            Ok(toml::Value::Table(t)) => t,
            _ => table,
        };
        let (timeline, beyond) = timeline(&scenario, &params, &full, &locate)?;
        params.changes = std::sync::Arc::new(timeline);
        if let Some(first) = beyond.first() {
            let (n, last) = (
                beyond.len(),
                params
                    .run
                    .date_of_day(i64::from(params.run.horizon_days) - 1),
            );
            notes.push(both!(
                "{n} of the scenario's changes fall after the run's last day ({last}) and do not take effect (the first: {first})",
                "{n} van de wijzigingen in het scenario vallen na de laatste dag van de run ({last}) en gaan niet in (de eerste: {first})"
            ));
        }
    }
    let mut prov = prov.clone();
    if scenario.layers.iter().any(|l| l.recommendation.is_some()) {
        // The changes a recommendation makes come from its layer file.
        let origins: Vec<&str> = scenario
            .layers
            .iter()
            .filter(|l| l.recommendation.is_some())
            .map(|l| l.origin.as_str())
            .collect();
        prov.record(
            "change".into(),
            SetAt {
                origin: origins.join(", "),
                line: None,
                comment: None,
                merges: false,
            },
        );
    }

    // The values a criteria preset gives: say so where they are listed.
    for k in scenario.criteria.unset() {
        prov.record(
            format!("criteria.{k}"),
            SetAt {
                origin: format!("criteria.preset = \"{}\"", scenario.criteria.preset.name()),
                line: None,
                comment: None,
                merges: false,
            },
        );
    }
    Ok(Loaded {
        scenario,
        params,
        provenance: prov,
        notes,
    })
}

/// Load, layer, override and validate a scenario file.
pub fn load_file(path: &Path, overrides: &[Override]) -> Result<(Scenario, Params), ScenarioError> {
    load_file_traced(path, overrides).map(|l| (l.scenario, l.params))
}

/// Like [`load_file`], also telling where each value was set.
pub fn load_file_traced(path: &Path, overrides: &[Override]) -> Result<Loaded, ScenarioError> {
    load_file_layered(path, &[], overrides)
}

/// Like [`load_file_traced`], with `layers` laid on the scenario after its own `with`.
pub fn load_file_layered(
    path: &Path,
    layers: &[LayerSource],
    overrides: &[Override],
) -> Result<Loaded, ScenarioError> {
    let layered = lay_all(read_layers(path)?, layers)?;
    build(layered, overrides, &path.display().to_string())
}

/// Load a scenario from text (`origin` names it in errors; `extends` is relative to `dir`).
pub fn load_str(
    src: &str,
    origin: &str,
    dir: Option<&Path>,
    overrides: &[Override],
) -> Result<(Scenario, Params), ScenarioError> {
    load_str_traced(src, origin, dir, overrides).map(|l| (l.scenario, l.params))
}

/// Like [`load_str`], also telling where each value was set.
pub fn load_str_traced(
    src: &str,
    origin: &str,
    dir: Option<&Path>,
    overrides: &[Override],
) -> Result<Loaded, ScenarioError> {
    load_str_layered(src, origin, dir, &[], overrides)
}

/// Like [`load_str_traced`], with `layers` laid on the scenario after its own `with`.
pub fn load_str_layered(
    src: &str,
    origin: &str,
    dir: Option<&Path>,
    layers: &[LayerSource],
    overrides: &[Override],
) -> Result<Loaded, ScenarioError> {
    let layered = read_chain(
        src.to_string(),
        origin.to_string(),
        dir.map(Path::to_path_buf),
        None,
    )?;
    build(lay_all(layered, layers)?, overrides, origin)
}
