//! `animation.html`: a year at the three desks, played in the browser — one self-contained
//! page (inline data, script and CSS; no network). Every case in progress is a dot, coloured
//! by its phase, that moves between the wijkteams, the Veiligheidshuis, the burgemeester and
//! ZSM; two setups play side by side on one clock, with play/pause, speed and a scrubber.

use std::fmt::Write as _;
use std::path::Path;

use crate::experiment::animate::Movie;
use crate::lang::Lang;
use crate::output::report::esc;

const SCRIPT: &str = include_str!("animation.js");

/// One setup to play.
pub struct Reel<'a> {
    /// The setup as the reader knows it.
    pub label: String,
    /// What was recorded.
    pub movie: &'a Movie,
}

fn flat<const N: usize>(rows: &[[u32; N]]) -> String {
    let mut s = String::with_capacity(rows.len() * N * 6);
    for (i, v) in rows.iter().flatten().enumerate() {
        if i > 0 {
            s.push(',');
        }
        let _ = write!(s, "{v}");
    }
    s
}

/// The texts the page's script shows, as a JSON object.
fn texts(lang: Lang) -> String {
    let pairs: [(&str, &str, &str); 23] = [
        ("play", "▶ Play", "▶ Afspelen"),
        ("pause", "❚❚ Pause", "❚❚ Pauze"),
        ("wijk", "Wijkteams", "Wijkteams"),
        ("team", "team", "team"),
        ("vhhWait", "Waiting for procesregie", "Wacht op procesregie"),
        ("vhh", "Procesregie", "Procesregie"),
        (
            "advice",
            "Advice (advies bij twijfel)",
            "Advies bij twijfel",
        ),
        ("ave4", "Burgemeester (AVE 4)", "Burgemeester (AVE 4)"),
        ("zsm", "ZSM", "ZSM"),
        ("zsmTable", "at the table", "aan tafel"),
        ("zsmWait", "waiting", "wachtend"),
        (
            "zsmKnown",
            "known families (24 h)",
            "bekende gezinnen (24 u)",
        ),
        ("waitingList", "waiting lists", "wachtlijsten"),
        ("atTeams", "at the wijkteams", "bij de wijkteams"),
        ("underVhh", "under procesregie", "onder procesregie"),
        (
            "ups",
            "opschalingen naar AVE 3 so far",
            "opschalingen naar AVE 3 tot nu toe",
        ),
        (
            "asks",
            "questions to the advice function so far",
            "adviesvragen tot nu toe",
        ),
        ("crises", "acute crises so far", "acute crises tot nu toe"),
        ("end", "end of the year", "einde van het jaar"),
        (
            "months",
            "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec",
            "jan feb mrt apr mei jun jul aug sep okt nov dec",
        ),
        ("more", "more", "meer"),
        ("waitShort", "waiting", "wacht"),
        ("inAve4", "in AVE 4", "in AVE 4"),
    ];
    let mut s = String::from("{");
    for (i, (k, en, nl)) in pairs.iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        let v = lang
            .pick(*en, *nl)
            .replace('\\', "\\\\")
            .replace('"', "\\\"");
        let _ = write!(s, "\"{k}\":\"{v}\"");
    }
    s.push('}');
    s
}

const CSS: &str = "
body{font-family:'DejaVu Sans',Verdana,Arial,sans-serif;color:#222;max-width:1500px;margin:1em auto;padding:0 1em;line-height:1.4}
h1{font-size:1.5em;margin:.2em 0}
#controls{display:flex;flex-wrap:wrap;gap:.6em 1em;align-items:center;margin:.8em 0;position:sticky;top:0;background:#fff;padding:.4em 0;z-index:2}
#controls button{font-size:1.1em;padding:.3em .9em}#scrub{flex:1 1 260px}
#date{font-size:1.3em;font-weight:bold;font-variant-numeric:tabular-nums;min-width:9em}
.stages{display:flex;flex-wrap:wrap;gap:1em}
.stage{flex:1 1 560px;margin:0;min-width:0;max-width:900px}
.stage canvas{width:100%;height:auto;border:1px solid #ddd;display:block}
.stage figcaption{font-weight:bold;margin-bottom:.3em;min-height:4.3em}
.counts{font-size:.9em;color:#333;font-variant-numeric:tabular-nums}
.legend span{display:inline-block;margin-right:1.2em}.key{font-size:.9em;color:#333;max-width:70em}.legend i{display:inline-block;width:.9em;height:.9em;margin-right:.3em;vertical-align:middle}
.small{font-size:.85em;color:#555}.warn{border-left:6px solid #d62728;background:#fdecea;padding:.4em 1em}
@media (max-width:700px){h1{font-size:1.25em}.stage figcaption{min-height:0}}
";

/// Write `animation.html` at `path`.
pub fn write_animation(
    lang: Lang,
    path: &Path,
    title: &str,
    intro: &[String],
    warnings: &[String],
    start_date: &str,
    reels: &[Reel],
) -> std::io::Result<()> {
    let mut data = String::from("[");
    for (i, r) in reels.iter().enumerate() {
        if i > 0 {
            data.push(',');
        }
        let m = r.movie;
        let label = r
            .label
            .replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace('<', "\\u003c");
        let _ = write!(
            data,
            "{{\"label\":\"{label}\",\"teams\":{},\"minutes\":{},\"start\":[{}],\"steps\":[{}],\"crises\":[{}],\"ups\":[{}],\"zsm\":[{}]}}",
            m.teams,
            ((m.window.1 - m.window.0) * 60.0).round() as u64,
            flat(&m.start),
            flat(&m.steps),
            flat(&m.crises),
            flat(&m.upscalings),
            flat(&m.zsm)
        );
    }
    data.push(']');
    let mut html = String::with_capacity(data.len() + 20_000);
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body data-result=\"PENDING\">\n<h1>{}</h1>\n",
        lang.code(),
        esc(title),
        esc(title)
    );
    for p in warnings {
        let _ = writeln!(html, "<p class=\"warn\">{}</p>", esc(p));
    }
    for p in intro {
        let _ = writeln!(html, "<p class=\"small\">{}</p>", esc(p));
    }
    let _ = write!(
        html,
        "<div id=\"controls\"><button id=\"play\" type=\"button\"></button><label>{} <select id=\"speed\"><option value=\"1\">{}</option><option value=\"7\" selected>{}</option><option value=\"30\">{}</option></select></label><input id=\"scrub\" type=\"range\" min=\"0\" max=\"1\" step=\"any\" value=\"0\" aria-label=\"{}\"><span id=\"date\"></span></div>\n<div class=\"stages\" id=\"stages\"></div>\n<p class=\"legend\"><span><i style=\"background:#2ca02c\"></i>AVE 2</span><span><i style=\"background:#ff7f0e\"></i>AVE 3</span><span><i style=\"background:#d62728\"></i>AVE 4</span><span><i style=\"border:2px solid #888;box-sizing:border-box\"></i>{}</span><span><i style=\"border:2px solid #d62728;border-radius:50%;box-sizing:border-box\"></i>{}</span></p>\n",
        lang.pick("Speed", "Snelheid"),
        lang.pick("1 day a second", "1 dag per seconde"),
        lang.pick("1 week a second", "1 week per seconde"),
        lang.pick("1 month a second", "1 maand per seconde"),
        lang.pick("date", "datum"),
        lang.pick("waiting", "wacht"),
        lang.pick("acute crisis", "acute crisis"),
    );
    let _ = writeln!(
        html,
        "<p class=\"key\">{}</p>",
        esc(lang.pick(
            "One dot is one family or case. At a team: how many families it has, and how many are on its waiting list (open squares). Faint dots at a team: families in AVE 3 or 4 whose wijkteam keeps casusregie (a local agreement). ZSM: 'at the table' are cases the ZSM table is handling now, 'waiting' cases that wait (the bar); at night the table is closed. The clock shows the date and the time of day.",
            "Eén stip is één gezin of casus. Bij een team: hoeveel gezinnen het heeft, en hoeveel er op de wachtlijst staan (open vierkantjes). Lichte stippen bij een team: gezinnen in AVE 3 of 4 waarvan het wijkteam de casusregie houdt (lokale afspraak). ZSM: 'aan tafel' zijn zaken die de ZSM-tafel nu behandelt, 'wachtend' zaken die wachten (de balk); 's nachts is de tafel dicht. De klok toont de datum en het tijdstip."
        ))
    );
    let _ = write!(
        html,
        "<script>\n\"use strict\";\nconst DATA={data};\nconst T={};\nconst START=\"{}\";\n{SCRIPT}\n</script>\n",
        texts(lang),
        esc(start_date)
    );
    let _ = write!(
        html,
        "<p class=\"small\">{}</p>\n</body>\n</html>\n",
        lang.pick(
            format!(
                "Made by avesim {} (docs/model.md has every rule).",
                env!("CARGO_PKG_VERSION")
            ),
            format!(
                "Gemaakt met avesim {} (alle modelregels staan in docs/model.md).",
                env!("CARGO_PKG_VERSION")
            )
        )
    );
    std::fs::write(path, html)
}
