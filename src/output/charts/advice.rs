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
    let legend: Vec<(String, plotters::style::RGBColor)> = advice
        .advised
        .iter()
        .enumerate()
        .map(|(k, a)| {
            (
                a.info.title_in(lang).to_string(),
                PALETTE[k % PALETTE.len()],
            )
        })
        .collect();
    let panels: Vec<Panel> = advice
        .metrics
        .iter()
        .map(|&m| Panel::Group {
            title: m.label(lang).to_string(),
            unit: lang.pick(
                format!("difference, {}", m.unit_text(lang)),
                format!("verschil, {}", m.unit_text(lang)),
            ),
            bars: advice
                .advised
                .iter()
                .enumerate()
                .map(|(k, a)| {
                    let d = a.differences.iter().find(|d| d.metric == m);
                    (
                        PALETTE[k % PALETTE.len()],
                        d.map_or(
                            crate::stats::Interval {
                                mean: f64::NAN,
                                low: f64::NAN,
                                high: f64::NAN,
                                n: 0,
                            },
                            |d| d.paired,
                        ),
                    )
                })
                .collect(),
        })
        .collect();
    let region = &crate::output::report::region_title(&advice.region);
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
                    "Each bar is a recommendation's paired difference from the region as it is, measured after its implementation period; a whisker that crosses zero is noise. Which direction is better differs per metric (fewer acute incidents, a smaller late share and a shorter wait are better; more decisions with context is better).",
                    "Elke staaf is het gepaarde verschil van een aanbeveling met de regio zoals die is, gemeten na de invoeringsperiode; een snorhaar die door nul gaat is ruis. Welke kant beter is, verschilt per maat (minder acute incidenten, een kleiner aandeel te laat en een kortere wachttijd zijn beter; meer beslissingen met context is beter).",
                )
                .to_string(),
        },
        cols: 2,
        panels,
        legend,
    };
    render_all(dir, vec![chart])
}
