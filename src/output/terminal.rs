//! What the command line prints at the end of a command, as text: the run's table of
//! headline metrics, a sweep's table and alarms, a comparison's table, and `check`'s listing
//! of every parameter. Pure functions, so they can be tested and reused.

use std::fmt::Write as _;

use crate::experiment::RunResults;
use crate::experiment::alarm::{Alarm, AlarmFinding, YearFinding};
use crate::experiment::compare::Difference;
use crate::format::terminal as sig_en;
use crate::lang::Lang;
use crate::model::Metric;
use crate::scenario::{Loaded, Params, Scenario, register};
use crate::stats::Interval;

/// A value in a terminal table, with Dutch's decimal comma.
fn sig(lang: Lang, v: f64) -> String {
    lang.num(&sig_en(v))
}

/// "mean (low–high)" with three significant digits.
fn cell(lang: Lang, i: &Interval) -> String {
    format!(
        "{} ({}–{})",
        sig(lang, i.mean),
        sig(lang, i.low),
        sig(lang, i.high)
    )
}

/// The headline metrics of a run, one line each (English: the metric ids users type in
/// `--alarm`; Dutch: the labels).
pub fn run_table(lang: Lang, scenario: &Scenario, params: &Params, results: &RunResults) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "\n{} — {}",
        scenario.name,
        lang.pick(
            format!(
                "{} replications × {} days (warm-up {}), seed {}, {} threads, {:.1} s",
                params.run.replications,
                params.run.horizon_days,
                params.run.warmup_days,
                params.run.seed,
                results.threads,
                results.wall.as_secs_f64()
            ),
            format!(
                "{} herhalingen × {} dagen (inloopperiode {}), seed {}, {} threads, {} s",
                params.run.replications,
                params.run.horizon_days,
                params.run.warmup_days,
                params.run.seed,
                results.threads,
                lang.num(&format!("{:.1}", results.wall.as_secs_f64()))
            )
        )
    );
    let width = lang.pick(38, 50);
    let _ = writeln!(
        s,
        "{:<width$} {:>10}   {:<23} {}",
        lang.pick("metric", "maat"),
        lang.pick("mean", "gemiddelde"),
        lang.pick("95% interval", "95%-interval"),
        lang.pick("unit", "eenheid")
    );
    for row in &results.summary {
        let i = &row.interval;
        let ci = if i.low.is_nan() {
            "-".to_string()
        } else {
            format!("{} .. {}", sig(lang, i.low), sig(lang, i.high))
        };
        let _ = writeln!(
            s,
            "{:<width$} {:>10}   {:<23} {}",
            lang.pick(row.metric.name(), row.metric.label(lang)),
            sig(lang, i.mean),
            ci,
            row.metric.unit_text(lang)
        );
    }
    s.push('\n');
    s
}

/// A few metrics for every point of a sweep.
pub fn sweep_table(
    lang: Lang,
    name: &str,
    params: &Params,
    labels: &[String],
    results: &[RunResults],
) -> String {
    let shown = [
        Metric::VhhEntriesPerYear,
        Metric::VhhHoursUtilisation,
        Metric::VhhWaitDaysMean,
        Metric::LateUpscalingShare,
        Metric::AcuteCrisesPer1000,
    ];
    let mut s = String::new();
    let _ = writeln!(
        s,
        "\n{}",
        lang.pick(
            format!(
                "sweep of {name} — {} points × {} replications, seed {}",
                labels.len(),
                params.run.replications,
                params.run.seed
            ),
            format!(
                "reeks van {name} — {} punten × {} herhalingen, seed {}",
                labels.len(),
                params.run.replications,
                params.run.seed
            )
        )
    );
    let _ = writeln!(
        s,
        "{:<40}{}",
        lang.pick("point", "punt"),
        shown.map(|m| format!("{:>30}", short(lang, m))).join("")
    );
    for (label, r) in labels.iter().zip(results) {
        let cells: String = shown
            .iter()
            .map(|&m| format!("{:>30}", cell(lang, r.metric(m))))
            .collect();
        let _ = writeln!(s, "{label:<40}{cells}");
    }
    s.push('\n');
    s
}

/// A column head: the id in English (what `--alarm` takes), the label in Dutch, cut to fit.
fn short(lang: Lang, m: Metric) -> String {
    let text = lang.pick(m.name(), m.label(lang));
    if text.chars().count() > 29 {
        let cut: String = text.chars().take(28).collect();
        format!("{cut}…")
    } else {
        text.to_string()
    }
}

/// One line per alarm of a run: the first calendar year it fires in, or that no year does.
pub fn year_alarm_lines(lang: Lang, alarms: &[(Alarm, YearFinding)], first: i16) -> String {
    let mut s = String::new();
    for (alarm, finding) in alarms {
        let _ = writeln!(
            s,
            "alarm {alarm}: {}",
            year_finding(lang, alarm, finding, first)
        );
    }
    s
}

/// What an alarm found year by year, in words (`first` is the first measured year).
pub fn year_finding(lang: Lang, alarm: &Alarm, finding: &YearFinding, first: i16) -> String {
    match finding {
        YearFinding::First(y) if *y == first => lang.pick(
            format!("from the first measured year, {y}"),
            format!("vanaf het eerste gemeten jaar, {y}"),
        ),
        YearFinding::First(y) => {
            lang.pick(format!("first in {y}"), format!("voor het eerst in {y}"))
        }
        YearFinding::Never(Some((y, v))) => {
            let v = if alarm.metric.is_share() {
                alarm.metric.show(lang, *v)
            } else {
                format!(
                    "{} {}",
                    alarm.metric.show(lang, *v),
                    alarm.metric.unit_text(lang)
                )
            };
            lang.pick(
                format!("in no year (closest: {v} in {y})"),
                format!("in geen enkel jaar (het dichtst bij: {v} in {y})"),
            )
        }
        YearFinding::Never(None) => lang.pick("in no year", "in geen enkel jaar").to_string(),
        YearFinding::NotPerYear => lang
            .pick(
                "not counted year by year (yearly.csv has no column for it); see the headline",
                "niet per jaar geteld (yearly.csv heeft er geen kolom voor); zie de kernuitkomsten",
            )
            .to_string(),
    }
}

/// One line per alarm: where it first fires, or how close it came.
pub fn alarm_lines(
    lang: Lang,
    alarms: &[(Alarm, AlarmFinding)],
    labels: &[String],
    results: &[RunResults],
) -> String {
    let mut s = String::new();
    for (alarm, finding) in alarms {
        let _ = match finding {
            AlarmFinding::First(k) => {
                let i = results[*k].metric(alarm.metric);
                writeln!(
                    s,
                    "{}",
                    lang.pick(
                        format!(
                            "alarm {alarm}: first at {} (mean {}, 95% interval {}–{})",
                            labels[*k],
                            sig(lang, i.mean),
                            sig(lang, i.low),
                            sig(lang, i.high)
                        ),
                        format!(
                            "alarm {alarm}: voor het eerst bij {} (gemiddeld {}, 95%-interval {}–{})",
                            labels[*k],
                            sig(lang, i.mean),
                            sig(lang, i.low),
                            sig(lang, i.high)
                        )
                    )
                )
            }
            AlarmFinding::NotReached(Some((k, m))) => writeln!(
                s,
                "{}",
                lang.pick(
                    format!(
                        "alarm {alarm}: not reached (closest {} at {})",
                        sig(lang, *m),
                        labels[*k]
                    ),
                    format!(
                        "alarm {alarm}: niet bereikt (het dichtst bij: {} bij {})",
                        sig(lang, *m),
                        labels[*k]
                    )
                )
            ),
            AlarmFinding::NotReached(None) => writeln!(
                s,
                "alarm {alarm}: {}",
                lang.pick("not reached", "niet bereikt")
            ),
        };
    }
    s
}

/// A few metrics for every scenario of a comparison, marked where the paired difference
/// from the first excludes zero.
pub fn comparison_table(
    lang: Lang,
    facts: &str,
    results: &[RunResults],
    differences: &[Vec<Difference>],
) -> String {
    let shown = [
        Metric::AcuteCrisesPer1000,
        Metric::LateUpscalingShare,
        Metric::OverTheFencePer1000,
        Metric::VhhHoursUtilisation,
        Metric::ZsmInformedShare,
    ];
    let mut s = String::new();
    let _ = writeln!(s, "\n{} — {facts}", lang.pick("comparison", "vergelijking"));
    let _ = writeln!(
        s,
        "{:<34}{}",
        "scenario",
        shown.map(|m| format!("{:>31}", short(lang, m))).join("")
    );
    for (k, r) in results.iter().enumerate() {
        let cells: String = shown
            .iter()
            .map(|&m| {
                let d = (k > 0)
                    .then(|| differences[k - 1].iter().find(|d| d.metric == m))
                    .flatten();
                let mark = if d.is_some_and(|d| d.excludes_zero()) {
                    "*"
                } else {
                    " "
                };
                format!("{:>30}{mark}", cell(lang, r.metric(m)))
            })
            .collect();
        let _ = writeln!(s, "{:<34}{cells}", r.name);
    }
    let first = results.first().map_or("", |r| r.name.as_str());
    let _ = writeln!(
        s,
        "{}",
        lang.pick(
            format!("* paired difference from {first} excludes zero. Every metric: comparison.md"),
            format!("* het gepaarde verschil met {first} sluit nul uit. Alle maten: comparison.md")
        )
    );
    s
}

/// `check`: every parameter as it will be used, with unit, evidence grade, source and
/// where it was set.
pub fn check_listing(lang: Lang, loaded: &Loaded, source: &str) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# {source}: {}",
        lang.pick(
            "valid. Every parameter as it will be used, with [unit], evidence grade and source.",
            "geldig. Elke parameter zoals hij wordt gebruikt, met [eenheid], bewijsgraad en bron."
        )
    );
    let _ = writeln!(
        s,
        "# {}",
        lang.pick(
            "Grades: A a number in the study, B a direction in the study (size assumed), C an assumption, P a public source (year).",
            "Graden: A een getal uit het onderzoek, B een richting uit het onderzoek (grootte aangenomen), C een aanname, P een openbare bron (jaar). De citaten komen uit het onderzoek."
        )
    );
    let value = match toml::Value::try_from(loaded.scenario.resolved()) {
        Ok(v) => v,
        Err(e) => {
            let _ = writeln!(s, "# (cannot list parameters: {e})");
            return s;
        }
    };
    for (key, v) in register::leaves(&value) {
        let d = register::describe(&key, &loaded.provenance, lang);
        let mut why = String::new();
        if !d.quote.is_empty() {
            let _ = write!(why, " \"{}\"", d.quote);
        }
        if !d.note.is_empty() {
            let _ = write!(
                why,
                "{} {}",
                if d.quote.is_empty() { ":" } else { ";" },
                d.note
            );
        }
        if !d.range.is_empty() {
            let _ = write!(
                why,
                "; {} {}",
                lang.pick("plausible", "aannemelijk"),
                d.range
            );
        }
        let _ = writeln!(
            s,
            "{key} = {v}    # [{}] [{}]{why} ({})",
            d.unit, d.tag, d.set_in
        );
    }
    s
}
