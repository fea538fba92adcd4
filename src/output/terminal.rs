//! What the command line prints at the end of a command, as text: the run's table of
//! headline metrics, a sweep's table and alarms, a comparison's table, and `check`'s listing
//! of every parameter. Pure functions, so they can be tested and reused.

use std::fmt::Write as _;

use crate::experiment::RunResults;
use crate::experiment::compare::Difference;
use crate::experiment::sweep::{Alarm, AlarmFinding};
use crate::format::terminal as sig;
use crate::model::Metric;
use crate::scenario::{Loaded, Params, Scenario, register};
use crate::stats::Interval;

/// "mean (low–high)" with three significant digits.
fn cell(i: &Interval) -> String {
    format!("{} ({}–{})", sig(i.mean), sig(i.low), sig(i.high))
}

/// The headline metrics of a run, one line each.
pub fn run_table(scenario: &Scenario, params: &Params, results: &RunResults) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "\n{} — {} replications × {} days (warm-up {}), seed {}, {} threads, {:.1} s",
        scenario.name,
        params.run.replications,
        params.run.horizon_days,
        params.run.warmup_days,
        params.run.seed,
        results.threads,
        results.wall.as_secs_f64()
    );
    let _ = writeln!(
        s,
        "{:<38} {:>10}   {:<23} unit",
        "metric", "mean", "95% interval"
    );
    for row in &results.summary {
        let i = &row.interval;
        let ci = if i.low.is_nan() {
            "-".to_string()
        } else {
            format!("{} .. {}", sig(i.low), sig(i.high))
        };
        let _ = writeln!(
            s,
            "{:<38} {:>10}   {:<23} {}",
            row.metric.name(),
            sig(i.mean),
            ci,
            row.unit
        );
    }
    s.push('\n');
    s
}

/// A few metrics for every point of a sweep.
pub fn sweep_table(
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
        "\nsweep of {name} — {} points × {} replications, seed {}",
        labels.len(),
        params.run.replications,
        params.run.seed
    );
    let _ = writeln!(
        s,
        "{:<40}{}",
        "point",
        shown.map(|m| format!("{:>30}", m.name())).join("")
    );
    for (label, r) in labels.iter().zip(results) {
        let cells: String = shown
            .iter()
            .map(|&m| format!("{:>30}", cell(r.metric(m))))
            .collect();
        let _ = writeln!(s, "{label:<40}{cells}");
    }
    s.push('\n');
    s
}

/// One line per alarm: where it first fires, or how close it came.
pub fn alarm_lines(
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
                    "alarm {alarm}: first at {} (mean {}, 95% interval {}–{})",
                    labels[*k],
                    sig(i.mean),
                    sig(i.low),
                    sig(i.high)
                )
            }
            AlarmFinding::NotReached(Some((k, m))) => writeln!(
                s,
                "alarm {alarm}: not reached (closest {} at {})",
                sig(*m),
                labels[*k]
            ),
            AlarmFinding::NotReached(None) => writeln!(s, "alarm {alarm}: not reached"),
        };
    }
    s
}

/// A few metrics for every scenario of a comparison, marked where the paired difference
/// from the first excludes zero.
pub fn comparison_table(
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
    let _ = writeln!(s, "\ncomparison — {facts}");
    let _ = writeln!(
        s,
        "{:<34}{}",
        "scenario",
        shown.map(|m| format!("{:>31}", m.name())).join("")
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
                format!("{:>30}{mark}", cell(r.metric(m)))
            })
            .collect();
        let _ = writeln!(s, "{:<34}{cells}", r.name);
    }
    let first = results.first().map_or("", |r| r.name.as_str());
    let _ = writeln!(
        s,
        "* paired difference from {first} excludes zero. Every metric: comparison.md"
    );
    s
}

/// `check`: every parameter as it will be used, with unit, evidence grade, source and
/// where it was set.
pub fn check_listing(loaded: &Loaded, source: &str) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# {source}: valid. Every parameter as it will be used, with [unit], evidence grade and source."
    );
    let _ = writeln!(
        s,
        "# Grades: A a number in the study, B a direction in the study (size assumed), C an assumption, P a public source (year)."
    );
    let value = match toml::Value::try_from(loaded.scenario.resolved()) {
        Ok(v) => v,
        Err(e) => {
            let _ = writeln!(s, "# (cannot list parameters: {e})");
            return s;
        }
    };
    for (key, v) in register::leaves(&value) {
        let d = register::describe(&key, &loaded.provenance);
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
            let _ = write!(why, "; plausible {}", d.range);
        }
        let _ = writeln!(
            s,
            "{key} = {v}    # [{}] [{}]{why} ({})",
            d.unit, d.tag, d.set_in
        );
    }
    s
}
