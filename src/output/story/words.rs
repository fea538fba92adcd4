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
    /// Whether its clock time means something: a desk acting in its opening hours. Signals,
    /// doubts, decisions to scale and crises come at any hour in the model: their date only.
    pub clock: bool,
    /// The phase after this moment.
    pub phase: AveFase,
    /// The case closed here (back to AVE 1).
    pub ended: bool,
    /// Who leads (regie) after this moment.
    pub lead: String,
    /// Who is answerable (bestuurlijk) after this moment.
    pub answerable: String,
    /// What happened.
    pub text: String,
}

/// A wait in words: whole days, "within a day" below one (an hour count would tell at what
/// hour of the night the model let the wait begin).
fn days_words(lang: Lang, hours: f64) -> String {
    if hours < 24.0 {
        return lang
            .pick("less than a day", "minder dan een dag")
            .to_string();
    }
    let d = (hours / 24.0).round() as i64;
    lang.pick(
        format!("{d} day{}", if d == 1 { "" } else { "s" }),
        format!("{d} dag{}", if d == 1 { "" } else { "en" }),
    )
}

fn doubt_words(lang: Lang, d: Doubt) -> &'static str {
    match d {
        Doubt::Complex => lang.pick(
            "is this one for the Veiligheidshuis?",
            "is dit iets voor het Veiligheidshuis?",
        ),
        Doubt::Stalled => lang.pick(
            "cooperation around the family is stuck.",
            "de samenwerking rond het gezin zit vast.",
        ),
        Doubt::Fence => lang.pick(
            "should the case go to the Veiligheidshuis?",
            "moet de casus naar het Veiligheidshuis?",
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
            "the burgemeester (regie), with the driehoek",
            "de burgemeester (regie), met de driehoek",
        ),
    };
    let answerable = if !ave_agreed {
        if phase == AveFase::Ave4 {
            lang.pick(
                "the burgemeester (openbare orde)",
                "de burgemeester (openbare orde)",
            )
        } else {
            "—"
        }
    } else {
        match phase {
            AveFase::Ave2 => lang.pick(
                "the wethouder (social domain, youth)",
                "de wethouder (sociaal domein, jeugd)",
            ),
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
    let mut joined: Vec<(DeskId, f64, u32)> = Vec::new();
    // How long the family waited for a desk, and how many were waiting when it joined (this
    // family included): None if it did not join that line.
    let waited =
        |desk: DeskId, t: f64, joined: &mut Vec<(DeskId, f64, u32)>| -> Option<(f64, u32)> {
            let i = joined.iter().position(|(d, ..)| *d == desk)?;
            let (_, since, n) = joined.remove(i);
            Some((if t - since >= 1.0 { t - since } else { 0.0 }, n))
        };
    // The wait in words: (English, Dutch).
    let after = |w: Option<(f64, u32)>| -> (String, String) {
        match w {
            Some((h, n)) if h > 0.0 && n > 1 => (
                format!(
                    ", after {} waiting ({n} were waiting when it joined, this one included)",
                    days_words(Lang::En, h)
                ),
                format!(
                    ", na {} wachten ({n} wachtenden bij aanmelding, dit gezin meegeteld)",
                    days_words(Lang::Nl, h)
                ),
            ),
            Some((h, _)) if h > 0.0 => (
                format!(", after {} waiting", days_words(Lang::En, h)),
                format!(", na {} wachten", days_words(Lang::Nl, h)),
            ),
            Some(_) => (" at once".into(), String::new()),
            None => (String::new(), String::new()),
        }
    };
    let at_once = |w: Option<(f64, u32)>| matches!(w, Some((h, _)) if h == 0.0);
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
                let domains_en = format!("{domains} life domain{}", if domains == 1 { "" } else { "s" });
                let domains_nl = format!("{domains} leefgebied{}", if domains == 1 { "" } else { "en" });
                let (youth_en, youth_nl) = if youth {
                    (", a family with minors", ", gezin met minderjarigen")
                } else {
                    ("", "")
                };
                Some(match (origin, team) {
                    (crate::model::Origin::Social, Some(team)) if complex => lang.pick(
                        format!("Aanmelding at sociaal wijkteam {} (AVE 2). Behind the scenes: {domains_en}{youth_en}, complex problems; the wijkteam does not know that yet.", team + 1),
                        format!("Aanmelding bij sociaal wijkteam {} (AVE 2). Achter de schermen: {domains_nl}{youth_nl}, complexe problematiek; dat weet het wijkteam nog niet.", team + 1),
                    ),
                    (crate::model::Origin::Social, Some(team)) => lang.pick(
                        format!("Aanmelding at sociaal wijkteam {} (AVE 2): {domains_en}{youth_en}.", team + 1),
                        format!("Aanmelding bij sociaal wijkteam {} (AVE 2): {domains_nl}{youth_nl}.", team + 1),
                    ),
                    (crate::model::Origin::ZsmReferral, _) => lang.pick(
                        format!("ZSM refers a suspect unknown to the social domain to the Veiligheidshuis (AVE 3): {domains_en}{youth_en}."),
                        format!("ZSM verwijst een verdachte die onbekend is in het sociaal domein naar het Veiligheidshuis (AVE 3): {domains_nl}{youth_nl}."),
                    ),
                    _ => lang.pick(
                        format!("A case comes straight to the Veiligheidshuis (police, Veilig Thuis, GGZ or another gemeente; AVE 3): {domains_en}{youth_en}."),
                        format!("Een casus komt rechtstreeks bij het Veiligheidshuis (politie, Veilig Thuis, GGZ of een andere gemeente; AVE 3): {domains_nl}{youth_nl}."),
                    ),
                })
            }
            H::QueueJoined { desk, .. } => {
                joined.push((desk, t, waiting.unwrap_or(1)));
                None
            }
            H::TeamStarted { team, .. } => {
                let w = waited(DeskId::Wijkteam(team), t, &mut joined);
                let (en, nl) = after(w);
                let now = if at_once(w) { "meteen " } else { "" };
                Some(lang.pick(
                    format!("Wijkteam {} takes the family on{en}.", team + 1),
                    format!("Wijkteam {} pakt het gezin {now}op{nl}.", team + 1),
                ))
            }
            H::Recognised { .. } => Some(lang.pick(
                "The wijkteam sees complex problems: several life domains; an approach across the chain is needed.",
                "Het wijkteam ziet complexe problematiek: meerdere leefgebieden, een ketenoverstijgende aanpak is nodig.",
            ).into()),
            H::Stalled { .. } => Some(lang.pick(
                "Cooperation around the family stalls: several agencies involved, no progress.",
                "De samenwerking rond het gezin stagneert: meerdere instanties betrokken, geen voortgang.",
            ).into()),
            H::Doubted { doubt, briefing, .. } => Some(match (briefing, doubt) {
                (true, Doubt::Fence) => lang.pick(
                    "At the daily briefing the worker brings the case in and wants to hand it to the Veiligheidshuis; the teamleider picks it up.".to_string(),
                    "Op de dagstart brengt de hulpverlener de casus in en wil die overdragen aan het Veiligheidshuis; de teamleider pakt het op.".to_string(),
                ),
                (true, d) => lang.pick(
                    format!("At the daily briefing the worker brings the case in; the teamleider picks up the signal: {}", doubt_words(lang, d)),
                    format!("Op de dagstart brengt de hulpverlener de casus in; de teamleider pakt het signaal op: {}", doubt_words(lang, d)),
                ),
                (false, Doubt::Fence) => lang.pick(
                    "The worker wants to hand the case over to the Veiligheidshuis.".to_string(),
                    "De hulpverlener wil de casus overdragen aan het Veiligheidshuis.".to_string(),
                ),
                (false, d) => lang.pick(
                    format!("The worker is in doubt: {}", doubt_words(lang, d)),
                    format!("De hulpverlener twijfelt: {}", doubt_words(lang, d)),
                ),
            }),
            H::Simmering { .. } => Some(lang.pick(
                "Nobody acts on the doubt: the case keeps simmering.",
                "Er gebeurt niets met de twijfel: de casus blijft sudderen.",
            ).into()),
            H::AdviceRequested { .. } => {
                joined.push((DeskId::Advice, t, 1));
                Some(lang.pick(
                    "The wijkteam asks the Veiligheidshuis for advice (advies bij twijfel).",
                    "Het wijkteam vraagt het Veiligheidshuis om advies (advies bij twijfel).",
                ).into())
            }
            H::AdviceStarted { .. } => {
                let w = waited(DeskId::Advice, t, &mut joined);
                let (en, nl) = after(w);
                let now = if at_once(w) { "meteen " } else { "" };
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
                let why = if trigger == Trigger::OverTheFence {
                    lang.pick(
                        format!("Opschaling naar AVE 3{how}, but too early: the case goes over de schutting, in the expectation that the Veiligheidshuis takes the work over."),
                        format!("Opschaling naar AVE 3{how}, maar te vroeg: de casus wordt over de schutting gegooid, in de verwachting dat het Veiligheidshuis het werk overneemt."),
                    )
                } else {
                    lang.pick(
                        format!("Opschaling naar AVE 3{how}: {}.", trigger_words(lang, trigger)),
                        format!("Opschaling naar AVE 3{how}: {}.", trigger_words(lang, trigger)),
                    )
                };
                let rest = if ave_agreed {
                    lang.pick(
                        " Procesregie goes to the Veiligheidshuis, in afstemming with the gemeente (ambtenaar Integrale Veiligheid & Zorg); who holds casusregie is a local agreement.",
                        " De procesregie gaat naar het Veiligheidshuis, in afstemming met de gemeente (ambtenaar Integrale Veiligheid & Zorg); wie de casusregie houdt is een lokale afspraak.",
                    )
                } else {
                    lang.pick(
                        " The Veiligheidshuis takes procesregie; who holds casusregie is a local agreement.",
                        " Het Veiligheidshuis neemt de procesregie; wie de casusregie houdt is een lokale afspraak.",
                    )
                };
                Some(format!("{why}{rest}"))
            }
            H::PhaseChanged { fase, .. } => {
                phase = fase;
                None
            }
            H::ProcesregieStarted { coordinator, .. } => {
                procesregie = true;
                let w = waited(DeskId::Vhh, t, &mut joined);
                let (en, nl) = after(w);
                let now = if at_once(w) { " meteen" } else { "" };
                Some(lang.pick(
                    format!("Procescoördinator {} takes procesregie{en}.", coordinator + 1),
                    format!("Procescoördinator {} neemt{now} de procesregie{nl}.", coordinator + 1),
                ))
            }
            H::Maatwerkoverleg { advice_for_zsm, .. } => {
                let bvh = params.link.system == crate::scenario::sections::link::System::Bridged;
                let zsm = match (advice_for_zsm, bvh) {
                    (true, true) => lang.pick(
                        "The procescoördinator enters the report with advice for ZSM in BVH.",
                        "De procescoördinator zet het maatwerkverslag met advies voor ZSM in BVH.",
                    ),
                    (true, false) => lang.pick(
                        "The procescoördinator enters the advice for ZSM in the shared system.",
                        "De procescoördinator zet het advies voor ZSM in het gedeelde systeem.",
                    ),
                    (false, _) => "",
                };
                let rate = (1.0 / params.link.vhh_privacy_hesitancy.max(1e-9)).round();
                let held = if advice_for_zsm {
                    String::new()
                } else if rate.is_finite() && rate <= 1000.0 {
                    lang.pick(
                        format!("Privacy: the advice for ZSM is not entered, for fear of what may be shared (in this scenario at 1 in {rate:.0} maatwerkoverleggen)."),
                        format!("Privacy: het advies voor ZSM wordt niet ingevoerd, uit zorg over wat gedeeld mag worden (in dit scenario bij 1 op de {rate:.0} maatwerkoverleggen)."),
                    )
                } else {
                    lang.pick(
                        "Privacy: the advice for ZSM is not entered, for fear of what may be shared.".to_string(),
                        "Privacy: het advies voor ZSM wordt niet ingevoerd, uit zorg over wat gedeeld mag worden.".to_string(),
                    )
                };
                let zsm = format!("{zsm}{held}");
                Some(lang.pick(
                    format!("Maatwerkoverleg with the ketenpartners and the wijkteam; the procescoördinator draws up a plan van aanpak. {zsm}"),
                    format!("Maatwerkoverleg met ketenpartners en wijkteam; de procescoördinator stelt een plan van aanpak op. {zsm}"),
                ))
            }
            H::PlanKept { .. } => Some(lang.pick(
                "The plan is ready; the Veiligheidshuis keeps the case until it is resolved.",
                "Het plan is klaar; het Veiligheidshuis houdt de casus tot die is opgelost.",
            ).into()),
            H::PlanRejected { .. } => Some(lang.pick(
                "The wijkteam does not take the Veiligheidshuis's plan over at once; afschaling is delayed.",
                "Het wijkteam neemt het plan van het Veiligheidshuis niet meteen over; de afschaling loopt vertraging op.",
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
                        "Acute crisis, while the family had not yet been opgeschaald naar AVE 3.",
                        "Acute crisis, terwijl het gezin nog niet was opgeschaald naar AVE 3.",
                    ).to_string()
                } else {
                    lang.pick("Acute crisis.", "Acute crisis.").to_string()
                };
                if unrest {
                    phase = AveFase::Ave4;
                    s.push(' ');
                    s.push_str(lang.pick(
                        "Safety is at stake and public unrest threatens: opschaling naar AVE 4 bij escalatie; the burgemeester takes the lead, with the driehoek.",
                        "De veiligheid is in het geding en er dreigt maatschappelijke onrust: opschaling naar AVE 4 bij escalatie; de burgemeester neemt de regie, met de driehoek.",
                    ));
                }
                Some(s)
            }
            H::Ave4Over { .. } => {
                phase = AveFase::Ave3;
                Some(lang.pick(
                "Afschaling naar AVE 3: the burgemeester hands the case back to the Veiligheidshuis (how long AVE 4 lasts is this scenario's assumption).",
                "Afschaling naar AVE 3: de burgemeester geeft de casus terug aan het Veiligheidshuis (hoe lang AVE 4 duurt is een aanname van dit scenario).",
            ).into())
            }
            H::Offence { .. } => Some(lang.pick(
                "A member of the family is arrested; the case comes to the ZSM table.",
                "Een gezinslid wordt aangehouden; de zaak komt op de ZSM-tafel.",
            ).into()),
            H::ZsmStarted { .. } => Some(lang.pick(
                "The ZSM table takes the case up (parketsecretaris and partners).",
                "De ZSM-tafel neemt de zaak op (parketsecretaris en partners).",
            ).into()),
            H::ZsmDecided { .. } => Some(lang.pick("ZSM decides.", "ZSM beslist.").into()),
            H::ZsmKnownDecision { route, advice_on_file, .. } => Some(match (route, advice_on_file) {
                (Route::Blind, true) => lang.pick(
                    "ZSM decided without the context: the Veiligheidshuis's advice was in the system but nobody read it.",
                    "ZSM besliste zonder de context: het advies van het Veiligheidshuis stond in het systeem, maar niemand las het.",
                ),
                (Route::Blind, false) => lang.pick(
                    "ZSM decided without context: no advice of the Veiligheidshuis on this family was in the system.",
                    "ZSM besliste zonder contextinformatie: er stond geen advies van het Veiligheidshuis over dit gezin in het systeem.",
                ),
                (Route::System, _) => lang.pick(
                    "The Veiligheidshuis's advice was on the table: ZSM read it in the system (which it does not always do).",
                    "Het advies van het Veiligheidshuis lag op tafel: ZSM las het in het systeem (wat niet altijd gebeurt).",
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
                    "Case closed: back to AVE 1; the family runs its own life again.",
                    "Casus afgesloten: terug naar AVE 1; het gezin voert weer zelf de regie.",
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
            let clock = matches!(
                happening,
                H::TeamStarted { .. }
                    | H::Doubted { briefing: true, .. }
                    | H::AdviceStarted { .. }
                    | H::AdviceAnswered { .. }
                    | H::AdviceSettled { .. }
                    | H::ProcesregieStarted { .. }
                    | H::Maatwerkoverleg { .. }
                    | H::Offence { .. }
                    | H::ZsmStarted { .. }
                    | H::ZsmDecided { .. }
                    | H::ZsmKnownDecision { .. }
            );
            out.push(Line {
                moment,
                t,
                clock,
                ended: matches!(happening, H::Closed { .. }),
                phase,
                lead,
                answerable,
                text,
            });
        }
    }
    out
}
