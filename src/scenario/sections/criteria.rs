//! `[criteria]`: How wijkteams decide to scale up (op- en afschalingscriteria), as numeric
//! factors that can be set one by one, with presets for convenience.
//!
//! Without agreed criteria wijkteams "houden casuïstiek te lang binnen of gooien het te snel
//! over de schutting" (§6.7 l.4214): criteria cut both ways, so a preset sets recognition,
//! adherence and the over-the-fence rate together. AVE in 2015 was criteria op hoofdlijnen
//! that teams were still learning ("geen exact punt … ervaring, gevoel, inschatting",
//! §5.3.1 l.3038), so its adherence is modest and differs per team. A key set in the
//! scenario overrides the preset's value.

use serde::{Deserialize, Serialize};

use crate::both;
use crate::format::message as number;
use crate::scenario::check::{Invalid, bad, factor, nonneg, per_year, prob};
use crate::scenario::register::{b, c, key};

/// A set of criteria values for convenience.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Preset {
    /// AVE as Leeuwarden used it in 2015: agreed phases and criteria op hoofdlijnen, the
    /// daily briefing, still being learnt.
    Ave,
    /// No agreed criteria: judgement case by case.
    Informal,
    /// No opschaling before an acute incident ("een casus vaak te hoog moeten insteken").
    CrisisOnly,
}

impl Preset {
    /// Its name in scenario files.
    pub fn name(self) -> &'static str {
        match self {
            Preset::Ave => "ave",
            Preset::Informal => "informal",
            Preset::CrisisOnly => "crisis_only",
        }
    }

    /// The values this preset gives the keys a scenario leaves unset.
    pub fn values(self) -> PresetValues {
        match self {
            Preset::Ave => PresetValues {
                in_use: true,
                recognition_per_year: 1.0,
                adherence: 0.7,
                over_the_fence_per_year: 0.004,
                self_notice_per_year: 2.0,
                briefing_notice: 0.03,
                afschaling_friction: 1.0,
            },
            Preset::Informal => PresetValues {
                in_use: false,
                recognition_per_year: 0.6,
                adherence: 0.5,
                over_the_fence_per_year: 0.012,
                self_notice_per_year: 1.0,
                briefing_notice: 0.005,
                afschaling_friction: 1.5,
            },
            Preset::CrisisOnly => PresetValues {
                in_use: false,
                recognition_per_year: 0.0,
                adherence: 0.0,
                over_the_fence_per_year: 0.0,
                self_notice_per_year: 0.0,
                briefing_notice: 0.0,
                afschaling_friction: 1.5,
            },
        }
    }
}

/// The values of a preset.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PresetValues {
    /// AVE is the region's agreed model (bestuurlijk levels per phase apply).
    pub in_use: bool,
    /// Recognition of a served complex case (per year).
    pub recognition_per_year: f64,
    /// P(a worker acts on a recognition or a noticed stall).
    pub adherence: f64,
    /// Hand-overs of served non-complex cases too early (per year).
    pub over_the_fence_per_year: f64,
    /// The worker notices stalled cooperation (per year).
    pub self_notice_per_year: f64,
    /// P(the teamleider picks up a stalled case at one daily briefing), mean over teams.
    pub briefing_notice: f64,
    /// Factor on `vhh.plan_rejection_prob`: friction at afschaling.
    pub afschaling_friction: f64,
}

/// The keys the preset fills, in the order of the struct.
pub const PRESET_KEYS: [&str; 7] = [
    "in_use",
    "recognition_per_year",
    "adherence",
    "over_the_fence_per_year",
    "self_notice_per_year",
    "briefing_notice",
    "afschaling_friction",
];

section! {
    /// How wijkteams decide to scale up.
    pub struct Criteria {
        /// `ave`, `informal` or `crisis_only`: the values of the keys left unset.
        preset: Preset = Preset::Ave => [
            key("preset", "ave | informal | crisis_only", "which set of criteria values the keys left unset take", b("§6.7 l.4214", "houden casuïstiek te lang binnen of gooien het te snel over de schutting", "AVE in Leeuwarden since 1 January 2015 (§5.3 l.2799); most regions without agreed criteria (§6.7 l.4205); Hollands Midden scales up only after escalation (§6.4)")).nl("welke set criteriawaarden de niet ingevulde instellingen krijgen", "AVE in Leeuwarden sinds 1 januari 2015 (§5.3 l.2799); de meeste regio's zonder afgesproken criteria (§6.7 l.4205); Hollands Midden schaalt pas op na escalatie (§6.4)", ""),
        ],
        /// AVE is the region's agreed model: outputs per bestuurlijk level apply.
        in_use: Option<bool> = None => [
            key("in_use", "switch", "AVE is the agreed model here: AVE 2 under the wethouder, AVE 3 the college, AVE 4 the burgemeester and the driehoek", b("§5.3 l.2810", "heeft de wethouder sociaal domein, welzijn of jeugd de bestuurlijke verantwoordelijkheid", "only where AVE is used; preset ave: true, informal and crisis_only: false")).nl("AVE is hier het afgesproken model: AVE 2 onder de wethouder, AVE 3 onder het college, AVE 4 onder de burgemeester en de driehoek", "alleen waar AVE wordt gebruikt; preset ave: true, informal en crisis_only: false", ""),
        ],
        /// Rate at which a served complex case is recognised as one (per year, team skill 1).
        recognition_per_year: Option<f64> = None => [
            key("recognition_per_year", "per year", "a served complex case is recognised as complex", b("§7.3 l.4928", "dat sociale wijkteams casuïstiek niet te lang bij zich houden", "agreed criteria help teams see when to scale up (also §6.7 l.4162–4163), though there is 'geen exact punt' (§5.3.1 l.3038), so the size is assumed: preset ave / informal / crisis_only: 1.0 / 0.6 / 0 a year")).range(0.3, 3.0, "within four months to three years").nl("een complexe casus in behandeling bij het wijkteam wordt als complex herkend", "afgesproken criteria helpen teams te zien wanneer ze moeten opschalen (ook §6.7 l.4162–4163), al is er 'geen exact punt' (§5.3.1 l.3038), dus de grootte is aangenomen: preset ave / informal / crisis_only: 1.0 / 0.6 / 0 per jaar", "binnen vier maanden tot drie jaar"),
        ],
        /// Probability that a worker acts on a recognition or a stall they noticed.
        adherence: Option<f64> = None => [
            key("adherence", "probability", "a worker acts on a recognition or a stall they noticed (mean over teams)", b("§5.3.1 l.3020", "En zo sturen we daar op aan, dat je de casus niet bij jezelf houdt", "AVE steers against keeping cases, but in 2015 it was criteria op hoofdlijnen still being learnt ('ervaring, gevoel, inschatting', l.3039), so modest: preset ave / informal / crisis_only: 0.7 / 0.5 / 0")).range(0.4, 0.95, "from half-hearted to firm criteria").nl("een medewerker handelt naar een herkenning of een stagnatie die hij heeft opgemerkt (gemiddeld over de teams)", "AVE stuurt erop aan dat je casussen niet bij jezelf houdt, maar in 2015 waren het nog criteria op hoofdlijnen waarmee men leerde werken ('ervaring, gevoel, inschatting', l.3039), dus bescheiden: preset ave / informal / crisis_only: 0.7 / 0.5 / 0", "van halfslachtige tot stevige criteria"),
        ],
        /// Spread of adherence across teams (sd of a log factor, mean 1; capped at 1).
        adherence_sd: f64 = 0.3 => [
            key("adherence_sd", "sd of log factor", "how much teams differ in acting on the criteria", b("§5.3.2 l.3131", "De verschillen tussen de wijkteams worden door medewerkers van het Veiligheidshuis als groot ervaren", "large differences; the spread is assumed")).range(0.0, 0.6, "no difference up to a factor of about 2 between teams").nl("hoeveel teams verschillen in het handelen naar de criteria", "grote verschillen; de spreiding is aangenomen", "geen verschil tot ongeveer een factor 2 tussen teams"),
        ],
        /// Rate at which a served non-complex case is handed over too early (per year).
        over_the_fence_per_year: Option<f64> = None => [
            key("over_the_fence_per_year", "per year", "a served case (complex or not) is handed to the VHH too early ('over de schutting'), before the wijkteam has done its own part", b("§6.7 l.4214", "gooien het te snel over de schutting", "criteria cut both ways; preset ave / informal / crisis_only: 0.004 / 0.012 / 0 a year (three times as often without criteria is assumed)")).range(0.002, 0.03, "one in 500 to one in 30 served families a year").nl("een casus in behandeling bij het wijkteam (complex of niet) gaat te vroeg naar het Veiligheidshuis ('over de schutting'), voordat het wijkteam zijn eigen deel heeft gedaan", "criteria werken twee kanten op; preset ave / informal / crisis_only: 0.004 / 0.012 / 0 per jaar (drie keer zo vaak zonder criteria is aangenomen)", "één op de 500 tot één op de 30 geholpen gezinnen per jaar"),
        ],
        /// Factor per unit of inexperienced share on the over-the-fence rate.
        inexperience_lift: f64 = 2.0 => [
            key("inexperience_lift", "factor", "how much more new or young workers hand over too early (rate x (1 + lift x wijkteam.inexperienced_share))", b("§5.3.2 l.3139", "mensen zijn die schrikken en zeggen: dit moet toch niet mogen, dit moeten we nu opschalen", "new workers scale up out of fright; tripling for an all-new team is assumed")).range(0.0, 4.0, "no effect to five times for an all-new team").nl("hoeveel vaker nieuwe of jonge medewerkers te vroeg overdragen (frequentie x (1 + lift x wijkteam.inexperienced_share))", "nieuwe medewerkers schalen op uit schrik; een verdrievoudiging voor een geheel nieuw team is aangenomen", "geen effect tot vijf keer zo vaak voor een geheel nieuw team"),
        ],
        /// Rate at which the worker notices stalled cooperation (per year).
        self_notice_per_year: Option<f64> = None => [
            key("self_notice_per_year", "per year", "the worker notices that cooperation around their case has stalled", c("the worker's own route is in the study ('ik kom er niet uit … Dat kan op problematiek zijn, maar ook op samenwerking', §5.3.2 l.3155–3156; 'iedereen daar zelf verantwoordelijk voor', l.3159), but not that agreed criteria raise it: preset ave / informal / crisis_only: 2 / 1 / 0 a year")).range(0.5, 6.0, "within two months to two years").nl("de medewerker merkt dat de samenwerking rond zijn casus stagneert", "de eigen route van de medewerker staat in de studie ('ik kom er niet uit … Dat kan op problematiek zijn, maar ook op samenwerking', §5.3.2 l.3155–3156; 'iedereen daar zelf verantwoordelijk voor', l.3159), maar niet dat afgesproken criteria die route versterken: preset ave / informal / crisis_only: 2 / 1 / 0 per jaar", "binnen twee maanden tot twee jaar"),
        ],
        /// Probability the teamleider picks up a stalled case at one daily briefing.
        briefing_notice: Option<f64> = None => [
            key("briefing_notice", "probability per briefing", "the teamleider picks a stalled case up at the morning briefing and decides to scale up (mean over teamleiders)", b("§5.3.1 l.3019", "elke ochtend een briefing en dan moeten alle zaken die niet goed lopen of ingewikkeld zijn besproken worden", "the briefing is part of AVE in Leeuwarden; preset ave / informal / crisis_only: 0.03 / 0.005 / 0 per briefing (about a month and a half with AVE)")).range(0.005, 0.1, "about two weeks to ten months of briefings").nl("de teamleider pakt een stagnerende casus op in de ochtendbriefing en besluit op te schalen (gemiddeld over de teamleiders)", "de briefing hoort in Leeuwarden bij AVE; preset ave / informal / crisis_only: 0.03 / 0.005 / 0 per briefing (met AVE ongeveer anderhalve maand)", "ongeveer twee weken tot tien maanden aan briefings"),
        ],
        /// Factor on the chance that the wijkteam does not take a plan over at once.
        afschaling_friction: Option<f64> = None => [
            key("afschaling_friction", "factor", "friction at afschaling: factor on vhh.plan_rejection_prob", c("agreements on op- en afschaling reduce the operational problems (§6.7 l.4162–4163) and Leeuwarden wants 'Meer structuur hoe je dat doet met op- en afschalen' (§5.3.1 l.3047), but friction at afschaling remained under AVE (l.3080, §7.1 l.4394–4396): that criteria lower it is assumed; preset ave / informal / crisis_only: 1 / 1.5 / 1.5")).range(1.0, 2.5, "as with AVE to two and a half times").nl("frictie bij afschaling: factor op vhh.plan_rejection_prob", "afspraken over op- en afschaling verminderen de operationele problemen (§6.7 l.4162–4163) en Leeuwarden wil 'Meer structuur hoe je dat doet met op- en afschalen' (§5.3.1 l.3047), maar onder AVE bleef er frictie bij afschaling (l.3080, §7.1 l.4394–4396): dat criteria die frictie verminderen, is aangenomen; preset ave / informal / crisis_only: 1 / 1.5 / 1.5", "als met AVE tot tweeënhalf keer zoveel"),
        ],
    }
}

/// The criteria as the model uses them.
#[derive(Debug, Clone, Copy)]
pub struct CriteriaParams {
    /// The preset the unset keys came from.
    pub preset: Preset,
    /// AVE is the agreed model (bestuurlijk levels apply).
    pub in_use: bool,
    /// Recognition of a served complex case, team skill 1 (per hour).
    pub recognition_per_h: f64,
    /// P(acting on a recognition or noticed stall), mean over teams.
    pub adherence: f64,
    /// Spread of adherence across teams.
    pub adherence_sd: f64,
    /// Over-the-fence rate (per hour) before the inexperience lift.
    pub over_the_fence_per_h: f64,
    /// Lift of the over-the-fence rate per unit inexperienced share.
    pub inexperience_lift: f64,
    /// The worker notices stalled cooperation (per hour).
    pub self_notice_per_h: f64,
    /// P(teamleider picks up a stalled case at a briefing), mean over teams.
    pub briefing_notice: f64,
    /// Factor on the plan rejection probability.
    pub afschaling_friction: f64,
}

impl Criteria {
    /// The same criteria with every unset key filled from the preset.
    pub fn resolved(&self) -> Criteria {
        let v = self.preset.values();
        Criteria {
            preset: self.preset,
            in_use: Some(self.in_use.unwrap_or(v.in_use)),
            recognition_per_year: Some(self.recognition_per_year.unwrap_or(v.recognition_per_year)),
            adherence: Some(self.adherence.unwrap_or(v.adherence)),
            adherence_sd: self.adherence_sd,
            over_the_fence_per_year: Some(
                self.over_the_fence_per_year
                    .unwrap_or(v.over_the_fence_per_year),
            ),
            inexperience_lift: self.inexperience_lift,
            self_notice_per_year: Some(self.self_notice_per_year.unwrap_or(v.self_notice_per_year)),
            briefing_notice: Some(self.briefing_notice.unwrap_or(v.briefing_notice)),
            afschaling_friction: Some(self.afschaling_friction.unwrap_or(v.afschaling_friction)),
        }
    }

    /// The keys (of [`PRESET_KEYS`]) this scenario left to the preset.
    pub fn unset(&self) -> Vec<&'static str> {
        let set = [
            self.in_use.is_some(),
            self.recognition_per_year.is_some(),
            self.adherence.is_some(),
            self.over_the_fence_per_year.is_some(),
            self.self_notice_per_year.is_some(),
            self.briefing_notice.is_some(),
            self.afschaling_friction.is_some(),
        ];
        PRESET_KEYS
            .iter()
            .zip(set)
            .filter(|(_, s)| !s)
            .map(|(k, _)| *k)
            .collect()
    }

    pub(crate) fn compile(&self) -> Result<CriteriaParams, Invalid> {
        let r = self.resolved();
        let v = self.preset.values();
        let sd = nonneg("criteria.adherence_sd", self.adherence_sd)?;
        if sd > 2.0 {
            return Err(bad("criteria.adherence_sd", {
                let v = number(sd);
                both!(
                    "is the spread of adherence over teams on a log scale: allowed 0 to 2, got {v}",
                    "is de spreiding van de naleving over teams op een log-schaal: toegestaan 0 tot 2, gegeven {v}"
                )
            }));
        }
        Ok(CriteriaParams {
            preset: self.preset,
            in_use: r.in_use.unwrap_or(v.in_use),
            recognition_per_h: per_year(
                "criteria.recognition_per_year",
                r.recognition_per_year.unwrap_or_default(),
            )?,
            adherence: prob("criteria.adherence", r.adherence.unwrap_or_default())?,
            adherence_sd: sd,
            over_the_fence_per_h: per_year(
                "criteria.over_the_fence_per_year",
                r.over_the_fence_per_year.unwrap_or_default(),
            )?,
            inexperience_lift: factor("criteria.inexperience_lift", self.inexperience_lift)?,
            self_notice_per_h: per_year(
                "criteria.self_notice_per_year",
                r.self_notice_per_year.unwrap_or_default(),
            )?,
            briefing_notice: prob(
                "criteria.briefing_notice",
                r.briefing_notice.unwrap_or_default(),
            )?,
            afschaling_friction: factor(
                "criteria.afschaling_friction",
                r.afschaling_friction.unwrap_or(1.0),
            )?,
        })
    }
}
