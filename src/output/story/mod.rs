//! A family's story for a classroom: `story.html` (self-contained, a swimlane timeline and
//! the narrative of each setup side by side), `story.md` (the narrative), `timeline.svg` and
//! `timeline.png` (1600×900, for slides) and `story.json` (the events, for other tools; the
//! events are exactly the family's rows of `trace.csv`).

use std::fmt::Write as _;
use std::path::Path;

use plotters::prelude::*;

use crate::experiment::story::{Direction, Kind, KindCount, Story, Typical};
use crate::lang::Lang;
use crate::model::{AveFase, Happening, Outcome};
use crate::output::charts::{ChartError, HEIGHT, WIDTH};
use crate::output::report::Page;
use crate::scenario::Params;
use crate::scenario::sections::run::RunParams;

mod json;
mod page;
mod timeline;
mod typical;
mod words;

pub use json::write_json;
pub use page::{Entry, write_index};
pub use typical::{Standing, this_family_line, typical_lines};
pub use words::{Line, narrate};

const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const MONTHS_NL: [&str; 12] = [
    "jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
];
const MONTHS_NL_LONG: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];
const MONTHS_EN_LONG: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const DAYS_NL: [&str; 7] = ["ma", "di", "wo", "do", "vr", "za", "zo"];
const DAYS_EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// `12 mrt 2019` / `12 Mar 2019`.
pub fn short_date(lang: Lang, run: &RunParams, t: f64) -> String {
    let d = run.date_of_day((t / 24.0).floor() as i64);
    let m = usize::from(d.month() as u8 - 1);
    format!(
        "{} {} {}",
        d.day(),
        lang.pick(MONTHS_EN, MONTHS_NL)[m],
        d.year()
    )
}

/// `di 12 maart 2019, 10:14` / `Tue 12 March 2019, 10:14`.
pub fn long_datetime(lang: Lang, run: &RunParams, t: f64) -> String {
    let day = (t / 24.0).floor();
    let d = run.date_of_day(day as i64);
    let m = usize::from(d.month() as u8 - 1);
    let minutes = ((t - day * 24.0) * 60.0).floor() as i64;
    format!(
        "{} {} {} {}, {:02}:{:02}",
        lang.pick(DAYS_EN, DAYS_NL)[run.weekday_at(t)],
        d.day(),
        lang.pick(MONTHS_EN_LONG, MONTHS_NL_LONG)[m],
        d.year(),
        minutes / 60,
        minutes % 60
    )
}

/// `di 12 maart 2019` / `Tue 12 March 2019`.
pub fn long_date(lang: Lang, run: &RunParams, t: f64) -> String {
    let d = run.date_of_day((t / 24.0).floor() as i64);
    let m = usize::from(d.month() as u8 - 1);
    format!(
        "{} {} {} {}",
        lang.pick(DAYS_EN, DAYS_NL)[run.weekday_at(t)],
        d.day(),
        lang.pick(MONTHS_EN_LONG, MONTHS_NL_LONG)[m],
        d.year()
    )
}

/// When a line happened: with its weekday and clock time where that means something (a desk
/// at work); for a moment the model lets come at any hour, the date alone.
pub fn when(lang: Lang, run: &RunParams, line: &Line) -> String {
    if line.clock {
        long_datetime(lang, run, line.t)
    } else {
        let text = long_date(lang, run, line.t);
        text.split_once(' ')
            .map_or(text.clone(), |(_, date)| date.to_string())
    }
}

/// One setup's telling of the family.
pub struct Told<'a> {
    /// The setup as the reader knows it (a description or a name).
    pub label: String,
    /// The scenario's name.
    pub name: String,
    /// The setup in a few words (its description, or its name).
    pub short: String,
    /// Its parameters.
    pub params: &'a Params,
    /// The story.
    pub story: Story,
}

/// Everything a story's files say.
pub struct Book<'a> {
    /// The kind asked for (or found), if any.
    pub kind: Option<Kind>,
    /// One or two tellings of the same family.
    pub sides: Vec<Told<'a>>,
    /// Where the two paths part: time and moment index in each.
    pub parted: Option<(f64, usize, usize)>,
    /// How typical the contrast is, with two sides.
    pub typical: Option<Typical>,
    /// The contrast over all families: the setups' average effect.
    pub typical_all: Option<Typical>,
    /// How this family fared under the other setup.
    pub direction: Option<Direction>,
    /// How the typical share was measured (replications, years, seed), in the page's
    /// language.
    pub method: String,
    /// Changes made with `--set` (told side) and `--versus-set` (other side).
    pub sets: (Vec<String>, Vec<String>),
    /// One of a lesson's set (its page links back to the set's index).
    pub in_set: bool,
}

impl Book<'_> {
    /// Whether this family is the exception to the usual contrast.
    pub fn exception(&self) -> bool {
        match (&self.typical, self.direction) {
            (Some(t), Some(d)) => t.exception(d),
            _ => false,
        }
    }

    /// The family's facts in a line.
    pub fn family_line(&self, lang: Lang) -> String {
        let s = &self.sides[0];
        let Some((t, domains, complex, youth, _)) = s.story.arrival() else {
            return String::new();
        };
        let mut facts = vec![lang.pick(
            format!(
                "{domains} life domain{}",
                if domains == 1 { "" } else { "s" }
            ),
            format!(
                "{domains} leefgebied{}",
                if domains == 1 { "" } else { "en" }
            ),
        )];
        if complex {
            facts.push(
                lang.pick("complex problems", "complexe problematiek")
                    .into(),
            );
        }
        if youth {
            facts.push(lang.pick("with minors", "met minderjarigen").into());
        }
        let id = s.story.id;
        let who = match id.origin {
            crate::model::Origin::Social => lang.pick(
                format!("Family {}", id.index),
                format!("Gezin {}", id.index),
            ),
            crate::model::Origin::VhhDirect => lang.pick(
                format!("Case {} (straight to the Veiligheidshuis)", id.index),
                format!("Casus {} (rechtstreeks bij het Veiligheidshuis)", id.index),
            ),
            crate::model::Origin::ZsmReferral => lang.pick(
                format!("Suspect {} (referred by ZSM)", id.index),
                format!("Verdachte {} (verwezen door ZSM)", id.index),
            ),
        };
        let rep = match s.story.replication {
            0 => String::new(),
            r => lang.pick(format!(" (replication {r})"), format!(" (herhaling {r})")),
        };
        lang.pick(
            format!(
                "{who}{rep}, registered {}: {}",
                long_date(lang, &s.params.run, t),
                facts.join(", ")
            ),
            format!(
                "{who}{rep}, aangemeld {}: {}",
                long_date(lang, &s.params.run, t),
                facts.join(", ")
            ),
        )
    }

    /// The title of the story: the kind told.
    pub fn title(&self, lang: Lang) -> String {
        self.kind.filter(|k| k.id != "any").map_or_else(
            || {
                lang.pick("A family's story", "Het verhaal van een gezin")
                    .to_string()
            },
            |k| {
                let t = k.title(lang);
                let mut c = t.chars();
                c.next()
                    .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
            },
        )
    }

    /// The setups in a line.
    pub fn setups_line(&self, lang: Lang) -> String {
        match self.sides.as_slice() {
            [a, b, ..] => lang.pick(
                format!("{} against {}", a.short, b.short),
                format!("{} tegenover {}", a.short, b.short),
            ),
            [a] => a.short.clone(),
            [] => String::new(),
        }
    }
}

/// How a story ended, in words.
pub fn ending(lang: Lang, story: &Story) -> String {
    let Some((arrived, ..)) = story.arrival() else {
        return String::new();
    };
    let crises = story
        .moments
        .iter()
        .filter(|m| matches!(m.happening, Happening::Incident { .. }))
        .count();
    let top = story
        .phases()
        .iter()
        .map(|p| p.1)
        .max()
        .unwrap_or(AveFase::Ave2);
    let end = story.end();
    let (when, how) = match end {
        Some((t, Outcome::Resolved)) => (
            (t - arrived) / 24.0,
            lang.pick("closed after", "afgesloten na"),
        ),
        Some((t, Outcome::HandedBack)) => (
            (t - arrived) / 24.0,
            lang.pick("handed back after", "teruggegeven na"),
        ),
        Some((t, Outcome::Open)) => (
            (t - arrived) / 24.0,
            lang.pick("still under way after", "nog lopend na"),
        ),
        None => (f64::NAN, ""),
    };
    let crises = match (crises, lang) {
        (0, Lang::En) => "no acute crisis".to_string(),
        (0, Lang::Nl) => "geen acute crisis".to_string(),
        (1, Lang::En) => "1 acute crisis".to_string(),
        (1, Lang::Nl) => "1 acute crisis".to_string(),
        (n, Lang::En) => format!("{n} acute crises"),
        (n, Lang::Nl) => format!("{n} acute crises"),
    };
    lang.pick(
        format!(
            "{how} {:.0} days; {crises}; highest phase AVE {}",
            when,
            top.number()
        ),
        format!(
            "{how} {:.0} dagen; {crises}; hoogste fase AVE {}",
            when,
            top.number()
        ),
    )
}

/// Draw the timeline as `dir/timeline.svg` and `dir/timeline.png`.
pub fn write_timeline(lang: Lang, dir: &Path, book: &Book) -> Result<(), ChartError> {
    crate::output::charts::register_fonts()?;
    let svg = dir.join("timeline.svg");
    let sides: Vec<timeline::Side> = book
        .sides
        .iter()
        .map(|s| timeline::Side {
            label: s.short.clone(),
            story: &s.story,
        })
        .collect();
    {
        let root = SVGBackend::new(&svg, (WIDTH, HEIGHT)).into_drawing_area();
        timeline::draw(
            &root,
            lang,
            &book.title(lang),
            &sides,
            book.parted.map(|p| p.0),
            &book.sides[0].params.run,
        )
        .map_err(|e| ChartError {
            chart: "timeline".into(),
            message: e.to_string(),
        })?;
    }
    crate::output::charts::svg_to_png(&svg, &dir.join("timeline.png")).map_err(|message| {
        ChartError {
            chart: "timeline".into(),
            message,
        }
    })
}

/// For a setup without agreed AVE criteria: how to read the phases.
pub fn no_ave_note(lang: Lang, told: &Told) -> Option<&'static str> {
    (!told.params.criteria.in_use).then(|| {
        lang.pick(
            "No agreed AVE criteria for op- and afschaling here: the phases are named in AVE terms for comparison, and who is bestuurlijk answerable is not laid down.",
            "Hier zijn geen AVE-afspraken over op- en afschalen: de fasen staan in AVE-termen ter vergelijking, en wie bestuurlijk verantwoordelijk is, is niet vastgelegd.",
        )
    })
}

/// Write `story.md`.
pub fn write_markdown(lang: Lang, dir: &Path, book: &Book) -> std::io::Result<()> {
    let mut md = String::new();
    let _ = writeln!(md, "# {}\n", book.title(lang));
    let _ = writeln!(md, "**{}**\n", book.setups_line(lang));
    let _ = writeln!(md, "{}\n", book.family_line(lang));
    if let Some((line, standing)) = this_family_line(lang, book) {
        let _ = writeln!(
            md,
            "{}{line}\n",
            if standing == Standing::Fair {
                ""
            } else {
                lang.pick("**⚠ Note:** ", "**⚠ Let op:** ")
            }
        );
    }
    for l in typical_lines(lang, book) {
        let _ = writeln!(md, "{l}\n");
    }
    for (k, told) in book.sides.iter().enumerate() {
        let _ = writeln!(md, "## {}\n", told.short);
        let _ = writeln!(md, "*{}*\n", ending(lang, &told.story));
        if let Some(note) = no_ave_note(lang, told) {
            let _ = writeln!(md, "{note}\n");
        }
        let (at, phase, lead, answerable, what) = (
            lang.pick("When", "Wanneer"),
            lang.pick("Phase", "Fase"),
            lang.pick("Who leads", "Wie heeft de regie"),
            lang.pick("Answerable", "Bestuurlijk verantwoordelijk"),
            lang.pick("What happens", "Wat er gebeurt"),
        );
        let _ = writeln!(md, "| {at} | {phase} | {what} | {lead} | {answerable} |");
        md.push_str("|---|---|---|---|---|\n");
        for l in narrate(&told.story, told.params, lang) {
            let parted = book
                .parted
                .filter(|p| k < 2 && [p.1, p.2][k] == l.moment && book.sides.len() > 1)
                .map_or("", |_| {
                    lang.pick(" **(paths part)**", " **(paden lopen uiteen)**")
                });
            let _ = writeln!(
                md,
                "| {} | AVE {} | {}{parted} | {} | {} |",
                when(lang, &told.params.run, &l),
                if l.ended { 1 } else { l.phase.number() },
                l.text.replace('|', "/"),
                l.lead,
                l.answerable
            );
        }
        md.push('\n');
    }
    let _ = writeln!(md, "{}\n", book.method);
    std::fs::write(dir.join("story.md"), md)
}

/// Write every file of a story into `dir`.
pub fn write_story(lang: Lang, dir: &Path, book: &Book) -> Result<(), String> {
    write_timeline(lang, dir, book).map_err(|e| e.to_string())?;
    write_json(lang, dir, book).map_err(|e| format!("writing story.json: {e}"))?;
    write_markdown(lang, dir, book).map_err(|e| format!("writing story.md: {e}"))?;
    page::write_page(lang, dir, book).map_err(|e| format!("writing story.html: {e}"))
}

/// A page shell for the story and the index.
pub(crate) fn page(lang: Lang, title: &str, subtitle: &str) -> Page {
    Page::of_kind(
        lang,
        lang.pick("avesim story", "avesim-verhaal"),
        title,
        subtitle,
        page::CSS,
    )
}

/// The kinds of story with how common each is (`avesim story --kind list`).
pub fn kinds_listing(lang: Lang, counts: &[KindCount]) -> String {
    let mut out = String::new();
    let (kind, per_year, share, what) = (
        lang.pick("kind", "soort"),
        lang.pick("per year", "per jaar"),
        lang.pick("of all cases", "van alle casussen"),
        lang.pick("what happens", "wat er gebeurt"),
    );
    let _ = writeln!(out, "{kind:<15} {per_year:>9} {share:>16}  {what}");
    for c in counts {
        let _ = writeln!(
            out,
            "{:<15} {:>9} {:>16}  {}",
            c.kind.id,
            lang.num(&format!("{:.1}", c.per_year)),
            lang.num(&format!("{:.1}%", 100.0 * c.share)),
            c.kind.title(lang)
        );
    }
    let _ = writeln!(
        out,
        "{}",
        lang.pick(
            "Counted over families that arrived after the warm-up; a family can be of several kinds. Tell one with --kind KIND.",
            "Geteld over gezinnen die na de inloop binnenkwamen; een gezin kan van meer soorten zijn. Vertel er een met --kind SOORT."
        )
    );
    out
}
