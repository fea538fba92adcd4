//! What this model can and cannot tell you, on every report, and one check against a public
//! figure kept apart from calibration.

use std::fmt::Write as _;

use crate::experiment::RunResults;
use crate::format::value as format_value;
use crate::lang::Lang;

/// What this model can and cannot tell you, and one check against a public figure that was
/// not used to calibrate it.
pub(super) fn limits_section(h: &mut String, lang: Lang, scenario: &str, results: &RunResults) {
    use crate::model::Metric;
    let items_en = [
        "<b>From the study</b> (Bosch, <cite>Bouwen op bewegend fundament</cite>, 2015): the structure — AVE's four phases, procesregie at the Veiligheidshuis in AVE 3, the advice function, the links between the Veiligheidshuis and ZSM — the direction of each mechanism, and a handful of numbers (ZSM's opening hours, the 6-hour term, referrals 'op één of twee handen te tellen', Leeuwarden's 'bijna 50%' of the Veiligheidshuis's casework). The grade of every value is in the assumptions register (in the report of a single run, and from avesim check).",
        "<b>Assumed</b>: almost every effect size (grade C), and the size behind each direction (grade B). A difference between scenarios says what follows <i>if</i> those assumptions hold. The 95% intervals cover the simulation's own noise, not doubt about the assumptions: change them with <code>--set</code> or <code>avesim sweep</code> and see whether a conclusion survives.",
        "<b>Left out</b>: friction with ketenpartners at hand-over, ZSM's changing shifts and the many people at its table (§7.3 l.4836), several Veiligheidshuizen under one ZSM, each region's own size, the route from a wijkteam straight to the gemeente, and the governance recommendations (a strategic vision, national support). docs/model.md lists every rule and every omission.",
        "<b>The study's own caveats</b>: it is a momentopname of 2015; for the six regions other than Leeuwarden it rests on one respondent each, mostly the Veiligheidshuis's manager; what works in Leeuwarden is not to be copied without its context (\"couleur locale\").",
    ];
    let items_nl = [
        "<b>Uit het onderzoek</b> (Bosch, <cite>Bouwen op bewegend fundament</cite>, 2015): de structuur — de vier fasen van AVE, procesregie bij het Veiligheidshuis in AVE 3, de adviesfunctie, de lijnen tussen Veiligheidshuis en ZSM — de richting van elk mechanisme, en een handvol getallen (de openingstijden van ZSM, de termijn van 6 uur, doorverwijzingen 'op één of twee handen te tellen', Leeuwarden 'bijna 50%' van de casuïstiek van het Veiligheidshuis). De bewijskracht van elke waarde staat in het register van aannames (in het rapport van een enkele doorrekening, en via avesim check).",
        "<b>Aangenomen</b>: bijna elke effectgrootte (bewijskracht C), en de grootte achter elke richting (bewijskracht B). Een verschil tussen scenario's zegt wat er volgt <i>als</i> die aannames kloppen. De 95%-intervallen dekken de ruis van de simulatie zelf, niet de twijfel over de aannames: verander ze met <code>--set</code> of <code>avesim sweep</code> en kijk of een conclusie overeind blijft.",
        "<b>Niet in het model</b>: frictie met ketenpartners bij de overdracht, de wisselende diensten en de vele personen aan de ZSM-tafel (§7.3 l.4836), meerdere Veiligheidshuizen onder één ZSM, de eigen omvang van elke regio, de route van een wijkteam rechtstreeks naar de gemeente, en de bestuurlijke aanbevelingen (een strategische visie, landelijke ondersteuning). docs/model.md noemt elke regel en elke weglating.",
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
    if !scenario.starts_with("leeuwarden") {
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
                "In 2018 Veiligheidshuis Fryslân registered 145 cases from Leeuwarden, 58% of all its registrations (Veiligheidshuis Fryslân, Kerngegevens 2018; grade P). This run gives {} of the municipality's own cases a year and a share of {} ({}–{}). Registrations come by every route, and in 2015 AVE was being introduced in five Frisian municipalities, the leerwerkplaatsen, Leeuwarden among them (study §5.3.1 l.3034–3036), and the others bring their own cases in too: a mismatch is partly the foundation moving, not only the model.",
                if own.mean.is_finite() { n(own.mean) } else { "–".into() },
                p(share.mean),
                p(share.low),
                p(share.high)
            ),
            format!(
                "In 2018 registreerde Veiligheidshuis Fryslân 145 casussen uit Leeuwarden, 58% van al zijn registraties (Veiligheidshuis Fryslân, Kerngegevens 2018; bewijskracht P). Deze doorrekening komt uit op {} casussen per jaar uit de gemeente Leeuwarden en een aandeel van {} ({}–{}). Registraties komen langs elke route binnen, en in 2015 werd AVE geïmplementeerd in vijf Friese gemeenten, de leerwerkplaatsen, waaronder Leeuwarden (onderzoek §5.3.1 l.3034–3036), en ook de andere brengen hun eigen casussen in: een verschil is dus deels het bewegende fundament, niet alleen het model.",
                if own.mean.is_finite() { n(own.mean) } else { "–".into() },
                p(share.mean),
                p(share.low),
                p(share.high)
            ),
        )
    );
}
