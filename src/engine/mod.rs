//! A small, domain-free discrete-event engine: the clock and event queue, opening-hours
//! calendars and seeded random streams. Nothing here knows what a wijkteam or a case is.

pub mod budget;
pub mod calendar;
pub mod line;
pub mod queue;
pub mod rng;

pub use budget::Budget;
pub use calendar::Calendar;
pub use queue::{EventQueue, Ranked, ScheduleError};
pub use rng::{Stream, StreamRng};

/// Hours in a day; the clock runs in hours from Monday 00:00.
pub const HOURS_PER_DAY: f64 = 24.0;

/// The day (a whole number, as f64) that time `t` (hours) falls in: `(t / 24).floor()`, without
/// the library call `floor` is on baseline x86-64 (one in twenty instructions of a run went
/// there). Exact: for 0 <= x < 2^52 truncation is the floor.
#[inline]
pub fn day_of(t: f64) -> f64 {
    let x = t / HOURS_PER_DAY;
    if (0.0..4.5e15).contains(&x) {
        (x as u64) as f64
    } else {
        x.floor()
    }
}
/// Hours in a (365-day) year, used to turn counts into yearly rates.
pub const HOURS_PER_YEAR: f64 = 365.0 * HOURS_PER_DAY;
/// Hours in a week.
pub const HOURS_PER_WEEK: f64 = 7.0 * HOURS_PER_DAY;
pub mod resource;
