//! `[vhh]`: The Veiligheidshuis: its coordinators' one budget of hours for procesregie and
//! advice ("zowel met onze advies- als regierol", §5.3.4 l.3345), the maatwerkoverleg, the
//! plan and afschaling.

use serde::{Deserialize, Serialize};

use super::hours::{self, Hours, calendar};
use crate::both;
use crate::engine::{Calendar, HOURS_PER_DAY};
use crate::format::message as number;
use crate::scenario::DurationSpec;
use crate::scenario::check::{Duration, Invalid, bad, capacity, duration, positive, prob};
use crate::scenario::register::{Key, b, c, cal, key, p};

/// Which of the VHH's two roles waits when the budget is full.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GivesWay {
    /// Consults wait while cases wait for procesregie.
    Advice,
    /// Cases wait for procesregie while consults wait.
    Procesregie,
}

/// Meetings and plans are made in the VHH's office hours.
const HOURS: [Key; 3] = hours::rows(
    b(
        "§5.2.4 l.2684",
        "kantoortijden voor het Veiligheidshuis",
        "Monday to Friday 08:30-17:00 is assumed",
    ),
    "maandag tot en met vrijdag 08:30-17:00 is aangenomen",
);

section! {
    /// The Veiligheidshuis.
    pub struct Vhh {
        /// Coordinators (procescoördinatoren) for cases.
        coordinators: u32 = 4 => [
            key("coordinators", "count", "procescoördinatoren who take procesregie and give advice", c("a fixed budget ('we hebben een budget en daar moeten we het mee doen', §5.3.4 l.3351); four for the Leeuwarden share of the work is assumed")).range(3.0, 6.0, "three to six").nl("procescoördinatoren die procesregie voeren en advies geven", "een vast budget ('we hebben een budget en daar moeten we het mee doen', §5.3.4 l.3351); vier voor het Leeuwarder deel van het werk is aangenomen", "drie tot zes"),
        ],
        /// Hours a week each coordinator has for cases.
        hours_per_week: f64 = 32.0 => [
            key("hours_per_week", "hours/week", "hours a week each procescoördinator has for procesregie and advice", c("of a 36-hour week, the rest goes to meetings, network and administration")).range(24.0, 36.0, "two thirds to all of a working week").nl("uren per week die elke procescoördinator heeft voor procesregie en advies", "van een werkweek van 36 uur; de rest gaat naar overleg, netwerk en administratie", "twee derde tot een hele werkweek"),
        ],
        /// Coordinator hours a week one case in procesregie takes.
        procesregie_hours_per_week: f64 = 2.0 => [
            key("procesregie_hours_per_week", "hours/week", "coordinator hours a week one case under VHH procesregie takes (maatwerkoverleg included)", cal("today's capacity is sufficient (B, §5.3.4 l.3347): the budget well below full")).range(1.0, 4.0, "an hour to half a day a week").nl("uren per week van een coördinator voor één casus onder procesregie van het Veiligheidshuis (maatwerkoverleg inbegrepen)", "de huidige capaciteit is voldoende (B, §5.3.4 l.3347): het budget ruim onder vol", "een uur tot een halve dag per week"),
        ],
        /// Which role waits when the budget is full.
        gives_way: GivesWay = GivesWay::Advice => [
            key("gives_way", "advice | procesregie", "which role waits first when the budget is full", c("the study does not say which gives way first; only that informal contact erodes under pressure (§5.3.4 l.3361)")).nl("welke rol als eerste wacht als het budget vol is", "de studie zegt niet welke als eerste wijkt; alleen dat informeel contact onder druk afbrokkelt (§5.3.4 l.3361)", ""),
        ],
        /// Budget pressure above which informal contact starts to erode.
        pressure_threshold: f64 = 0.8 => [
            key("pressure_threshold", "share of budget", "pressure (hours held / budget) above which informal contact starts to erode", c("coordinators keep their informal contact until the budget is mostly held")).range(0.5, 0.95, "half full to nearly full").nl("druk (bezette uren / budget) waarboven informeel contact begint af te brokkelen", "coördinatoren houden hun informele contact vast tot het budget grotendeels bezet is", "halfvol tot bijna vol"),
        ],
        /// How much informal contact is lost at a full budget.
        informal_erosion: f64 = 0.5 => [
            key("informal_erosion", "share", "share of informal contact lost at a full budget (consults asked, coordinators' calls to ZSM), linear from the threshold", b("§5.3.4 l.3361", "ten koste kan gaan van de informele afstemming", "pressure erodes informal contact; half at a full budget is assumed")).range(0.2, 0.9, "a fifth to most").nl("aandeel informeel contact dat bij een vol budget verloren gaat (gevraagde consulten, telefoontjes van coördinatoren naar ZSM), lineair vanaf de drempel", "druk tast informeel contact aan; de helft bij een vol budget is aangenomen", "een vijfde tot het meeste"),
        ],
        /// Office hours from the start of procesregie to the maatwerkoverleg.
        meeting_within_hours: DurationSpec = DurationSpec::triangular(4.0, 16.0, 40.0) => [
            key("meeting_within_hours", "office hours", "from the start of procesregie to the maatwerkoverleg", c("planned within a few office days; 'Als je zegt: we moeten binnen 24 uur om tafel, dan wordt dat ook gerealiseerd' (§5.3.2 l.3248) shows the willingness when it is urgent, not a term")).range(4.0, 80.0, "half an office day to two weeks").nl("van de start van de procesregie tot het maatwerkoverleg", "gepland binnen enkele kantoordagen; 'Als je zegt: we moeten binnen 24 uur om tafel, dan wordt dat ook gerealiseerd' (§5.3.2 l.3248) laat de bereidheid zien als het urgent is, geen termijn", "een halve kantoordag tot twee weken"),
        ],
        /// Days to design the plan after the meeting.
        plan_days: DurationSpec = DurationSpec::gamma(28.0, 0.5) => [
            key("plan_days", "days", "designing the plan after the maatwerkoverleg", c("about four weeks")).range(14.0, 60.0, "two weeks to two months").nl("het opstellen van het plan na het maatwerkoverleg", "ongeveer vier weken", "twee weken tot twee maanden"),
        ],
        /// Probability the wijkteam does not accept the plan at once.
        plan_rejection_prob: f64 = 0.15 => [
            key("plan_rejection_prob", "probability", "at afschaling the wijkteam does not take the plan over at once", b("§5.3.1 l.3080", "het wijkteam nog wel eens het advies niet overneemt", "friction at afschaling; 15% is assumed")).range(0.05, 0.4, "one in 20 to two in 5").nl("bij afschaling neemt het wijkteam het plan niet meteen over", "frictie bij afschaling; 15% is aangenomen", "één op de 20 tot twee op de 5"),
        ],
        /// Delay when the plan is not accepted (days).
        friction_days: DurationSpec = DurationSpec::gamma(14.0, 0.7) => [
            key("friction_days", "days", "delay when the wijkteam does not take the plan over at once", b("§5.3.1 l.3083", "dan werkt dat vertragend", "a plan of action is asked first; two weeks is assumed")).range(5.0, 30.0, "a week to a month").nl("vertraging als het wijkteam het plan niet meteen overneemt", "eerst wordt om een plan van aanpak gevraagd; twee weken is aangenomen", "een week tot een maand"),
        ],
        /// Share of cases the VHH keeps in AVE 3 until resolved.
        keep_until_resolved_share: f64 = 0.10 => [
            key("keep_until_resolved_share", "share", "cases the VHH keeps under procesregie until they resolve", b("§5.1 l.2420", "in principe zelf geen operationele verantwoordelijkheid", "in principle the VHH hands cases back; a tenth kept is assumed")).range(0.0, 0.3, "none to almost a third").nl("casussen die het Veiligheidshuis onder procesregie houdt tot ze zijn opgelost", "in principe draagt het Veiligheidshuis casussen terug over; dat een tiende blijft, is aangenomen", "geen tot bijna een derde"),
        ],
        /// Share of direct and ZSM-referred VHH cases that live in this municipality.
        local_share: f64 = 0.17 => [
            key("local_share", "share", "direct VHH cases and ZSM referrals that live in this municipality (the others belong to the other municipalities the VHH serves)", p("2015", "Leeuwarden about 108,000 of Fryslân's 646,000 inhabitants (CBS)")).range(0.1, 0.4, "population share, give or take crime rates").nl("rechtstreekse casussen bij het Veiligheidshuis en doorverwijzingen door ZSM van inwoners van deze gemeente (de rest hoort bij de andere gemeenten waarvoor het Veiligheidshuis werkt)", "Leeuwarden ongeveer 108.000 van de 646.000 inwoners van Fryslân (CBS)", "aandeel in de bevolking, plus of min verschillen in criminaliteit"),
        ],
        /// Share of the municipality's own cases that go to a wijkteam after the VHH's round.
        back_to_wijk_share: f64 = 0.9 => [
            key("back_to_wijk_share", "share", "of this municipality's direct cases, those that go to a wijkteam after the VHH's round (the rest go back to the first line that brought them)", b("§5.3.2 l.3127", "Het moet altijd weer terug naar de wijk", "one procescoördinator's principle, and 'in principe' (§5.1 l.2420): 90% is assumed")).range(0.6, 0.95, "most, not all: back to the wijk is a principle (§5.3.1 l.2420), with friction at hand-back (l.3080-3083)").nl("van de rechtstreekse casussen uit deze gemeente het deel dat na de ronde van het Veiligheidshuis naar een wijkteam gaat (de rest gaat terug naar de eerste lijn die ze aanbracht)", "het principe van één procescoördinator, en 'in principe' (§5.1 l.2420): 90% is aangenomen", "het merendeel, niet alle: terug naar de wijk is een principe (§5.3.1 l.2420), met wrijving bij de teruggave (l.3080-3083)"),
        ],
        /// Share of cases referred by ZSM that go back to ketenpartners instead of the wijk.
        justice_to_ketenpartner_share: f64 = 0.5 => [
            key("justice_to_ketenpartner_share", "share", "of this municipality's cases ZSM referred, those that go to ketenpartners (reclassering, youth protection) instead of a wijkteam after the VHH's round", c("cases from the justice side often stay with justice partners")).range(0.2, 0.8, "a fifth to most").nl("van de door ZSM doorverwezen casussen uit deze gemeente het deel dat na de ronde van het Veiligheidshuis naar ketenpartners gaat (reclassering, jeugdbescherming) in plaats van naar een wijkteam", "casussen van de justitiekant blijven vaak bij justitiële partners", "een vijfde tot het merendeel"),
        ],
        /// Office hours in which procesregie starts and meetings are held.
        hours: Hours = Hours::office() => [
            HOURS[0],
            HOURS[1],
            HOURS[2],
        ],
    }
}

/// The Veiligheidshuis as the model uses it.
#[derive(Debug, Clone)]
pub struct VhhParams {
    /// Number of coordinators.
    pub coordinators: u32,
    /// The budget (hours a week, all coordinators).
    pub budget: f64,
    /// Hours a week one case under procesregie takes.
    pub procesregie_hours: f64,
    /// Which role waits when the budget is full.
    pub gives_way: GivesWay,
    /// Pressure above which informal contact erodes.
    pub pressure_threshold: f64,
    /// Share of informal contact lost at a full budget.
    pub informal_erosion: f64,
    /// Office hours from procesregie to the meeting.
    pub meeting: Duration,
    /// Plan design time.
    pub plan: Duration,
    /// P(plan not taken over at once).
    pub rejection_prob: f64,
    /// Friction delay.
    pub friction: Duration,
    /// Share kept until resolved.
    pub keep_share: f64,
    /// P(a direct or referred case lives in this municipality).
    pub local_share: f64,
    /// P(a local direct case goes to the wijk afterwards).
    pub back_to_wijk: f64,
    /// P(a case from ZSM goes back to ketenpartners).
    pub justice_to_ketenpartner: f64,
    /// Office hours.
    pub hours: Calendar,
}

impl VhhParams {
    /// Informal contact left at budget pressure `pressure` (1 below the threshold).
    pub fn informal_factor(&self, pressure: f64) -> f64 {
        let t = self.pressure_threshold;
        if pressure <= t || t >= 1.0 {
            return 1.0;
        }
        let over = ((pressure - t) / (1.0 - t)).min(1.0);
        1.0 - self.informal_erosion * over
    }
}

impl Vhh {
    pub(crate) fn compile(&self) -> Result<VhhParams, Invalid> {
        let coordinators = capacity("vhh.coordinators", self.coordinators, 100_000)?;
        let hours = positive("vhh.hours_per_week", self.hours_per_week)?;
        if hours > 168.0 {
            return Err(bad("vhh.hours_per_week", {
                let v = number(hours);
                both!(
                    "is the hours a week each coordinator has: at most 168, got {v}",
                    "is het aantal uren per week van elke coördinator: hoogstens 168, gegeven {v}"
                )
            }));
        }
        let per_case = positive(
            "vhh.procesregie_hours_per_week",
            self.procesregie_hours_per_week,
        )?;
        if per_case > 168.0 {
            return Err(bad("vhh.procesregie_hours_per_week", {
                let v = number(per_case);
                both!(
                    "at most 168 hours a week, got {v}",
                    "hoogstens 168 uur per week, gegeven {v}"
                )
            }));
        }
        Ok(VhhParams {
            coordinators,
            budget: f64::from(coordinators) * hours,
            procesregie_hours: per_case,
            gives_way: self.gives_way,
            pressure_threshold: prob("vhh.pressure_threshold", self.pressure_threshold)?,
            informal_erosion: prob("vhh.informal_erosion", self.informal_erosion)?,
            meeting: duration("vhh.meeting_within_hours", &self.meeting_within_hours, 1.0)?,
            plan: duration("vhh.plan_days", &self.plan_days, HOURS_PER_DAY)?,
            rejection_prob: prob("vhh.plan_rejection_prob", self.plan_rejection_prob)?,
            friction: duration("vhh.friction_days", &self.friction_days, HOURS_PER_DAY)?,
            keep_share: prob(
                "vhh.keep_until_resolved_share",
                self.keep_until_resolved_share,
            )?,
            local_share: prob("vhh.local_share", self.local_share)?,
            back_to_wijk: prob("vhh.back_to_wijk_share", self.back_to_wijk_share)?,
            justice_to_ketenpartner: prob(
                "vhh.justice_to_ketenpartner_share",
                self.justice_to_ketenpartner_share,
            )?,
            hours: calendar("vhh.hours", &self.hours)?,
        })
    }
}
