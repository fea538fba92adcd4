//! `[link]`: Information between the Veiligheidshuis, the wijkteams and ZSM: systems and
//! what is read, privacy hesitancy, feedback and advice fit, and the person-dependent
//! channels (coordinators who call ZSM, the Raad voor de Kinderbescherming).

use serde::{Deserialize, Serialize};

use crate::both;
use crate::format::message as number;
use crate::scenario::DurationSpec;
use crate::scenario::check::{Duration, Invalid, bad, days, duration, nonneg, prob};
use crate::scenario::register::{b, c, key};

/// Kind of information link between VHH and ZSM.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum System {
    /// Different systems bridged via a third (BVH): advice sinks away.
    Bridged,
    /// One shared system made for it (GCOS) with an agreed advice format.
    Shared,
    /// Joint registration, co-located (ZSM+).
    Joint,
}

impl System {
    /// 0, 1, 2: position in per-system arrays.
    pub fn index(self) -> usize {
        self as usize
    }
}

section! {
    /// Information links.
    pub struct Link {
        /// `bridged`, `shared` or `joint`.
        system: System = System::Bridged => [
            key("system", "bridged | shared | joint", "information system between VHH and ZSM", b("§5.2.1 l.2557", "is besloten gebruik te maken van BVH", "advice goes from Fryslân's GCOS and Groningen/Drenthe's VIS2 to ZSM through the police system BVH, a stopgap 'nooit voor gemaakt' (l.2505–2506)")).nl("informatiesysteem tussen Veiligheidshuis en ZSM", "advies gaat vanuit GCOS (Fryslân) en VIS2 (Groningen/Drenthe) naar ZSM via het politiesysteem BVH, een tussenoplossing die daar 'nooit voor gemaakt' is (l.2505–2506)", ""),
        ],
        /// Probability ZSM reads VHH advice on file, bridged systems.
        read_prob_bridged: f64 = 0.15 => [
            key("read_prob_bridged", "probability", "ZSM reads VHH advice on file through BVH", b("§5.2.1 l.2565", "dan heb je de kans dat het over het hoofd wordt gezien", "advice sinks away among BVH mutations; 15% read is assumed")).range(0.05, 0.35, "one in 20 to a third").nl("ZSM leest het advies van het Veiligheidshuis in het dossier via BVH", "advies zakt weg tussen de mutaties in BVH; dat 15% wordt gelezen, is aangenomen", "één op de 20 tot een derde"),
        ],
        /// Same, one shared system.
        read_prob_shared: f64 = 0.4 => [
            key("read_prob_shared", "probability", "ZSM reads VHH advice on file in one shared system (GCOS)", b("§6.1 l.3514", "niet iedereen die bij ZSM werkt voldoende gericht is op de samenwerking om de discipline op te brengen om GCOS te raadplegen", "one system is 'nog geen garantie' (§7.2 l.4750); 40% is assumed")).range(0.2, 0.7, "a fifth to more than two thirds").nl("ZSM leest het advies van het Veiligheidshuis in het dossier in één gedeeld systeem (GCOS)", "één systeem is 'nog geen garantie' (§7.2 l.4750); 40% is aangenomen", "een vijfde tot meer dan twee derde"),
        ],
        /// Same, joint registration.
        read_prob_joint: f64 = 0.8 => [
            key("read_prob_joint", "probability", "ZSM reads VHH advice with joint registration at the table", c("co-location raised awareness in Rotterdam (§6.7); 80% is assumed")).range(0.6, 0.95, "most").nl("ZSM leest het advies van het Veiligheidshuis bij gezamenlijke registratie aan tafel", "samen op één locatie zitten vergrootte in Rotterdam het bewustzijn (§6.7); 80% is aangenomen", "het merendeel"),
        ],
        /// A fixed contact person at ZSM.
        contact_person: bool = false => [
            key("contact_person", "switch", "someone at ZSM has the task of the relation with the VHH", b("§7.3 l.4905", "Geef binnen ZSM iemand specifiek tot taak de relatie met ZSM te waarborgen", "recommendation 3: the study writes 'de relatie met ZSM' and means the relation with the Veiligheidshuis; being built in Hollands Midden and Rotterdam through ketenprocescoördinatoren (l.3786–3790, l.4062–4063), not in Noord-Nederland")).nl("iemand bij ZSM heeft de relatie met het Veiligheidshuis als taak", "aanbeveling 3: er staat 'de relatie met ZSM', bedoeld is de relatie met het Veiligheidshuis; in Hollands Midden en Rotterdam in opbouw via ketenprocescoördinatoren (l.3786–3790, l.4062–4063), niet in Noord-Nederland", ""),
        ],
        /// Share of the unread (and unreferred) remainder a contact person recovers.
        contact_person_gain: f64 = 0.4 => [
            key("contact_person_gain", "share", "share of the unread remainder (and of the unreferred) a contact person recovers", c("awareness is person-dependent; 40% is assumed")).range(0.2, 0.7, "a fifth to two thirds").nl("aandeel van de ongelezen rest (en van de niet doorverwezen casussen) dat een contactpersoon alsnog oppakt", "bewustzijn is persoonsafhankelijk; 40% is aangenomen", "een vijfde tot twee derde"),
        ],
        /// How often the contact person changes (per year).
        contact_person_turnover_per_year: f64 = 0.5 => [
            key("contact_person_turnover_per_year", "per year", "how often the contact person at ZSM changes; after a change the gain is lost until the new person has built the relation", c("ZSM has \"wisselingen in diensten\" (§7.3 l.4836) and \"nieuwe poppetjes\" (§5.2.2 l.2753); a new person every two years is assumed")).range(0.0, 1.0, "a person who stays to a new one every year").nl("hoe vaak de contactpersoon bij ZSM wisselt; na een wissel is de winst weg tot de nieuwe persoon de relatie heeft opgebouwd", "ZSM kent \"wisselingen in diensten\" (§7.3 l.4836) en \"nieuwe poppetjes\" (§5.2.2 l.2753); elke twee jaar een nieuwe persoon is aangenomen", "van een persoon die blijft tot elk jaar een nieuwe"),
        ],
        /// Days a new contact person needs to build the relation.
        contact_person_settle_days: f64 = 90.0 => [
            key("contact_person_settle_days", "days", "days a new contact person needs before the relation with the VHH works again", c("a quarter is assumed")).range(30.0, 180.0, "a month to half a year").nl("dagen die een nieuwe contactpersoon nodig heeft voordat de relatie met het Veiligheidshuis weer werkt", "een kwartaal is aangenomen", "een maand tot een half jaar"),
        ],
        /// Awareness of the VHH at ZSM from kijkdagen (0 = none).
        awareness: f64 = 0.0 => [
            key("awareness", "share", "awareness of the VHH at ZSM beyond the base, e.g. after kijkdagen (recommendation 5): the share of advice otherwise not read, and of referrals otherwise not made, that is recovered", b("§7.3 l.4917", "maakt dat medewerkers wederzijds kennismaken met werkwijze en dynamiek", "the direction is the study's; sizes are assumed, and a kijkdag's effect fades as staff change (\"nieuwe poppetjes\", §5.2.2 l.2753)")).range(0.0, 0.3, "none to a third of what is missed").nl("bewustzijn van het Veiligheidshuis bij ZSM boven de basis, bijvoorbeeld na kijkdagen (aanbeveling 5): het deel van het anders ongelezen advies en van de anders niet gedane doorverwijzingen dat alsnog gebeurt", "de richting komt uit de studie; de groottes zijn aangenomen, en het effect van een kijkdag ebt weg als het personeel wisselt (\"nieuwe poppetjes\", §5.2.2 l.2753)", "geen tot een derde van wat nu wordt gemist"),
        ],
        /// Wijkteams can flag a person for ZSM via the VHH servicebureau.
        wijkteam_flag: bool = false => [
            key("wijkteam_flag", "switch", "wijkteams can flag a person for ZSM through the servicebureau", b("§6.2 l.3742", "Dan sturen zij een mailtje naar het servicebureau, wij zetten een ZSM-besluit in GCOS", "Midden-Brabant only, a pilot")).nl("wijkteams kunnen via het servicebureau een persoon voor ZSM markeren", "alleen Midden-Brabant, een pilot", ""),
        ],
        /// Probability a recognised complex case is flagged (when the flag exists).
        flag_prob: f64 = 0.5 => [
            key("flag_prob", "probability", "a recognised complex case gets flagged", c("half of the teams use the pilot route")).range(0.2, 0.8, "a fifth to most").nl("een herkende complexe casus wordt gemarkeerd", "de helft van de teams gebruikt de pilotroute", "een vijfde tot de meeste"),
        ],
        /// Probability ZSM sees a flag.
        flag_read_prob: f64 = 0.6 => [
            key("flag_read_prob", "probability", "ZSM's triage sees a flag at arrest", c("the servicebureau looks at triage")).range(0.4, 0.9, "under half to most").nl("de triage van ZSM ziet een markering bij aanhouding", "het servicebureau kijkt bij de triage", "iets minder dan de helft tot de meeste"),
        ],
        /// Wijkteams' perceived privacy hesitancy: a consult, a flag or a justice link not made
        /// because people assume it is not allowed.
        privacy_hesitancy: f64 = 0.1 => [
            key("privacy_hesitancy", "probability", "at the wijkteams: a consult, a flag or a link with justice is not made because people assume sharing is not allowed", b("§2.6 l.738", "vooral uitgaan van wat niet mogelijk is", "perceived hesitancy that differs by region (and per gemeente, §6.7 l.4103), not a legal gate; Leeuwarden, with short lines and no privacy problem reported, 10% is assumed (a region without a model: 20%)")).range(0.05, 0.7, "little to most (Hollands Midden: 'doorgeschoten visie op privacy')").nl("bij de wijkteams: een consult, een markering of een link met justitie blijft achterwege omdat men aanneemt dat delen niet mag", "ervaren terughoudendheid die per regio verschilt (en per gemeente, §6.7 l.4103), geen juridische drempel; voor Leeuwarden, met korte lijnen en zonder gemeld privacyprobleem, is 10% aangenomen (een regio zonder model: 20%)", "weinig tot het merendeel (Hollands Midden: 'doorgeschoten visie op privacy')"),
        ],
        /// The VHH's perceived privacy hesitancy: advice for ZSM not entered, a call or a relay
        /// not made.
        vhh_privacy_hesitancy: f64 = 0.05 => [
            key("vhh_privacy_hesitancy", "probability", "at the VHH: advice for ZSM not entered, or a call or relay to ZSM not made, for fear of what may be shared", c("entering advice for ZSM is the agreed step at the maatwerkoverleg in Fryslân (§5.2.1 l.2560); the problem is ZSM not reading it; a little hesitancy is assumed")).range(0.0, 0.3, "none to some").nl("bij het Veiligheidshuis: advies voor ZSM niet ingevoerd, of een telefoontje of doorgifte naar ZSM achterwege gelaten, uit vrees over wat gedeeld mag worden", "afgesproken is dat procescoördinatoren bij het invoeren van een maatwerkverslag in BVH advies meegeven aan ZSM (§5.2.1 l.2560–2561); het knelpunt is dat het aan de ZSM-tafel niet altijd wordt uitgelezen; een beetje terughoudendheid is aangenomen", "geen tot enige"),
        ],
        /// Probability ZSM reports its decision on a VHH case back to the VHH.
        feedback_prob: f64 = 0.1 => [
            key("feedback_prob", "probability", "ZSM reports its decision on a case in AVE 3 back to the VHH", b("§5.2.1 l.2582", "kan altijd achteraf terugkoppeling komen", "no way to feed back in the system (l.2652), a little informally: a tenth is assumed")).range(0.0, 0.8, "none to agreed feedback").nl("ZSM koppelt zijn beslissing over een casus in AVE 3 terug aan het Veiligheidshuis", "geen mogelijkheid tot terugkoppeling in het systeem (l.2652), informeel een beetje: een tiende is aangenomen", "geen tot afgesproken terugkoppeling"),
        ],
        /// Delay of that feedback (hours).
        feedback_delay_hours: DurationSpec = DurationSpec::gamma(24.0, 0.7) => [
            key("feedback_delay_hours", "hours", "delay of that feedback", b("§6.1 l.3519", "dan wordt het makkelijk een dag doorgeschoven", "a day on average is assumed")).range(4.0, 72.0, "hours to three days").nl("vertraging van die terugkoppeling", "gemiddeld een dag is aangenomen", "enkele uren tot drie dagen"),
        ],
        /// Agreements anchor feedback (recommendation 2).
        feedback_agreements: bool = false => [
            key("feedback_agreements", "switch", "feedback is anchored in agreements, which makes ZSM read the advice more", b("§7.3 l.4805", "dwingt het verankeren van terugkoppeling de medewerkers van ZSM ook om de informatie daadwerkelijk te betrekken", "recommendation 2")).nl("terugkoppeling is in afspraken verankerd, waardoor ZSM het advies vaker leest", "aanbeveling 2", ""),
        ],
        /// Share of the unread remainder agreements make ZSM read, at low ZSM pressure.
        agreement_read_lift: f64 = 0.15 => [
            key("agreement_read_lift", "share", "share of the unread remainder that feedback agreements make ZSM read (falls with ZSM pressure like reading)", b("§7.3 l.4805", "dwingt het verankeren van terugkoppeling de medewerkers van ZSM ook om de informatie daadwerkelijk te betrekken", "the direction (also l.4834); modest, because in Breda agreements alone did not secure reading ('niet iedereen die bij ZSM werkt voldoende gericht is op de samenwerking', §6.1 l.3514): 15% is assumed")).range(0.0, 0.25, "none to a quarter: in Breda agreements alone did not secure reading (§6.1 l.3511-3514)").nl("aandeel van de ongelezen rest dat ZSM door afspraken over terugkoppeling alsnog leest (daalt met de druk bij ZSM, net als het lezen)", "de richting (ook l.4834); bescheiden, omdat afspraken alleen in Breda het lezen niet garandeerden ('niet iedereen die bij ZSM werkt voldoende gericht is op de samenwerking', §6.1 l.3514): 15% is aangenomen", "geen tot een kwart: in Breda zorgden afspraken alleen niet dat er gelezen werd (§6.1 l.3511-3514)"),
        ],
        /// How well VHH advice fits ZSM's needs at the start.
        advice_fit: f64 = 0.5 => [
            key("advice_fit", "share", "how well VHH advice meets ZSM's needs at the start (an informed decision's effect scales with it)", b("§5.2.1 l.2656", "Misschien ligt het wel aan ons, dat ze ons advies slecht vinden", "nobody knows whether the advice fits; half is assumed")).range(0.2, 0.8, "poor to good").nl("hoe goed het advies van het Veiligheidshuis bij de start aansluit bij wat ZSM nodig heeft (het effect van een geïnformeerde beslissing schaalt daarmee mee)", "niemand weet of het advies aansluit; de helft is aangenomen", "slecht tot goed"),
        ],
        /// Gain in fit from each piece of case feedback.
        fit_per_feedback: f64 = 0.002 => [
            key("fit_per_feedback", "share", "each case feedback closes this share of the gap between fit and 1", c("a decision reported back teaches a little about what ZSM needs: much less than a session on content and process")).range(0.0, 0.01, "nothing to 1%").nl("elke terugkoppeling over een casus dicht dit aandeel van het gat tussen aansluiting en 1", "een teruggekoppelde beslissing leert iets over wat ZSM nodig heeft: veel minder dan een sessie over inhoud en proces", "niets tot 1%"),
        ],
        /// Periodic operational feedback on content and process (recommendation 4).
        operational_feedback: bool = false => [
            key("operational_feedback", "switch", "VHH and ZSM periodically discuss whether the advice meets ZSM's needs", b("§7.3 l.4911", "geef bijvoorbeeld periodiek aan of advies aansluit bij de eisen van ZSM", "recommendation 4")).nl("Veiligheidshuis en ZSM bespreken periodiek of het advies aansluit bij wat ZSM nodig heeft", "aanbeveling 4", ""),
        ],
        /// Days between operational feedback sessions.
        fit_review_days: f64 = 90.0 => [
            key("fit_review_days", "days", "days between operational feedback sessions", c("'periodiek': a quarter")).range(30.0, 180.0, "monthly to twice a year").nl("dagen tussen operationele terugkoppelsessies", "'periodiek': een kwartaal", "maandelijks tot twee keer per jaar"),
        ],
        /// Share of the gap to a perfect fit each session closes.
        fit_learning: f64 = 0.1 => [
            key("fit_learning", "share", "each operational feedback session closes this share of the gap between fit and 1", c("a tenth a session: from 0.5 to about 0.85 in three years of quarterly sessions")).range(0.03, 0.3, "slow to fast learning").nl("elke operationele terugkoppelsessie dicht dit aandeel van het gat tussen aansluiting en 1", "een tiende per sessie: van 0,5 naar ongeveer 0,85 in drie jaar met een sessie per kwartaal", "langzaam tot snel leren"),
        ],
        /// Mean propensity of a coordinator to call ZSM about their case at a decision.
        call_prob: f64 = 0.3 => [
            key("call_prob", "probability", "a procescoördinator calls ZSM when a person under their procesregie is there (mean over procescoördinatoren, at low pressure on both sides)", b("§5.2.1 l.2663", "Het werkt omdat wij communiceren, omdat ik bel", "not every coordinator has ZSM in view; 30% on average is assumed")).range(0.0, 0.6, "nobody to most").nl("een procescoördinator belt ZSM als iemand onder zijn procesregie daar is (gemiddeld over de procescoördinatoren, bij lage druk aan beide kanten)", "niet elke coördinator heeft ZSM in beeld; gemiddeld 30% is aangenomen", "niemand tot de meesten"),
        ],
        /// Spread of that propensity across coordinators (sd of a log factor, mean 1).
        call_spread: f64 = 0.8 => [
            key("call_spread", "sd of log factor", "how much procescoördinatoren differ in calling ZSM and in going via the Raad voor de Kinderbescherming", b("§7.1 l.4359", "de een belt met ZSM, de ander zoekt zijn of haar weg via de Raad voor de Kinderbescherming", "strongly person-dependent; a large spread is assumed")).range(0.3, 1.2, "a factor 2 to 10 between procescoördinatoren").nl("hoeveel procescoördinatoren verschillen in het bellen met ZSM en in de route via de Raad voor de Kinderbescherming", "sterk persoonsafhankelijk; een grote spreiding is aangenomen", "een factor 2 tot 10 tussen procescoördinatoren"),
        ],
        /// Probability the Raad voor de Kinderbescherming carries VHH advice on a youth case into ZSM.
        rvdk_relay_prob: f64 = 0.3 => [
            key("rvdk_relay_prob", "probability", "for a case in the Raad voor de Kinderbescherming's remit that a procescoördinator has handled, the Raad carries the VHH's advice into ZSM (mean over procescoördinatoren)", b("§5.2.1 l.2581", "dat nemen ze mee naar ZSM", "Fryslân's informal channel; 30% is assumed")).range(0.0, 0.6, "none to most such cases").nl("bij een casus die onder de Raad voor de Kinderbescherming valt en die een procescoördinator heeft behandeld, neemt de Raad het advies van het Veiligheidshuis mee naar ZSM (gemiddeld over de procescoördinatoren)", "het informele kanaal in Fryslân; 30% is aangenomen", "geen tot de meeste van zulke casussen"),
        ],
    }
}

/// Information links as the model uses them (the rules that combine them live in
/// `model::zsm`).
#[derive(Debug, Clone, Copy)]
pub struct LinkParams {
    /// Kind of system between VHH and ZSM.
    pub system: System,
    /// P(ZSM reads VHH advice) per system: bridged, shared, joint.
    pub read_prob: [f64; 3],
    /// A fixed contact person at ZSM.
    pub contact_person: bool,
    /// Share of the unread remainder a contact person recovers, on average over the
    /// turnover of the person.
    pub contact_gain: f64,
    /// Share of the unread remainder (and of the unreferred) awareness recovers.
    pub awareness: f64,
    /// Wijkteam flag link on.
    pub flag_enabled: bool,
    /// P(recognised complex case flagged).
    pub flag_prob: f64,
    /// P(flag read).
    pub flag_read_prob: f64,
    /// P(a wijkteam does not share, for fear it is not allowed).
    pub privacy_hesitancy: f64,
    /// P(the VHH does not share, for fear it is not allowed).
    pub vhh_privacy_hesitancy: f64,
    /// P(feedback on a VHH case).
    pub feedback_prob: f64,
    /// Feedback delay.
    pub feedback_delay: Duration,
    /// Feedback anchored in agreements.
    pub feedback_agreements: bool,
    /// Share of the unread remainder agreements make ZSM read.
    pub agreement_read_lift: f64,
    /// Initial advice fit.
    pub advice_fit: f64,
    /// Fit gain per case feedback.
    pub fit_per_feedback: f64,
    /// Periodic operational feedback on.
    pub operational_feedback: bool,
    /// Interval of operational feedback (hours).
    pub fit_review_h: f64,
    /// Fit gain per session.
    pub fit_learning: f64,
    /// Mean coordinator propensity to call.
    pub call_prob: f64,
    /// Spread of that propensity.
    pub call_spread: f64,
    /// P(RvdK relays advice on a youth case).
    pub rvdk_relay: f64,
}

impl Link {
    pub(crate) fn compile(&self) -> Result<LinkParams, Invalid> {
        let spread = nonneg("link.call_spread", self.call_spread)?;
        if spread > 2.0 {
            return Err(bad("link.call_spread", {
                let v = number(spread);
                both!(
                    "is the spread of calling over coordinators on a log scale: allowed 0 to 2, got {v}",
                    "is de spreiding van het bellen over coördinatoren op een log-schaal: toegestaan 0 tot 2, gegeven {v}"
                )
            }));
        }
        let review = days("link.fit_review_days", self.fit_review_days)?;
        if review < 24.0 {
            return Err(bad("link.fit_review_days", {
                let v = number(self.fit_review_days);
                both!(
                    "is the time between feedback sessions: at least 1 day, got {v}",
                    "is de tijd tussen terugkoppelmomenten: minstens 1 dag, gegeven {v}"
                )
            }));
        }
        Ok(LinkParams {
            system: self.system,
            read_prob: [
                prob("link.read_prob_bridged", self.read_prob_bridged)?,
                prob("link.read_prob_shared", self.read_prob_shared)?,
                prob("link.read_prob_joint", self.read_prob_joint)?,
            ],
            contact_person: self.contact_person,
            contact_gain: prob("link.contact_person_gain", self.contact_person_gain)?
                * settled_share(
                    nonneg(
                        "link.contact_person_turnover_per_year",
                        self.contact_person_turnover_per_year,
                    )?,
                    nonneg(
                        "link.contact_person_settle_days",
                        self.contact_person_settle_days,
                    )?,
                ),
            awareness: prob("link.awareness", self.awareness)?,
            flag_enabled: self.wijkteam_flag,
            flag_prob: prob("link.flag_prob", self.flag_prob)?,
            flag_read_prob: prob("link.flag_read_prob", self.flag_read_prob)?,
            privacy_hesitancy: prob("link.privacy_hesitancy", self.privacy_hesitancy)?,
            vhh_privacy_hesitancy: prob("link.vhh_privacy_hesitancy", self.vhh_privacy_hesitancy)?,
            feedback_prob: prob("link.feedback_prob", self.feedback_prob)?,
            feedback_delay: duration("link.feedback_delay_hours", &self.feedback_delay_hours, 1.0)?,
            feedback_agreements: self.feedback_agreements,
            agreement_read_lift: prob("link.agreement_read_lift", self.agreement_read_lift)?,
            advice_fit: prob("link.advice_fit", self.advice_fit)?,
            fit_per_feedback: prob("link.fit_per_feedback", self.fit_per_feedback)?,
            operational_feedback: self.operational_feedback,
            fit_review_h: review,
            fit_learning: prob("link.fit_learning", self.fit_learning)?,
            call_prob: prob("link.call_prob", self.call_prob)?,
            call_spread: spread,
            rvdk_relay: prob("link.rvdk_relay_prob", self.rvdk_relay_prob)?,
        })
    }
}

/// The share of the time a contact post is held by someone who has built the relation: each
/// change (`turnover` a year) costs `settle_days` (at most all of the time).
pub fn settled_share(turnover_per_year: f64, settle_days: f64) -> f64 {
    (1.0 - turnover_per_year * settle_days / 365.0).clamp(0.0, 1.0)
}
