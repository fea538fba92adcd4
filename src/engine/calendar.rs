//! Opening-hours calendars: the weekly hours in which a desk's staff can start work.
//!
//! Time is in hours from midnight of day 0; the calendar knows which weekday day 0 is. A
//! calendar opens on the same hours every open day of the week; a calendar open every day
//! from 00:00 to 24:00 is always open.

use super::HOURS_PER_DAY;

/// True for a finite time small enough that days still have distinct hours in f64
/// (beyond ~100,000 years nothing runs anyway).
fn in_range(t: f64) -> bool {
    t.abs() < 1e12
}

/// Weekly opening hours of a desk (the same hours on every open weekday).
#[derive(Debug, Clone, PartialEq)]
pub struct Calendar {
    days: [bool; 7],
    open: f64,
    close: f64,
    always: bool,
    /// Weekday of day 0 (0 = Monday).
    first_weekday: i64,
}

/// Why a calendar is invalid.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CalendarError {
    /// No weekday is open.
    #[error("no open weekday")]
    NoDays,
    /// Opening and closing hours are out of order or out of range.
    #[error("opening {open} h and closing {close} h are not 0 <= open < close <= 24")]
    BadHours {
        /// Opening hour.
        open: f64,
        /// Closing hour.
        close: f64,
    },
}

impl Calendar {
    /// A calendar open on `days` (Monday first) from `open` to `close` hours.
    pub fn new(days: [bool; 7], open: f64, close: f64) -> Result<Self, CalendarError> {
        if !days.iter().any(|&d| d) {
            return Err(CalendarError::NoDays);
        }
        if !(open.is_finite() && close.is_finite() && 0.0 <= open && open < close && close <= 24.0)
        {
            return Err(CalendarError::BadHours { open, close });
        }
        let always = days.iter().all(|&d| d) && open == 0.0 && close == 24.0;
        Ok(Self {
            days,
            open,
            close,
            always,
            first_weekday: 0,
        })
    }

    /// The same hours, with day 0 falling on `weekday` (0 = Monday .. 6 = Sunday).
    pub fn starting_on(mut self, weekday: u8) -> Self {
        self.first_weekday = i64::from(weekday % 7);
        self
    }

    /// A desk that never closes.
    pub fn always_open() -> Self {
        Self {
            days: [true; 7],
            open: 0.0,
            close: 24.0,
            always: true,
            first_weekday: 0,
        }
    }

    /// True if the desk never closes.
    pub fn is_always_open(&self) -> bool {
        self.always
    }

    /// Open hours per open day.
    pub fn hours_per_day(&self) -> f64 {
        self.close - self.open
    }

    fn day_open(&self, day: f64) -> bool {
        self.days[((day as i64) + self.first_weekday).rem_euclid(7) as usize]
    }

    /// True if the desk is open at time `t`.
    pub fn is_open(&self, t: f64) -> bool {
        if self.always {
            return true;
        }
        let day = crate::engine::day_of(t);
        let h = t - day * HOURS_PER_DAY;
        self.day_open(day) && self.open <= h && h < self.close
    }

    /// The first instant at or after `t` at which the desk is open.
    pub fn next_open(&self, t: f64) -> f64 {
        // Beyond ~100,000 years days no longer have distinct f64 hours; nothing runs there.
        if self.always || !in_range(t) {
            return t;
        }
        let day = crate::engine::day_of(t);
        for k in 0..8 {
            let d = day + k as f64;
            if !self.day_open(d) {
                continue;
            }
            let start = d * HOURS_PER_DAY + self.open;
            let end = d * HOURS_PER_DAY + self.close;
            if t < end {
                return t.max(start);
            }
        }
        unreachable!("a valid calendar opens at least once a week")
    }

    /// The first moment the desk opens at or after t = 0 (t = 0 itself if open then).
    pub fn first_opening(&self) -> Option<f64> {
        // Just before 0, so that a desk open at 0 counts as opening at 0.
        self.next_opening_after(-1e-9).map(|t| t.max(0.0))
    }

    /// The next opening instant strictly after `t`, or `None` for an always-open desk.
    pub fn next_opening_after(&self, t: f64) -> Option<f64> {
        if self.always || !in_range(t) {
            return None;
        }
        let day = crate::engine::day_of(t);
        (0..9)
            .map(|k| day + k as f64)
            .filter(|&d| self.day_open(d))
            .map(|d| d * HOURS_PER_DAY + self.open)
            .find(|&start| start > t)
    }

    /// The instant reached after `hours` of open time, counted from `t`.
    pub fn add_open_hours(&self, t: f64, hours: f64) -> f64 {
        if self.always {
            return t + hours;
        }
        let mut now = self.next_open(t);
        let mut left = hours.max(0.0);
        if !(in_range(now) && in_range(left)) {
            return now + left;
        }
        // Whole weeks first: from an open instant, a week later is the same open instant.
        let weekly = self.days.iter().filter(|&&d| d).count() as f64 * self.hours_per_day();
        let weeks = (left / weekly).floor();
        if weeks >= 1.0 {
            now += weeks * 7.0 * HOURS_PER_DAY;
            left -= weeks * weekly;
        }
        loop {
            let day = crate::engine::day_of(now);
            let end = day * HOURS_PER_DAY + self.close;
            let avail = end - now;
            if left <= avail {
                return now + left;
            }
            left -= avail;
            now = self.next_open(end);
        }
    }

    /// Open hours within `[a, b)`.
    pub fn open_hours_between(&self, a: f64, b: f64) -> f64 {
        if b.partial_cmp(&a) != Some(std::cmp::Ordering::Greater) {
            return 0.0;
        }
        if self.always {
            return b - a;
        }
        let first = crate::engine::day_of(a) as i64;
        let last = crate::engine::day_of(b) as i64;
        (first..=last)
            .filter(|&d| self.day_open(d as f64))
            .map(|d| {
                let start = d as f64 * HOURS_PER_DAY + self.open;
                let end = d as f64 * HOURS_PER_DAY + self.close;
                (end.min(b) - start.max(a)).max(0.0)
            })
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_zero_can_fall_on_any_weekday() {
        // Day 0 a Thursday: days 2 and 3 are the weekend.
        let office = Calendar::new([true, true, true, true, true, false, false], 8.0, 17.0)
            .unwrap()
            .starting_on(3);
        assert!(office.is_open(9.0) && office.is_open(24.0 + 9.0));
        assert!(!office.is_open(2.0 * 24.0 + 9.0) && !office.is_open(3.0 * 24.0 + 9.0));
        assert_eq!(office.next_open(2.0 * 24.0), 4.0 * 24.0 + 8.0);
    }

    fn office() -> Calendar {
        let mut days = [true; 7];
        days[5] = false;
        days[6] = false;
        Calendar::new(days, 8.5, 17.0).unwrap()
    }

    #[test]
    fn office_hours_open_and_close() {
        let c = office();
        assert!(!c.is_open(8.0));
        assert!(c.is_open(8.5));
        assert!(!c.is_open(17.0));
        assert!(!c.is_open(5.0 * 24.0 + 10.0)); // Saturday
        assert_eq!(c.next_open(18.0), 24.0 + 8.5);
        assert_eq!(c.next_open(4.0 * 24.0 + 18.0), 7.0 * 24.0 + 8.5); // Friday evening
        assert_eq!(c.next_opening_after(8.5), Some(24.0 + 8.5));
    }

    #[test]
    fn open_hours_carry_over_closures() {
        let c = office();
        // Friday 16:00 + 2 open hours = Monday 09:30.
        assert_eq!(c.add_open_hours(4.0 * 24.0 + 16.0, 2.0), 7.0 * 24.0 + 9.5);
        assert_eq!(c.open_hours_between(0.0, 7.0 * 24.0), 5.0 * 8.5);
    }

    #[test]
    fn bad_hours_are_refused() {
        assert!(Calendar::new([true; 7], 17.0, 8.0).is_err());
        assert!(Calendar::new([false; 7], 8.0, 17.0).is_err());
        assert!(
            Calendar::new([true; 7], 0.0, 24.0)
                .unwrap()
                .is_always_open()
        );
    }
}
