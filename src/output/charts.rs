//! Charts of a run for a memo or a room: PNG (1600×900) and SVG of each chart, with a title
//! naming the scenario, axis labels with units, a legend, and the 95% band across
//! replications wherever a mean is drawn. Fonts are bundled (DejaVu Sans), so no system font
//! is needed, and the same results give byte-identical SVGs.

use crate::format::value as fmtv;
use std::path::Path;
use std::sync::Once;

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::experiment::RunResults;
use crate::model::metrics::{HIST_BIN_DAYS, METRICS};
use crate::scenario::Params;
use crate::stats::Interval;

/// Chart width in pixels.
pub const WIDTH: u32 = 1600;
/// Chart height in pixels.
pub const HEIGHT: u32 = 900;

const FONT: &str = "sans-serif";
static FONT_REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
static FONT_BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");
static REGISTER: Once = Once::new();

/// Colours that stay apart in print and for most colour-blind readers (Tableau 10).
const PALETTE: [RGBColor; 10] = [
    RGBColor(31, 119, 180),
    RGBColor(255, 127, 14),
    RGBColor(214, 39, 40),
    RGBColor(44, 160, 44),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
    RGBColor(227, 119, 194),
    RGBColor(127, 127, 127),
    RGBColor(188, 189, 34),
    RGBColor(23, 190, 207),
];
const BLUE: RGBColor = PALETTE[0];
const ORANGE: RGBColor = PALETTE[1];
const RED: RGBColor = PALETTE[2];
const GREEN: RGBColor = PALETTE[3];
const PURPLE: RGBColor = PALETTE[4];
const GREY: RGBColor = PALETTE[7];

/// A chart could not be drawn or written.
#[derive(Debug, thiserror::Error)]
#[error("drawing chart {chart}: {message}")]
pub struct ChartError {
    /// Chart file stem.
    pub chart: String,
    /// What went wrong.
    pub message: String,
}

/// A drawn chart: its file stem (`<stem>.png`, `<stem>.svg`) and title.
#[derive(Debug, Clone)]
pub struct ChartInfo {
    /// File stem in `charts/`.
    pub stem: &'static str,
    /// Title.
    pub title: String,
    /// One sentence on how to read it.
    pub caption: &'static str,
}

/// A mean with its band, on an x axis.
#[derive(Debug, Clone, Default)]
struct Band {
    x: Vec<f64>,
    mean: Vec<f64>,
    low: Vec<f64>,
    high: Vec<f64>,
}

#[derive(Debug, Clone)]
struct Line {
    label: String,
    color: RGBColor,
    band: Band,
}

#[derive(Debug, Clone)]
struct Reference {
    label: String,
    value: f64,
    color: RGBColor,
}

#[derive(Debug, Clone)]
struct BarSeries {
    label: String,
    color: RGBColor,
    /// (left edge, right edge, value).
    bars: Vec<(f64, f64, Interval)>,
}

#[derive(Debug, Clone)]
enum Panel {
    Time {
        title: String,
        x_label: String,
        y_label: String,
        lines: Vec<Line>,
        stacked: bool,
        refs: Vec<Reference>,
        warmup_years: f64,
        /// Names of categorical x positions 0, 1, ... (None: x is numeric).
        categories: Option<Vec<String>>,
        /// Mark every point (few points, as in a sweep).
        markers: bool,
    },
    /// One metric for several scenarios: a bar per scenario (colours from the chart legend).
    Group {
        title: String,
        unit: String,
        bars: Vec<(RGBColor, Interval)>,
    },
    Bars {
        title: String,
        x_label: String,
        y_label: String,
        series: Vec<BarSeries>,
        /// Vertical reference lines: (label, x).
        marks: Vec<(String, f64)>,
    },
    Metric {
        title: String,
        unit: String,
        interval: Interval,
    },
}

struct Chart {
    info: ChartInfo,
    cols: usize,
    panels: Vec<Panel>,
    /// Legend drawn once under the title (for charts of many small panels).
    legend: Vec<(String, RGBColor)>,
}

type DrawResult<T, DB> = Result<T, DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

fn finite(v: f64) -> Option<f64> {
    v.is_finite().then_some(v)
}

/// Average a daily series into blocks so a 10-year chart has about 520 points.
fn block_average(days: &[Interval]) -> Band {
    let n = days.len();
    let block = (n / 520).max(1);
    let mut band = Band::default();
    for (b, chunk) in days.chunks(block).enumerate() {
        let avg = |f: fn(&Interval) -> f64| {
            let vals: Vec<f64> = chunk.iter().map(f).filter(|v| v.is_finite()).collect();
            if vals.len() * 2 < chunk.len() || vals.is_empty() {
                f64::NAN
            } else {
                vals.iter().sum::<f64>() / vals.len() as f64
            }
        };
        let mid_day = (b * block) as f64 + chunk.len() as f64 / 2.0;
        band.x.push(mid_day / 365.0);
        band.mean.push(avg(|i| i.mean));
        band.low.push(avg(|i| i.low));
        band.high.push(avg(|i| i.high));
    }
    band
}

impl Band {
    fn top(&self) -> f64 {
        self.high
            .iter()
            .chain(&self.mean)
            .filter_map(|&v| finite(v))
            .fold(0.0, f64::max)
    }
    fn shifted(&self, base: &[f64]) -> Band {
        let add = |v: &[f64]| v.iter().zip(base).map(|(a, b)| a + b).collect();
        Band {
            x: self.x.clone(),
            mean: add(&self.mean),
            low: add(&self.low),
            high: add(&self.high),
        }
    }
}

fn series<'a>(results: &'a RunResults, name: &str) -> &'a [Interval] {
    results
        .series
        .iter()
        .position(|s| s == name)
        .map_or(&[], |i| &results.daily[i])
}

fn line(results: &RunResults, name: &str, label: &str, color: RGBColor) -> Line {
    Line {
        label: label.to_string(),
        color,
        band: block_average(series(results, name)),
    }
}

fn time_panel(
    title: &str,
    y_label: &str,
    lines: Vec<Line>,
    refs: Vec<Reference>,
    warmup_years: f64,
) -> Panel {
    Panel::Time {
        title: title.into(),
        x_label: "time (years from start)".into(),
        y_label: y_label.into(),
        lines,
        stacked: false,
        refs,
        warmup_years,
        categories: None,
        markers: false,
    }
}

fn build_charts(name: &str, params: &Params, results: &RunResults) -> Vec<Chart> {
    let warmup_days = f64::from(params.run.warmup_days);
    let wy = warmup_days / 365.0;
    let mut charts = Vec::new();

    // 1. Escalations over time.
    let rate_label = "per 1,000 cases in progress, last 30 days";
    charts.push(Chart {
        info: ChartInfo {
            stem: "escalations",
            title: format!("{name}: escalations per 1,000 cases in progress (rolling 30 days)"),
            caption: "How often cases move up: to the Veiligheidshuis (phase 3) and into a crisis (phase 4); late escalations are crises of cases never escalated before.",
        },
        cols: 1,
        legend: vec![],
        panels: vec![
            time_panel(
                "Escalation to the Veiligheidshuis (AVE phase 2 → 3)",
                rate_label,
                vec![line(results, "escalations_phase3_per_1000_in_progress_30d", "phase 2 → 3", BLUE)],
                vec![],
                wy,
            ),
            time_panel(
                "Crises (→ phase 4) and late escalations",
                rate_label,
                vec![
                    line(results, "escalations_phase4_per_1000_in_progress_30d", "crisis (→ phase 4)", RED),
                    line(results, "late_escalations_per_1000_in_progress_30d", "late escalation (phase 2 → 4, never in phase 3)", ORANGE),
                ],
                vec![],
                wy,
            ),
        ],
    });

    // 2. Phase occupancy.
    let stacked = vec![
        line(results, "cases_phase2", "AVE-fase 2 (wijkteam)", BLUE),
        line(
            results,
            "cases_phase3",
            "AVE-fase 3 (Veiligheidshuis)",
            ORANGE,
        ),
        line(results, "cases_phase4", "AVE-fase 4 (mayor)", RED),
    ];
    charts.push(Chart {
        info: ChartInfo {
            stem: "phases",
            title: format!("{name}: cases in each AVE phase"),
            caption: "Cases in progress by phase (stacked), and phases 3 and 4 on their own scale below.",
        },
        cols: 1,
        legend: vec![],
        panels: vec![
            Panel::Time {
                title: "All cases in progress (stacked)".into(),
                x_label: "time (years from start)".into(),
                y_label: "cases".into(),
                lines: stacked.clone(),
                stacked: true,
                refs: vec![],
                warmup_years: wy,
                categories: None,
                markers: false,
            },
            time_panel("Phases 3 and 4", "cases", stacked[1..].to_vec(), vec![], wy),
        ],
    });

    // 3. Veiligheidshuis pressure.
    charts.push(Chart {
        info: ChartInfo {
            stem: "vhh_pressure",
            title: format!("{name}: Veiligheidshuis pressure"),
            caption: "Busy process-lead slots against the fixed capacity, and escalations waiting for a coordinator.",
        },
        cols: 1,
        legend: vec![],
        panels: vec![
            time_panel(
                "Process-lead slots in use",
                "cases led by the VHH",
                vec![line(results, "vhh_busy", "busy slots", BLUE)],
                vec![Reference { label: format!("capacity ({} slots)", params.vhh.slots), value: f64::from(params.vhh.slots), color: RED }],
                wy,
            ),
            time_panel(
                "Waiting list",
                "escalations waiting",
                vec![line(results, "vhh_waiting", "waiting for a slot", ORANGE)],
                vec![],
                wy,
            ),
        ],
    });

    // 4. Wijkteam pressure.
    let teams = params.wijkteam.teams;
    let busy_names: Vec<String> = (1..=teams)
        .map(|t| format!("wijkteam_busy_team{t}"))
        .collect();
    let wait_names: Vec<String> = (1..=teams)
        .map(|t| format!("wijkteam_waiting_team{t}"))
        .collect();
    let per_team = |names: &[String]| {
        names
            .iter()
            .enumerate()
            .map(|(i, n)| {
                line(
                    results,
                    n,
                    &format!("team {}", i + 1),
                    PALETTE[i % PALETTE.len()],
                )
            })
            .collect::<Vec<_>>()
    };
    let total_slots = f64::from(params.wijkteam.team_slots) * teams as f64;
    charts.push(Chart {
        info: ChartInfo {
            stem: "wijkteam_pressure",
            title: format!("{name}: wijkteam pressure"),
            caption: "Caseload against capacity and cases waiting for a worker, in total (top) and per wijkteam (bottom).",
        },
        cols: 2,
        legend: vec![],
        panels: vec![
            time_panel(
                "Caseload, all wijkteams",
                "cases",
                vec![line(results, "wijkteam_busy", "caseload", BLUE)],
                vec![Reference { label: format!("capacity ({total_slots:.0})"), value: total_slots, color: RED }],
                wy,
            ),
            time_panel(
                "Waiting for a wijkteam, all teams",
                "cases waiting",
                vec![line(results, "wijkteam_waiting", "waiting", ORANGE)],
                vec![],
                wy,
            ),
            time_panel(
                "Caseload per wijkteam",
                "cases",
                per_team(&busy_names),
                vec![Reference { label: format!("capacity per team ({})", params.wijkteam.team_slots), value: f64::from(params.wijkteam.team_slots), color: RED }],
                wy,
            ),
            time_panel("Waiting per wijkteam", "cases waiting", per_team(&wait_names), vec![], wy),
        ],
    });

    // 5. ZSM pressure.
    let target = params.zsm.target_h;
    let hourly = BarSeries {
        label: "suspects waiting".into(),
        color: PURPLE,
        bars: results
            .zsm_queue_by_hour
            .iter()
            .enumerate()
            .map(|(h, i)| (h as f64, h as f64 + 1.0, *i))
            .collect(),
    };
    charts.push(Chart {
        info: ChartInfo {
            stem: "zsm_pressure",
            title: format!("{name}: ZSM pressure"),
            caption: "Share of ZSM decisions taken within the decision target, and the queue at the ZSM table by hour of the day.",
        },
        cols: 1,
        legend: vec![],
        panels: vec![
            time_panel(
                &format!("Decided within {target} hours"),
                "share of decisions",
                vec![line(results, "zsm_within_target_share", "within target", GREEN)],
                vec![],
                wy,
            ),
            Panel::Bars {
                title: "Queue by hour of the day (after warm-up)".into(),
                x_label: "hour of the day".into(),
                y_label: "suspects waiting".into(),
                series: vec![hourly],
                marks: vec![],
            },
        ],
    });

    // 6. Time to escalation.
    let bars = |hist: &[Interval]| -> Vec<(f64, f64, Interval)> {
        hist.iter()
            .enumerate()
            .map(|(b, i)| (b as f64 * HIST_BIN_DAYS, (b + 1) as f64 * HIST_BIN_DAYS, *i))
            .collect()
    };
    charts.push(Chart {
        info: ChartInfo {
            stem: "time_to_escalation",
            title: format!("{name}: time to escalation, complex cases"),
            caption: "Days a complex case spends in phase 2 before its escalation to the Veiligheidshuis, with late escalations (crises of never-escalated cases) marked in red.",
        },
        cols: 1,
        legend: vec![],
        panels: vec![Panel::Bars {
            title: "Days in phase 2 before phase 3 (weekly bins, mean per replication after warm-up)".into(),
            x_label: "days in phase 2".into(),
            y_label: "cases per replication".into(),
            series: vec![
                BarSeries { label: "escalated to phase 3 (complex cases)".into(), color: BLUE, bars: bars(&results.time_to_phase3) },
                BarSeries { label: "late escalation: crisis before any phase 3".into(), color: RED, bars: bars(&results.time_to_late) },
            ],
            marks: if params.triage.criteria == crate::scenario::Criteria::Ave && params.triage.stagnation_adherence > 0.0 {
                vec![(format!("stagnation reviews from day {:.0}", params.triage.stagnation_h / 24.0), params.triage.stagnation_h / 24.0)]
            } else {
                vec![]
            },
        }],
    });

    // 7. Headline metrics.
    charts.push(Chart {
        info: ChartInfo {
            stem: "headline",
            title: if params.run.replications > 1 {
                format!("{name}: headline metrics (mean and 95% interval over {} replications)", params.run.replications)
            } else {
                format!("{name}: headline metrics (1 replication, so no interval)")
            },
            caption: "Every headline metric with its mean (dot) and 95% confidence interval (whiskers).",
        },
        cols: 6,
        legend: vec![],
        panels: METRICS
            .iter()
            .zip(&results.summary)
            .map(|(m, row)| Panel::Metric { title: m.name.to_string(), unit: m.unit.to_string(), interval: row.interval })
            .collect(),
    });
    charts
}

fn draw_chart<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &Chart,
) -> DrawResult<(), DB> {
    root.fill(&WHITE)?;
    let head_height = if chart.legend.is_empty() { 64 } else { 104 };
    let (head, body) = root.split_vertically(head_height);
    head.draw(&Text::new(
        chart.info.title.clone(),
        (24, 16),
        (FONT, 30).into_font().style(FontStyle::Bold).color(&BLACK),
    ))?;
    let mut x = 24;
    for (label, color) in &chart.legend {
        head.draw(&Rectangle::new([(x, 66), (x + 18, 84)], color.filled()))?;
        head.draw(&Text::new(
            label.clone(),
            (x + 24, 66),
            (FONT, 17).into_font().color(&BLACK),
        ))?;
        x += 40 + 10 * label.chars().count() as i32;
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
            } => draw_time(
                area,
                (title, x_label, y_label),
                lines,
                *stacked,
                refs,
                *warmup_years,
                categories.as_deref(),
                *markers,
            )?,
            Panel::Group { title, unit, bars } => draw_group(area, title, unit, bars)?,
            Panel::Bars {
                title,
                x_label,
                y_label,
                series,
                marks,
            } => draw_bars(area, title, x_label, y_label, series, marks)?,
            Panel::Metric {
                title,
                unit,
                interval,
            } => draw_metric(area, title, unit, interval)?,
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
fn tick(v: &f64) -> String {
    let r = (v * 1e6).round() / 1e6;
    if r == 0.0 { "0".into() } else { format!("{r}") }
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
    markers: bool,
) -> DrawResult<(), DB> {
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
            None => tick(v),
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
            "warm-up",
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
    chart: &mut ChartContext<
        '_,
        DB,
        Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
    >,
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
    title: &str,
    x_label: &str,
    y_label: &str,
    series: &[BarSeries],
    marks: &[(String, f64)],
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
    let mut chart = ChartBuilder::on(area)
        .caption(title, (FONT, 22))
        .margin(12)
        .x_label_area_size(50)
        .y_label_area_size(80)
        .build_cartesian_2d(0.0..x_max, 0.0..y_top)?;
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
) -> DrawResult<ChartContext<'a, DB, Plane>, DB> {
    let mut chart = ChartBuilder::on(area)
        .caption(title.replace('_', " "), (FONT, 14))
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
        .axis_desc_style((FONT, 12))
        .light_line_style(BLACK.mix(0.05))
        .draw()?;
    Ok(chart)
}

fn draw_group<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    title: &str,
    unit: &str,
    bars: &[(RGBColor, Interval)],
) -> DrawResult<(), DB> {
    let top = bars
        .iter()
        .map(|(_, i)| finite(i.high).or(finite(i.mean)).unwrap_or(0.0))
        .fold(0.0, f64::max);
    let y_top = if top > 0.0 {
        top * 1.15
    } else if unit == "share" {
        0.1
    } else {
        1.0
    };
    let n = bars.len() as f64;
    let mut chart = small_panel(area, title, unit, 0.0..n, 0.0..y_top)?;
    for (k, (color, i)) in bars.iter().enumerate() {
        let x = k as f64;
        if let Some(m) = finite(i.mean) {
            chart.draw_series(std::iter::once(Rectangle::new(
                [(x + 0.12, 0.0), (x + 0.88, m)],
                color.mix(0.85).filled(),
            )))?;
            whisker(&mut chart, x + 0.5, 0.15, i)?;
        }
    }
    Ok(())
}

fn draw_metric<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    title: &str,
    unit: &str,
    i: &Interval,
) -> DrawResult<(), DB> {
    let (lo, hi) = match (finite(i.low), finite(i.high), finite(i.mean)) {
        (Some(l), Some(h), _) if h > l => (l, h),
        (_, _, Some(m)) => (m, m),
        _ => (0.0, 0.0),
    };
    let mid = (lo + hi) / 2.0;
    let mut pad = ((hi - lo) * 1.5).max(mid.abs() * 0.05);
    if pad < 1e-9 {
        // A value of exactly 0 with no spread: show a readable range around it.
        pad = if unit == "share" { 0.1 } else { 1.0 };
    }
    let (y0, y1) = (mid - pad - (hi - lo) / 2.0, mid + pad + (hi - lo) / 2.0);
    let mut chart = small_panel(area, title, unit, 0.0..1.0, y0..y1)?;
    if let Some(m) = finite(i.mean) {
        whisker(&mut chart, 0.5, 0.12, i)?;
        chart.draw_series(std::iter::once(Circle::new((0.5, m), 6, BLUE.filled())))?;
        chart.draw_series(std::iter::once(Text::new(
            fmtv(m),
            (0.66, m),
            (FONT, 13).into_font().color(&BLACK),
        )))?;
    } else {
        chart.draw_series(std::iter::once(Text::new(
            "not defined in this run",
            (0.1, mid),
            (FONT, 13).into_font().color(&GREY),
        )))?;
    }
    Ok(())
}

fn register_fonts() -> Result<(), ChartError> {
    let mut result = Ok(());
    REGISTER.call_once(|| {
        let regular = plotters::style::register_font(FONT, FontStyle::Normal, FONT_REGULAR);
        let bold = plotters::style::register_font(FONT, FontStyle::Bold, FONT_BOLD);
        if regular.is_err() || bold.is_err() {
            result = Err(ChartError {
                chart: "fonts".into(),
                message: "the bundled font could not be loaded".into(),
            });
        }
    });
    result
}

/// Draw every chart of a run into `dir` (PNG and SVG); returns what was drawn, in order.
pub fn write_charts(
    dir: &Path,
    name: &str,
    params: &Params,
    results: &RunResults,
) -> Result<Vec<ChartInfo>, ChartError> {
    render_all(dir, build_charts(name, params, results))
}

fn render_all(dir: &Path, charts: Vec<Chart>) -> Result<Vec<ChartInfo>, ChartError> {
    register_fonts()?;
    std::fs::create_dir_all(dir).map_err(|e| ChartError {
        chart: dir.display().to_string(),
        message: e.to_string(),
    })?;
    let mut drawn = Vec::new();
    for chart in charts {
        let err = |message: String| ChartError {
            chart: chart.info.stem.to_string(),
            message,
        };
        let png = dir.join(format!("{}.png", chart.info.stem));
        {
            let root = BitMapBackend::new(&png, (WIDTH, HEIGHT)).into_drawing_area();
            draw_chart(&root, &chart).map_err(|e| err(e.to_string()))?;
        }
        let svg = dir.join(format!("{}.svg", chart.info.stem));
        {
            let root = SVGBackend::new(&svg, (WIDTH, HEIGHT)).into_drawing_area();
            draw_chart(&root, &chart).map_err(|e| err(e.to_string()))?;
        }
        drawn.push(chart.info);
    }
    Ok(drawn)
}

/// Charts of a sweep: each headline metric against the first varied key, one line per
/// combination of the other keys, with its 95% band. Files `sweep_<metric>.png/svg`.
pub fn write_sweep_charts(
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
                        let i = results[k].metric(m.name).copied().unwrap_or(Interval {
                            mean: f64::NAN,
                            low: f64::NAN,
                            high: f64::NAN,
                            n: 0,
                        });
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
                        "mean and 95% interval".to_string()
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
                info: ChartInfo {
                    stem: m.name,
                    title: format!("{name}: {} against {}", m.name, first.key),
                    caption: m.doc,
                },
                cols: 1,
                legend: vec![],
                panels: vec![Panel::Time {
                    title: m.doc.to_string(),
                    x_label: first.key.clone(),
                    y_label: m.unit.to_string(),
                    lines,
                    stacked: false,
                    refs: alarms
                        .iter()
                        .filter(|a| a.metric == m.name)
                        .map(|a| Reference {
                            label: format!("alarm: {a}"),
                            value: a.value,
                            color: RED,
                        })
                        .collect(),
                    warmup_years: 0.0,
                    categories: categories.clone(),
                    markers: true,
                }],
            }
        })
        .collect();
    render_all(dir, charts)
}

/// Grouped bar charts of a comparison: one panel per metric, a bar per scenario with its
/// 95% whiskers, one chart per group of metrics (escalation, capacity, information).
pub fn write_compare_charts(
    dir: &Path,
    results: &[RunResults],
) -> Result<Vec<ChartInfo>, ChartError> {
    let legend: Vec<(String, RGBColor)> = results
        .iter()
        .enumerate()
        .map(|(k, r)| (r.name.clone(), PALETTE[k % PALETTE.len()]))
        .collect();
    let groups: [(&'static str, &str, &'static str); 3] = [
        (
            "compare_escalation",
            "escalation",
            "Escalations: how often and how timely cases move up, per scenario.",
        ),
        (
            "compare_capacity",
            "capacity",
            "Capacity pressure at the wijkteams, the Veiligheidshuis and ZSM, per scenario.",
        ),
        (
            "compare_information",
            "information",
            "Information between ZSM and the Veiligheidshuis, per scenario.",
        ),
    ];
    let charts = groups
        .iter()
        .map(|&(stem, group, caption)| {
            let panels: Vec<Panel> = METRICS
                .iter()
                .filter(|m| m.group == group)
                .map(|m| Panel::Group {
                    title: m.name.to_string(),
                    unit: m.unit.to_string(),
                    bars: results
                        .iter()
                        .enumerate()
                        .map(|(k, r)| {
                            (
                                PALETTE[k % PALETTE.len()],
                                r.metric(m.name).copied().unwrap_or(Interval {
                                    mean: f64::NAN,
                                    low: f64::NAN,
                                    high: f64::NAN,
                                    n: 0,
                                }),
                            )
                        })
                        .collect(),
                })
                .collect();
            let cols = if panels.len() > 6 { 4 } else { 3 };
            Chart {
                info: ChartInfo {
                    stem,
                    title: format!("Comparison: {group} (mean and 95% interval)"),
                    caption,
                },
                cols,
                panels,
                legend: legend.clone(),
            }
        })
        .collect();
    render_all(dir, charts)
}
