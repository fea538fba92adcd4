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

/// Fewer Morris trajectories than this get a word of caution (the default is this many).
const FEW_TRAJECTORIES: u32 = 10;

/// What the report shows of one metric.
pub struct Carried<'a> {
    /// The metric.
    pub metric: Metric,
    /// Its mean in the scenario (with `--versus`: the mean paired difference there), with
    /// its interval over replications.
    pub mean: crate::stats::Interval,
    /// Morris trajectories (few make wide intervals).
    pub trajectories: u32,
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

/// The paired difference at the scenario's own values in words: its size, interval and
/// whether it is told apart from none, and which way is better for the metric.
fn difference_words(lang: Lang, metric: Metric, d: &crate::stats::Interval) -> String {
    use crate::model::metrics::Better;
    let (mean, iv) = (num(lang, d.mean), span(lang, d.low, d.high));
    let told = d.low > 0.0 || d.high < 0.0;
    let better = match metric.def().better {
        Better::Lower => Some(d.mean < 0.0),
        Better::Higher => Some(d.mean > 0.0),
        Better::Neither => None,
    };
    let reading = match (told, better) {
        (false, _) => lang.pick(
            "not told apart from no difference at these replications",
            "bij dit aantal herhalingen niet te onderscheiden van geen verschil",
        ),
        (true, Some(true)) => lang.pick("better for this measure", "beter voor deze maat"),
        (true, Some(false)) => lang.pick("worse for this measure", "slechter voor deze maat"),
        (true, None) => lang.pick(
            "a difference (neither direction is better)",
            "een verschil (geen richting is beter)",
        ),
    };
    lang.pick(
        format!("At the scenario's own values the mean difference is {mean} (95% interval {iv}, over replications): {reading}."),
        format!("Bij de eigen waarden van het scenario is het gemiddelde verschil {mean} (95%-interval {iv}, over herhalingen): {reading}."),
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
    let mut warnings = vec![lang
        .pick(
            "Almost every effect size in avesim is an assumption (grades B and C): the study is qualitative. This screening shows which of them move a result most when each is varied over its plausible range; it does not make them findings.",
            "Bijna elke effectgrootte in avesim is een aanname (bewijskracht B en C): de studie is kwalitatief. Deze verkenning laat zien welke ervan een resultaat het meest bewegen als elk over zijn aannemelijke bandbreedte varieert; ze maakt er geen bevindingen van.",
        )
        .to_string()];
    let trajectories = carried.first().map_or(0, |c| c.trajectories);
    if trajectories < FEW_TRAJECTORIES {
        warnings.push(lang.pick(
            format!("Only {trajectories} trajectories: every μ* rests on {trajectories} elementary effects, so its interval is wide and the order of the assumptions is rough. For a ranking to rely on, run at least {FEW_TRAJECTORIES} (the default)."),
            format!("Slechts {trajectories} trajecten: elke μ* rust op {trajectories} elementaire effecten, dus het interval is breed en de volgorde van de aannames grof. Voor een rangorde waarop u kunt bouwen: draai er minstens {FEW_TRAJECTORIES} (de standaard)."),
        ));
    }
    page.warnings(&warnings);
    let _ = writeln!(
        page.html(),
        "<p class=\"small\">{}</p>",
        esc(lang.pick(
            "How to read the tables: μ* (mu-star) is how much the measure changes when the assumption alone goes across its whole plausible range (in the measure's unit; measured in steps over part of the range, scaled to the whole, and averaged without sign over the design); 95% is its bootstrap interval over the trajectories. σ is how much that change differs from one setting of the other assumptions to another: a large σ beside μ* means the assumption acts together with others, or not in a straight line. The last two columns set the assumption alone at the low and the high end of its range, the others at the scenario's values, and give the paired change from the scenario. The rows are ranked by μ*, and the tornado chart shows the same assumptions in the same order.",
            "Zo leest u de tabellen: μ* (mu-ster) is hoeveel de maat verandert als alleen die aanname haar hele aannemelijke bandbreedte doorloopt (in de eenheid van de maat; gemeten in stappen over een deel van de bandbreedte, opgeschaald naar het geheel en als absolute waarde gemiddeld over de proefopzet); 95% is het bootstrapinterval over de trajecten. σ is hoeveel die verandering verschilt tussen instellingen van de andere aannames: een grote σ naast μ* betekent dat de aanname samen met andere werkt, of niet-lineair werkt. De laatste twee kolommen zetten alleen die aanname op de onder- en bovengrens van haar bandbreedte, de andere op de waarden van het scenario, en geven de gepaarde verandering ten opzichte van het scenario. De rijen staan in volgorde van μ*, en de tornadografiek toont dezelfde aannames in dezelfde volgorde.",
        ))
    );
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
                        "In the scenario the mean is {} (95% interval {}). The assumptions that move it most: ",
                        num(lang, c.mean.mean),
                        span(lang, c.mean.low, c.mean.high)
                    ),
                    format!(
                        "In het scenario is het gemiddelde {} (95%-interval {}). De aannames die het het meest bewegen: ",
                        num(lang, c.mean.mean),
                        span(lang, c.mean.low, c.mean.high)
                    ),
                ),
                true => format!(
                    "{} {}",
                    difference_words(lang, c.metric, &c.mean),
                    lang.pick(
                        "The assumptions that move the difference most: ",
                        "De aannames die het verschil het meest bewegen: "
                    )
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
