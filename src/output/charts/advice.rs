//! The chart of an advice: per metric, each recommendation's paired difference from the
//! region as it is, with its 95% interval.

use std::path::Path;

use super::spec::{Chart, Panel};
use super::{ChartError, ChartInfo, PALETTE, render_all};
use crate::experiment::advise::Advice;
use crate::lang::Lang;

/// `charts/advice.png/svg`: a panel per ranked metric, a bar per recommendation.
pub fn write_advice_chart(
    lang: Lang,
    dir: &Path,
    advice: &Advice,
) -> Result<Vec<ChartInfo>, ChartError> {
    // Bars in the order of the table (the first metric's ranking); each recommendation keeps
    // its colour from report to report (its place among the built-in files).
    let order: Vec<usize> = advice.ranking.first().map_or_else(
        || (0..advice.advised.len()).collect(),
        |r| r.iter().map(|p| p.index).collect(),
    );
    // Each recommendation's preferred colour is its place among the built-in files; one
    // already taken in this chart moves to the next free one, so no two bars share a colour.
    let mut colours = vec![PALETTE[0]; advice.advised.len()];
    let mut taken = Vec::new();
    for (k, a) in advice.advised.iter().enumerate() {
        let file = std::path::Path::new(&a.info.origin)
            .file_name()
            .and_then(|f| f.to_str())
            .unwrap_or("");
        let mut i = crate::scenario::RECOMMENDATIONS
            .iter()
            .position(|(n, _)| *n == file)
            .unwrap_or(k)
            % PALETTE.len();
        while taken.contains(&i) && taken.len() < PALETTE.len() {
            i = (i + 1) % PALETTE.len();
        }
        taken.push(i);
        colours[k] = PALETTE[i];
    }
    let colour = |k: usize| colours[k];
    let legend: Vec<(String, plotters::style::RGBColor)> = order
        .iter()
        .map(|&k| (advice.advised[k].info.title_in(lang).to_string(), colour(k)))
        .collect();
    let panels: Vec<Panel> = advice
        .metrics
        .iter()
        .map(|&m| {
            // A share's difference in percentage points, as in the table.
            let (scale, unit) = if m.is_share() {
                (
                    100.0,
                    lang.pick("difference, percentage points", "verschil, procentpunt")
                        .to_string(),
                )
            } else {
                (
                    1.0,
                    lang.pick(
                        format!("difference, {}", m.unit_text(lang)),
                        format!("verschil, {}", m.unit_text(lang)),
                    ),
                )
            };
            Panel::Group {
                title: m.label(lang).to_string(),
                unit,
                bars: order
                    .iter()
                    .map(|&k| {
                        let d = advice.advised[k].differences.iter().find(|d| d.metric == m);
                        let i = d.map_or(
                            crate::stats::Interval {
                                mean: f64::NAN,
                                low: f64::NAN,
                                high: f64::NAN,
                                n: 0,
                            },
                            |d| crate::stats::Interval {
                                mean: d.paired.mean * scale,
                                low: d.paired.low * scale,
                                high: d.paired.high * scale,
                                n: d.paired.n,
                            },
                        );
                        (colour(k), i)
                    })
                    .collect(),
            }
        })
        .collect();
    let region = &crate::output::report::region_title(&advice.region, lang);
    let chart = Chart {
        lang,
        info: ChartInfo {
            stem: "advice",
            title: lang.pick(
                format!("What each recommendation changes in {region} (difference and 95% interval)"),
                format!("Wat elke aanbeveling verandert in {region} (verschil en 95%-interval)"),
            ),
            caption: lang
                .pick(
                    "Each bar is a recommendation's paired difference from the region as it is, measured after its implementation period; a whisker that crosses zero is noise. Which direction is better differs per metric (fewer acute incidents, a smaller share of incidents without an earlier opschaling naar AVE 3 and a shorter wait are better; more decisions with context is better).",
                    "Elke staaf is het gepaarde verschil van een aanbeveling met de regio zoals die is, gemeten na de invoeringsperiode; een snorhaar die door nul gaat is ruis. Welke kant beter is, verschilt per maat (minder acute incidenten, een kleiner aandeel incidenten zonder eerdere opschaling naar AVE 3 en een kortere wachttijd zijn beter; meer beslissingen met context is beter).",
                )
                .to_string(),
        },
        cols: 2,
        panels,
        legend,
    };
    render_all(dir, vec![chart])
}
