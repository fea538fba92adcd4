//! `avesim advise REGION`: every recommendation that applies to a region against the region
//! as it is, on common random numbers, measured after the implementation period; ranked per
//! metric, each difference labelled real or noise, and once more under the other assumption
//! about a bestuurlijke visie.

use std::path::{Path, PathBuf};
use std::time::Instant;

use super::{
    CommandError, Common, Region, StudyFacts, commit, flag_override, flag_overrides, internal,
    refuse_if_too_long, result_dir, run_err, study_about,
};
use crate::both;
use crate::experiment;
use crate::experiment::advise::{
    self, Advice, Advised, DEFAULT_METRICS, Doubt, DoubtCell, Place, Step,
};
use crate::experiment::compare::{Difference, differences};
use crate::lang::{Lang, Text};
use crate::model::metrics::Metric;
use crate::output::{charts, files, report, study};
use crate::scenario::layers::describe;
use crate::scenario::{self, LayerInfo, LayerSource, Loaded, Override, Params, Scenario};

/// What to advise on.
#[derive(Debug, Clone, Default)]
pub struct AdviseRequest {
    /// A region's name (`breda`) or a scenario file.
    pub region: String,
    /// Metric ids to rank by, the first orders the table (empty: the defaults).
    pub metrics: Vec<String>,
    /// Every recommendation, not only those that name the region.
    pub all: bool,
    /// Only these recommendations (layer names), if any.
    pub only: Vec<String>,
    /// A folder of recommendation files instead of the embedded ones.
    pub recommendations: Option<PathBuf>,
    /// At the region's own size (`scenarios/own-size/REGION.toml`), not the shared population.
    pub own_size: bool,
    /// Also judge each recommendation on this many draws of the assumptions (`--uncertain`).
    pub uncertain: Option<usize>,
    /// Replications per scenario per draw.
    pub draw_reps: u32,
}

/// What an advice produced: the advice and its result folder.
pub struct AdviseOutcome {
    /// The advice.
    pub advice: Advice,
    /// The result folder.
    pub path: PathBuf,
}

fn region_of(name: &str, own_size: bool) -> Result<Region, CommandError> {
    if own_size {
        if name == "leeuwarden" {
            return region_of(name, false);
        }
        return Region::named(name, "scenarios/own-size", scenario::OWN_SIZE).ok_or_else(|| {
            CommandError::Input(both!(
                "--own-size needs a region of the study by name (breda, groningen, hollands-midden, midden-brabant, midden-limburg, rotterdam; leeuwarden is at its own size already), not `{name}`",
                "--own-size vraagt een regio uit de studie bij naam (breda, groningen, hollands-midden, midden-brabant, midden-limburg, rotterdam; leeuwarden staat al op eigen schaal), niet `{name}`"
            ))
        });
    }
    let path = Path::new(name);
    if path.extension().is_some_and(|e| e == "toml") || path.components().count() > 1 {
        if std::fs::symlink_metadata(path).is_err() {
            return Err(CommandError::Input(both!(
                "the scenario file `{name}` does not exist",
                "het scenariobestand `{name}` bestaat niet"
            )));
        }
        return Ok(Region::File(path.to_path_buf()));
    }
    Region::named(name, "scenarios", scenario::REGIONS).ok_or_else(|| {
        let known = scenario::REGIONS
            .iter()
            .map(|(n, _)| *n)
            .collect::<Vec<_>>()
            .join(", ");
        CommandError::Input(both!(
            "`{name}` is not a region of the study ({known}) nor a scenario file",
            "`{name}` is geen regio uit de studie ({known}) en geen scenariobestand"
        ))
    })
}

/// The recommendation files: those of `dir`, or the embedded ones.
fn sources(dir: Option<&Path>) -> Result<Vec<LayerSource>, CommandError> {
    let Some(dir) = dir else {
        return Ok(scenario::RECOMMENDATIONS
            .iter()
            .filter_map(|(name, _)| LayerSource::embedded(name))
            .collect());
    };
    let shown = dir.display().to_string();
    let entries = std::fs::read_dir(dir).map_err(|e| {
        CommandError::Input(both!(
            "cannot read the folder of recommendations `{shown}`: {e}",
            "kan de map met aanbevelingen `{shown}` niet lezen: {e}"
        ))
    })?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| LayerSource::file(p).map_err(CommandError::from))
        .collect()
}

/// The metrics named, or the defaults.
fn metrics_of(names: &[String]) -> Result<Vec<Metric>, CommandError> {
    if names.is_empty() {
        return Ok(DEFAULT_METRICS.to_vec());
    }
    names
        .iter()
        .flat_map(|n| n.split(','))
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(|n| {
            Metric::from_name(n).ok_or_else(|| {
                let known = Metric::all()
                    .map(Metric::name)
                    .collect::<Vec<_>>()
                    .join(", ");
                match Metric::closest(n).map(Metric::name) {
                    Some(guess) => CommandError::Input(both!(
                        "--metrics: `{n}` is not a metric; did you mean `{guess}`? All: {known}",
                        "--metrics: `{n}` is geen maat; bedoelt u `{guess}`? Alle: {known}"
                    )),
                    None => CommandError::Input(both!(
                        "--metrics: `{n}` is not a metric; known: {known}",
                        "--metrics: `{n}` is geen maat; bekend zijn: {known}"
                    )),
                }
            })
        })
        .collect()
}

/// Run every recommendation that applies to a region against the region as it is.
pub fn advise(request: &AdviseRequest, common: &Common) -> Result<AdviseOutcome, CommandError> {
    let lang = common.lang;
    let metrics = metrics_of(&request.metrics)?;
    let region = region_of(&request.region, request.own_size)?;
    let mut overrides = common
        .sets
        .iter()
        .map(|s| Override::parse(s))
        .collect::<Result<Vec<_>, _>>()?;
    overrides.extend(flag_overrides(common)?);
    let plain = region.load(&[], &overrides)?;
    let name = plain.scenario.name.clone();
    let vision = plain.scenario.governance.vision;

    // The recommendations that apply, as their files describe them. `--only` takes a layer's
    // name or its file name (`criteria`, `07-criteria`, `07-criteria.toml`).
    let only: Vec<String> = request
        .only
        .iter()
        .flat_map(|o| o.split(','))
        .map(|o| o.trim().trim_end_matches(".toml").to_string())
        .filter(|o| !o.is_empty())
        .collect();
    let mut chosen: Vec<(LayerSource, Vec<LayerInfo>)> = Vec::new();
    let mut known: Vec<(String, String)> = Vec::new();
    let mut not_for_region = Vec::new();
    for source in sources(request.recommendations.as_deref())? {
        let parts = describe(&source)?;
        let Some(top) = parts.last() else { continue };
        let Some(r) = &top.recommendation else {
            continue;
        };
        let stem = Path::new(&source.origin)
            .file_stem()
            .map_or(String::new(), |s| s.to_string_lossy().into_owned());
        known.push((top.name.clone(), stem.clone()));
        let applies = advise::applies(&r.applies_to, &name);
        let wanted = if only.is_empty() {
            request.all || applies
        } else {
            only.iter().any(|o| *o == top.name || *o == stem)
        };
        if wanted {
            if !applies && !request.all {
                not_for_region.push(top.name.clone());
            }
            chosen.push((source, parts));
        }
    }
    let unknown: Vec<&String> = only
        .iter()
        .filter(|o| !known.iter().any(|(n, s)| n == *o || s == *o))
        .collect();
    if let Some(first) = unknown.first() {
        let names = known
            .iter()
            .map(|(n, _)| n.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        return Err(CommandError::Input(both!(
            "--only {first}: no recommendation has that name; the names are {names} (a file name such as 07-criteria also works)",
            "--only {first}: geen aanbeveling heeft die naam; de namen zijn {names} (een bestandsnaam zoals 07-criteria werkt ook)"
        )));
    }
    if chosen.is_empty() {
        return Err(CommandError::Input(both!(
            "no recommendation of the study names `{name}`: add --all to try every one, or --only NAME for one",
            "geen aanbeveling uit de studie noemt `{name}`: voeg --all toe om ze allemaal te proberen, of --only NAAM voor één"
        )));
    }

    // Measure after the longest implementation: lengthen the warm-up by it and start every
    // implementation on the run's first day.
    let longest = chosen
        .iter()
        .flat_map(|(_, parts)| parts.iter())
        .filter_map(|l| l.recommendation.as_ref())
        .map(|r| r.implementation_days)
        .fold(0.0, f64::max)
        .ceil() as u32;
    let run = &plain.params.run;
    let warmup = run.warmup_days + longest;
    let origin = run
        .start_date
        .checked_sub(jiff::Span::new().days(i64::from(warmup)))
        .map_err(internal)?;
    let label = |what: &str| format!("avesim advise ({what})");
    let mut run_control = overrides.clone();
    run_control.extend([
        flag_override(
            "run.warmup_days",
            toml::Value::Integer(i64::from(warmup)),
            label("the warm-up plus the longest implementation period"),
        ),
        flag_override(
            "run.horizon_days",
            toml::Value::Integer(i64::from(run.horizon_days + longest)),
            label("the same measured years"),
        ),
        flag_override(
            "governance.implementation_start",
            toml::Value::String(origin.to_string()),
            label("implementation from the run's first day"),
        ),
    ]);
    let baseline = region.load(&[], &run_control)?;
    let chain = plain.scenario.governance.chain_commitment;
    let mut flipped_control = run_control.clone();
    flipped_control.push(flag_override(
        "governance.vision",
        toml::Value::Boolean(!vision),
        label("the other assumption about bestuurlijke preconditions"),
    ));
    flipped_control.push(flag_override(
        "governance.chain_commitment",
        toml::Value::Boolean(!chain),
        label("the other assumption about bestuurlijke preconditions"),
    ));
    let mut loaded = vec![baseline];
    let mut flipped: Vec<Option<Loaded>> = Vec::new();
    for (source, _) in &chosen {
        let with = std::slice::from_ref(source);
        let l = region.load(with, &run_control)?;
        let f = region.load(with, &flipped_control)?;
        flipped.push((f.scenario.change != l.scenario.change).then_some(f));
        loaded.push(l);
    }
    let mut points: Vec<(&Scenario, &Params)> =
        loaded.iter().map(|l| (&l.scenario, &l.params)).collect();
    let flipped_at: Vec<Option<usize>> = flipped
        .iter()
        .map(|f| {
            f.as_ref().map(|f| {
                points.push((&f.scenario, &f.params));
                points.len() - 1
            })
        })
        .collect();
    let params: Vec<&Params> = points.iter().map(|(_, p)| *p).collect();
    let opts = common.options();
    let threads = experiment::thread_count(params[0], &opts);
    refuse_if_too_long(&params, threads, Text::new("advice", "advies"), common)?;
    let mut dir = result_dir(common, format!("advise-{name}"))?;
    let started = Instant::now();
    let results = experiment::run_many(&points, &opts, false, lang.pick("advise", "advies"))
        .map_err(|e| run_err(e, &dir))?;
    let n = chosen.len();
    let main = &results[..=n];
    let advised: Vec<Advised> = chosen
        .iter()
        .enumerate()
        .map(|(k, (_, parts))| Advised {
            info: parts.last().cloned().expect("a described layer"),
            parts: parts.clone(),
            differences: differences(&main[k + 1], &main[0]),
            other_vision: flipped_at[k].map(|i| differences(&results[i], &main[0])),
            steps: steps(&loaded[0], &loaded[k + 1]),
        })
        .collect();
    let diffs: Vec<Vec<Difference>> = advised.iter().map(|a| a.differences.clone()).collect();
    let ranking: Vec<Vec<Place>> = metrics.iter().map(|&m| advise::rank(&diffs, m)).collect();
    let other: Vec<Vec<Difference>> = advised
        .iter()
        .map(|a| {
            a.other_vision
                .clone()
                .unwrap_or_else(|| a.differences.clone())
        })
        .collect();
    let ranking_other_vision = advise::rank(&other, metrics[0]);

    let p0 = &loaded[0].params.run;
    let (reps, seed) = (p0.replications, p0.seed);
    let years = |d: u32| {
        let y = f64::from(d) / 365.0;
        if (y - y.round()).abs() < 0.05 {
            format!("{y:.0}")
        } else {
            lang.num(&format!("{y:.1}"))
        }
    };
    let (total, warm, measured) = (
        years(p0.horizon_days),
        years(p0.warmup_days),
        years(p0.horizon_days - p0.warmup_days),
    );
    let warm_en = if longest > 0 {
        format!(
            "{warm} of them warm-up, including the longest implementation period of {longest} days, so that effects are measured after it"
        )
    } else {
        format!("{warm} of them warm-up; these recommendations take effect at once")
    };
    let warm_nl = if longest > 0 {
        format!(
            "waarvan {warm} inloop, inclusief de langste invoeringsperiode van {longest} dagen, zodat effecten daarna worden gemeten"
        )
    } else {
        format!("waarvan {warm} inloop; deze aanbevelingen werken meteen")
    };
    let facts_line = lang.pick(
        format!("{reps} replications of {total} years per scenario ({warm_en}; {measured} years measured), seed {seed}, the same random streams for the region and every recommendation (common random numbers). The region's \"today\" is measured the same way, so it can differ a little from avesim run."),
        format!("{reps} herhalingen van {total} jaar per scenario ({warm_nl}; {measured} jaar gemeten), seed {seed}, dezelfde toevalsreeksen voor de regio en elke aanbeveling (gemeenschappelijke toevalsgetallen). Het \"nu\" van de regio is op dezelfde manier gemeten en kan daardoor iets afwijken van avesim run."),
    );
    let advice = Advice {
        region: name.clone(),
        vision,
        chain_commitment: chain,
        reach_without_vision: loaded[0].scenario.governance.reach_without_vision,
        metrics,
        baseline: main[0].clone(),
        advised,
        ranking,
        ranking_other_vision,
        facts: facts_line,
        not_for_region,
        doubt: None,
    };
    let mut advice = advice;
    if let Some(draws) = request.uncertain {
        let req = super::UncertainRequest {
            draws,
            width: 1.0,
            reps: request.draw_reps,
        };
        let mut control = run_control.clone();
        control.retain(|o| o.key != "run.replications");
        control.push(flag_override(
            "run.replications",
            toml::Value::Integer(i64::from(req.reps)),
            format!("--draw-reps {}", req.reps),
        ));
        let load_at = |i: usize, sets: &[String]| -> Result<Loaded, CommandError> {
            let mut o = control.clone();
            for s in sets {
                o.push(scenario::Override::parse(s)?);
            }
            let with: &[LayerSource] = if i == 0 {
                &[]
            } else {
                std::slice::from_ref(&chosen[i - 1].0)
            };
            region.load(with, &o)
        };
        let plain: Vec<Loaded> = (0..=chosen.len())
            .map(|i| load_at(i, &[]))
            .collect::<Result<_, _>>()?;
        let (study, dir_back) = super::uncertain::judge_drawn(&plain, &load_at, &req, common, dir)?;
        dir = dir_back;
        crate::commands::uncertain::write_csv(
            dir.path(),
            &study.judged,
            &study
                .drawn
                .iter()
                .map(|f| f.key.clone())
                .collect::<Vec<_>>(),
        )
        .map_err(internal)?;
        let keys: Vec<String> = study.drawn.iter().map(|f| f.key.clone()).collect();
        let cell_of = |k: usize, m: &Metric| -> DoubtCell {
            let name = &plain[k + 1].scenario.name;
            match study
                .judged
                .iter()
                .find(|j| &j.scenario == name && j.metric == *m)
            {
                Some(j) => DoubtCell {
                    words: Text::new(
                        super::reading_words(Lang::En, j, &keys),
                        super::reading_words(Lang::Nl, j, &keys),
                    ),
                    label: super::uncertain::reading_label(j),
                    share: (
                        j.verdict.better.share,
                        j.verdict.better.low,
                        j.verdict.better.high,
                    ),
                },
                None => DoubtCell {
                    words: Text::new(
                        "no verdict (too few draws with a value)",
                        "geen oordeel (te weinig trekkingen met een waarde)",
                    ),
                    label: Text::new("—", "—"),
                    share: (f64::NAN, f64::NAN, f64::NAN),
                },
            }
        };
        let readings = (0..chosen.len())
            .map(|k| advice.metrics.iter().map(|m| cell_of(k, m)).collect())
            .collect();
        // And on what each says it moves (its `moves`), where that is not ranked already.
        let moved = (0..chosen.len())
            .map(|k| {
                let moves = advice.advised[k]
                    .info
                    .recommendation
                    .as_ref()
                    .map_or(&[][..], |r| r.moves.as_slice());
                moves
                    .iter()
                    .filter_map(|id| Metric::from_name(id.trim_start_matches(['+', '-'])))
                    .filter(|m| {
                        !advice.metrics.contains(m)
                            && m.def().better != crate::model::metrics::Better::Neither
                    })
                    .map(|m| (m, cell_of(k, &m)))
                    .collect()
            })
            .collect();
        advice.doubt = Some(Doubt {
            draws,
            reps: req.reps,
            assumptions: study.drawn.len(),
            readings,
            moved,
        });
    }
    study::write_comparison_csv(dir.path(), main).map_err(internal)?;

    crate::output::advice::write_advice_csv(dir.path(), &advice).map_err(internal)?;
    let loaded_refs: Vec<&Loaded> = loaded.iter().collect();
    crate::output::excel::write_study_xlsx(
        lang,
        dir.path(),
        run.start_date,
        &study_about(lang, &loaded_refs, &[], &common.sets),
        &["advice.csv", "comparison.csv", "differences.csv"],
    )
    .map_err(|e| internal(format!("writing results.xlsx: {e}")))?;
    if common.charts {
        let drawn = charts::write_advice_chart(lang, &dir.path().join("charts"), &advice)
            .map_err(internal)?;
        report::write_advice_report(
            lang,
            dir.path(),
            &advice,
            &loaded[0].scenario,
            &common.sets,
            &drawn,
            env!("CARGO_PKG_VERSION"),
        )
        .map_err(|e| internal(format!("writing report.html: {e}")))?;
    }
    let facts = StudyFacts {
        avesim_version: env!("CARGO_PKG_VERSION"),
        kind: "advise",
        scenarios: results.iter().map(|r| r.name.as_str()).collect(),
        varied: common.sets.clone(),
        seed: p0.seed,
        replications: p0.replications,
        points: results.len(),
        threads,
        events: results.iter().map(|r| r.events).sum(),
        wall_s: started.elapsed().as_secs_f64(),
    };
    files::write_json(dir.path(), "run.json", &facts).map_err(internal)?;
    let path = commit(dir, common)?;
    Ok(AdviseOutcome { advice, path })
}

/// The values a recommendation moves on this region: its changes beyond the region's own,
/// with the value at the start of implementation.
fn steps(region: &Loaded, with: &Loaded) -> Vec<Step> {
    // The values at the start, with the layer's own starting values (a new post's gain 0).
    let full = match toml::Value::try_from(with.scenario.resolved()) {
        Ok(toml::Value::Table(t)) => t,
        _ => toml::Table::new(),
    };
    let before = |key: &str| -> String {
        match scenario::value_at(&full, key) {
            Some(toml::Value::Float(f)) => crate::format::value(*f),
            Some(toml::Value::Integer(i)) => i.to_string(),
            Some(other) => other.to_string(),
            None => String::new(),
        }
    };
    let own = &region.scenario.change;
    let mut out: Vec<Step> = Vec::new();
    for c in with.scenario.change.iter().filter(|c| !own.contains(c)) {
        if let Some(s) = out.iter_mut().find(|s| s.key == c.key) {
            s.count += 1;
            continue;
        }
        let to = match &c.to {
            scenario::changes::Target::Number(v) => crate::format::value(*v),
            scenario::changes::Target::Flag(b) => b.to_string(),
            scenario::changes::Target::Word(w) => format!("\"{w}\""),
        };
        out.push(Step {
            key: c.key.clone(),
            from: before(&c.key),
            to,
            over_days: if c.shape == scenario::changes::Shape::Ramp {
                c.over_days
            } else {
                0.0
            },
            count: 1,
        });
    }
    out
}
