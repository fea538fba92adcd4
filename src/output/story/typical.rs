//! How typical a family's contrast is, in sentences: all families first, then the families
//! of its kind, and whether this family is an ordinary example, unclear, or the exception.

use super::Book;
use crate::experiment::story::Direction;
use crate::lang::Lang;

/// Acute crises per 100 families, signed, with its interval: `+6,4 (+4,2 tot +8,6)`.
fn per_hundred(lang: Lang, c: &crate::stats::Interval) -> String {
    let f = |x: f64| lang.num(&format!("{:+.1}", 100.0 * x));
    lang.pick(
        format!(
            "{} per 100 families ({} to {})",
            f(c.mean),
            f(c.low),
            f(c.high)
        ),
        format!(
            "{} per 100 gezinnen ({} tot {})",
            f(c.mean),
            f(c.low),
            f(c.high)
        ),
    )
}

/// The typical-contrast sentences (plain text, in `lang`): all families first, then the
/// families of this kind, then what "better" means.
pub fn typical_lines(lang: Lang, book: &Book) -> Vec<String> {
    let Some(t) = &book.typical else {
        return Vec::new();
    };
    let (this, other) = (
        book.sides[0].short.as_str(),
        book.sides.get(1).map_or("", |s| s.short.as_str()),
    );
    let pct = |x: f64| lang.num(&format!("{:.0}%", 100.0 * x));
    let kind = t.kind.title(lang);
    let mut out = Vec::new();
    if let Some(all) = book.typical_all.as_ref().filter(|a| a.kind != t.kind) {
        let s = |d: Direction| pct(all.shares[d.index()].share);
        out.push(lang.pick(
            format!(
                "For {} of all families it makes no difference whether things go as in \"{this}\" or as in \"{other}\"; under the second {} fare better and {} worse. Acute crises: {}.",
                s(Direction::Same), s(Direction::Better), s(Direction::Worse), per_hundred(lang, &all.crises)
            ),
            format!(
                "Voor {} van alle gezinnen maakt het geen verschil of het gaat als in \"{this}\" of als in \"{other}\"; in de tweede vergaat het {} van de gezinnen beter en {} slechter. Acute crises: {}.",
                s(Direction::Same), s(Direction::Better), s(Direction::Worse), per_hundred(lang, &all.crises)
            ),
        ));
    }
    if t.families == 0 {
        out.push(lang.pick(
            format!("No other family of this kind ({kind}) was found in both setups, so how typical this contrast is cannot be said."),
            format!("Geen ander gezin van deze soort ({kind}) kwam in beide opzetten voor; hoe gewoon dit verschil is, is daarom niet te zeggen."),
        ));
        return out;
    }
    let share = |d: Direction| {
        let s = t.shares[d.index()];
        format!("{} ({}–{})", pct(s.share), pct(s.low), pct(s.high))
    };
    let n = lang.num(&t.families.to_string());
    out.push(lang.pick(
        format!(
            "Of the {n} simulated families of this kind ({kind}; all replications together), under \"{other}\" fared better: {}, the same: {}, worse: {}. Acute crises: {}.",
            share(Direction::Better), share(Direction::Same), share(Direction::Worse), per_hundred(lang, &t.crises)
        ),
        format!(
            "Van de {n} gesimuleerde gezinnen van deze soort ({kind}; alle herhalingen samen) vergaat het in \"{other}\" beter: {}, even goed: {}, slechter: {}. Acute crises: {}.",
            share(Direction::Better), share(Direction::Same), share(Direction::Worse), per_hundred(lang, &t.crises)
        ),
    ));
    out.push(lang.pick(
        "Better: fewer acute crises, or as many and closed at least a month sooner. A family counts for a kind when it is of that kind in either setup, so that chance alone does not flatter either; the ranges are 95% intervals.".to_string(),
        "Beter: minder acute crises, of evenveel en minstens een maand eerder afgesloten. Een gezin telt mee als het in een van beide opzetten van deze soort is, zodat toeval geen van beide mooier maakt; de marges zijn 95%-intervallen.".to_string(),
    ));
    if t.unpaired > 0 {
        let n = t.unpaired;
        out.push(if n == 1 {
            lang.pick(
                "1 family of this kind cannot be found as itself in the other setup (a ZSM referral that goes differently there, or a setup that changes who arrives) and is left out.".to_string(),
                "1 gezin van deze soort is in de andere opzet niet als hetzelfde terug te vinden (een verwijzing door ZSM die daar anders loopt, of een opzet die verandert wie er binnenkomt) en telt niet mee.".to_string(),
            )
        } else {
            lang.pick(
                format!("{n} families of this kind cannot be found as themselves in the other setup (a ZSM referral that goes differently there, or a setup that changes who arrives) and are left out."),
                format!("{n} gezinnen van deze soort zijn in de andere opzet niet als hetzelfde terug te vinden (een verwijzing door ZSM die daar anders loopt, of een opzet die verandert wie er binnenkomt) en tellen niet mee."),
            )
        });
    }
    out
}

/// How this family stands against the usual contrast of its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// It went the usual way, and most families of its kind do.
    Fair,
    /// No direction holds half the families of its kind.
    Unclear,
    /// It is the exception.
    Exception,
}

/// The sentence on this family against the usual, and how it stands.
pub fn this_family_line(lang: Lang, book: &Book) -> Option<(String, Standing)> {
    let (t, d) = (book.typical.as_ref()?, book.direction?);
    let other = book.sides.get(1).map_or("", |s| s.short.as_str());
    let word = |d: Direction| match d {
        Direction::Better => lang.pick("better", "beter"),
        Direction::Same => lang.pick("the same", "even goed"),
        Direction::Worse => lang.pick("worse", "slechter"),
    };
    let pct = |d: Direction| lang.num(&format!("{:.0}%", 100.0 * t.shares[d.index()].share));
    let usual = t.usual();
    Some(if book.exception() {
        (
            lang.pick(
                format!(
                    "This family is the exception: in \"{other}\" it fared {}, as only {} of families of this kind do; for most it went the other way ({} {}). Say so in class, or choose another family.",
                    word(d), pct(d), word(usual), pct(usual)
                ),
                format!(
                    "Dit gezin is de uitzondering: in \"{other}\" verging het dit gezin {}, en dat geldt maar voor {} van de gezinnen van deze soort; bij de meeste ging het anders ({} {}). Zeg dat in de les, of kies een ander gezin.",
                    word(d), pct(d), word(usual), pct(usual)
                ),
            ),
            Standing::Exception,
        )
    } else if t.shares[usual.index()].share < 0.5 {
        (
            lang.pick(
                format!(
                    "No clear direction for families of this kind: better {}, the same {}, worse {}. This family fared {} in \"{other}\"; tell it as one possible course, not as what the setup does.",
                    pct(Direction::Better), pct(Direction::Same), pct(Direction::Worse), word(d)
                ),
                format!(
                    "Geen duidelijke richting bij gezinnen van deze soort: beter {}, even goed {}, slechter {}. Dit gezin verging het in \"{other}\" {}; vertel het als één mogelijk verloop, niet als wat de opzet doet.",
                    pct(Direction::Better), pct(Direction::Same), pct(Direction::Worse), word(d)
                ),
            ),
            Standing::Unclear,
        )
    } else {
        (
            lang.pick(
                format!(
                    "In \"{other}\" this family fared {}, as {} of families of this kind do: an ordinary example, not an exception.",
                    word(d), pct(d)
                ),
                format!(
                    "In \"{other}\" verging het dit gezin {}, zoals {} van de gezinnen van deze soort: een gewoon voorbeeld, geen uitzondering.",
                    word(d), pct(d)
                ),
            ),
            Standing::Fair,
        )
    })
}
