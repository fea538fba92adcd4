//! The charts of sweeps (each metric against the varied key) and comparisons (grouped bars
//! per scenario).

use plotters::style::RGBColor;

use super::spec::{Band, Chart, Line, Panel, Reference};
use super::{ChartError, ChartInfo, PALETTE, RED, render_all};
use crate::experiment::RunResults;
use crate::lang::Lang;
use crate::model::Metric;
use crate::model::metrics::{Group, METRICS};
use std::path::Path;

/// Charts of a sweep: each headline metric against the first varied key, one line per
/// combination of the other keys, with its 95% band. Files `sweep_<metric>.png/svg`.
pub fn write_sweep_charts(
    lang: Lang,
    dir: &Path,
    name: &str,
    axes: &[crate::experiment::sweep::Axis],
    points: &[Vec<usize>],
    results: &[RunResults],
    alarms: &[crate::experiment::sweep::Alarm],
) -> Result<Vec<ChartInfo>, ChartError> {
    let Some(first) = axes.first() else {
        return Ok(Vec::new());
    };
    let categories = (!first.numeric()).then(|| first.labels());
    // Group points by the values of the other axes.
    let mut groups: Vec<(Vec<usize>, Vec<usize>)> = Vec::new();
    for (k, p) in points.iter().enumerate() {
        let rest = p[1..].to_vec();
        match groups.iter_mut().find(|(r, _)| *r == rest) {
            Some((_, ks)) => ks.push(k),
            None => groups.push((rest, vec![k])),
        }
    }
    let charts = METRICS
        .iter()
        .map(|m| {
            let lines = groups
                .iter()
                .enumerate()
                .map(|(g, (rest, ks))| {
                    let mut band = Band::default();
                    for &k in ks {
                        let i = *results[k].metric(m.metric);
                        band.x.push(if categories.is_some() {
                            points[k][0] as f64
                        } else {
                            first.x(points[k][0])
                        });
                        band.mean.push(i.mean);
                        band.low.push(i.low);
                        band.high.push(i.high);
                    }
                    let label = if rest.is_empty() {
                        lang.pick("mean and 95% interval", "gemiddelde en 95%-interval")
                            .to_string()
                    } else {
                        axes[1..]
                            .iter()
                            .zip(rest)
                            .map(|(a, &i)| format!("{} = {}", a.key, a.labels()[i]))
                            .collect::<Vec<_>>()
                            .join(", ")
                    };
                    Line {
                        label,
                        color: PALETTE[g % PALETTE.len()],
                        band,
                    }
                })
                .collect();
            Chart {
                lang,
                info: ChartInfo {
                    stem: m.name,
                    title: lang.pick(
                        format!("{name}: {} against {}", m.metric.label(lang), first.key),
                        format!("{name}: {} tegen {}", m.metric.label(lang), first.key),
                    ),
                    caption: lang.pick(m.doc, m.metric.label(lang)).to_string(),
                },
                cols: 1,
                legend: vec![],
                panels: vec![Panel::Time {
                    title: lang.pick(m.doc, m.metric.label(lang)).to_string(),
                    x_label: first.key.clone(),
                    y_label: m.metric.unit_text(lang).to_string(),
                    lines,
                    stacked: false,
                    refs: alarms
                        .iter()
                        .filter(|a| a.metric == m.metric)
                        .map(|a| Reference {
                            label: format!("alarm: {a}"),
                            value: a.value,
                            color: RED,
                        })
                        .collect(),
                    warmup_years: 0.0,
                    categories: categories.clone(),
                    markers: true,
                    year0: None,
                }],
            }
        })
        .collect();
    render_all(dir, charts)
}

/// Grouped bar charts of a comparison: one panel per metric, a bar per scenario with its
/// 95% whiskers, one chart per group of metrics (escalation, capacity, information,
/// governance).
pub fn write_compare_charts(
    lang: Lang,
    dir: &Path,
    results: &[RunResults],
) -> Result<Vec<ChartInfo>, ChartError> {
    let legend: Vec<(String, RGBColor)> = results
        .iter()
        .enumerate()
        .map(|(k, r)| (r.name.clone(), PALETTE[k % PALETTE.len()]))
        .collect();
    let groups: [(&'static str, Group, &'static str); 4] = [
        (
            "compare_escalation",
            Group::Escalation,
            lang.pick(
                "Opschaling and acute incidents: how often, by which route and how timely cases move up, per scenario.",
                "Opschaling en acute incidenten: hoe vaak, langs welke weg en hoe tijdig casussen worden opgeschaald, per scenario.",
            ),
        ),
        (
            "compare_capacity",
            Group::Capacity,
            lang.pick(
                "Capacity pressure at the wijkteams, the Veiligheidshuis and ZSM, per scenario.",
                "Druk op de capaciteit van de wijkteams, het Veiligheidshuis en ZSM, per scenario.",
            ),
        ),
        (
            "compare_information",
            Group::Information,
            lang.pick(
                "Information between ZSM and the Veiligheidshuis, per scenario.",
                "Informatie tussen ZSM en het Veiligheidshuis, per scenario.",
            ),
        ),
        (
            "compare_governance",
            Group::Governance,
            lang.pick(
                "Who is bestuurlijk answerable, where AVE is the agreed model (empty elsewhere), per scenario.",
                "Wie bestuurlijk verantwoordelijk is, waar AVE het afgesproken model is (elders leeg), per scenario.",
            ),
        ),
    ];
    let mut charts = groups
        .iter()
        .map(|&(stem, group, caption)| {
            let panels: Vec<Panel> = METRICS
                .iter()
                .filter(|m| m.group == group)
                .map(|m| Panel::Group {
                    title: m.metric.label(lang).to_string(),
                    unit: m.metric.unit_text(lang).to_string(),
                    bars: results
                        .iter()
                        .enumerate()
                        .map(|(k, r)| (PALETTE[k % PALETTE.len()], *r.metric(m.metric)))
                        .collect(),
                })
                .collect();
            let cols = if panels.len() > 6 { 4 } else { 3 };
            Chart {
                lang,
                info: ChartInfo {
                    stem,
                    title: lang.pick(
                        format!("Comparison: {} (mean and 95% interval)", group.label(lang)),
                        format!(
                            "Vergelijking: {} (gemiddelde en 95%-interval)",
                            group.label(lang)
                        ),
                    ),
                    caption: caption.to_string(),
                },
                cols,
                panels,
                legend: legend.clone(),
            }
        })
        .collect::<Vec<Chart>>();
    // Reading context costs ZSM time (§2.4 l.607): what the information recommendations buy
    // in informed decisions against what they cost in decisions within the target.
    let point = |k: usize, r: &RunResults| {
        (
            PALETTE[k % PALETTE.len()],
            *r.metric(Metric::ZsmInformedShare),
            *r.metric(Metric::ZsmWithinTargetShare),
        )
    };
    charts.push(Chart {
        lang,
        info: ChartInfo {
            stem: "compare_tradeoff",
            title: lang
                .pick(
                    "Comparison: context at ZSM against its speed (mean and 95% interval)",
                    "Vergelijking: context bij ZSM tegen snelheid (gemiddelde en 95%-interval)",
                )
                .into(),
            caption: lang
                .pick(
                    "Each scenario's share of decisions on persons with an active complex case taken with context (right is better) against its share of decisions within the 6-hour target (up is better): reading context costs desk time.",
                    "Per scenario het aandeel beslissingen over personen met een lopende complexe casus dat met context is genomen (rechts is beter) tegen het aandeel beslissingen binnen de termijn van 6 uur (hoger is beter): context lezen kost tijd aan tafel.",
                )
                .into(),
        },
        cols: 1,
        panels: vec![Panel::Scatter {
            title: lang
                .pick(
                    "Informed decisions against decisions within the target",
                    "Beslissingen met context tegen beslissingen binnen de termijn",
                )
                .into(),
            x_label: lang
                .pick("zsm_informed_share", Metric::ZsmInformedShare.label(lang))
                .into(),
            y_label: lang
                .pick("zsm_within_target_share", Metric::ZsmWithinTargetShare.label(lang))
                .into(),
            points: results.iter().enumerate().map(|(k, r)| point(k, r)).collect(),
        }],
        legend,
    });
    render_all(dir, charts)
}
