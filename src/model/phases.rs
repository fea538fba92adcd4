//! The AVE phase rules, written once (§5.3 l.2806–2820):
//!
//! | AVE | situation | casusregie / procesregie | bestuurlijk | entered by | left by |
//! |-----|-----------|--------------------------|-------------|------------|---------|
//! | 2 | mostly single-domain problems | both with the wijkteam | wethouder | entry; afschaling with a plan | resolution → 1; opschaling → 3; AVE 4 |
//! | 3 | stalled cooperation or complex problems | procesregie with the VHH; casusregie a local agreement | college van B&W (ambtenaar IV&Z) | opschaling (complex problems, stalled cooperation, over the fence, overflow, after an acute incident, ZSM referral); back from AVE 4 | afschaling → 2 (or back to the case's own line); resolution → 1; AVE 4 |
//! | 4 | escalatie: safety at stake *and* a threat of public unrest | the burgemeester | burgemeester, driehoek | an acute incident with unrest | hand-back → 3 (first in line for procesregie) |
//!
//! An acute incident without unrest is handled outside AVE (Veilig Thuis, the police,
//! youth protection: practice, not the study) and may lead to opschaling naar AVE 3. An
//! acute incident that hits a case in AVE 2 that has never been in AVE 3 is *late*
//! ("te lang blijft sudderen. En dan wordt het te groot en ontploft het", §5.3.2 l.3164).

use rand::RngExt;

use super::Observer;
use super::case::{AveFase, Origin, Outcome, TeamPlace};
use super::clock::Transition;
use super::event::{Event, Step};
use super::happening::Happening;
use super::lifecycle::FirstExit;
use super::metrics::Daily;
use super::world::World;
use crate::engine::HOURS_PER_DAY;

/// Why a case is scaled up to AVE 3.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(usize)]
pub enum Trigger {
    /// The wijkteam recognised complex problems that need a cross-chain approach.
    Complex = 0,
    /// Cooperation around the case had stalled.
    StalledCooperation = 1,
    /// Handed over too early, expecting the VHH to take the work over.
    OverTheFence = 2,
    /// The wijkteam could not cope.
    Overflow = 3,
    /// Only after an acute incident.
    Incident = 4,
    /// ZSM referred the person.
    ZsmReferral = 5,
}

impl Trigger {
    /// Name used in outputs.
    pub fn name(self) -> &'static str {
        match self {
            Trigger::Complex => "complex_problems",
            Trigger::StalledCooperation => "stalled_cooperation",
            Trigger::OverTheFence => "over_the_fence",
            Trigger::Overflow => "overflow",
            Trigger::Incident => "after_incident",
            Trigger::ZsmReferral => "zsm_referral",
        }
    }
}

impl<O: Observer> World<'_, O> {
    /// A case's clock fired: apply the transition it chose.
    pub(crate) fn on_transition(&mut self, slot: u32, which: Transition) {
        match which {
            Transition::Resolution => {
                self.first_exit(slot, FirstExit::Resolution);
                self.close_case(slot, Outcome::Resolved);
            }
            Transition::Incident => self.on_incident(slot),
            Transition::Recognition => self.on_recognition(slot),
            Transition::EarlyDoubt => self.on_early_doubt(slot),
            Transition::OverTheFence => self.on_doubt(slot, super::case::Doubt::Fence, false),
            Transition::Stall => self.on_stall(slot),
            Transition::SelfNotice => self.on_doubt(slot, super::case::Doubt::Stalled, false),
            Transition::Overflow => self.request_opschaling(slot, Trigger::Overflow, false),
            Transition::Offence => {
                self.zsm_known_arrival(slot);
                self.reschedule(slot);
            }
        }
    }

    /// Opschaling naar AVE 3: the wijkteam keeps casusregie and its case place; the case
    /// waits for a coordinator's hours for procesregie.
    pub(crate) fn request_opschaling(&mut self, slot: u32, trigger: Trigger, advised: bool) {
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
        self.clear_stall(slot);
        if trigger == Trigger::Overflow {
            // The wijkteam cannot cope: the VHH takes the family over for its round, and it
            // comes back to the wijk (and its line) at afschaling.
            self.leave_team(slot);
        }
        let c = self.cases.at(slot);
        let first = !c.been_in_ave3;
        c.been_in_ave3 = true;
        c.plan = false;
        if !c.had_incident {
            c.ave3_before_incident = true;
        }
        let (origin, complex, since, case, local) =
            (c.origin, c.complex, now - c.created, c.uid, c.local);
        self.set_phase(slot, AveFase::Ave3);
        self.count_vhh_entry(origin, local);
        if origin == Origin::Social {
            let s = &mut self.stats;
            s.count(Daily::UpscalingsAve3);
            match trigger {
                Trigger::OverTheFence => s.count(Daily::OverTheFence),
                Trigger::StalledCooperation => s.count(Daily::UpscalingsStalled),
                _ => {}
            }
            if s.in_window {
                s.up3 += 1;
                s.up3_by[trigger as usize] += 1;
                if first {
                    s.time_to_ave3.push(since);
                    if complex {
                        s.hist_ave3.push(since / HOURS_PER_DAY);
                    }
                }
            }
        }
        self.emit(Happening::Opgeschaald {
            case,
            trigger,
            advised,
        });
        self.join_vhh_queue(slot, false);
        self.reschedule(slot);
    }

    /// A case the VHH takes in: an opschaling, a direct case or a ZSM referral; `local` when
    /// it belongs to this municipality.
    pub(crate) fn count_vhh_entry(&mut self, origin: Origin, local: bool) {
        if self.stats.in_window {
            self.stats.vhh_entries += 1;
            if origin == Origin::Social || local {
                self.stats.vhh_entries_local += 1;
            }
        }
    }

    /// The maatwerkoverleg: advice for ZSM is entered, unless held back for fear of what
    /// may not be shared; the plan is designed.
    pub(crate) fn on_meeting(&mut self, slot: u32) {
        let now = self.now();
        let p = self.p;
        let c = self.cases.at(slot);
        let u: f64 = c.rng.random();
        let for_zsm = u >= p.link.vhh_privacy_hesitancy;
        if for_zsm {
            c.advice_on_file = true;
        }
        let t = now + p.vhh.plan.sample_hours(&mut c.rng);
        let (generation, case) = (c.phase_gen, c.uid);
        self.emit(Happening::Maatwerkoverleg {
            case,
            advice_for_zsm: for_zsm,
        });
        self.schedule(
            t,
            Event::Step {
                case: slot,
                generation,
                step: Step::PlanReady,
            },
        );
    }

    /// The plan is ready: the VHH keeps the case, hands it back to its own line, or hands
    /// it (back) to the wijk, after friction when the wijkteam does not take the plan over
    /// at once.
    pub(crate) fn on_plan_ready(&mut self, slot: u32) {
        let p = self.p;
        let now = self.now();
        let c = self.cases.at(slot);
        let (u_keep, u_where, u_reject): (f64, f64, f64) =
            (c.rng.random(), c.rng.random(), c.rng.random());
        let case = c.uid;
        if u_keep < p.vhh.keep_share {
            c.plan = true;
            self.emit(Happening::PlanKept { case });
            self.reschedule(slot);
            return;
        }
        // Families go back to their wijk; the municipality's own direct cases "in principe"
        // too, cases ZSM referred unless they stay with ketenpartners; other municipalities'
        // cases go back to them.
        let to_wijk = c.local
            && match c.origin {
                Origin::Social => true,
                Origin::VhhDirect => u_where < p.vhh.back_to_wijk,
                Origin::ZsmReferral => u_where >= p.vhh.justice_to_ketenpartner,
            };
        let rejection = (p.vhh.rejection_prob * p.criteria.afschaling_friction).min(1.0);
        if !to_wijk {
            self.leave_vhh(slot);
            self.close_case(slot, Outcome::HandedBack);
        } else if u_reject < rejection {
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
            self.afschaling(slot);
        }
    }

    /// The wijkteam takes the plan over after all.
    pub(crate) fn on_friction_over(&mut self, slot: u32) {
        self.afschaling(slot);
    }

    /// Afschaling naar AVE 2 with the plan: the coordinator's hours are freed; a case that
    /// came in from outside the wijk joins a wijkteam's line ("Het moet altijd weer terug
    /// naar de wijk", §5.3.2 l.3127).
    pub(crate) fn afschaling(&mut self, slot: u32) {
        self.leave_vhh(slot);
        let teams = self.teams.len();
        let c = self.cases.at(slot);
        c.plan = true;
        let newcomer = c.team.is_none();
        if newcomer {
            let u: f64 = c.rng.random();
            c.team = Some(((u * teams as f64) as usize).min(teams - 1) as u16);
        }
        let outside = c.at_team == TeamPlace::Outside;
        let (case, team) = (c.uid, c.team.unwrap_or(0));
        self.set_phase(slot, AveFase::Ave2);
        self.emit(Happening::Afgeschaald { case, team });
        if outside {
            self.join_team_queue(slot);
        }
        self.reschedule(slot);
    }

    /// An acute safety incident: AVE 4 when public unrest threatens; otherwise handled
    /// outside AVE, and a case in AVE 2 may be scaled up to AVE 3 after it.
    pub(crate) fn on_incident(&mut self, slot: u32) {
        let p = self.p;
        let now = self.now();
        self.first_exit(slot, FirstExit::Incident);
        let c = self.cases.at(slot);
        let late = c.phase == AveFase::Ave2 && !c.been_in_ave3;
        c.had_incident = true;
        let (u_unrest, u_up): (f64, f64) = (c.rng.random(), c.rng.random());
        let (origin, phase, since, case) = (c.origin, c.phase, now - c.created, c.uid);
        let unrest = u_unrest < p.ave4.unrest_share;
        if origin == Origin::Social {
            let s = &mut self.stats;
            s.count(Daily::AcuteCrises);
            if late {
                s.count(Daily::LateUpscalings);
            }
            if s.in_window {
                s.incidents += 1;
                if late {
                    s.late += 1;
                    s.hist_late.push(since / HOURS_PER_DAY);
                }
            }
        }
        self.emit(Happening::Incident { case, late, unrest });
        if unrest {
            self.enter_ave4(slot);
        } else if phase == AveFase::Ave2 && u_up < p.ave4.incident_upscale {
            self.request_opschaling(slot, Trigger::Incident, false);
        } else {
            self.reschedule(slot);
        }
    }

    /// Opschaling naar AVE 4 (bij escalatie): the burgemeester leads and the case is in the
    /// driehoek; procesregie and any place in the VHH's line are given up.
    fn enter_ave4(&mut self, slot: u32) {
        let p = self.p;
        let now = self.now();
        self.cancel_advice(slot);
        self.clear_stall(slot);
        self.leave_vhh(slot);
        let c = self.cases.at(slot);
        c.plan = false;
        let (origin, local) = (c.origin, c.local);
        let handling = p.ave4.handling.sample_hours(&mut c.rng);
        self.set_phase(slot, AveFase::Ave4);
        if local && self.stats.in_window {
            self.stats.driehoek += 1;
        }
        if origin == Origin::Social {
            self.stats.count(Daily::EscalationsAve4);
            if self.stats.in_window {
                self.stats.ave4 += 1;
            }
        }
        self.reschedule(slot);
        let generation = self.cases.at(slot).phase_gen;
        self.schedule(
            now + handling,
            Event::Step {
                case: slot,
                generation,
                step: Step::Ave4Over,
            },
        );
    }

    /// 4 → 3: the burgemeester hands the case back; it goes first in line for procesregie.
    pub(crate) fn on_ave4_over(&mut self, slot: u32) {
        let c = self.cases.at(slot);
        c.been_in_ave3 = true;
        self.set_phase(slot, AveFase::Ave3);
        let case = self.uid(slot);
        self.emit(Happening::Ave4Over { case });
        self.join_vhh_queue(slot, true);
        self.reschedule(slot);
    }
}
