//! Each calendar year of the measured period on its own (`yearly.csv`): so that "in which year
//! does the Veiligheidshuis run out?" has a direct answer, and a system that changes or never
//! settles is not read off one average. Every column comes from the replication's daily
//! series: counts summed over the year's days, levels averaged over them, shares as a ratio of
//! two sums. Only days of the measured period count; a year the period cuts is partial, and its
//! first and last date say so.

use super::metrics::{Daily, Metric};
use crate::lang::Lang;
use crate::scenario::sections::run::RunParams;

/// How a column is made from the daily series.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// The sum over the year's days (a count).
    Sum(Daily),
    /// The mean over the year's days (a level).
    Mean(Daily),
    /// The sum of one series over the sum of another (a share).
    Share(Daily, Daily),
}

/// One column of `yearly.csv`.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// Its id in the file (stable).
    pub name: &'static str,
    /// Unit (English; [`crate::model::metrics::words::unit`] gives it in Dutch).
    pub unit: &'static str,
    /// Label in English and Dutch.
    pub label: (&'static str, &'static str),
    /// How it is made.
    pub kind: Kind,
    /// The headline metric this column is year by year, if any (a count scaled to a full
    /// year for a partial one): what an alarm on that metric is checked against per year.
    pub metric: Option<Metric>,
}

impl Column {
    /// An interval clipped to what the column can be (at least 0; a share at most 1).
    pub fn clip(&self, i: crate::stats::Interval) -> crate::stats::Interval {
        i.clipped(if self.unit == "share" {
            1.0
        } else {
            f64::INFINITY
        })
    }

    /// Its label for people.
    pub fn label(&self, lang: Lang) -> &'static str {
        lang.pick(self.label.0, self.label.1)
    }
}

/// The columns, in file order.
pub const COLUMNS: &[Column] = &[
    Column {
        name: "cases_entered",
        unit: "cases",
        label: ("new cases", "nieuwe casussen"),
        kind: Kind::Sum(Daily::Entered),
        metric: Some(Metric::CasesEnteredPerYear),
    },
    Column {
        name: "upscalings_ave3",
        unit: "cases",
        label: ("opschalingen naar AVE 3", "opschalingen naar AVE 3"),
        kind: Kind::Sum(Daily::UpscalingsAve3),
        metric: None,
    },
    Column {
        name: "over_the_fence",
        unit: "cases",
        label: ("of which over the fence", "waarvan over de schutting"),
        kind: Kind::Sum(Daily::OverTheFence),
        metric: None,
    },
    Column {
        name: "acute_incidents",
        unit: "cases",
        label: ("acute incidents", "acute incidenten"),
        kind: Kind::Sum(Daily::AcuteCrises),
        metric: None,
    },
    Column {
        name: "escalations_ave4",
        unit: "cases",
        label: ("opschalingen naar AVE 4", "opschalingen naar AVE 4"),
        kind: Kind::Sum(Daily::EscalationsAve4),
        metric: None,
    },
    Column {
        name: "advice_consults",
        unit: "consults",
        label: ("advice consults", "adviesvragen"),
        kind: Kind::Sum(Daily::AdviceConsults),
        metric: Some(Metric::AdviceConsultsPerYear),
    },
    Column {
        name: "vhh_hours_held_mean",
        unit: "hours a week",
        label: (
            "procescoördinatoren's hours in use",
            "uren procescoördinatoren in gebruik",
        ),
        kind: Kind::Mean(Daily::VhhHoursHeld),
        metric: None,
    },
    Column {
        name: "vhh_waiting_mean",
        unit: "cases",
        label: (
            "cases waiting for procesregie",
            "casussen wachtend op procesregie",
        ),
        kind: Kind::Mean(Daily::VhhWaiting),
        metric: Some(Metric::VhhQueueMean),
    },
    Column {
        name: "vhh_hours_utilisation",
        unit: "share",
        label: (
            "procescoördinatoren's hours in use, share of the budget",
            "uren procescoördinatoren in gebruik, deel van de beschikbare uren",
        ),
        kind: Kind::Share(Daily::VhhHoursHeld, Daily::VhhBudget),
        metric: Some(Metric::VhhHoursUtilisation),
    },
    Column {
        name: "vhh_wait_days_mean",
        unit: "days",
        label: (
            "mean wait for procesregie",
            "gemiddelde wachttijd op procesregie",
        ),
        kind: Kind::Share(Daily::VhhWaitDays, Daily::VhhStarted),
        metric: Some(Metric::VhhWaitDaysMean),
    },
    Column {
        name: "wijkteam_waiting_mean",
        unit: "cases",
        label: (
            "cases waiting for a wijkteam",
            "casussen wachtend op een wijkteam",
        ),
        kind: Kind::Mean(Daily::WijkteamWaiting),
        metric: None,
    },
    Column {
        name: "wijkteam_wait_days_mean",
        unit: "days",
        label: (
            "mean wait for a wijkteam",
            "gemiddelde wachttijd op een wijkteam",
        ),
        kind: Kind::Share(Daily::WijkteamWaitDays, Daily::WijkteamStarted),
        metric: Some(Metric::WijkteamWaitDaysMean),
    },
    Column {
        name: "zsm_decisions",
        unit: "decisions",
        label: ("ZSM decisions", "ZSM-beslissingen"),
        kind: Kind::Sum(Daily::ZsmDecisions),
        metric: None,
    },
    Column {
        name: "zsm_within_target_share",
        unit: "share",
        label: (
            "ZSM decisions within the target",
            "ZSM-beslissingen binnen de termijn",
        ),
        kind: Kind::Share(Daily::ZsmWithinTarget, Daily::ZsmDecisions),
        metric: Some(Metric::ZsmWithinTargetShare),
    },
    Column {
        name: "zsm_informed_share",
        unit: "share",
        label: ("ZSM decisions with context", "ZSM-beslissingen met context"),
        kind: Kind::Share(Daily::ZsmInformed, Daily::ZsmKnownComplex),
        metric: Some(Metric::ZsmInformedShare),
    },
];

/// A calendar year of the measured period: the year, and its first and last day (day numbers
/// from day 0, the last included).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Year {
    /// The calendar year.
    pub year: i16,
    /// First day in the measured period.
    pub first_day: u32,
    /// Last day in the measured period.
    pub last_day: u32,
}

/// The calendar years the measured period touches, in order.
pub fn years(run: &RunParams) -> Vec<Year> {
    let mut out: Vec<Year> = Vec::new();
    for day in run.warmup_days..run.horizon_days {
        let year = run.date_of_day(i64::from(day)).year();
        match out.last_mut() {
            Some(y) if y.year == year => y.last_day = day,
            _ => out.push(Year {
                year,
                first_day: day,
                last_day: day,
            }),
        }
    }
    out
}

/// One replication's table: year × column, from its daily series.
pub fn table(daily: &[Vec<f32>], run: &RunParams) -> Vec<Vec<f64>> {
    let sum = |d: Daily, y: &Year| -> f64 {
        daily[d as usize]
            .get(y.first_day as usize..=y.last_day as usize)
            .map_or(0.0, |v| v.iter().map(|&x| f64::from(x)).sum())
    };
    years(run)
        .iter()
        .map(|y| {
            let days = f64::from(y.last_day - y.first_day + 1);
            COLUMNS
                .iter()
                .map(|c| match c.kind {
                    Kind::Sum(d) => sum(d, y),
                    Kind::Mean(d) => sum(d, y) / days,
                    Kind::Share(a, b) => {
                        let below = sum(b, y);
                        if below > 0.0 {
                            sum(a, y) / below
                        } else {
                            f64::NAN
                        }
                    }
                })
                .collect()
        })
        .collect()
}
