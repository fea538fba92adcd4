//! `[run]`: Run control: the calendar date the measured period starts, horizon, warm-up,
//! replications, seed, threads.

use jiff::civil::Date;

use crate::both;
use crate::engine::HOURS_PER_DAY;
use crate::lang::Text;
use crate::scenario::check::{Invalid, bad, capacity};
use crate::scenario::register::{Evidence::*, key};

section! {
    /// Run control: start date, horizon, warm-up, replications, seed, threads.
    pub struct Run {
        /// Calendar date the measured period starts; the warm-up runs before it.
        start_date: String = "2015-01-01".into() => [
            key("start_date", "date YYYY-MM-DD", "first day of the measured period; the warm-up runs before it", Control).nl("eerste dag van de gemeten periode; de inloopperiode gaat eraan vooraf", "", ""),
        ],
        /// Simulated days per replication, warm-up included.
        horizon_days: u32 = 3650 => [
            key("horizon_days", "days", "simulated days per replication, warm-up included", Control).nl("gesimuleerde dagen per herhaling, inclusief de inloopperiode", "", ""),
        ],
        /// Days discarded before statistics are collected.
        warmup_days: u32 = 365 => [
            key("warmup_days", "days", "days discarded before statistics start", Control).nl("dagen die niet meetellen voordat de statistieken beginnen", "", ""),
        ],
        /// Independent replications.
        replications: u32 = 30 => [
            key("replications", "count", "independent replications", Control).nl("onafhankelijke herhalingen", "", ""),
        ],
        /// Master seed.
        seed: u64 = 20150101 => [
            key("seed", "integer", "master seed of all random streams", Control).nl("hoofdseed van alle toevalsreeksen", "", ""),
        ],
        /// Worker threads (0 = all cores); never changes results.
        threads: u32 = 0 => [
            key("threads", "count", "worker threads, 0 = all cores; never changes results", Control).nl("rekenthreads, 0 = alle kernen; verandert de uitkomsten nooit", "", ""),
        ],
    }
}

/// Run control as the experiment and the model use it.
#[derive(Debug, Clone)]
pub struct RunParams {
    /// First day of the measured period.
    pub start_date: Date,
    /// The date of day 0 (midnight at t = 0): the start date less the warm-up.
    pub origin: Date,
    /// Weekday of day 0 (0 = Monday).
    pub first_weekday: u8,
    /// Horizon (hours).
    pub horizon_h: f64,
    /// Warm-up (hours).
    pub warmup_h: f64,
    /// Horizon (days).
    pub horizon_days: u32,
    /// Warm-up (days).
    pub warmup_days: u32,
    /// Replications.
    pub replications: u32,
    /// Master seed.
    pub seed: u64,
    /// Worker threads (0 = all cores).
    pub threads: u32,
}

impl RunParams {
    /// The calendar date of simulated day `day` (day 0 is the first day of the warm-up).
    pub fn date_of_day(&self, day: i64) -> Date {
        self.origin
            .checked_add(jiff::Span::new().days(day))
            .unwrap_or(self.origin)
    }

    /// The weekday (0 = Monday) at time `t` (hours).
    #[inline]
    pub fn weekday_at(&self, t: f64) -> usize {
        (crate::engine::day_of(t) as i64 + i64::from(self.first_weekday)).rem_euclid(7) as usize
    }

    /// The date of time `t` (hours), as YYYY-MM-DD.
    pub fn date_at(&self, t: f64) -> String {
        self.date_of_day(crate::engine::day_of(t) as i64)
            .to_string()
    }

    /// The date and clock time of time `t` (hours), as YYYY-MM-DD HH:MM.
    pub fn datetime_at(&self, t: f64) -> String {
        let day = crate::engine::day_of(t);
        let minutes = ((t - day * HOURS_PER_DAY) * 60.0).floor() as i64;
        format!(
            "{} {:02}:{:02}",
            self.date_of_day(day as i64),
            minutes / 60,
            minutes % 60
        )
    }

    /// Hours from t = 0 to midnight at the start of `date`.
    pub fn hours_until(&self, date: Date) -> f64 {
        date.since(self.origin)
            .map_or(0.0, |s| f64::from(s.get_days()))
            * HOURS_PER_DAY
    }

    /// The same run control with another horizon and a warm-up of at most half of it.
    pub fn with_horizon_days(&self, days: u32) -> Self {
        let horizon_days = days.max(1);
        let warmup_days = self.warmup_days.min(horizon_days / 2);
        let origin = self
            .start_date
            .checked_sub(jiff::Span::new().days(i64::from(warmup_days)))
            .unwrap_or(self.start_date);
        Self {
            origin,
            first_weekday: origin.weekday().to_monday_zero_offset() as u8,
            horizon_h: f64::from(horizon_days) * HOURS_PER_DAY,
            warmup_h: f64::from(warmup_days) * HOURS_PER_DAY,
            horizon_days,
            warmup_days,
            ..self.clone()
        }
    }
}

impl Run {
    pub(crate) fn compile(&self) -> Result<RunParams, Invalid> {
        if self.horizon_days == 0 || self.horizon_days > 36_500 {
            return Err(bad("run.horizon_days", {
                let v = self.horizon_days;
                both!(
                    "allowed 1 to 36500 days, got {v}",
                    "toegestaan 1 tot 36500 dagen, gegeven {v}"
                )
            }));
        }
        if self.warmup_days >= self.horizon_days {
            return Err(bad("run.warmup_days", {
                let (w, h) = (self.warmup_days, self.horizon_days);
                both!(
                    "warm-up ({w} days) must be shorter than the horizon ({h} days)",
                    "de inloopperiode ({w} dagen) moet korter zijn dan de looptijd ({h} dagen)"
                )
            }));
        }
        capacity("run.replications", self.replications, 100_000)?;
        if self.threads > 1024 {
            return Err(bad("run.threads", {
                let v = self.threads;
                both!(
                    "allowed 0 (all cores) to 1024, got {v}",
                    "toegestaan 0 (alle kernen) tot 1024, gegeven {v}"
                )
            }));
        }
        let start_date: Date = self.start_date.trim().parse().map_err(|_| {
            bad("run.start_date", {
                let d = crate::text::one_line(&self.start_date);
                both!(
                    "`{d}` is not a date: write YYYY-MM-DD, e.g. \"2015-01-01\"",
                    "`{d}` is geen datum: schrijf JJJJ-MM-DD, bijvoorbeeld \"2015-01-01\""
                )
            })
        })?;
        if !(1900..=2200).contains(&start_date.year()) {
            return Err(bad(
                "run.start_date",
                both!(
                    "allowed from 1900 to 2200, got {start_date}",
                    "toegestaan van 1900 tot 2200, gegeven {start_date}"
                ),
            ));
        }
        let origin = start_date
            .checked_sub(jiff::Span::new().days(i64::from(self.warmup_days)))
            .map_err(|_| {
                bad(
                    "run.warmup_days",
                    Text::new(
                        "reaches before the year 1900",
                        "reikt tot vóór het jaar 1900",
                    ),
                )
            })?;
        Ok(RunParams {
            start_date,
            origin,
            first_weekday: origin.weekday().to_monday_zero_offset() as u8,
            horizon_h: f64::from(self.horizon_days) * HOURS_PER_DAY,
            warmup_h: f64::from(self.warmup_days) * HOURS_PER_DAY,
            horizon_days: self.horizon_days,
            warmup_days: self.warmup_days,
            replications: self.replications,
            seed: self.seed,
            threads: self.threads,
        })
    }
}
