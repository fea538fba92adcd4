//! How plotters draws a chart: panels, bands, stacked areas, bars with whiskers, legends
//! and ticks. Nothing here knows what a wijkteam is.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::spec::{Band, BarSeries, Chart, Line, Panel, Reference, finite};
use super::{BLUE, FONT, GREY};
use crate::format::value as fmtv;
use crate::lang::Lang;
use crate::stats::Interval;

type DrawResult<T, DB> = Result<T, DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

pub(crate) fn draw_chart<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &Chart,
) -> DrawResult<(), DB> {
    root.fill(&WHITE)?;
    // The legend wraps onto as many rows as it needs.
    let width = root.dim_in_pixel().0 as i32;
    let item = |label: &str| 40 + 10 * label.chars().count() as i32;
    let mut rows_of_legend = 0;
    let mut x = width;
    let mut at = Vec::with_capacity(chart.legend.len());
    for (label, _) in &chart.legend {
        if x + item(label) > width - 24 {
            rows_of_legend += 1;
            x = 24;
        }
        at.push((x, 66 + 30 * (rows_of_legend - 1)));
        x += item(label);
    }
    let head_height = 64 + 40 * rows_of_legend.min(1) + 30 * (rows_of_legend - 1).max(0);
    let (head, body) = root.split_vertically(head_height as u32);
    head.draw(&Text::new(
        chart.info.title.clone(),
        (24, 16),
        (FONT, 30).into_font().style(FontStyle::Bold).color(&BLACK),
    ))?;
    for ((label, color), (x, y)) in chart.legend.iter().zip(at) {
        head.draw(&Rectangle::new([(x, y), (x + 18, y + 18)], color.filled()))?;
        head.draw(&Text::new(
            label.clone(),
            (x + 24, y),
            (FONT, 17).into_font().color(&BLACK),
        ))?;
    }
    let rows = chart.panels.len().div_ceil(chart.cols);
    let areas = body.split_evenly((rows, chart.cols));
    for (panel, area) in chart.panels.iter().zip(areas.iter()) {
        match panel {
            Panel::Time {
                title,
                x_label,
                y_label,
                lines,
                stacked,
                refs,
                warmup_years,
                categories,
                markers,
                year0,
            } => draw_time(
                area,
                (title, x_label, y_label),
                lines,
                *stacked,
                refs,
                *warmup_years,
                categories.as_deref(),
                (*markers, *year0),
                chart.lang,
            )?,
            Panel::Group { title, unit, bars } => draw_group(area, title, unit, bars, chart.lang)?,
            Panel::Scatter {
                title,
                x_label,
                y_label,
                points,
            } => draw_scatter(area, (title, x_label, y_label), points, chart.lang)?,
            Panel::Bars {
                title,
                x_label,
                y_label,
                series,
                marks,
            } => draw_bars(area, (title, x_label, y_label), series, marks, chart.lang)?,
            Panel::Metric {
                title,
                unit,
                interval,
            } => draw_metric(area, title, unit, interval, chart.lang)?,
        }
    }
    root.present()
}

/// Polygons of a band, one per run of finite values.
fn band_polygons(b: &Band) -> Vec<Vec<(f64, f64)>> {
    let mut out = Vec::new();
    let mut upper: Vec<(f64, f64)> = Vec::new();
    let mut lower: Vec<(f64, f64)> = Vec::new();
    let mut flush = |upper: &mut Vec<(f64, f64)>, lower: &mut Vec<(f64, f64)>| {
        if upper.len() > 1 {
            let mut poly = std::mem::take(upper);
            poly.extend(lower.drain(..).rev());
            out.push(poly);
        }
        upper.clear();
        lower.clear();
    };
    for i in 0..b.x.len() {
        if b.low[i].is_finite() && b.high[i].is_finite() {
            upper.push((b.x[i], b.high[i]));
            lower.push((b.x[i], b.low[i]));
        } else {
            flush(&mut upper, &mut lower);
        }
    }
    flush(&mut upper, &mut lower);
    out
}

/// Runs of finite points of a mean line.
fn segments(x: &[f64], y: &[f64]) -> Vec<Vec<(f64, f64)>> {
    let mut out = vec![Vec::new()];
    for (&a, &b) in x.iter().zip(y) {
        if b.is_finite() {
            out.last_mut().expect("non-empty").push((a, b));
        } else if !out.last().expect("non-empty").is_empty() {
            out.push(Vec::new());
        }
    }
    out.retain(|s| !s.is_empty());
    out
}

/// Axis tick text: no trailing ".0", at most six significant digits.
fn tick_text(v: &f64) -> String {
    let r = (v * 1e6).round() / 1e6;
    if r == 0.0 { "0".into() } else { format!("{r}") }
}

/// Tick text in a language (Dutch writes a decimal comma).
pub(super) fn ticker(lang: Lang) -> impl Fn(&f64) -> String {
    move |v| lang.num(&tick_text(v))
}

/// A font size at most `max` at which `text` fits in `room` pixels (DejaVu Sans averages
/// about 0.58 em a character), and never below 8.
fn fit(text: &str, room: u32, max: f64) -> f64 {
    let chars = text.chars().count().max(1) as f64;
    (f64::from(room) / (0.58 * chars)).clamp(8.0, max)
}

/// Whether a unit is a share (its axis then starts at 0 and reads to 1 when empty).
fn is_share(unit: &str) -> bool {
    unit.starts_with("share") || unit.starts_with("aandeel")
}

fn nice_top(v: f64) -> f64 {
    if v <= 0.0 || !v.is_finite() {
        1.0
    } else {
        v * 1.1
    }
}

#[allow(clippy::too_many_arguments)]
fn draw_time<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    (title, x_label, y_label): (&str, &str, &str),
    lines: &[Line],
    stacked: bool,
    refs: &[Reference],
    warmup_years: f64,
    categories: Option<&[String]>,
    (markers, year0): (bool, Option<f64>),
    lang: Lang,
) -> DrawResult<(), DB> {
    let tick = ticker(lang);
    let xs = || lines.iter().flat_map(|l| l.band.x.iter().copied());
    let (x_min, x_max) = match categories {
        Some(c) => (-0.5, c.len() as f64 - 0.5),
        None if markers => {
            let (lo, hi) = (
                xs().fold(f64::INFINITY, f64::min),
                xs().fold(f64::NEG_INFINITY, f64::max),
            );
            let pad = ((hi - lo) * 0.05).max(1e-6);
            (lo - pad, hi + pad)
        }
        None => (0.0, xs().fold(0.0f64, f64::max).max(1e-9) * 1.005),
    };
    let mut shown: Vec<Line> = lines.to_vec();
    if stacked {
        let mut base = vec![0.0; lines.first().map_or(0, |l| l.band.x.len())];
        for l in &mut shown {
            l.band = l.band.shifted(&base);
            for (b, m) in base.iter_mut().zip(&l.band.mean) {
                *b = if m.is_finite() { *m } else { *b };
            }
        }
    }
    let y_top = nice_top(
        shown
            .iter()
            .map(|l| l.band.top())
            .chain(refs.iter().map(|r| r.value))
            .fold(0.0, f64::max),
    );
    let mut chart = ChartBuilder::on(area)
        .caption(title, (FONT, 22))
        .margin(12)
        .x_label_area_size(50)
        .y_label_area_size(80)
        .build_cartesian_2d(x_min..x_max, 0.0..y_top)?;
    let category_tick = |v: &f64| {
        let i = v.round();
        match categories {
            Some(c) if (v - i).abs() < 1e-6 && i >= 0.0 => {
                c.get(i as usize).cloned().unwrap_or_default()
            }
            Some(_) => String::new(),
            None => match year0 {
                // A calendar year on the axis: whole years only.
                Some(y0) => {
                    let y = y0 + v;
                    if (y - y.round()).abs() < 0.02 {
                        format!("{}", y.round() as i64)
                    } else {
                        format!("{y:.1}")
                    }
                }
                None => tick(v),
            },
        }
    };
    chart
        .configure_mesh()
        .x_desc(x_label)
        .y_desc(y_label)
        .x_labels(categories.map_or(10, |c| c.len() * 2 + 1))
        .x_label_formatter(&category_tick)
        .y_label_formatter(&tick)
        .label_style((FONT, 15))
        .axis_desc_style((FONT, 17))
        .light_line_style(BLACK.mix(0.05))
        .draw()?;
    if warmup_years > 0.0 {
        chart.draw_series(std::iter::once(Rectangle::new(
            [(0.0, 0.0), (warmup_years.min(x_max), y_top)],
            GREY.mix(0.15).filled(),
        )))?;
        chart.draw_series(std::iter::once(Text::new(
            lang.pick("warm-up", "inloopperiode"),
            (warmup_years * 0.05, y_top * 0.97),
            (FONT, 14).into_font().color(&GREY),
        )))?;
    }
    let mut below: Option<Band> = None;
    for l in &shown {
        if stacked {
            // Fill between the layer below and this layer's mean.
            let base = below
                .as_ref()
                .map_or_else(|| vec![0.0; l.band.x.len()], |b| b.mean.clone());
            let fill = Band {
                x: l.band.x.clone(),
                mean: l.band.mean.clone(),
                low: base,
                high: l.band.mean.clone(),
            };
            for poly in band_polygons(&fill) {
                chart.draw_series(std::iter::once(Polygon::new(
                    poly,
                    l.color.mix(0.45).filled(),
                )))?;
            }
        }
        for poly in band_polygons(&l.band) {
            chart.draw_series(std::iter::once(Polygon::new(
                poly,
                l.color.mix(0.22).filled(),
            )))?;
        }
        let color = l.color;
        if markers {
            chart.draw_series(
                l.band
                    .x
                    .iter()
                    .zip(&l.band.mean)
                    .filter(|(_, m)| m.is_finite())
                    .map(|(&x, &m)| Circle::new((x, m), 5, color.filled())),
            )?;
        }
        let mut first = true;
        for seg in segments(&l.band.x, &l.band.mean) {
            let s = chart.draw_series(LineSeries::new(seg, color.stroke_width(2)))?;
            if first {
                s.label(l.label.clone()).legend(move |(x, y)| {
                    Rectangle::new([(x, y - 6), (x + 18, y + 6)], color.filled())
                });
                first = false;
            }
        }
        below = Some(l.band.clone());
    }
    for r in refs {
        let color = r.color;
        chart
            .draw_series(LineSeries::new(
                vec![(x_min, r.value), (x_max, r.value)],
                color.stroke_width(2),
            ))?
            .label(r.label.clone())
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 18, y)], color.stroke_width(2))
            });
    }
    draw_legend(&mut chart)
}

type Plane =
    Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>;

/// A titled plane with labelled axes and a light mesh; `(margin, x_area, y_area)` in pixels.
fn axes<'a, DB: DrawingBackend + 'a>(
    area: &DrawingArea<DB, Shift>,
    (title, x_label, y_label): (&str, &str, &str),
    (x, y): (std::ops::Range<f64>, std::ops::Range<f64>),
    (margin, x_area, y_area): (u32, u32, u32),
    lang: Lang,
) -> DrawResult<ChartContext<'a, DB, Plane>, DB> {
    let tick = ticker(lang);
    let mut chart = ChartBuilder::on(area)
        .caption(title, (FONT, 22))
        .margin(margin)
        .x_label_area_size(x_area)
        .y_label_area_size(y_area)
        .build_cartesian_2d(x, y)?;
    chart
        .configure_mesh()
        .x_desc(x_label)
        .y_desc(y_label)
        .x_label_formatter(&tick)
        .y_label_formatter(&tick)
        .label_style((FONT, 15))
        .axis_desc_style((FONT, 17))
        .light_line_style(BLACK.mix(0.05))
        .draw()?;
    Ok(chart)
}

/// The legend of a panel, top right.
fn draw_legend<'a, DB: DrawingBackend + 'a>(
    chart: &mut ChartContext<'a, DB, Plane>,
) -> DrawResult<(), DB> {
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperRight)
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK.mix(0.3))
        .label_font((FONT, 15))
        .draw()
}

fn whisker<DB: DrawingBackend>(
    chart: &mut ChartContext<'_, DB, Plane>,
    x: f64,
    half_width: f64,
    i: &Interval,
) -> DrawResult<(), DB> {
    if i.low.is_finite() && i.high.is_finite() {
        let style = BLACK.stroke_width(1);
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(x, i.low), (x, i.high)],
            style,
        )))?;
        for y in [i.low, i.high] {
            chart.draw_series(std::iter::once(PathElement::new(
                vec![(x - half_width, y), (x + half_width, y)],
                style,
            )))?;
        }
    }
    Ok(())
}

fn draw_bars<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    (title, x_label, y_label): (&str, &str, &str),
    series: &[BarSeries],
    marks: &[(String, f64)],
    lang: Lang,
) -> DrawResult<(), DB> {
    // Show bins up to where 99.5% of every series lies (a long thin tail says little).
    let x_max = series
        .iter()
        .map(|s| {
            let total: f64 = s.bars.iter().map(|(_, _, i)| i.mean.max(0.0)).sum();
            let mut acc = 0.0;
            s.bars
                .iter()
                .find(|(_, _, i)| {
                    acc += i.mean.max(0.0);
                    acc >= 0.995 * total
                })
                .map_or(1.0, |(_, r, _)| *r)
        })
        .fold(1.0f64, f64::max);
    let y_top = nice_top(
        series
            .iter()
            .flat_map(|s| {
                s.bars
                    .iter()
                    .map(|(_, _, i)| finite(i.high).unwrap_or(i.mean))
            })
            .filter(|v| v.is_finite())
            .fold(0.0, f64::max),
    );
    let mut chart = axes(
        area,
        (title, x_label, y_label),
        (0.0..x_max, 0.0..y_top),
        (12, 50, 80),
        lang,
    )?;
    let k = series.len() as f64;
    for (j, s) in series.iter().enumerate() {
        let color = s.color;
        let rects: Vec<Rectangle<(f64, f64)>> = s
            .bars
            .iter()
            .filter(|(_, r, i)| i.mean.is_finite() && *r <= x_max)
            .map(|(l, r, i)| {
                let w = (r - l) / k;
                let x0 = l + w * j as f64;
                Rectangle::new(
                    [(x0 + w * 0.08, 0.0), (x0 + w * 0.92, i.mean)],
                    color.mix(0.8).filled(),
                )
            })
            .collect();
        chart
            .draw_series(rects)?
            .label(s.label.clone())
            .legend(move |(x, y)| Rectangle::new([(x, y - 6), (x + 18, y + 6)], color.filled()));
        for (l, r, i) in s.bars.iter().filter(|(_, r, _)| *r <= x_max) {
            let w = (r - l) / k;
            whisker(&mut chart, l + w * (j as f64 + 0.5), w * 0.2, i)?;
        }
    }
    for (label, x) in marks.iter().filter(|(_, x)| *x <= x_max) {
        let x = *x;
        chart
            .draw_series(LineSeries::new(
                vec![(x, 0.0), (x, y_top)],
                GREY.stroke_width(2),
            ))?
            .label(label.clone())
            .legend(move |(lx, ly)| {
                PathElement::new(vec![(lx, ly), (lx + 18, ly)], GREY.stroke_width(2))
            });
    }
    draw_legend(&mut chart)
}

/// A small panel for one metric: its name as caption, a y axis with the unit, no x labels.
fn small_panel<'a, DB: DrawingBackend + 'a>(
    area: &'a DrawingArea<DB, Shift>,
    title: &str,
    unit: &str,
    x: std::ops::Range<f64>,
    y: std::ops::Range<f64>,
    lang: Lang,
) -> DrawResult<ChartContext<'a, DB, Plane>, DB> {
    let tick = ticker(lang);
    let (w, h) = area.dim_in_pixel();
    let title = title.replace('_', " ");
    let mut chart = ChartBuilder::on(area)
        .caption(&title, (FONT, fit(&title, w.saturating_sub(12), 14.0)))
        .margin(8)
        .x_label_area_size(4)
        .y_label_area_size(70)
        .build_cartesian_2d(x, y)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(0)
        .y_labels(4)
        .y_desc(unit)
        .y_label_formatter(&tick)
        .label_style((FONT, 12))
        .axis_desc_style((FONT, fit(unit, h.saturating_sub(40), 12.0)))
        .light_line_style(BLACK.mix(0.05))
        .draw()?;
    Ok(chart)
}

fn draw_group<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    title: &str,
    unit: &str,
    bars: &[(RGBColor, Interval)],
    lang: Lang,
) -> DrawResult<(), DB> {
    let top = bars
        .iter()
        .map(|(_, i)| finite(i.high).or(finite(i.mean)).unwrap_or(0.0))
        .fold(0.0, f64::max);
    // Room above the tallest whisker for the bars' values.
    let y_top = if top > 0.0 {
        top * 1.3
    } else if is_share(unit) {
        0.1
    } else {
        1.0
    };
    // Differences may be negative: then the axis reaches below zero, with a line at zero.
    let bottom = bars
        .iter()
        .map(|(_, i)| finite(i.low).or(finite(i.mean)).unwrap_or(0.0))
        .fold(0.0, f64::min);
    let (y_bottom, y_top) = if bottom < 0.0 {
        let span = (top - bottom).max(f64::EPSILON);
        (bottom - 0.15 * span, top.max(0.0) + 0.2 * span)
    } else {
        (0.0, y_top)
    };
    let n = bars.len() as f64;
    let (w, _) = area.dim_in_pixel();
    let mut chart = small_panel(area, title, unit, 0.0..n, y_bottom..y_top, lang)?;
    if bottom < 0.0 {
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(0.0, 0.0), (n, 0.0)],
            BLACK.stroke_width(1),
        )))?;
    }
    // Each bar's value above it, as small as it must be to fit the bar's width.
    let labels: Vec<String> = bars
        .iter()
        .map(|(_, i)| finite(i.mean).map_or(String::new(), |m| lang.num(&fmtv(m))))
        .collect();
    let widest = labels
        .iter()
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(1)
        .max(1);
    let per_bar = f64::from(w.saturating_sub(80)) / n.max(1.0);
    let size = (per_bar / (0.6 * widest as f64)).clamp(7.0, 12.0);
    for (k, ((color, i), label)) in bars.iter().zip(&labels).enumerate() {
        let x = k as f64;
        if let Some(m) = finite(i.mean) {
            chart.draw_series(std::iter::once(Rectangle::new(
                [(x + 0.12, 0.0), (x + 0.88, m)],
                color.mix(0.85).filled(),
            )))?;
            whisker(&mut chart, x + 0.5, 0.15, i)?;
            let above = finite(i.high).unwrap_or(m).max(m);
            chart.draw_series(std::iter::once(Text::new(
                label.clone(),
                (x + 0.5, above + (y_top - y_bottom) * 0.02),
                (FONT, size)
                    .into_font()
                    .color(&BLACK)
                    .pos(Pos::new(HPos::Center, VPos::Bottom)),
            )))?;
        }
    }
    Ok(())
}

fn draw_metric<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    title: &str,
    unit: &str,
    i: &Interval,
    lang: Lang,
) -> DrawResult<(), DB> {
    let (lo, hi) = match (finite(i.low), finite(i.high), finite(i.mean)) {
        (Some(l), Some(h), _) if h > l => (l, h),
        (_, _, Some(m)) => (m, m),
        _ => (0.0, 0.0),
    };
    // Every axis starts at 0 (all metrics are counts, rates, times or shares), and a share
    // reads to 1, so a small interval looks small: no zooming in on noise.
    let y1 = if is_share(unit) {
        1.0
    } else if hi > 0.0 {
        nice_top(hi)
    } else {
        1.0
    };
    let (y0, y1) = (lo.min(0.0), y1.max(lo));
    let mut chart = small_panel(area, title, unit, 0.0..1.0, y0..y1, lang)?;
    if let Some(m) = finite(i.mean) {
        whisker(&mut chart, 0.5, 0.12, i)?;
        chart.draw_series(std::iter::once(Circle::new((0.5, m), 6, BLUE.filled())))?;
        chart.draw_series(std::iter::once(Text::new(
            lang.num(&fmtv(m)),
            (0.66, m),
            (FONT, 13).into_font().color(&BLACK),
        )))?;
    } else {
        chart.draw_series(std::iter::once(Text::new(
            lang.pick(
                "not defined in this run",
                "niet gedefinieerd in deze doorrekening",
            ),
            (0.1, (y0 + y1) / 2.0),
            (FONT, 13).into_font().color(&GREY),
        )))?;
    }
    Ok(())
}

/// The range `[low, high]` of intervals' whiskers (or means), padded by a tenth.
fn span(values: impl Iterator<Item = Interval>) -> (f64, f64) {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for i in values {
        for v in [i.low, i.mean, i.high]
            .into_iter()
            .filter(|v| v.is_finite())
        {
            lo = lo.min(v);
            hi = hi.max(v);
        }
    }
    if !lo.is_finite() {
        return (0.0, 1.0);
    }
    let pad = ((hi - lo) * 0.15)
        .max(hi.abs().max(lo.abs()) * 0.002)
        .max(1e-6);
    (lo - pad, hi + pad)
}

fn draw_scatter<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    (title, x_label, y_label): (&str, &str, &str),
    points: &[(RGBColor, Interval, Interval)],
    lang: Lang,
) -> DrawResult<(), DB> {
    let (x0, x1) = span(points.iter().map(|p| p.1));
    let (y0, y1) = span(points.iter().map(|p| p.2));
    let mut chart = axes(
        area,
        (title, x_label, y_label),
        (x0..x1, y0..y1),
        (16, 54, 90),
        lang,
    )?;
    let style = BLACK.stroke_width(1);
    for (color, x, y) in points {
        let (Some(mx), Some(my)) = (finite(x.mean), finite(y.mean)) else {
            continue;
        };
        if x.low.is_finite() && x.high.is_finite() {
            chart.draw_series(std::iter::once(PathElement::new(
                vec![(x.low, my), (x.high, my)],
                style,
            )))?;
        }
        if y.low.is_finite() && y.high.is_finite() {
            chart.draw_series(std::iter::once(PathElement::new(
                vec![(mx, y.low), (mx, y.high)],
                style,
            )))?;
        }
        chart.draw_series(std::iter::once(Circle::new((mx, my), 9, color.filled())))?;
    }
    Ok(())
}
