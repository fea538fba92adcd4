//! The bookkeeping every AVE rule shares: moving a case to another phase, closing it (its
//! places at the desks given up), and counting its first way out of AVE 2 for the tests
//! against theory.

use super::Observer;
use super::case::{AveFase, Origin, Outcome};
use super::happening::Happening;
use super::world::World;

/// How a case first left AVE 2 service (diagnostics for the CTMC tests).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(usize)]
pub(crate) enum FirstExit {
    /// Opschaling naar AVE 3.
    Opschaling = 0,
    /// An acute incident.
    Incident = 1,
    /// Resolved.
    Resolution = 2,
}

impl<O: Observer> World<'_, O> {
    /// Move a case to `phase`, invalidating its process steps.
    pub(crate) fn set_phase(&mut self, slot: u32, phase: AveFase) {
        let now = self.now();
        let c = self.cases.at(slot);
        let old = c.phase;
        c.phase = phase;
        c.phase_gen = c.phase_gen.wrapping_add(1);
        c.phase_since = now;
        let case = c.uid;
        self.stats.phase[old.index()].add(now, -1.0);
        self.stats.phase[phase.index()].add(now, 1.0);
        self.emit(Happening::PhaseChanged { case, fase: phase });
    }

    /// Close a case: free its slots and queue places and report it.
    pub(crate) fn close_case(&mut self, slot: u32, outcome: Outcome) {
        let now = self.now();
        self.cancel_advice(slot);
        self.clear_stall(slot);
        self.leave_team(slot);
        self.leave_vhh(slot);
        let c = self.cases.get(slot).expect("live case");
        let (phase, origin, complex, had_incident, case) =
            (c.phase, c.origin, c.complex, c.had_incident, c.uid);
        self.stats.phase[phase.index()].add(now, -1.0);
        if origin == Origin::Social && complex && self.stats.in_window {
            self.stats.diag.complex_closed += 1;
            if had_incident {
                self.stats.diag.complex_closed_with_incident += 1;
            }
        }
        self.emit(Happening::Closed { case, outcome });
        self.stats.diag.closed += 1;
        self.cases.remove(slot);
    }

    /// Count a family's first way out of AVE 2 service.
    pub(crate) fn first_exit(&mut self, slot: u32, kind: FirstExit) {
        let c = self.cases.at(slot);
        if c.first_exit_counted || c.origin != Origin::Social {
            return;
        }
        c.first_exit_counted = true;
        let complex = c.complex;
        if self.stats.in_window {
            let d = &mut self.stats.diag;
            if complex {
                d.first_exit_complex[kind as usize] += 1;
            } else {
                d.first_exit_simple[kind as usize] += 1;
            }
        }
    }
}
