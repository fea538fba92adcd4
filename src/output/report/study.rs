//! The reports of a comparison and of a sweep: what was run, key findings generated from the
//! results (the largest differences beyond noise, alarms crossed, lines that never settle),
//! a table of the main metrics, every chart, and what the model can and cannot tell you.

use std::fmt::Write as _;
use std::path::Path;

use super::limits::limits_section;
use super::{Page, esc};
use crate::experiment::RunResults;
use crate::experiment::compare::Difference;
use crate::experiment::sweep::{Alarm, AlarmFinding};
use crate::experiment::warnings::{Warning, warnings};
use crate::format::{pct, value as format_value};
use crate::lang::Lang;
use crate::model::Metric;
use crate::output::charts::ChartInfo;
use crate::scenario::Params;

/// A value of a metric as people read it (a share as a percentage).
fn shown(lang: Lang, m: Metric, v: f64) -> String {
    lang.num(&if m.is_share() {
        pct(v)
    } else {
        format_value(v)
    })
}

/// A signed difference (a share's in percentage points).
fn signed(lang: Lang, m: Metric, v: f64) -> String {
    let (v, unit) = if m.is_share() {
        (100.0 * v, lang.pick(" pp", " procentpunt"))
    } else {
        (v, "")
    };
    let sign = if v > 0.0 { "+" } else { "" };
    format!("{sign}{}{unit}", lang.num(&format_value(v)))
}

/// "run control" line of a study, in words.
fn run_line(lang: Lang, p: &Params, what: &str) -> String {
    lang.pick(
        format!(
            "{} replications × {} days (warm-up {}) per {what}, seed {}, the same random streams everywhere (common random numbers): differences are the setting's effect, not chance.",
            p.run.replications, p.run.horizon_days, p.run.warmup_days, p.run.seed
        ),
        format!(
            "{} replicaties × {} dagen (inloop {}) per {what}, seed {}, overal dezelfde toevalsgetallen (common random numbers): verschillen komen door de instelling, niet door toeval.",
            p.run.replications, p.run.horizon_days, p.run.warmup_days, p.run.seed
        ),
    )
}

/// The lines still growing at the end, per result, as one warning each (with where).
fn growing_lines(
    lang: Lang,
    names: &[String],
    params: &[&Params],
    results: &[RunResults],
) -> Vec<String> {
    let mut out = Vec::new();
    for ((name, p), r) in names.iter().zip(params).zip(results) {
        for w in warnings(p, r) {
            if matches!(w, Warning::QueueGrowing { .. }) {
                out.push(format!("{name}: {}", w.text(lang)));
            }
        }
    }
    out
}

/// The metrics a study's table shows.
const MAIN: [Metric; 6] = [
    Metric::UpscalingsAve3Per1000,
    Metric::OverTheFencePer1000,
    Metric::AcuteCrisesPer1000,
    Metric::VhhHoursUtilisation,
    Metric::VhhWaitDaysMean,
    Metric::ZsmInformedShare,
];

/// Write the report of a comparison.
#[allow(clippy::too_many_arguments)]
pub fn write_compare_report(
    lang: Lang,
    dir: &Path,
    params: &[&Params],
    results: &[RunResults],
    differences: &[Vec<Difference>],
    sets: &[String],
    charts: &[ChartInfo],
    version: &str,
) -> std::io::Result<()> {
    let names: Vec<String> = results.iter().map(|r| r.name.clone()).collect();
    let first = names.first().cloned().unwrap_or_default();
    let mut title = lang.pick(
        format!(
            "comparison of {} scenarios with {first}",
            names.len().saturating_sub(1)
        ),
        format!(
            "vergelijking van {} scenario's met {first}",
            names.len().saturating_sub(1)
        ),
    );
    if !sets.is_empty() {
        let _ = write!(
            title,
            ", {} {}",
            lang.pick("changed with", "gewijzigd met"),
            sets.join(", ")
        );
    }
    let p0 = params[0];
    let mut page = Page::new(
        lang,
        &title,
        &run_line(lang, p0, lang.pick("scenario", "scenario")),
    );
    let mut warn = growing_lines(lang, &names, params, results);
    if p0.run.replications < crate::experiment::warnings::FEW_REPLICATIONS {
        warn.push(
            Warning::FewReplications {
                replications: p0.run.replications,
            }
            .text(lang),
        );
    }
    page.warnings(&warn);

    // Key findings: the largest differences beyond the simulation's noise in an outcome (a
    // metric with a better direction), relative to the baseline's value.
    let mut real: Vec<(f64, &String, &Difference, f64)> = Vec::new();
    let outcome = |m: Metric| m.def().better != crate::model::metrics::Better::Neither;
    for (k, diffs) in differences.iter().enumerate() {
        for d in diffs
            .iter()
            .filter(|d| d.excludes_zero() && outcome(d.metric))
        {
            let base = results[0].metric(d.metric).mean;
            let size = d.paired.mean.abs() / base.abs().max(1e-9);
            real.push((size, &names[k + 1], d, base));
        }
    }
    real.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut findings: Vec<String> = real
        .iter()
        .take(6)
        .map(|(_, name, d, base)| {
            let m = d.metric;
            let better = match m.def().better {
                crate::model::metrics::Better::Higher => d.paired.mean > 0.0,
                _ => d.paired.mean < 0.0,
            };
            lang.pick(
                format!(
                    "<b>{}</b>: {} {} from {} to {} ({}, 95% interval {} to {}): {}.",
                    esc(name),
                    esc(m.label(lang)),
                    if d.paired.mean > 0.0 {
                        "rises"
                    } else {
                        "falls"
                    },
                    shown(lang, m, *base),
                    shown(lang, m, base + d.paired.mean),
                    signed(lang, m, d.paired.mean),
                    signed(lang, m, d.paired.low),
                    signed(lang, m, d.paired.high),
                    if better { "better" } else { "worse" }
                ),
                format!(
                    "<b>{}</b>: {} {} van {} naar {} ({}, 95%-interval {} tot {}): {}.",
                    esc(name),
                    esc(m.label(lang)),
                    if d.paired.mean > 0.0 {
                        "stijgt"
                    } else {
                        "daalt"
                    },
                    shown(lang, m, *base),
                    shown(lang, m, base + d.paired.mean),
                    signed(lang, m, d.paired.mean),
                    signed(lang, m, d.paired.low),
                    signed(lang, m, d.paired.high),
                    if better { "beter" } else { "slechter" }
                ),
            )
        })
        .collect();
    findings.push(lang.pick(
        format!(
            "{} of {} differences from {first} in an outcome are beyond the simulation's noise; the largest, relative to {first}'s value, are listed above. Every difference, with its interval, is in differences.csv.",
            real.len(),
            differences.iter().flatten().filter(|d| outcome(d.metric)).count()
        ),
        format!(
            "{} van de {} verschillen met {first} in een uitkomst gaan de ruis van de simulatie te boven; de grootste, gemeten aan de waarde bij {first}, staan hierboven. Elk verschil staat met interval in differences.csv.",
            real.len(),
            differences.iter().flatten().filter(|d| outcome(d.metric)).count()
        ),
    ));
    page.findings(&findings);

    let h = page.html();
    let _ = write!(
        h,
        "<h2 id=\"table\">{}</h2>\n<p>{}</p>\n",
        lang.pick("Main metrics per scenario", "Belangrijkste maten per scenario"),
        lang.pick(
            format!("Mean over replications; <b>bold</b> where the paired difference from {first} excludes zero. comparison.csv and differences.csv in this folder have every metric."),
            format!("Gemiddelde over de replicaties; <b>vet</b> waar het gepaarde verschil met {first} nul uitsluit. comparison.csv en differences.csv in deze map hebben alle maten."),
        )
    );
    let mut head = vec!["scenario".to_string()];
    head.extend(MAIN.iter().map(|m| m.label(lang).to_string()));
    let rows: Vec<Vec<(String, bool)>> = results
        .iter()
        .enumerate()
        .map(|(k, r)| {
            let mut row = vec![(esc(&r.name), false)];
            for &m in &MAIN {
                let text = shown(lang, m, r.metric(m).mean);
                let real = k > 0
                    && differences[k - 1]
                        .iter()
                        .any(|d| d.metric == m && d.excludes_zero());
                row.push((if real { format!("<b>{text}</b>") } else { text }, true));
            }
            row
        })
        .collect();
    page.table(&head, &rows);
    page.charts(
        dir,
        charts,
        lang.pick(
            "Bars are means over replications, whiskers 95% intervals; the legend names the scenarios in order.",
            "Staven zijn gemiddelden over de replicaties, streepjes 95%-intervallen; de legenda noemt de scenario's op volgorde.",
        ),
    )?;
    limits_section(page.html(), lang, &first, &results[0]);
    page.write(dir, version)
}

/// Write the report of a sweep.
#[allow(clippy::too_many_arguments)]
pub fn write_sweep_report(
    lang: Lang,
    dir: &Path,
    name: &str,
    labels: &[String],
    params: &[&Params],
    results: &[RunResults],
    alarms: &[(Alarm, AlarmFinding)],
    vary: &[String],
    charts: &[ChartInfo],
    version: &str,
) -> std::io::Result<()> {
    let title = lang.pick(
        format!("sweep of {name}: {}", vary.join("; ")),
        format!("reeks van {name}: {}", vary.join("; ")),
    );
    let p0 = params[0];
    let mut page = Page::new(
        lang,
        &title,
        &run_line(lang, p0, lang.pick("point", "punt")),
    );
    // Lines that never settle, named once per line at the first point where they do.
    let mut warn = Vec::new();
    let mut seen = Vec::new();
    for (k, (p, r)) in params.iter().zip(results).enumerate() {
        for w in warnings(p, r) {
            if let Warning::QueueGrowing { queue, .. } = &w
                && !seen.contains(queue)
            {
                seen.push(*queue);
                warn.push(format!("{}: {}", labels[k], w.text(lang)));
            }
        }
    }
    page.warnings(&warn);

    let mut findings = Vec::new();
    for (alarm, finding) in alarms {
        findings.push(match finding {
            AlarmFinding::First(k) => {
                let i = results[*k].metric(alarm.metric);
                lang.pick(
                    format!(
                        "Alarm <code>{}</code> first at <b>{}</b> (mean {}, 95% interval {} to {}).",
                        esc(&alarm.to_string()),
                        esc(&labels[*k]),
                        shown(lang, alarm.metric, i.mean),
                        shown(lang, alarm.metric, i.low),
                        shown(lang, alarm.metric, i.high)
                    ),
                    format!(
                        "Alarm <code>{}</code> voor het eerst bij <b>{}</b> (gemiddeld {}, 95%-interval {} tot {}).",
                        esc(&alarm.to_string()),
                        esc(&labels[*k]),
                        shown(lang, alarm.metric, i.mean),
                        shown(lang, alarm.metric, i.low),
                        shown(lang, alarm.metric, i.high)
                    ),
                )
            }
            AlarmFinding::NotReached(_) => lang.pick(
                format!("Alarm <code>{}</code> is not reached at any point.", esc(&alarm.to_string())),
                format!("Alarm <code>{}</code> wordt bij geen enkel punt bereikt.", esc(&alarm.to_string())),
            ),
        });
    }
    if let (Some(a), Some(b)) = (results.first(), results.last()) {
        for m in [
            Metric::VhhEntriesPerYear,
            Metric::VhhWaitDaysMean,
            Metric::AcuteCrisesPer1000,
        ] {
            findings.push(lang.pick(
                format!(
                    "{}: {} at {} and {} at {}.",
                    esc(m.label(lang)),
                    shown(lang, m, a.metric(m).mean),
                    esc(&labels[0]),
                    shown(lang, m, b.metric(m).mean),
                    esc(&labels[labels.len() - 1])
                ),
                format!(
                    "{}: {} bij {} en {} bij {}.",
                    esc(m.label(lang)),
                    shown(lang, m, a.metric(m).mean),
                    esc(&labels[0]),
                    shown(lang, m, b.metric(m).mean),
                    esc(&labels[labels.len() - 1])
                ),
            ));
        }
    }
    page.findings(&findings);

    let h = page.html();
    let _ = write!(
        h,
        "<h2 id=\"table\">{}</h2>\n<p>{}</p>\n",
        lang.pick("Main metrics per point", "Belangrijkste maten per punt"),
        lang.pick(
            "Mean over replications; every metric with its interval is in sweep.csv.",
            "Gemiddelde over de replicaties; elke maat met interval staat in sweep.csv.",
        )
    );
    let mut head = vec![lang.pick("point", "punt").to_string()];
    head.extend(MAIN.iter().map(|m| m.label(lang).to_string()));
    let rows: Vec<Vec<(String, bool)>> = labels
        .iter()
        .zip(results)
        .map(|(label, r)| {
            let mut row = vec![(esc(label), false)];
            row.extend(
                MAIN.iter()
                    .map(|&m| (shown(lang, m, r.metric(m).mean), true)),
            );
            row
        })
        .collect();
    page.table(&head, &rows);
    page.charts(
        dir,
        charts,
        lang.pick(
            "Each metric against the first varied key, one line per value of the others, with its 95% band; dashed lines are alarms.",
            "Elke maat tegen de eerste gevarieerde sleutel, één lijn per waarde van de andere, met de 95%-band; gestippelde lijnen zijn alarmen.",
        ),
    )?;
    // The check against a public figure is for one run of a scenario, not for a grid.
    limits_section(page.html(), lang, "", &results[0]);
    page.write(dir, version)
}
