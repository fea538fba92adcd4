//! Every headline metric and daily series, typed: one table with each metric's name (part
//! of the output interface), unit, group, how it is computed, which direction is better for
//! the people concerned, its reading in plain words, and room for a Dutch label. A
//! misspelt metric is a compile error. The daily series are in [`super::series`].

pub use super::series::{DAILY_FIXED, DAILY_NAMES, Daily, Derived, Series};
use crate::format::{pct, value as format_value};
use crate::scenario::Params;
use crate::stats::Interval;

/// Width of the time-to-escalation histogram bins (days).
pub const HIST_BIN_DAYS: f64 = 7.0;

/// Which part of the picture a metric belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    /// Up-scaling and crises.
    Escalation,
    /// Capacity pressure at the desks.
    Capacity,
    /// Information between the Veiligheidshuis, the wijkteams and ZSM.
    Information,
}

impl Group {
    /// Name used in outputs and chart file names.
    pub fn name(self) -> &'static str {
        match self {
            Group::Escalation => "escalation",
            Group::Capacity => "capacity",
            Group::Information => "information",
        }
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
    /// social cases entering phase 2 at the wijkteams.
    CasesEnteredPerYear,
    /// escalations 2->3 of wijkteam cases per 1,000 cases entered.
    EscalationsPhase3Per1000,
    /// crises (entries into phase 4) of wijkteam cases per 1,000 cases entered.
    EscalationsPhase4Per1000,
    /// share of crises that hit a case in phase 2 that never had phase 3 ('simmered, then exploded').
    LateEscalationShare,
    /// share of escalations 2->3 that concern a non-complex case.
    UnneededEscalationShare,
    /// share of closed complex wijkteam cases that never reached phase 3 before a crisis or closing.
    MissedComplexShare,
    /// mean days from entering phase 2 to the first escalation to phase 3.
    TimeToPhase3DaysMean,
    /// consults of the VHH advice function.
    AdviceConsultsPerYear,
    /// busy wijkteam case slots / all slots (time average).
    WijkteamUtilisation,
    /// mean wait for a wijkteam slot, of cases that got one.
    WijkteamWaitDaysMean,
    /// busy VHH process-lead slots / all slots (time average).
    VhhUtilisation,
    /// mean number of escalations waiting for a VHH slot.
    VhhQueueMean,
    /// largest VHH waiting list.
    VhhQueueMax,
    /// mean wait for a VHH slot, of cases that got one.
    VhhWaitDaysMean,
    /// 90th percentile of that wait.
    VhhWaitDaysP90,
    /// busy ZSM desk hours / staffed desk hours.
    ZsmUtilisation,
    /// ZSM decisions within the decision target.
    ZsmWithinTargetShare,
    /// mean hours from arrival (or opening) to decision.
    ZsmDecisionHoursMean,
    /// ZSM decisions on persons with an active complex social case.
    ZsmKnownComplexDecisionsPerYear,
    /// share of those decisions taken with context (VHH advice or wijkteam flag read).
    ZsmInformedShare,
    /// referrals from ZSM to the VHH.
    ZsmReferralsPerYear,
    /// share of ZSM decisions on VHH cases reported back to the VHH.
    FeedbackDeliveredShare,
    /// mean delay of that feedback.
    FeedbackDelayHoursMean,
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
    /// The Dutch label, once written.
    pub label_nl: Option<&'static str>,
}

/// Every headline metric, in output order (the order of [`Metric`]).
pub const METRICS: &[MetricDef] = &[
    MetricDef {
        metric: Metric::CasesEnteredPerYear,
        name: "cases_entered_per_year",
        unit: "cases/year",
        group: Group::Escalation,
        doc: "social cases entering phase 2 at the wijkteams",
        better: Better::Neither,
        label_nl: None,
    },
    MetricDef {
        metric: Metric::EscalationsPhase3Per1000,
        name: "escalations_phase3_per_1000",
        unit: "per 1000 cases entered",
        group: Group::Escalation,
        doc: "escalations 2->3 of wijkteam cases per 1,000 cases entered",
        better: Better::Neither,
        label_nl: None,
    },
    MetricDef {
        metric: Metric::EscalationsPhase4Per1000,
        name: "escalations_phase4_per_1000",
        unit: "per 1000 cases entered",
        group: Group::Escalation,
        doc: "crises (entries into phase 4) of wijkteam cases per 1,000 cases entered",
        better: Better::Lower,
        label_nl: None,
    },
    MetricDef {
        metric: Metric::LateEscalationShare,
        name: "late_escalation_share",
        unit: "share",
        group: Group::Escalation,
        doc: "share of crises that hit a case in phase 2 that never had phase 3 ('simmered, then exploded')",
        better: Better::Lower,
        label_nl: None,
    },
    MetricDef {
        metric: Metric::UnneededEscalationShare,
        name: "unneeded_escalation_share",
        unit: "share",
        group: Group::Escalation,
        doc: "share of escalations 2->3 that concern a non-complex case",
        better: Better::Lower,
        label_nl: None,
    },
    MetricDef {
        metric: Metric::MissedComplexShare,
        name: "missed_complex_share",
        unit: "share",
        group: Group::Escalation,
        doc: "share of closed complex wijkteam cases that never reached phase 3 before a crisis or closing",
        better: Better::Lower,
        label_nl: None,
    },
    MetricDef {
        metric: Metric::TimeToPhase3DaysMean,
        name: "time_to_phase3_days_mean",
        unit: "days",
        group: Group::Escalation,
        doc: "mean days from entering phase 2 to the first escalation to phase 3",
        better: Better::Lower,
        label_nl: None,
    },
    MetricDef {
        metric: Metric::AdviceConsultsPerYear,
        name: "advice_consults_per_year",
        unit: "consults/year",
        group: Group::Escalation,
        doc: "consults of the VHH advice function",
        better: Better::Neither,
        label_nl: None,
    },
    MetricDef {
        metric: Metric::WijkteamUtilisation,
        name: "wijkteam_utilisation",
        unit: "share",
        group: Group::Capacity,
        doc: "busy wijkteam case slots / all slots (time average)",
        better: Better::Neither,
        label_nl: None,
    },
    MetricDef {
        metric: Metric::WijkteamWaitDaysMean,
        name: "wijkteam_wait_days_mean",
        unit: "days",
        group: Group::Capacity,
        doc: "mean wait for a wijkteam slot, of cases that got one",
        better: Better::Lower,
        label_nl: None,
    },
    MetricDef {
        metric: Metric::VhhUtilisation,
        name: "vhh_utilisation",
        unit: "share",
        group: Group::Capacity,
        doc: "busy VHH process-lead slots / all slots (time average)",
        better: Better::Neither,
        label_nl: None,
    },
    MetricDef {
        metric: Metric::VhhQueueMean,
        name: "vhh_queue_mean",
        unit: "cases",
        group: Group::Capacity,
        doc: "mean number of escalations waiting for a VHH slot",
        better: Better::Lower,
        label_nl: None,
    },
    MetricDef {
        metric: Metric::VhhQueueMax,
        name: "vhh_queue_max",
        unit: "cases",
        group: Group::Capacity,
        doc: "largest VHH waiting list",
        better: Better::Lower,
        label_nl: None,
    },
    MetricDef {
        metric: Metric::VhhWaitDaysMean,
        name: "vhh_wait_days_mean",
        unit: "days",
        group: Group::Capacity,
        doc: "mean wait for a VHH slot, of cases that got one",
        better: Better::Lower,
        label_nl: None,
    },
    MetricDef {
        metric: Metric::VhhWaitDaysP90,
        name: "vhh_wait_days_p90",
        unit: "days",
        group: Group::Capacity,
        doc: "90th percentile of that wait",
        better: Better::Lower,
        label_nl: None,
    },
    MetricDef {
        metric: Metric::ZsmUtilisation,
        name: "zsm_utilisation",
        unit: "share",
        group: Group::Capacity,
        doc: "busy ZSM desk hours / staffed desk hours",
        better: Better::Neither,
        label_nl: None,
    },
    MetricDef {
        metric: Metric::ZsmWithinTargetShare,
        name: "zsm_within_target_share",
        unit: "share",
        group: Group::Capacity,
        doc: "ZSM decisions within the decision target",
        better: Better::Higher,
        label_nl: None,
    },
    MetricDef {
        metric: Metric::ZsmDecisionHoursMean,
        name: "zsm_decision_hours_mean",
        unit: "hours",
        group: Group::Capacity,
        doc: "mean hours from arrival (or opening) to decision",
        better: Better::Lower,
        label_nl: None,
    },
    MetricDef {
        metric: Metric::ZsmKnownComplexDecisionsPerYear,
        name: "zsm_known_complex_decisions_per_year",
        unit: "decisions/year",
        group: Group::Information,
        doc: "ZSM decisions on persons with an active complex social case",
        better: Better::Neither,
        label_nl: None,
    },
    MetricDef {
        metric: Metric::ZsmInformedShare,
        name: "zsm_informed_share",
        unit: "share",
        group: Group::Information,
        doc: "share of those decisions taken with context (VHH advice or wijkteam flag read)",
        better: Better::Higher,
        label_nl: None,
    },
    MetricDef {
        metric: Metric::ZsmReferralsPerYear,
        name: "zsm_referrals_per_year",
        unit: "referrals/year",
        group: Group::Information,
        doc: "referrals from ZSM to the VHH",
        better: Better::Neither,
        label_nl: None,
    },
    MetricDef {
        metric: Metric::FeedbackDeliveredShare,
        name: "feedback_delivered_share",
        unit: "share",
        group: Group::Information,
        doc: "share of ZSM decisions on VHH cases reported back to the VHH",
        better: Better::Higher,
        label_nl: None,
    },
    MetricDef {
        metric: Metric::FeedbackDelayHoursMean,
        name: "feedback_delay_hours_mean",
        unit: "hours",
        group: Group::Information,
        doc: "mean delay of that feedback",
        better: Better::Lower,
        label_nl: None,
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

    /// The metric with this name, if any.
    pub fn from_name(name: &str) -> Option<Metric> {
        METRICS.iter().find(|d| d.name == name).map(|d| d.metric)
    }

    /// One sentence saying what a value means, in the users' words.
    pub fn reading(self, i: &Interval, params: &Params) -> String {
        let m = format_value(i.mean);
        let p = pct(i.mean);
        if !i.mean.is_finite() {
            return match self {
                Metric::FeedbackDelayHoursMean => {
                    "No feedback reached the Veiligheidshuis, so there is no delay to measure."
                        .into()
                }
                Metric::TimeToPhase3DaysMean => {
                    "No case was escalated to the Veiligheidshuis, so there is no time to escalation."
                        .into()
                }
                _ => "Not defined in this run (nothing to count).".into(),
            };
        }
        let c = ci(i, false);
        let cp = ci(i, true);
        match self {
            Metric::CasesEnteredPerYear => {
                format!("About {m} new cases a year enter AVE-fase 2 at the wijkteams{c}.")
            }
            Metric::EscalationsPhase3Per1000 => format!(
                "{m} of every 1,000 new wijkteam cases are escalated to the Veiligheidshuis (AVE-fase 3), i.e. {}{c}.",
                pct(i.mean / 1000.0)
            ),
            Metric::EscalationsPhase4Per1000 => {
                format!(
                    "{m} of every 1,000 new wijkteam cases end up in a crisis led by the mayor (AVE-fase 4){c}."
                )
            }
            Metric::LateEscalationShare => {
                format!(
                    "{p} of crises hit a case the wijkteam had never escalated: it simmered, then exploded{cp}."
                )
            }
            Metric::UnneededEscalationShare => {
                format!(
                    "{p} of escalations to the Veiligheidshuis concern cases that did not need it{cp}."
                )
            }
            Metric::MissedComplexShare => format!(
                "{p} of complex cases never reached the Veiligheidshuis before a crisis or before they closed{cp}."
            ),
            Metric::TimeToPhase3DaysMean => {
                format!(
                    "An escalated case first spends on average {m} days in AVE-fase 2 at the wijkteam{c}."
                )
            }
            Metric::AdviceConsultsPerYear => {
                format!(
                    "Wijkteams consult the Veiligheidshuis advice function about {m} times a year{c}."
                )
            }
            Metric::WijkteamUtilisation => {
                format!("Wijkteam caseloads are on average {p} full{cp}.")
            }
            Metric::WijkteamWaitDaysMean => format!(
                "A new case waits on average {m} days for a wijkteam worker (intake works office hours){c}."
            ),
            Metric::VhhUtilisation => {
                format!("The Veiligheidshuis process coordinators are {p} occupied on average{cp}.")
            }
            Metric::VhhQueueMean => {
                format!(
                    "On average {m} escalations are waiting for a Veiligheidshuis coordinator{c}."
                )
            }
            Metric::VhhQueueMax => {
                format!("The longest Veiligheidshuis waiting list reaches {m} cases{c}.")
            }
            Metric::VhhWaitDaysMean => {
                format!(
                    "An escalated case waits on average {m} days before the Veiligheidshuis takes it on{c}."
                )
            }
            Metric::VhhWaitDaysP90 => {
                format!("9 in 10 escalated cases are taken on within {m} days{c}.")
            }
            Metric::ZsmUtilisation => format!("ZSM desks are busy {p} of their staffed hours{cp}."),
            Metric::ZsmWithinTargetShare => format!(
                "ZSM decides {p} of its cases within the {}-hour target{cp}.",
                params.zsm.target_h
            ),
            Metric::ZsmDecisionHoursMean => {
                format!("A ZSM decision comes on average {m} hours after arrival (or opening){c}.")
            }
            Metric::ZsmKnownComplexDecisionsPerYear => {
                format!(
                    "ZSM decides about {m} times a year on persons with an active complex case{c}."
                )
            }
            Metric::ZsmInformedShare => format!(
                "In {p} of those decisions ZSM had the Veiligheidshuis advice or a wijkteam flag in view{cp}."
            ),
            Metric::ZsmReferralsPerYear => {
                format!("ZSM refers about {m} persons a year to the Veiligheidshuis{c}.")
            }
            Metric::FeedbackDeliveredShare => format!(
                "ZSM reports back to the Veiligheidshuis on {p} of its decisions about Veiligheidshuis cases{cp}."
            ),
            Metric::FeedbackDelayHoursMean => {
                format!(
                    "Feedback reaches the Veiligheidshuis on average {m} hours after the decision{c}."
                )
            }
        }
    }
}

/// " (95% interval a–b)", or nothing when the interval is not defined or has no width.
fn ci(i: &Interval, share: bool) -> String {
    if !(i.low.is_finite() && i.high.is_finite()) || i.low == i.high {
        return String::new();
    }
    if share {
        format!(" (95% interval {}–{})", pct(i.low), pct(i.high))
    } else {
        format!(
            " (95% interval {}–{})",
            format_value(i.low),
            format_value(i.high)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tables_are_in_the_order_of_their_enums() {
        for (i, d) in METRICS.iter().enumerate() {
            assert_eq!(d.metric as usize, i, "{}", d.name);
            assert_eq!(Metric::from_name(d.name), Some(d.metric));
        }
    }
}
