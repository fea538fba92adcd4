//! `story.html`: one self-contained page (inline SVG and CSS, no script, no network) for a
//! projector and a phone — what the family went through, how typical the contrast is, the
//! swimlane timeline, and the narrative of each setup side by side.

use std::fmt::Write as _;
use std::path::Path;

use super::{
    Book, Standing, ending, narrate, no_ave_note, page, short_date, this_family_line,
    typical_lines, when,
};
use crate::lang::Lang;
use crate::output::report::esc;

pub(crate) const CSS: &str = "
body{font-size:1.08em}
.sides{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:1.2em}
.side h2{margin-top:1em}
ol.story{list-style:none;padding:0;margin:0}
ol.story li{border-left:6px solid #ccc;padding:.35em .7em;margin:.4em 0;background:#fafafa}
ol.story li.p2{border-color:#2ca02c}ol.story li.p3{border-color:#ff7f0e}ol.story li.p4{border-color:#d62728}
ol.story li.part{outline:3px solid #222}
.when{font-size:.85em;color:#444;font-variant-numeric:tabular-nums}
.who{font-size:.82em;color:#555}
.chip{display:inline-block;padding:0 .45em;border-radius:.3em;color:#fff;font-size:.8em;margin-right:.4em}
.c1{background:#777}.c2{background:#2ca02c}.c3{background:#ff7f0e}.c4{background:#d62728}
ol.story li.p1{border-color:#777}
.hint{display:none;font-size:.85em;color:#555}
.scroll{overflow-x:auto}.scroll svg{min-width:0}
.note{border-left:6px solid #9467bd;background:#f4effa;padding:.2em 1em;margin:1em 0}
@media (max-width:700px){.scroll svg{width:900px;max-width:none}h1{font-size:1.35em}.hint{display:block}}
";

/// Write `story.html`.
pub fn write_page(lang: Lang, dir: &Path, book: &Book) -> std::io::Result<()> {
    let mut p = page(lang, &book.title(lang), &book.family_line(lang));
    let html = p.html();
    if book.in_set {
        let _ = writeln!(
            html,
            "<p><a href=\"../index.html\">{}</a></p>",
            lang.pick("← the lesson's families", "← de gezinnen van deze les")
        );
    }
    let _ = writeln!(html, "<p><b>{}</b></p>", esc(&book.setups_line(lang)));
    if let Some((line, standing)) = this_family_line(lang, book) {
        let class = match standing {
            Standing::Exception => "warn",
            Standing::Unclear => "note",
            Standing::Fair => "findings",
        };
        let _ = writeln!(
            html,
            "<div class=\"{class}\" id=\"typical\"><p><b>{}</b></p>",
            esc(&line)
        );
        for l in typical_lines(lang, book) {
            let _ = writeln!(html, "<p>{}</p>", esc(&l));
        }
        html.push_str("</div>\n");
    } else {
        for l in typical_lines(lang, book) {
            let _ = writeln!(html, "<p>{}</p>", esc(&l));
        }
    }
    // Where the paths part.
    if let (Some((t, i, j)), Some(other)) = (book.parted, book.sides.get(1)) {
        let told = &book.sides[0];
        let say = |s: &super::Told, k: usize| {
            narrate(&s.story, s.params, lang)
                .into_iter()
                .find(|l| l.moment >= k)
                .map_or_else(
                    || {
                        lang.pick("nothing more happens.", "er gebeurt niets meer.")
                            .to_string()
                    },
                    |l| format!("{}: {}", when(lang, &s.params.run, &l), l.text),
                )
        };
        let _ = writeln!(
            html,
            "<div id=\"parted\"><p><b>{}</b></p><ul><li><b>{}</b> — {}</li><li><b>{}</b> — {}</li></ul></div>",
            esc(&lang.pick(
                format!(
                    "The paths part on {}.",
                    short_date(lang, &told.params.run, t)
                ),
                format!(
                    "De paden lopen uiteen op {}.",
                    short_date(lang, &told.params.run, t)
                ),
            )),
            esc(&told.short),
            esc(&say(told, i)),
            esc(&other.short),
            esc(&say(other, j))
        );
    } else if book.sides.len() > 1 {
        let _ = writeln!(
            html,
            "<p id=\"parted\">{}</p>",
            lang.pick(
                "The two setups tell this family's story the same way, moment for moment.",
                "De twee opzetten vertellen het verhaal van dit gezin precies hetzelfde."
            )
        );
    }
    let svg = std::fs::read_to_string(dir.join("timeline.svg"))?;
    let svg = svg.find("<svg").map_or(svg.as_str(), |i| &svg[i..]);
    let _ = writeln!(
        html,
        "<p class=\"hint\">{}</p>",
        lang.pick(
            "The timeline is wider than this screen: swipe sideways to follow it.",
            "De tijdlijn is breder dan dit scherm: veeg opzij om hem te volgen."
        )
    );
    let _ = writeln!(
        html,
        "<figure class=\"scroll\" id=\"timeline\">{svg}<figcaption>{} <span class=\"small\">(timeline.png, timeline.svg)</span></figcaption></figure>",
        esc(lang.pick(
            "The family on the four lanes. The strip above them is the phase; the wijkteam keeps its place while the Veiligheidshuis holds procesregie only as a local agreement.",
            "Het gezin op de vier banen. De strook erboven is de fase; dat het wijkteam zijn plek houdt terwijl het Veiligheidshuis de procesregie heeft, is een lokale afspraak."
        ))
    );
    html.push_str("<div class=\"sides\">\n");
    for (k, told) in book.sides.iter().enumerate() {
        let _ = writeln!(
            html,
            "<section class=\"side\"><h2>{}</h2><p><i>{}</i></p>",
            esc(&told.short),
            esc(&ending(lang, &told.story))
        );
        if let Some(note) = no_ave_note(lang, told) {
            let _ = writeln!(html, "<p class=\"small\">{}</p>", esc(note));
        }
        html.push_str("<ol class=\"story\">");
        let part = book.parted.map(|p| [p.1, p.2][k.min(1)]);
        let lines = narrate(&told.story, told.params, lang);
        let first_part = part.and_then(|m| lines.iter().position(|l| l.moment >= m));
        for (n, l) in lines.iter().enumerate() {
            let ph = if l.ended { 1 } else { l.phase.number() };
            let class = if book.sides.len() > 1 && Some(n) == first_part {
                format!("p{ph} part")
            } else {
                format!("p{ph}")
            };
            let _ = writeln!(
                html,
                "<li class=\"{class}\"><div class=\"when\"><span class=\"chip c{ph}\">AVE {ph}</span>{}</div><div>{}</div><div class=\"who\">{}: {} · {}: {}</div></li>",
                esc(&when(lang, &told.params.run, l)),
                esc(&l.text),
                lang.pick("Lead", "Regie"),
                esc(&l.lead),
                lang.pick("answerable", "bestuurlijk"),
                esc(&l.answerable)
            );
        }
        html.push_str("</ol></section>\n");
    }
    html.push_str("</div>\n");
    // Privacy and consent, as the scenario assumes them.
    let link = &book.sides[0].params.link;
    let pct = |x: f64| lang.num(&format!("{:.0}%", 100.0 * x));
    let (wijk, vhh) = (pct(link.privacy_hesitancy), pct(link.vhh_privacy_hesitancy));
    let flag = if link.flag_enabled {
        lang.pick(", a flag", ", een signalering")
    } else {
        ""
    };
    let _ = writeln!(
        html,
        "<div class=\"note\" id=\"privacy\"><p><b>{}</b></p><p>{}</p></div>",
        lang.pick("Privacy and consent", "Privacy en toestemming"),
        esc(&lang.pick(
            format!(
                "In this scenario (assumptions, grade B/C in docs/model.md) a wijkteam leaves out a consult{flag} or a link with justice in {wijk} of cases because people assume sharing is not allowed; at {vhh} of maatwerkoverleggen the advice for ZSM is not entered. How much of this there is differs by region: Leeuwarden reports no privacy problem, Hollands Midden \"een doorgeschoten visie op privacy\" (§6.4 l.3910). Asking the family's consent is not a separate step in avesim: ask in class whether the family was informed or asked."
            ),
            format!(
                "In dit scenario (aannames, bewijskracht B/C in docs/model.md) laat een wijkteam in {wijk} van de gevallen een consult{flag} of een link met justitie achterwege omdat men aanneemt dat delen niet mag; bij {vhh} van de maatwerkoverleggen wordt het advies voor ZSM niet ingevoerd. Hoeveel dit speelt verschilt per regio: Leeuwarden meldt geen privacyprobleem, Hollands Midden \"een doorgeschoten visie op privacy\" (§6.4 l.3910). Toestemming van het gezin is geen aparte stap in avesim: vraag in de les of het gezin is geïnformeerd of om toestemming is gevraagd."
            )
        ))
    );
    let _ = writeln!(html, "<p class=\"small\">{}</p>", esc(&book.method));
    p.write_as(&dir.join("story.html"), env!("CARGO_PKG_VERSION"))
}

/// One family of a lesson's set, for the index.
pub struct Entry {
    /// Its folder (relative).
    pub folder: String,
    /// Its title.
    pub title: String,
    /// The family in a line.
    pub family: String,
    /// How it ended under each setup.
    pub endings: Vec<String>,
    /// How typical its contrast is (a line), and how it stands.
    pub typical: Option<(String, Standing)>,
}

/// Write `index.html` for a lesson's set of families.
pub fn write_index(lang: Lang, dir: &Path, title: &str, entries: &[Entry]) -> std::io::Result<()> {
    let mut p = page(
        lang,
        title,
        lang.pick(
            "Families for one lesson, each with its own page, timeline and narrative.",
            "Gezinnen voor één les, elk met een eigen pagina, tijdlijn en verhaal.",
        ),
    );
    let html = p.html();
    html.push_str("<ol>\n");
    for e in entries {
        let _ = write!(
            html,
            "<li><p><a href=\"{}/story.html\"><b>{}</b></a><br>{}</p><ul>",
            esc(&e.folder),
            esc(&e.title),
            esc(&e.family)
        );
        for end in &e.endings {
            let _ = write!(html, "<li>{}</li>", esc(end));
        }
        if let Some((line, standing)) = &e.typical {
            let _ = write!(
                html,
                "<li>{}{}</li>",
                if *standing == Standing::Fair {
                    ""
                } else {
                    "⚠ "
                },
                esc(line)
            );
        }
        html.push_str("</ul></li>\n");
    }
    html.push_str("</ol>\n");
    p.write_as(&dir.join("index.html"), env!("CARGO_PKG_VERSION"))
}
