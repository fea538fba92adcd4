//! The world of one replication: the clock, the desks, the cases in progress and the
//! arrival streams, and the one `match` that hands each event to its handler. The handlers
//! live with what they are about: [`super::arrivals`], [`super::clock`], [`super::phases`],
//! [`super::doubt`], [`super::lifecycle`] and the desks.

use rand_distr::Distribution;

use super::arrivals::{ArrivalStream, SRC_SOCIAL, SRC_VHH_DIRECT, SRC_ZSM};
use super::case::CaseStore;
use super::counters::Counters;
use super::event::{Desk, Event, Source, Step};
use super::happening::{DeskId, Happening};
use super::results::ReplicationOutput;
use super::veiligheidshuis::VhhDesk;
use super::wijkteam::Team;
use super::zsm::ZsmDesk;
use super::{Observer, doubt, zsm};
use crate::engine::rng::{Stream, derive};
use crate::engine::{EventQueue, HOURS_PER_DAY};
use crate::scenario::Params;

/// Setup-stream sources (part of the seed derivation; never renumber).
const SETUP_TEAMS: u64 = 0;
const SETUP_COORDINATORS: u64 = 1;

/// What the AVE rules make of the scenario's values, worked out once per parameter set.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rules {
    /// Recognition rate of a served complex case with skill 1 (per hour).
    pub recognition_per_h: f64,
    /// Over-the-fence rate of a served case without complex problems or a stall (per hour).
    pub over_the_fence_per_h: f64,
    /// The worker notices stalled cooperation (per hour).
    pub self_notice_per_h: f64,
    /// P(ZSM reads VHH advice on file), before pressure at the table.
    pub advice_read_prob: f64,
    /// P(referral to the VHH | upgraded complex case).
    pub referral_prob: f64,
}

impl Rules {
    pub(crate) fn of(p: &Params) -> Self {
        Self {
            recognition_per_h: doubt::recognition_rate(p),
            over_the_fence_per_h: doubt::over_the_fence_rate(p),
            self_notice_per_h: p.criteria.self_notice_per_h,
            advice_read_prob: zsm::advice_read_prob(p),
            referral_prob: zsm::referral_prob(p),
        }
    }
}

/// A log-normal factor with mean 1 and log-sd `sd` from a standard normal draw `z`.
pub(crate) fn mean_one(sd: f64, z: f64) -> f64 {
    (sd * z - sd * sd / 2.0).exp()
}

/// One replication's world.
pub struct World<'p, O: Observer> {
    /// The parameters in force now (the scenario's, or a later set of its timeline).
    pub(crate) p: &'p Params,
    /// The scenario's parameters and their timeline.
    base: &'p Params,
    pub(crate) rep: u32,
    pub(crate) q: EventQueue<Event>,
    pub(crate) cases: CaseStore,
    pub(crate) teams: Vec<Team>,
    pub(crate) vhh: VhhDesk,
    pub(crate) zsm: ZsmDesk,
    pub(crate) arrivals: [ArrivalStream; 3],
    pub(crate) rules: Rules,
    /// How well VHH advice fits ZSM's needs now.
    pub(crate) fit: f64,
    /// Each procescoördinator's factors on calling ZSM and on going via the Raad voor de
    /// Kinderbescherming (drawn once per replication).
    pub(crate) call_prop: Vec<(f64, f64)>,
    pub(crate) stats: Counters,
    pub(crate) obs: O,
    day: u32,
    done: bool,
}

/// Run one replication of `params` and return its outputs.
pub fn run_replication<O: Observer>(
    params: &Params,
    replication: u32,
    observer: O,
) -> (ReplicationOutput, O) {
    let mut world = World::new(params, replication, observer);
    world.run();
    world.finish()
}

/// Like [`run_replication`], asking `stop` after every simulated day; `None` when it said
/// stop. The events and their order are exactly those of an uninterrupted run.
pub fn run_replication_unless<O: Observer>(
    params: &Params,
    replication: u32,
    observer: O,
    stop: &dyn Fn() -> bool,
) -> Option<(ReplicationOutput, O)> {
    let mut world = World::new(params, replication, observer);
    for day in 1..=params.run.horizon_days {
        world.run_until(f64::from(day) * HOURS_PER_DAY);
        if stop() {
            return None;
        }
    }
    world.run();
    Some(world.finish())
}

/// The most coordinators any parameter set of the run has.
fn most_coordinators(p: &Params) -> u32 {
    p.changes
        .iter()
        .map(|(_, q)| q.vhh.coordinators)
        .fold(p.vhh.coordinators, u32::max)
}

impl<'p, O: Observer> World<'p, O> {
    /// Build the world at t = 0 with its first events scheduled.
    pub fn new(p: &'p Params, rep: u32, obs: O) -> Self {
        let seed = p.run.seed;
        let rep64 = u64::from(rep);
        let w = &p.wijkteam;
        let teams = (0..w.teams)
            .map(|t| {
                let mut rng = derive(seed, rep64, Stream::Setup, SETUP_TEAMS, t as u64);
                let mut z = || -> f64 { rand_distr::StandardNormal.sample(&mut rng) };
                let skill = mean_one(w.skill_sd, z());
                let leader = mean_one(w.teamleader_sd, z());
                let adherence = mean_one(p.criteria.adherence_sd, z());
                Team::new(skill, leader, adherence, w.team_slots)
            })
            .collect();
        let call_prop = (0..most_coordinators(p))
            .map(|j| {
                let mut rng = derive(seed, rep64, Stream::Setup, SETUP_COORDINATORS, u64::from(j));
                let call: f64 = rand_distr::StandardNormal.sample(&mut rng);
                let relay: f64 = rand_distr::StandardNormal.sample(&mut rng);
                (
                    mean_one(p.link.call_spread, call),
                    mean_one(p.link.call_spread, relay),
                )
            })
            .collect::<Vec<(f64, f64)>>();
        let arrival = |src: u64| ArrivalStream::new(derive(seed, rep64, Stream::Arrivals, src, 0));
        let days = p.run.horizon_days as usize;
        let mut w = Self {
            p,
            base: p,
            rep,
            q: EventQueue::with_capacity(4096),
            cases: CaseStore::new(),
            teams,
            vhh: VhhDesk::new(p.vhh.budget, p.vhh.gives_way),
            zsm: ZsmDesk::new(p.zsm.desks),
            arrivals: [
                arrival(SRC_SOCIAL),
                arrival(SRC_ZSM),
                arrival(SRC_VHH_DIRECT),
            ],
            rules: Rules::of(p),
            fit: p.link.advice_fit,
            stats: Counters::new(p.wijkteam.teams, call_prop.len(), days),
            call_prop,
            obs,
            day: 0,
            done: false,
        };
        w.stats.vhh_budget.set(0.0, p.vhh.budget);
        w.stats.advice_fit.set(0.0, w.fit);
        w.schedule(HOURS_PER_DAY, Event::DayEnd);
        for src in [Source::Social, Source::ZsmUnknown, Source::VhhDirect] {
            w.schedule_next_arrival(src);
        }
        for desk in [Desk::Wijkteam, Desk::Vhh, Desk::Zsm] {
            if let Some(t) = w.hours_of(desk).first_opening() {
                w.schedule(t, Event::DeskOpens(desk));
            }
        }
        for (k, (t, _)) in p.changes.iter().enumerate() {
            w.schedule(*t, Event::ParamsChange(k as u32));
        }
        w.schedule(p.link.fit_review_h, Event::FitReview);
        if p.run.warmup_days == 0 {
            w.stats.open_window(0.0);
        }
        w
    }

    /// Current time (hours).
    #[inline]
    pub(crate) fn now(&self) -> f64 {
        self.q.now()
    }

    /// Schedule an event; events after the horizon are dropped (they cannot count).
    #[inline]
    pub(crate) fn schedule(&mut self, t: f64, e: Event) {
        if t <= self.p.run.horizon_h {
            let scheduled = self.q.schedule(t, e);
            debug_assert!(scheduled.is_ok(), "{scheduled:?}");
        }
    }

    /// Tell the observer what happened, if it wants to know.
    #[inline]
    pub(crate) fn emit(&mut self, happening: Happening) {
        if O::HAPPENINGS {
            let t = self.now();
            self.obs.on(t, &happening);
        }
    }

    /// The uid of the case in `slot` (for happenings).
    #[inline]
    pub(crate) fn uid(&self, slot: u32) -> u32 {
        self.cases.get(slot).map_or(u32::MAX, |c| c.uid)
    }

    /// Tell the observer a desk's levels, if it wants to know.
    #[inline]
    pub(crate) fn levels(&mut self, desk: DeskId) {
        if O::LEVELS {
            let (busy, waiting) = match desk {
                DeskId::Wijkteam(t) => {
                    let r = &self.teams[usize::from(t)].intake;
                    (r.busy(), r.waiting())
                }
                DeskId::Vhh => (self.vhh.procesregie, self.vhh.procesregie_waiting),
                DeskId::Advice => (self.vhh.consults, self.vhh.consults_waiting),
                DeskId::Zsm => (self.zsm.table.busy(), self.zsm.table.waiting()),
            };
            let t = self.now();
            self.obs.level(t, desk, busy, waiting);
        }
    }

    /// The opening hours of a desk.
    fn hours_of(&self, desk: Desk) -> &'p crate::engine::Calendar {
        let p = self.p;
        match desk {
            Desk::Wijkteam => &p.wijkteam.hours,
            Desk::Vhh => &p.vhh.hours,
            Desk::Zsm => &p.zsm.hours,
        }
    }

    /// Process events until the horizon.
    pub fn run(&mut self) {
        self.run_until(f64::INFINITY);
    }

    /// Process events up to time `t` (hours) or the horizon, whichever comes first.
    pub fn run_until(&mut self, t: f64) {
        while !self.done {
            let Some((_, event)) = self.q.pop_until(t) else {
                break;
            };
            self.dispatch(event);
        }
    }

    /// Events processed so far.
    pub fn events(&self) -> u64 {
        self.q.processed()
    }

    /// The observer (to read what it gathered so far).
    pub fn observer(&self) -> &O {
        &self.obs
    }

    fn dispatch(&mut self, event: Event) {
        match event {
            Event::DayEnd => self.on_day_end(),
            Event::ParamsChange(k) => self.on_params_change(k),
            Event::ZsmDone { item } => self.on_zsm_done(item),
            Event::AdviceDone { case, ticket } => self.on_advice_done(case, ticket),
            Event::BudgetRelease { units } => self.on_budget_release(units),
            Event::Clock { case, generation } => {
                if self
                    .cases
                    .get(case)
                    .is_some_and(|c| c.clock_gen == generation)
                {
                    self.on_clock(case);
                }
            }
            Event::Step {
                case,
                generation,
                step,
            } => {
                if self
                    .cases
                    .get(case)
                    .is_some_and(|c| c.phase_gen == generation)
                {
                    match step {
                        Step::Meeting => self.on_meeting(case),
                        Step::PlanReady => self.on_plan_ready(case),
                        Step::FrictionOver => self.on_friction_over(case),
                        Step::Ave4Over => self.on_ave4_over(case),
                    }
                }
            }
            Event::Briefing { case, generation } => {
                if self
                    .cases
                    .get(case)
                    .is_some_and(|c| c.notice_gen == generation)
                {
                    self.on_briefing(case);
                }
            }
            Event::AdviceTimeout { case, ticket } => self.on_advice_timeout(case, ticket),
            Event::FitReview => self.on_fit_review(),
            Event::EffectEnds { case, generation } => {
                if self
                    .cases
                    .get(case)
                    .is_some_and(|c| c.effect_gen == generation)
                {
                    self.on_effect_ends(case);
                }
            }
            Event::Feedback { case, uid, sent } => self.on_feedback(case, uid, sent),
            Event::Referral { case, uid } => self.on_zsm_referral(case, uid),
            Event::ExternalReferral { index } => self.on_external_referral(index),
            Event::Arrival(src, generation) => self.on_arrival(src, generation),
            Event::DeskOpens(desk) => self.on_desk_opens(desk),
        }
    }

    fn on_day_end(&mut self) {
        let t = self.now();
        self.stats.close_day(t);
        self.day += 1;
        if self.day == self.p.run.warmup_days {
            self.stats.open_window(t);
        }
        if self.day >= self.p.run.horizon_days {
            self.done = true;
        } else {
            self.schedule(t + HOURS_PER_DAY, Event::DayEnd);
        }
    }

    /// The k-th parameter set of the timeline takes over: rules and capacities follow, every
    /// case's clock and briefing check and every arrival stream whose rate changed is drawn
    /// again (all are memoryless), and desks with more capacity start work.
    fn on_params_change(&mut self, k: u32) {
        let base = self.base;
        let Some((_, next)) = base.changes.get(k as usize) else {
            return;
        };
        let before = self.p;
        let fit_before = before.link.advice_fit;
        self.p = next;
        let p = self.p;
        let now = self.now();
        // A new starting fit (an OM check on the advice, agreements) moves the fit reached so
        // far by the same amount.
        let shift = p.link.advice_fit - fit_before;
        if shift != 0.0 {
            let fit = (self.fit + shift).clamp(0.0, 1.0);
            self.stats.advice_fit.add(now, fit - self.fit);
            self.fit = fit;
        }
        self.rules = Rules::of(p);
        for team in &mut self.teams {
            team.intake.set_capacity(p.wijkteam.team_slots);
        }
        self.vhh.budget.set_capacity(p.vhh.budget);
        self.stats.vhh_budget.set(now, p.vhh.budget);
        self.zsm.table.set_capacity(p.zsm.desks);
        let live: Vec<u32> = self.cases.live_slots().collect();
        for slot in live {
            self.reschedule(slot);
            self.schedule_briefing(slot);
        }
        self.redraw_arrivals(before);
        for desk in [Desk::Wijkteam, Desk::Vhh, Desk::Zsm] {
            if self.hours_of(desk).is_open(now) {
                self.on_desk_work(desk);
            }
        }
    }

    fn on_desk_opens(&mut self, desk: Desk) {
        let t = self.now();
        if let Some(next) = self.hours_of(desk).next_opening_after(t) {
            self.schedule(next, Event::DeskOpens(desk));
        }
        self.on_desk_work(desk);
    }

    /// A desk puts free servers to work.
    fn on_desk_work(&mut self, desk: Desk) {
        match desk {
            Desk::Wijkteam => {
                for team in 0..self.teams.len() {
                    self.try_start_team(team);
                }
            }
            Desk::Vhh => self.try_start_vhh(),
            Desk::Zsm => self.try_start_zsm(),
        }
    }
}
