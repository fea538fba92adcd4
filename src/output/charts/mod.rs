//! Charts of a run for a memo or a room: PNG (1600×900) and SVG of each chart, with a title
//! naming the scenario, axis labels with units, a legend, and the 95% band across
//! replications wherever a mean is drawn. Fonts are bundled (DejaVu Sans), so no system font
//! is needed, and the same results give byte-identical SVGs.

use std::path::Path;
use std::sync::Once;

use plotters::prelude::*;

use crate::experiment::RunResults;
use crate::lang::Lang;
use crate::scenario::Params;

mod advice;
mod draw;
mod run;
mod sensitivity;
mod spec;
mod study;

pub use advice::write_advice_chart;
pub use sensitivity::write_sensitivity_charts;
pub use study::{write_compare_charts, write_sweep_charts};

use draw::draw_chart;
use spec::Chart;

/// Chart width in pixels.
pub const WIDTH: u32 = 1600;
/// Chart height in pixels.
pub const HEIGHT: u32 = 900;

pub(crate) const FONT: &str = "sans-serif";
static FONT_REGULAR: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
static FONT_BOLD: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");
static REGISTER: Once = Once::new();

/// Colours that stay apart in print and for most colour-blind readers (Tableau 10).
pub(crate) const PALETTE: [RGBColor; 10] = [
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
pub(crate) const BLUE: RGBColor = PALETTE[0];
pub(crate) const ORANGE: RGBColor = PALETTE[1];
pub(crate) const RED: RGBColor = PALETTE[2];
pub(crate) const GREEN: RGBColor = PALETTE[3];
pub(crate) const PURPLE: RGBColor = PALETTE[4];
pub(crate) const GREY: RGBColor = PALETTE[7];

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
    pub caption: String,
}

/// The bundled fonts for turning SVG into PNG, with DejaVu Sans as "sans-serif".
fn font_database() -> std::sync::Arc<resvg::usvg::fontdb::Database> {
    static DB: std::sync::OnceLock<std::sync::Arc<resvg::usvg::fontdb::Database>> =
        std::sync::OnceLock::new();
    DB.get_or_init(|| {
        let mut db = resvg::usvg::fontdb::Database::new();
        db.load_font_data(FONT_REGULAR.to_vec());
        db.load_font_data(FONT_BOLD.to_vec());
        db.set_sans_serif_family("DejaVu Sans");
        std::sync::Arc::new(db)
    })
    .clone()
}

/// Render a chart's SVG to PNG with resvg: the PNG is the SVG as a browser shows it, with the
/// text laid out by a real text shaper. (plotters' own bitmap text puts every glyph at its
/// ink's left edge instead of its origin, so a "j", whose ink starts left of its origin,
/// stands apart: "wi jkteam".)
///
/// The SVG is first rewritten with [`single_paint_opacity`] (and saved so), which a browser
/// shows the same but resvg renders many times faster.
pub(crate) fn svg_to_png(svg: &Path, png: &Path) -> Result<(), String> {
    let drawn = std::fs::read_to_string(svg).map_err(|e| e.to_string())?;
    let data = single_paint_opacity(&drawn);
    if data != drawn {
        std::fs::write(svg, &data).map_err(|e| e.to_string())?;
    }
    let options = resvg::usvg::Options {
        font_family: "DejaVu Sans".into(),
        fontdb: font_database(),
        ..Default::default()
    };
    let tree =
        resvg::usvg::Tree::from_data(data.as_bytes(), &options).map_err(|e| e.to_string())?;
    let size = tree.size().to_int_size();
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height())
        .ok_or_else(|| "an empty chart".to_string())?;
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::default(),
        &mut pixmap.as_mut(),
    );
    let bytes = pixmap.encode_png().map_err(|e| e.to_string())?;
    std::fs::write(png, bytes).map_err(|e| e.to_string())
}

/// plotters writes an `opacity` on every element. On an element painted once (only a fill or
/// only a stroke, as all of plotters' are) that is exactly `fill-opacity` or
/// `stroke-opacity`, and `opacity="1"` is no opacity at all; but a renderer must draw an
/// element with `opacity` into a layer of its own and blend that in, which made rendering
/// the PNGs most of a run's output time. This rewrites each such element to the plain form;
/// an element with both a fill and a stroke keeps its `opacity`.
pub(crate) fn single_paint_opacity(svg: &str) -> String {
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let Some(len) = rest[open..].find('>') else {
            break;
        };
        let tag = &rest[open..=open + len];
        retag(tag, &mut out);
        rest = &rest[open + len + 1..];
    }
    out.push_str(rest);
    out
}

/// The value of the attribute `key` (` name="`) in `tag`, if present, and where it starts.
fn attribute<'a>(tag: &'a str, key: &str) -> Option<(usize, &'a str)> {
    let at = tag.find(key)?;
    let start = at + key.len();
    let len = tag[start..].find('"')?;
    Some((at, &tag[start..start + len]))
}

/// One tag with its `opacity` made plain (see [`single_paint_opacity`]).
fn retag(tag: &str, out: &mut String) {
    let Some((at, value)) = attribute(tag, " opacity=\"") else {
        out.push_str(tag);
        return;
    };
    let end = at + " opacity=\"".len() + value.len() + 1;
    let filled = match attribute(tag, " fill=\"") {
        Some((_, fill)) => fill != "none",
        // SVG fills every shape black unless told otherwise; a line has nothing to fill.
        None => !tag.starts_with("<line"),
    };
    let stroked = attribute(tag, " stroke=\"").is_some_and(|(_, stroke)| stroke != "none");
    let plain = if value == "1" || !(filled || stroked) {
        None
    } else if filled && stroked {
        out.push_str(tag);
        return;
    } else if filled {
        Some("fill-opacity")
    } else {
        Some("stroke-opacity")
    };
    out.push_str(&tag[..at]);
    if let Some(name) = plain {
        for part in [" ", name, "=\"", value, "\""] {
            out.push_str(part);
        }
    }
    out.push_str(&tag[end..]);
}

pub(crate) fn register_fonts() -> Result<(), ChartError> {
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
    lang: Lang,
    dir: &Path,
    name: &str,
    params: &Params,
    results: &RunResults,
) -> Result<Vec<ChartInfo>, ChartError> {
    render_all(dir, run::build_charts(lang, name, params, results))
}

pub(crate) fn render_all(dir: &Path, charts: Vec<Chart>) -> Result<Vec<ChartInfo>, ChartError> {
    register_fonts()?;
    std::fs::create_dir_all(dir).map_err(|e| ChartError {
        chart: dir.display().to_string(),
        message: e.to_string(),
    })?;
    // Each chart is drawn (SVG) and rendered (PNG) on its own: in parallel, the same bytes
    // whatever the order.
    use rayon::prelude::*;
    charts.par_iter().try_for_each(|chart| {
        let failed = |message: String| ChartError {
            chart: chart.info.stem.to_string(),
            message,
        };
        let svg = dir.join(format!("{}.svg", chart.info.stem));
        {
            let root = SVGBackend::new(&svg, (WIDTH, HEIGHT)).into_drawing_area();
            draw_chart(&root, chart).map_err(|e| failed(e.to_string()))?;
        }
        svg_to_png(&svg, &dir.join(format!("{}.png", chart.info.stem))).map_err(failed)
    })?;
    let drawn = charts.into_iter().map(|chart| chart.info).collect();
    Ok(drawn)
}

#[cfg(test)]
mod tests {
    use super::single_paint_opacity;

    #[test]
    fn opacity_becomes_the_paints_own() {
        let svg = concat!(
            "<svg>\n",
            "<line opacity=\"0.05\" stroke=\"#000000\" stroke-width=\"1\" x1=\"1\"/>\n",
            "<polyline fill=\"none\" opacity=\"0.8\" stroke=\"#1F77B4\" points=\"1,2\"/>\n",
            "<rect x=\"0\" opacity=\"0.2\" fill=\"#FFFFFF\" stroke=\"none\"/>\n",
            "<polygon opacity=\"0.3\" fill=\"#1F77B4\" points=\"1,2\"/>\n",
            "<text x=\"1\" opacity=\"1\" fill=\"#000000\">\na &lt; b\n</text>\n",
            "<circle opacity=\"0.5\" fill=\"#FF0000\" stroke=\"#000000\"/>\n",
            "</svg>"
        );
        let want = concat!(
            "<svg>\n",
            "<line stroke-opacity=\"0.05\" stroke=\"#000000\" stroke-width=\"1\" x1=\"1\"/>\n",
            "<polyline fill=\"none\" stroke-opacity=\"0.8\" stroke=\"#1F77B4\" points=\"1,2\"/>\n",
            "<rect x=\"0\" fill-opacity=\"0.2\" fill=\"#FFFFFF\" stroke=\"none\"/>\n",
            "<polygon fill-opacity=\"0.3\" fill=\"#1F77B4\" points=\"1,2\"/>\n",
            "<text x=\"1\" fill=\"#000000\">\na &lt; b\n</text>\n",
            // Both a fill and a stroke: the group opacity stays.
            "<circle opacity=\"0.5\" fill=\"#FF0000\" stroke=\"#000000\"/>\n",
            "</svg>"
        );
        assert_eq!(single_paint_opacity(svg), want);
        // Nothing left to rewrite the second time.
        assert_eq!(single_paint_opacity(want), want);
    }
}
