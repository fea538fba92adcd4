//! What a chart shows, independent of how it is drawn: panels of lines with bands, stacked
//! areas, bars with whiskers and single metrics, plus the helpers that build them.

use plotters::style::RGBColor;

use super::ChartInfo;
use crate::experiment::RunResults;
use crate::lang::Lang;
use crate::model::Series;
use crate::stats::Interval;

/// A mean with its band, on an x axis.
#[derive(Debug, Clone, Default)]
pub(crate) struct Band {
    pub(crate) x: Vec<f64>,
    pub(crate) mean: Vec<f64>,
    pub(crate) low: Vec<f64>,
    pub(crate) high: Vec<f64>,
}

#[derive(Debug, Clone)]
pub(crate) struct Line {
    pub(crate) label: String,
    pub(crate) color: RGBColor,
    pub(crate) band: Band,
}

#[derive(Debug, Clone)]
pub(crate) struct Reference {
    pub(crate) label: String,
    pub(crate) value: f64,
    pub(crate) color: RGBColor,
}

#[derive(Debug, Clone)]
pub(crate) struct BarSeries {
    pub(crate) label: String,
    pub(crate) color: RGBColor,
    /// (left edge, right edge, value).
    pub(crate) bars: Vec<(f64, f64, Interval)>,
}

#[derive(Debug, Clone)]
pub(crate) enum Panel {
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
        /// The calendar year at x = 0, for an axis in years (ticks then read as years).
        year0: Option<f64>,
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
    /// One point per scenario with whiskers both ways: a trade-off between two metrics.
    Scatter {
        title: String,
        x_label: String,
        y_label: String,
        points: Vec<(RGBColor, Interval, Interval)>,
    },
}

pub(crate) struct Chart {
    /// The language of its words and numbers.
    pub(crate) lang: Lang,
    pub(crate) info: ChartInfo,
    pub(crate) cols: usize,
    pub(crate) panels: Vec<Panel>,
    /// Legend drawn once under the title (for charts of many small panels).
    pub(crate) legend: Vec<(String, RGBColor)>,
}

pub(crate) fn finite(v: f64) -> Option<f64> {
    v.is_finite().then_some(v)
}

/// Average a daily series into blocks so a 10-year chart has about 520 points. Only whole
/// blocks: a short last block (three days of a week) would draw a weekday-only average as a
/// sudden drop at the end; those days are in timeseries.csv.
pub(crate) fn block_average(days: &[Interval]) -> Band {
    let n = days.len();
    let block = (n / 520).max(1);
    let mut band = Band::default();
    for (b, chunk) in days.chunks_exact(block).enumerate() {
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
    pub(crate) fn top(&self) -> f64 {
        self.high
            .iter()
            .chain(&self.mean)
            .filter_map(|&v| finite(v))
            .fold(0.0, f64::max)
    }
    pub(crate) fn shifted(&self, base: &[f64]) -> Band {
        let add = |v: &[f64]| v.iter().zip(base).map(|(a, b)| a + b).collect();
        Band {
            x: self.x.clone(),
            mean: add(&self.mean),
            low: add(&self.low),
            high: add(&self.high),
        }
    }
}

/// A line of a run's daily series, averaged into blocks.
pub(crate) fn line(results: &RunResults, series: Series, label: &str, color: RGBColor) -> Line {
    Line {
        label: label.to_string(),
        color,
        band: block_average(results.series(series)),
    }
}

/// A panel of lines over time (years from the start), with the warm-up shaded.
pub(crate) fn time_panel(
    lang: Lang,
    title: &str,
    y_label: &str,
    lines: Vec<Line>,
    refs: Vec<Reference>,
    warmup_years: f64,
) -> Panel {
    Panel::Time {
        title: title.into(),
        x_label: lang
            .pick("time (years from start)", "tijd (jaren vanaf de start)")
            .into(),
        y_label: y_label.into(),
        lines,
        stacked: false,
        refs,
        warmup_years,
        categories: None,
        markers: false,
        year0: None,
    }
}

/// The calendar year (with its fraction) of a date.
pub(crate) fn year_of(date: jiff::civil::Date) -> f64 {
    f64::from(date.year()) + f64::from(date.day_of_year() - 1) / 365.0
}

/// Make every time panel of `charts` read its axis in calendar years from `year0`.
pub(crate) fn in_calendar_years(charts: &mut [Chart], year0: f64) {
    for chart in charts {
        let lang = chart.lang;
        for panel in &mut chart.panels {
            if let Panel::Time {
                x_label,
                year0: y,
                categories: None,
                markers: false,
                ..
            } = panel
            {
                *y = Some(year0);
                *x_label = lang.pick("year", "jaar").into();
            }
        }
    }
}
