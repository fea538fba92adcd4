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

/// A value in a terminal table, with Dutch's decimal comma.
fn sig(lang: Lang, v: f64) -> String {
    lang.num(&sig_en(v))
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
                "{} herhalingen × {} dagen (inloopperiode {}), startgetal (seed) {}, {} rekenkernen (threads), {} s",
                params.run.replications,
                params.run.horizon_days,
                params.run.warmup_days,
                params.run.seed,
                results.threads,
                lang.num(&format!("{:.1}", results.wall.as_secs_f64()))
            )
        )
    );
    let width = results
        .summary
        .iter()
        .map(|row| {
            lang.pick(row.metric.name(), row.metric.label(lang))
                .chars()
                .count()
        })
        .max()
        .unwrap_or(0)
        .max(10);
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
            format!("{}–{}", sig(lang, i.low), sig(lang, i.high))
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

/// A few metrics for every point of a sweep: the points' values under the varied keys, then
/// each metric's mean (a share as a percentage); the intervals are in the report.
pub fn sweep_table(
    lang: Lang,
    name: &str,
    params: &Params,
    points: &[Vec<String>],
    keys: &[String],
    results: &[RunResults],
) -> String {
    let shown = [
        Metric::VhhEntriesPerYear,
        Metric::VhhHoursUtilisation,
        Metric::VhhWaitDaysMean,
        Metric::AdviceAnsweredInTimeShare,
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
                points.len(),
                params.run.replications,
                params.run.seed
            ),
            format!(
                "reeks van {name} — {} punten × {} herhalingen, seed {}",
                points.len(),
                params.run.replications,
                params.run.seed
            )
        )
    );
    let rows: Vec<(Vec<String>, &RunResults)> = points.iter().cloned().zip(results).collect();
    s.push_str(&means_table(lang, keys, &rows, &shown, |_, _| ""));
    let _ = writeln!(
        s,
        "{}",
        lang.pick(
            format!(
                "Means over {} replications; the 95% intervals are in report.html and sweep.csv. Metric ids for --alarm: {}.",
                params.run.replications,
                ids(&shown)
            ),
            format!(
                "Gemiddelden over {} herhalingen; de 95%-intervallen staan in report.html en sweep.csv. Namen van de maten voor --alarm: {}.",
                params.run.replications,
                ids(&shown)
            )
        )
    );
    s
}

/// The metric ids, for `--alarm`.
fn ids(metrics: &[Metric]) -> String {
    metrics
        .iter()
        .map(|m| m.name())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A table with one row per scenario or point (`rows`: its first columns, under `heads`)
/// and one column per metric: the mean (a share as a percentage) with a mark from `mark`
/// (row index, metric). Columns are as wide as their widest text.
fn means_table(
    lang: Lang,
    heads: &[String],
    rows: &[(Vec<String>, &RunResults)],
    metrics: &[Metric],
    mark: impl Fn(usize, Metric) -> &'static str,
) -> String {
    let width = |k: usize| {
        rows.iter()
            .map(|(first, _)| first.get(k).map_or(0, |t| t.chars().count()))
            .chain(std::iter::once(heads[k].chars().count()))
            .max()
            .unwrap_or(0)
    };
    let first: Vec<usize> = (0..heads.len()).map(width).collect();
    let cells: Vec<Vec<String>> = rows
        .iter()
        .enumerate()
        .map(|(k, (_, r))| {
            metrics
                .iter()
                .map(|&m| format!("{}{}", m.show_short(lang, r.metric(m).mean), mark(k, m)))
                .collect()
        })
        .collect();
    let col: Vec<usize> = metrics
        .iter()
        .enumerate()
        .map(|(j, m)| {
            cells
                .iter()
                .map(|c| c[j].chars().count())
                .chain(std::iter::once(m.short(lang).chars().count()))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let pad_left =
        |t: &str, w: usize| format!("{}{t}", " ".repeat(w.saturating_sub(t.chars().count())));
    let pad_right =
        |t: &str, w: usize| format!("{t}{}", " ".repeat(w.saturating_sub(t.chars().count())));
    let mut s = String::new();
    let mut line: Vec<String> = heads
        .iter()
        .zip(&first)
        .map(|(h, &w)| pad_right(h, w))
        .collect();
    line.extend(
        metrics
            .iter()
            .zip(&col)
            .map(|(m, &w)| pad_left(m.short(lang), w)),
    );
    let _ = writeln!(s, "{}", line.join("  ").trim_end());
    for ((firsts, _), c) in rows.iter().zip(&cells) {
        let mut line: Vec<String> = firsts
            .iter()
            .zip(&first)
            .map(|(t, &w)| pad_right(t, w))
            .collect();
        line.extend(c.iter().zip(&col).map(|(t, &w)| pad_left(t, w)));
        let _ = writeln!(s, "{}", line.join("  ").trim_end());
    }
    s
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
            let v = format!(
                "{}{}",
                alarm.metric.show(lang, *v),
                alarm.metric.short_unit(lang)
            );
            lang.pick(
                format!(
                    "in no year ({} yearly value: {v} in {y})",
                    if alarm.above { "highest" } else { "lowest" }
                ),
                format!(
                    "in geen enkel jaar ({} jaarwaarde: {v} in {y})",
                    if alarm.above { "hoogste" } else { "laagste" }
                ),
            )
        }
        YearFinding::Never(None) => lang.pick("in no year", "in geen enkel jaar").to_string(),
        YearFinding::NotPerYear { mean, fires } => {
            let v = format!(
                "{}{}",
                alarm.metric.show(lang, *mean),
                alarm.metric.short_unit(lang)
            );
            match fires {
                true => lang.pick(
                    format!("fires over the whole measured period (mean {v}); not counted year by year"),
                    format!("gaat af over de hele meetperiode (gemiddeld {v}); niet per jaar geteld"),
                ),
                false => lang.pick(
                    format!("does not fire over the whole measured period (mean {v}); not counted year by year"),
                    format!("gaat niet af over de hele meetperiode (gemiddeld {v}); niet per jaar geteld"),
                ),
            }
        }
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
                let show = |v: f64| alarm.metric.show(lang, v);
                let unit = alarm.metric.short_unit(lang);
                let (label, mean, low, high) = (
                    &labels[*k],
                    format!("{}{unit}", show(i.mean)),
                    show(i.low),
                    format!("{}{unit}", show(i.high)),
                );
                writeln!(
                    s,
                    "{}",
                    lang.pick(
                        format!("alarm {alarm}: first at {label} (mean {mean}, 95% interval {low}–{high})"),
                        format!("alarm {alarm}: voor het eerst bij {label} (gemiddeld {mean}, 95%-interval {low}–{high})")
                    )
                )
            }
            AlarmFinding::NotReached(Some((k, m))) => {
                let m = format!(
                    "{}{}",
                    alarm.metric.show(lang, *m),
                    alarm.metric.short_unit(lang)
                );
                let label = &labels[*k];
                writeln!(
                    s,
                    "{}",
                    lang.pick(
                        format!("alarm {alarm}: not reached (closest {m} at {label})"),
                        format!("alarm {alarm}: niet bereikt (het dichtst bij: {m} bij {label})")
                    )
                )
            }
            AlarmFinding::NotReached(None) => writeln!(
                s,
                "alarm {alarm}: {}",
                lang.pick("not reached", "niet bereikt")
            ),
        };
    }
    s
}

/// A few metrics for every scenario of a comparison (means; a share as a percentage),
/// marked where the paired difference from the first excludes zero.
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
    let rows: Vec<(Vec<String>, &RunResults)> =
        results.iter().map(|r| (vec![r.name.clone()], r)).collect();
    let mark = |k: usize, m: Metric| {
        let beyond = k > 0
            && differences[k - 1]
                .iter()
                .any(|d| d.metric == m && d.excludes_zero());
        if beyond { "*" } else { " " }
    };
    s.push_str(&means_table(
        lang,
        &["scenario".to_string()],
        &rows,
        &shown,
        mark,
    ));
    let first = results.first().map_or("", |r| r.name.as_str());
    let _ = writeln!(
        s,
        "{}",
        lang.pick(
            format!("* the paired difference from {first} excludes zero. Means; every metric with its intervals: report.html and comparison.md. Metric ids: {}.", ids(&shown)),
            format!("* het gepaarde verschil met {first} sluit nul uit. Gemiddelden; alle maten met hun intervallen: report.html en comparison.md. Namen van de maten: {}.", ids(&shown))
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
        "# {}: {}",
        lang.origin(source),
        lang.pick(
            "valid. Every parameter as it will be used, with [unit], evidence grade and source.",
            "geldig. Elke parameter zoals hij wordt gebruikt, met [eenheid], bewijskracht en bron."
        )
    );
    let _ = writeln!(
        s,
        "# {}",
        lang.pick(
            "Grades: A a number in the study, B a direction in the study (size assumed), C an assumption, P a public source (year).",
            "Bewijskracht: A een getal uit het onderzoek, B een richting uit het onderzoek (grootte aangenomen), C een aanname, P een openbare bron (jaar). De citaten komen uit het onderzoek."
        )
    );
    for line in crate::scenario::layers::describe_laid(&loaded.scenario, lang) {
        let _ = writeln!(s, "# {} {line}", lang.pick("laid on it:", "erop gelegd:"));
    }
    let value = match toml::Value::try_from(loaded.scenario.resolved()) {
        Ok(v) => v,
        Err(e) => {
            let _ = writeln!(s, "# (cannot list parameters: {e})");
            return s;
        }
    };
    // Where the values come from: this file with a source, this file without one, `--set`,
    // or still the shared base (by grade).
    let (mut sourced, mut unsourced, mut flags) = (0usize, Vec::new(), 0usize);
    let mut shared = [0usize; 5];
    for (key, v) in register::leaves(&value) {
        let d = register::describe(&key, &loaded.provenance, lang);
        match loaded.provenance.exact(&key) {
            Some(at) if at.origin == source => {
                // Names and run control need no evidence.
                if register::has_own_source(&key, &loaded.provenance) || d.grade.is_empty() {
                    sourced += 1;
                } else {
                    unsourced.push(key.clone());
                }
            }
            Some(at) if at.origin.starts_with("--") => flags += 1,
            _ => {
                let k = match d.grade.as_str() {
                    "A" => 0,
                    "B" => 1,
                    "C" => 2,
                    "P" => 3,
                    _ => 4,
                };
                shared[k] += 1;
            }
        }
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
                lang.pick("plausible", "aannemelijke bandbreedte"),
                d.range
            );
        }
        let _ = writeln!(
            s,
            "{key} = {v}    # [{}] [{}]{why} ({})",
            d.unit, d.tag, d.set_in
        );
    }
    let _ = writeln!(
        s,
        "# {}",
        lang.pick(
            format!(
                "Where the values come from: {sourced} from {source} with a source (or run control), {} from it without one, {flags} from --set, and {} still the shared assumptions, from the base or built in (A {}, B {}, C {}, P {}, run control {}).",
                unsourced.len(),
                shared.iter().sum::<usize>(),
                shared[0], shared[1], shared[2], shared[3], shared[4]
            ),
            format!(
                "Waar de waarden vandaan komen: {sourced} uit {} met een bron (of een instelling van de run), {} eruit zonder bron, {flags} uit --set, en {} nog de gedeelde aannames, uit de basis of ingebouwd (A {}, B {}, C {}, P {}, instelling van de run {}).",
                lang.origin(source),
                unsourced.len(),
                shared.iter().sum::<usize>(),
                shared[0], shared[1], shared[2], shared[3], shared[4]
            )
        )
    );
    if !unsourced.is_empty() {
        let _ = writeln!(
            s,
            "# {} {}",
            lang.pick(
                "Still to fill in with a source (a comment like [P 2024] source, [B §x l.N] \"quote\" or [C] reason):",
                "Nog in te vullen met een bron (een commentaar als [P 2024] bron, [B §x l.N] \"citaat\" of [C] reden):"
            ),
            unsourced.join(", ")
        );
    }
    s
}

/// An advice: the recommendations in the order of the first metric, each metric's paired
/// difference from the region (a share in percentage points), `~` where it is noise.
pub fn advice_table(lang: Lang, advice: &crate::experiment::advise::Advice) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "\n{} {} — {}",
        lang.pick("advice for", "advies voor"),
        advice.region,
        advice.facts
    );
    let name_w = advice
        .advised
        .iter()
        .map(|a| a.info.title_in(lang).chars().count())
        .max()
        .unwrap_or(10)
        .max(14);
    let col_w = 16;
    let _ = write!(
        s,
        "{:>2}  {:<name_w$}",
        "#",
        lang.pick("recommendation", "aanbeveling")
    );
    for m in &advice.metrics {
        let _ = write!(s, "  {:>col_w$}", m.short(lang));
    }
    s.push('\n');
    let _ = write!(s, "{:>2}  {:<name_w$}", "", lang.pick("today", "nu"));
    for m in &advice.metrics {
        let _ = write!(
            s,
            "  {:>col_w$}",
            m.show(lang, advice.baseline.metric(*m).mean)
        );
    }
    s.push('\n');
    for (rank, p) in advice.ranking[0].iter().enumerate() {
        let a = &advice.advised[p.index];
        let _ = write!(s, "{:>2}  {:<name_w$}", rank + 1, a.info.title_in(lang));
        for (k, m) in advice.metrics.iter().enumerate() {
            let cell = advice.ranking[k]
                .iter()
                .find(|q| q.index == p.index)
                .map_or(String::new(), |q| {
                    let v = q.difference.paired.mean;
                    let (v, unit) = if m.is_share() {
                        (100.0 * v, lang.pick(" pp", " pp"))
                    } else {
                        (v, "")
                    };
                    let sign = if v > 0.0 { "+" } else { "" };
                    let noise = if q.real { " " } else { "~" };
                    format!("{sign}{}{unit}{noise}", lang.num(&sig_en(v)))
                });
            let _ = write!(s, "  {cell:>col_w$}");
        }
        s.push('\n');
    }
    if let Some(d) = &advice.doubt {
        let (n, k, r, m) = (
            d.draws,
            d.assumptions,
            d.reps,
            advice.metrics[0].label(lang),
        );
        let _ = writeln!(
            s,
            "{}",
            lang.pick(
                format!("Under uncertain assumptions ({n} draws of {k} assumptions within their plausible ranges, each recommendation's own effect among them; {r} replications each), {m}:"),
                format!("Onder onzekere aannames ({n} trekkingen van {k} aannames binnen hun aannemelijke bandbreedte, het eigen effect van elke aanbeveling daaronder; elk {r} herhalingen), {m}:"),
            )
        );
        for p in &advice.ranking[0] {
            let a = &advice.advised[p.index];
            if let Some(cell) = d.readings.get(p.index).and_then(|c| c.first()) {
                let _ = writeln!(s, "  {}: {}", a.info.title_in(lang), cell.words.get(lang));
            }
        }
    }
    if !advice.not_for_region.is_empty() {
        let n = advice.not_for_region.join(", ");
        let _ = writeln!(
            s,
            "{}",
            lang.pick(
                format!("Not given by the study for {}, run on request (it may have it already): {n}.", advice.region),
                format!("Niet door de studie gegeven voor {}, op verzoek doorgerekend (de regio heeft het misschien al): {n}.", advice.region),
            )
        );
    }
    let _ = writeln!(
        s,
        "{}",
        lang.pick(
            "Paired differences from the region as it is, after implementation; ~ noise (the 95% interval includes zero). Intervals, the assumptions and the caveats: report.html and advice.csv.",
            "Gepaarde verschillen met de regio zoals die is, na invoering; ~ ruis (het 95%-interval bevat nul). Intervallen, aannames en kanttekeningen: report.html en advice.csv."
        )
    );
    s
}
