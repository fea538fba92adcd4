//! `avesim compare A B --uncertain N`: does B's advantage over A survive uncertainty about
//! the assumptions? N Latin hypercube draws of every ranged assumption, A and B paired on
//! each draw, the share of draws in which B is better per metric, and the assumption whose
//! value flips the conclusion.

use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

use super::{
    CommandError, Common, StudyFacts, commit, flag_override, flag_overrides, internal, load,
    result_dir, run_loaded, whole_or_shard,
};
use crate::both;
use crate::experiment::advise::{DEFAULT_METRICS, gain};
use crate::experiment::compare::differences;
use crate::experiment::sensitivity::uncertain::{
    Reading, Verdict, latin_hypercube, narrowed, verdict,
};
use crate::experiment::sensitivity::{Factor, factors, target_factors};
use crate::experiment::{self};
use crate::lang::Lang;
use crate::lang::Text;
use crate::model::metrics::{Better, Metric};
use crate::output::{files, report};
use crate::scenario::Loaded;

/// What to draw.
#[derive(Debug, Clone)]
pub struct UncertainRequest {
    /// Draws of the assumptions.
    pub draws: usize,
    /// Width of each range around the scenario's value (1 = the whole range, 0 = none).
    pub width: f64,
    /// Replications per scenario per draw.
    pub reps: u32,
}

/// One alternative's verdict on one metric.
pub struct Judged {
    /// The alternative (scenario name).
    pub scenario: String,
    /// The metric.
    pub metric: Metric,
    /// Mean over draws of the paired difference (alternative − first).
    pub mean_difference: f64,
    /// The verdict.
    pub verdict: Verdict,
}

/// What `--uncertain` produced.
pub struct UncertainOutcome {
    /// Per alternative and metric.
    pub judged: Vec<Judged>,
    /// The assumptions drawn (keys).
    pub drawn: Vec<String>,
    /// Keys the scenarios set differently: held as each sets them.
    pub held: Vec<String>,
    /// The result folder.
    pub path: PathBuf,
}

fn resolved(l: &Loaded) -> Result<toml::Table, CommandError> {
    match toml::Value::try_from(l.scenario.resolved()) {
        Ok(toml::Value::Table(t)) => Ok(t),
        _ => Err(internal("the resolved scenario is not a table")),
    }
}

/// Compare scenarios under N draws of the assumptions.
pub fn run_uncertain(
    paths: &[PathBuf],
    req: &UncertainRequest,
    common: &Common,
) -> Result<UncertainOutcome, CommandError> {
    if paths.len() < 2 || req.draws < 2 || !(0.0..=1.0).contains(&req.width) || req.reps < 2 {
        return Err(CommandError::Input(both!(
            "--uncertain needs two or more scenarios, 2 or more draws, --uncertain-width between 0 and 1 and --draw-reps of 2 or more",
            "--uncertain vraagt twee of meer scenario's, 2 of meer trekkingen, --uncertain-width tussen 0 en 1 en --draw-reps van 2 of meer"
        )));
    }
    let mut run_control = flag_overrides(common)?;
    run_control.retain(|o| o.key != "run.replications");
    run_control.push(flag_override(
        "run.replications",
        toml::Value::Integer(i64::from(req.reps)),
        format!("--draw-reps {}", req.reps),
    ));
    let mut plain: Vec<Loaded> = paths
        .iter()
        .map(|p| load(Some(p), &common.sets, run_control.clone()).map(|l| l.0))
        .collect::<Result<_, _>>()?;
    super::distinct_names(&mut plain, common.lang);
    // The first scenario's run control for all, as in a plain comparison.
    let p0 = &plain[0].params.run;
    for (key, v) in [
        ("run.seed", i64::try_from(p0.seed).unwrap_or(i64::MAX)),
        ("run.horizon_days", i64::from(p0.horizon_days)),
        ("run.warmup_days", i64::from(p0.warmup_days)),
    ] {
        run_control.push(flag_override(
            key,
            toml::Value::Integer(v),
            format!("{key} of {} (the first scenario)", paths[0].display()),
        ));
    }
    let names: Vec<String> = plain.iter().map(|l| l.scenario.name.clone()).collect();
    let dir = result_dir(common, format!("uncertain-{}-{}", names[0], names[1]))?;
    let started = Instant::now();
    let opts = common.options();
    let threads = experiment::thread_count(&plain[0].params, &opts);
    let load_at = |i: usize, sets: &[String]| {
        let mut all = common.sets.clone();
        all.extend_from_slice(sets);
        load(Some(&paths[i]), &all, run_control.clone()).map(|l| l.0)
    };
    let (study, dir) = judge_drawn(&plain, &load_at, req, common, dir)?;
    let Drawn {
        drawn,
        held,
        judged,
        points,
        events,
    } = study;
    let seed = p0.seed;
    let keys: Vec<String> = drawn.iter().map(|f| f.key.clone()).collect();
    let held_keys: Vec<String> = held.iter().map(|f| f.key.clone()).collect();
    write_csv(dir.path(), &judged, &keys).map_err(internal)?;
    let readings: Vec<report::Reading> = judged
        .iter()
        .map(|j| {
            let v = &j.verdict;
            report::Reading {
                scenario: j.scenario.clone(),
                metric: j.metric,
                headline: DEFAULT_METRICS.contains(&j.metric),
                label: reading_label(j),
                words: Text {
                    en: reading_words(Lang::En, j, &keys),
                    nl: reading_words(Lang::Nl, j, &keys),
                },
                share: (v.better.share, v.better.low, v.better.high),
                mean_difference: j.mean_difference,
                // Only a split that random relabelling of the draws seldom matches.
                split: v.splits.first().filter(|_| v.flip_p <= 0.05).map(|s| {
                    (
                        keys.get(s.factor).cloned().unwrap_or_default(),
                        s.lower,
                        s.upper,
                    )
                }),
            }
        })
        .collect();
    report::write_uncertain_report(
        common.lang,
        dir.path(),
        &report::Study {
            first: &names[0],
            draws: req.draws,
            width: req.width,
            reps: req.reps,
            seed,
            drawn: &keys,
            held: &held_keys,
        },
        &readings,
        env!("CARGO_PKG_VERSION"),
    )
    .map_err(|e| internal(format!("writing report.html: {e}")))?;
    let facts = StudyFacts {
        avesim_version: env!("CARGO_PKG_VERSION"),
        kind: "compare-uncertain",
        scenarios: names.iter().map(String::as_str).collect(),
        varied: keys.clone(),
        seed,
        replications: req.reps,
        points,
        threads,
        events,
        wall_s: started.elapsed().as_secs_f64(),
    };
    files::write_json(dir.path(), "run.json", &facts).map_err(internal)?;
    let path = commit(dir, common)?;
    Ok(UncertainOutcome {
        judged,
        drawn: keys,
        held: held_keys,
        path,
    })
}

/// How an uncertainty study loads scenario `i` of a draw with the draw's `--set` arguments.
pub(crate) type LoadAt<'a> = dyn Fn(usize, &[String]) -> Result<Loaded, CommandError> + Sync + 'a;

/// What the draws gave: the assumptions drawn and held, each alternative's verdict per metric,
/// and the runs made.
pub(crate) struct Drawn {
    /// The assumptions drawn (with the recommendations' ranged effect sizes).
    pub drawn: Vec<Factor>,
    /// The assumptions held as each scenario sets them.
    pub held: Vec<Factor>,
    /// Per alternative (every scenario after the first) and metric with a direction.
    pub judged: Vec<Judged>,
    /// Scenario runs made.
    pub points: usize,
    /// Events simulated.
    pub events: u64,
}

/// The core of an uncertainty study: draw the assumptions of `plain` from their ranges (Latin
/// hypercube; held: what the scenarios set differently or change during the run; the
/// recommendations' own ranged effect sizes drawn for the scenarios that lay them), load
/// scenario `i` of each draw with `load_at(i, the draw's --set arguments)`, run them all in one
/// pool on common random numbers, and judge every scenario after the first against it.
pub(crate) fn judge_drawn(
    plain: &[Loaded],
    load_at: &LoadAt<'_>,
    req: &UncertainRequest,
    common: &Common,
    dir: crate::output::ResultDir,
) -> Result<(Drawn, crate::output::ResultDir), CommandError> {
    if req.draws < 2 || !(0.0..=1.0).contains(&req.width) || req.reps < 2 {
        return Err(CommandError::Input(both!(
            "--uncertain needs 2 or more draws, --uncertain-width between 0 and 1 and --draw-reps of 2 or more",
            "--uncertain vraagt 2 of meer trekkingen, --uncertain-width tussen 0 en 1 en --draw-reps van 2 of meer"
        )));
    }
    // Assumptions the scenarios set differently are what is compared: held as each sets
    // them. The others are drawn, the same values for every scenario in a draw.
    let tables: Vec<toml::Table> = plain.iter().map(resolved).collect::<Result<_, _>>()?;
    let seed = plain[0].params.run.seed;
    let all = factors(&tables[0], &plain[0].provenance);
    // A key a scenario changes during the run (a recommendation's ramp, a what-if's step) is
    // part of what is compared too: a value set for it would replace the change.
    let changed = |key: &str| {
        plain
            .iter()
            .any(|l| l.scenario.change.iter().any(|c| c.key == key))
    };
    let (drawn, held): (Vec<_>, Vec<_>) = all.into_iter().partition(|f| {
        !changed(&f.key)
            && tables.iter().all(|t| {
                crate::scenario::value_at(t, &f.key)
                    == crate::scenario::value_at(&tables[0], &f.key)
            })
    });
    // The recommendations' own effect sizes that state a range are drawn like every other
    // assumption (for the scenarios that lay them).
    let mut drawn = drawn;
    for l in plain {
        for f in target_factors(&l.scenario.layers) {
            if !drawn.iter().any(|d| d.key == f.key) {
                drawn.push(f);
            }
        }
    }
    let lays = |i: usize, key: &str| {
        key.strip_prefix("recommendation.")
            .and_then(|rest| rest.split_once('.'))
            .is_none_or(|(name, _)| plain[i].scenario.layers.iter().any(|l| l.name == name))
    };
    let own: Vec<f64> = drawn
        .iter()
        .map(|f| ((f.value - f.low) / (f.high - f.low)).clamp(0.0, 1.0))
        .collect();
    let draws = narrowed(
        &latin_hypercube(drawn.len(), req.draws, seed),
        &own,
        req.width,
    );
    let jobs: Vec<(usize, usize)> = (0..draws.len())
        .flat_map(|d| (0..plain.len()).map(move |i| (d, i)))
        .collect();
    let loaded: Vec<Loaded> = jobs
        .par_iter()
        .map(|&(d, i)| {
            let mut sets = Vec::new();
            // At width 0 a draw is the scenario itself: nothing is set.
            if req.width > 0.0 {
                sets.extend(
                    drawn
                        .iter()
                        .zip(&draws[d])
                        .filter(|(f, _)| lays(i, &f.key))
                        .map(|(f, &u)| f.set(u)),
                );
            }
            load_at(i, &sets)
        })
        .collect::<Result<_, _>>()?;
    let names: Vec<String> = plain.iter().map(|l| l.scenario.name.clone()).collect();
    let ran = run_loaded(&loaded, common, Text::new("uncertain", "onzeker"), &dir)?;
    let (results, dir) = whole_or_shard(ran, dir, common)?;
    let s = plain.len();
    let unit: Vec<Vec<f64>> = draws.clone();
    let mut judged = Vec::new();
    for alt in 1..s {
        for m in Metric::all().filter(|m| m.def().better != Better::Neither) {
            let diffs: Vec<f64> = (0..draws.len())
                .map(|d| {
                    differences(&results[d * s + alt], &results[d * s])
                        .into_iter()
                        .find(|x| x.metric == m)
                        .map_or(f64::NAN, |x| x.paired.mean)
                })
                .collect();
            let keep: Vec<usize> = (0..diffs.len()).filter(|&d| diffs[d].is_finite()).collect();
            if keep.len() < 2 {
                continue;
            }
            let better: Vec<bool> = keep.iter().map(|&d| gain(m, diffs[d]) > 0.0).collect();
            let at: Vec<Vec<f64>> = keep.iter().map(|&d| unit[d].clone()).collect();
            judged.push(Judged {
                scenario: names[alt].clone(),
                metric: m,
                mean_difference: keep.iter().map(|&d| diffs[d]).sum::<f64>() / keep.len() as f64,
                verdict: verdict(&better, &at, seed),
            });
        }
    }
    Ok((
        Drawn {
            drawn,
            held,
            judged,
            points: results.len(),
            events: results.iter().map(|r| r.events).sum(),
        },
        dir,
    ))
}

/// The reading's short label: "whatever the assumptions", "under most", "only if", "not
/// better".
pub(crate) fn reading_label(j: &Judged) -> Text {
    let share = format!("{:.0}%", 100.0 * j.verdict.better.share);
    match j.verdict.reading() {
        Reading::Whatever => both!(
            "whatever the assumptions ({share})",
            "wat de aannames ook zijn ({share})"
        ),
        Reading::Most => both!(
            "under most assumptions ({share})",
            "onder de meeste aannames ({share})"
        ),
        Reading::OnlyIf => both!(
            "depends on the assumptions ({share})",
            "hangt af van de aannames ({share})"
        ),
        Reading::Never => both!(
            "(almost) never better ({share})",
            "(vrijwel) nooit beter ({share})"
        ),
        Reading::TooFew => both!(
            "too few draws to tell ({share})",
            "te weinig trekkingen voor een oordeel ({share})"
        ),
    }
}

/// The verdict in plain words.
pub fn reading_words(lang: Lang, j: &Judged, drawn: &[String]) -> String {
    let pct = |x: f64| lang.num(&format!("{:.0}%", 100.0 * x));
    let v = &j.verdict;
    let share = format!(
        "{} ({}–{})",
        pct(v.better.share),
        pct(v.better.low),
        pct(v.better.high)
    );
    let flip = v.splits.first().map(|s| {
        let key = drawn.get(s.factor).map_or("", String::as_str);
        let half = if s.upper > s.lower {
            lang.pick("high", "hoog")
        } else {
            lang.pick("low", "laag")
        };
        lang.pick(
            format!(
                "more often if {key} is {half} (better in {} of draws with it in the upper half of its range, {} in the lower)",
                pct(s.upper),
                pct(s.lower)
            ),
            format!(
                "vaker als {key} {half} is (beter in {} van de trekkingen met de bovenste helft van de bandbreedte, {} met de onderste)",
                pct(s.upper),
                pct(s.lower)
            ),
        )
    });
    match v.reading() {
        Reading::Whatever => lang.pick(
            format!("better whatever the assumptions within their ranges: in {share} of draws"),
            format!("beter, wat de aannames binnen hun bandbreedte ook zijn: in {share} van de trekkingen"),
        ),
        Reading::Most if v.better.share >= 0.95 => lang.pick(
            format!("better under most assumptions: in {share} of draws; \"whatever the assumptions\" needs the whole interval at or above 95%, which takes about 75 draws"),
            format!("beter onder de meeste aannames: in {share} van de trekkingen; \"wat de aannames ook zijn\" vereist dat het hele interval op of boven 95% ligt, en daarvoor zijn zo'n 75 trekkingen nodig"),
        ),
        Reading::Most => lang.pick(
            format!("better under most assumptions: in {share} of draws"),
            format!("beter onder de meeste aannames: in {share} van de trekkingen"),
        ),
        Reading::Never => lang.pick(
            format!("(almost) never better: in {share} of draws"),
            format!("(vrijwel) nooit beter: in {share} van de trekkingen"),
        ),
        Reading::TooFew => {
            let n = v.draws;
            // Which bound the interval spans: 75% (most or some) or 5% (some or hardly any).
            let (en, nl) = if v.better.high >= 0.75 {
                ("most assumptions or only some", "bij de meeste aannames geldt of alleen bij sommige")
            } else {
                ("only some assumptions or (almost) none", "bij sommige aannames geldt of bij (vrijwel) geen")
            };
            lang.pick(
                format!("better in {share} of draws: too few draws ({n}) to say whether that is {en}; more draws (--uncertain) narrow the interval"),
                format!("beter in {share} van de trekkingen: te weinig trekkingen ({n}) om te zeggen of dat {nl}; meer trekkingen (--uncertain) maken het interval smaller"),
            )
        }
        Reading::OnlyIf if v.flip_p > 0.05 => lang.pick(
            format!(
                "better in {share} of draws; no single assumption explains when it comes out better (the strongest split may be chance, p = {}); with an effect this small the chance between replications decides many draws",
                lang.num(&format!("{:.2}", v.flip_p))
            ),
            format!(
                "beter in {share} van de trekkingen; geen afzonderlijke aanname verklaart wanneer het beter uitvalt (de sterkste tweedeling kan toeval zijn, p = {}); bij zo'n klein effect bepaalt het toeval tussen de herhalingen de uitkomst van veel trekkingen",
                lang.num(&format!("{:.2}", v.flip_p))
            ),
        ),
        Reading::OnlyIf => format!(
            "{}: {}",
            lang.pick(
                format!("better in {share} of draws"),
                format!("beter in {share} van de trekkingen")
            ),
            flip.unwrap_or_default()
        ),
    }
}

/// `uncertain.csv`: per alternative and metric, the share of draws in which it is better
/// than the first scenario, its interval, the mean paired difference, the reading, and the
/// three assumptions whose split separates better from not better most.
pub(crate) fn write_csv(dir: &Path, judged: &[Judged], drawn: &[String]) -> std::io::Result<()> {
    let mut w = csv::Writer::from_path(dir.join("uncertain.csv"))?;
    w.write_record([
        "scenario",
        "metric",
        "draws",
        "share_better",
        "ci95_low",
        "ci95_high",
        "mean_difference",
        "reading",
        "split_1",
        "split_1_lower_half",
        "split_1_upper_half",
        "split_2",
        "split_2_lower_half",
        "split_2_upper_half",
        "split_3",
        "split_3_lower_half",
        "split_3_upper_half",
        "split_1_p",
    ])?;
    let n = |v: f64| crate::format::csv(v);
    for j in judged {
        let v = &j.verdict;
        let mut row = vec![
            j.scenario.clone(),
            j.metric.name().to_string(),
            v.draws.to_string(),
            n(v.better.share),
            n(v.better.low),
            n(v.better.high),
            n(j.mean_difference),
            match v.reading() {
                Reading::Whatever => "whatever_the_assumptions",
                Reading::Most => "under_most",
                Reading::OnlyIf => "only_if",
                Reading::Never => "never",
                Reading::TooFew => "too_few_draws",
            }
            .to_string(),
        ];
        for k in 0..3 {
            match v.splits.get(k) {
                Some(s) => {
                    row.push(drawn.get(s.factor).cloned().unwrap_or_default());
                    row.push(n(s.lower));
                    row.push(n(s.upper));
                }
                None => row.extend([String::new(), String::new(), String::new()]),
            }
        }
        row.push(n(v.flip_p));
        w.write_record(&row)?;
    }
    w.flush()
}
