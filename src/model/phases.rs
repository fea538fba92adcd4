//! The AVE phase rules, written once (section 5.3 of the study):
//!
//! | phase | situation                         | lead                   | entered by                              | leaves by |
//! |-------|-----------------------------------|------------------------|-----------------------------------------|-----------|
//! | 2     | mostly single-domain problems     | wijkteam               | entry; down-scaling with a plan         | resolution → 1; escalation → 3; crisis → 4 |
//! | 3     | complex or stagnating             | Veiligheidshuis        | recognition (adherence), advice, stagnation review, over the fence, ZSM referral; return from a crisis | down-scaling → 2; resolution → 1; crisis → 4 |
//! | 4     | safety at stake, threat of unrest | mayor / driehoek       | crisis                                   | hand-back → 3 (priority for a VHH slot) |
//!
//! A crisis from phase 2 of a case that never had phase 3 is a *late escalation*; a phase-3
//! entry of a non-complex case is an *unneeded escalation*.

use rand::RngExt;

use super::Observer;
use super::case::{AdvicePlace, AveFase, Origin, Outcome, TeamPlace};
use super::clock::Transition;
use super::event::{Event, Step};
use super::happening::Happening;
use super::lifecycle::FirstExit;
use super::metrics::Daily;
use super::world::World;
use crate::engine::HOURS_PER_DAY;
use crate::scenario::{Criteria, Params};

/// Why a case is escalated to phase 3.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger {
    /// The wijkteam recognised a complex case and followed the criteria.
    Recognition,
    /// An advice consult concluded that escalation is needed.
    Advice,
    /// The stagnation rule at a review.
    Stagnation,
    /// A non-complex case thrown over the fence.
    OverTheFence,
    /// ZSM referred the person.
    ZsmReferral,
}

impl Trigger {
    pub fn name(self) -> &'static str {
        match self {
            Trigger::Recognition => "recognition",
            Trigger::Advice => "advice",
            Trigger::Stagnation => "stagnation",
            Trigger::OverTheFence => "over_the_fence",
            Trigger::ZsmReferral => "zsm_referral",
        }
    }
}

/// How readily a wijkteam recognises that a served complex case needs more (per hour, for a
/// team of skill 1). Without agreed criteria (`informal`) teams see less; where cases reach
/// the VHH only after a crisis (`crisis_only`) nothing is scaled up before one; an advice
/// function lowers the threshold.
pub fn recognition_rate(p: &Params) -> f64 {
    let mut rate = p.triage.recognition_per_h;
    match p.triage.criteria {
        Criteria::Ave => {}
        Criteria::Informal => rate *= p.triage.informal_factor,
        Criteria::CrisisOnly => rate = 0.0,
    }
    if p.advice.enabled {
        rate *= p.advice.recognition_factor;
    }
    rate
}

/// How often a served non-complex case is thrown over the fence (per hour): not at all under
/// `crisis_only`; less when an advice function can be asked first.
pub fn over_the_fence_rate(p: &Params) -> f64 {
    let mut rate = p.triage.over_the_fence_per_h;
    if p.triage.criteria == Criteria::CrisisOnly {
        rate = 0.0;
    }
    if p.advice.enabled {
        rate *= 1.0 - p.advice.unneeded_reduction;
    }
    rate
}

impl<O: Observer> World<'_, O> {
    /// A case's clock fired: apply the transition it chose.
    pub(crate) fn on_transition(&mut self, slot: u32, which: Transition) {
        match which {
            Transition::Resolution => {
                self.first_exit(slot, FirstExit::Resolution);
                self.close_case(slot, Outcome::Resolved);
            }
            Transition::Crisis => self.enter_crisis(slot),
            Transition::Recognition => self.on_recognition(slot),
            Transition::OverTheFence => self.request_escalation(slot, Trigger::OverTheFence),
            Transition::Offence => {
                self.zsm_known_arrival(slot);
                self.reschedule(slot);
            }
        }
    }

    /// Phase 2, complex case recognised: flag it for ZSM, consult the VHH, or follow the criteria.
    fn on_recognition(&mut self, slot: u32) {
        let p = self.p;
        let c = self.cases.at(slot);
        let (u_flag, u_consult, u_adhere): (f64, f64, f64) =
            (c.rng.random(), c.rng.random(), c.rng.random());
        if p.link.flag_enabled && u_flag < p.link.flag_prob {
            c.flagged = true;
        }
        let case = c.uid;
        self.emit(Happening::Recognised { case });
        if p.advice.enabled && u_consult < p.advice.consult_prob {
            self.request_advice(slot);
            self.reschedule(slot);
        } else if p.triage.criteria != Criteria::CrisisOnly && u_adhere < p.triage.adherence {
            self.request_escalation(slot, Trigger::Recognition);
        } else {
            // Not acted upon: the case keeps simmering in phase 2.
            self.reschedule(slot);
        }
    }

    /// The advice desk answered: either the doubt is settled in phase 2 or the case escalates
    /// with good information.
    pub(crate) fn on_advice_outcome(&mut self, slot: u32) {
        let p = self.p;
        let c = self.cases.at(slot);
        c.advice = AdvicePlace::None;
        let u: f64 = c.rng.random();
        if c.phase != AveFase::Ave2 {
            return;
        }
        if u < p.advice.resolve_prob {
            c.doubt_settled = true;
            let case = c.uid;
            self.emit(Happening::DoubtSettled { case });
            self.reschedule(slot);
        } else {
            self.request_escalation(slot, Trigger::Advice);
        }
    }

    /// Stagnation rule (AVE only): schedule the first review after the threshold.
    pub(crate) fn schedule_review(&mut self, slot: u32) {
        let p = self.p;
        let c = self.cases.get(slot).expect("live case");
        // A case with a VHH plan is followed by the plan, not by the stagnation rule.
        if p.triage.criteria != Criteria::Ave
            || p.triage.stagnation_adherence <= 0.0
            || !c.complex
            || c.plan
            || c.team.is_none()
        {
            return;
        }
        let (due, generation) = (c.phase_since + p.triage.stagnation_h, c.phase_gen);
        let t = self.next_review(due);
        self.schedule(
            t,
            Event::Step {
                case: slot,
                generation,
                step: Step::Review,
            },
        );
    }

    /// The first review moment at or after `t`: a grid of `review_interval` from the
    /// wijkteam's first opening, moved to the next open moment.
    fn next_review(&self, t: f64) -> f64 {
        let cal = &self.p.wijkteam.hours;
        let origin = cal.next_open(0.0);
        let step = self.p.triage.review_interval_h;
        let k = ((t - origin) / step).ceil().max(0.0);
        cal.next_open(origin + k * step)
    }

    /// A review of a case stagnating in phase 2.
    pub(crate) fn on_review(&mut self, slot: u32) {
        let p = self.p;
        let now = self.now();
        let c = self.cases.at(slot);
        let u: f64 = c.rng.random();
        if c.phase == AveFase::Ave2
            && c.at_team == TeamPlace::Served
            && !c.advice.pending()
            && u < p.triage.stagnation_adherence
        {
            self.request_escalation(slot, Trigger::Stagnation);
        } else {
            let generation = c.phase_gen;
            let t = self.next_review(now + p.triage.review_interval_h);
            self.schedule(
                t,
                Event::Step {
                    case: slot,
                    generation,
                    step: Step::Review,
                },
            );
        }
    }

    /// 2 → 3: up-scaling. The wijkteam keeps the case slot (case lead); the VHH takes
    /// process lead when a slot is free.
    pub(crate) fn request_escalation(&mut self, slot: u32, trigger: Trigger) {
        let now = self.now();
        if self
            .cases
            .get(slot)
            .is_none_or(|c| c.phase != AveFase::Ave2)
        {
            return;
        }
        self.first_exit(slot, FirstExit::Opschaling);
        self.cancel_advice(slot);
        let c = self.cases.at(slot);
        let first = !c.been_in_ave3;
        c.been_in_ave3 = true;
        c.plan = false;
        if !c.had_crisis {
            c.ave3_before_crisis = true;
        }
        let (origin, complex, since, case) = (c.origin, c.complex, now - c.created, c.uid);
        self.set_phase(slot, AveFase::Ave3);
        if origin == Origin::Social {
            self.stats.count(Daily::EscalationsPhase3);
            if self.stats.in_window {
                self.stats.esc3 += 1;
                if !complex {
                    self.stats.esc3_unneeded += 1;
                }
                if first {
                    self.stats.time_to_phase3.push(since);
                    if complex {
                        self.stats.hist_phase3.push(since / HOURS_PER_DAY);
                    }
                }
            }
        }
        self.emit(Happening::Opgeschaald { case, trigger });
        self.join_vhh_queue(slot, false);
        self.reschedule(slot);
    }

    /// The VHH case meeting: advice goes on file for ZSM; the plan is designed.
    pub(crate) fn on_meeting(&mut self, slot: u32) {
        let now = self.now();
        let plan = self.p.vhh.plan;
        let c = self.cases.at(slot);
        c.advice_on_file = true;
        let t = now + plan.sample_hours(&mut c.rng);
        let (generation, case) = (c.phase_gen, c.uid);
        self.emit(Happening::Maatwerkoverleg { case });
        self.schedule(
            t,
            Event::Step {
                case: slot,
                generation,
                step: Step::PlanReady,
            },
        );
    }

    /// The plan is ready: keep the case, or hand it back (after friction if the wijkteam
    /// does not accept the advice at once).
    pub(crate) fn on_plan_ready(&mut self, slot: u32) {
        let p = self.p;
        let now = self.now();
        let c = self.cases.at(slot);
        let (u_keep, u_reject): (f64, f64) = (c.rng.random(), c.rng.random());
        let case = c.uid;
        if u_keep < p.vhh.keep_share {
            c.plan = true;
            self.emit(Happening::PlanKept { case });
            self.reschedule(slot);
        } else if u_reject < p.vhh.rejection_prob {
            let t = now + p.vhh.friction.sample_hours(&mut c.rng);
            let generation = c.phase_gen;
            self.emit(Happening::PlanRejected { case });
            self.schedule(
                t,
                Event::Step {
                    case: slot,
                    generation,
                    step: Step::FrictionOver,
                },
            );
        } else {
            self.down_scale(slot);
        }
    }

    /// The wijkteam accepts the plan after all: afschaling.
    pub(crate) fn on_friction_over(&mut self, slot: u32) {
        self.down_scale(slot);
    }

    /// 3 → 2: afschaling with a plan; the coordinator is freed. External cases go back to
    /// their own first line.
    pub(crate) fn down_scale(&mut self, slot: u32) {
        self.leave_vhh(slot);
        let c = self.cases.at(slot);
        c.plan = true;
        let case = c.uid;
        if c.origin != Origin::Social {
            self.close_case(slot, Outcome::HandedBack);
            return;
        }
        self.set_phase(slot, AveFase::Ave2);
        self.emit(Happening::Afgeschaald { case });
        self.schedule_review(slot);
        self.reschedule(slot);
    }

    /// → 4: crisis. The mayor leads; any VHH slot or place in its queue is given up.
    pub(crate) fn enter_crisis(&mut self, slot: u32) {
        let p = self.p;
        let now = self.now();
        self.first_exit(slot, FirstExit::Crisis);
        self.cancel_advice(slot);
        self.leave_vhh(slot);
        let c = self.cases.at(slot);
        let late = c.phase == AveFase::Ave2 && !c.been_in_ave3;
        c.had_crisis = true;
        c.plan = false;
        let (origin, since, case) = (c.origin, now - c.created, c.uid);
        let handling = p.crisis.handling.sample_hours(&mut c.rng);
        self.set_phase(slot, AveFase::Ave4);
        if origin == Origin::Social {
            self.stats.count(Daily::EscalationsPhase4);
            if late {
                self.stats.count(Daily::LateEscalations);
            }
            if self.stats.in_window {
                self.stats.esc4 += 1;
                if late {
                    self.stats.late += 1;
                    self.stats.hist_late.push(since / HOURS_PER_DAY);
                }
            }
        }
        self.emit(Happening::Crisis { case, late });
        self.reschedule(slot);
        let generation = self.cases.at(slot).phase_gen;
        self.schedule(
            now + handling,
            Event::Step {
                case: slot,
                generation,
                step: Step::CrisisOver,
            },
        );
    }

    /// 4 → 3: the mayor hands the case to the VHH, which gives it priority for a slot.
    pub(crate) fn on_crisis_over(&mut self, slot: u32) {
        self.set_phase(slot, AveFase::Ave3);
        let case = self.uid(slot);
        self.emit(Happening::CrisisOver { case });
        self.join_vhh_queue(slot, true);
        self.reschedule(slot);
    }
}
