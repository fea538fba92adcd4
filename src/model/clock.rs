//! Each case's competing-risk clock: in every state a case has rates of resolution, an acute
//! incident, recognition, an early doubt, an urge to hand over, a stall, noticing a stall,
//! overflow and offending; one exponential clock runs on their sum and is redrawn on every change of
//! state (valid because every rate is memoryless), and when it fires a draw picks which of
//! them happened.

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
    Incident,
    Recognition,
    EarlyDoubt,
    OverTheFence,
    Stall,
    SelfNotice,
    Overflow,
    Offence,
}

/// The competing rates of a case in its current state (per hour), in [`Transition`] order.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct ClockRates(pub [f64; 9]);

const ORDER: [Transition; 9] = [
    Transition::Resolution,
    Transition::Incident,
    Transition::Recognition,
    Transition::EarlyDoubt,
    Transition::OverTheFence,
    Transition::Stall,
    Transition::SelfNotice,
    Transition::Overflow,
    Transition::Offence,
];

impl ClockRates {
    fn total(&self) -> f64 {
        self.0.iter().sum()
    }
}

/// Which of the four rate states a case is in.
pub(crate) fn rate_state(c: &Case) -> RateState {
    match (c.phase, c.at_team, c.plan) {
        (AveFase::Ave2, TeamPlace::Served, false) => RateState::Served,
        (AveFase::Ave2, TeamPlace::Served, true) => RateState::Planned,
        (AveFase::Ave2, _, _) => RateState::Waiting,
        (_, _, true) => RateState::Planned,
        _ => RateState::Ave3,
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
        let mut incident = r.incident[state] * c.zsm_factor;
        let mut resolution = r.resolution[state];
        if c.doubt_settled {
            incident *= p.advice.settled_factor;
        }
        if c.stalled {
            incident *= p.stagnation.incident_factor;
            resolution *= p.stagnation.resolution_factor;
        }
        let mut out = [0.0; 9];
        out[0] = resolution;
        out[1] = incident;
        out[8] = r.offence;
        let served = c.phase == AveFase::Ave2 && c.at_team == TeamPlace::Served;
        if served && let Some(team) = c.team {
            let pending = c.advice.pending();
            if c.stalled {
                if !pending {
                    out[6] = self.rules.self_notice_per_h;
                }
            } else {
                out[5] = r.stall;
                if !c.plan && !pending {
                    if c.complex && !c.doubt_settled {
                        out[2] = self.rules.recognition_per_h
                            * self.teams[usize::from(team)].recognition_factor(p);
                        if p.advice.enabled {
                            out[3] = p.advice.doubt_per_h;
                        }
                    }
                    // Handing over too early is not tied to the kind of case.
                    out[4] = self.rules.over_the_fence_per_h;
                }
            }
            out[7] = if c.complex {
                p.overflow.extra_per_h * p.overflow.complex_factor
            } else {
                p.overflow.extra_per_h
            };
        }
        ClockRates(out)
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
        let mut u: f64 = c.rng.random::<f64>() * rates.total();
        // The last clock with a rate, should rounding leave u at the very end.
        let mut which = ORDER[rates.0.iter().rposition(|&r| r > 0.0).unwrap_or(8)];
        for (k, &r) in rates.0.iter().enumerate() {
            if u < r {
                which = ORDER[k];
                break;
            }
            u -= r;
        }
        self.on_transition(slot, which);
    }
}
