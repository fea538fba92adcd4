//! `report.html`: one self-contained page (inline SVG and CSS, no network, no JavaScript)
//! that says what was run, gives the headline metrics with their intervals and a plain
//! reading of each, shows every chart, and lists every parameter with its value, unit and
//! provenance (the assumptions register).

use std::fmt::Write as _;
use std::path::Path;

use crate::experiment::RunResults;
use crate::experiment::warnings::Warning;
use crate::lang::Lang;
use crate::model::metrics::METRICS;
use crate::scenario::{Params, Preset, Provenance, Scenario, System, register as params};

use super::charts::ChartInfo;
use super::files::RunFacts;
use crate::format::value as format_value;

/// Escape text for HTML.
pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

const CSS: &str = "
body{font-family:'DejaVu Sans',Verdana,Arial,sans-serif;color:#222;max-width:1200px;margin:2em auto;padding:0 1em;line-height:1.45}
h1{font-size:1.7em;margin-bottom:.2em}h2{margin-top:2em;border-bottom:2px solid #1f77b4;padding-bottom:.2em}
table{border-collapse:collapse;width:100%;font-size:.9em;margin:.6em 0}
th,td{border-bottom:1px solid #ddd;padding:.35em .5em;text-align:left;vertical-align:top}
th{background:#f3f6f9}td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
figure{margin:1.5em 0;page-break-inside:avoid}figure svg{width:100%;height:auto;border:1px solid #eee}
figcaption{font-size:.9em;color:#555}.small{font-size:.85em;color:#555}
.tag{display:inline-block;padding:0 .4em;border-radius:.3em;font-size:.85em;white-space:nowrap}
.gA{background:#dbeafe}.gB{background:#e0e7ff}.gP{background:#dcfce7}.gC{background:#fee2e2}.control{background:#eee}
q{font-style:italic}
.warn{border-left:6px solid #d62728;background:#fdecea;padding:.2em 1em;margin:1em 0}
@media print{body{max-width:none}h2{page-break-before:auto}}
@media (max-width:700px){table.cards tr:first-child{display:none}table.cards tr{display:block;border-bottom:2px solid #ddd;padding:.3em 0}table.cards td{display:block;border:none;padding:.1em .3em;text-align:left}table.cards td::before{content:attr(data-label) \": \";font-weight:bold;font-size:.85em;color:#555}table.cards td.num{text-align:left}table.cards td:empty{display:none}figure{overflow-x:auto}figure svg{width:1000px;max-width:none}}
";

fn grade_class(grade: &str) -> &'static str {
    match grade {
        "A" => "gA",
        "B" => "gB",
        "C" => "gC",
        "P" => "gP",
        _ => "control",
    }
}

fn display_value(v: &toml::Value) -> String {
    match v {
        toml::Value::String(s) => s.clone(),
        toml::Value::Table(t) => t
            .iter()
            .map(|(k, v)| format!("{k} = {}", display_value(v)))
            .collect::<Vec<_>>()
            .join(", "),
        other => other.to_string(),
    }
}

/// What this model can and cannot tell you, and one check against a public figure that was
/// not used to calibrate it.
fn limits_section(h: &mut String, lang: Lang, scenario: &Scenario, results: &RunResults) {
    use crate::model::Metric;
    let items_en = [
        "<b>From the study</b> (Bosch, <cite>Bouwen op bewegend fundament</cite>, 2015): the structure — AVE's four phases, procesregie at the Veiligheidshuis in AVE 3, the advice function, the links between the Veiligheidshuis and ZSM — the direction of each mechanism, and a handful of numbers (ZSM's opening hours, the 6-hour term, referrals 'op één of twee handen te tellen', Leeuwarden's 'bijna 50%' of the Veiligheidshuis's casework). The grade of every value is in the register below.",
        "<b>Assumed</b>: almost every effect size (grade C), and the size behind each direction (grade B). A difference between scenarios says what follows <i>if</i> those assumptions hold. The 95% intervals cover the simulation's own noise, not doubt about the assumptions: change them with <code>--set</code> or <code>avesim sweep</code> and see whether a conclusion survives.",
        "<b>Left out</b>: friction with ketenpartners at hand-over, turnover of staff at ZSM, several Veiligheidshuizen under one ZSM, each region's own size, the route from a wijkteam straight to the gemeente, and the governance recommendations (a strategic vision, national support). docs/model.md lists every rule and every omission.",
        "<b>The study's own caveats</b>: it is a momentopname of 2015; for the six regions other than Leeuwarden it rests on one respondent each, mostly the Veiligheidshuis's manager; what works in Leeuwarden is not to be copied without its context (\"couleur locale\").",
    ];
    let items_nl = [
        "<b>Uit het onderzoek</b> (Bosch, <cite>Bouwen op bewegend fundament</cite>, 2015): de structuur — de vier fasen van AVE, procesregie bij het Veiligheidshuis in AVE 3, de adviesfunctie, de lijnen tussen Veiligheidshuis en ZSM — de richting van elk mechanisme, en een handvol getallen (de openingstijden van ZSM, de termijn van 6 uur, doorverwijzingen 'op één of twee handen te tellen', Leeuwarden 'bijna 50%' van de casuïstiek van het Veiligheidshuis). De graad van elke waarde staat in het register hieronder.",
        "<b>Aangenomen</b>: bijna elke effectgrootte (graad C), en de grootte achter elke richting (graad B). Een verschil tussen scenario's zegt wat er volgt <i>als</i> die aannames kloppen. De 95%-intervallen dekken de ruis van de simulatie zelf, niet de twijfel over de aannames: verander ze met <code>--set</code> of <code>avesim sweep</code> en kijk of een conclusie overeind blijft.",
        "<b>Niet in het model</b>: frictie met ketenpartners bij de overdracht, wisselingen van medewerkers bij ZSM, meerdere Veiligheidshuizen onder één ZSM, de eigen omvang van elke regio, de route van een wijkteam rechtstreeks naar de gemeente, en de bestuurlijke aanbevelingen (een strategische visie, landelijke ondersteuning). docs/model.md noemt elke regel en elke weglating.",
        "<b>De kanttekeningen van het onderzoek zelf</b>: het is een momentopname van 2015; voor de zes regio's naast Leeuwarden rust het op één respondent per regio, meestal de manager van het Veiligheidshuis; wat in Leeuwarden werkt, is niet zonder de context over te nemen (\"couleur locale\").",
    ];
    let _ = write!(
        h,
        "<h2 id=\"limits\">{}</h2>\n<ul>\n{}</ul>\n",
        lang.pick(
            "What this model can and cannot tell you",
            "Wat dit model wel en niet kan zeggen"
        ),
        lang.pick(items_en, items_nl)
            .iter()
            .map(|i| format!("<li>{i}</li>\n"))
            .collect::<String>()
    );
    if !scenario.name.starts_with("leeuwarden") {
        return;
    }
    // Out of sample: VHH Fryslân's registrations in 2018 (SOURCES: "Kerngegevens 2018"),
    // not used for calibration.
    let share = results.metric(Metric::VhhEntriesFromMunicipalityShare);
    let own = results.metric(Metric::CollegeCasesPerYear);
    let n = |v: f64| lang.num(&format_value(v));
    let p = |v: f64| lang.num(&crate::format::pct(v));
    let _ = writeln!(
        h,
        "<h3>{}</h3>\n<p>{}</p>",
        lang.pick(
            "A check against a later public figure (not used to calibrate)",
            "Een toets aan een later openbaar cijfer (niet gebruikt om te ijken)"
        ),
        lang.pick(
            format!(
                "In 2018 Veiligheidshuis Fryslân registered 145 cases from Leeuwarden, 58% of all its registrations (Veiligheidshuis Fryslân, Kerngegevens 2018; grade P). This run gives {} of the municipality's own cases a year and a share of {} ({}–{}). Registrations come by every route, and from 2015 AVE was being introduced in five Frisian municipalities, the leerwerkplaatsen (study §5.3.1), which bring their own cases in: a mismatch is partly the foundation moving, not only the model.",
                if own.mean.is_finite() { n(own.mean) } else { "–".into() },
                p(share.mean),
                p(share.low),
                p(share.high)
            ),
            format!(
                "In 2018 registreerde Veiligheidshuis Fryslân 145 casussen uit Leeuwarden, 58% van al zijn registraties (Veiligheidshuis Fryslân, Kerngegevens 2018; graad P). Deze run geeft {} eigen casussen van de gemeente per jaar en een aandeel van {} ({}–{}). Registraties komen langs elke route binnen, en vanaf 2015 werd AVE ingevoerd in vijf Friese gemeenten, de leerwerkplaatsen (onderzoek §5.3.1), die hun eigen casussen inbrengen: een verschil is dus deels het bewegende fundament, niet alleen het model.",
                if own.mean.is_finite() { n(own.mean) } else { "–".into() },
                p(share.mean),
                p(share.low),
                p(share.high)
            ),
        )
    );
}

/// The budget of VHH hours in force on a day (the scenario's, or a `[[change]]`'s).
fn budget_on(params: &Params, day: u32) -> f64 {
    let t = f64::from(day) * crate::engine::HOURS_PER_DAY;
    params
        .changes
        .iter()
        .rev()
        .find(|(at, _)| *at <= t)
        .map_or(params.vhh.budget, |(_, p)| p.vhh.budget)
}

/// Each calendar year on its own, and the first year the VHH's hours pass 90% of its budget.
fn yearly_table(h: &mut String, lang: Lang, params: &Params, results: &RunResults) {
    use crate::model::yearly::{COLUMNS, years};
    let years = years(&params.run);
    if years.is_empty() || results.yearly.is_empty() {
        return;
    }
    let n = |v: f64| lang.num(&format_value(v));
    let shown = [
        "cases_entered",
        "upscalings_ave3",
        "acute_incidents",
        "vhh_hours_held_mean",
        "vhh_waiting_mean",
        "wijkteam_waiting_mean",
        "zsm_within_target_share",
    ];
    let cols: Vec<(usize, &crate::model::yearly::Column)> = COLUMNS
        .iter()
        .enumerate()
        .filter(|(_, c)| shown.contains(&c.name))
        .collect();
    let _ = write!(
        h,
        "<h2 id=\"yearly\">{}</h2>\n<p>{}</p>\n<table class=\"cards\">\n<tr><th>{}</th>{}</tr>\n",
        lang.pick("Year by year", "Per jaar"),
        lang.pick(
            "Each calendar year of the measured period on its own (mean over replications, 95% interval in yearly.csv): counts are per year, waiting lines and hours the year's average. A year the period cuts is partial.",
            "Elk kalenderjaar van de meetperiode apart (gemiddelde over de replicaties, 95%-interval in yearly.csv): aantallen per jaar, wachtrijen en uren als jaargemiddelde. Een jaar dat de periode afsnijdt, is onvolledig."
        ),
        lang.pick("year", "jaar"),
        cols.iter()
            .map(|(_, c)| {
                if c.name == "vhh_hours_held_mean" {
                    format!(
                        "<th>{} <span class=\"small\">({} {})</span></th>",
                        esc(c.label(lang)),
                        lang.pick("budget", "budget"),
                        lang.pick(
                            format!("{} a week", n(params.vhh.budget)),
                            format!("{} per week", n(params.vhh.budget))
                        )
                    )
                } else {
                    format!("<th>{}</th>", esc(c.label(lang)))
                }
            })
            .collect::<String>()
    );
    let held = COLUMNS.iter().position(|c| c.name == "vhh_hours_held_mean");
    let mut first_full: Option<i16> = None;
    for (y, row) in years.iter().zip(&results.yearly) {
        let label = if y.last_day - y.first_day + 1 < 365 {
            format!(
                "{} ({} {})",
                y.year,
                y.last_day - y.first_day + 1,
                lang.pick("days", "dagen")
            )
        } else {
            y.year.to_string()
        };
        if let Some(k) = held
            && first_full.is_none()
            && row[k].mean > 0.9 * budget_on(params, y.first_day)
        {
            first_full = Some(y.year);
        }
        let cells: String = cols
            .iter()
            .map(|(k, c)| {
                let v = row[*k].mean;
                let text = if c.unit == "share" {
                    lang.num(&crate::format::pct(v))
                } else {
                    n(v)
                };
                format!(
                    "<td class=\"num\" data-label=\"{}\">{text}</td>",
                    esc(c.label(lang))
                )
            })
            .collect();
        let _ = writeln!(
            h,
            "<tr><td data-label=\"{}\">{label}</td>{cells}</tr>",
            lang.pick("year", "jaar")
        );
    }
    h.push_str("</table>\n");
    let _ = writeln!(
        h,
        "<p>{}</p>",
        match first_full {
            Some(year) => lang.pick(
                format!("The procescoördinatoren's hours in use first pass 90% of their budget in <b>{year}</b>."),
                format!("De uren van de procescoördinatoren komen voor het eerst boven 90% van hun budget in <b>{year}</b>."),
            ),
            None => lang
                .pick(
                    "In no year do the procescoördinatoren's hours in use pass 90% of their budget.",
                    "In geen enkel jaar komen de uren van de procescoördinatoren boven 90% van hun budget.",
                )
                .to_string(),
        }
    );
}

/// Write `report.html` into `dir` (charts are read from `dir/charts/*.svg`).
#[allow(clippy::too_many_arguments)]
pub fn write_report(
    lang: Lang,
    dir: &Path,
    scenario: &Scenario,
    params: &Params,
    results: &RunResults,
    facts: &RunFacts,
    charts: &[ChartInfo],
    provenance: &Provenance,
    warnings: &[Warning],
) -> std::io::Result<()> {
    let mut h = String::with_capacity(1 << 20);
    let name = esc(&scenario.name);
    let title = if facts.changes.is_empty() {
        name.clone()
    } else {
        format!(
            "{name}, {} {}",
            lang.pick("changed with", "gewijzigd met"),
            esc(&facts.changes.join(", "))
        )
    };
    let report = lang.pick("avesim report", "avesim-rapport");
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{report}: {title}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
        lang.code()
    );
    let _ = write!(
        h,
        "<h1>{report}: {title}</h1>\n<p>{}</p>\n",
        esc(if lang == Lang::Nl && !scenario.description_nl.is_empty() {
            &scenario.description_nl
        } else {
            &scenario.description
        })
    );
    // What a reader must know first.
    if !warnings.is_empty() {
        let _ = writeln!(
            h,
            "<div class=\"warn\" id=\"warnings\"><p><b>{}</b></p><ul>",
            lang.pick(
                "Read this before using the numbers below:",
                "Lees dit voordat je de getallen hieronder gebruikt:"
            )
        );
        for w in warnings {
            let _ = writeln!(h, "<li>{}</li>", esc(&w.text(lang)));
        }
        h.push_str("</ul></div>\n");
    }
    // What was run.
    let years = f64::from(params.run.horizon_days) / 365.0;
    let n = |v: f64| lang.num(&format_value(v));
    let _ = write!(
        h,
        "<h2 id=\"run\">{}</h2>\n<table>\n<tr><th>scenario</th><td>{name} <span class=\"small\">({})</span></td></tr>\n<tr><th>seed</th><td>{}</td></tr>\n<tr><th>{}</th><td>{}</td></tr>\n<tr><th>{}</th><td>{}</td></tr>\n<tr><th>{}</th><td>{}; {} {}; {}</td></tr>\n{}<tr><th>{}</th><td>{}</td></tr>\n</table>\n",
        lang.pick("What was run", "Wat is gerekend"),
        esc(&match lang {
            Lang::Nl => facts.source.replacen("embedded ", "ingebouwd: ", 1),
            Lang::En => facts.source.clone(),
        }),
        facts.seed,
        lang.pick("replications", "replicaties"),
        facts.replications,
        lang.pick("horizon", "looptijd"),
        lang.pick(
            format!(
                "{} days ({} years) per replication, of which the first {} days are warm-up and not counted",
                params.run.horizon_days,
                n(years),
                params.run.warmup_days
            ),
            format!(
                "{} dagen ({} jaar) per replicatie, waarvan de eerste {} dagen inloop zijn en niet meetellen",
                params.run.horizon_days,
                n(years),
                params.run.warmup_days
            )
        ),
        lang.pick("set-up", "opzet"),
        match scenario.criteria.preset {
            Preset::Ave => lang.pick(
                "AVE: agreed phases and op- en afschalingscriteria op hoofdlijnen",
                "AVE: afgesproken fasen en op- en afschalingscriteria op hoofdlijnen"
            ),
            Preset::Informal => lang.pick(
                "no agreed op- en afschalingscriteria",
                "geen afgesproken op- en afschalingscriteria"
            ),
            Preset::CrisisOnly => lang.pick(
                "no opschaling before an acute incident",
                "geen opschaling vóór een acuut incident"
            ),
        },
        lang.pick("advice function", "adviesfunctie"),
        match (scenario.advice.enabled, lang) {
            (true, Lang::En) => "on",
            (false, Lang::En) => "off",
            (true, Lang::Nl) => "aan",
            (false, Lang::Nl) => "uit",
        },
        match scenario.link.system {
            System::Bridged => lang.pick(
                "VHH and ZSM on different systems, bridged via the police system BVH",
                "Veiligheidshuis en ZSM in verschillende systemen, overbrugd via het politiesysteem BVH"
            ),
            System::Shared => lang.pick(
                "VHH and ZSM share one information system (such as GCOS)",
                "Veiligheidshuis en ZSM delen één informatiesysteem (zoals GCOS)"
            ),
            System::Joint => lang.pick(
                "VHH and ZSM register jointly, co-located",
                "Veiligheidshuis en ZSM registreren samen, op één locatie"
            ),
        },
        if facts.changes.is_empty() {
            String::new()
        } else {
            format!(
                "<tr><th>{}</th><td><b>{}</b> <span class=\"small\">({})</span></td></tr>\n",
                lang.pick("changed with --set", "gewijzigd met --set"),
                esc(&facts.changes.join(", ")),
                lang.pick(
                    "not the scenario file as written: see the assumptions register",
                    "niet het scenariobestand zoals het er staat: zie het register van aannames"
                )
            )
        },
        lang.pick("avesim version", "versie van avesim"),
        esc(facts.avesim_version),
    );
    // Headline metrics.
    let (metric_h, mean_h, interval_h, unit_h, words_h) = (
        lang.pick("metric", "maat"),
        lang.pick("mean", "gemiddelde"),
        lang.pick("95% interval", "95%-interval"),
        lang.pick("unit", "eenheid"),
        lang.pick("in plain words", "in gewone woorden"),
    );
    let _ = write!(
        h,
        "<h2 id=\"headline\">{}</h2>\n<p>{}</p>\n<table class=\"cards\">\n<tr><th>{metric_h}</th><th>{mean_h}</th><th>{interval_h}</th><th>{unit_h}</th><th>{words_h}</th></tr>\n",
        lang.pick("Headline results", "Belangrijkste uitkomsten"),
        lang.pick(
            format!(
                "Mean over {} replications with its 95% confidence interval (Student t). The interval is the uncertainty of the simulation itself; the uncertainty of the assumptions below is larger and is explored by changing them.",
                params.run.replications
            ),
            format!(
                "Gemiddelde over {} replicaties met het 95%-betrouwbaarheidsinterval (Student t). Het interval is de onzekerheid van de simulatie zelf; de onzekerheid in de aannames hieronder is groter en verken je door ze te veranderen.",
                params.run.replications
            )
        )
    );
    for (m, row) in METRICS.iter().zip(&results.summary) {
        let i = &row.interval;
        let interval = if i.low.is_finite() {
            format!("{} – {}", n(i.low), n(i.high))
        } else {
            "–".into()
        };
        let _ = writeln!(
            h,
            "<tr><td data-label=\"{metric_h}\">{}<br><code class=\"small\">{}</code></td><td class=\"num\" data-label=\"{mean_h}\">{}</td><td class=\"num\" data-label=\"{interval_h}\">{}</td><td data-label=\"{unit_h}\">{}</td><td data-label=\"{words_h}\">{}</td></tr>",
            esc(m.metric.label(lang)),
            m.name,
            n(i.mean),
            interval,
            esc(m.metric.unit_text(lang)),
            esc(&m.metric.reading(lang, i, params))
        );
    }
    h.push_str("</table>\n");
    yearly_table(&mut h, lang, params, results);
    limits_section(&mut h, lang, scenario, results);
    // Charts.
    let _ = write!(
        h,
        "<h2 id=\"charts\">{}</h2>\n<p>{}</p>\n",
        lang.pick("Charts", "Grafieken"),
        lang.pick(
            "Lines are means over replications; shaded bands and whiskers are 95% intervals. The grey area is the warm-up, not counted in the headline results. Each chart is also in <code>charts/</code> as PNG and SVG.",
            "Lijnen zijn gemiddelden over de replicaties; de gekleurde banden en de streepjes zijn 95%-intervallen. Het grijze deel is de inloop, die niet meetelt in de uitkomsten. Elke grafiek staat ook in <code>charts/</code> als PNG en SVG."
        )
    );
    for c in charts {
        let svg = std::fs::read_to_string(dir.join("charts").join(format!("{}.svg", c.stem)))?;
        let svg = match svg.find("<svg") {
            Some(i) => &svg[i..],
            None => svg.as_str(),
        };
        let _ = write!(
            h,
            "<figure id=\"chart-{stem}\">\n{svg}\n<figcaption><b>{}</b> — {} <span class=\"small\">(charts/{stem}.png, charts/{stem}.svg)</span></figcaption>\n</figure>\n",
            esc(&c.title),
            esc(&c.caption),
            stem = c.stem,
        );
    }
    // Assumptions register.
    let heads = [
        "parameter",
        lang.pick("value", "waarde"),
        lang.pick("unit", "eenheid"),
        lang.pick("grade", "graad"),
        lang.pick("source", "bron"),
        lang.pick(
            "the study says / reasoning",
            "het onderzoek zegt / redenering",
        ),
        lang.pick("plausible range", "plausibel bereik"),
        lang.pick("set in", "gezet in"),
    ];
    let _ = write!(
        h,
        "<h2 id=\"assumptions\">{}</h2>\n<p>{}</p>\n<table class=\"cards\">\n<tr>{}</tr>\n",
        lang.pick("Assumptions register", "Register van aannames"),
        lang.pick(
            "Every parameter as used, with its unit and the evidence for its value, graded: <span class=\"tag gA\">A</span> a number in the study, <span class=\"tag gB\">B</span> a direction in the study with the size assumed, <span class=\"tag gC\">C</span> an assumption (or a value calibrated to a target), <span class=\"tag gP\">P</span> a public source outside the study, with its year. A and B name the section and line of the study and quote it. Where a value is assumed, the plausible range says how far it might reasonably be off: the numbers that carry a result are usually the assumptions, so try them with <code>--set</code> or <code>avesim sweep</code>.",
            "Elke parameter zoals gebruikt, met de eenheid en het bewijs voor de waarde, met een graad: <span class=\"tag gA\">A</span> een getal uit het onderzoek, <span class=\"tag gB\">B</span> een richting uit het onderzoek, de grootte aangenomen, <span class=\"tag gC\">C</span> een aanname (of een waarde geijkt op een doel), <span class=\"tag gP\">P</span> een openbare bron buiten het onderzoek, met het jaar. Bij A en B staan paragraaf en regel van het onderzoek, met een citaat. Waar een waarde is aangenomen, zegt het plausibele bereik hoever die redelijkerwijs kan afwijken: de getallen die een uitkomst dragen zijn meestal aannames, dus probeer ze met <code>--set</code> of <code>avesim sweep</code>. De toelichting bij de parameters is (nog) in het Engels; de citaten komen uit het onderzoek."
        ),
        heads.map(|x| format!("<th>{x}</th>")).join("")
    );
    let value = toml::Value::try_from(scenario.resolved())
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    for (key, v) in params::leaves(&value) {
        let d = params::describe(&key, provenance);
        let source = d
            .tag
            .strip_prefix(&d.grade)
            .map_or(d.tag.as_str(), str::trim);
        let said = match (d.quote.is_empty(), d.note.is_empty()) {
            (true, _) => esc(&d.note),
            (false, true) => format!("<q lang=\"nl\">{}</q>", esc(&d.quote)),
            (false, false) => format!("<q lang=\"nl\">{}</q> — {}", esc(&d.quote), esc(&d.note)),
        };
        let _ = writeln!(
            h,
            "<tr><td data-label=\"{}\"><code>{}</code></td><td data-label=\"{}\">{}</td><td data-label=\"{}\">{}</td><td data-label=\"{}\"><span class=\"tag {}\">{}</span></td><td class=\"small\" data-label=\"{}\">{}</td><td data-label=\"{}\">{}</td><td class=\"small\" data-label=\"{}\">{}</td><td class=\"small\" data-label=\"{}\">{}</td></tr>",
            heads[0],
            esc(&key),
            heads[1],
            esc(&display_value(&v)),
            heads[2],
            esc(d.unit),
            heads[3],
            grade_class(&d.grade),
            if d.grade.is_empty() {
                "run"
            } else {
                d.grade.as_str()
            },
            heads[4],
            esc(source),
            heads[5],
            said,
            heads[6],
            esc(&d.range),
            heads[7],
            esc(&d.set_in)
        );
    }
    h.push_str("</table>\n");
    let _ = write!(
        h,
        "<p class=\"small\">{}</p>\n</body>\n</html>\n",
        lang.pick(
            format!(
                "Made by avesim {} — a discrete-event simulation of how cases move between wijkteams, Veiligheidshuis and ZSM under AVE (Aanpak ter Voorkoming van Escalatie). See docs/model.md for every rule and docs/outputs.md for every file.",
                esc(facts.avesim_version)
            ),
            format!(
                "Gemaakt met avesim {} — een discrete-event-simulatie van hoe casussen onder AVE (Aanpak ter Voorkoming van Escalatie) tussen wijkteams, Veiligheidshuis en ZSM bewegen. Elke regel staat in docs/model.md, elk bestand in docs/outputs.md (beide in het Engels).",
                esc(facts.avesim_version)
            )
        )
    );
    std::fs::write(dir.join("report.html"), h)
}
