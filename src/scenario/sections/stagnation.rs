//! `[stagnation]`: What stalled cooperation does to a case while nobody acts on it.

use crate::scenario::check::{Invalid, factor};
use crate::scenario::register::{b, key};

section! {
    /// What stalled cooperation does to a case (§5.3 l.2811: "stagnerende samenwerking").
    pub struct Stagnation {
        /// Factor on the resolution rate while cooperation is stalled.
        resolution_factor: f64 = 0.5 => [
            key("resolution_factor", "factor", "resolution while cooperation is stalled", b("§5.3 l.2926", "wanneer er geen voortgang is", "no progress: resolution slows; halving it is assumed")).range(0.2, 0.8, "progress slows to a fifth up to four fifths").nl("oplossen van de casus bij stagnerende samenwerking", "geen voortgang: de casus lost langzamer op; halvering is aangenomen", "de voortgang zakt naar een vijfde tot vier vijfde"),
        ],
        /// Factor on the acute-incident rate while cooperation is stalled.
        incident_factor: f64 = 2.0 => [
            key("incident_factor", "factor", "acute incidents while cooperation is stalled", b("§5.3.2 l.3164", "waardoor het te lang blijft sudderen. En dan wordt het te groot en ontploft het", "a stalled case simmers and explodes; doubling is assumed")).range(1.2, 4.0, "a fifth more up to four times as many").nl("acute incidenten bij stagnerende samenwerking", "een vastgelopen casus blijft sudderen en ontploft; verdubbeling is aangenomen", "een vijfde meer tot vier keer zoveel"),
        ],
    }
}

/// Stalled cooperation as the model uses it.
#[derive(Debug, Clone, Copy)]
pub struct StagnationParams {
    /// Factor on resolution.
    pub resolution_factor: f64,
    /// Factor on acute incidents.
    pub incident_factor: f64,
}

impl Stagnation {
    pub(crate) fn compile(&self) -> Result<StagnationParams, Invalid> {
        Ok(StagnationParams {
            resolution_factor: factor("stagnation.resolution_factor", self.resolution_factor)?,
            incident_factor: factor("stagnation.incident_factor", self.incident_factor)?,
        })
    }
}
