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
/// Hours in a (365-day) year, used to turn counts into yearly rates.
pub const HOURS_PER_YEAR: f64 = 365.0 * HOURS_PER_DAY;
/// Hours in a week.
pub const HOURS_PER_WEEK: f64 = 7.0 * HOURS_PER_DAY;
pub mod resource;
