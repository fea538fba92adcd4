//! `avesim sensitivity`: which assumptions carry a result — Morris screening of every
//! assumption with a plausible range, on common random numbers across the design's points.

use std::path::PathBuf;
use std::time::Instant;

use rayon::prelude::*;

use super::{
    CommandError, Common, StudyFacts, commit, flag_override, flag_overrides, internal, load_with,
    result_dir, run_loaded, whole_or_shard,
};
use crate::both;
use crate::experiment::sensitivity::morris::{design, elementary_effects, measures};
use crate::experiment::sensitivity::{Screened, Swing, factors, target_factors};
use crate::experiment::{self, advise::DEFAULT_METRICS};
use crate::lang::Text;
use crate::model::metrics::Metric;
use crate::output::files;
use crate::output::report::{Carried, write_sensitivity_report};
use crate::scenario::Loaded;

/// What to screen.
#[derive(Debug, Clone)]
pub struct SensitivityRequest {
    /// The scenario (a file or a region's name; the embedded default without it).
    pub scenario: Option<PathBuf>,
    /// Morris trajectories.
    pub trajectories: usize,
    /// Grid levels.
    pub levels: u32,
    /// Replications of each one-at-a-time run (the tornado).
    pub tornado_reps: u32,
    /// Screen the paired difference of this setup from the scenario instead of the scenario
    /// itself: another scenario file, or a recommendation (a layer) laid on the scenario.
    pub versus: Option<PathBuf>,
}

/// What a screening found: per metric, the factors by falling μ*.
pub struct SensitivityOutcome {
    /// Per metric (every metric, the defaults first), factors ranked.
    pub ranked: Vec<(Metric, Vec<Screened>)>,
    /// Design points run.
    pub points: usize,
    /// Replications per point.
    pub replications: u32,
    /// Per metric, the one-at-a-time swings, widest first, and the scenario's mean.
    pub tornado: Vec<(Metric, f64, Vec<Swing>)>,
    /// The result folder.
    pub path: PathBuf,
    /// With --versus: what is screened, "OTHER − SCENARIO" (the paired difference).
    pub compared: Option<String>,
}

/// Bootstrap resamples for the intervals of μ* and σ.
const RESAMPLES: usize = 1000;

/// Screen every ranged assumption of a scenario with the method of Morris.
pub fn sensitivity(
    req: &SensitivityRequest,
    common: &Common,
) -> Result<SensitivityOutcome, CommandError> {
    if req.trajectories < 2 || req.levels < 2 || !req.levels.is_multiple_of(2) {
        return Err(CommandError::Input(both!(
            "--trajectories needs 2 or more and --levels an even number of 2 or more",
            "--trajectories vraagt 2 of meer en --levels een even getal van 2 of meer"
        )));
    }
    let mut extra = flag_overrides(common)?;
    if common.reps.is_none() {
        extra.push(flag_override(
            "run.replications",
            toml::Value::Integer(2),
            "avesim sensitivity (2 replications a point; --reps for more)".into(),
        ));
    }
    let (base, _) = load_with(
        req.scenario.as_deref(),
        &common.with,
        &common.sets,
        extra.clone(),
    )?;
    let resolved = match toml::Value::try_from(base.scenario.resolved()) {
        Ok(toml::Value::Table(t)) => t,
        _ => return Err(internal("the resolved scenario is not a table")),
    };
    // With --versus: the other setup, loaded with the same sets (a layer is laid on the
    // scenario, anything else is a scenario of its own).
    let versus_is_layer = match &req.versus {
        // A file that cannot be read as a layer is read as a scenario (which says what is wrong).
        // A built-in recommendation by its name (`criteria`), as `--with` takes it.
        Some(p) => {
            match super::builtin_layer(p).filter(|_| std::fs::symlink_metadata(p).is_err()) {
                Some(l) => Ok(l),
                None => crate::scenario::LayerSource::file(p),
            }
            .and_then(|l| crate::scenario::layers::describe(&l))
            .ok()
            .and_then(|parts| parts.last().map(|l| l.recommendation.is_some()))
            .unwrap_or(false)
        }
        None => false,
    };
    let load_side = |side: usize, sets: &[String], extra: Vec<crate::scenario::Override>| {
        match (&req.versus, side) {
            (Some(p), 1) if versus_is_layer => {
                let mut with = common.with.clone();
                with.push(p.clone());
                load_with(req.scenario.as_deref(), &with, sets, extra)
            }
            (Some(p), 1) => load_with(Some(p), &common.with, sets, extra),
            _ => load_with(req.scenario.as_deref(), &common.with, sets, extra),
        }
        .map(|l| l.0)
    };
    let other = match &req.versus {
        Some(_) => Some(load_side(1, &common.sets, extra.clone())?),
        None => None,
    };
    let sides = if other.is_some() { 2 } else { 1 };
    let compared = other
        .as_ref()
        .map(|b| format!("{} − {}", b.scenario.name, base.scenario.name));
    let mut factors = factors(&resolved, &base.provenance);
    if let Some(b) = &other {
        // What the two setups set differently, or change during the run, is what is
        // compared: held as each sets it. A recommendation's effect (0..1 of the way to its
        // targets) is screened, set on its side only.
        let theirs = match toml::Value::try_from(b.scenario.resolved()) {
            Ok(toml::Value::Table(t)) => t,
            _ => return Err(internal("the resolved scenario is not a table")),
        };
        let changed = |key: &str| {
            [&base, b]
                .iter()
                .any(|l| l.scenario.change.iter().any(|c| c.key == key))
        };
        factors.retain(|f| {
            !changed(&f.key)
                && crate::scenario::value_at(&theirs, &f.key)
                    == crate::scenario::value_at(&resolved, &f.key)
        });
        factors.extend(target_factors(&b.scenario.layers));
    }
    let only_theirs =
        |f: &crate::experiment::sensitivity::Factor| f.key.starts_with("recommendation.");
    // The --set arguments of one side at one point.
    let sets_at = |side: usize, values: &[(usize, f64)]| -> Vec<String> {
        let mut sets = common.sets.clone();
        sets.extend(
            values
                .iter()
                .filter(|(i, _)| side == 1 || !only_theirs(&factors[*i]))
                .map(|&(i, u)| factors[i].set(u)),
        );
        sets
    };
    let seed = base.params.run.seed;
    let d = design(factors.len(), req.trajectories, req.levels, seed);
    // Every point loaded as a scenario with its values set, as `--set` would (both sides,
    // next to each other, with --versus).
    let loaded: Vec<Loaded> = d
        .points()
        .flat_map(|x| (0..sides).map(move |side| (x, side)))
        .collect::<Vec<_>>()
        .par_iter()
        .map(|(x, side)| {
            let values: Vec<(usize, f64)> = x.iter().copied().enumerate().collect();
            load_side(*side, &sets_at(*side, &values), extra.clone())
        })
        .collect::<Result<_, _>>()?;
    let name = match &other {
        Some(b) => format!("{}-vs-{}", b.scenario.name, base.scenario.name),
        None => base.scenario.name.clone(),
    };
    let dir = result_dir(common, format!("sensitivity-{name}"))?;
    let started = Instant::now();
    let opts = common.options();
    let threads = experiment::thread_count(&base.params, &opts);
    // One at a time: each assumption at the two ends of its range, the others at the
    // scenario's values, paired with the scenario itself on the same random numbers.
    let mut oat_extra = extra.clone();
    oat_extra.retain(|o| o.key != "run.replications");
    oat_extra.push(flag_override(
        "run.replications",
        toml::Value::Integer(i64::from(req.tornado_reps)),
        format!("avesim sensitivity (--tornado-reps {})", req.tornado_reps),
    ));
    let oat: Vec<Loaded> = std::iter::once(None)
        .chain((0..factors.len()).flat_map(|i| [Some((i, 0.0)), Some((i, 1.0))]))
        .flat_map(|one| (0..sides).map(move |side| (one, side)))
        .collect::<Vec<_>>()
        .par_iter()
        .map(|(one, side)| {
            let values: Vec<(usize, f64)> = one.iter().copied().collect();
            load_side(*side, &sets_at(*side, &values), oat_extra.clone())
        })
        .collect::<Result<_, _>>()?;
    // The screening and the one-at-a-time runs in one pool (and one study to shard).
    let all: Vec<Loaded> = loaded.into_iter().chain(oat).collect();
    let ran = run_loaded(&all, common, Text::new("sensitivity", "gevoeligheid"), &dir)?;
    let (mut results, dir) = whole_or_shard(ran, dir, common)?;
    let oat_results = results.split_off(d.len() * sides);
    // A metric's replications in a run, and with --versus the paired differences of the two
    // sides (the other setup minus the scenario), replication by replication.
    let column = |r: &experiment::RunResults, m: Metric| -> Vec<f64> {
        let k = crate::model::metrics::METRICS
            .iter()
            .position(|d| d.metric == m)
            .unwrap_or(0);
        r.replications.iter().map(|x| x[k]).collect()
    };
    let response = |runs: &[experiment::RunResults], j: usize, m: Metric| -> Vec<f64> {
        if sides == 1 {
            column(&runs[j], m)
        } else {
            let (a, b) = (column(&runs[2 * j], m), column(&runs[2 * j + 1], m));
            b.iter().zip(&a).map(|(b, a)| b - a).collect()
        }
    };
    let mean = |v: &[f64]| {
        let kept: Vec<f64> = v.iter().copied().filter(|x| x.is_finite()).collect();
        if kept.is_empty() {
            f64::NAN
        } else {
            kept.iter().sum::<f64>() / kept.len() as f64
        }
    };
    let mut order: Vec<Metric> = DEFAULT_METRICS.to_vec();
    order.extend(Metric::all().filter(|m| !DEFAULT_METRICS.contains(m)));
    let ranked: Vec<(Metric, Vec<Screened>)> = order
        .into_iter()
        .map(|m| {
            let y: Vec<f64> = (0..d.len())
                .map(|p| {
                    if sides == 1 {
                        results[p].metric(m).mean
                    } else {
                        mean(&response(&results, p, m))
                    }
                })
                .collect();
            let ee = elementary_effects(&d, &y);
            let mut rows: Vec<Screened> = measures(&ee, RESAMPLES, seed)
                .into_iter()
                .zip(&factors)
                .map(|(measures, f)| Screened {
                    factor: f.clone(),
                    measures,
                })
                .collect();
            rows.sort_by(|a, b| {
                b.measures
                    .mu_star
                    .partial_cmp(&a.measures.mu_star)
                    .unwrap_or(std::cmp::Ordering::Equal)
            });
            (m, rows)
        })
        .collect();
    let tornado: Vec<(Metric, f64, Vec<Swing>)> = ranked
        .iter()
        .map(|(m, _)| {
            // The paired change from the scenario's own values, replication by replication.
            let own = response(&oat_results, 0, *m);
            let diff = |j: usize| {
                let mut w = crate::stats::Welford::default();
                for (x, y) in response(&oat_results, j, *m).iter().zip(&own) {
                    if x.is_finite() && y.is_finite() {
                        w.push(x - y);
                    }
                }
                w.interval()
            };
            let mut swings: Vec<Swing> = factors
                .iter()
                .enumerate()
                .map(|(i, f)| Swing {
                    factor: f.clone(),
                    at_low: diff(1 + 2 * i),
                    at_high: diff(2 + 2 * i),
                })
                .collect();
            swings.sort_by(|a, b| b.width().total_cmp(&a.width()));
            let at_own = if sides == 1 {
                oat_results[0].metric(*m).mean
            } else {
                mean(&own)
            };
            (*m, at_own, swings)
        })
        .collect();
    write_csv(dir.path(), &ranked).map_err(internal)?;
    write_tornado_csv(dir.path(), &tornado).map_err(internal)?;
    let lang = common.lang;
    let replications = base.params.run.replications;
    if common.charts {
        let shown: Vec<(Metric, &[Swing], &[Screened])> = ranked
            .iter()
            .zip(&tornado)
            .take(DEFAULT_METRICS.len())
            .map(|((m, rows), (_, _, swings))| (*m, swings.as_slice(), rows.as_slice()))
            .collect();
        let charts = crate::output::charts::write_sensitivity_charts(
            lang,
            &dir.path().join("charts"),
            &shown,
        )
        .map_err(internal)?;
        let carried: Vec<Carried> = ranked
            .iter()
            .zip(&tornado)
            .take(DEFAULT_METRICS.len())
            .map(|((m, rows), (_, _, swings))| Carried {
                metric: *m,
                // At the scenario's own values: the metric, or the paired difference
                // replication by replication, with its interval over replications.
                mean: if sides == 1 {
                    *oat_results[0].metric(*m)
                } else {
                    let mut w = crate::stats::Welford::default();
                    response(&oat_results, 0, *m)
                        .iter()
                        .filter(|x| x.is_finite())
                        .for_each(|x| w.push(*x));
                    w.interval()
                },
                trajectories: u32::try_from(req.trajectories).unwrap_or(u32::MAX),
                of_difference: compared.is_some(),
                ranked: rows,
                swings,
            })
            .collect();
        let (k, r, p) = (factors.len(), req.trajectories, d.len());
        let t = req.tornado_reps;
        let method = lang.pick(
            format!("{k} assumptions graded B or C with a plausible range (the what-if levers left out), screened with the method of Morris: {r} trajectories, {p} scenario runs of {replications} replications each, then each assumption at the two ends of its range with {t} replications, all on the same random numbers (seed {seed})."),
            format!("{k} aannames met bewijskracht B of C en een aannemelijke bandbreedte (de wat-als-hefbomen niet), verkend met de methode van Morris: {r} trajecten, {p} scenarioruns van elk {replications} herhalingen, daarna elke aanname aan de twee randen van haar bandbreedte met {t} herhalingen, alles met dezelfde toevalsgetallen (seed {seed})."),
        );
        let method = match &compared {
            Some(c) => lang.pick(
                format!("What is screened is the paired difference {c}, replication by replication, at every point of the design (both setups on the same draws and the same random numbers); what the two set differently, or change during the run, is held as each sets it, and a recommendation's own effect (recommendation.NAME.effect: from none to its targets, 0..1) is screened with the rest. {method}"),
                format!("Verkend wordt het gepaarde verschil {c}, herhaling voor herhaling, in elk punt van de opzet (beide opstellingen op dezelfde trekkingen en dezelfde toevalsgetallen); wat de twee verschillend zetten of tijdens de run veranderen, blijft zoals elk het zet, en het eigen effect van een aanbeveling (recommendation.NAME.effect: van geen effect tot haar doelwaarden, 0..1) wordt met de rest verkend. {method}"),
            ),
            None => method,
        };
        let title = compared.clone().unwrap_or_else(|| name.clone());
        write_sensitivity_report(lang, dir.path(), &title, &method, &carried, &charts)
            .map_err(|e| internal(format!("writing report.html: {e}")))?;
    }
    let facts = StudyFacts {
        avesim_version: env!("CARGO_PKG_VERSION"),
        kind: "sensitivity",
        scenarios: vec![name.as_str()],
        varied: factors.iter().map(|f| f.key.clone()).collect(),
        seed,
        replications,
        points: d.len(),
        threads,
        events: results.iter().chain(&oat_results).map(|r| r.events).sum(),
        wall_s: started.elapsed().as_secs_f64(),
    };
    files::write_json(dir.path(), "run.json", &facts).map_err(internal)?;
    let path = commit(dir, common)?;
    Ok(SensitivityOutcome {
        ranked,
        points: d.len(),
        replications,
        tornado,
        path,
        compared,
    })
}

/// `sensitivity.csv`: per metric and assumption, μ, μ* and σ with their intervals and the
/// rank by μ*.
fn write_csv(dir: &std::path::Path, ranked: &[(Metric, Vec<Screened>)]) -> std::io::Result<()> {
    let mut w = csv::Writer::from_path(dir.join("sensitivity.csv"))?;
    w.write_record([
        "metric",
        "rank",
        "key",
        "grade",
        "low",
        "high",
        "scenario_value",
        "mu",
        "mu_star",
        "mu_star_ci95_low",
        "mu_star_ci95_high",
        "sigma",
        "sigma_ci95_low",
        "sigma_ci95_high",
    ])?;
    let n = |v: f64| crate::format::csv(v);
    for (m, rows) in ranked {
        for (k, r) in rows.iter().enumerate() {
            let (f, s) = (&r.factor, &r.measures);
            w.write_record([
                m.name().to_string(),
                (k + 1).to_string(),
                f.key.clone(),
                f.grade.to_string(),
                n(f.low),
                n(f.high),
                n(f.value),
                n(s.mu),
                n(s.mu_star),
                n(s.mu_star_low),
                n(s.mu_star_high),
                n(s.sigma),
                n(s.sigma_low),
                n(s.sigma_high),
            ])?;
        }
    }
    w.flush()
}

/// `tornado.csv`: per metric and assumption, the paired difference from the scenario with the
/// assumption at the low and at the high end of its range, widest swing first.
fn write_tornado_csv(
    dir: &std::path::Path,
    tornado: &[(Metric, f64, Vec<Swing>)],
) -> std::io::Result<()> {
    let mut w = csv::Writer::from_path(dir.join("tornado.csv"))?;
    w.write_record([
        "metric",
        "rank",
        "key",
        "low",
        "high",
        "scenario_value",
        "scenario_mean",
        "difference_at_low",
        "at_low_ci95_low",
        "at_low_ci95_high",
        "difference_at_high",
        "at_high_ci95_low",
        "at_high_ci95_high",
    ])?;
    let n = |v: f64| crate::format::csv(v);
    for (m, base, swings) in tornado {
        for (k, s) in swings.iter().enumerate() {
            let f = &s.factor;
            w.write_record([
                m.name().to_string(),
                (k + 1).to_string(),
                f.key.clone(),
                n(f.at(0.0)),
                n(f.at(1.0)),
                n(f.value),
                n(*base),
                n(s.at_low.mean),
                n(s.at_low.low),
                n(s.at_low.high),
                n(s.at_high.mean),
                n(s.at_high.low),
                n(s.at_high.high),
            ])?;
        }
    }
    w.flush()
}
