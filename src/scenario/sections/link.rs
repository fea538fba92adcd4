//! `[link]`: Information links.

use serde::{Deserialize, Serialize};

use crate::scenario::DurationSpec;
use crate::scenario::check::{Duration, Invalid, duration, prob};
use crate::scenario::register::{Evidence::*, key};

/// Kind of information link between VHH and ZSM.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum System {
    /// Different systems bridged via a third (BVH): advice sinks away.
    Bridged,
    /// One shared system (GCOS) with an agreed advice format.
    Shared,
    /// Joint registration, co-located (ZSM+).
    Joint,
}

section! {
    /// Information links.
    pub struct Link {
        /// `bridged`, `shared` or `joint`.
        system: System = System::Bridged => [
            key("system", "bridged | shared | joint", "information system between VHH and ZSM", Study("Fryslan GCOS and Groningen VIS2 bridged via BVH (5.2.1)")),
        ],
        /// Probability ZSM reads VHH advice on file, bridged systems.
        read_prob_bridged: f64 = 0.15 => [
            key("read_prob_bridged", "probability", "ZSM reads VHH advice, bridged systems", Study("advice 'sinks away' among BVH mutations (5.2.1); size is an assumption")),
        ],
        /// Same, one shared system.
        read_prob_shared: f64 = 0.5 => [
            key("read_prob_shared", "probability", "ZSM reads VHH advice, one shared system", Study("GCOS with agreed advice format (6.1, 6.2); size is an assumption")),
        ],
        /// Same, joint registration.
        read_prob_joint: f64 = 0.85 => [
            key("read_prob_joint", "probability", "ZSM reads VHH advice, joint registration", Study("co-location in Rotterdam clearly raised awareness (6.5); size is an assumption")),
        ],
        /// A fixed contact person / daily call at ZSM.
        contact_person: bool = false => [
            key("contact_person", "switch", "a fixed contact person at ZSM", Study("recommendation 3 (7.3); Hollands Midden appoints chain-process coordinators (6.4)")),
        ],
        /// Share of the unread (and unreferred) remainder a contact person recovers.
        contact_person_gain: f64 = 0.4 => [
            key("contact_person_gain", "share", "share of the unread remainder a contact person recovers", Assumption("awareness is person-dependent (6.2, 6.7)")),
        ],
        /// Wijkteams can flag a person for ZSM via the VHH service desk.
        wijkteam_flag: bool = false => [
            key("wijkteam_flag", "switch", "wijkteams can flag a person for ZSM", Study("Midden-Brabant via the service desk in GCOS (6.2)")),
        ],
        /// Probability a recognised complex case is flagged (when the flag exists).
        flag_prob: f64 = 0.5 => [
            key("flag_prob", "probability", "a recognised complex case gets flagged", Assumption("half")),
        ],
        /// Probability ZSM reads a flag.
        flag_read_prob: f64 = 0.7 => [
            key("flag_read_prob", "probability", "ZSM's triage sees a flag", Assumption("flags show at arrest")),
        ],
        /// Probability ZSM reports its decision on a VHH case back to the VHH.
        feedback_prob: f64 = 0.0 => [
            key("feedback_prob", "probability", "ZSM reports its decision on a VHH case", Study("no feedback in Noord-Nederland, 'one-way traffic' (5.2.2)")),
        ],
        /// Delay of that feedback (hours).
        feedback_delay_hours: DurationSpec = DurationSpec::gamma(24.0, 0.7) => [
            key("feedback_delay_hours", "hours", "delay of that feedback", Study("'easily pushed a day' under workload (6.1)")),
        ],
    }
}

/// Information links as the model uses them (the rules that combine them live in
/// `model::zsm`).
#[derive(Debug, Clone, Copy)]
pub struct LinkParams {
    /// Kind of system between VHH and ZSM.
    pub system: System,
    /// P(ZSM reads VHH advice), bridged systems.
    pub read_prob_bridged: f64,
    /// Same, one shared system.
    pub read_prob_shared: f64,
    /// Same, joint registration.
    pub read_prob_joint: f64,
    /// A fixed contact person at ZSM.
    pub contact_person: bool,
    /// Share of the unread remainder a contact person recovers.
    pub contact_gain: f64,
    /// Wijkteam flag link on.
    pub flag_enabled: bool,
    /// P(recognised complex case flagged).
    pub flag_prob: f64,
    /// P(flag read).
    pub flag_read_prob: f64,
    /// P(feedback on a VHH case).
    pub feedback_prob: f64,
    /// Feedback delay.
    pub feedback_delay: Duration,
}

impl Link {
    pub(crate) fn compile(&self) -> Result<LinkParams, Invalid> {
        Ok(LinkParams {
            system: self.system,
            read_prob_bridged: prob("link.read_prob_bridged", self.read_prob_bridged)?,
            read_prob_shared: prob("link.read_prob_shared", self.read_prob_shared)?,
            read_prob_joint: prob("link.read_prob_joint", self.read_prob_joint)?,
            contact_person: self.contact_person,
            contact_gain: prob("link.contact_person_gain", self.contact_person_gain)?,
            flag_enabled: self.wijkteam_flag,
            flag_prob: prob("link.flag_prob", self.flag_prob)?,
            flag_read_prob: prob("link.flag_read_prob", self.flag_read_prob)?,
            feedback_prob: prob("link.feedback_prob", self.feedback_prob)?,
            feedback_delay: duration("link.feedback_delay_hours", &self.feedback_delay_hours, 1.0)?,
        })
    }
}
