//! What a metric's value means, in one sentence, in English and in Dutch (the study's words).

use super::Metric;
use crate::format::{pct, value as format_value};
use crate::lang::Lang;
use crate::scenario::Params;
use crate::stats::Interval;

impl Metric {
    /// One sentence saying what a value means, in the users' words.
    pub fn reading(self, lang: Lang, i: &Interval, params: &Params) -> String {
        match lang {
            Lang::En => english(self, i, params),
            Lang::Nl => dutch(self, i, params),
        }
    }
}

/// The English sentence.
fn english(metric: Metric, i: &Interval, params: &Params) -> String {
    let m = format_value(i.mean);
    let p = pct(i.mean);
    if !i.mean.is_finite() {
        return match metric {
            Metric::FeedbackDelayHoursMean => {
                "No feedback reached the Veiligheidshuis, so there is no delay to measure.".into()
            }
            Metric::TimeToAve3DaysMean => {
                "No case was scaled up to AVE 3, so there is no time to opschaling.".into()
            }
            Metric::CollegeCasesPerYear | Metric::DriehoekCasesPerYear => {
                "AVE is not the agreed model here, so cases are not counted per bestuurlijk level."
                    .into()
            }
            _ => "Not defined in this run (nothing to count).".into(),
        };
    }
    let c = ci(Lang::En, i, false);
    let cp = ci(Lang::En, i, true);
    let per = |what: &str| {
        format!(
            "Of every 1,000 new wijkteam cases, {m} {what} ({}{}",
            pct(i.mean / 1000.0),
            per_1000(Lang::En, i)
        )
    };
    match metric {
        Metric::CasesEnteredPerYear => {
            if params.criteria.in_use {
                format!(
                    "About {m} new cases a year enter AVE 2 at the wijkteams, for which the wethouder is answerable{c}."
                )
            } else {
                format!("About {m} new cases a year enter the wijkteams{c}.")
            }
        }
        Metric::UpscalingsAve3Per1000 => {
            per("are scaled up to AVE 3 by any route: opschaling naar AVE 3")
        }
        Metric::UpscalingsComplexPer1000 => {
            per("are scaled up because the wijkteam recognised complex problems")
        }
        Metric::UpscalingsStalledCooperationPer1000 => {
            per("are scaled up because cooperation around them had stalled")
        }
        Metric::OverTheFencePer1000 => {
            per("are handed to the Veiligheidshuis too early: 'over de schutting'")
        }
        Metric::OverflowPer1000 => per("are pushed up because the wijkteam could not cope"),
        Metric::UpscalingsAfterIncidentPer1000 => per("reach AVE 3 only after an acute incident"),
        Metric::TimeToAve3DaysMean => {
            format!(
                "A case that is scaled up spends on average {m} days in AVE 2 first{c}; the study gives no time to AVE 3, so this rests on assumed rates."
            )
        }
        Metric::AcuteCrisesPer1000 => per("have an acute safety incident"),
        Metric::LateUpscalingShare => format!(
            "{p} of acute incidents hit a case in AVE 2 that had not been in AVE 3 by any route, complex or not{cp}."
        ),
        Metric::EscalationsAve4Per1000 => per(
            "reach AVE 4: an acute incident with a threat of public unrest, where the burgemeester leads with the driehoek",
        ),
        Metric::AdviceConsultsPerYear => {
            format!("Wijkteams consult the Veiligheidshuis about {m} times a year{c}.")
        }
        Metric::AdviceAnsweredInTimeShare => format!(
            "{p} of consults are answered within {} days of the request (an assumed term: the study names none){cp}.",
            crate::format::message(params.advice.answer_target_h / 24.0)
        ),
        Metric::WijkteamUtilisation => {
            format!("Wijkteam caseloads are on average {p} full{cp}.")
        }
        Metric::WijkteamWaitDaysMean => format!(
            "A new case waits on average {m} days for a wijkteam worker (intake works office hours){c}."
        ),
        Metric::VhhHoursUtilisation => format!(
            "The Veiligheidshuis coordinators' hours are {p} taken by procesregie and advice together{cp}."
        ),
        Metric::VhhEntriesPerYear => {
            format!("The Veiligheidshuis takes in about {m} cases a year{c}.")
        }
        Metric::VhhEntriesFromMunicipalityShare => {
            format!("{p} of the cases the Veiligheidshuis takes in are the municipality's own{cp}.")
        }
        Metric::VhhWaitDaysMean => format!(
            "A case scaled up waits on average {m} days before a coordinator takes procesregie{c}."
        ),
        Metric::VhhWaitDaysP90 => format!("9 in 10 cases get procesregie within {m} days{c}."),
        Metric::VhhQueueMean => format!("On average {m} cases wait for procesregie{c}."),
        Metric::ZsmUtilisation => format!("ZSM desks are busy {p} of their staffed hours{cp}."),
        Metric::ZsmWithinTargetShare => format!(
            "ZSM decides {p} of its cases within the {}-hour target{cp}.",
            params.zsm.target_h
        ),
        Metric::ZsmDecisionHoursMean => {
            format!("A ZSM decision comes on average {m} hours after arrival (or opening){c}.")
        }
        Metric::ZsmKnownComplexDecisionsPerYear => {
            format!("ZSM decides about {m} times a year on persons with an active complex case{c}.")
        }
        Metric::ZsmInformedShare => format!(
            "In {p} of ZSM's decisions on persons with an active complex case ZSM had the context: advice read, a flag from the wijkteam (where there is one), a call or the Raad voor de Kinderbescherming{cp}."
        ),
        Metric::AdviceUnusedShare => format!(
            "In {p} of ZSM's decisions on persons with Veiligheidshuis advice on file, the advice was neither read nor brought in by a call: advice not used, where the study sees a risk of schijnsamenwerking{cp}."
        ),
        Metric::ZsmReferralsPerYear => {
            format!("ZSM refers about {m} persons a year to the Veiligheidshuis{c}.")
        }
        Metric::FeedbackDeliveredShare => format!(
            "ZSM reports back to the Veiligheidshuis on {p} of its decisions about cases in AVE 3{cp}."
        ),
        Metric::FeedbackDelayHoursMean => format!(
            "Feedback reaches the Veiligheidshuis on average {m} hours after the decision{c}."
        ),
        Metric::AdviceFitFirstYear => {
            format!(
                "Fit of the advice to ZSM's needs, first year: {p} (a score from 0 to 1 with an assumed starting value){cp}."
            )
        }
        Metric::AdviceFitLastYear => {
            format!(
                "Fit of the advice to ZSM's needs, last year: {p} (a score from 0 to 1 with an assumed starting value){cp}."
            )
        }
        Metric::CallInformedShare => format!(
            "A coordinator's call brings the context in for {p} of ZSM's decisions on persons under procesregie{cp}."
        ),
        Metric::CallInformedShareCoordinatorSd => format!(
            "That share differs between the Veiligheidshuis's procescoördinatoren by {} percentage points (standard deviation{}): it depends on who holds the case; ZSM's side, where the study sees most of the person-dependence, is not spread per person.",
            format_value(100.0 * i.mean),
            points(Lang::En, i)
        ),
        Metric::CollegeCasesPerYear => {
            format!(
                "About {m} of the municipality's own cases a year enter AVE 3 — its families' opschalingen and its residents' direct cases and ZSM referrals — for which the college van B&W is answerable{c}."
            )
        }
        Metric::DriehoekCasesPerYear => format!(
            "About {m} of the municipality's own cases a year reach AVE 4: the burgemeester leads, with the driehoek; how often public unrest threatens is an assumption{c}."
        ),
    }
}

/// The Dutch sentence, in the study's words.
fn dutch(metric: Metric, i: &Interval, params: &Params) -> String {
    let nl = Lang::Nl;
    let m = nl.num(&format_value(i.mean));
    let p = nl.num(&pct(i.mean));
    if !i.mean.is_finite() {
        return match metric {
            Metric::FeedbackDelayHoursMean => {
                "Er kwam geen terugkoppeling bij het Veiligheidshuis, dus er is geen vertraging te meten.".into()
            }
            Metric::TimeToAve3DaysMean => {
                "Geen enkele casus werd opgeschaald naar AVE 3, dus er is geen tijd tot opschaling.".into()
            }
            Metric::CollegeCasesPerYear | Metric::DriehoekCasesPerYear => {
                "AVE is hier niet het afgesproken model, dus casussen worden niet per bestuurlijk niveau geteld.".into()
            }
            _ => "Niet gedefinieerd in deze doorrekening (niets te tellen).".into(),
        };
    }
    let c = ci(nl, i, false);
    let cp = ci(nl, i, true);
    // `what` says what happens to `{m}` of them, with a verb: "worden er {m} opgeschaald".
    let per = |what: &str| {
        format!(
            "Van elke 1.000 nieuwe casussen bij de wijkteams {} ({}{}",
            what.replace("{m}", &m),
            nl.num(&pct(i.mean / 1000.0)),
            per_1000(nl, i)
        )
    };
    match metric {
        Metric::CasesEnteredPerYear => {
            if params.criteria.in_use {
                format!(
                    "Per jaar komen ongeveer {m} nieuwe casussen in AVE 2 bij de wijkteams; de wethouder is er bestuurlijk verantwoordelijk voor{c}."
                )
            } else {
                format!("Per jaar komen ongeveer {m} nieuwe casussen bij de wijkteams{c}.")
            }
        }
        Metric::UpscalingsAve3Per1000 => {
            per("worden er {m} opgeschaald naar AVE 3, langs welke weg ook")
        }
        Metric::UpscalingsComplexPer1000 => {
            per("worden er {m} opgeschaald omdat het wijkteam complexe problematiek herkende")
        }
        Metric::UpscalingsStalledCooperationPer1000 => {
            per("worden er {m} opgeschaald omdat de samenwerking rond de casus stagneerde")
        }
        Metric::OverTheFencePer1000 => {
            per("worden er {m} te vroeg aan het Veiligheidshuis overgedragen ('over de schutting')")
        }
        Metric::OverflowPer1000 => {
            per("worden er {m} opgeschaald omdat het wijkteam het niet aankan")
        }
        Metric::UpscalingsAfterIncidentPer1000 => {
            per("komen er {m} pas na een acuut incident in AVE 3")
        }
        Metric::TimeToAve3DaysMean => format!(
            "Een casus die wordt opgeschaald, zit daarvoor gemiddeld {m} dagen in AVE 2{c}; het onderzoek noemt geen termijn voor opschaling, dus dit getal rust op aangenomen waarden."
        ),
        Metric::AcuteCrisesPer1000 => per("hebben er {m} een acuut veiligheidsincident"),
        Metric::LateUpscalingShare => format!(
            "{p} van de acute incidenten treft een casus in AVE 2 die nog niet in AVE 3 was geweest, complex of niet{cp}."
        ),
        Metric::EscalationsAve4Per1000 => per(
            "komen er {m} in AVE 4 (bij een acuut incident met dreigende maatschappelijke onrust neemt de burgemeester de regie, met de driehoek)",
        ),
        Metric::AdviceConsultsPerYear => {
            format!("Wijkteams vragen het Veiligheidshuis ongeveer {m} keer per jaar om advies{c}.")
        }
        Metric::AdviceAnsweredInTimeShare => format!(
            "{p} van de adviesvragen is binnen {} dagen na de vraag beantwoord (een aangenomen termijn: het onderzoek noemt er geen){cp}.",
            nl.num(&crate::format::message(
                params.advice.answer_target_h / 24.0
            ))
        ),
        Metric::WijkteamUtilisation => {
            format!("De caseloads van de wijkteams zijn gemiddeld voor {p} gevuld{cp}.")
        }
        Metric::WijkteamWaitDaysMean => format!(
            "Een nieuwe casus wacht gemiddeld {m} dagen op een medewerker van het wijkteam{c}; de intake werkt in kantooruren."
        ),
        Metric::VhhHoursUtilisation => format!(
            "De uren van de procescoördinatoren van het Veiligheidshuis zijn voor {p} bezet met procesregie en advies samen{cp}."
        ),
        Metric::VhhEntriesPerYear => {
            format!("Het Veiligheidshuis neemt per jaar ongeveer {m} casussen in behandeling{c}.")
        }
        Metric::VhhEntriesFromMunicipalityShare => format!(
            "{p} van de casussen die het Veiligheidshuis in behandeling neemt, komt uit de gemeente zelf{cp}."
        ),
        Metric::VhhWaitDaysMean => format!(
            "Een opgeschaalde casus wacht gemiddeld {m} dagen voordat een procescoördinator de procesregie oppakt{c}."
        ),
        Metric::VhhWaitDaysP90 => {
            format!("9 op de 10 casussen krijgen binnen {m} dagen procesregie{c}.")
        }
        Metric::VhhQueueMean => format!("Gemiddeld wachten {m} casussen op procesregie{c}."),
        Metric::ZsmUtilisation => {
            format!("De ZSM-tafel is {p} van de bemande uren bezet{cp}.")
        }
        Metric::ZsmWithinTargetShare => format!(
            "ZSM beslist in {p} van de zaken binnen de termijn van {} uur{cp}.",
            nl.num(&crate::format::message(params.zsm.target_h))
        ),
        Metric::ZsmDecisionHoursMean => {
            format!(
                "Een ZSM-beslissing valt gemiddeld {m} uur na binnenkomst{c}, of na de opening als de zaak buiten openingstijd binnenkwam."
            )
        }
        Metric::ZsmKnownComplexDecisionsPerYear => format!(
            "ZSM beslist ongeveer {m} keer per jaar over personen met een lopende complexe casus{c}."
        ),
        Metric::ZsmInformedShare => format!(
            "Bij {p} van de ZSM-beslissingen over personen met een lopende complexe casus had ZSM de context: advies gelezen, een signaal van het wijkteam (waar dat kan), een telefoontje of via de Raad voor de Kinderbescherming{cp}."
        ),
        Metric::AdviceUnusedShare => format!(
            "Bij {p} van de ZSM-beslissingen over personen met advies van het Veiligheidshuis in het systeem is dat advies niet gelezen en ook niet op een andere manier ingebracht: advies dat niet wordt benut, waar het onderzoek een risico op schijnsamenwerking ziet{cp}."
        ),
        Metric::ZsmReferralsPerYear => {
            format!("ZSM verwijst ongeveer {m} personen per jaar door naar het Veiligheidshuis{c}.")
        }
        Metric::FeedbackDeliveredShare => format!(
            "ZSM koppelt {p} van de beslissingen over casussen in AVE 3 terug aan het Veiligheidshuis{cp}."
        ),
        Metric::FeedbackDelayHoursMean => format!(
            "De terugkoppeling bereikt het Veiligheidshuis gemiddeld {m} uur na de beslissing{c}."
        ),
        Metric::AdviceFitFirstYear => {
            format!(
                "Aansluiting van het advies op wat ZSM nodig heeft, eerste jaar: {p} (een score van 0 tot 1, met een aangenomen beginwaarde){cp}."
            )
        }
        Metric::AdviceFitLastYear => format!(
            "Aansluiting van het advies op wat ZSM nodig heeft, laatste jaar: {p} (een score van 0 tot 1, met een aangenomen beginwaarde){cp}."
        ),
        Metric::CallInformedShare => format!(
            "Een telefoontje van een procescoördinator brengt de context in bij {p} van de ZSM-beslissingen over personen onder procesregie{cp}."
        ),
        Metric::CallInformedShareCoordinatorSd => format!(
            "Dat aandeel verschilt tussen de procescoördinatoren van het Veiligheidshuis met {} procentpunt (standaardafwijking{}): het hangt af van wie de casus heeft; de kant van ZSM, waar het onderzoek de meeste persoonsafhankelijkheid ziet, is niet per persoon gemodelleerd.",
            nl.num(&format_value(100.0 * i.mean)),
            points(nl, i)
        ),
        Metric::CollegeCasesPerYear => format!(
            "Per jaar komen ongeveer {m} casussen uit de gemeente zelf in AVE 3 — opschalingen van haar gezinnen en rechtstreekse casussen en doorverwijzingen van ZSM van haar inwoners; het college van B&W is er bestuurlijk verantwoordelijk voor{c}."
        ),
        Metric::DriehoekCasesPerYear => format!(
            "Per jaar komen ongeveer {m} casussen uit de gemeente zelf in AVE 4: de burgemeester neemt de regie, met de driehoek; hoe vaak maatschappelijke onrust dreigt, is een aanname{c}."
        ),
    }
}

/// "; 95% interval a–b percentage points", or nothing.
fn points(lang: Lang, i: &Interval) -> String {
    if !(i.low.is_finite() && i.high.is_finite()) || i.low == i.high {
        return String::new();
    }
    let f = |v: f64| lang.num(&format_value(100.0 * v));
    lang.pick(
        format!("; 95% interval {}–{} points", f(i.low), f(i.high)),
        format!("; 95%-interval {}–{} procentpunt", f(i.low), f(i.high)),
    )
}

/// "; 95% interval a–b per 1,000)." for a rate per 1,000 (so that the interval is not read
/// as a percentage), or ")." without an interval.
fn per_1000(lang: Lang, i: &Interval) -> String {
    if !(i.low.is_finite() && i.high.is_finite()) || i.low == i.high {
        return ").".into();
    }
    let f = |v: f64| lang.num(&format_value(v));
    lang.pick(
        format!("; 95% interval {}–{} per 1,000).", f(i.low), f(i.high)),
        format!("; 95%-interval {}–{} per 1.000).", f(i.low), f(i.high)),
    )
}

/// " (95% interval a–b)" / " (95%-interval a–b)", or nothing when the interval is not defined
/// or has no width.
fn ci(lang: Lang, i: &Interval, share: bool) -> String {
    if !(i.low.is_finite() && i.high.is_finite()) || i.low == i.high {
        return String::new();
    }
    let f = |v: f64| lang.num(&if share { pct(v) } else { format_value(v) });
    format!(
        " ({} {}–{})",
        lang.pick("95% interval", "95%-interval"),
        f(i.low),
        f(i.high)
    )
}
