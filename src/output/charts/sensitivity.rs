//! The charts of a sensitivity screening, per metric: a tornado (each assumption at the low
//! and the high end of its range, the others at the scenario's values: the paired difference
//! from the scenario with its 95% interval) and the Morris μ*–σ plane.

use std::path::Path;

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{BLUE, ChartError, FONT, HEIGHT, ORANGE, WIDTH, register_fonts, svg_to_png};
use crate::experiment::sensitivity::{Screened, Swing};
use crate::lang::Lang;
use crate::model::metrics::Metric;

/// Rows a tornado shows.
const ROWS: usize = 10;

fn err(chart: &str, e: impl std::fmt::Display) -> ChartError {
    ChartError {
        chart: chart.to_string(),
        message: e.to_string(),
    }
}

fn draw_tornado<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    lang: Lang,
    title: &str,
    unit: &str,
    swings: &[Swing],
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&WHITE)?;
    let rows = &swings[..swings.len().min(ROWS)];
    let ends = rows
        .iter()
        .flat_map(|s| [s.at_low.low, s.at_low.high, s.at_high.low, s.at_high.high])
        .filter(|v| v.is_finite())
        .fold(0.0f64, |m, v| m.max(v.abs()));
    let span = if ends > 0.0 { ends * 1.1 } else { 1.0 };
    let mut chart = ChartBuilder::on(root)
        .caption(title, (FONT, 28).into_font().style(FontStyle::Bold))
        .margin(24)
        .x_label_area_size(60)
        .y_label_area_size(520)
        .build_cartesian_2d(-span..span, 0.0..rows.len() as f64)?;
    let tick = super::draw::ticker(lang);
    chart
        .configure_mesh()
        .disable_y_mesh()
        .y_labels(0)
        .x_label_formatter(&tick)
        .x_desc(unit)
        .axis_desc_style((FONT, 20))
        .label_style((FONT, 17))
        .draw()?;
    for (i, s) in rows.iter().enumerate() {
        let y = (rows.len() - 1 - i) as f64;
        let f = &s.factor;
        let label = format!(
            "{}  ({} → {})",
            f.key,
            lang.num(&crate::format::value(f.at(0.0))),
            lang.num(&crate::format::value(f.at(1.0)))
        );
        chart.draw_series(std::iter::once(Text::new(
            label,
            (-span, y + 0.5),
            (FONT, 17)
                .into_font()
                .color(&BLACK)
                .pos(Pos::new(HPos::Right, VPos::Center)),
        )))?;
        for (iv, colour, off) in [(s.at_low, ORANGE, 0.55), (s.at_high, BLUE, 0.2)] {
            if !iv.mean.is_finite() {
                continue;
            }
            chart.draw_series(std::iter::once(Rectangle::new(
                [(0.0, y + off), (iv.mean, y + off + 0.25)],
                colour.filled(),
            )))?;
            if iv.low.is_finite() && iv.high.is_finite() {
                let mid = y + off + 0.125;
                chart.draw_series(std::iter::once(PathElement::new(
                    vec![(iv.low, mid), (iv.high, mid)],
                    BLACK.stroke_width(2),
                )))?;
            }
        }
    }
    chart.draw_series(std::iter::once(PathElement::new(
        vec![(0.0, 0.0), (0.0, rows.len() as f64)],
        BLACK.stroke_width(2),
    )))?;
    let legend = [
        (
            ORANGE,
            lang.pick(
                "at the low end of its range",
                "aan de onderkant van het bereik",
            ),
        ),
        (BLUE, lang.pick("at the high end", "aan de bovenkant")),
    ];
    // The legend sits under the assumptions' names, left of the axis.
    for (k, (colour, text)) in legend.iter().enumerate() {
        let y = HEIGHT as i32 - 70 + k as i32 * 28;
        root.draw(&Rectangle::new([(24, y), (42, y + 18)], colour.filled()))?;
        root.draw(&Text::new(*text, (48, y), (FONT, 17).into_font()))?;
    }
    root.present()
}

fn draw_plane<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    lang: Lang,
    title: &str,
    rows: &[Screened],
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&WHITE)?;
    let finite: Vec<&Screened> = rows
        .iter()
        .filter(|r| r.measures.mu_star.is_finite() && r.measures.sigma.is_finite())
        .collect();
    let x_max = finite
        .iter()
        .map(|r| r.measures.mu_star_high.max(r.measures.mu_star))
        .fold(0.0f64, f64::max)
        .max(1e-9)
        * 1.1;
    let y_max = finite
        .iter()
        .map(|r| r.measures.sigma)
        .fold(0.0f64, f64::max)
        .max(1e-9)
        * 1.1;
    let mut chart = ChartBuilder::on(root)
        .caption(title, (FONT, 28).into_font().style(FontStyle::Bold))
        .margin(24)
        .x_label_area_size(60)
        .y_label_area_size(90)
        .build_cartesian_2d(0.0..x_max, 0.0..y_max)?;
    let tick = super::draw::ticker(lang);
    chart
        .configure_mesh()
        .x_label_formatter(&tick)
        .y_label_formatter(&tick)
        .x_desc(lang.pick(
            "μ*: mean absolute change over the assumption's range",
            "μ*: gemiddelde absolute verandering over het bereik van de aanname",
        ))
        .y_desc(lang.pick(
            "σ: how much that change depends on the other assumptions",
            "σ: hoeveel die verandering afhangt van de andere aannames",
        ))
        .axis_desc_style((FONT, 20))
        .label_style((FONT, 17))
        .draw()?;
    for r in &finite {
        let m = &r.measures;
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(m.mu_star_low, m.sigma), (m.mu_star_high, m.sigma)],
            RGBColor(160, 160, 160).stroke_width(1),
        )))?;
        chart.draw_series(std::iter::once(Circle::new(
            (m.mu_star, m.sigma),
            6,
            BLUE.filled(),
        )))?;
    }
    for r in finite.iter().take(8) {
        chart.draw_series(std::iter::once(Text::new(
            r.factor.key.clone(),
            (r.measures.mu_star, r.measures.sigma),
            (FONT, 16)
                .into_font()
                .color(&BLACK)
                .pos(Pos::new(HPos::Left, VPos::Bottom)),
        )))?;
    }
    root.present()
}

/// `charts/tornado-METRIC` and `charts/morris-METRIC` (SVG and PNG) for each metric given;
/// returns each chart's file stem and title.
pub fn write_sensitivity_charts(
    lang: Lang,
    dir: &Path,
    charts: &[(Metric, &[Swing], &[Screened])],
) -> Result<Vec<(String, String)>, ChartError> {
    register_fonts()?;
    std::fs::create_dir_all(dir).map_err(|e| err("charts", e))?;
    let mut drawn = Vec::new();
    for (m, swings, rows) in charts {
        let label = {
            let l = m.label(lang);
            let mut c = l.chars();
            c.next().map_or(String::new(), |f| {
                f.to_uppercase().chain(c).collect::<String>()
            })
        };
        let label_lower = m.label(lang);
        let unit = m.unit_text(lang);
        let tornado = format!("tornado-{}", m.name());
        let plane = format!("morris-{}", m.name());
        let t_title = lang.pick(
            format!("What moves {label_lower}: each assumption at the ends of its range"),
            format!("Wat {label_lower} beweegt: elke aanname aan de randen van haar bereik"),
        );
        let p_title = lang.pick(
            format!("{label}: the assumptions that carry it (Morris)"),
            format!("{label}: de aannames die het dragen (Morris)"),
        );
        {
            let svg = dir.join(format!("{tornado}.svg"));
            let root = SVGBackend::new(&svg, (WIDTH, HEIGHT)).into_drawing_area();
            let x_unit = lang.pick(
                format!("difference from the scenario ({unit})"),
                format!("verschil met het scenario ({unit})"),
            );
            // The assumptions in the report table's order (by μ*), so that chart and table
            // read row by row; tornado.csv ranks them by the width of the swing.
            let ordered: Vec<Swing> = rows
                .iter()
                .filter_map(|r| swings.iter().find(|s| s.factor.key == r.factor.key))
                .cloned()
                .collect();
            draw_tornado(&root, lang, &t_title, &x_unit, &ordered).map_err(|e| err(&tornado, e))?;
        }
        {
            let svg = dir.join(format!("{plane}.svg"));
            let root = SVGBackend::new(&svg, (WIDTH, HEIGHT)).into_drawing_area();
            draw_plane(&root, lang, &p_title, rows).map_err(|e| err(&plane, e))?;
        }
        for (stem, title) in [(&tornado, &t_title), (&plane, &p_title)] {
            svg_to_png(
                &dir.join(format!("{stem}.svg")),
                &dir.join(format!("{stem}.png")),
            )
            .map_err(|e| err(stem, e))?;
            drawn.push((stem.clone(), title.clone()));
        }
    }
    Ok(drawn)
}
