//! The commands behind the command line — run, sweep, compare, bench — as library
//! functions. Each loads its scenarios, runs them, writes a complete result folder and
//! returns what a front end reports. They print nothing; errors say whether the input or
//! avesim is at fault. This module holds what they share: errors, options, loading, the
//! result folder and the up-front refusal of jobs that would take too long.

mod advise;
mod animate;
mod bench;
mod compare;
mod ranges;
mod run;
mod sensitivity;
mod shard;
mod story;
mod sweep;
pub(crate) mod uncertain;

pub use crate::experiment::sweep::AlarmFinding;
pub use advise::{AdviseOutcome, AdviseRequest, advise};
pub use animate::{AnimateOutcome, AnimateRequest, animate};
pub use bench::bench;
pub use compare::{CompareOutcome, run_compare};
pub use ranges::check_ranges;
pub use run::{RunOutcome, run};
pub use sensitivity::{SensitivityOutcome, SensitivityRequest, sensitivity};
pub use shard::{
    Merged, SCHEDULER_VARIABLES, ShardSpec, Split, command_without_shard, read_shards, shard_lang,
    shard_written_line,
};
pub use story::{Setups, StoryOutcome, StoryRequest, story};
pub use sweep::{SweepOutcome, run_sweep};
pub use uncertain::{Judged, UncertainOutcome, UncertainRequest, reading_words, run_uncertain};

use std::path::{Path, PathBuf};

use crate::both;
use crate::experiment::{self, RunError, RunOptions};
use crate::interrupt::Interrupted;
use crate::lang::{Lang, Text};
use crate::output::ResultDir;
use crate::output::resultdir::ResultDirError;
use crate::scenario::{self, Loaded, Override, Params, ScenarioError};

/// Why a command failed.
#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    /// Bad input the user can fix (exit code 2).
    #[error("{0}")]
    Input(Text),
    /// Something failed inside avesim or the file system (exit code 1).
    #[error("{0}")]
    Internal(String),
    /// Not a failure: the command ran one shard (`--shard K/N`), wrote it to `path` and
    /// stops there; `avesim merge` finishes it (exit code 0).
    #[error("shard {k} of {n} written to {}", .path.display())]
    ShardWritten {
        /// The shard's folder.
        path: PathBuf,
        /// This shard.
        k: u32,
        /// Number of shards.
        n: u32,
        /// Replications it ran.
        jobs: usize,
        /// Replications in the whole study.
        jobs_total: usize,
    },
    /// Stopped on request; the unfinished results in `out` were removed.
    #[error("stopped by {}: the unfinished results were removed and nothing was written to {}", .by.name(), .out.display())]
    Interrupted {
        /// The signal.
        by: Interrupted,
        /// The result folder that was not written.
        out: PathBuf,
    },
}

impl CommandError {
    /// The message in `lang` (an internal error keeps its technical English detail).
    pub fn in_lang(&self, lang: Lang) -> String {
        match self {
            CommandError::Input(t) => t.get(lang).to_string(),
            CommandError::Internal(s) => s.clone(),
            CommandError::ShardWritten {
                path,
                k,
                n,
                jobs,
                jobs_total,
            } => shard::shard_written_line(lang, path, *k, *n, *jobs, *jobs_total),
            CommandError::Interrupted { by, out } => {
                let (by, out) = (by.name(), out.display());
                lang.pick(
                    format!("stopped by {by}: the unfinished results were removed and nothing was written to {out}"),
                    format!("gestopt door {by}: de onvoltooide resultaten zijn verwijderd en er is niets geschreven naar {out}"),
                )
            }
        }
    }

    /// The process exit code: 2 for input the user can fix, 128 + signal when stopped, 1
    /// otherwise.
    pub fn exit_code(&self) -> u8 {
        match self {
            CommandError::Input(_) => 2,
            CommandError::Internal(_) => 1,
            CommandError::ShardWritten { .. } => 0,
            CommandError::Interrupted { by, .. } => by.exit_code(),
        }
    }
}

/// A run error, naming the result folder that was not written when it was a stop.
pub(crate) fn run_err(e: RunError, dir: &ResultDir) -> CommandError {
    run_err_at(e, dir.dest())
}

/// A run error, naming `dest` as the folder that was not written when it was a stop (for a
/// command that simulates before it makes its result folder).
pub(crate) fn run_err_at(e: RunError, dest: &Path) -> CommandError {
    match e {
        RunError::Interrupted(by) => CommandError::Interrupted {
            by,
            out: dest.to_path_buf(),
        },
        other => internal(other),
    }
}

/// Stop before the results are moved into place if a stop was asked for meanwhile.
pub(crate) fn commit(dir: ResultDir, common: &Common) -> Result<PathBuf, CommandError> {
    if let Err(e) = experiment::check_interrupt() {
        return Err(run_err(e, &dir));
    }
    let done = dir.commit().map_err(dir_err)?;
    if let Some(notice) = common.notice {
        done.notes
            .iter()
            .for_each(|n| notice(common.lang, n.get(common.lang)));
    }
    Ok(done.path)
}

pub(crate) fn dir_err(e: ResultDirError) -> CommandError {
    match e {
        ResultDirError::Refused(msg) => CommandError::Input(msg),
        other => internal(other),
    }
}

impl From<ScenarioError> for CommandError {
    fn from(e: ScenarioError) -> Self {
        CommandError::Input(e.text())
    }
}

pub(crate) fn internal(e: impl std::fmt::Display) -> CommandError {
    let text = e.to_string();
    // A full disk is not avesim's fault, and the user can do something about it.
    let full = [
        "(os error 28)",
        "(os error 122)",
        "No space left",
        "not enough space",
    ]
    .iter()
    .any(|s| text.contains(s));
    if full {
        CommandError::Input(Text::new(
            "there is not enough disk space to write the results; free some space or choose another --out",
            "er is niet genoeg schijfruimte om de resultaten te schrijven; maak ruimte vrij of kies een andere --out",
        ))
    } else {
        CommandError::Internal(text)
    }
}

/// Options every simulating command takes.
#[derive(Debug, Clone, Default)]
pub struct Common {
    /// Output folder (default: a folder under `output/` named after the scenario).
    pub out: Option<PathBuf>,
    /// Replications (overrides `run.replications`).
    pub reps: Option<u32>,
    /// Master seed (overrides `run.seed`).
    pub seed: Option<u64>,
    /// Worker threads (0 = all cores).
    pub threads: Option<u32>,
    /// `key=value` overrides.
    pub sets: Vec<String>,
    /// Replace an existing output folder.
    pub force: bool,
    /// Show a progress bar (on a terminal).
    pub progress: bool,
    /// Draw charts (and, for a run, the report).
    pub charts: bool,
    /// Run even when the estimate says it takes more than an hour.
    pub allow_long: bool,
    /// Where to tell the user what was cleaned up from earlier stopped runs (in the
    /// language given).
    pub notice: Option<fn(Lang, &str)>,
    /// The language of the report, the charts and the tables.
    pub lang: crate::lang::Lang,
    /// `metric>value` alarms of a run, checked year by year (empty: the defaults).
    pub alarms: Vec<String>,
    /// Layer files laid on the scenario (`--with`), after its own `with`.
    pub with: Vec<PathBuf>,
    /// Run whole, one shard (`--shard K/N`), or from merged shards (`avesim merge`).
    pub split: Split,
}

impl Common {
    pub(crate) fn options(&self) -> RunOptions {
        RunOptions {
            threads: self.threads.map(|t| t as usize),
            progress: self.progress,
            lang: self.lang,
        }
    }
}

/// Load a scenario file (or the embedded default) with `--set` and other overrides; also
/// returns how the source is named.
pub fn load(
    path: Option<&Path>,
    sets: &[String],
    extra: Vec<Override>,
) -> Result<(Loaded, String), CommandError> {
    load_with(path, &[], sets, extra)
}

/// Like [`load`], with layer files (`--with`) laid on the scenario.
pub fn load_with(
    path: Option<&Path>,
    with: &[PathBuf],
    sets: &[String],
    extra: Vec<Override>,
) -> Result<(Loaded, String), CommandError> {
    let mut overrides = sets
        .iter()
        .map(|s| Override::parse(s))
        .collect::<Result<Vec<_>, _>>()?;
    overrides.extend(extra);
    let layers = with
        .iter()
        .map(|p| {
            if std::fs::symlink_metadata(p).is_err() {
                // A built-in recommendation by its name (`criteria`) or file (`07-criteria`).
                if let Some(source) = builtin_layer(p) {
                    return Ok(source);
                }
                let shown = p.display();
                return Err(CommandError::Input(both!(
                    "--with {shown}: no such layer file, and no built-in recommendation of that name (see scenarios/recommendations/, e.g. --with criteria)",
                    "--with {shown}: zo'n laagbestand bestaat niet, en er is geen ingebouwde aanbeveling met die naam (zie scenarios/recommendations/, bijvoorbeeld --with criteria)"
                )));
            }
            Ok(scenario::LayerSource::file(p)?)
        })
        .collect::<Result<Vec<_>, _>>()?;
    // A region of the study by its name (`breda`, `Breda`), when no such file exists; a bare
    // name that is neither gets the list of regions.
    if let Some(given) = path
        .filter(|p| std::fs::symlink_metadata(p).is_err())
        .and_then(|p| p.to_str())
        .filter(|n| !n.contains('/'))
    {
        let name = given.trim_end_matches(".toml").to_lowercase();
        if scenario::REGIONS.iter().any(|(r, _)| *r == name)
            && let Some(region) = Region::named(&name, "scenarios", scenario::REGIONS)
        {
            return Ok((region.load(&layers, &overrides)?, region.origin()));
        }
        let regions = scenario::REGIONS
            .iter()
            .map(|(r, _)| *r)
            .collect::<Vec<_>>()
            .join(", ");
        return Err(CommandError::Input(both!(
            "{given}: no such file, and no region of the study has that name: {regions} (or give the path of a .toml file)",
            "{given}: zo'n bestand bestaat niet, en geen regio uit de studie heet zo: {regions} (of geef het pad van een .toml-bestand)"
        )));
    }
    let loaded = match path {
        Some(path) => (
            scenario::load_file_layered(path, &layers, &overrides)?,
            path.display().to_string(),
        ),
        None => (
            scenario::load_str_layered(
                scenario::DEFAULT_SCENARIO,
                scenario::DEFAULT_ORIGIN,
                None,
                &layers,
                &overrides,
            )?,
            scenario::DEFAULT_ORIGIN.to_string(),
        ),
    };
    Ok(loaded)
}

/// A built-in recommendation named by its layer name or its file name (with or without
/// `.toml`).
fn builtin_layer(p: &Path) -> Option<scenario::LayerSource> {
    let name = p.to_str()?.trim_end_matches(".toml");
    if name.contains('/') {
        return None;
    }
    scenario::RECOMMENDATIONS.iter().find_map(|(file, _)| {
        let source = scenario::LayerSource::embedded(file)?;
        let stem = file.trim_end_matches(".toml");
        let named = scenario::layers::describe(&source)
            .ok()
            .and_then(|parts| parts.last().map(|l| l.name == name))
            .unwrap_or(false);
        (stem == name || named).then_some(source)
    })
}

/// A scenario a command loads: a file, or an embedded one with how messages name it.
pub(crate) enum Region {
    File(PathBuf),
    Embedded(&'static str, String),
}

impl Region {
    /// `DIR/NAME.toml` here if it exists, else the embedded file of that name in `list`.
    pub(crate) fn named(name: &str, dir: &str, list: &[(&str, &'static str)]) -> Option<Self> {
        let local = Path::new(dir).join(format!("{name}.toml"));
        if local.is_file() {
            return Some(Region::File(local));
        }
        list.iter()
            .find(|(n, _)| *n == name)
            .map(|(n, src)| Region::Embedded(src, format!("embedded {dir}/{n}.toml")))
    }

    /// How messages name it.
    pub(crate) fn origin(&self) -> String {
        match self {
            Region::File(path) => path.display().to_string(),
            Region::Embedded(_, origin) => origin.clone(),
        }
    }

    /// Load it with `layers` laid on and `overrides` applied.
    pub(crate) fn load(
        &self,
        layers: &[scenario::LayerSource],
        overrides: &[Override],
    ) -> Result<Loaded, CommandError> {
        Ok(match self {
            Region::File(path) => scenario::load_file_layered(path, layers, overrides)?,
            Region::Embedded(src, origin) => {
                scenario::load_str_layered(src, origin, None, layers, overrides)?
            }
        })
    }
}

/// Say on stderr what the user should know about how a scenario was read.
pub fn say_notes(loaded: &Loaded, lang: Lang) {
    for note in &loaded.notes {
        eprintln!(
            "{}: {}",
            lang.pick("note", "let op"),
            crate::text::one_line(note.get(lang))
        );
    }
}

/// Give scenarios that share a name distinct ones (`name-2`, `name-3`, in the order given),
/// so that no two rows of a comparison carry the same label, and say so.
pub(crate) fn distinct_names(loaded: &mut [Loaded], lang: Lang) {
    let mut seen: Vec<String> = Vec::new();
    for (i, l) in loaded.iter_mut().enumerate() {
        let name = l.scenario.name.clone();
        let mut k = 1;
        let mut shown = name.clone();
        while seen.contains(&shown) {
            k += 1;
            shown = format!("{name}-{k}");
        }
        if shown != name {
            eprintln!(
                "{}: {}",
                lang.pick("note", "let op"),
                lang.pick(
                    format!("scenario {} is also called {name}; this comparison shows it as {shown} (give it a `name` of its own)", i + 1),
                    format!("scenario {} heet ook {name}; deze vergelijking toont het als {shown} (geef het een eigen `name`)", i + 1),
                )
            );
            l.scenario.name = shown.clone();
        }
        seen.push(shown);
    }
}

/// An override that a command-line flag makes (`--reps 30` sets `run.replications`).
pub(crate) fn flag_override(key: &str, value: toml::Value, label: String) -> Override {
    Override::from_flag(key, value, label)
}

/// `--reps` and `--seed` as overrides.
pub(crate) fn flag_overrides(common: &Common) -> Result<Vec<Override>, CommandError> {
    let mut extra = Vec::new();
    if let Some(r) = common.reps {
        extra.push(flag_override(
            "run.replications",
            toml::Value::Integer(i64::from(r)),
            format!("--reps {r}"),
        ));
    }
    if let Some(s) = common.seed {
        let v = i64::try_from(s).map_err(|_| {
            let most = i64::MAX;
            CommandError::Input(both!(
                "--seed {s} is too large: allowed up to {most}",
                "--seed {s} is te groot: toegestaan tot {most}"
            ))
        })?;
        extra.push(flag_override(
            "run.seed",
            toml::Value::Integer(v),
            format!("--seed {s}"),
        ));
    }
    Ok(extra)
}

/// Prepare the result folder: `out`, or `output/<default>`; refuse an existing one unless
/// `force` (and then only one avesim wrote, unchanged); tell what was cleaned up.
pub(crate) fn result_dir(common: &Common, default: String) -> Result<ResultDir, CommandError> {
    let default = match &common.split {
        Split::Shard(s) => format!("{default}-shard-{}-of-{}", s.k, s.n),
        _ => default,
    };
    let dest = common
        .out
        .clone()
        .unwrap_or_else(|| Path::new("output").join(default));
    let dir = ResultDir::create(&dest, common.force).map_err(dir_err)?;
    if let Some(notice) = common.notice {
        dir.notes()
            .iter()
            .for_each(|n| notice(common.lang, n.get(common.lang)));
    }
    Ok(dir)
}

/// Run loaded scenarios on common random numbers in one pool (quietly: no series): whole, as
/// one shard, or from merged shards ([`Split`]).
pub(crate) fn run_loaded(
    loaded: &[Loaded],
    common: &Common,
    label: Text,
    dir: &ResultDir,
) -> Result<shard::Ran, CommandError> {
    let points: Vec<(&scenario::Scenario, &Params)> =
        loaded.iter().map(|l| (&l.scenario, &l.params)).collect();
    shard::run_points(&points, common, false, label.get(common.lang), dir)
}

/// The results of a study run whole (or merged), with its folder back; a shard is written
/// and ends the command ([`CommandError::ShardWritten`]).
pub(crate) fn whole_or_shard(
    ran: shard::Ran,
    dir: ResultDir,
    common: &Common,
) -> Result<(Vec<experiment::RunResults>, ResultDir), CommandError> {
    match ran {
        shard::Ran::Whole(results) => Ok((results, dir)),
        shard::Ran::Part(part) => Err(shard::finish_shard(dir, part, common)),
    }
}

/// Refuse up front a request that would take more than an hour, unless `--allow-long`.
pub(crate) fn refuse_if_too_long(
    params: &[&Params],
    threads: usize,
    what: Text,
    common: &Common,
) -> Result<(), CommandError> {
    let share = match &common.split {
        Split::Whole => 1.0,
        Split::Shard(s) => 1.0 / f64::from(s.n),
        // Nothing is simulated.
        Split::Merge(_) => return Ok(()),
    };
    if common.allow_long {
        return Ok(());
    }
    let mut est = experiment::sweep::estimate(params, threads);
    est.seconds *= share;
    if est.seconds > experiment::sweep::MAX_SECONDS {
        let reps = params.first().map_or(0, |p| p.run.replications);
        let fewer = (f64::from(reps) / (est.seconds / experiment::sweep::MAX_SECONDS).ceil())
            .floor() as u32;
        let jobs: u32 = params.iter().map(|p| p.run.replications).sum();
        let used = threads.min(jobs.max(1) as usize);
        let text = |lang: Lang| {
            let mut ways = Vec::new();
            if params.len() > 1 {
                ways.push(lang.pick("fewer points", "minder punten").to_string());
            }
            if fewer >= 2 {
                ways.push(lang.pick(
                    format!("fewer replications (e.g. --reps {fewer})"),
                    format!("minder herhalingen (bijvoorbeeld --reps {fewer})"),
                ));
            }
            ways.push(
                lang.pick("a shorter run.horizon_days", "een kortere run.horizon_days")
                    .to_string(),
            );
            let (events, took, ways) = (
                format!("{:.1e}", est.events),
                duration_words(est.seconds, lang),
                ways.join(", "),
            );
            let what = what.get(lang);
            lang.pick(
                format!(
                    "this {what} would process about {events} events, roughly {took} on {used} thread{}: more than an hour. Use {ways}, or add --allow-long to run it anyway",
                    if used == 1 { "" } else { "s" }
                ),
                format!(
                    "deze {what} zou ongeveer {events} gebeurtenissen verwerken, grofweg {took} op {used} thread{}: meer dan een uur. Gebruik {ways}, of voeg --allow-long toe om toch te draaien",
                    if used == 1 { "" } else { "s" }
                ),
            )
        };
        return Err(CommandError::Input(Text::new(
            text(Lang::En),
            text(Lang::Nl),
        )));
    }
    Ok(())
}

/// "95 minutes", "40 hours", "3.2e4 days": an estimate in words.
fn duration_words(seconds: f64, lang: Lang) -> String {
    let minutes = seconds / 60.0;
    if minutes < 180.0 {
        format!("{minutes:.0} {}", lang.pick("minutes", "minuten"))
    } else if minutes < 72.0 * 60.0 {
        format!("{:.0} {}", minutes / 60.0, lang.pick("hours", "uur"))
    } else {
        format!(
            "{} {}",
            crate::format::message((minutes / 1440.0).round()),
            lang.pick("days", "dagen")
        )
    }
}

/// The "about" rows of a sweep's or comparison's workbook: each scenario with its
/// description, run control, the changes and the version.
pub(crate) fn study_about(
    lang: Lang,
    loaded: &[&Loaded],
    varied: &[String],
    sets: &[String],
) -> Vec<(String, String)> {
    let t = |en: &str, nl: &str| lang.pick(en, nl).to_string();
    let mut rows: Vec<(String, String)> = loaded
        .iter()
        .map(|l| {
            let s = &l.scenario;
            let d = s.description_in(lang);
            (t("scenario", "scenario"), format!("{}: {d}", s.name))
        })
        .collect();
    if let Some(first) = loaded.first() {
        let run = &first.params.run;
        rows.push(("seed".into(), run.seed.to_string()));
        rows.push((
            t("replications", "herhalingen"),
            run.replications.to_string(),
        ));
        rows.push((
            t("days per replication", "dagen per herhaling"),
            run.horizon_days.to_string(),
        ));
        rows.push((
            t("of which warm-up", "waarvan inloopperiode"),
            run.warmup_days.to_string(),
        ));
    }
    if !varied.is_empty() {
        rows.push((
            t("varied with --vary", "gevarieerd met --vary"),
            varied.join(", "),
        ));
    }
    rows.push((
        t("changed with --set", "gewijzigd met --set"),
        sets.join(", "),
    ));
    rows.push(("avesim".into(), env!("CARGO_PKG_VERSION").to_string()));
    rows
}

/// The facts of a sweep or comparison for `run.json`.
#[derive(serde::Serialize)]
pub(crate) struct StudyFacts<'a> {
    pub(crate) avesim_version: &'static str,
    pub(crate) kind: &'static str,
    pub(crate) scenarios: Vec<&'a str>,
    pub(crate) varied: Vec<String>,
    pub(crate) seed: u64,
    pub(crate) replications: u32,
    pub(crate) points: usize,
    pub(crate) threads: usize,
    pub(crate) events: u64,
    pub(crate) wall_s: f64,
}
