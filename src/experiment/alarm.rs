//! Alarms: a threshold on a headline metric (`vhh_hours_utilisation>0.9`), checked over the
//! points of a sweep (the first point that passes it) and over the calendar years of a run
//! (the first year that passes it), so that "in which year does the VHH run out?" and "at
//! which growth?" have direct answers.

use crate::both;
use crate::lang::{Lang, Text};
use crate::model::metrics::{METRICS, Metric};
use crate::model::yearly::{COLUMNS, Kind, years};
use crate::scenario::sections::run::RunParams;

use super::RunResults;

/// A threshold on a headline metric: `metric>value` or `metric<value`.
#[derive(Debug, Clone, PartialEq)]
pub struct Alarm {
    /// The metric.
    pub metric: Metric,
    /// True for `>`, false for `<`.
    pub above: bool,
    /// Threshold.
    pub value: f64,
}

impl Alarm {
    /// Parse `metric>value` or `metric<value`.
    pub fn parse(raw: &str) -> Result<Self, Text> {
        let (name, value, above) = if let Some((n, v)) = raw.split_once('>') {
            (n, v, true)
        } else if let Some((n, v)) = raw.split_once('<') {
            (n, v, false)
        } else {
            return Err(both!(
                "--alarm {raw}: expected metric>value or metric<value, e.g. 'vhh_hours_utilisation>0.9' (in quotes)",
                "--alarm {raw}: verwacht maat>waarde of maat<waarde, bijvoorbeeld 'vhh_hours_utilisation>0.9' (tussen aanhalingstekens)"
            ));
        };
        let name = name.trim();
        let Some(metric) = Metric::from_name(name) else {
            let names: Vec<&str> = METRICS.iter().map(|m| m.name).collect();
            let names = names.join(", ");
            let guess = Metric::closest(name)
                .map_or(String::new(), |m| format!("; did you mean `{}`?", m.name()));
            let gok = Metric::closest(name)
                .map_or(String::new(), |m| format!("; bedoelt u `{}`?", m.name()));
            return Err(both!(
                "--alarm {raw}: `{name}` is not a metric{guess} (allowed: {names})",
                "--alarm {raw}: `{name}` is geen uitkomstmaat{gok} (toegestaan: {names})"
            ));
        };
        let value: f64 = value
            .trim()
            .parse()
            .ok()
            .filter(|v: &f64| v.is_finite())
            .ok_or_else(|| {
                let v = value.trim();
                if crate::scenario::decimal_comma(v) {
                    let point = v.replace(',', ".");
                    both!(
                        "--alarm {raw}: `{v}` is not a number (write {point} with a decimal point)",
                        "--alarm {raw}: `{v}` is geen getal (schrijf {point} met een decimale punt)"
                    )
                } else {
                    both!(
                        "--alarm {raw}: `{v}` is not a number",
                        "--alarm {raw}: `{v}` is geen getal"
                    )
                }
            })?;
        Ok(Self {
            metric,
            above,
            value,
        })
    }

    /// The default alarms: VHH hours above 90% used, mean wait for procesregie above a week,
    /// and — so that the wijkteams are watched too — a mean wait for a wijkteam above two
    /// weeks (thresholds of ours, grade C: the study names none).
    pub fn defaults() -> Vec<Alarm> {
        vec![
            Alarm {
                metric: Metric::VhhHoursUtilisation,
                above: true,
                value: 0.9,
            },
            Alarm {
                metric: Metric::VhhWaitDaysMean,
                above: true,
                value: 7.0,
            },
            Alarm {
                metric: Metric::WijkteamWaitDaysMean,
                above: true,
                value: 14.0,
            },
        ]
    }

    /// Parse each of `raw`; none given: the defaults.
    pub fn parse_all(raw: &[String]) -> Result<Vec<Alarm>, Text> {
        if raw.is_empty() {
            Ok(Alarm::defaults())
        } else {
            raw.iter().map(|a| Alarm::parse(a)).collect()
        }
    }

    /// "> 90%" or "< 7": the comparison and the threshold as people read them.
    pub fn sign_and_value(&self, lang: Lang) -> String {
        let m = self.metric;
        let value = if m.is_share() {
            format!("{}%", lang.num(&crate::format::message(100.0 * self.value)))
        } else {
            format!(
                "{}{}",
                lang.num(&crate::format::message(self.value)),
                m.short_unit(lang)
            )
        };
        format!("{} {value}", if self.above { ">" } else { "<" })
    }

    /// The alarm in words, with its id as `--alarm` takes it: "VHH hours in use > 90%
    /// (vhh_hours_utilisation > 0.9)".
    pub fn words(&self, lang: Lang) -> String {
        format!(
            "{} {} ({self})",
            self.metric.label(lang),
            self.sign_and_value(lang)
        )
    }

    /// Whether a mean sets the alarm off.
    pub fn fires(&self, mean: f64) -> bool {
        if self.above {
            mean > self.value
        } else {
            mean < self.value
        }
    }

    /// The index of the first point whose mean sets the alarm off.
    pub fn first(&self, results: &[RunResults]) -> Option<usize> {
        results
            .iter()
            .position(|r| self.fires(r.metric(self.metric).mean))
    }

    /// Where the alarm first fires over the points of a sweep, or how close it came.
    pub fn evaluate(&self, results: &[RunResults]) -> AlarmFinding {
        match self.first(results) {
            Some(k) => AlarmFinding::First(k),
            None => AlarmFinding::NotReached(
                results
                    .iter()
                    .enumerate()
                    .map(|(k, r)| (k, r.metric(self.metric).mean))
                    .filter(|(_, m)| m.is_finite())
                    .max_by(|a, b| {
                        if self.above {
                            a.1.total_cmp(&b.1)
                        } else {
                            b.1.total_cmp(&a.1)
                        }
                    }),
            ),
        }
    }
}

/// What an alarm found in a sweep.
#[derive(Debug, Clone, PartialEq)]
pub enum AlarmFinding {
    /// The first point (index) whose mean passes the threshold.
    First(usize),
    /// Never passed; the point that came closest and its mean, if any.
    NotReached(Option<(usize, f64)>),
}

impl std::fmt::Display for Alarm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {} {}",
            self.metric.name(),
            if self.above { ">" } else { "<" },
            self.value
        )
    }
}

/// What an alarm found year by year in one run.
#[derive(Debug, Clone, PartialEq)]
pub enum YearFinding {
    /// The first calendar year whose mean passes the threshold.
    First(i16),
    /// No year passes it; the year that came closest and its value, if any.
    Never(Option<(i16, f64)>),
    /// The metric has no year-by-year form in `yearly.csv`: its mean over the whole measured
    /// period, and whether that passes the threshold.
    NotPerYear {
        /// The mean over the measured period (over replications).
        mean: f64,
        /// Whether it passes the threshold.
        fires: bool,
    },
}

impl Alarm {
    /// The first calendar year of the measured period in which the year's mean (over
    /// replications) passes the threshold: the metric's column in `yearly.csv`, a count
    /// scaled to a full year when the period cuts the year.
    pub fn first_year(&self, results: &RunResults, run: &RunParams) -> YearFinding {
        let Some(k) = COLUMNS.iter().position(|c| c.metric == Some(self.metric)) else {
            let mean = results.metric(self.metric).mean;
            return YearFinding::NotPerYear {
                mean,
                fires: mean.is_finite() && self.fires(mean),
            };
        };
        let mut closest: Option<(i16, f64)> = None;
        for (y, row) in years(run).iter().zip(&results.yearly) {
            let Some(cell) = row.get(k) else { continue };
            let mut v = cell.mean;
            if matches!(COLUMNS[k].kind, Kind::Sum(_)) {
                let days = f64::from(y.last_day - y.first_day + 1);
                let in_year = if jiff::civil::date(y.year, 1, 1).in_leap_year() {
                    366.0
                } else {
                    365.0
                };
                v *= in_year / days;
            }
            if !v.is_finite() {
                continue;
            }
            if self.fires(v) {
                return YearFinding::First(y.year);
            }
            let nearer = closest.is_none_or(|(_, c)| if self.above { v > c } else { v < c });
            if nearer {
                closest = Some((y.year, v));
            }
        }
        YearFinding::Never(closest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alarms_parse_and_name_unknown_metrics() {
        let a = Alarm::parse("vhh_hours_utilisation>0.9").unwrap();
        assert!(a.fires(0.95) && !a.fires(0.85));
        assert!(
            Alarm::parse("vhh_hours_utilization>0.9")
                .unwrap_err()
                .en
                .contains("not a metric")
        );
    }
}
