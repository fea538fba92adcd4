//! The world of one replication: the clock, the desks, the cases in progress, the arrival
//! streams and the dispatch of events to the handlers in [`super::phases`] and the desks.

use rand::RngExt;
use rand_distr::{Distribution, Exp1};

use super::case::{Case, CaseStore, NO_TEAM, Origin, Outcome};
use super::event::{Desk, Event, Source, Step};
use super::metrics::{Daily, METRICS, ReplicationOutput, Stats};
use super::veiligheidshuis::{AdviceDesk, VhhDesk};
use super::wijkteam::Team;
use super::zsm::ZsmDesk;
use super::{CaseRecord, Observer};
use crate::engine::rng::{Stream, derive};
use crate::engine::{EventQueue, HOURS_PER_DAY, HOURS_PER_YEAR, StreamRng};
use crate::scenario::Params;
use crate::scenario::sections::arrivals::ArrivalParams;
use crate::scenario::sections::dynamics::RateState;

/// Entity-stream source ids (part of the seed derivation; never renumber).
pub(crate) const SRC_SOCIAL: u64 = 0;
pub(crate) const SRC_ZSM: u64 = 1;
pub(crate) const SRC_VHH_DIRECT: u64 = 2;
pub(crate) const SRC_ZSM_REFERRAL: u64 = 3;

struct ArrivalStream {
    rng: StreamRng,
    next_index: u64,
}

/// What the AVE rules make of the scenario's values, worked out once per replication.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rules {
    /// Recognition rate of a served complex case with skill 1 (per hour).
    pub recognition_per_h: f64,
    /// Over-the-fence rate of a served non-complex case (per hour).
    pub over_the_fence_per_h: f64,
    /// P(ZSM reads VHH advice on file).
    pub advice_read_prob: f64,
    /// P(referral to the VHH | upgraded complex case).
    pub referral_prob: f64,
}

impl Rules {
    pub(crate) fn of(p: &Params) -> Self {
        Self {
            recognition_per_h: super::phases::recognition_rate(p),
            over_the_fence_per_h: super::phases::over_the_fence_rate(p),
            advice_read_prob: super::zsm::advice_read_prob(p),
            referral_prob: super::zsm::referral_prob(p),
        }
    }
}

/// One replication's world.
pub struct World<'p, O: Observer> {
    pub(crate) p: &'p Params,
    pub(crate) rep: u32,
    pub(crate) q: EventQueue<Event>,
    pub(crate) cases: CaseStore,
    pub(crate) teams: Vec<Team>,
    pub(crate) vhh: VhhDesk,
    pub(crate) advice: AdviceDesk,
    pub(crate) zsm: ZsmDesk,
    arrivals: [ArrivalStream; 3],
    pub(crate) rules: Rules,
    pub(crate) stats: Stats,
    pub(crate) obs: O,
    day: u32,
    done: bool,
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

/// What a case's clock decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Transition {
    Resolution,
    Crisis,
    Recognition,
    OverTheFence,
    Offence,
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

impl<'p, O: Observer> World<'p, O> {
    /// Build the world at t = 0 with its first events scheduled.
    pub fn new(p: &'p Params, rep: u32, obs: O) -> Self {
        let seed = p.run.seed;
        let rep64 = u64::from(rep);
        let teams = (0..p.wijkteam.teams)
            .map(|t| {
                let mut rng = derive(seed, rep64, Stream::Setup, 0, t as u64);
                let z: f64 = rand_distr::StandardNormal.sample(&mut rng);
                let skill = (p.wijkteam.skill_sd * z
                    - p.wijkteam.skill_sd * p.wijkteam.skill_sd / 2.0)
                    .exp();
                Team::new(skill)
            })
            .collect();
        let arrival = |src: u64| ArrivalStream {
            rng: derive(seed, rep64, Stream::Arrivals, src, 0),
            next_index: 0,
        };
        let days = p.run.horizon_days as usize;
        let mut w = Self {
            p,
            rep,
            q: EventQueue::with_capacity(4096),
            cases: CaseStore::new(),
            teams,
            vhh: VhhDesk::default(),
            advice: AdviceDesk::default(),
            zsm: ZsmDesk::default(),
            arrivals: [
                arrival(SRC_SOCIAL),
                arrival(SRC_ZSM),
                arrival(SRC_VHH_DIRECT),
            ],
            rules: Rules::of(p),
            stats: Stats::new(p.wijkteam.teams, days),
            obs,
            day: 0,
            done: false,
        };
        w.schedule(HOURS_PER_DAY, Event::DayEnd);
        for src in [Source::Social, Source::ZsmUnknown, Source::VhhDirect] {
            w.schedule_next_arrival(src);
        }
        for (desk, cal) in [
            (Desk::Wijkteam, &p.wijkteam.hours),
            (Desk::Vhh, &p.vhh.hours),
            (Desk::Advice, &p.advice.hours),
            (Desk::Zsm, &p.zsm.hours),
        ] {
            if let Some(t) = cal.next_opening_after(-1e-9) {
                w.schedule(t.max(0.0), Event::DeskOpens(desk));
            }
        }
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

    /// Trace an event when the observer wants traces.
    #[inline]
    pub(crate) fn trace(
        &mut self,
        event: &'static str,
        desk: Desk,
        case: u32,
        detail: impl FnOnce() -> String,
    ) {
        if O::TRACE {
            let uid = self.cases.get(case).map_or(u64::MAX, |c| u64::from(c.uid));
            let t = self.now();
            self.obs.trace(t, event, desk.name(), uid, &detail());
        }
    }

    /// Process events until the horizon.
    pub fn run(&mut self) {
        self.run_until(f64::INFINITY);
    }

    /// Process events up to time `t` (hours) or the horizon, whichever comes first.
    pub fn run_until(&mut self, t: f64) {
        while !self.done && self.q.peek_time().is_some_and(|next| next <= t) {
            let Some((_, event)) = self.q.pop() else {
                break;
            };
            self.dispatch(event);
        }
    }

    /// Events processed so far.
    pub fn events(&self) -> u64 {
        self.q.processed()
    }

    fn dispatch(&mut self, event: Event) {
        match event {
            Event::DayEnd => self.on_day_end(),
            Event::ZsmDone { item } => self.on_zsm_done(item),
            Event::AdviceDone { case, ticket } => self.on_advice_done(case, ticket),
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
                        Step::FrictionOver => self.down_scale(case),
                        Step::CrisisOver => self.on_crisis_over(case),
                        Step::Review => self.on_review(case),
                    }
                }
            }
            Event::EffectEnds { case, generation } => {
                if self
                    .cases
                    .get(case)
                    .is_some_and(|c| c.effect_gen == generation)
                {
                    self.end_effect(case);
                }
            }
            Event::Feedback { case, uid, sent } => self.on_feedback(case, uid, sent),
            Event::Referral { case, uid } => self.on_zsm_referral(case, uid),
            Event::ExternalReferral { index } => self.on_external_referral(index),
            Event::Arrival(src) => self.on_arrival(src),
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

    fn on_desk_opens(&mut self, desk: Desk) {
        let t = self.now();
        let cal = match desk {
            Desk::Wijkteam => &self.p.wijkteam.hours,
            Desk::Vhh => &self.p.vhh.hours,
            Desk::Advice => &self.p.advice.hours,
            Desk::Zsm => &self.p.zsm.hours,
        };
        if let Some(next) = cal.next_opening_after(t) {
            self.schedule(next, Event::DeskOpens(desk));
        }
        match desk {
            Desk::Wijkteam => {
                for team in 0..self.teams.len() {
                    self.try_start_team(team);
                }
            }
            Desk::Vhh => self.try_start_vhh(),
            Desk::Advice => self.try_start_advice(),
            Desk::Zsm => self.try_start_zsm(),
        }
    }

    // ---- arrivals ------------------------------------------------------------------

    fn stream_params(&self, src: Source) -> &ArrivalParams {
        match src {
            Source::Social => &self.p.arrivals.social,
            Source::ZsmUnknown => &self.p.arrivals.zsm_unknown,
            Source::VhhDirect => &self.p.arrivals.vhh_direct,
        }
    }

    fn growth_at(&self, t: f64) -> f64 {
        let p = self.p;
        if t < p.growth.start_h {
            1.0
        } else if p.growth.ramp_h <= 0.0 {
            p.growth.multiplier
        } else {
            let frac = ((t - p.growth.start_h) / p.growth.ramp_h).min(1.0);
            1.0 + (p.growth.multiplier - 1.0) * frac
        }
    }

    /// Draw the next arrival time of `src` by thinning against its peak rate.
    fn schedule_next_arrival(&mut self, src: Source) {
        let sp = *self.stream_params(src);
        let peak_growth = if src == Source::Social {
            self.p.growth.multiplier.max(1.0)
        } else {
            1.0
        };
        let peak = sp.per_hour * sp.profile_max * peak_growth;
        if peak <= 0.0 {
            return;
        }
        let flat =
            sp.profile_max == 1.0 && (src != Source::Social || (self.p.growth.multiplier == 1.0));
        let mut t = self.now();
        loop {
            let stream = &mut self.arrivals[src as usize];
            let e: f64 = Exp1.sample(&mut stream.rng);
            t += e / peak;
            if t > self.p.run.horizon_h {
                return;
            }
            if flat {
                break;
            }
            let weekday = ((t / HOURS_PER_DAY).floor() as i64).rem_euclid(7) as usize;
            let g = if src == Source::Social {
                self.growth_at(t)
            } else {
                1.0
            };
            let rate = sp.per_hour * sp.profile[weekday] * g;
            let u: f64 = self.arrivals[src as usize].rng.random();
            if u * peak < rate {
                break;
            }
        }
        self.schedule(t, Event::Arrival(src));
    }

    fn on_arrival(&mut self, src: Source) {
        let index = self.arrivals[src as usize].next_index;
        self.arrivals[src as usize].next_index += 1;
        match src {
            Source::Social => self.new_social_case(index),
            Source::ZsmUnknown => self.zsm_unknown_arrival(index),
            Source::VhhDirect => self.new_external_case(Origin::VhhDirect, SRC_VHH_DIRECT, index),
        }
        self.schedule_next_arrival(src);
    }

    /// A new case in phase 2 with its domains drawn from its own stream.
    fn blank_case(&self, origin: Origin, index: u64, mut rng: StreamRng) -> Case {
        let u: f64 = rng.random();
        let domains = self
            .p
            .case
            .domain_cdf
            .iter()
            .position(|&c| u < c)
            .unwrap_or(4) as u8
            + 1;
        let now = self.now();
        Case {
            uid: 0,
            index,
            origin,
            team: NO_TEAM,
            domains,
            complex: false,
            phase: 2,
            served: false,
            has_plan: false,
            advised: false,
            awaiting_advice: false,
            in_advice_queue: false,
            flagged: false,
            advice_on_file: false,
            had_phase3: false,
            timely_phase3: false,
            had_crisis: false,
            holds_vhh: false,
            in_team_queue: false,
            in_vhh_queue: false,
            team_ticket: 0,
            vhh_ticket: 0,
            advice_ticket: 0,
            created: now,
            phase_since: now,
            team_since: now,
            vhh_since: now,
            advice_since: now,
            exited: false,
            zsm_factor: 1.0,
            clock_gen: 0,
            phase_gen: 0,
            effect_gen: 0,
            escalations: 0,
            crises: 0,
            history: Vec::new(),
            rng,
        }
    }

    /// A family enters phase 2 at a wijkteam: its attributes come from its own stream.
    fn new_social_case(&mut self, index: u64) {
        let rng = derive(
            self.p.run.seed,
            u64::from(self.rep),
            Stream::Entity,
            SRC_SOCIAL,
            index,
        );
        let teams = self.teams.len();
        let complex_prob = self.p.case.complex_prob;
        let mut c = self.blank_case(Origin::Social, index, rng);
        let u: f64 = c.rng.random();
        c.complex = u < complex_prob[c.domains as usize - 1];
        let u: f64 = c.rng.random();
        c.team = ((u * teams as f64) as usize).min(teams - 1) as u16;
        let slot = self.cases.insert(c);
        let now = self.now();
        if O::CASES {
            self.cases.at(slot).history.push((now, 2));
        }
        self.stats.phase[0].add(now, 1.0);
        if self.stats.in_window {
            self.stats.entered += 1;
        }
        self.stats.count(Daily::Entered);
        self.trace("social_arrival", Desk::Wijkteam, slot, String::new);
        self.join_team_queue(slot);
        self.schedule_review(slot);
        self.reschedule(slot);
    }

    /// A case from outside this municipality's wijkteams enters phase 3 at the VHH.
    pub(crate) fn new_external_case(&mut self, origin: Origin, source: u64, index: u64) {
        let rng = derive(
            self.p.run.seed,
            u64::from(self.rep),
            Stream::Entity,
            source,
            index,
        );
        let mut c = self.blank_case(origin, index, rng);
        c.complex = true;
        c.served = true;
        c.phase = 3;
        c.had_phase3 = true;
        let slot = self.cases.insert(c);
        let now = self.now();
        if O::CASES {
            self.cases.at(slot).history.push((now, 3));
        }
        self.stats.phase[1].add(now, 1.0);
        self.trace(origin.name(), Desk::Vhh, slot, String::new);
        self.join_vhh_queue(slot, false);
        self.reschedule(slot);
    }

    // ---- the competing-risk clock ---------------------------------------------------

    pub(crate) fn rate_state(c: &Case) -> RateState {
        match (c.phase, c.served, c.has_plan) {
            (2, false, _) => RateState::Waiting,
            (2, true, false) => RateState::Served,
            (_, _, true) => RateState::Planned,
            _ => RateState::Escalated,
        }
    }

    pub(crate) fn clock_rates(&self, c: &Case) -> ClockRates {
        if c.phase == 4 {
            return ClockRates::default();
        }
        let p = self.p;
        let r = &p.dynamics.rates[usize::from(c.complex)];
        let state = Self::rate_state(c) as usize;
        let crisis_factor = c.zsm_factor
            * if c.advised {
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
        let served_unplanned = c.phase == 2 && c.served && !c.has_plan && c.team != NO_TEAM;
        if served_unplanned && c.complex && !c.advised && !c.awaiting_advice {
            out.recognition = self.rules.recognition_per_h * self.teams[c.team as usize].skill;
        }
        if served_unplanned && !c.complex {
            out.over_the_fence = self.rules.over_the_fence_per_h;
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

    fn on_clock(&mut self, slot: u32) {
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

    // ---- phase bookkeeping shared by the rules --------------------------------------

    /// Move a case to `phase`, invalidating its process steps and reviews.
    pub(crate) fn set_phase(&mut self, slot: u32, phase: u8) {
        let now = self.now();
        let c = self.cases.at(slot);
        let old = c.phase;
        c.phase = phase;
        c.phase_gen = c.phase_gen.wrapping_add(1);
        c.phase_since = now;
        if O::CASES {
            c.history.push((now, phase));
        }
        self.stats.phase[usize::from(old - 2)].add(now, -1.0);
        self.stats.phase[usize::from(phase - 2)].add(now, 1.0);
    }

    /// Close a case: free its slots and queue places and report it.
    pub(crate) fn close_case(&mut self, slot: u32, outcome: Outcome) {
        let now = self.now();
        self.cancel_advice(slot);
        self.leave_team(slot);
        self.leave_vhh(slot);
        let c = self.cases.get(slot).expect("live case");
        let (phase, origin, complex, timely, had_crisis) =
            (c.phase, c.origin, c.complex, c.timely_phase3, c.had_crisis);
        self.stats.phase[usize::from(phase - 2)].add(now, -1.0);
        if origin == Origin::Social && complex && self.stats.in_window {
            self.stats.complex_closed += 1;
            if !timely {
                self.stats.complex_missed += 1;
            }
            if had_crisis {
                self.stats.complex_closed_with_crisis += 1;
            }
        }
        self.trace(outcome.name(), Desk::Wijkteam, slot, String::new);
        if O::CASES {
            let record = self.record(slot, outcome, now);
            self.obs.case_done(&record);
        }
        self.stats.diag.closed += 1;
        self.cases.remove(slot);
    }

    fn record(&mut self, slot: u32, outcome: Outcome, closed: f64) -> CaseRecord {
        let rep = self.rep;
        let c = self.cases.at(slot);
        CaseRecord {
            replication: rep,
            uid: c.uid,
            origin: c.origin,
            index: c.index,
            team: (c.team != NO_TEAM).then(|| c.team + 1),
            domains: c.domains,
            complex: c.complex,
            entered: c.created,
            closed,
            outcome,
            escalations: c.escalations,
            crises: c.crises,
            history: std::mem::take(&mut c.history),
        }
    }

    /// Record a social case's first exit from phase-2 service (0 escalation, 1 crisis, 2 resolution).
    pub(crate) fn first_exit(&mut self, slot: u32, kind: usize) {
        let c = self.cases.at(slot);
        if c.exited || c.origin != Origin::Social {
            return;
        }
        c.exited = true;
        let complex = c.complex;
        if self.stats.in_window {
            let d = &mut self.stats.diag;
            if complex {
                d.first_exit_complex[kind] += 1;
            } else {
                d.first_exit_simple[kind] += 1;
            }
        }
    }

    /// Compute the replication's outputs.
    pub fn finish(mut self) -> (ReplicationOutput, O) {
        let end = self.p.run.horizon_h;
        let open: Vec<u32> = self.cases.live_slots().collect();
        self.stats.diag.open_at_end = open.len() as u64;
        if O::CASES {
            for slot in open {
                let record = self.record(slot, Outcome::Open, f64::NAN);
                self.obs.case_done(&record);
            }
        }
        let p = self.p;
        let s = &mut self.stats;
        let window = p.run.horizon_h - p.run.warmup_h;
        let years = window / HOURS_PER_YEAR;
        let ratio = |a: u64, b: u64| {
            if b == 0 {
                f64::NAN
            } else {
                a as f64 / b as f64
            }
        };
        let team_slots = f64::from(p.wijkteam.team_slots) * p.wijkteam.teams as f64;
        let zsm_open = p
            .zsm
            .hours
            .open_hours_between(p.run.warmup_h, p.run.horizon_h)
            * f64::from(p.zsm.desks);
        let mut metrics = vec![f64::NAN; METRICS.len()];
        let mut set = |name: &str, v: f64| {
            let i = super::metrics::metric_index(name).expect("metric name");
            metrics[i] = v;
        };
        set("cases_entered_per_year", s.entered as f64 / years);
        set(
            "escalations_phase3_per_1000",
            1000.0 * ratio(s.esc3, s.entered),
        );
        set(
            "escalations_phase4_per_1000",
            1000.0 * ratio(s.esc4, s.entered),
        );
        set("late_escalation_share", ratio(s.late, s.esc4));
        set("unneeded_escalation_share", ratio(s.esc3_unneeded, s.esc3));
        set(
            "missed_complex_share",
            ratio(s.complex_missed, s.complex_closed),
        );
        set(
            "time_to_phase3_days_mean",
            s.time_to_phase3.mean() / HOURS_PER_DAY,
        );
        set("advice_consults_per_year", s.consults as f64 / years);
        set(
            "wijkteam_utilisation",
            s.team_busy_all.window_mean(window) / team_slots,
        );
        set(
            "wijkteam_wait_days_mean",
            s.team_wait.mean() / HOURS_PER_DAY,
        );
        set(
            "vhh_utilisation",
            s.vhh_busy.window_mean(window) / f64::from(p.vhh.slots),
        );
        set("vhh_queue_mean", s.vhh_waiting.window_mean(window));
        set("vhh_queue_max", s.vhh_waiting.window_max());
        set("vhh_wait_days_mean", s.vhh_wait.mean() / HOURS_PER_DAY);
        set("vhh_wait_days_p90", s.vhh_wait_hist.quantile(0.9));
        set(
            "zsm_utilisation",
            if zsm_open > 0.0 {
                s.zsm_busy.window_mean(window) * window / zsm_open
            } else {
                f64::NAN
            },
        );
        set(
            "zsm_within_target_share",
            ratio(s.zsm_within, s.zsm_decisions),
        );
        set("zsm_decision_hours_mean", s.zsm_decision_hours.mean());
        set(
            "zsm_known_complex_decisions_per_year",
            s.known_complex as f64 / years,
        );
        set(
            "zsm_informed_share",
            ratio(s.known_complex_informed, s.known_complex),
        );
        set("zsm_referrals_per_year", s.referrals as f64 / years);
        set(
            "feedback_delivered_share",
            ratio(s.feedback_delivered, s.vhh_held_decisions),
        );
        set("feedback_delay_hours_mean", s.feedback_delay.mean());

        let d = &mut s.diag;
        d.window_hours = window;
        d.team_queue_mean = s.team_waiting_all.window_mean(window);
        d.vhh_queue_mean = s.vhh_waiting.window_mean(window);
        d.zsm_queue_mean = s.zsm_waiting.window_mean(window);
        d.advice_queue_mean = s.advice_waiting.window_mean(window);
        d.zsm_busy_mean = s.zsm_busy.window_mean(window);
        d.created = u64::from(self.cases.created());
        d.events = self.q.processed();
        d.complex_closed = s.complex_closed;
        d.complex_closed_with_crisis = s.complex_closed_with_crisis;
        let by_hour = s.zsm_by_hour.means(end, window / HOURS_PER_DAY);
        let out = ReplicationOutput {
            replication: self.rep,
            metrics,
            daily: std::mem::take(&mut s.daily),
            zsm_queue_by_hour: by_hour,
            time_to_phase3: s.hist_phase3.clone(),
            time_to_late: s.hist_late.clone(),
            diagnostics: s.diag.clone(),
        };
        (out, self.obs)
    }
}
