//! ZSM: the prosecution's fast-track table, and the information links around it.
//!
//! Suspects queue for a desk that starts work only in opening hours; the decision clock runs
//! from arrival (from opening for arrivals while closed). For a person with an active social
//! case, ZSM may read VHH advice or a wijkteam flag; the decision then changes the case's
//! crisis rate for a while, may upgrade it to a 7-day case and refer it to the VHH, and may
//! be fed back to the VHH after a delay.

use std::collections::VecDeque;

use rand::RngExt;

use super::Observer;
use super::case::Origin;
use super::event::{Desk, Event};
use super::metrics::Daily;
use super::phases::Trigger;
use super::world::{SRC_ZSM, SRC_ZSM_REFERRAL, World};
use crate::engine::rng::{Stream, derive};
use crate::scenario::{Params, System};

/// Who stands before the ZSM table.
#[derive(Debug, Clone, Copy)]
pub enum Suspect {
    /// Unknown to the social domain; its draws are made at arrival from its own stream.
    Unknown {
        /// Index in the ZSM stream.
        index: u64,
        /// Complex person.
        complex: bool,
        /// Draw for the upgrade decision.
        u_upgrade: f64,
        /// Draw for the referral decision.
        u_referral: f64,
        /// Draw for living in this VHH's region.
        u_region: f64,
    },
    /// A person with an active social case.
    Known {
        /// Case slot.
        case: u32,
        /// Case uid.
        uid: u32,
    },
}

/// One ZSM case at the table.
#[derive(Debug, Clone, Copy)]
pub struct ZsmItem {
    arrival: f64,
    clock_start: f64,
    service: f64,
    who: Suspect,
}

/// The ZSM desks and queue.
#[derive(Debug, Clone, Default)]
pub struct ZsmDesk {
    /// Busy desks.
    pub busy: u32,
    queue: VecDeque<u32>,
    items: Vec<ZsmItem>,
    free: Vec<u32>,
}

/// A fixed contact person at ZSM recovers part of what would otherwise be missed.
fn with_contact_person(p: &Params, prob: f64) -> f64 {
    let gain = if p.link.contact_person {
        p.link.contact_gain
    } else {
        0.0
    };
    prob + gain * (1.0 - prob)
}

/// The chance ZSM reads VHH advice on file: it depends on the information system (bridged
/// systems let advice sink away; one shared system or joint registration carry it) and on a
/// contact person.
pub fn advice_read_prob(p: &Params) -> f64 {
    let l = &p.link;
    let base = match l.system {
        System::Bridged => l.read_prob_bridged,
        System::Shared => l.read_prob_shared,
        System::Joint => l.read_prob_joint,
    };
    with_contact_person(p, base)
}

/// The chance ZSM refers an upgraded complex person to the VHH, with a contact person's lift.
pub fn referral_prob(p: &Params) -> f64 {
    with_contact_person(p, p.zsm.referral_prob)
}

impl<O: Observer> World<'_, O> {
    fn zsm_enqueue(&mut self, item: ZsmItem) {
        let now = self.now();
        let idx = match self.zsm.free.pop() {
            Some(i) => {
                self.zsm.items[i as usize] = item;
                i
            }
            None => {
                self.zsm.items.push(item);
                (self.zsm.items.len() - 1) as u32
            }
        };
        self.zsm.queue.push_back(idx);
        self.stats.zsm_waiting.add(now, 1.0);
        self.stats.zsm_by_hour.set(now, self.zsm.queue.len() as f64);
        if self.stats.in_window {
            self.stats.diag.zsm_queue.arrivals += 1;
        }
        self.try_start_zsm();
    }

    /// An unknown suspect arrives; all its draws come from its own stream.
    pub(crate) fn zsm_unknown_arrival(&mut self, index: u64) {
        let p = self.p;
        let mut rng = derive(
            p.run.seed,
            u64::from(self.rep),
            Stream::Entity,
            SRC_ZSM,
            index,
        );
        let service = p.zsm.service.sample_hours(&mut rng);
        let complex = rng.random::<f64>() < p.zsm.unknown_complex;
        let who = Suspect::Unknown {
            index,
            complex,
            u_upgrade: rng.random(),
            u_referral: rng.random(),
            u_region: rng.random(),
        };
        let now = self.now();
        if O::TRACE {
            self.obs.trace(
                now,
                "zsm_arrival",
                "zsm",
                u64::MAX,
                &format!("unknown {index}"),
            );
        }
        self.zsm_enqueue(ZsmItem {
            arrival: now,
            clock_start: p.zsm.hours.next_open(now),
            service,
            who,
        });
    }

    /// A person with an active case commits an offence and comes before ZSM.
    pub(crate) fn zsm_known_arrival(&mut self, slot: u32) {
        let p = self.p;
        let now = self.now();
        let c = self.cases.at(slot);
        let service = p.zsm.service.sample_hours(&mut c.rng);
        let who = Suspect::Known {
            case: slot,
            uid: c.uid,
        };
        self.trace("offence", Desk::Zsm, slot, String::new);
        self.zsm_enqueue(ZsmItem {
            arrival: now,
            clock_start: p.zsm.hours.next_open(now),
            service,
            who,
        });
    }

    /// Put free desks to work, if the table is open.
    pub(crate) fn try_start_zsm(&mut self) {
        let now = self.now();
        if !self.p.zsm.hours.is_open(now) {
            return;
        }
        while self.zsm.busy < self.p.zsm.desks {
            let Some(idx) = self.zsm.queue.pop_front() else {
                break;
            };
            let item = self.zsm.items[idx as usize];
            self.zsm.busy += 1;
            self.stats.zsm_busy.add(now, 1.0);
            self.stats.zsm_waiting.add(now, -1.0);
            self.stats.zsm_by_hour.set(now, self.zsm.queue.len() as f64);
            if self.stats.in_window {
                self.stats
                    .diag
                    .zsm_queue
                    .time_in_queue
                    .push(now - item.arrival);
            }
            if O::TRACE {
                self.obs
                    .trace(now, "zsm_start", "zsm", u64::MAX, &format!("item {idx}"));
            }
            self.schedule(now + item.service, Event::ZsmDone { item: idx });
        }
    }

    /// A decision is taken.
    pub(crate) fn on_zsm_done(&mut self, idx: u32) {
        let now = self.now();
        let item = self.zsm.items[idx as usize];
        self.zsm.free.push(idx);
        self.zsm.busy -= 1;
        self.stats.zsm_busy.add(now, -1.0);
        let hours = now - item.clock_start;
        let within = hours <= self.p.zsm.target_h;
        self.stats.count(Daily::ZsmDecisions);
        if within {
            self.stats.count(Daily::ZsmWithinTarget);
        }
        if self.stats.in_window {
            self.stats.zsm_decisions += 1;
            self.stats.zsm_within += u64::from(within);
            self.stats.zsm_decision_hours.push(hours);
        }
        if O::TRACE {
            self.obs.trace(
                now,
                "zsm_decision",
                "zsm",
                u64::MAX,
                &format!("item {idx} hours {hours:.3}"),
            );
        }
        match item.who {
            Suspect::Unknown {
                index,
                complex,
                u_upgrade,
                u_referral,
                u_region,
            } => {
                let p = self.p;
                if complex
                    && u_upgrade < p.zsm.upgrade_blind
                    && u_referral < self.rules.referral_prob
                    && u_region < p.zsm.region_share
                {
                    self.schedule(
                        now + p.zsm.upgrade_track_h,
                        Event::ExternalReferral { index },
                    );
                }
            }
            Suspect::Known { case, uid } => self.decide_known(case, uid),
        }
        self.try_start_zsm();
    }

    /// The decision on a person with an active case: context, effect, upgrade, feedback.
    fn decide_known(&mut self, slot: u32, uid: u32) {
        let p = self.p;
        let now = self.now();
        let in_window = self.stats.in_window;
        let Some(c) = self.cases.get_uid(slot, uid) else {
            return;
        };
        let draws: [f64; 5] = std::array::from_fn(|_| c.rng.random());
        let informed = (c.advice_on_file && draws[0] < self.rules.advice_read_prob)
            || (c.flagged && draws[1] < p.link.flag_read_prob);
        let complex = c.complex;
        let vhh_holds = c.phase == 3;
        let feedback_delay = p.link.feedback_delay.sample_hours(&mut c.rng);
        if complex && in_window {
            self.stats.known_complex += 1;
            self.stats.known_complex_informed += u64::from(informed);
        }
        self.trace("zsm_known", Desk::Zsm, slot, || {
            if informed {
                "informed".into()
            } else {
                "blind".into()
            }
        });
        let factor = if informed {
            Some(p.zsm.informed_effect)
        } else if complex {
            Some(p.zsm.blind_effect)
        } else {
            None
        };
        if let Some(f) = factor {
            let c = self.cases.at(slot);
            c.zsm_factor = f;
            c.effect_gen = c.effect_gen.wrapping_add(1);
            let generation = c.effect_gen;
            self.schedule(
                now + p.zsm.effect_h,
                Event::EffectEnds {
                    case: slot,
                    generation,
                },
            );
            self.reschedule(slot);
        }
        if complex {
            let upgrade = if informed {
                p.zsm.upgrade_informed
            } else {
                p.zsm.upgrade_blind
            };
            if draws[2] < upgrade && draws[3] < self.rules.referral_prob {
                self.schedule(
                    now + p.zsm.upgrade_track_h,
                    Event::Referral { case: slot, uid },
                );
            }
        }
        if vhh_holds {
            if in_window {
                self.stats.vhh_held_decisions += 1;
            }
            if draws[4] < p.link.feedback_prob {
                self.schedule(
                    now + feedback_delay,
                    Event::Feedback {
                        case: slot,
                        uid,
                        sent: now,
                    },
                );
            }
        }
    }

    /// A ZSM decision's effect on the crisis rate runs out.
    pub(crate) fn end_effect(&mut self, slot: u32) {
        let c = self.cases.at(slot);
        c.zsm_factor = 1.0;
        c.effect_gen = c.effect_gen.wrapping_add(1);
        self.reschedule(slot);
    }

    /// ZSM's feedback reaches the VHH, which adjusts the plan: a blind decision's harm ends.
    pub(crate) fn on_feedback(&mut self, slot: u32, uid: u32, sent: f64) {
        let now = self.now();
        if self.stats.in_window {
            self.stats.feedback_delivered += 1;
            self.stats.feedback_delay.push(now - sent);
        }
        let harmful = self
            .cases
            .get_uid(slot, uid)
            .is_some_and(|c| c.zsm_factor > 1.0);
        self.trace("feedback", Desk::Vhh, slot, String::new);
        if harmful {
            self.end_effect(slot);
        }
    }

    /// ZSM refers a known person to the VHH: from phase 2, an escalation from the justice side.
    pub(crate) fn on_zsm_referral(&mut self, slot: u32, uid: u32) {
        self.stats.count(Daily::ZsmReferrals);
        if self.stats.in_window {
            self.stats.referrals += 1;
        }
        if self.cases.get_uid(slot, uid).is_some_and(|c| c.phase == 2) {
            self.request_escalation(slot, Trigger::ZsmReferral);
        }
    }

    /// ZSM refers an unknown complex suspect: a new VHH case.
    pub(crate) fn on_external_referral(&mut self, index: u64) {
        self.stats.count(Daily::ZsmReferrals);
        if self.stats.in_window {
            self.stats.referrals += 1;
        }
        self.new_external_case(Origin::ZsmReferral, SRC_ZSM_REFERRAL, index);
    }
}
