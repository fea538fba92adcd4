//! `[advice]`: The Veiligheidshuis's advice function: a wijkteam worker in doubt may consult
//! a coordinator, for any case, before or without opschaling ("voorafgaand aan of los van
//! escalatie", §5.3.1 l.2990). Consults take coordinator hours from the VHH's one budget
//! (`[vhh]`) and are held in its office hours (`vhh.hours`); what they conclude is not binding.

use crate::scenario::DurationSpec;
use crate::scenario::check::{Duration, Invalid, days, duration, factor, per_year, prob};
use crate::scenario::register::{b, c, key};

section! {
    /// The VHH advice function.
    pub struct Advice {
        /// Whether wijkteams can consult the VHH.
        enabled: bool = true => [
            key("enabled", "switch", "wijkteams can consult a VHH coordinator when in doubt", b("§5.3.1 l.3006", "kun je bij twijfel vragen stellen", "Leeuwarden's advice function; most regions have none (rec. 8, §7.3 l.4932)")).nl("wijkteams kunnen bij twijfel een coördinator van het Veiligheidshuis consulteren", "de adviesfunctie van Leeuwarden; de meeste regio's hebben er geen (aanbeveling 8, §7.3 l.4932)", ""),
        ],
        /// Probability a worker in doubt consults the VHH first.
        consult_prob: f64 = 0.5 => [
            key("consult_prob", "probability", "a worker in doubt (a recognition, a stall, an impulse to hand over) consults the VHH first, at low VHH pressure", b("§5.3.1 l.3007", "Dat betekent dat voor ons de drempel om hen te benaderen ook verlaagd is", "a low threshold; half of the doubts is assumed")).range(0.2, 0.8, "a fifth to most doubts").nl("een medewerker met twijfel (een herkenning, een stagnatie, een neiging om over te dragen) consulteert eerst het Veiligheidshuis, bij lage druk op het Veiligheidshuis", "een lage drempel; de helft van de twijfelgevallen is aangenomen", "een vijfde tot de meeste twijfelgevallen"),
        ],
        /// Rate at which a worker with a served complex case, not yet acting on it, has a doubt
        /// to ask the VHH about (only where there is an advice function).
        doubt_per_year: f64 = 1.0 => [
            key("doubt_per_year", "per year", "with an advice function, a worker has doubts about a served complex case and may ask before recognising it as one ('lager in de boom')", b("§5.3.1 l.3005", "Nu we het lager in de boom hebben gehangen, kun je bij twijfel vragen stellen", "a lower threshold than recognition; once a year is assumed")).range(0.3, 3.0, "within four months to three years").nl("met een adviesfunctie twijfelt een medewerker over een complexe casus in behandeling en kan hij advies vragen voordat hij die als complex herkent ('lager in de boom')", "een lagere drempel dan herkenning; eens per jaar is aangenomen", "binnen vier maanden tot drie jaar"),
        ],
        /// Coordinator hours one consult takes out of the budget week.
        consult_hours: DurationSpec = DurationSpec::gamma(3.0, 0.5) => [
            key("consult_hours", "hours", "coordinator hours one consult takes (out of that week's budget)", b("§7.1 l.4402", "een intensieve maar waardevolle investering", "intensive; three hours on average (a call, a visit, a note) is assumed")).range(1.0, 8.0, "a phone call to a day's work").nl("uren van een coördinator voor één consult (uit het budget van die week)", "intensief; gemiddeld drie uur (een telefoontje, een bezoek, een notitie) is aangenomen", "van een telefoontje tot een dag werk"),
        ],
        /// Days from the request within which an answer counts as in time.
        answer_target_days: f64 = 5.0 => [
            key("answer_target_days", "days", "an answer within this many days of the request counts as in time", c("a working week; the study names no term")).range(2.0, 10.0, "two days to two weeks").nl("een antwoord binnen zoveel dagen na de vraag geldt als op tijd", "een werkweek; de studie noemt geen termijn", "twee dagen tot twee weken"),
        ],
        /// Days a worker waits for a consult before deciding alone.
        max_wait_days: f64 = 10.0 => [
            key("max_wait_days", "days", "a worker whose consult has not started after this many days decides alone", c("two working weeks")).range(5.0, 30.0, "a week to a month").nl("een medewerker van wie het consult na zoveel dagen nog niet is begonnen, beslist zelf", "twee werkweken", "een week tot een maand"),
        ],
        /// Probability the consult concludes opschaling when the need is real.
        upscale_share: f64 = 0.6 => [
            key("upscale_share", "probability", "for a complex case or stalled cooperation, the consult concludes opschaling (else the approach stays in the wijk with the advice)", c("advice can make opschaling unnecessary ('via advies en ondersteuning helemaal niet hadden hoeven opschalen', §5.3.1 l.2999–3000); that 60% of consults about complex or stalled cases still conclude opschaling is assumed")).range(0.3, 0.9, "a tenth to seven tenths settled in the wijk").nl("bij een complexe casus of stagnerende samenwerking leidt het consult tot opschaling (anders blijft de aanpak met het advies in de wijk)", "advies kan opschaling overbodig maken ('via advies en ondersteuning helemaal niet hadden hoeven opschalen', §5.3.1 l.2999–3000); dat 60% van de consulten over complexe of stagnerende casussen toch tot opschaling leidt, is aangenomen", "een tiende tot zeven tienden blijft in de wijk"),
        ],
        /// Probability the consult keeps an over-the-fence impulse in the wijk.
        fence_keep_share: f64 = 0.7 => [
            key("fence_keep_share", "probability", "after a consult about handing a case over, it stays in the wijk (else it is handed over all the same)", c("a consult can keep a case in the wijk (§5.3.1 l.2999–3000), but not always: the advice function is vrijblijvend (l.3001); 70% kept is assumed")).range(0.4, 0.9, "under half to most kept").nl("na een consult over het overdragen van een casus blijft die in de wijk (anders wordt hij toch overgedragen)", "een consult kan een casus in de wijk houden (§5.3.1 l.2999–3000), maar niet altijd: de adviesfunctie is vrijblijvend (l.3001); dat 70% in de wijk blijft, is aangenomen", "van minder dan de helft tot de meeste in de wijk gehouden"),
        ],
        /// Factor on the acute-incident rate of a case whose doubt advice settled.
        settled_incident_factor: f64 = 0.8 => [
            key("settled_incident_factor", "factor", "acute incidents of a complex case the consult settled in the wijk", c("the advice function 'draagt bij aan vroegtijdige signalering van complexe problematiek' (§7.1 l.4402), which is about signalling; that a case the consult settled has a fifth fewer incidents is assumed")).range(0.5, 1.0, "no effect to half").nl("acute incidenten bij een complexe casus die na het consult in de wijk is afgehandeld", "de adviesfunctie 'draagt bij aan vroegtijdige signalering van complexe problematiek' (§7.1 l.4402), en dat gaat over signalering; dat een casus die na het consult in de wijk is afgehandeld een vijfde minder incidenten heeft, is aangenomen", "geen effect tot de helft"),
        ],
        /// Gain in the team's recognition per consult it had answered.
        learning_per_consult: f64 = 0.02 => [
            key("learning_per_consult", "factor per consult", "a team recognises complex cases better after each consult (recognition x (1 + consults x this), up to learning_max)", b("§5.3.1 l.3079", "dat men samen leert", "consults build a shared interpretation; 2% per consult is assumed")).range(0.0, 0.05, "no learning up to 5% per consult").nl("een team herkent complexe casussen beter na elk consult (herkenning x (1 + consulten x deze waarde), tot learning_max)", "consulten bouwen een gedeelde interpretatie op; 2% per consult is aangenomen", "geen leereffect tot 5% per consult"),
        ],
        /// Largest gain from learning.
        learning_max: f64 = 0.5 => [
            key("learning_max", "factor", "the most a team's recognition can gain from consults", c("half again at most")).range(0.0, 1.0, "no gain to double").nl("de grootste winst in herkenning die een team uit consulten kan halen", "hoogstens de helft erbij", "geen winst tot een verdubbeling"),
        ],
        /// Probability a consult on a complex case puts VHH advice on file for ZSM.
        justice_link_prob: f64 = 0.3 => [
            key("justice_link_prob", "probability", "a consult on a complex case with a justice side leaves VHH advice on file for ZSM", b("§5.3.1 l.2994", "wanneer het linkt met justitie dan leg jij voor het wijkteam dat linkje met justitie", "the coordinator lays the link with justice; a third is assumed")).range(0.1, 0.6, "a tenth to more than half").nl("een consult over een complexe casus met een justitiële kant laat advies van het Veiligheidshuis voor ZSM in het dossier achter", "de coördinator legt de link met justitie; een derde is aangenomen", "een tiende tot meer dan de helft"),
        ],
    }
}

/// The advice function as the model uses it.
#[derive(Debug, Clone)]
pub struct AdviceParams {
    /// Advice function on.
    pub enabled: bool,
    /// P(consult on doubt), at low VHH pressure.
    pub consult_prob: f64,
    /// Early doubts about a served complex case (per hour).
    pub doubt_per_h: f64,
    /// Coordinator hours of a consult.
    pub consult_hours: Duration,
    /// In-time target (hours).
    pub answer_target_h: f64,
    /// Longest wait before deciding alone (hours).
    pub max_wait_h: f64,
    /// P(opschaling | real need).
    pub upscale_share: f64,
    /// P(kept in the wijk | no real need).
    pub fence_keep: f64,
    /// Incident factor after settled doubt.
    pub settled_factor: f64,
    /// Recognition gain per consult.
    pub learning_per_consult: f64,
    /// Largest recognition gain.
    pub learning_max: f64,
    /// P(a consult on a complex case puts advice on file for ZSM).
    pub justice_link: f64,
}

impl Advice {
    pub(crate) fn compile(&self) -> Result<AdviceParams, Invalid> {
        Ok(AdviceParams {
            enabled: self.enabled,
            consult_prob: prob("advice.consult_prob", self.consult_prob)?,
            doubt_per_h: per_year("advice.doubt_per_year", self.doubt_per_year)?,
            consult_hours: duration("advice.consult_hours", &self.consult_hours, 1.0)?,
            answer_target_h: days("advice.answer_target_days", self.answer_target_days)?,
            max_wait_h: days("advice.max_wait_days", self.max_wait_days)?,
            upscale_share: prob("advice.upscale_share", self.upscale_share)?,
            fence_keep: prob("advice.fence_keep_share", self.fence_keep_share)?,
            settled_factor: factor(
                "advice.settled_incident_factor",
                self.settled_incident_factor,
            )?,
            learning_per_consult: factor("advice.learning_per_consult", self.learning_per_consult)?,
            learning_max: factor("advice.learning_max", self.learning_max)?,
            justice_link: prob("advice.justice_link_prob", self.justice_link_prob)?,
        })
    }
}
