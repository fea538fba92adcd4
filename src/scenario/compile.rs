//! From a checked scenario to [`Params`]: each section compiles itself (rates per hour,
//! calendars, samplers); the rules that combine them are the model's.

use super::Scenario;
use super::check::{Invalid, bad};
use super::sections::{
    advice::AdviceParams, arrivals::ArrivalsParams, ave4::Ave4Params, case::CaseParams,
    criteria::CriteriaParams, dynamics::DynamicsParams, growth::GrowthParams, link::LinkParams,
    overflow::OverflowParams, run::RunParams, stagnation::StagnationParams, vhh::VhhParams,
    wijkteam::WijkteamParams, zsm::ZsmParams,
};
use crate::both;

/// A validated scenario, compiled for the model, nested by section.
#[derive(Debug, Clone)]
pub struct Params {
    /// Run control.
    pub run: RunParams,
    /// Arrival streams.
    pub arrivals: ArrivalsParams,
    /// Growth of the social stream.
    pub growth: GrowthParams,
    /// Case attributes at entry.
    pub case: CaseParams,
    /// Competing-risk rates.
    pub dynamics: DynamicsParams,
    /// Wijkteams.
    pub wijkteam: WijkteamParams,
    /// Stalled cooperation.
    pub stagnation: StagnationParams,
    /// Op- en afschalingscriteria.
    pub criteria: CriteriaParams,
    /// Overflow from wijkteams that cannot cope.
    pub overflow: OverflowParams,
    /// Advice function.
    pub advice: AdviceParams,
    /// Veiligheidshuis.
    pub vhh: VhhParams,
    /// Acute incidents and AVE 4.
    pub ave4: Ave4Params,
    /// ZSM table.
    pub zsm: ZsmParams,
    /// Information links.
    pub link: LinkParams,
    /// The parameters from each moment something changes (hours from day 0), in order;
    /// empty when nothing changes during the run.
    pub changes: std::sync::Arc<Vec<(f64, Params)>>,
}

impl Params {
    /// The same parameters with another horizon (a pilot, an estimate).
    pub fn with_horizon_days(&self, days: u32) -> Self {
        Self {
            run: self.run.with_horizon_days(days),
            ..self.clone()
        }
    }
}

/// A name that can name an output folder: up to 100 bytes of letters, digits, '-', '_' or
/// '.', not starting with '.'.
fn check_name(name: &str) -> Result<(), Invalid> {
    if name.is_empty()
        || name.starts_with('.')
        || name.len() > 100
        || name
            .chars()
            .any(|c| !(c.is_alphanumeric() || c == '-' || c == '_' || c == '.'))
    {
        return Err(bad(
            "name",
            both!(
                "`{name}` cannot name an output folder: use up to 100 letters, digits, '-', '_' or '.', not starting with '.'",
                "`{name}` kan geen map voor resultaten heten: gebruik hoogstens 100 letters, cijfers, '-', '_' of '.', niet beginnend met '.'"
            ),
        ));
    }
    Ok(())
}

/// Check every key and compile the scenario.
pub fn compile(s: &Scenario) -> Result<Params, Invalid> {
    check_name(&s.name)?;
    s.governance.check()?;
    let mut p = Params {
        run: s.run.compile()?,
        arrivals: s.arrivals.compile()?,
        growth: s.growth.compile()?,
        case: s.case.compile()?,
        dynamics: s.dynamics.compile()?,
        wijkteam: s.wijkteam.compile()?,
        stagnation: s.stagnation.compile()?,
        criteria: s.criteria.compile()?,
        overflow: s.overflow.compile()?,
        advice: s.advice.compile()?,
        vhh: s.vhh.compile()?,
        ave4: s.ave4.compile()?,
        zsm: s.zsm.compile()?,
        link: s.link.compile()?,
        changes: Default::default(),
    };
    // Every desk's week starts on the weekday of day 0.
    let w = p.run.first_weekday;
    for cal in [&mut p.wijkteam.hours, &mut p.vhh.hours, &mut p.zsm.hours] {
        *cal = cal.clone().starting_on(w);
    }
    Ok(p)
}
