//! Every headline metric and daily series, typed: one table with each metric's name (part
//! of the output interface), unit, group, how it is computed, which direction is better for
//! the people concerned, its reading in plain words, and room for a Dutch label. A
//! misspelt metric is a compile error. The daily series are in [`super::series`].

pub use super::series::{DAILY_FIXED, DAILY_NAMES, Daily, Derived, Series};
mod reading;
pub mod words;

/// Width of the time-to-escalation histogram bins (days).
pub const HIST_BIN_DAYS: f64 = 7.0;

/// Which part of the picture a metric belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    /// Opschaling, acute incidents and AVE 4.
    Escalation,
    /// Capacity pressure at the desks.
    Capacity,
    /// Information between the Veiligheidshuis, the wijkteams and ZSM.
    Information,
    /// Who is bestuurlijk answerable (where AVE is the agreed model).
    Governance,
}

impl Group {
    /// Name used in outputs and chart file names.
    pub fn name(self) -> &'static str {
        match self {
            Group::Escalation => "escalation",
            Group::Capacity => "capacity",
            Group::Information => "information",
            Group::Governance => "governance",
        }
    }

    /// What the group is about, in the study's words (chart titles).
    pub fn label(self, lang: crate::lang::Lang) -> &'static str {
        let (en, nl) = match self {
            Group::Escalation => (
                "opschaling and acute incidents",
                "opschaling en acute incidenten",
            ),
            Group::Capacity => ("capacity", "capaciteit"),
            Group::Information => ("information", "informatie"),
            Group::Governance => ("who is answerable", "bestuurlijke verantwoordelijkheid"),
        };
        lang.pick(en, nl)
    }
}

/// Which direction of a metric is better for the families and the desks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Better {
    /// Less is better (crises, waits).
    Lower,
    /// More is better (decisions within target, informed decisions).
    Higher,
    /// Neither: a volume or a load that is not good or bad in itself.
    Neither,
}

/// A headline metric.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Metric {
    /// families entering AVE 2 at the wijkteams (the wethouder's cases).
    CasesEnteredPerYear,
    /// opschalingen naar AVE 3 of wijk families, by any route, per 1,000 cases entered.
    UpscalingsAve3Per1000,
    /// of which because the wijkteam recognised complex problems.
    UpscalingsComplexPer1000,
    /// of which because cooperation around the case had stalled (any case, complex or not).
    UpscalingsStalledCooperationPer1000,
    /// of which handed over too early ('over de schutting'): no complex problems, no stalled cooperation.
    OverTheFencePer1000,
    /// of which pushed up because the wijkteam could not cope (a full team, or the stress test).
    OverflowPer1000,
    /// of which only after an acute incident.
    UpscalingsAfterIncidentPer1000,
    /// mean days from entering AVE 2 to the first opschaling naar AVE 3.
    TimeToAve3DaysMean,
    /// acute safety incidents of wijk families per 1,000 cases entered.
    AcuteCrisesPer1000,
    /// share of acute incidents that hit a case in AVE 2 that had never been in AVE 3 by any route.
    LateUpscalingShare,
    /// opschalingen naar AVE 4 (bij escalatie: an acute incident with a threat of public unrest) per 1,000 cases entered.
    EscalationsAve4Per1000,
    /// consults of the VHH advice function asked by wijkteams.
    AdviceConsultsPerYear,
    /// share of consults answered within advice.answer_target_days of the request.
    AdviceAnsweredInTimeShare,
    /// busy wijkteam case places / all places (time average).
    WijkteamUtilisation,
    /// mean wait for a wijkteam place, of cases that got one.
    WijkteamWaitDaysMean,
    /// coordinator hours held for procesregie and advice / the VHH's budget of hours (time average).
    VhhHoursUtilisation,
    /// cases the VHH takes in a year: opschalingen naar AVE 3 of all origins, direct cases and ZSM referrals (returns from AVE 4 not counted).
    VhhEntriesPerYear,
    /// share of those entries that are the municipality's own: opschalingen of its families and its residents' direct cases and referrals.
    VhhEntriesFromMunicipalityShare,
    /// mean days from the request for procesregie to its start, of cases that got it.
    VhhWaitDaysMean,
    /// 90th percentile of that wait.
    VhhWaitDaysP90,
    /// mean number of cases waiting for procesregie.
    VhhQueueMean,
    /// busy ZSM desk hours / staffed desk hours (decisions, reading context and 7-day cases).
    ZsmUtilisation,
    /// ZSM decisions within the decision target.
    ZsmWithinTargetShare,
    /// mean hours from arrival (or opening) to decision.
    ZsmDecisionHoursMean,
    /// ZSM decisions on persons with an active complex case.
    ZsmKnownComplexDecisionsPerYear,
    /// share of those decisions taken with context (advice read, a flag, a coordinator's call, the Raad voor de Kinderbescherming).
    ZsmInformedShare,
    /// schijnsamenwerking: share of ZSM decisions on persons with VHH advice on file where the advice was neither read nor brought in by contact.
    AdviceUnusedShare,
    /// referrals from ZSM to the VHH.
    ZsmReferralsPerYear,
    /// share of ZSM decisions on cases in AVE 3 reported back to the VHH.
    FeedbackDeliveredShare,
    /// mean delay of that feedback.
    FeedbackDelayHoursMean,
    /// how well VHH advice meets ZSM's needs, mean over the first measured year.
    AdviceFitFirstYear,
    /// the same, mean over the last measured year.
    AdviceFitLastYear,
    /// share of ZSM decisions on persons under VHH procesregie that a coordinator's call informed.
    CallInformedShare,
    /// spread (standard deviation) of that share across coordinators: the person-dependence.
    CallInformedShareCoordinatorSd,
    /// where AVE is the agreed model: the municipality's own cases entering AVE 3 (the college van B&W is answerable).
    CollegeCasesPerYear,
    /// where AVE is the agreed model: the municipality's own cases reaching AVE 4 (burgemeester and driehoek).
    DriehoekCasesPerYear,
}

/// What the table says of one metric.
#[derive(Debug, Clone, Copy)]
pub struct MetricDef {
    /// The metric.
    pub metric: Metric,
    /// Name in every output file (stable).
    pub name: &'static str,
    /// Unit.
    pub unit: &'static str,
    /// Which part of the picture.
    pub group: Group,
    /// How it is computed.
    pub doc: &'static str,
    /// Which direction is better.
    pub better: Better,
}

/// Every headline metric, in output order (the order of [`Metric`]).
pub const METRICS: &[MetricDef] = &[
    MetricDef {
        metric: Metric::CasesEnteredPerYear,
        name: "cases_entered_per_year",
        unit: "cases/year",
        group: Group::Escalation,
        doc: "families entering AVE 2 at the wijkteams",
        better: Better::Neither,
    },
    MetricDef {
        metric: Metric::UpscalingsAve3Per1000,
        name: "upscalings_ave3_per_1000",
        unit: "per 1000 cases entered",
        group: Group::Escalation,
        doc: "opschalingen naar AVE 3 of wijk families, by any route, per 1,000 cases entered",
        better: Better::Neither,
    },
    MetricDef {
        metric: Metric::UpscalingsComplexPer1000,
        name: "upscalings_complex_per_1000",
        unit: "per 1000 cases entered",
        group: Group::Escalation,
        doc: "of which because the wijkteam recognised complex problems",
        better: Better::Neither,
    },
    MetricDef {
        metric: Metric::UpscalingsStalledCooperationPer1000,
        name: "upscalings_stalled_cooperation_per_1000",
        unit: "per 1000 cases entered",
        group: Group::Escalation,
        doc: "of which because cooperation around the case had stalled (any case, complex or not)",
        better: Better::Neither,
    },
    MetricDef {
        metric: Metric::OverTheFencePer1000,
        name: "over_the_fence_per_1000",
        unit: "per 1000 cases entered",
        group: Group::Escalation,
        doc: "of which handed over too early ('over de schutting'), expecting the VHH to take the work over; any case, complex or not",
        better: Better::Lower,
    },
    MetricDef {
        metric: Metric::OverflowPer1000,
        name: "overflow_per_1000",
        unit: "per 1000 cases entered",
        group: Group::Escalation,
        doc: "of which pushed up because the wijkteam could not cope (a full team, or the stress test)",
        better: Better::Lower,
    },
    MetricDef {
        metric: Metric::UpscalingsAfterIncidentPer1000,
        name: "upscalings_after_incident_per_1000",
        unit: "per 1000 cases entered",
        group: Group::Escalation,
        doc: "of which only after an acute incident",
        better: Better::Lower,
    },
    MetricDef {
        metric: Metric::TimeToAve3DaysMean,
        name: "time_to_ave3_days_mean",
        unit: "days",
        group: Group::Escalation,
        doc: "mean days from entering AVE 2 to the first opschaling naar AVE 3 (its size rests on assumptions: the study gives no time to AVE 3)",
        better: Better::Lower,
    },
    MetricDef {
        metric: Metric::AcuteCrisesPer1000,
        name: "acute_crises_per_1000",
        unit: "per 1000 cases entered",
        group: Group::Escalation,
        doc: "acute safety incidents of wijk families per 1,000 cases entered",
        better: Better::Lower,
    },
    MetricDef {
        metric: Metric::LateUpscalingShare,
        name: "late_upscaling_share",
        unit: "share of acute incidents",
        group: Group::Escalation,
        doc: "share of acute incidents that hit a case in AVE 2 that had never been in AVE 3 by any route (complex or not: incidents before any AVE 3, not a judgement that opschaling came too late)",
        better: Better::Lower,
    },
    MetricDef {
        metric: Metric::EscalationsAve4Per1000,
        name: "escalations_ave4_per_1000",
        unit: "per 1000 cases entered",
        group: Group::Escalation,
        doc: "opschalingen naar AVE 4 (bij escalatie: an acute incident with a threat of public unrest) per 1,000 cases entered",
        better: Better::Lower,
    },
    MetricDef {
        metric: Metric::AdviceConsultsPerYear,
        name: "advice_consults_per_year",
        unit: "consults/year",
        group: Group::Escalation,
        doc: "consults of the VHH advice function asked by wijkteams",
        better: Better::Neither,
    },
    MetricDef {
        metric: Metric::AdviceAnsweredInTimeShare,
        name: "advice_answered_in_time_share",
        unit: "share of consults",
        group: Group::Escalation,
        doc: "share of consults answered within advice.answer_target_days of the request",
        better: Better::Higher,
    },
    MetricDef {
        metric: Metric::WijkteamUtilisation,
        name: "wijkteam_utilisation",
        unit: "share",
        group: Group::Capacity,
        doc: "busy wijkteam case places / all places (time average)",
        better: Better::Neither,
    },
    MetricDef {
        metric: Metric::WijkteamWaitDaysMean,
        name: "wijkteam_wait_days_mean",
        unit: "days",
        group: Group::Capacity,
        doc: "mean wait for a wijkteam place, of cases that got one",
        better: Better::Lower,
    },
    MetricDef {
        metric: Metric::VhhHoursUtilisation,
        name: "vhh_hours_utilisation",
        unit: "share",
        group: Group::Capacity,
        doc: "coordinator hours held for procesregie and advice / the VHH's budget of hours (time average)",
        better: Better::Neither,
    },
    MetricDef {
        metric: Metric::VhhEntriesPerYear,
        name: "vhh_entries_per_year",
        unit: "cases/year",
        group: Group::Capacity,
        doc: "cases the VHH takes in a year: opschalingen naar AVE 3 of all origins, direct cases and ZSM referrals (returns from AVE 4 not counted)",
        better: Better::Neither,
    },
    MetricDef {
        metric: Metric::VhhEntriesFromMunicipalityShare,
        name: "vhh_entries_from_municipality_share",
        unit: "share",
        group: Group::Capacity,
        doc: "share of those entries that are the municipality's own: opschalingen of its families and its residents' direct cases and referrals",
        better: Better::Neither,
    },
    MetricDef {
        metric: Metric::VhhWaitDaysMean,
        name: "vhh_wait_days_mean",
        unit: "days",
        group: Group::Capacity,
        doc: "mean days from the request for procesregie to its start, of cases that got it",
        better: Better::Lower,
    },
    MetricDef {
        metric: Metric::VhhWaitDaysP90,
        name: "vhh_wait_days_p90",
        unit: "days",
        group: Group::Capacity,
        doc: "90th percentile of that wait",
        better: Better::Lower,
    },
    MetricDef {
        metric: Metric::VhhQueueMean,
        name: "vhh_queue_mean",
        unit: "cases",
        group: Group::Capacity,
        doc: "mean number of cases waiting for procesregie",
        better: Better::Lower,
    },
    MetricDef {
        metric: Metric::ZsmUtilisation,
        name: "zsm_utilisation",
        unit: "share",
        group: Group::Capacity,
        doc: "busy ZSM desk hours / staffed desk hours (decisions, reading context and 7-day cases)",
        better: Better::Neither,
    },
    MetricDef {
        metric: Metric::ZsmWithinTargetShare,
        name: "zsm_within_target_share",
        unit: "share",
        group: Group::Capacity,
        doc: "ZSM decisions within the decision target",
        better: Better::Higher,
    },
    MetricDef {
        metric: Metric::ZsmDecisionHoursMean,
        name: "zsm_decision_hours_mean",
        unit: "hours",
        group: Group::Capacity,
        doc: "mean hours from arrival (or opening) to decision",
        better: Better::Lower,
    },
    MetricDef {
        metric: Metric::ZsmKnownComplexDecisionsPerYear,
        name: "zsm_known_complex_decisions_per_year",
        unit: "decisions/year",
        group: Group::Information,
        doc: "ZSM decisions on persons with an active complex case",
        better: Better::Neither,
    },
    MetricDef {
        metric: Metric::ZsmInformedShare,
        name: "zsm_informed_share",
        unit: "share of decisions",
        group: Group::Information,
        doc: "share of those decisions taken with context (advice read, a flag, a coordinator's call, the Raad voor de Kinderbescherming)",
        better: Better::Higher,
    },
    MetricDef {
        metric: Metric::AdviceUnusedShare,
        name: "advice_unused_share",
        unit: "share of decisions",
        group: Group::Information,
        doc: "advice not used: share of ZSM decisions on persons with VHH advice on file where the advice was neither read nor brought in by contact (an indicator of the risk of schijnsamenwerking, not a measure of it)",
        better: Better::Lower,
    },
    MetricDef {
        metric: Metric::ZsmReferralsPerYear,
        name: "zsm_referrals_per_year",
        unit: "referrals/year",
        group: Group::Information,
        doc: "referrals from ZSM to the VHH",
        better: Better::Neither,
    },
    MetricDef {
        metric: Metric::FeedbackDeliveredShare,
        name: "feedback_delivered_share",
        unit: "share",
        group: Group::Information,
        doc: "share of ZSM decisions on cases in AVE 3 that ZSM reports back to the VHH (counted at the decision)",
        better: Better::Higher,
    },
    MetricDef {
        metric: Metric::FeedbackDelayHoursMean,
        name: "feedback_delay_hours_mean",
        unit: "hours",
        group: Group::Information,
        doc: "mean delay of that feedback",
        better: Better::Lower,
    },
    MetricDef {
        metric: Metric::AdviceFitFirstYear,
        name: "advice_fit_first_year",
        unit: "share",
        group: Group::Information,
        doc: "how well VHH advice meets ZSM's needs, mean over the first measured year",
        better: Better::Higher,
    },
    MetricDef {
        metric: Metric::AdviceFitLastYear,
        name: "advice_fit_last_year",
        unit: "share",
        group: Group::Information,
        doc: "the same, mean over the last measured year",
        better: Better::Higher,
    },
    MetricDef {
        metric: Metric::CallInformedShare,
        name: "call_informed_share",
        unit: "share",
        group: Group::Information,
        doc: "share of ZSM decisions on persons under VHH procesregie that a procescoördinator's call informed",
        better: Better::Higher,
    },
    MetricDef {
        metric: Metric::CallInformedShareCoordinatorSd,
        name: "call_informed_share_coordinator_sd",
        unit: "share",
        group: Group::Information,
        doc: "spread (standard deviation) of that share across the VHH's procescoördinatoren: the person-dependence on the VHH side (ZSM staff's awareness and turnover are not spread per person)",
        better: Better::Lower,
    },
    MetricDef {
        metric: Metric::CollegeCasesPerYear,
        name: "college_cases_per_year",
        unit: "cases/year",
        group: Group::Governance,
        doc: "where AVE is the agreed model: the municipality's own cases entering AVE 3 (its families' opschalingen, its residents' direct cases and ZSM referrals; returns from AVE 4 not counted again), for which the college van B&W is answerable (empty elsewhere)",
        better: Better::Neither,
    },
    MetricDef {
        metric: Metric::DriehoekCasesPerYear,
        name: "driehoek_cases_per_year",
        unit: "cases/year",
        group: Group::Governance,
        doc: "where AVE is the agreed model: the municipality's own cases reaching AVE 4, led by the burgemeester with the driehoek (empty elsewhere; how often unrest threatens is an assumption)",
        better: Better::Neither,
    },
];

impl Metric {
    /// Every metric, in output order.
    pub fn all() -> impl Iterator<Item = Metric> {
        METRICS.iter().map(|d| d.metric)
    }

    /// Its row in the table.
    #[inline]
    pub fn def(self) -> &'static MetricDef {
        &METRICS[self as usize]
    }

    /// Its position in per-metric arrays.
    #[inline]
    pub fn index(self) -> usize {
        self as usize
    }

    /// Its name in output files.
    pub fn name(self) -> &'static str {
        self.def().name
    }

    /// Whether it is a share (between 0 and 1).
    pub fn is_share(self) -> bool {
        self.def().unit.starts_with("share")
    }

    /// An interval clipped to what the metric can be: every metric is at least 0, a share at
    /// most 1 (a Student-t interval from few replications can cross those bounds). The mean
    /// is left as it is.
    pub fn clip(self, i: crate::stats::Interval) -> crate::stats::Interval {
        i.clipped(if self.is_share() { 1.0 } else { f64::INFINITY })
    }

    /// The metric with this name, if any.
    pub fn from_name(name: &str) -> Option<Metric> {
        METRICS.iter().find(|d| d.name == name).map(|d| d.metric)
    }

    /// The metric a mistyped or described name most likely means: the one sharing most
    /// words with it (its id, or its label in English or Dutch), if any word is shared.
    pub fn closest(name: &str) -> Option<Metric> {
        let words = |s: &str| -> Vec<String> {
            s.to_lowercase()
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.len() > 2)
                .map(str::to_string)
                .collect()
        };
        let asked = words(name);
        METRICS
            .iter()
            .map(|d| {
                let mut own = words(d.name);
                own.extend(words(d.metric.label(crate::lang::Lang::En)));
                own.extend(words(d.metric.label(crate::lang::Lang::Nl)));
                let shared = asked
                    .iter()
                    .filter(|w| {
                        own.iter()
                            .any(|o| o.starts_with(w.as_str()) || w.starts_with(o.as_str()))
                    })
                    .count();
                // Most words shared; then the id with most of its own words asked for (the
                // most specific); then the earlier metric.
                let in_id = words(d.name)
                    .iter()
                    .filter(|o| asked.iter().any(|w| o.starts_with(w.as_str())))
                    .count();
                (
                    shared,
                    in_id,
                    std::cmp::Reverse(words(d.name).len()),
                    d.metric,
                )
            })
            .filter(|(n, ..)| *n > 0)
            .rev()
            .max_by_key(|(n, i, len, _)| (*n, *i, *len))
            .map(|(.., m)| m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mistyped_or_described_metric_finds_the_one_meant() {
        assert_eq!(
            Metric::closest("acute_incidents"),
            Some(Metric::AcuteCrisesPer1000)
        );
        assert_eq!(Metric::closest("vhh_wait"), Some(Metric::VhhWaitDaysMean));
        assert_eq!(Metric::closest("informed"), Some(Metric::ZsmInformedShare));
        assert_eq!(Metric::closest("xyz"), None);
    }

    #[test]
    fn the_tables_are_in_the_order_of_their_enums() {
        for (i, d) in METRICS.iter().enumerate() {
            assert_eq!(d.metric as usize, i, "{}", d.name);
            assert_eq!(Metric::from_name(d.name), Some(d.metric));
        }
    }
}
