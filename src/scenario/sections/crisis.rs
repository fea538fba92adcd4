//! `[crisis]`: Phase 4.

use crate::engine::HOURS_PER_DAY;
use crate::scenario::DurationSpec;
use crate::scenario::check::{Duration, Invalid, duration};
use crate::scenario::register::{Evidence::*, key};

section! {
    /// Phase 4.
    pub struct Crisis {
        /// Days the mayor / driehoek leads a crisis.
        handling_days: DurationSpec = DurationSpec::gamma(14.0, 0.5) => [
            key("handling_days", "days", "mayor / driehoek leads a crisis", Study("phase 4: mayor leads, driehoek (5.3); duration is an assumption")),
        ],
    }
}

/// Phase 4 as the model uses it.
#[derive(Debug, Clone, Copy)]
pub struct CrisisParams {
    /// How long the mayor / driehoek leads.
    pub handling: Duration,
}

impl Crisis {
    pub(crate) fn compile(&self) -> Result<CrisisParams, Invalid> {
        Ok(CrisisParams {
            handling: duration("crisis.handling_days", &self.handling_days, HOURS_PER_DAY)?,
        })
    }
}
