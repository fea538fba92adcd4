//! `[zsm]`: The ZSM table: desks, the 6-hour decision target, what a decision on a person
//! with an active case does, the 7-day track and its workload, and the desk time reading
//! context takes ("hoe voorkom je dat die uitbreiding van contextinformatie ten koste gaat
//! van de snelheid van ZSM?", §2.4 l.607).

use super::hours::{self, ALL_DAYS, Hours, calendar};
use crate::engine::{Calendar, HOURS_PER_DAY};
use crate::scenario::DurationSpec;
use crate::scenario::check::{
    Duration, Invalid, capacity, days, duration, factor, nonneg, positive, prob,
};
use crate::scenario::register::{Key, a, b, c, cal, key, p};

/// The hours of ZSM Noord-Nederland.
const HOURS: [Key; 3] = hours::rows(
    a(
        "§5.1 l.2407",
        "zeven dagen per week, twaalf uur per dag bemand",
    ),
    "",
);

section! {
    /// The ZSM table.
    pub struct Zsm {
        /// Parallel desks (staffed decision positions).
        desks: u32 = 6 => [
            key("desks", "count", "parallel decision desks at the ZSM table", cal("so that most decisions meet the 6-hour aim (§2.3 l.531 states the aim, not how often it is met) with about 55 cases a day")).range(4.0, 10.0, "four to ten staffed positions").nl("parallelle beslisplekken aan de ZSM-tafel", "geijkt op de aanname dat de doelstelling van zes uur (§2.3 l.531 noemt de doelstelling, niet hoe vaak die wordt gehaald) meestal wordt gehaald, bij ongeveer 55 zaken per dag", "vier tot tien bemande plekken"),
        ],
        /// Desk time to decide one case (hours).
        service_hours: DurationSpec = DurationSpec::lognormal(1.0, 0.8) => [
            key("service_hours", "hours", "desk time per decision, reading context not included", b("§5.2.1 l.2666", "die mensen honderd zaken op een dag afhandelen", "many cases a day at a few desks: about an hour each is assumed")).range(0.5, 2.0, "half an hour to two hours").nl("behandeltijd per beslissing, zonder het lezen van context", "veel zaken per dag aan een paar beslisplekken: ongeveer een uur per zaak is aangenomen", "een half uur tot twee uur"),
        ],
        /// Target from arrival (or opening) to decision (hours).
        decision_target_hours: f64 = 6.0 => [
            key("decision_target_hours", "hours", "decision target from arrival or opening", a("§2.3 l.531", "binnen de wettelijke termijn van zes uur")).nl("beslistermijn vanaf binnenkomst of opening", "", ""),
        ],
        /// Share of unknown suspects who are complex.
        unknown_complex_prob: f64 = 0.03 => [
            key("unknown_complex_prob", "probability", "share of suspects unknown to the social domain who are complex", c("a few percent")).range(0.01, 0.1, "one in 100 to one in 10").nl("aandeel van de verdachten die niet bekend zijn in het sociaal domein en complex zijn", "enkele procenten", "één op de 100 tot één op de 10"),
        ],
        /// Share of unknown suspects living in this VHH's region.
        unknown_in_region_share: f64 = 0.38 => [
            key("unknown_in_region_share", "share", "unknown suspects living in this VHH's region", p("2015", "Fryslân about 646,000 of Noord-Nederland's 1.71 million inhabitants (CBS); ZSM Noord-Nederland serves three VHHs (§5.1 l.2410)")).range(0.3, 0.45, "population share, give or take crime rates").nl("onbekende verdachten die in de regio van dit Veiligheidshuis wonen", "Fryslân ongeveer 646.000 van de 1,71 miljoen inwoners van Noord-Nederland (CBS); ZSM Noord-Nederland werkt voor drie Veiligheidshuizen (§5.1 l.2410)", "aandeel in de bevolking, plus of min verschillen in criminaliteit"),
        ],
        /// Probability a complex known person is upgraded to a 7-day case, fully informed.
        upgrade_prob_informed: f64 = 0.5 => [
            key("upgrade_prob_informed", "probability", "a complex person with an active case is upgraded to a 7-day case when ZSM decides with well-fitting context (with fit f: blind + f x (informed - blind))", b("§2.4 l.605", "veel meer zaken uit praktische overweging moeten worden opgeschaald van een zes-uurs- naar een zeven-dagen-zaak", "context changes decisions ('had ik een andere beslissing gemaakt', l.596–597) and asking for it means more 7-day cases; half upgraded is assumed")).range(0.3, 0.8, "a third to most").nl("een complexe persoon met een lopende casus wordt opgeschaald naar een zeven-dagen-zaak als ZSM beslist met goed aansluitende context (bij aansluiting f: blind + f x (informed - blind))", "context verandert beslissingen ('had ik een andere beslissing gemaakt', l.596–597) en erom vragen betekent meer zeven-dagen-zaken; dat de helft wordt opgeschaald, is aangenomen", "een derde tot de meeste"),
        ],
        /// Same, when the decision is blind.
        upgrade_prob_blind: f64 = 0.2 => [
            key("upgrade_prob_blind", "probability", "same, when ZSM decides without context", c("without context fewer persons are seen as complex")).range(0.05, 0.4, "one in 20 to two in 5").nl("hetzelfde, als ZSM zonder context beslist", "zonder context worden minder personen als complex gezien", "één op de 20 tot twee op de 5"),
        ],
        /// Days of the 7-day track, after which a referral reaches the VHH.
        upgrade_days: f64 = 7.0 => [
            key("upgrade_days", "days", "length of the 7-day track; a referral reaches the VHH at its end", b("§2.3 l.534", "kan een casus worden opgeschaald naar een zeven-dagen-zaak en eventueel worden doorverwezen", "a track of up to seven days; the referral arriving at its end is an interpretation")).range(1.0, 7.0, "a day to the whole week").nl("duur van het zeven-dagen-traject; een doorverwijzing bereikt het Veiligheidshuis aan het einde ervan", "een traject van hoogstens zeven dagen; dat de doorverwijzing aan het einde aankomt, is een interpretatie", "een dag tot de hele week"),
        ],
        /// Desk time a 7-day case takes at the table.
        seven_day_hours: DurationSpec = DurationSpec::gamma(3.0, 0.5) => [
            key("seven_day_hours", "hours", "extra desk time a 7-day case takes at the ZSM table", b("§2.4 l.605", "veel meer zaken uit praktische overweging moeten worden opgeschaald van een zes-uurs- naar een zeven-dagen-zaak", "7-day cases cost ZSM capacity; three hours is assumed")).range(1.0, 8.0, "an hour to a day").nl("extra behandeltijd die een zeven-dagen-zaak aan de ZSM-tafel kost", "zeven-dagen-zaken kosten capaciteit bij ZSM; drie uur is aangenomen", "een uur tot een dag"),
        ],
        /// Probability an upgraded complex case is referred to the VHH.
        referral_prob: f64 = 0.10 => [
            key("referral_prob", "probability", "an upgraded complex case is referred to the VHH", cal("ZSM->VHH referrals 'op één of twee handen te tellen' a year (A, §5.2.1 l.2649)")).range(0.05, 0.15, "one in 20 to three in 20: referrals 'op één of twee handen te tellen' (§5.2.1 l.2649)").nl("een opgeschaalde complexe zaak wordt doorverwezen naar het Veiligheidshuis", "doorverwijzingen van ZSM naar het Veiligheidshuis: 'op één of twee handen te tellen' per jaar (A, §5.2.1 l.2649)", "één op de 20 tot drie op de 20: verwijzingen 'op één of twee handen te tellen' (§5.2.1 l.2649)"),
        ],
        /// Incident-rate factor after a fully informed decision on a known person.
        informed_effect: f64 = 0.6 => [
            key("informed_effect", "factor", "acute incidents after a decision with well-fitting context (with fit f: 1 - f x (1 - this))", b("§2.4 l.599", "een bredere koppeling tussen sociaal domein en veiligheidsdomein tot betekenisvollere interventies kan leiden", "in a Haarlem pilot ten ZSM cases were reviewed afterwards with context, and in all ten the officier van justitie said he would have decided differently (l.595–597); that a more meaningful decision lowers the risk by 40% is assumed")).range(0.4, 0.9, "a tenth to more than half lower").nl("acute incidenten na een beslissing met goed aansluitende context (bij aansluiting f: 1 - f x (1 - deze waarde))", "in een Haarlemse pilot zei de officier van justitie achteraf bij alle tien teruggehaalde zaken 'op basis van deze informatie had ik een andere beslissing gemaakt' (l.595–597); dat een betekenisvollere beslissing het risico met 40% verlaagt, is aangenomen", "een tiende tot meer dan de helft lager"),
        ],
        /// Incident-rate factor after a blind decision on a complex known person.
        blind_effect: f64 = 1.3 => [
            key("blind_effect", "factor", "acute incidents after a decision without context on a complex person", c("a decision that cuts across the approach raises the risk")).range(1.0, 2.0, "no effect to double").nl("acute incidenten na een beslissing zonder context over een complexe persoon", "een beslissing die de aanpak doorkruist, verhoogt het risico", "geen effect tot een verdubbeling"),
        ],
        /// Days a decision's effect lasts.
        effect_days: f64 = 90.0 => [
            key("effect_days", "days", "how long a decision's effect on acute incidents lasts", c("about three months")).range(30.0, 180.0, "a month to half a year").nl("hoe lang het effect van een beslissing op acute incidenten duurt", "ongeveer drie maanden", "een maand tot een half jaar"),
        ],
        /// Desk time to read VHH context in a bridged system (BVH).
        read_hours_bridged: f64 = 0.5 => [
            key("read_hours_bridged", "hours", "desk time reading context in the police system BVH (bridged)", b("§5.2.1 l.2564", "Er worden wel meer mutaties in [BVH] gezet en dan daal je helemaal naar beneden", "scrolling through mutations; half an hour is assumed")).range(0.2, 1.0, "a quarter to an hour").nl("behandeltijd voor het lezen van context in het politiesysteem BVH (gekoppelde systemen)", "scrollen door mutaties; een half uur is aangenomen", "een kwartier tot een uur"),
        ],
        /// Same, one shared system made for it (GCOS).
        read_hours_shared: f64 = 0.25 => [
            key("read_hours_shared", "hours", "desk time reading context in one shared system made for it (GCOS)", b("§5.2.1 l.2506", "Landelijk wordt gepleit voor GCOS; dat is daar voor gemaakt", "made for it, so quicker; a quarter of an hour is assumed")).range(0.1, 0.5, "minutes to half an hour").nl("behandeltijd voor het lezen van context in één gedeeld systeem dat daarvoor gemaakt is (GCOS)", "daarvoor gemaakt, dus sneller; een kwartier is aangenomen", "enkele minuten tot een half uur"),
        ],
        /// Same, joint registration at the table.
        read_hours_joint: f64 = 0.1 => [
            key("read_hours_joint", "hours", "desk time reading context with joint registration at the table", c("the information sits with the case file")).range(0.05, 0.3, "a few minutes to a quarter of an hour").nl("behandeltijd voor het lezen van context bij gezamenlijke registratie aan tafel", "de informatie zit bij het dossier", "enkele minuten tot een kwartier"),
        ],
        /// Waiting suspects at which ZSM reads context half as often.
        pressure_queue: f64 = 10.0 => [
            key("pressure_queue", "suspects waiting", "with this many suspects waiting, ZSM reads context half as often (reading x 1 / (1 + waiting / this)); 0 = no effect", b("§5.2.1 l.2480", "de mensen hebben geen tijd om te kijken: waar komt iemand vandaan?", "time pressure at the table; halving at ten waiting is assumed")).range(0.0, 30.0, "no effect to halving at thirty waiting").nl("bij zoveel wachtende verdachten leest ZSM half zo vaak context (lezen x 1 / (1 + wachtenden / deze waarde)); 0 = geen effect", "tijdsdruk aan tafel; halvering bij tien wachtenden is aangenomen", "geen effect tot halvering bij dertig wachtenden"),
        ],
        /// Opening hours.
        hours: Hours = Hours::new(&ALL_DAYS, "08:00", "20:00") => [
            HOURS[0],
            HOURS[1],
            HOURS[2],
        ],
    }
}

/// The ZSM table as the model uses it (the rules that combine these with the information
/// links live in `model::zsm`).
#[derive(Debug, Clone)]
pub struct ZsmParams {
    /// Desks.
    pub desks: u32,
    /// Desk time per decision.
    pub service: Duration,
    /// Decision target (hours).
    pub target_h: f64,
    /// P(unknown suspect complex).
    pub unknown_complex: f64,
    /// P(unknown suspect in this region).
    pub region_share: f64,
    /// P(upgrade | informed, fit 1).
    pub upgrade_informed: f64,
    /// P(upgrade | blind).
    pub upgrade_blind: f64,
    /// 7-day track length (hours).
    pub upgrade_track_h: f64,
    /// Desk time of a 7-day case.
    pub seven_day: Duration,
    /// P(referral | upgraded), before a contact person.
    pub referral_prob: f64,
    /// Incident factor after an informed decision, fit 1.
    pub informed_effect: f64,
    /// Incident factor after a blind decision on a complex person.
    pub blind_effect: f64,
    /// Effect length (hours).
    pub effect_h: f64,
    /// Reading time per system: bridged, shared, joint (hours).
    pub read_hours: [f64; 3],
    /// Waiting suspects at which reading halves (0 = no effect).
    pub pressure_queue: f64,
    /// Opening hours.
    pub hours: Calendar,
}

impl ZsmParams {
    /// How much of its reading ZSM keeps with `waiting` suspects in line.
    pub fn reading_factor(&self, waiting: u32) -> f64 {
        if self.pressure_queue <= 0.0 {
            1.0
        } else {
            1.0 / (1.0 + f64::from(waiting) / self.pressure_queue)
        }
    }
}

impl Zsm {
    pub(crate) fn compile(&self) -> Result<ZsmParams, Invalid> {
        let hours_of = |key: &str, v: f64| -> Result<f64, Invalid> {
            days(key, nonneg(key, v)? / HOURS_PER_DAY)
        };
        Ok(ZsmParams {
            desks: capacity("zsm.desks", self.desks, 100_000)?,
            service: duration("zsm.service_hours", &self.service_hours, 1.0)?,
            target_h: days(
                "zsm.decision_target_hours",
                positive("zsm.decision_target_hours", self.decision_target_hours)? / HOURS_PER_DAY,
            )?,
            unknown_complex: prob("zsm.unknown_complex_prob", self.unknown_complex_prob)?,
            region_share: prob("zsm.unknown_in_region_share", self.unknown_in_region_share)?,
            upgrade_informed: prob("zsm.upgrade_prob_informed", self.upgrade_prob_informed)?,
            upgrade_blind: prob("zsm.upgrade_prob_blind", self.upgrade_prob_blind)?,
            upgrade_track_h: days("zsm.upgrade_days", self.upgrade_days)?,
            seven_day: duration("zsm.seven_day_hours", &self.seven_day_hours, 1.0)?,
            referral_prob: prob("zsm.referral_prob", self.referral_prob)?,
            informed_effect: factor("zsm.informed_effect", self.informed_effect)?,
            blind_effect: factor("zsm.blind_effect", self.blind_effect)?,
            effect_h: days("zsm.effect_days", self.effect_days)?,
            read_hours: [
                hours_of("zsm.read_hours_bridged", self.read_hours_bridged)?,
                hours_of("zsm.read_hours_shared", self.read_hours_shared)?,
                hours_of("zsm.read_hours_joint", self.read_hours_joint)?,
            ],
            pressure_queue: nonneg("zsm.pressure_queue", self.pressure_queue)?,
            hours: calendar("zsm.hours", &self.hours)?,
        })
    }
}
