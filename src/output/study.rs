//! Files of sweeps and comparisons: `sweep.csv`, `comparison.csv`, `differences.csv` and
//! `comparison.md` (a table a memo can paste).

use std::fmt::Write as _;
use std::path::Path;

use crate::experiment::RunResults;
use crate::experiment::compare::{Difference, differences};
use crate::experiment::sweep::Axis;
use crate::lang::Lang;
use crate::model::metrics::METRICS;
use crate::stats::Interval;

use super::files::{self, WriteError, iv};
use crate::format::csv as num;
use crate::format::value as format_value;

/// `sweep.csv`: one row per point × metric, with the point's value of every varied key.
pub fn write_sweep_csv(
    dir: &Path,
    axes: &[Axis],
    points: &[Vec<usize>],
    results: &[RunResults],
) -> Result<(), WriteError> {
    let mut header = vec!["point".to_string()];
    header.extend(axes.iter().map(|a| a.key.clone()));
    header.extend(files::SUMMARY_COLUMNS.map(String::from));
    let labels: Vec<Vec<String>> = axes.iter().map(Axis::labels).collect();
    let rows = points
        .iter()
        .zip(results)
        .enumerate()
        .flat_map(|(k, (p, r))| {
            let values: Vec<String> = p.iter().zip(&labels).map(|(&i, l)| l[i].clone()).collect();
            r.summary.iter().map(move |row| {
                let mut v = vec![k.to_string()];
                v.extend(values.iter().cloned());
                v.extend([row.metric.name().to_string(), row.unit.to_string()]);
                v.extend(iv(&row.interval));
                v.push(row.interval.n.to_string());
                v
            })
        });
    files::rows(&dir.join("sweep.csv"), &header, rows)
}

/// `comparison.csv` and `differences.csv` (each scenario against the first).
pub fn write_comparison_csv(
    dir: &Path,
    results: &[RunResults],
) -> Result<Vec<Vec<Difference>>, WriteError> {
    let mut header = vec!["scenario".to_string()];
    header.extend(files::SUMMARY_COLUMNS.map(String::from));
    let rows = results.iter().flat_map(|r| {
        r.summary.iter().map(move |row| {
            let mut v = vec![
                r.name.clone(),
                row.metric.name().to_string(),
                row.unit.to_string(),
            ];
            v.extend(iv(&row.interval));
            v.push(row.interval.n.to_string());
            v
        })
    });
    files::rows(&dir.join("comparison.csv"), &header, rows)?;
    let diffs: Vec<Vec<Difference>> = results
        .iter()
        .skip(1)
        .map(|r| differences(r, &results[0]))
        .collect();
    let header: Vec<String> = [
        "scenario",
        "baseline",
        "metric",
        "unit",
        "mean_difference",
        "ci95_low",
        "ci95_high",
        "excludes_zero",
        "pairs",
        "unpaired_ci95_low",
        "unpaired_ci95_high",
    ]
    .map(String::from)
    .to_vec();
    let rows = results.iter().skip(1).zip(&diffs).flat_map(|(r, ds)| {
        ds.iter().map(move |d| {
            let mut v = vec![
                r.name.clone(),
                results[0].name.clone(),
                d.metric.name().to_string(),
                d.unit.to_string(),
            ];
            v.extend(iv(&d.paired));
            v.push(d.excludes_zero().to_string());
            v.push(d.paired.n.to_string());
            v.push(num(d.unpaired.low));
            v.push(num(d.unpaired.high));
            v
        })
    });
    files::rows(&dir.join("differences.csv"), &header, rows)?;
    Ok(diffs)
}

fn cell(i: &Interval) -> String {
    if !i.mean.is_finite() {
        "–".into()
    } else if i.low.is_finite() && i.low != i.high {
        format!(
            "{} ({}–{})",
            format_value(i.mean),
            format_value(i.low),
            format_value(i.high)
        )
    } else {
        format_value(i.mean)
    }
}

fn signed(lang: Lang, d: &Difference) -> String {
    let i = &d.paired;
    if !i.mean.is_finite() {
        return "–".into();
    }
    let sign = |v: f64| {
        if v > 0.0 {
            format!("+{}", format_value(v))
        } else {
            format_value(v)
        }
    };
    let mark = if d.excludes_zero() && d.material() {
        " **"
    } else {
        ""
    };
    if i.low.is_finite() && i.low != i.high {
        format!(
            "{} ({} {} {}){mark}",
            sign(i.mean),
            sign(i.low),
            lang.pick("to", "tot"),
            sign(i.high)
        )
    } else {
        sign(i.mean)
    }
}

/// `comparison.md`: the scenarios side by side and each one's paired difference from the
/// first, in `lang` (labels and units for people, the metric id next to each).
pub fn write_comparison_md(
    lang: Lang,
    dir: &Path,
    results: &[RunResults],
    diffs: &[Vec<Difference>],
    facts: &str,
) -> Result<(), WriteError> {
    let mut md = String::new();
    let names: Vec<&str> = results.iter().map(|r| r.name.as_str()).collect();
    let _ = writeln!(
        md,
        "# {}: {}\n",
        lang.pick("Comparison", "Vergelijking"),
        names.join(", ")
    );
    let _ = writeln!(md, "{facts}\n");
    let _ = writeln!(
        md,
        "{}\n",
        lang.pick(
            "Mean with its 95% interval over replications.",
            "Gemiddelde met het 95%-interval over de herhalingen."
        )
    );
    let (metric, unit) = (lang.pick("metric", "maat"), lang.pick("unit", "eenheid"));
    let _ = writeln!(md, "| {metric} | {unit} | {} |", names.join(" | "));
    let _ = writeln!(md, "|---|---|{}", "---|".repeat(names.len()));
    for (k, m) in METRICS.iter().enumerate() {
        let cells: Vec<String> = results
            .iter()
            .map(|r| lang.num(&cell(&r.summary[k].interval)))
            .collect();
        let _ = writeln!(
            md,
            "| {} (`{}`) | {} | {} |",
            m.metric.label(lang),
            m.name,
            m.metric.unit_text(lang),
            cells.join(" | ")
        );
    }
    if results.len() > 1 {
        let first = names[0];
        let _ = writeln!(
            md,
            "\n{}\n",
            lang.pick(
                format!("## Difference from {first} (paired by replication)\n\nScenario minus {first}, mean and 95% interval of the paired difference; `**` marks a difference the simulation can tell from noise (its interval excludes zero) that is large enough to matter (at least a day of waiting, a percentage point, 0.2 per 1,000 cases)."),
                format!("## Verschil met {first} (gepaard per herhaling)\n\nScenario min {first}: gemiddelde en 95%-interval van het gepaarde verschil; `**` markeert een verschil dat de simulatie van toeval kan onderscheiden (het interval sluit nul uit) en dat groot genoeg is om ertoe te doen (minstens een dag wachten, een procentpunt, 0,2 per 1.000 casussen).")
            )
        );
        let _ = writeln!(md, "| {metric} | {} |", names[1..].join(" | "));
        let _ = writeln!(md, "|---|{}", "---|".repeat(names.len() - 1));
        for (k, m) in METRICS.iter().enumerate() {
            let cells: Vec<String> = diffs
                .iter()
                .map(|d| lang.num(&signed(lang, &d[k])))
                .collect();
            let _ = writeln!(
                md,
                "| {} (`{}`) | {} |",
                m.metric.label(lang),
                m.name,
                cells.join(" | ")
            );
        }
    }
    let path = dir.join("comparison.md");
    std::fs::write(&path, md).map_err(|source| WriteError { path, source })
}
