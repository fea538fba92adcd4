//! The report of `avesim sensitivity`: which assumptions carry this result — per headline
//! metric the assumptions ranked by Morris μ*, what each does at the two ends of its range,
//! and the charts.

use std::fmt::Write as _;
use std::path::Path;

use super::{Page, esc};
use crate::experiment::sensitivity::{Screened, Swing};
use crate::lang::Lang;
use crate::model::metrics::Metric;

/// Rows of each table.
const TOP: usize = 10;

/// What the report shows of one metric.
pub struct Carried<'a> {
    /// The metric.
    pub metric: Metric,
    /// Its mean in the scenario (with `--versus`: the mean paired difference there).
    pub mean: f64,
    /// Whether the metric is a paired difference of two setups (`--versus`).
    pub of_difference: bool,
    /// Assumptions by falling μ*.
    pub ranked: &'a [Screened],
    /// One at a time, widest first.
    pub swings: &'a [Swing],
}

fn num(lang: Lang, v: f64) -> String {
    if v.is_finite() {
        lang.num(&crate::format::value(v))
    } else {
        "–".into()
    }
}

/// An interval in words: `0,25 tot 1,3` / `0.25 to 1.3`.
fn span(lang: Lang, low: f64, high: f64) -> String {
    format!(
        "{} {} {}",
        num(lang, low),
        lang.pick("to", "tot"),
        num(lang, high)
    )
}

/// Write `report.html` of a sensitivity screening.
pub fn write_sensitivity_report(
    lang: Lang,
    dir: &Path,
    scenario: &str,
    method: &str,
    carried: &[Carried],
    charts: &[(String, String)],
) -> std::io::Result<()> {
    let mut page = Page::new(
        lang,
        &lang.pick(
            format!("Which assumptions carry the result — {scenario}"),
            format!("Welke aannames het resultaat dragen — {scenario}"),
        ),
        method,
    );
    page.warnings(&[lang
        .pick(
            "Almost every effect size in avesim is an assumption (grades B and C): the study is qualitative. This screening shows which of them move a result most when each is varied over its plausible range; it does not make them findings.",
            "Bijna elke effectgrootte in avesim is een aanname (bewijskracht B en C): de studie is kwalitatief. Deze verkenning laat zien welke ervan een resultaat het meest bewegen als elk over zijn aannemelijke bandbreedte varieert; ze maakt er geen bevindingen van.",
        )
        .to_string()]);
    for c in carried {
        let label = c.metric.label(lang);
        let html = page.html();
        let _ = writeln!(
            html,
            "<h2 id=\"{}\">{}</h2>",
            c.metric.name(),
            esc(&lang.pick(
                format!("Which assumptions carry this result: {label}"),
                format!("Welke aannames dit resultaat dragen: {label}"),
            ))
        );
        let top: Vec<String> = c
            .ranked
            .iter()
            .filter(|r| r.measures.mu_star > 0.0)
            .take(3)
            .map(|r| {
                format!(
                    "<code>{}</code> ({} {}; {} {})",
                    esc(&r.factor.key),
                    lang.pick("grade", "bewijskracht"),
                    r.factor.grade,
                    "μ*",
                    esc(&format!(
                        "{}, {}",
                        num(lang, r.measures.mu_star),
                        span(lang, r.measures.mu_star_low, r.measures.mu_star_high)
                    ))
                )
            })
            .collect();
        let close = match (c.ranked.first(), c.ranked.get(1)) {
            (Some(a), Some(b)) if b.measures.mu_star_high >= a.measures.mu_star_low => lang.pick(
                " The first two are not told apart: their intervals overlap.",
                " De eerste twee zijn niet van elkaar te onderscheiden: hun intervallen overlappen.",
            ),
            _ => "",
        };
        let _ = writeln!(
            html,
            "<div class=\"findings\"><p>{}{}.{}</p></div>",
            esc(&match c.of_difference {
                false => lang.pick(
                    format!(
                        "In the scenario the mean is {}. The assumptions that move it most: ",
                        num(lang, c.mean)
                    ),
                    format!(
                        "In het scenario is het gemiddelde {}. De aannames die het het meest bewegen: ",
                        num(lang, c.mean)
                    ),
                ),
                true => lang.pick(
                    format!(
                        "At the scenario's own values the mean difference is {}. The assumptions that move the difference most: ",
                        num(lang, c.mean)
                    ),
                    format!(
                        "Bij de eigen waarden van het scenario is het gemiddelde verschil {}. De aannames die het verschil het meest bewegen: ",
                        num(lang, c.mean)
                    ),
                ),
            }),
            top.join(", "),
            esc(close)
        );
        let head: Vec<String> = [
            lang.pick("assumption", "aanname"),
            lang.pick("grade", "bewijskracht"),
            lang.pick("range", "bandbreedte"),
            "μ* (95%)",
            "σ",
            lang.pick("at the low end", "aan de onderkant"),
            lang.pick("at the high end", "aan de bovenkant"),
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let rows: Vec<Vec<(String, bool)>> = c
            .ranked
            .iter()
            .take(TOP)
            .map(|r| {
                let f = &r.factor;
                let m = &r.measures;
                let swing = c.swings.iter().find(|s| s.factor.key == f.key);
                let end = |iv: Option<crate::stats::Interval>| {
                    iv.map_or(String::new(), |iv| {
                        esc(&format!(
                            "{} ({})",
                            num(lang, iv.mean),
                            span(lang, iv.low, iv.high)
                        ))
                    })
                };
                vec![
                    (format!("<code>{}</code>", esc(&f.key)), false),
                    (f.grade.to_string(), false),
                    (
                        esc(&format!("{}–{}", num(lang, f.low), num(lang, f.high))),
                        true,
                    ),
                    (
                        esc(&format!(
                            "{} ({})",
                            num(lang, m.mu_star),
                            span(lang, m.mu_star_low, m.mu_star_high)
                        )),
                        true,
                    ),
                    (esc(&num(lang, m.sigma)), true),
                    (end(swing.map(|s| s.at_low)), true),
                    (end(swing.map(|s| s.at_high)), true),
                ]
            })
            .collect();
        page.table(&head, &rows);
        for (stem, title) in charts
            .iter()
            .filter(|(stem, _)| stem.ends_with(&format!("-{}", c.metric.name())))
        {
            let svg = std::fs::read_to_string(dir.join("charts").join(format!("{stem}.svg")))?;
            let svg = svg.find("<svg").map_or(svg.as_str(), |i| &svg[i..]);
            let _ = writeln!(
                page.html(),
                "<figure id=\"chart-{stem}\">{svg}<figcaption><b>{}</b> <span class=\"small\">(charts/{stem}.png, charts/{stem}.svg)</span></figcaption></figure>",
                esc(title)
            );
        }
    }
    page.write(dir, env!("CARGO_PKG_VERSION"))
}
