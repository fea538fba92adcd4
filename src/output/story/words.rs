//! A family's happenings in plain words, Dutch as a wijkteam worker or procescoördinator
//! would say it and English beside it, with at each line the phase, who leads and who is
//! answerable (§5.3 l.2806–2820).

use crate::experiment::story::{Moment, Story};
use crate::lang::Lang;
use crate::model::{AveFase, DeskId, Doubt, Happening, Outcome, Route, Trigger};
use crate::scenario::Params;

/// One line of the narrative.
#[derive(Debug, Clone)]
pub struct Line {
    /// The moment told (its index in the story).
    pub moment: usize,
    /// Hours from the start of the run.
    pub t: f64,
    /// The phase after this moment.
    pub phase: AveFase,
    /// Who leads (regie) after this moment.
    pub lead: String,
    /// Who is answerable (bestuurlijk) after this moment.
    pub answerable: String,
    /// What happened.
    pub text: String,
}

fn days_words(lang: Lang, hours: f64) -> String {
    let days = hours / 24.0;
    if days < 1.0 {
        let h = hours.round().max(1.0) as i64;
        lang.pick(
            format!("{h} hour{}", if h == 1 { "" } else { "s" }),
            format!("{h} uur"),
        )
    } else {
        let d = days.round() as i64;
        lang.pick(
            format!("{d} day{}", if d == 1 { "" } else { "s" }),
            format!("{d} dag{}", if d == 1 { "" } else { "en" }),
        )
    }
}

fn doubt_words(lang: Lang, d: Doubt) -> &'static str {
    match d {
        Doubt::Complex => lang.pick(
            "is this one for the Veiligheidshuis?",
            "is dit iets voor het Veiligheidshuis?",
        ),
        Doubt::Stalled => lang.pick(
            "cooperation around the family is stuck",
            "de samenwerking rond het gezin zit vast",
        ),
        Doubt::Fence => lang.pick(
            "the urge to hand the case over",
            "de neiging om de casus over te dragen",
        ),
    }
}

fn trigger_words(lang: Lang, t: Trigger) -> &'static str {
    match t {
        Trigger::Complex => lang.pick("complex problems", "complexe problematiek"),
        Trigger::StalledCooperation => lang.pick("stalled cooperation", "stagnerende samenwerking"),
        Trigger::OverTheFence => lang.pick(
            "over de schutting: handed over too early, expecting the VHH to take the work over",
            "over de schutting: te vroeg overgedragen, in de verwachting dat het Veiligheidshuis het werk overneemt",
        ),
        Trigger::Overflow => lang.pick(
            "the wijkteam is full and cannot take the family on",
            "het wijkteam zit vol en kan het gezin niet oppakken",
        ),
        Trigger::Incident => lang.pick("only after an acute crisis", "pas na een acute crisis"),
        Trigger::ZsmReferral => lang.pick("referred by ZSM", "verwezen door ZSM"),
    }
}

/// Who leads and who is answerable in `phase` (`procesregie`: a coordinator holds it).
fn roles(lang: Lang, phase: AveFase, procesregie: bool, ave_agreed: bool) -> (String, String) {
    let lead = match (phase, procesregie) {
        (AveFase::Ave2, _) => lang.pick(
            "wijkteam: casusregie and procesregie",
            "wijkteam: casusregie en procesregie",
        ),
        (AveFase::Ave3, false) => lang.pick(
            "wijkteam (casusregie); procesregie waits for the Veiligheidshuis",
            "wijkteam (casusregie); procesregie wacht op het Veiligheidshuis",
        ),
        (AveFase::Ave3, true) => lang.pick(
            "Veiligheidshuis: procesregie; casusregie as agreed locally",
            "Veiligheidshuis: procesregie; casusregie volgens lokale afspraak",
        ),
        (AveFase::Ave4, _) => lang.pick(
            "the burgemeester takes the lead",
            "de burgemeester neemt de regie",
        ),
    };
    let answerable = if !ave_agreed {
        lang.pick(
            "— (AVE is not the agreed model here)",
            "— (AVE is hier niet het afgesproken model)",
        )
    } else {
        match phase {
            AveFase::Ave2 => lang.pick("the wethouder", "de wethouder"),
            AveFase::Ave3 => lang.pick(
                "the college van B&W, via the ambtenaar Integrale Veiligheid & Zorg",
                "het college van B&W, via de ambtenaar Integrale Veiligheid & Zorg",
            ),
            AveFase::Ave4 => lang.pick(
                "the burgemeester, with the driehoek",
                "de burgemeester, met de driehoek",
            ),
        }
    };
    (lead.to_string(), answerable.to_string())
}

/// The story in lines (moments that only set the scene, such as a phase change told by the
/// line before it, are folded into their neighbours).
pub fn narrate(story: &Story, params: &Params, lang: Lang) -> Vec<Line> {
    let ave_agreed = params.criteria.in_use;
    let mut phase = AveFase::Ave2;
    let mut procesregie = false;
    let mut joined: Vec<(DeskId, f64)> = Vec::new();
    // How long the family waited for a desk: None if it did not join its line, 0 at once.
    let waited = |desk: DeskId, t: f64, joined: &mut Vec<(DeskId, f64)>| -> Option<f64> {
        let i = joined.iter().position(|(d, _)| *d == desk)?;
        let (_, since) = joined.remove(i);
        Some(if t - since >= 1.0 { t - since } else { 0.0 })
    };
    // "takes the family on" with the wait: (English, Dutch verb part before, Dutch after).
    let after = |w: Option<f64>| -> (String, String) {
        match w {
            Some(h) if h > 0.0 => (
                format!(", after {} waiting", days_words(Lang::En, h)),
                format!(", na {} wachten", days_words(Lang::Nl, h)),
            ),
            Some(_) => (" at once".into(), String::new()),
            None => (String::new(), String::new()),
        }
    };
    let mut out = Vec::new();
    for (
        moment,
        &Moment {
            t,
            happening,
            waiting,
        },
    ) in story.moments.iter().enumerate()
    {
        use Happening as H;
        let text: Option<String> = match happening {
            H::Arrived {
                team,
                domains,
                complex,
                youth,
                fase,
                origin,
                ..
            } => {
                phase = fase;
                let mut facts = vec![lang.pick(
                    format!("{domains} life domain{}", if domains == 1 { "" } else { "s" }),
                    format!("{domains} leefgebied{}", if domains == 1 { "" } else { "en" }),
                )];
                if complex {
                    facts.push(lang.pick("complex problems", "complexe problematiek").into());
                }
                if youth {
                    facts.push(lang.pick("a family with minors", "gezin met minderjarigen").into());
                }
                let facts = facts.join(", ");
                Some(match (origin, team) {
                    (crate::model::Origin::Social, Some(team)) => lang.pick(
                        format!("The family comes to sociaal wijkteam {}: {facts}. AVE 2.", team + 1),
                        format!("Het gezin komt bij sociaal wijkteam {}: {facts}. AVE 2.", team + 1),
                    ),
                    (crate::model::Origin::ZsmReferral, _) => lang.pick(
                        format!("ZSM refers a suspect unknown to the social domain to the Veiligheidshuis: {facts}. AVE 3."),
                        format!("ZSM verwijst een verdachte die onbekend is in het sociaal domein naar het Veiligheidshuis: {facts}. AVE 3."),
                    ),
                    _ => lang.pick(
                        format!("A case comes straight to the Veiligheidshuis (police, Veilig Thuis, GGZ or another gemeente): {facts}. AVE 3."),
                        format!("Een casus komt rechtstreeks bij het Veiligheidshuis (politie, Veilig Thuis, GGZ of een andere gemeente): {facts}. AVE 3."),
                    ),
                })
            }
            H::QueueJoined { desk, .. } => {
                joined.push((desk, t));
                let n = waiting.unwrap_or(1);
                match desk {
                    DeskId::Wijkteam(_) if n > 1 => Some(lang.pick(
                        format!("On the wijkteam's waiting list: {n} waiting, this family included."),
                        format!("Op de wachtlijst van het wijkteam: {n} wachtenden, dit gezin meegeteld."),
                    )),
                    DeskId::Vhh if n > 1 => Some(lang.pick(
                        format!("Waits for procesregie at the Veiligheidshuis: {n} waiting, this family included."),
                        format!("Wacht op procesregie bij het Veiligheidshuis: {n} wachtenden, dit gezin meegeteld."),
                    )),
                    DeskId::Vhh => Some(lang.pick(
                        "Waits for procesregie at the Veiligheidshuis, the only one waiting.".to_string(),
                        "Wacht op procesregie bij het Veiligheidshuis, als enige.".to_string(),
                    )),
                    _ => None,
                }
            }
            H::TeamStarted { team, .. } => {
                let w = waited(DeskId::Wijkteam(team), t, &mut joined);
                let (en, nl) = after(w);
                let now = if w == Some(0.0) { "meteen " } else { "" };
                Some(lang.pick(
                    format!("Wijkteam {} takes the family on{en}.", team + 1),
                    format!("Wijkteam {} pakt het gezin {now}op{nl}.", team + 1),
                ))
            }
            H::Recognised { .. } => Some(lang.pick(
                "The wijkteam sees this needs more: complex problems across life domains that call for the chain.",
                "Het wijkteam ziet dat dit meer vraagt: complexe problematiek over meerdere leefgebieden, waar de keten nodig is.",
            ).into()),
            H::Stalled { .. } => Some(lang.pick(
                "Cooperation around the family stalls: several agencies involved, no progress.",
                "De samenwerking rond het gezin stagneert: meerdere instanties betrokken, geen voortgang.",
            ).into()),
            H::Doubted { doubt, briefing, .. } => Some(if briefing {
                lang.pick(
                    format!("At the daily briefing the teamleider picks up a signal: {}", doubt_words(lang, doubt)),
                    format!("Bij de dagstart pakt de teamleider een signaal op: {}", doubt_words(lang, doubt)),
                )
            } else {
                lang.pick(
                    format!("The worker is in doubt: {}", doubt_words(lang, doubt)),
                    format!("De hulpverlener twijfelt: {}", doubt_words(lang, doubt)),
                )
            }),
            H::Simmering { .. } => Some(lang.pick(
                "Nobody acts on the doubt: the case keeps simmering.",
                "Er gebeurt niets met de twijfel: de casus blijft sudderen.",
            ).into()),
            H::AdviceRequested { .. } => {
                joined.push((DeskId::Advice, t));
                Some(lang.pick(
                    "The wijkteam asks the Veiligheidshuis for advice (advies bij twijfel).",
                    "Het wijkteam vraagt het Veiligheidshuis om advies (advies bij twijfel).",
                ).into())
            }
            H::AdviceStarted { .. } => {
                let w = waited(DeskId::Advice, t, &mut joined);
                let (en, nl) = after(w);
                let now = if w == Some(0.0) { "meteen " } else { "" };
                Some(lang.pick(
                    format!("A procescoördinator takes up the question{en}."),
                    format!("Een procescoördinator pakt de adviesvraag {now}op{nl}."),
                ))
            }
            H::AdviceAnswered { .. } => Some(lang.pick("The advice is given.", "Het advies is gegeven.").into()),
            H::AdviceGivenUp { .. } => Some(lang.pick(
                "The wijkteam stops waiting for the advice and decides on its own.",
                "Het wijkteam wacht niet langer op het advies en beslist zelf.",
            ).into()),
            H::AdviceSettled { doubt, .. } => Some(match doubt {
                Doubt::Complex => lang.pick(
                    "The advice keeps the family in the wijk: the wijkteam can go on with it.",
                    "Het advies houdt het gezin in de wijk: het wijkteam kan ermee verder.",
                ),
                Doubt::Stalled => lang.pick(
                    "The advice gets cooperation going again; the family stays in the wijk.",
                    "Met het advies loopt de samenwerking weer; het gezin blijft in de wijk.",
                ),
                Doubt::Fence => lang.pick(
                    "The advice: no hand-over needed; the family stays in the wijk.",
                    "Het advies: overdragen is niet nodig; het gezin blijft in de wijk.",
                ),
            }.into()),
            H::Opgeschaald { trigger, advised, .. } => {
                phase = AveFase::Ave3;
                let how = if advised {
                    lang.pick(" on the Veiligheidshuis's advice", " op advies van het Veiligheidshuis")
                } else {
                    ""
                };
                Some(lang.pick(
                    format!("Opschaling naar AVE 3{how}: {}. Procesregie goes to the Veiligheidshuis; who holds casusregie is a local agreement.", trigger_words(lang, trigger)),
                    format!("Opschaling naar AVE 3{how}: {}. De procesregie gaat naar het Veiligheidshuis; wie de casusregie houdt is een lokale afspraak.", trigger_words(lang, trigger)),
                ))
            }
            H::PhaseChanged { fase, .. } => {
                phase = fase;
                None
            }
            H::ProcesregieStarted { coordinator, .. } => {
                procesregie = true;
                let w = waited(DeskId::Vhh, t, &mut joined);
                let (en, nl) = after(w);
                let now = if w == Some(0.0) { " meteen" } else { "" };
                Some(lang.pick(
                    format!("Procescoördinator {} takes procesregie{en}.", coordinator + 1),
                    format!("Procescoördinator {} neemt{now} de procesregie{nl}.", coordinator + 1),
                ))
            }
            H::Maatwerkoverleg { advice_for_zsm, .. } => {
                let zsm = if advice_for_zsm {
                    lang.pick(
                        "The advice for ZSM is entered in the system.",
                        "Het advies voor ZSM wordt in het systeem gezet.",
                    )
                } else {
                    lang.pick(
                        "Privacy: the advice for ZSM is not entered, for fear of what may be shared.",
                        "Privacy: het advies voor ZSM wordt niet ingevoerd, uit zorg over wat gedeeld mag worden.",
                    )
                };
                Some(lang.pick(
                    format!("Maatwerkoverleg with the partners; the plan is drawn up (how soon the overleg meets is this scenario's assumption, not a norm of the study). {zsm}"),
                    format!("Maatwerkoverleg met de partners; het plan wordt opgesteld (hoe snel het overleg bijeenkomt is een aanname van dit scenario, geen norm uit de studie). {zsm}"),
                ))
            }
            H::PlanKept { .. } => Some(lang.pick(
                "The plan is ready; the Veiligheidshuis keeps the case until it is resolved.",
                "Het plan is klaar; het Veiligheidshuis houdt de casus tot die is opgelost.",
            ).into()),
            H::PlanRejected { .. } => Some(lang.pick(
                "The wijkteam does not take the plan over at once.",
                "Het wijkteam neemt het plan niet meteen over.",
            ).into()),
            H::Afgeschaald { team, .. } => {
                procesregie = false;
                phase = AveFase::Ave2;
                Some(lang.pick(
                    format!("Afschaling naar AVE 2 with the plan: back to wijkteam {}, which holds casusregie and procesregie again.", team + 1),
                    format!("Afschaling naar AVE 2 met het plan: terug naar wijkteam {}, dat weer casusregie en procesregie heeft.", team + 1),
                ))
            }
            H::Incident { late, unrest, .. } => {
                let mut s = if late {
                    lang.pick(
                        "Acute crisis — before the family was ever in AVE 3.",
                        "Acute crisis — voordat het gezin ooit in AVE 3 was.",
                    ).to_string()
                } else {
                    lang.pick("Acute crisis.", "Acute crisis.").to_string()
                };
                if unrest {
                    phase = AveFase::Ave4;
                    s.push(' ');
                    s.push_str(lang.pick(
                        "It threatens public unrest: opschaling naar AVE 4 bij escalatie; the burgemeester takes the lead, with the driehoek.",
                        "Er dreigt maatschappelijke onrust: opschaling naar AVE 4 bij escalatie; de burgemeester neemt de regie, met de driehoek.",
                    ));
                }
                Some(s)
            }
            H::Ave4Over { .. } => {
                phase = AveFase::Ave3;
                Some(lang.pick(
                "The burgemeester hands the case back to the Veiligheidshuis (AVE 3).",
                "De burgemeester geeft de casus terug aan het Veiligheidshuis (AVE 3).",
            ).into())
            }
            H::Offence { .. } => Some(lang.pick(
                "An offence: the person comes before ZSM.",
                "Een strafbaar feit: de persoon komt bij ZSM.",
            ).into()),
            H::ZsmStarted { .. } => Some(lang.pick(
                "The ZSM table takes the case up (parketsecretaris and partners).",
                "De ZSM-tafel neemt de zaak op (parketsecretaris en partners).",
            ).into()),
            H::ZsmDecided { hours, .. } => Some(lang.pick(
                format!("ZSM decides, {} after the person came in.", days_words(lang, hours)),
                format!("ZSM beslist, {} nadat de persoon binnenkwam.", days_words(lang, hours)),
            )),
            H::ZsmKnownDecision { route, advice_on_file, .. } => Some(match (route, advice_on_file) {
                (Route::Blind, true) => lang.pick(
                    "ZSM decided without the context: the Veiligheidshuis's advice was in the system but nobody read it.",
                    "ZSM besliste zonder de context: het advies van het Veiligheidshuis stond in het systeem, maar niemand las het.",
                ),
                (Route::Blind, false) => lang.pick(
                    "ZSM decided without the context: no advice of the Veiligheidshuis was there to read.",
                    "ZSM besliste zonder de context: er stond geen advies van het Veiligheidshuis klaar.",
                ),
                (Route::System, _) => lang.pick(
                    "The Veiligheidshuis's advice was on the table: ZSM read it in the system.",
                    "Het advies van het Veiligheidshuis lag op tafel: ZSM las het in het systeem.",
                ),
                (Route::Flag, _) => lang.pick(
                    "ZSM saw the wijkteam's flag at triage.",
                    "ZSM zag de signalering van het wijkteam bij de triage.",
                ),
                (Route::Call, _) => lang.pick(
                    "The procescoördinator called ZSM: the advice was on the table.",
                    "De procescoördinator belde ZSM: het advies lag op tafel.",
                ),
                (Route::Relay, _) => lang.pick(
                    "The Raad voor de Kinderbescherming brought the advice in.",
                    "De Raad voor de Kinderbescherming bracht het advies in.",
                ),
            }.into()),
            H::Feedback { .. } => Some(lang.pick(
                "ZSM's decision is fed back to the Veiligheidshuis.",
                "De beslissing van ZSM wordt teruggekoppeld aan het Veiligheidshuis.",
            ).into()),
            H::Closed { outcome, .. } => Some(match outcome {
                Outcome::Resolved => lang.pick(
                    "Resolved: back to AVE 1; the family runs its own life again.",
                    "Opgelost: terug naar AVE 1; het gezin voert weer zelf de regie.",
                ),
                _ => lang.pick(
                    "After the Veiligheidshuis's round the case goes back to its own first line or the ketenpartners.",
                    "Na de ronde van het Veiligheidshuis gaat de casus terug naar de eigen eerste lijn of de ketenpartners.",
                ),
            }.into()),
            H::OpenAtEnd { .. } => Some(lang.pick(
                "Still under way when the run ends.",
                "Nog lopend aan het eind van de run.",
            ).into()),
            _ => None,
        };
        if let Some(text) = text {
            let (lead, answerable) = roles(lang, phase, procesregie, ave_agreed);
            out.push(Line {
                moment,
                t,
                phase,
                lead,
                answerable,
                text,
            });
        }
    }
    out
}
