//! What a reader must know before trusting a run's headline numbers: a waiting line still
//! growing at the end (the system never settles, so a mean depends on how long you run), a
//! system that changes during the run (the headline averages over it), intervals from few
//! replications, and metrics without a value in some replications.

use super::RunResults;
use crate::format::value as format_value;
use crate::lang::Lang;
use crate::model::Metric;
use crate::model::metrics::{Daily, METRICS};
use crate::scenario::Params;
use crate::stats::Interval;

/// Fewer replications than this give rough intervals.
pub const FEW_REPLICATIONS: u32 = 10;

/// One warning.
#[derive(Debug, Clone, PartialEq)]
pub enum Warning {
    /// A waiting line grew from the first half of the measured period to the second.
    QueueGrowing {
        /// The line.
        queue: Daily,
        /// Mean length over the first half.
        first: f64,
        /// Mean length over the second half.
        second: f64,
        /// The growth per replication, with its interval.
        growth: Interval,
    },
    /// Parameters change during the run (`[[change]]` tables or a growth ramp).
    ChangingSystem {
        /// How many changes (parameter sets after the first).
        changes: usize,
        /// Whether the stream of families grows.
        growth: bool,
    },
    /// Few replications.
    FewReplications {
        /// How many.
        replications: u32,
    },
    /// A metric had no value in some replications (nothing to count there).
    SparseMetric {
        /// The metric.
        metric: Metric,
        /// Replications with a value.
        with_value: usize,
        /// All replications.
        of: usize,
    },
}

/// A line grows when the growth's interval lies above 0, at least one case waits on average
/// in the second half, and the second half's mean is at least a tenth above the first's (so a
/// drift too small to matter is not flagged however many replications pin it down).
fn growing(t: &super::QueueTrend) -> bool {
    t.growth.low > 0.0 && t.second.mean >= 1.0 && t.second.mean >= 1.1 * t.first.mean
}

/// Every warning of a run, most important first.
pub fn warnings(params: &Params, results: &RunResults) -> Vec<Warning> {
    let mut out = Vec::new();
    for t in &results.queue_trends {
        if growing(t) {
            out.push(Warning::QueueGrowing {
                queue: t.queue,
                first: t.first.mean,
                second: t.second.mean,
                growth: t.growth,
            });
        }
    }
    // Only what changes within the measured period matters: a step at day 0 or a change
    // completed during the warm-up is the system the run measures.
    let warmup_h = params.run.warmup_h;
    let g = &params.growth;
    let growth = g.multiplier != 1.0 && g.start_h + g.ramp_h > warmup_h;
    let changes = params.changes.iter().filter(|(t, _)| *t > warmup_h).count();
    if changes > 0 || growth {
        out.push(Warning::ChangingSystem { changes, growth });
    }
    let reps = results.replications.len();
    if (reps as u32) < FEW_REPLICATIONS {
        out.push(Warning::FewReplications {
            replications: reps as u32,
        });
    }
    for (m, row) in METRICS.iter().zip(&results.summary) {
        let n = row.interval.n;
        if n > 0 && n < reps {
            out.push(Warning::SparseMetric {
                metric: m.metric,
                with_value: n,
                of: reps,
            });
        }
    }
    out
}

impl Warning {
    /// A waiting line's name, in English and Dutch.
    pub fn queue_name(queue: Daily) -> (&'static str, &'static str) {
        match queue {
            Daily::VhhWaiting => ("The line for procesregie", "De wachtrij voor procesregie"),
            Daily::AdviceWaiting => (
                "The line of consults at the Veiligheidshuis",
                "De wachtrij van adviesvragen bij het Veiligheidshuis",
            ),
            Daily::WijkteamWaiting => (
                "The line for the wijkteams",
                "De wachtrij voor de wijkteams",
            ),
            _ => ("The line at ZSM", "De wachtrij bij ZSM"),
        }
    }

    /// A stable name for files (`run.json`).
    pub fn kind(&self) -> &'static str {
        match self {
            Warning::QueueGrowing { .. } => "queue_growing",
            Warning::ChangingSystem { .. } => "changing_system",
            Warning::FewReplications { .. } => "few_replications",
            Warning::SparseMetric { .. } => "sparse_metric",
        }
    }

    /// The warning in words.
    pub fn text(&self, lang: Lang) -> String {
        let n = |v: f64| lang.num(&format_value(v));
        match self {
            Warning::QueueGrowing {
                queue,
                first,
                second,
                growth,
            } => {
                let (en, nl) = Warning::queue_name(*queue);
                lang.pick(
                    format!(
                        "{en} is still growing at the end of the run: on average {} in the first half of the measured period, {} in the second (an increase of {} to {}, 95% interval over the replications). The system does not settle, so its means (waits, use) depend on how long you run: read them as 'at least', and look at the yearly table.",
                        n(*first),
                        n(*second),
                        n(growth.low),
                        n(growth.high)
                    ),
                    format!(
                        "{nl} groeit aan het eind van de doorrekening nog: gemiddeld {} in de eerste helft van de meetperiode, {} in de tweede (de toename: 95%-interval {}–{} over de herhalingen). Het systeem komt niet tot rust, dus de gemiddelden (wachttijden, bezetting) hangen af van hoe lang wordt doorgerekend: lees ze als ondergrens, en kijk naar de tabel per jaar.",
                        n(*first),
                        n(*second),
                        n(growth.low),
                        n(growth.high)
                    ),
                )
            }
            Warning::ChangingSystem { changes, growth } => {
                let dates = if *changes == 1 { "date" } else { "dates" };
                let moments = if *changes == 1 { "moment" } else { "momenten" };
                let what_en = match (changes, growth) {
                    (0, _) => "the stream of families grows during the run".to_string(),
                    (c, false) => format!("parameters change on {c} {dates} during the run"),
                    (c, true) => format!(
                        "the stream of families grows and parameters change on {c} {dates} during the run"
                    ),
                };
                let what_nl = match (changes, growth) {
                    (0, _) => "de instroom van gezinnen groeit tijdens de doorrekening".to_string(),
                    (c, false) => format!("parameters veranderen op {c} {moments} tijdens de doorrekening"),
                    (c, true) => format!(
                        "de instroom van gezinnen groeit en parameters veranderen op {c} {moments} tijdens de doorrekening"
                    ),
                };
                lang.pick(
                    format!(
                        "The system changes: {what_en}. Each headline number is an average over the whole measured period, old and new situation together; the yearly table shows each year on its own."
                    ),
                    format!(
                        "Het systeem verandert: {what_nl}. Elk getal bij de uitkomsten is een gemiddelde over de hele meetperiode, oude en nieuwe situatie samen; de tabel per jaar laat elk jaar apart zien."
                    ),
                )
            }
            Warning::FewReplications { replications } => lang.pick(
                format!(
                    "Only {replications} replication(s): the 95% intervals are rough (with 1 there are none). Use 30 for a result to forward."
                ),
                format!(
                    "Slechts {replications} herhaling(en): de 95%-intervallen zijn grof (bij 1 zijn er geen). Gebruik er 30 voor een uitkomst die wordt doorgestuurd."
                ),
            ),
            Warning::SparseMetric {
                metric,
                with_value,
                of,
            } => lang.pick(
                format!(
                    "'{}' had nothing to count in {} of {of} replications: its mean and interval rest on {with_value}.",
                    metric.label(lang),
                    of - with_value
                ),
                format!(
                    "'{}' had in {} van de {of} herhalingen niets te tellen: gemiddelde en interval rusten op {with_value}.",
                    metric.label(lang),
                    of - with_value
                ),
            ),
        }
    }
}

/// A study's warnings: each waiting line that never settles, with every scenario or point where
/// it does not, and few replications.
pub fn study_warnings(
    lang: Lang,
    names: &[String],
    params: &[&Params],
    results: &[RunResults],
) -> Vec<String> {
    // One warning per line, naming every scenario or point where it never settles.
    let mut by_queue: Vec<(crate::model::metrics::Daily, Vec<&str>)> = Vec::new();
    for ((name, p), r) in names.iter().zip(params).zip(results) {
        for w in warnings(p, r) {
            if let Warning::QueueGrowing { queue, .. } = w {
                match by_queue.iter_mut().find(|(q, _)| *q == queue) {
                    Some((_, at)) => at.push(name),
                    None => by_queue.push((queue, vec![name])),
                }
            }
        }
    }
    by_queue
        .iter()
        .map(|(queue, at)| {
            let (en, nl) = Warning::queue_name(*queue);
            lang.pick(
                format!(
                    "{en} is still growing at the end of the run at {} of {}: {}. There the system does not settle, so waits and use depend on how long you run: read them as lower bounds (a single run of one of them shows it year by year).",
                    at.len(),
                    names.len(),
                    at.join("; ")
                ),
                format!(
                    "{nl} groeit aan het eind van de doorrekening nog bij {} van de {}: {}. Daar komt het systeem niet tot rust, dus wachttijden en bezetting hangen af van hoe lang wordt doorgerekend: lees ze als ondergrens (een doorrekening van één ervan laat het per jaar zien).",
                    at.len(),
                    names.len(),
                    at.join("; ")
                ),
            )
        })
        .chain((params[0].run.replications < FEW_REPLICATIONS).then(|| {
            Warning::FewReplications {
                replications: params[0].run.replications,
            }
            .text(lang)
        }))
        .collect()
}
