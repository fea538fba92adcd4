//! `report.html`: one self-contained page (inline SVG and CSS, no network, no JavaScript)
//! that says what was run, gives the headline metrics with their intervals and a plain
//! reading of each, shows every chart, and lists every parameter with its value, unit and
//! provenance (the assumptions register).

use std::fmt::Write as _;
use std::path::Path;

use crate::experiment::RunResults;
use crate::model::metrics::METRICS;
use crate::scenario::{Criteria, Params, Provenance, Scenario, System, register as params};
use crate::stats::Interval;

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

use crate::format::pct;

fn ci(i: &Interval, share: bool) -> String {
    if !(i.low.is_finite() && i.high.is_finite()) || i.low == i.high {
        return String::new();
    }
    if share {
        format!(" (95% interval {}–{})", pct(i.low), pct(i.high))
    } else {
        format!(
            " (95% interval {}–{})",
            format_value(i.low),
            format_value(i.high)
        )
    }
}

/// One sentence saying what a metric's value means, in the users' words.
pub fn reading(metric: &str, i: &Interval, params: &Params) -> String {
    let m = format_value(i.mean);
    let p = pct(i.mean);
    if !i.mean.is_finite() {
        return match metric {
            "feedback_delay_hours_mean" => {
                "No feedback reached the Veiligheidshuis, so there is no delay to measure.".into()
            }
            "time_to_phase3_days_mean" => {
                "No case was escalated to the Veiligheidshuis, so there is no time to escalation."
                    .into()
            }
            _ => "Not defined in this run (nothing to count).".into(),
        };
    }
    let c = ci(i, false);
    let cp = ci(i, true);
    match metric {
        "cases_entered_per_year" => {
            format!("About {m} new cases a year enter AVE-fase 2 at the wijkteams{c}.")
        }
        "escalations_phase3_per_1000" => format!(
            "{m} of every 1,000 new wijkteam cases are escalated to the Veiligheidshuis (AVE-fase 3), i.e. {}{c}.",
            pct(i.mean / 1000.0)
        ),
        "escalations_phase4_per_1000" => {
            format!(
                "{m} of every 1,000 new wijkteam cases end up in a crisis led by the mayor (AVE-fase 4){c}."
            )
        }
        "late_escalation_share" => {
            format!(
                "{p} of crises hit a case the wijkteam had never escalated: it simmered, then exploded{cp}."
            )
        }
        "unneeded_escalation_share" => {
            format!(
                "{p} of escalations to the Veiligheidshuis concern cases that did not need it{cp}."
            )
        }
        "missed_complex_share" => format!(
            "{p} of complex cases never reached the Veiligheidshuis before a crisis or before they closed{cp}."
        ),
        "time_to_phase3_days_mean" => {
            format!(
                "An escalated case first spends on average {m} days in AVE-fase 2 at the wijkteam{c}."
            )
        }
        "advice_consults_per_year" => {
            format!(
                "Wijkteams consult the Veiligheidshuis advice function about {m} times a year{c}."
            )
        }
        "wijkteam_utilisation" => format!("Wijkteam caseloads are on average {p} full{cp}."),
        "wijkteam_wait_days_mean" => format!(
            "A new case waits on average {m} days for a wijkteam worker (intake works office hours){c}."
        ),
        "vhh_utilisation" => {
            format!("The Veiligheidshuis process coordinators are {p} occupied on average{cp}.")
        }
        "vhh_queue_mean" => {
            format!("On average {m} escalations are waiting for a Veiligheidshuis coordinator{c}.")
        }
        "vhh_queue_max" => {
            format!("The longest Veiligheidshuis waiting list reaches {m} cases{c}.")
        }
        "vhh_wait_days_mean" => {
            format!(
                "An escalated case waits on average {m} days before the Veiligheidshuis takes it on{c}."
            )
        }
        "vhh_wait_days_p90" => format!("9 in 10 escalated cases are taken on within {m} days{c}."),
        "zsm_utilisation" => format!("ZSM desks are busy {p} of their staffed hours{cp}."),
        "zsm_within_target_share" => format!(
            "ZSM decides {p} of its cases within the {}-hour target{cp}.",
            params.zsm.target_h
        ),
        "zsm_decision_hours_mean" => {
            format!("A ZSM decision comes on average {m} hours after arrival (or opening){c}.")
        }
        "zsm_known_complex_decisions_per_year" => {
            format!("ZSM decides about {m} times a year on persons with an active complex case{c}.")
        }
        "zsm_informed_share" => format!(
            "In {p} of those decisions ZSM had the Veiligheidshuis advice or a wijkteam flag in view{cp}."
        ),
        "zsm_referrals_per_year" => {
            format!("ZSM refers about {m} persons a year to the Veiligheidshuis{c}.")
        }
        "feedback_delivered_share" => format!(
            "ZSM reports back to the Veiligheidshuis on {p} of its decisions about Veiligheidshuis cases{cp}."
        ),
        "feedback_delay_hours_mean" => {
            format!(
                "Feedback reaches the Veiligheidshuis on average {m} hours after the decision{c}."
            )
        }
        _ => format!("{m}{c}"),
    }
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
.study{background:#dbeafe}.public{background:#dcfce7}.calibrated{background:#fef3c7}.assumption{background:#fee2e2}.control{background:#eee}
@media print{body{max-width:none}h2{page-break-before:auto}}
";

fn tag_class(tag: &str) -> &'static str {
    let t = tag.to_ascii_lowercase();
    if t.starts_with("study") {
        "study"
    } else if t.starts_with("public") {
        "public"
    } else if t.starts_with("calibrated") {
        "calibrated"
    } else if t.starts_with("assumption") {
        "assumption"
    } else {
        "control"
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
        "<h2 id=\"run\">What was run</h2>\n<table>\n<tr><th>scenario</th><td>{name} <span class=\"small\">({})</span></td></tr>\n<tr><th>seed</th><td>{}</td></tr>\n<tr><th>replications</th><td>{}</td></tr>\n<tr><th>horizon</th><td>{} days ({} years) per replication, of which the first {} days are warm-up and not counted</td></tr>\n<tr><th>set-up</th><td>{}; advice function {}; {}</td></tr>\n<tr><th>avesim version</th><td>{}</td></tr>\n</table>\n",
        esc(&facts.source),
        facts.seed,
        facts.replications,
        params.run.horizon_days,
        format_value(years),
        params.run.warmup_days,
        match scenario.triage.criteria {
            Criteria::Ave => "AVE: agreed phases and up-scaling criteria, stagnation rule",
            Criteria::Informal => "informal up-scaling: no agreed criteria",
            Criteria::CrisisOnly => "no up-scaling before a crisis",
        },
        if scenario.advice.enabled { "on" } else { "off" },
        match scenario.link.system {
            System::Bridged => "VHH and ZSM on different systems, bridged via BVH",
            System::Shared => "VHH and ZSM share one information system",
            System::Joint => "VHH and ZSM register jointly, co-located",
        },
        esc(facts.avesim_version),
    );
    // Headline metrics.
    let _ = write!(
        h,
        "<h2 id=\"headline\">Headline results</h2>\n<p>Mean over {} replications with its 95% confidence interval (Student t). The interval is the uncertainty of the simulation itself; the uncertainty of the assumptions below is larger and is explored by changing them.</p>\n<table>\n<tr><th>metric</th><th>mean</th><th>95% interval</th><th>unit</th><th>in plain words</th></tr>\n",
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
            "<tr><td><code>{}</code></td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td></tr>",
            m.name,
            format_value(i.mean),
            interval,
            esc(m.unit),
            esc(&reading(m.name, i, params))
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
    h.push_str("<h2 id=\"assumptions\">Assumptions register</h2>\n<p>Every parameter as used, with its unit and where its value comes from: <span class=\"tag study\">study</span> a fact from the study (section), <span class=\"tag public\">public</span> a public figure from outside the study, <span class=\"tag calibrated\">calibrated</span> chosen so the baseline meets a target from the study, <span class=\"tag assumption\">assumption</span> a modelling assumption. The numbers that carry a result are usually the assumptions: try them with <code>--set</code>.</p>\n<table>\n<tr><th>parameter</th><th>value</th><th>unit</th><th>source</th><th>reference or reasoning</th><th>set in</th></tr>\n");
    let value =
        toml::Value::try_from(scenario).map_err(|e| std::io::Error::other(e.to_string()))?;
    for (key, v) in params::leaves(&value) {
        let params::Described {
            unit,
            tag,
            note,
            set_in,
        } = params::describe(&key, provenance);
        let _ = writeln!(
            h,
            "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td><span class=\"tag {}\">{}</span></td><td>{}</td><td class=\"small\">{}</td></tr>",
            esc(&key),
            esc(&display_value(&v)),
            esc(unit),
            tag_class(&tag),
            esc(&tag),
            esc(&note),
            esc(&set_in)
        );
    }
    h.push_str("</table>\n");
    let _ = write!(
        h,
        "<p class=\"small\">Made by avesim {} — a discrete-event simulation of AVE escalation between wijkteams, Veiligheidshuis and ZSM. See docs/model.md for every rule and docs/outputs.md for every file.</p>\n</body>\n</html>\n",
        esc(facts.avesim_version)
    );
    std::fs::write(dir.join("report.html"), h)
}
