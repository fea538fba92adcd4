//! `[dynamics]`: Competing-risk rates for non-complex and complex cases.

use serde::{Deserialize, Serialize};

use crate::scenario::check::{Invalid, per_year};
use crate::scenario::register::{Evidence::*, key};

/// Rates per year in each state of a case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct StateRates {
    /// Resolution while waiting for a wijkteam slot (per year).
    pub resolution_waiting: f64,
    /// Resolution while served by the wijkteam, no VHH plan (per year).
    pub resolution_served: f64,
    /// Resolution in phase 3 before a plan (per year).
    pub resolution_escalated: f64,
    /// Resolution with a VHH plan in place (per year).
    pub resolution_planned: f64,
    /// Crisis while waiting for a wijkteam slot (per year).
    pub crisis_waiting: f64,
    /// Crisis while served by the wijkteam, no plan (per year).
    pub crisis_served: f64,
    /// Crisis in phase 3 before a plan (per year).
    pub crisis_escalated: f64,
    /// Crisis with a VHH plan in place (per year).
    pub crisis_planned: f64,
    /// Offences leading to a ZSM case (per year, any state in phase 2 or 3).
    pub offence: f64,
}

impl Default for StateRates {
    fn default() -> Self {
        Self::simple()
    }
}

impl StateRates {
    /// Baseline rates of a non-complex case.
    pub fn simple() -> Self {
        Self {
            resolution_waiting: 1.0,
            resolution_served: 2.2,
            resolution_escalated: 1.0,
            resolution_planned: 3.0,
            crisis_waiting: 0.004,
            crisis_served: 0.002,
            crisis_escalated: 0.01,
            crisis_planned: 0.002,
            offence: 0.05,
        }
    }
    /// Baseline rates of a complex case.
    pub fn complex() -> Self {
        Self {
            resolution_waiting: 0.3,
            resolution_served: 0.8,
            resolution_escalated: 0.6,
            resolution_planned: 2.0,
            crisis_waiting: 0.15,
            crisis_served: 0.06,
            crisis_escalated: 0.08,
            crisis_planned: 0.02,
            offence: 0.5,
        }
    }
}

section! {
    /// Competing-risk rates for non-complex and complex cases.
    pub struct Dynamics {
        /// Non-complex cases.
        simple: StateRates = StateRates::simple() => [
            key("simple.resolution_waiting", "per year", "non-complex: leaves the waiting list without help", Assumption("drop-out of ~1 a year while waiting")),
            key("simple.resolution_served", "per year", "non-complex: resolved by the wijkteam", Assumption("mean ~5.5 months of support")),
            key("simple.resolution_escalated", "per year", "non-complex in phase 3 before a plan", Assumption("unneeded escalations resolve slowly while waiting on the VHH")),
            key("simple.resolution_planned", "per year", "non-complex with a VHH plan", Assumption("a plan speeds up resolution")),
            key("simple.crisis_waiting", "per year", "non-complex: crisis while waiting", Study("phase 4 is rare for ordinary cases (5.3)")),
            key("simple.crisis_served", "per year", "non-complex: crisis while served", Study("phase 4 is rare for ordinary cases (5.3)")),
            key("simple.crisis_escalated", "per year", "non-complex: crisis in phase 3 before a plan", Assumption("small")),
            key("simple.crisis_planned", "per year", "non-complex: crisis with a plan", Assumption("small")),
            key("simple.offence", "per year", "non-complex: offences that bring the person to ZSM", Assumption("1 in 20 per year")),
        ],
        /// Complex cases (multi-domain, need a cross-chain approach).
        complex: StateRates = StateRates::complex() => [
            key("complex.resolution_waiting", "per year", "complex: resolves while waiting for a wijkteam", Assumption("complex cases rarely resolve alone")),
            key("complex.resolution_served", "per year", "complex: resolved by the wijkteam alone", Assumption("mean ~15 months without a cross-chain approach")),
            key("complex.resolution_escalated", "per year", "complex: resolves in phase 3 before a plan", Assumption("partners around the table already help")),
            key("complex.resolution_planned", "per year", "complex: resolves with a VHH plan", Study("down-scaling with a plan is what the VHH is for (2.5, 5.3.1); speed is an assumption: ~6 months")),
            key("complex.crisis_waiting", "per year", "complex: crisis while waiting for a wijkteam", Study("'keeps simmering, then it explodes' (5.3.2); rate is an assumption")),
            key("complex.crisis_served", "per year", "complex: crisis while served without plan", Study("'keeps simmering, then it explodes' (5.3.2); rate is an assumption")),
            key("complex.crisis_escalated", "per year", "complex: crisis in phase 3 before a plan", Assumption("lower than without escalation")),
            key("complex.crisis_planned", "per year", "complex: crisis with a VHH plan", Assumption("a plan makes crises rare")),
            key("complex.offence", "per year", "complex: offences that bring the person to ZSM", Calibrated("~100-150 known complex persons at ZSM a year; ZSM->VHH referrals 5-10 a year (5.2.2)")),
        ],
    }
}

/// Competing-risk rates of one kind of case, per hour. Index with [`RateState`].
#[derive(Debug, Clone, Copy)]
pub struct Rates {
    /// Resolution rate per state.
    pub resolution: [f64; 4],
    /// Crisis rate per state.
    pub crisis: [f64; 4],
    /// Offence rate.
    pub offence: f64,
}

/// The four rate states of a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(usize)]
pub enum RateState {
    /// Waiting for a wijkteam slot.
    Waiting = 0,
    /// Served by the wijkteam, no plan.
    Served = 1,
    /// Phase 3 before a plan.
    Escalated = 2,
    /// With a VHH plan.
    Planned = 3,
}

/// Competing-risk rates as the model uses them: non-complex (0) and complex (1) cases.
#[derive(Debug, Clone, Copy)]
pub struct DynamicsParams {
    /// Rates per kind of case.
    pub rates: [Rates; 2],
}

fn rates(key: &str, r: &StateRates) -> Result<Rates, Invalid> {
    let y = |name: &str, v: f64| per_year(&format!("{key}.{name}"), v);
    Ok(Rates {
        resolution: [
            y("resolution_waiting", r.resolution_waiting)?,
            y("resolution_served", r.resolution_served)?,
            y("resolution_escalated", r.resolution_escalated)?,
            y("resolution_planned", r.resolution_planned)?,
        ],
        crisis: [
            y("crisis_waiting", r.crisis_waiting)?,
            y("crisis_served", r.crisis_served)?,
            y("crisis_escalated", r.crisis_escalated)?,
            y("crisis_planned", r.crisis_planned)?,
        ],
        offence: y("offence", r.offence)?,
    })
}

impl Dynamics {
    pub(crate) fn compile(&self) -> Result<DynamicsParams, Invalid> {
        Ok(DynamicsParams {
            rates: [
                rates("dynamics.simple", &self.simple)?,
                rates("dynamics.complex", &self.complex)?,
            ],
        })
    }
}
