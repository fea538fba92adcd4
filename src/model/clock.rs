//! Each case's competing-risk clock: in every state a case has rates of resolution, crisis,
//! recognition, being thrown over the fence and offending; one exponential clock runs on
//! their sum and is redrawn on every change of state (valid because every rate is
//! memoryless), and when it fires a draw picks which of them happened.

use rand::RngExt;
use rand_distr::{Distribution, Exp1};

use super::Observer;
use super::case::{AveFase, Case, TeamPlace};
use super::event::Event;
use super::world::World;
use crate::scenario::sections::dynamics::RateState;

/// What a case's clock decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Transition {
    Resolution,
    Crisis,
    Recognition,
    OverTheFence,
    Offence,
}

/// The competing rates of a case in its current state (per hour).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct ClockRates {
    pub resolution: f64,
    pub crisis: f64,
    pub recognition: f64,
    pub over_the_fence: f64,
    pub offence: f64,
}

impl ClockRates {
    fn total(&self) -> f64 {
        self.resolution + self.crisis + self.recognition + self.over_the_fence + self.offence
    }
}

/// Which of the four rate states a case is in.
pub(crate) fn rate_state(c: &Case) -> RateState {
    match (c.phase, c.at_team, c.plan) {
        (AveFase::Ave2, TeamPlace::Served, false) => RateState::Served,
        (AveFase::Ave2, TeamPlace::Served, true) => RateState::Planned,
        (AveFase::Ave2, _, _) => RateState::Waiting,
        (_, _, true) => RateState::Planned,
        _ => RateState::Escalated,
    }
}

impl<O: Observer> World<'_, O> {
    pub(crate) fn clock_rates(&self, c: &Case) -> ClockRates {
        if c.phase == AveFase::Ave4 {
            return ClockRates::default();
        }
        let p = self.p;
        let r = &p.dynamics.rates[usize::from(c.complex)];
        let state = rate_state(c) as usize;
        let crisis_factor = c.zsm_factor
            * if c.doubt_settled {
                p.advice.crisis_factor
            } else {
                1.0
            };
        let mut out = ClockRates {
            resolution: r.resolution[state],
            crisis: r.crisis[state] * crisis_factor,
            offence: r.offence,
            ..Default::default()
        };
        let served_unplanned =
            c.phase == AveFase::Ave2 && c.at_team == TeamPlace::Served && !c.plan;
        if served_unplanned && let Some(team) = c.team {
            if c.complex && !c.doubt_settled && !c.advice.pending() {
                out.recognition =
                    self.rules.recognition_per_h * self.teams[usize::from(team)].skill;
            }
            if !c.complex {
                out.over_the_fence = self.rules.over_the_fence_per_h;
            }
        }
        out
    }

    /// Redraw a case's clock after any change of state (valid: all clocks are memoryless).
    pub(crate) fn reschedule(&mut self, slot: u32) {
        let rates = self.clock_rates(self.cases.get(slot).expect("live case"));
        let total = rates.total();
        let now = self.now();
        let c = self.cases.at(slot);
        c.clock_gen = c.clock_gen.wrapping_add(1);
        if total <= 0.0 {
            return;
        }
        let e: f64 = Exp1.sample(&mut c.rng);
        let generation = c.clock_gen;
        self.schedule(
            now + e / total,
            Event::Clock {
                case: slot,
                generation,
            },
        );
    }

    pub(crate) fn on_clock(&mut self, slot: u32) {
        let rates = self.clock_rates(self.cases.get(slot).expect("live case"));
        let c = self.cases.at(slot);
        let u: f64 = c.rng.random::<f64>() * rates.total();
        let which = if u < rates.resolution {
            Transition::Resolution
        } else if u < rates.resolution + rates.crisis {
            Transition::Crisis
        } else if u < rates.resolution + rates.crisis + rates.recognition {
            Transition::Recognition
        } else if u < rates.resolution + rates.crisis + rates.recognition + rates.over_the_fence {
            Transition::OverTheFence
        } else {
            Transition::Offence
        };
        self.on_transition(slot, which);
    }
}
