//! `report.html`: one self-contained page (inline SVG and CSS, no network, no JavaScript)
//! that says what was run, gives the headline metrics with their intervals and a plain
//! reading of each, shows every chart, and lists every parameter with its value, unit and
//! provenance (the assumptions register).

use std::fmt::Write as _;
use std::path::Path;

use crate::experiment::RunResults;
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

/// Write `report.html` into `dir` (charts are read from `dir/charts/*.svg`).
#[allow(clippy::too_many_arguments)]
pub fn write_report(
    dir: &Path,
    scenario: &Scenario,
    params: &Params,
    results: &RunResults,
    facts: &RunFacts,
    charts: &[ChartInfo],
    provenance: &Provenance,
) -> std::io::Result<()> {
    let mut h = String::with_capacity(1 << 20);
    let name = esc(&scenario.name);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>avesim report: {name}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
    );
    let _ = write!(
        h,
        "<h1>avesim report: {name}</h1>\n<p>{}</p>\n",
        esc(&scenario.description)
    );
    // What was run.
    let years = f64::from(params.run.horizon_days) / 365.0;
    let _ = write!(
        h,
        "<h2 id=\"run\">What was run</h2>\n<table>\n<tr><th>scenario</th><td>{name} <span class=\"small\">({})</span></td></tr>\n<tr><th>seed</th><td>{}</td></tr>\n<tr><th>replications</th><td>{}</td></tr>\n<tr><th>horizon</th><td>{} days ({} years) per replication, of which the first {} days are warm-up and not counted</td></tr>\n<tr><th>set-up</th><td>{}; advice function {}; {}</td></tr>\n{}<tr><th>avesim version</th><td>{}</td></tr>\n</table>\n",
        esc(&facts.source),
        facts.seed,
        facts.replications,
        params.run.horizon_days,
        format_value(years),
        params.run.warmup_days,
        match scenario.criteria.preset {
            Preset::Ave => "AVE: agreed phases and op- en afschalingscriteria op hoofdlijnen",
            Preset::Informal => "no agreed op- en afschalingscriteria",
            Preset::CrisisOnly => "no opschaling before an acute incident",
        },
        if scenario.advice.enabled { "on" } else { "off" },
        match scenario.link.system {
            System::Bridged =>
                "VHH and ZSM on different systems, bridged via the police system BVH",
            System::Shared => "VHH and ZSM share one information system (such as GCOS)",
            System::Joint => "VHH and ZSM register jointly, co-located",
        },
        if facts.changes.is_empty() {
            String::new()
        } else {
            format!(
                "<tr><th>changed with --set</th><td><b>{}</b> <span class=\"small\">(not the scenario file as written: see the assumptions register)</span></td></tr>\n",
                esc(&facts.changes.join(", "))
            )
        },
        esc(facts.avesim_version),
    );
    // Headline metrics.
    let _ = write!(
        h,
        "<h2 id=\"headline\">Headline results</h2>\n<p>Mean over {} replications with its 95% confidence interval (Student t). The interval is the uncertainty of the simulation itself; the uncertainty of the assumptions below is larger and is explored by changing them.</p>\n<table class=\"cards\">\n<tr><th>metric</th><th>mean</th><th>95% interval</th><th>unit</th><th>in plain words</th></tr>\n",
        params.run.replications
    );
    for (m, row) in METRICS.iter().zip(&results.summary) {
        let i = &row.interval;
        let interval = if i.low.is_finite() {
            format!("{} – {}", format_value(i.low), format_value(i.high))
        } else {
            "–".into()
        };
        let _ = writeln!(
            h,
            "<tr><td data-label=\"metric\"><code>{}</code></td><td class=\"num\" data-label=\"mean\">{}</td><td class=\"num\" data-label=\"95% interval\">{}</td><td data-label=\"unit\">{}</td><td data-label=\"in plain words\">{}</td></tr>",
            m.name,
            format_value(i.mean),
            interval,
            esc(m.unit),
            esc(&m.metric.reading(i, params))
        );
    }
    h.push_str("</table>\n");
    // Charts.
    h.push_str("<h2 id=\"charts\">Charts</h2>\n<p>Lines are means over replications; shaded bands and whiskers are 95% intervals. The grey area is the warm-up, not counted in the headline results. Each chart is also in <code>charts/</code> as PNG and SVG.</p>\n");
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
            esc(c.caption),
            stem = c.stem,
        );
    }
    // Assumptions register.
    h.push_str("<h2 id=\"assumptions\">Assumptions register</h2>\n<p>Every parameter as used, with its unit and the evidence for its value, graded: <span class=\"tag gA\">A</span> a number in the study, <span class=\"tag gB\">B</span> a direction in the study with the size assumed, <span class=\"tag gC\">C</span> an assumption (or a value calibrated to a target), <span class=\"tag gP\">P</span> a public source outside the study, with its year. A and B name the section and line of the study and quote it. Where a value is assumed, the plausible range says how far it might reasonably be off: the numbers that carry a result are usually the assumptions, so try them with <code>--set</code> or <code>avesim sweep</code>.</p>\n<table class=\"cards\">\n<tr><th>parameter</th><th>value</th><th>unit</th><th>grade</th><th>source</th><th>the study says / reasoning</th><th>plausible range</th><th>set in</th></tr>\n");
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
            "<tr><td data-label=\"parameter\"><code>{}</code></td><td data-label=\"value\">{}</td><td data-label=\"unit\">{}</td><td data-label=\"grade\"><span class=\"tag {}\">{}</span></td><td class=\"small\" data-label=\"source\">{}</td><td data-label=\"the study says / reasoning\">{}</td><td class=\"small\" data-label=\"plausible range\">{}</td><td class=\"small\" data-label=\"set in\">{}</td></tr>",
            esc(&key),
            esc(&display_value(&v)),
            esc(d.unit),
            grade_class(&d.grade),
            if d.grade.is_empty() {
                "run"
            } else {
                d.grade.as_str()
            },
            esc(source),
            said,
            esc(&d.range),
            esc(&d.set_in)
        );
    }
    h.push_str("</table>\n");
    let _ = write!(
        h,
        "<p class=\"small\">Made by avesim {} — a discrete-event simulation of how cases move between wijkteams, Veiligheidshuis and ZSM under AVE (Aanpak ter Voorkoming van Escalatie). See docs/model.md for every rule and docs/outputs.md for every file.</p>\n</body>\n</html>\n",
        esc(facts.avesim_version)
    );
    std::fs::write(dir.join("report.html"), h)
}
