//! The report of a run: what was run, the headline metrics with a plain reading of each, year
//! by year, what the model can and cannot tell you, every chart, and the assumptions register
//! (every parameter with its value, unit, grade and provenance).

use std::fmt::Write as _;
use std::path::Path;

use super::limits::limits_section;
use super::{Page, esc};
use crate::experiment::RunResults;
use crate::experiment::alarm::{Alarm, YearFinding};
use crate::experiment::warnings::Warning;
use crate::format::value as format_value;
use crate::lang::Lang;
use crate::model::Metric;
use crate::model::metrics::METRICS;
use crate::output::charts::ChartInfo;
use crate::output::files::RunFacts;
use crate::scenario::{Params, Preset, Provenance, Scenario, System, register as params};

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

/// Each calendar year on its own, and the first year each alarm fires in.
fn yearly_table(
    h: &mut String,
    lang: Lang,
    params: &Params,
    results: &RunResults,
    alarms: &[(Alarm, YearFinding)],
) {
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
        "vhh_hours_utilisation",
        "vhh_waiting_mean",
        "vhh_wait_days_mean",
        "wijkteam_wait_days_mean",
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
            "Each calendar year of the measured period on its own (mean over replications, 95% interval in yearly.csv): counts are per year, waiting lines and hours the year's average, waits in days. A year the period cuts is partial.",
            "Elk kalenderjaar van de meetperiode apart (gemiddelde over de herhalingen, 95%-interval in yearly.csv): aantallen per jaar, wachtrijen en uren als jaargemiddelde, wachttijden in dagen. Een jaar dat maar deels in de meetperiode valt, is onvolledig."
        ),
        lang.pick("year", "jaar"),
        cols.iter()
            .map(|(_, c)| format!("<th>{}</th>", esc(c.label(lang))))
            .collect::<String>()
    );
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
        let cells: String = cols
            .iter()
            .map(|(k, c)| {
                let v = row[*k].mean;
                let text = if !v.is_finite() {
                    "–".to_string()
                } else if c.unit == "share" {
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
    if let Some(note) = filling_up(lang, params, &years, &results.yearly) {
        let _ = writeln!(h, "<p class=\"small\">{note}</p>");
    }
    if !alarms.is_empty() {
        let first = years[0].year;
        let _ = writeln!(
            h,
            "<p>{}</p>\n<ul>",
            lang.pick(
                "The first year each alarm fires in (the year's mean over replications; set alarms with <code>--alarm 'metric&gt;value'</code>):",
                "Per alarm het eerste jaar waarin het afgaat (het jaargemiddelde over de herhalingen; stel alarmen in met <code>--alarm 'maat&gt;waarde'</code>):"
            )
        );
        for (alarm, f) in alarms {
            let _ = writeln!(
                h,
                "<li>{}: <b>{}</b></li>",
                esc(&alarm.words(lang)),
                esc(&crate::output::terminal::year_finding(
                    lang, alarm, f, first
                ))
            );
        }
        h.push_str("</ul>\n");
    }
}

/// A note when the first measured year is still filling up: its opschalingen or hours in
/// use more than 3% below (or above) the average of the later full years, per day.
fn filling_up(
    lang: Lang,
    params: &Params,
    years: &[crate::model::yearly::Year],
    yearly: &[Vec<crate::stats::Interval>],
) -> Option<String> {
    use crate::model::yearly::COLUMNS;
    let days = |y: &crate::model::yearly::Year| f64::from(y.last_day - y.first_day + 1);
    let later: Vec<usize> = (1..years.len())
        .filter(|&k| days(&years[k]) >= 365.0)
        .collect();
    if later.len() < 2 {
        return None;
    }
    let off = |name: &str, per_day: bool| -> Option<f64> {
        let c = COLUMNS.iter().position(|c| c.name == name)?;
        let v = |k: usize| yearly[k][c].mean / if per_day { days(&years[k]) } else { 1.0 };
        let rest = later.iter().map(|&k| v(k)).sum::<f64>() / later.len() as f64;
        (rest > 0.0).then(|| v(0) / rest - 1.0)
    };
    let (up, held) = (
        off("upscalings_ave3", true)?,
        off("vhh_hours_held_mean", false)?,
    );
    if up.abs() < 0.03 && held.abs() < 0.03 {
        return None;
    }
    // "8% fewer" / "3% more", in words.
    let size = |x: f64, en: (&str, &str), nl: (&str, &str)| {
        let p = format!("{:.0}%", 100.0 * x.abs());
        if x < 0.0 {
            lang.pick(format!("{p} {}", en.0), format!("{p} {}", nl.0))
        } else {
            lang.pick(format!("{p} {}", en.1), format!("{p} {}", nl.1))
        }
    };
    let up = size(up, ("fewer", "more"), ("minder", "meer"));
    let held = size(held, ("fewer", "more"), ("minder", "meer"));
    let year = years[0].year;
    let (warm, horizon) = (params.run.warmup_days + 365, params.run.horizon_days + 365);
    Some(lang.pick(
        format!("<b>{year} is still filling up.</b> The model starts empty; families with complex problems stay for years, so in the first measured year the caseloads are not yet full: {up} opschalingen naar AVE 3 and {held} hours of the procescoördinatoren in use than on average in the later years. Read {year} with care, or lengthen the warm-up by a year, keeping the measured years: <code>--set run.warmup_days={warm} --set run.horizon_days={horizon}</code>."),
        format!("<b>{year} loopt nog vol.</b> Het model begint leeg; gezinnen met complexe problematiek blijven jaren, dus in het eerste gemeten jaar zijn de caseloads nog niet vol: {up} opschalingen naar AVE 3 en {held} uren van de procescoördinatoren in gebruik dan gemiddeld in de latere jaren. Lees {year} met voorzichtigheid, of verleng de inloopperiode met een jaar en houd dezelfde meetjaren: <code>--set run.warmup_days={warm} --set run.horizon_days={horizon}</code>."),
    ))
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
    alarms: &[(Alarm, YearFinding)],
) -> std::io::Result<()> {
    let name = esc(&scenario.name);
    let title = if facts.changes.is_empty() {
        scenario.name.clone()
    } else {
        format!(
            "{}, {} {}",
            scenario.name,
            lang.pick("changed with", "gewijzigd met"),
            facts.changes.join(", ")
        )
    };
    let subtitle = scenario.description_in(lang);
    let mut page = Page::new(lang, &title, subtitle);
    page.warnings(&warnings.iter().map(|w| w.text(lang)).collect::<Vec<_>>());
    page.findings(&findings(lang, params, results, alarms));
    let h = page.html();
    // What was run.
    let years = f64::from(params.run.horizon_days) / 365.0;
    let n = |v: f64| lang.num(&format_value(v));
    let _ = write!(
        h,
        "<h2 id=\"run\">{}</h2>\n<table>\n<tr><th>scenario</th><td>{name} <span class=\"small\">({})</span></td></tr>\n<tr><th>seed</th><td>{}</td></tr>\n<tr><th>{}</th><td>{}</td></tr>\n<tr><th>{}</th><td>{}</td></tr>\n<tr><th>{}</th><td>{}; {} {}; {}</td></tr>\n{}<tr><th>{}</th><td>{}</td></tr>\n</table>\n",
        lang.pick("What was run", "Wat is doorgerekend"),
        esc(&match lang {
            Lang::Nl => facts.source.replacen("embedded ", "ingebouwd: ", 1),
            Lang::En => facts.source.clone(),
        }),
        facts.seed,
        lang.pick("replications", "herhalingen"),
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
                "{} dagen ({} jaar) per herhaling, waarvan de eerste {} dagen inloopperiode zijn en niet meetellen",
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
            (true, Lang::Nl) => "ja",
            (false, Lang::Nl) => "nee",
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
    // Layers laid on the scenario: the set-up above is the one at the start.
    let laid = crate::scenario::layers::describe_laid(scenario, lang);
    if !laid.is_empty() {
        let _ = write!(
            h,
            "<p><b>{}</b> {}</p>\n<ul>\n{}</ul>\n",
            lang.pick("Laid on the scenario:", "Op het scenario gelegd:"),
            lang.pick(
                "(the set-up above is the one before implementation; yearly results show the change year by year)",
                "(de opzet hierboven is die vóór de invoering; de uitkomsten per jaar laten de verandering jaar voor jaar zien)"
            ),
            laid.iter()
                .map(|l| format!("<li>{}</li>\n", esc(l)))
                .collect::<String>()
        );
    }
    // Headline metrics.
    let (metric_h, mean_h, interval_h, unit_h, words_h) = (
        lang.pick("metric", "maat"),
        lang.pick("mean", "gemiddelde"),
        lang.pick("95% interval", "95%-interval"),
        lang.pick("unit", "eenheid"),
        lang.pick("in plain words", "toelichting"),
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
                "Gemiddelde over {} herhalingen met het 95%-betrouwbaarheidsinterval (Student t). Het interval is de onzekerheid van de simulatie zelf; de onzekerheid in de aannames hieronder is groter en is te verkennen door ze te veranderen.",
                params.run.replications
            )
        )
    );
    for (m, row) in METRICS.iter().zip(&results.summary) {
        let i = &row.interval;
        // A share reads as a percentage, as in the sentence next to it.
        let v = |x: f64| {
            if m.metric.is_share() && m.metric != Metric::CallInformedShareCoordinatorSd {
                lang.num(&crate::format::pct(x))
            } else {
                n(x)
            }
        };
        let interval = if i.low.is_finite() {
            format!("{} – {}", v(i.low), v(i.high))
        } else {
            "–".into()
        };
        let _ = writeln!(
            h,
            "<tr><td data-label=\"{metric_h}\">{}<br><code class=\"small\">{}</code></td><td class=\"num\" data-label=\"{mean_h}\">{}</td><td class=\"num\" data-label=\"{interval_h}\">{}</td><td data-label=\"{unit_h}\">{}</td><td data-label=\"{words_h}\">{}</td></tr>",
            esc(m.metric.label(lang)),
            m.name,
            v(i.mean),
            interval,
            esc(m.metric.unit_text(lang)),
            esc(&m.metric.reading(lang, i, params))
        );
    }
    h.push_str("</table>\n");
    yearly_table(h, lang, params, results, alarms);
    limits_section(h, lang, &scenario.name, results);
    page.charts(
        dir,
        charts,
        lang.pick(
            "Lines are means over replications; shaded bands and whiskers are 95% intervals. The grey area is the warm-up, not counted in the headline results. Each chart is also in <code>charts/</code> as PNG and SVG.",
            "Lijnen zijn gemiddelden over de herhalingen; de gekleurde banden en de streepjes zijn 95%-intervallen. Het grijze deel is de inloopperiode, die niet meetelt in de uitkomsten. Elke grafiek staat ook in <code>charts/</code> als PNG en SVG.",
        ),
    )?;
    let h = page.html();
    // Assumptions register.
    let heads = [
        "parameter",
        lang.pick("value", "waarde"),
        lang.pick("unit", "eenheid"),
        lang.pick("grade", "bewijskracht"),
        lang.pick("source", "bron"),
        lang.pick(
            "the study says / reasoning",
            "het onderzoek zegt / redenering",
        ),
        lang.pick("plausible range", "aannemelijke bandbreedte"),
        lang.pick("set in", "vastgelegd in"),
    ];
    let _ = write!(
        h,
        "<h2 id=\"assumptions\">{}</h2>\n<p>{}</p>\n<table class=\"cards\">\n<tr>{}</tr>\n",
        lang.pick("Assumptions register", "Register van aannames"),
        lang.pick(
            "Every parameter as used, with its unit and the evidence for its value, graded: <span class=\"tag gA\">A</span> a number in the study, <span class=\"tag gB\">B</span> a direction in the study with the size assumed, <span class=\"tag gC\">C</span> an assumption (or a value calibrated to a target), <span class=\"tag gP\">P</span> a public source outside the study, with its year. A and B name the section and line of the study and quote it. Where a value is assumed, the plausible range says how far it might reasonably be off: the numbers that carry a result are usually the assumptions, so try them with <code>--set</code> or <code>avesim sweep</code>.",
            "Elke parameter zoals gebruikt, met de eenheid en de onderbouwing van de waarde, naar bewijskracht: <span class=\"tag gA\">A</span>: een getal uit het onderzoek; <span class=\"tag gB\">B</span>: een richting uit het onderzoek, de omvang aangenomen; <span class=\"tag gC\">C</span>: een aanname (of een waarde gekalibreerd op een doelwaarde); <span class=\"tag gP\">P</span>: een openbare bron buiten het onderzoek, met het jaar. Bij A en B staan paragraaf en regel van het onderzoek, met een citaat. Waar een waarde is aangenomen, zegt de aannemelijke bandbreedte hoever die redelijkerwijs kan afwijken: de getallen die een uitkomst dragen zijn meestal aannames, dus probeer ze met <code>--set</code> of <code>avesim sweep</code>. De citaten komen letterlijk uit het onderzoek."
        ),
        heads.map(|x| format!("<th>{x}</th>")).join("")
    );
    let value = toml::Value::try_from(scenario.resolved())
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    for (key, v) in params::leaves(&value) {
        let d = params::describe(&key, provenance, lang);
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
            "<tr><td data-label=\"{}\"><code>{}</code></td><td data-label=\"{}\"><code>{}</code></td><td data-label=\"{}\">{}</td><td data-label=\"{}\"><span class=\"tag {}\">{}</span></td><td class=\"small\" data-label=\"{}\">{}</td><td data-label=\"{}\">{}</td><td class=\"small\" data-label=\"{}\">{}</td><td class=\"small\" data-label=\"{}\">{}</td></tr>",
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
    page.write(dir, facts.avesim_version)
}

/// A run's key findings: the few numbers a memo leads with, in plain words.
fn findings(
    lang: Lang,
    params: &Params,
    results: &RunResults,
    alarms: &[(Alarm, YearFinding)],
) -> Vec<String> {
    let mut out: Vec<String> = [
        Metric::UpscalingsAve3Per1000,
        Metric::AcuteCrisesPer1000,
        Metric::VhhHoursUtilisation,
        Metric::VhhWaitDaysMean,
        Metric::ZsmInformedShare,
    ]
    .iter()
    .map(|&m| esc(&m.reading(lang, results.metric(m), params)))
    .collect();
    // Alarms that fire, with their year.
    let first = crate::model::yearly::years(&params.run)
        .first()
        .map(|y| y.year);
    for (alarm, f) in alarms {
        let fired = matches!(
            f,
            YearFinding::First(_) | YearFinding::NotPerYear { fires: true, .. }
        );
        if let (true, Some(first)) = (fired, first) {
            out.push(format!(
                "Alarm {}: <b>{}</b>.",
                esc(&alarm.words(lang)),
                esc(&crate::output::terminal::year_finding(
                    lang, alarm, f, first
                ))
            ));
        }
    }
    out
}
