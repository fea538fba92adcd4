//! What people read about a metric besides its reading: a short label and its unit, in English
//! and in Dutch. The id (`Metric::name`) stays the same in every file and language.

use super::Metric;
use crate::lang::Lang;

impl Metric {
    /// A short label for tables and charts.
    pub fn label(self, lang: Lang) -> &'static str {
        let (en, nl) = match self {
            Metric::CasesEnteredPerYear => ("new cases", "nieuwe casussen"),
            Metric::UpscalingsAve3Per1000 => ("opschalingen naar AVE 3", "opschalingen naar AVE 3"),
            Metric::UpscalingsComplexPer1000 => (
                "of which for complex problems",
                "waarvan om complexe problematiek",
            ),
            Metric::UpscalingsStalledCooperationPer1000 => (
                "of which for stalled cooperation",
                "waarvan om stagnerende samenwerking",
            ),
            Metric::OverTheFencePer1000 => (
                "of which over the fence (too early)",
                "waarvan over de schutting (te vroeg)",
            ),
            Metric::OverflowPer1000 => (
                "of which the wijkteam could not cope",
                "waarvan omdat het wijkteam het niet aankan",
            ),
            Metric::UpscalingsAfterIncidentPer1000 => (
                "of which only after an acute incident",
                "waarvan pas na een acuut incident",
            ),
            Metric::TimeToAve3DaysMean => ("days to AVE 3 (mean)", "dagen tot AVE 3 (gemiddeld)"),
            Metric::AcuteCrisesPer1000 => ("acute incidents", "acute incidenten"),
            Metric::LateUpscalingShare => (
                "incidents before any AVE 3",
                "incidenten zonder eerdere opschaling naar AVE 3",
            ),
            Metric::EscalationsAve4Per1000 => (
                "opschalingen naar AVE 4 (bij escalatie)",
                "opschalingen naar AVE 4 (bij escalatie)",
            ),
            Metric::AdviceConsultsPerYear => ("advice consults", "adviesvragen"),
            Metric::AdviceAnsweredInTimeShare => (
                "consults answered in time",
                "adviesvragen op tijd beantwoord",
            ),
            Metric::WijkteamUtilisation => ("wijkteam caseloads in use", "bezetting wijkteams"),
            Metric::WijkteamWaitDaysMean => ("wait for a wijkteam worker", "wachttijd wijkteam"),
            Metric::VhhHoursUtilisation => ("VHH hours in use", "bezetting uren Veiligheidshuis"),
            Metric::VhhEntriesPerYear => ("VHH intake", "instroom Veiligheidshuis"),
            Metric::VhhEntriesFromMunicipalityShare => (
                "VHH intake from the municipality",
                "instroom uit de eigen gemeente",
            ),
            Metric::VhhWaitDaysMean => (
                "wait for procesregie (mean)",
                "wachttijd procesregie (gemiddeld)",
            ),
            Metric::VhhWaitDaysP90 => (
                "wait for procesregie (9 in 10 within)",
                "wachttijd procesregie (90% binnen)",
            ),
            Metric::VhhQueueMean => (
                "cases waiting for procesregie",
                "casussen in afwachting van procesregie",
            ),
            Metric::ZsmUtilisation => ("ZSM desks in use", "bezetting ZSM-tafel"),
            Metric::ZsmWithinTargetShare => (
                "ZSM decisions within the target",
                "ZSM-beslissingen binnen de termijn",
            ),
            Metric::ZsmDecisionHoursMean => ("hours to a ZSM decision", "uren tot ZSM-beslissing"),
            Metric::ZsmKnownComplexDecisionsPerYear => (
                "ZSM decisions on known complex persons",
                "ZSM-beslissingen over personen met een lopende complexe casus",
            ),
            Metric::ZsmInformedShare => {
                ("ZSM decisions with context", "ZSM-beslissingen met context")
            }
            Metric::AdviceUnusedShare => ("advice not used", "advies niet benut"),
            Metric::ZsmReferralsPerYear => (
                "ZSM referrals to the VHH",
                "doorverwijzingen ZSM naar Veiligheidshuis",
            ),
            Metric::FeedbackDeliveredShare => ("feedback from ZSM", "terugkoppeling door ZSM"),
            Metric::FeedbackDelayHoursMean => ("feedback delay", "vertraging terugkoppeling"),
            Metric::AdviceFitFirstYear => {
                ("advice fit, first year", "aansluiting advies, eerste jaar")
            }
            Metric::AdviceFitLastYear => {
                ("advice fit, last year", "aansluiting advies, laatste jaar")
            }
            Metric::CallInformedShare => (
                "decisions informed by a call",
                "beslissingen met context door een telefoontje",
            ),
            Metric::CallInformedShareCoordinatorSd => (
                "spread between procescoördinatoren",
                "spreiding tussen procescoördinatoren",
            ),
            Metric::CollegeCasesPerYear => (
                "cases under the college van B&W",
                "casussen onder het college van B&W",
            ),
            Metric::DriehoekCasesPerYear => (
                "cases under burgemeester and driehoek",
                "casussen onder burgemeester en driehoek",
            ),
        };
        lang.pick(en, nl)
    }

    /// The unit after a value in running text where it is short (" days", " hours"); empty
    /// for shares (shown as percentages) and for rates and counts, which the label names.
    pub fn short_unit(self, lang: Lang) -> String {
        match self.def().unit {
            "days" | "hours" => format!(" {}", self.unit_text(lang)),
            _ => String::new(),
        }
    }

    /// A column head for a narrow table (at most 15 characters).
    pub fn short(self, lang: Lang) -> &'static str {
        let (en, nl) = match self {
            Metric::VhhEntriesPerYear => ("VHH cases/yr", "VHH-zaken/jr"),
            Metric::VhhHoursUtilisation => ("VHH hours used", "VHH-uren benut"),
            Metric::VhhWaitDaysMean => ("VHH wait (d)", "wachttijd VHH (d)"),
            Metric::AdviceAnsweredInTimeShare => ("consult in time", "consult op tijd"),
            Metric::LateUpscalingShare => ("no AVE 3 first", "zonder AVE 3"),
            Metric::AcuteCrisesPer1000 => ("incidents/1000", "incidenten/1000"),
            Metric::OverTheFencePer1000 => ("fence/1000", "schutting/1000"),
            Metric::ZsmInformedShare => ("ZSM informed", "ZSM met context"),
            _ => return self.label(lang),
        };
        lang.pick(en, nl)
    }

    /// A value for a narrow table: three significant digits, a share as a percentage.
    pub fn show_short(self, lang: Lang, v: f64) -> String {
        lang.num(&if self.is_share() && v.is_finite() {
            format!("{}%", crate::format::terminal(100.0 * v))
        } else {
            crate::format::terminal(v)
        })
    }

    /// A value as people read it: a share as a percentage, numbers in `lang`'s way.
    pub fn show(self, lang: Lang, v: f64) -> String {
        lang.num(&if self.is_share() {
            crate::format::pct(v)
        } else {
            crate::format::value(v)
        })
    }

    /// Its unit, for people.
    pub fn unit_text(self, lang: Lang) -> &'static str {
        unit(self.def().unit, lang)
    }
}

/// A unit as people read it in `lang` (the table's English unit as given).
pub fn unit(en: &'static str, lang: Lang) -> &'static str {
    if lang == Lang::En {
        return en;
    }
    match en {
        "cases" => "casussen",
        "cases/year" => "casussen/jaar",
        "consults/year" => "adviesvragen/jaar",
        "days" => "dagen",
        "decisions/year" => "beslissingen/jaar",
        "hours" => "uur",
        "per 1000 cases entered" => "per 1.000 nieuwe casussen",
        "referrals/year" => "doorverwijzingen/jaar",
        "share of acute incidents" => "aandeel van de acute incidenten",
        "share of consults" => "aandeel van de adviesvragen",
        "share of decisions" => "aandeel van de beslissingen",
        "share" => "aandeel",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::metrics::METRICS;

    #[test]
    fn every_metric_has_a_dutch_label_and_unit() {
        for d in METRICS {
            assert!(!d.metric.label(Lang::Nl).is_empty());
            assert!(
                d.unit == "cases" || unit(d.unit, Lang::Nl) != d.unit,
                "{} has no Dutch unit for {}",
                d.name,
                d.unit
            );
        }
    }
}
