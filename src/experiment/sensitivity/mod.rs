//! Which assumptions carry a result: global screening with the method of Morris over every
//! assumption that has a plausible range.

pub mod morris;
