//! The report of `avesim compare A B --uncertain N`: does the difference survive other values
//! of the assumptions? Per alternative the reading in words for the headline metrics, and a
//! table of every metric with the share of draws in which it is better, the mean difference and
//! the assumption that splits better from not better most.

use std::fmt::Write as _;
use std::path::Path;

use super::study::signed;
use super::{Page, esc};
use crate::lang::{Lang, Text};
use crate::model::metrics::Metric;

/// One alternative's verdict on one metric, as the report shows it.
pub struct Reading {
    /// The alternative (scenario name).
    pub scenario: String,
    /// The metric.
    pub metric: Metric,
    /// Whether the metric is one of the headline metrics (shown in words up front).
    pub headline: bool,
    /// The short reading ("under most assumptions (90%)").
    pub label: Text,
    /// The reading in words, with the share's interval and what it depends on.
    pub words: Text,
    /// The share better and its 95% interval.
    pub share: (f64, f64, f64),
    /// Mean over the draws of the paired difference (alternative − first).
    pub mean_difference: f64,
    /// The assumption whose range, cut at its middle, splits better from not better most, with
    /// the share better in its lower and upper half (only where chance seldom splits as well).
    pub split: Option<(String, f64, f64)>,
}

/// What the study was.
pub struct Study<'a> {
    /// The first scenario (the one the others are judged against).
    pub first: &'a str,
    /// Draws of the assumptions.
    pub draws: usize,
    /// Share of each range drawn around the scenario's value (1 = all).
    pub width: f64,
    /// Replications per scenario per draw.
    pub reps: u32,
    /// Seed.
    pub seed: u64,
    /// The assumptions drawn.
    pub drawn: &'a [String],
    /// The assumptions held as each scenario sets them.
    pub held: &'a [String],
}

/// How the readings are to be read, shared by `advise --uncertain` and `compare --uncertain`.
pub(super) fn readings_explained(lang: Lang) -> &'static str {
    lang.pick(
        "\"Whatever the assumptions\": better in at least 95% of the draws within the stated ranges; \"under most\": at least 75%; \"(almost) never\": at most 5%; each only when the whole 95% interval of the share says so, and \"too few draws\" when it spans one of those bounds (every draw better reads \"whatever the assumptions\" from about 75 draws); in between, avesim names the assumption it depends on, when one does. A share of draws within ranges the authors chose is not a probability, and only the numbers are drawn: the model's structure and the bestuurlijke preconditions are held. uncertain.csv holds every metric.",
        "\"Wat de aannames ook zijn\": beter in minstens 95% van de trekkingen binnen de opgegeven bandbreedtes; \"onder de meeste\": minstens 75%; \"(vrijwel) nooit\": hoogstens 5%; steeds alleen als het hele 95%-interval van het aandeel binnen die grens ligt, en \"te weinig trekkingen\" als dat interval een van die grenzen omvat (ook als elke trekking beter is, luidt het oordeel pas vanaf zo'n 75 trekkingen \"wat de aannames ook zijn\"); daartussen noemt avesim de aanname waar het van afhangt, als er één is. Een aandeel van trekkingen binnen bandbreedtes die de makers kozen is geen kans, en alleen de getallen worden getrokken: de opbouw van het model en de bestuurlijke voorwaarden blijven staan. uncertain.csv bevat alle maten.",
    )
}

/// Write `dir/report.html` of an uncertainty comparison.
pub fn write_uncertain_report(
    lang: Lang,
    dir: &Path,
    study: &Study<'_>,
    readings: &[Reading],
    version: &str,
) -> std::io::Result<()> {
    let mut others: Vec<&str> = Vec::new();
    for r in readings {
        if !others.contains(&r.scenario.as_str()) {
            others.push(&r.scenario);
        }
    }
    let first = study.first;
    let alts = others.join(", ");
    let title = lang.pick(
        format!("does {alts} still beat {first} if the assumptions are otherwise?"),
        format!("is {alts} ook bij andere aannames beter dan {first}?"),
    );
    let (n, k, r, seed) = (study.draws, study.drawn.len(), study.reps, study.seed);
    let width = lang.num(&format!("{:.0}%", 100.0 * study.width));
    let subtitle = lang.pick(
        format!("{n} draws of {k} assumptions (a Latin hypercube design, {width} of each plausible range), {r} replications per scenario per draw, seed {seed}, the same random numbers for every scenario in a draw."),
        format!("{n} trekkingen van {k} aannames (een Latin-hypercube-ontwerp, {width} van elke aannemelijke bandbreedte), {r} herhalingen per scenario per trekking, seed {seed}, dezelfde toevalsgetallen voor elk scenario binnen een trekking."),
    );
    let mut page = Page::new(lang, &title, &subtitle);
    let findings: Vec<String> = readings
        .iter()
        .filter(|x| x.headline)
        .map(|x| {
            format!(
                "<b>{}</b> — {}: {}",
                esc(&x.scenario),
                esc(x.metric.label(lang)),
                esc(x.words.get(lang))
            )
        })
        .collect();
    page.findings(&findings);
    let h = page.html();
    let _ = write!(
        h,
        "<h2 id=\"method\">{}</h2>\n<p>{}</p>\n<p>{}</p>\n<p>{}</p>\n",
        lang.pick("How to read this", "Hoe u dit leest"),
        esc(&lang.pick(
            format!("Every assumption graded B or C with a plausible range was drawn {n} times ({k} in all; a recommendation's own effect is one of them, from none to its targets). On every draw each scenario ran with {r} replications on the same random numbers, and the paired mean of each alternative was set against {first}'s: better or not, in the metric's better direction."),
            format!("Elke aanname met bewijskracht B of C en een aannemelijke bandbreedte is {n} keer getrokken ({k} in totaal; het eigen effect van een aanbeveling is er een van, van geen effect tot haar doelwaarden). Bij elke trekking is elk scenario doorgerekend met {r} herhalingen op dezelfde toevalsgetallen, en is het gepaarde gemiddelde van elk alternatief naast dat van {first} gelegd: beter of niet, in de richting die voor de maat beter is."),
        )),
        esc(readings_explained(lang)),
        esc(&if study.held.is_empty() {
            lang.pick(
                "No assumption is held: the scenarios differ only in what they lay on top.".to_string(),
                "Geen aanname wordt vastgehouden: de scenario's verschillen alleen in wat ze erbovenop leggen.".to_string(),
            )
        } else {
            let held = study.held.join(", ");
            lang.pick(
                format!("Held as each scenario sets them, because that is what is compared: {held}."),
                format!("Vastgehouden zoals elk scenario ze zet, omdat dat is wat vergeleken wordt: {held}."),
            )
        })
    );
    let _ = writeln!(
        h,
        "<h2 id=\"table\">{}</h2>",
        lang.pick("Every metric", "Alle maten")
    );
    let several = others.len() > 1;
    let head: Vec<String> = [
        lang.pick("scenario", "scenario"),
        lang.pick("metric", "maat"),
        lang.pick("reading", "oordeel"),
        lang.pick("better in (95% interval)", "beter in (95%-interval)"),
        lang.pick(
            "mean difference over the draws",
            "gemiddeld verschil over de trekkingen",
        ),
        lang.pick(
            "depends most on (better in lower / upper half)",
            "hangt het meest af van (beter in onderste / bovenste helft)",
        ),
    ]
    .iter()
    .skip(usize::from(!several))
    .map(|s| (*s).to_string())
    .collect();
    let pct = |x: f64| lang.num(&format!("{:.0}%", 100.0 * x));
    // The headline metrics first, each alternative's in the order given.
    let mut ordered: Vec<&Reading> = readings.iter().filter(|x| x.headline).collect();
    ordered.extend(readings.iter().filter(|x| !x.headline));
    let rows: Vec<Vec<(String, bool)>> = ordered
        .iter()
        .map(|x| {
            let (share, low, high) = x.share;
            let mut row = vec![
                (esc(&x.scenario), false),
                (esc(x.metric.label(lang)), false),
                (esc(x.label.get(lang)), false),
                (format!("{} ({}–{})", pct(share), pct(low), pct(high)), true),
                (esc(&signed(lang, x.metric, x.mean_difference)), true),
                (
                    x.split
                        .as_ref()
                        .map_or("–".to_string(), |(key, lower, upper)| {
                            format!(
                                "<code>{}</code> ({} / {})",
                                esc(key),
                                pct(*lower),
                                pct(*upper)
                            )
                        }),
                    false,
                ),
            ];
            if !several {
                row.remove(0);
            }
            row
        })
        .collect();
    page.table(&head, &rows);
    let _ = writeln!(
        page.html(),
        "<p class=\"small\">{}</p>",
        esc(lang.pick(
            "The last column names an assumption only where splitting its range at the middle separates the draws in which the alternative is better from the others more than random relabelling of the draws does in 95% of 200 tries; otherwise no single assumption explains the reading (–).",
            "De laatste kolom noemt alleen een aanname als het in tweeën delen van haar bandbreedte de trekkingen waarin het alternatief beter is sterker van de andere scheidt dan willekeurig herverdelen van de trekkingen in 95% van 200 pogingen doet; anders verklaart geen afzonderlijke aanname het oordeel (–).",
        ))
    );
    page.write(dir, version)
}
