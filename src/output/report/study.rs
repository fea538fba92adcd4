//! The reports of a comparison and of a sweep: what was run, key findings generated from the
//! results (the largest differences beyond noise, alarms crossed, lines that never settle),
//! a table of the main metrics, every chart, and what the model can and cannot tell you.

use std::fmt::Write as _;
use std::path::Path;

use super::limits::limits_section;
use super::{Page, esc};
use crate::experiment::RunResults;
use crate::experiment::alarm::{Alarm, AlarmFinding, YearFinding};
use crate::experiment::compare::Difference;
use crate::format::value as format_value;
use crate::lang::Lang;
use crate::model::Metric;
use crate::output::charts::ChartInfo;
use crate::scenario::Params;

/// A value of a metric as people read it (a share as a percentage).
pub(super) fn shown(lang: Lang, m: Metric, v: f64) -> String {
    m.show(lang, v)
}

/// A signed difference (a share's in percentage points).
pub(super) fn signed(lang: Lang, m: Metric, v: f64) -> String {
    let unit = if m.is_share() {
        lang.pick(" pp", " procentpunt")
    } else {
        ""
    };
    format!("{}{unit}", signed_number(lang, m, v))
}

/// A signed difference without its unit (a share's as percentage points), for an interval
/// under an estimate that names the unit.
pub(super) fn signed_number(lang: Lang, m: Metric, v: f64) -> String {
    let v = if m.is_share() { 100.0 * v } else { v };
    let sign = if v > 0.0 { "+" } else { "" };
    format!("{sign}{}", lang.num(&format_value(v)))
}

/// "run control" line of a study, in words.
fn run_line(lang: Lang, p: &Params, what: &str) -> String {
    lang.pick(
        format!(
            "{} replications × {} days (warm-up {}) per {what}, seed {}, the same random streams everywhere (common random numbers): differences come from the scenario's different choices, with the random noise kept as equal as possible.",
            p.run.replications, p.run.horizon_days, p.run.warmup_days, p.run.seed
        ),
        format!(
            "{} herhalingen × {} dagen (inloopperiode {}) per {what}, seed {}, overal dezelfde toevalsgetallen (common random numbers): verschillen komen door de andere keuzes in het scenario; de toevalsruis is zoveel mogelijk gelijk gehouden.",
            p.run.replications, p.run.horizon_days, p.run.warmup_days, p.run.seed
        ),
    )
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

/// The outcomes a comparison's key findings are about.
const OUTCOMES: [Metric; 8] = [
    Metric::AcuteCrisesPer1000,
    Metric::EscalationsAve4Per1000,
    Metric::LateUpscalingShare,
    Metric::OverTheFencePer1000,
    Metric::VhhWaitDaysMean,
    Metric::AdviceAnsweredInTimeShare,
    Metric::ZsmInformedShare,
    Metric::ZsmWithinTargetShare,
];

/// The metrics of a sweep's table.
const SWEEP_MAIN: [Metric; 7] = [
    Metric::VhhEntriesPerYear,
    Metric::VhhHoursUtilisation,
    Metric::VhhWaitDaysMean,
    Metric::AdviceAnsweredInTimeShare,
    Metric::LateUpscalingShare,
    Metric::AcuteCrisesPer1000,
    Metric::ZsmInformedShare,
];

/// A table of the first calendar year each alarm fires in, one row per scenario or point.
fn alarm_years(
    page: &mut Page,
    lang: Lang,
    labels: &[String],
    params: &[&Params],
    results: &[RunResults],
    alarms: &[Alarm],
) {
    let Some(first) = params
        .first()
        .and_then(|p| crate::model::yearly::years(&p.run).first().map(|y| y.year))
    else {
        return;
    };
    let _ = write!(
        page.html(),
        "<h2 id=\"alarm-years\">{}</h2>\n<p>{}</p>\n",
        lang.pick("In which year?", "In welk jaar?"),
        lang.pick(
            "The first calendar year in which each alarm fires (the year's mean over replications, as in a run's yearly.csv); “–”: in no year of the run.",
            "Het eerste kalenderjaar waarin elk alarm afgaat (het jaargemiddelde over de herhalingen, zoals in yearly.csv van een run); “–”: in geen enkel jaar van de run."
        )
    );
    let mut head = vec![String::new()];
    head.extend(
        alarms
            .iter()
            .map(|a| format!("{} {}", a.metric.label(lang), a.sign_and_value(lang))),
    );
    let rows: Vec<Vec<(String, bool)>> = labels
        .iter()
        .zip(results)
        .zip(params)
        .map(|((label, r), p)| {
            let mut row = vec![(esc(label), false)];
            row.extend(alarms.iter().map(|a| {
                let text = match a.first_year(r, &p.run) {
                    YearFinding::First(y) if y == first => lang.pick(
                        format!("{y} (from the start)"),
                        format!("{y} (vanaf het begin)"),
                    ),
                    YearFinding::First(y) => y.to_string(),
                    YearFinding::Never(_) => "–".to_string(),
                    YearFinding::NotPerYear { fires, .. } => lang
                        .pick(
                            if fires {
                                "whole period: yes"
                            } else {
                                "whole period: no"
                            },
                            if fires {
                                "hele periode: ja"
                            } else {
                                "hele periode: nee"
                            },
                        )
                        .to_string(),
                };
                (text, true)
            }));
            row
        })
        .collect();
    page.table(&head, &rows);
}

/// Write the report of a comparison.
#[allow(clippy::too_many_arguments)]
pub fn write_compare_report(
    lang: Lang,
    dir: &Path,
    params: &[&Params],
    results: &[RunResults],
    differences: &[Vec<Difference>],
    sets: &[String],
    descriptions: &[String],
    warnings: &[String],
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
    page.warnings(warnings);

    // Key findings: the largest differences beyond the simulation's noise in the outcomes a
    // memo leads with, by their relative size (the change over the larger of the two values,
    // so a rise from almost nothing does not outrank everything).
    let mut real: Vec<(f64, &String, &Difference, f64)> = Vec::new();
    let outcome = |m: Metric| OUTCOMES.contains(&m);
    for (k, diffs) in differences.iter().enumerate() {
        for d in diffs
            .iter()
            .filter(|d| d.excludes_zero() && outcome(d.metric) && d.material())
        {
            let base = results[0].metric(d.metric).mean;
            let size = d.paired.mean.abs() / base.abs().max((base + d.paired.mean).abs()).max(1e-9);
            real.push((size, &names[k + 1], d, base));
        }
    }
    // Acute incidents and AVE 4 first (what AVE is for), then by relative size.
    let first_of = |m: Metric| {
        !matches!(
            m,
            Metric::AcuteCrisesPer1000 | Metric::EscalationsAve4Per1000
        )
    };
    real.sort_by(|a, b| {
        first_of(a.2.metric)
            .cmp(&first_of(b.2.metric))
            .then(b.0.total_cmp(&a.0))
    });
    let mut findings: Vec<String> = real
        .iter()
        .take(10)
        .map(|(_, name, d, base)| {
            let m = d.metric;
            let better = match m.def().better {
                crate::model::metrics::Better::Higher => d.paired.mean > 0.0,
                _ => d.paired.mean < 0.0,
            };
            // Fewer hand-overs too early, or a smaller share of incidents before any AVE 3,
            // is not better in itself when fewer cases are scaled up at all: say which way.
            let plain = matches!(m, Metric::OverTheFencePer1000 | Metric::LateUpscalingShare);
            let verdict = match (plain, better, d.paired.mean > 0.0) {
                (true, _, true) => lang.pick("higher", "hoger"),
                (true, _, false) => lang.pick("lower", "lager"),
                (false, true, _) => lang.pick("better", "beter"),
                (false, false, _) => lang.pick("worse", "slechter"),
            };
            let (from, to, interval) = match lang {
                Lang::En => ("from", "to", "95% interval"),
                Lang::Nl => ("van", "naar", "95%-interval"),
            };
            format!(
                "<b>{}</b> — {}: {from} {} {to} {}{} ({}; {interval} {} {} {}): {verdict}.",
                esc(name),
                esc(m.label(lang)),
                shown(lang, m, *base),
                shown(lang, m, base + d.paired.mean),
                m.short_unit(lang),
                signed(lang, m, d.paired.mean),
                signed(lang, m, d.paired.low),
                lang.pick("to", "tot"),
                signed(lang, m, d.paired.high),
            )
        })
        .collect();
    let (beyond, all) = (
        real.len(),
        differences
            .iter()
            .flatten()
            .filter(|d| outcome(d.metric))
            .count(),
    );
    let small = differences
        .iter()
        .flatten()
        .filter(|d| d.excludes_zero() && outcome(d.metric) && !d.material())
        .count();
    findings.push(lang.pick(
        format!(
            "{beyond} of {all} differences from {first} in these outcomes (acute incidents, AVE 4, incidents before any AVE 3, over the fence, wait for procesregie, consults in time, ZSM with context, ZSM within the target) are beyond the simulation's noise and large enough to matter (at least a day of waiting, a percentage point, 0.2 per 1,000 cases); listed above are acute incidents and AVE 4 first, then the largest by relative size (at most ten){}. Every metric's difference, with its interval, is in differences.csv.",
            if small > 0 { format!("; {small} more are beyond the noise but smaller than that") } else { String::new() }
        ) + " Where a scenario sets an effect size itself (for example three times as many hand-overs too early without agreed criteria), its difference restates that assumption: the assumptions register gives the grade.",
        format!(
            "{beyond} van de {all} verschillen met {first} in deze uitkomsten (acute incidenten, AVE 4, incidenten vóór enige AVE 3, over de schutting, wachttijd procesregie, adviesvragen op tijd, ZSM met context, ZSM binnen de termijn) zijn groter dan de toevalsruis én groot genoeg om ertoe te doen (minstens een dag wachten, een procentpunt, 0,2 per 1.000 casussen); hierboven staan eerst acute incidenten en AVE 4, dan de grootste naar relatieve omvang (hoogstens tien){}. Het verschil in elke maat staat met interval in differences.csv.",
            if small > 0 { format!("; nog {small} zijn groter dan de ruis maar kleiner dan dat") } else { String::new() }
        ) + " Waar een scenario zelf een effectgrootte vastlegt (bijvoorbeeld drie keer zo vaak te vroeg overgedragen zonder afgesproken criteria), herhaalt het verschil die aanname: het register van aannames geeft de bewijskracht.",
    ));
    page.findings(&findings);

    // The scenarios, in the words of their files.
    let h = page.html();
    let _ = writeln!(
        h,
        "<h2 id=\"scenarios\">{}</h2>\n<ul>",
        lang.pick("The scenarios", "De scenario's")
    );
    for (name, d) in names.iter().zip(descriptions) {
        let _ = writeln!(h, "<li><b>{}</b>: {}</li>", esc(name), esc(d));
    }
    h.push_str("</ul>\n");

    let h = page.html();
    let _ = write!(
        h,
        "<h2 id=\"table\">{}</h2>\n<p>{}</p>\n",
        lang.pick("Main metrics per scenario", "Belangrijkste maten per scenario"),
        lang.pick(
            format!("Mean over replications; <b>bold</b> where the paired difference from {first} is beyond the simulation's noise and large enough to matter. comparison.csv and differences.csv in this folder have every metric."),
            format!("Gemiddelde over de herhalingen; <b>vet</b>: het verschil met {first} is groter dan de toevalsruis en groot genoeg om ertoe te doen. comparison.csv en differences.csv in deze map hebben alle maten."),
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
                        .any(|d| d.metric == m && d.excludes_zero() && d.material());
                row.push((if real { format!("<b>{text}</b>") } else { text }, true));
            }
            row
        })
        .collect();
    page.table(&head, &rows);
    alarm_years(&mut page, lang, &names, params, results, &Alarm::defaults());
    page.charts(
        dir,
        charts,
        lang.pick(
            "Bars are means over replications, whiskers 95% intervals; the legend names the scenarios in order.",
            "Staven zijn gemiddelden over de herhalingen, streepjes 95%-intervallen; de legenda noemt de scenario's op volgorde.",
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
    warnings: &[String],
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
    page.warnings(warnings);

    let mut findings = Vec::new();
    for (alarm, finding) in alarms {
        findings.push(match finding {
            AlarmFinding::First(k) => {
                let i = results[*k].metric(alarm.metric);
                let unit = alarm.metric.short_unit(lang);
                lang.pick(
                    format!(
                        "Alarm {} first at <b>{}</b> (mean {}{unit}, 95% interval {} to {}{unit}).",
                        esc(&alarm.words(lang)),
                        esc(&labels[*k]),
                        shown(lang, alarm.metric, i.mean),
                        shown(lang, alarm.metric, i.low),
                        shown(lang, alarm.metric, i.high)
                    ),
                    format!(
                        "Alarm {} voor het eerst bij <b>{}</b> (gemiddeld {}{unit}, 95%-interval {} tot {}{unit}).",
                        esc(&alarm.words(lang)),
                        esc(&labels[*k]),
                        shown(lang, alarm.metric, i.mean),
                        shown(lang, alarm.metric, i.low),
                        shown(lang, alarm.metric, i.high)
                    ),
                )
            }
            AlarmFinding::NotReached(_) => lang.pick(
                format!("Alarm {} is not reached at any point.", esc(&alarm.words(lang))),
                format!("Alarm {} wordt bij geen enkel punt bereikt.", esc(&alarm.words(lang))),
            ),
        });
    }
    if let (Some(a), Some(b)) = (results.first(), results.last()) {
        for m in [
            Metric::VhhEntriesPerYear,
            Metric::VhhWaitDaysMean,
            Metric::AcuteCrisesPer1000,
        ] {
            let unit = m.short_unit(lang);
            findings.push(lang.pick(
                format!(
                    "{}: {}{unit} at {} and {}{unit} at {}.",
                    esc(m.label(lang)),
                    shown(lang, m, a.metric(m).mean),
                    esc(&labels[0]),
                    shown(lang, m, b.metric(m).mean),
                    esc(&labels[labels.len() - 1])
                ),
                format!(
                    "{}: {}{unit} bij {} en {}{unit} bij {}.",
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

    // What was varied, in the register's words.
    let h = page.html();
    let _ = writeln!(
        h,
        "<h2 id=\"varied\">{}</h2>\n<ul>",
        lang.pick("What was varied", "Wat is gevarieerd")
    );
    for v in vary {
        let key = v.split_once('=').map_or(v.as_str(), |(k, _)| k).trim();
        let Some(p) = crate::scenario::register::lookup(key) else {
            continue;
        };
        let range = p.range_text(lang);
        let _ = writeln!(
            h,
            "<li><code>{}</code>: {} ({}){}</li>",
            esc(key),
            esc(p.doc(lang)),
            esc(p.unit(lang)),
            if range.is_empty() {
                String::new()
            } else {
                format!(
                    "; {} {}",
                    lang.pick("plausible range", "aannemelijke bandbreedte"),
                    esc(&range)
                )
            }
        );
    }
    h.push_str("</ul>\n");

    let h = page.html();
    let _ = write!(
        h,
        "<h2 id=\"table\">{}</h2>\n<p>{}</p>\n",
        lang.pick("Main metrics per point", "Belangrijkste maten per punt"),
        lang.pick(
            "Mean over replications; every metric with its interval is in sweep.csv.",
            "Gemiddelde over de herhalingen; elke maat met interval staat in sweep.csv.",
        )
    );
    let mut head = vec![lang.pick("point", "punt").to_string()];
    head.extend(SWEEP_MAIN.iter().map(|m| m.label(lang).to_string()));
    let rows: Vec<Vec<(String, bool)>> = labels
        .iter()
        .zip(results)
        .map(|(label, r)| {
            let mut row = vec![(esc(label), false)];
            row.extend(
                SWEEP_MAIN
                    .iter()
                    .map(|&m| (shown(lang, m, r.metric(m).mean), true)),
            );
            row
        })
        .collect();
    page.table(&head, &rows);
    let alarm_list: Vec<Alarm> = alarms.iter().map(|(a, _)| a.clone()).collect();
    alarm_years(&mut page, lang, labels, params, results, &alarm_list);
    page.charts(
        dir,
        charts,
        lang.pick(
            "Each metric against the first varied key, one line per value of the others, with its 95% band; a red line is an alarm's threshold.",
            "Elke maat tegen de eerste gevarieerde sleutel, één lijn per waarde van de andere, met de 95%-band; een rode lijn is de drempel van een alarm.",
        ),
    )?;
    // The check against a public figure is for one run of a scenario, not for a grid.
    limits_section(page.html(), lang, "", &results[0]);
    page.write(dir, version)
}
