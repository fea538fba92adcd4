//! Arrivals: families entering AVE 2 at a wijkteam, suspects at ZSM, direct referrals to
//! the Veiligheidshuis. Each stream is a Poisson process with a weekly profile (and, for
//! families, growth), drawn by thinning; each new case draws its attributes from its own
//! random stream, keyed by its index in its stream, so the k-th family is the same family in
//! every scenario run with the same seed (common random numbers).

use rand::RngExt;
use rand_distr::{Distribution, Exp1};

use super::Observer;
use super::case::{AdvicePlace, AveFase, Case, NO_COORDINATOR, Origin, TeamPlace, VhhPlace};
use super::event::{Event, Source};
use super::happening::Happening;
use super::metrics::Daily;
use super::phases::Trigger;
use super::world::World;
use crate::engine::StreamRng;
use crate::engine::rng::{Stream, derive};
use crate::scenario::Params;
use crate::scenario::sections::arrivals::ArrivalParams;

/// Entity-stream source ids (part of the seed derivation; never renumber).
pub(crate) const SRC_SOCIAL: u64 = 0;
pub(crate) const SRC_ZSM: u64 = 1;
pub(crate) const SRC_VHH_DIRECT: u64 = 2;
pub(crate) const SRC_ZSM_REFERRAL: u64 = 3;

/// One arrival stream's random numbers and how many have arrived.
pub(crate) struct ArrivalStream {
    rng: StreamRng,
    next_index: u64,
    /// Bumped when the pending arrival is redrawn (its rate changed): older ones are stale.
    pub(crate) generation: u32,
}

impl ArrivalStream {
    pub(crate) fn new(rng: StreamRng) -> Self {
        Self {
            rng,
            next_index: 0,
            generation: 0,
        }
    }
}

/// The parameters of arrival stream `src` in `p`.
fn stream_of(p: &Params, src: Source) -> &ArrivalParams {
    let a = &p.arrivals;
    match src {
        Source::Social => &a.social,
        Source::ZsmUnknown => &a.zsm_unknown,
        Source::VhhDirect => &a.vhh_direct,
    }
}

impl<O: Observer> World<'_, O> {
    fn stream_params(&self, src: Source) -> &ArrivalParams {
        stream_of(self.p, src)
    }

    /// The growth multiplier of the family stream at time `t`.
    fn growth_at(&self, t: f64) -> f64 {
        let g = &self.p.growth;
        if t < g.start_h {
            1.0
        } else if g.ramp_h <= 0.0 {
            g.multiplier
        } else {
            let frac = ((t - g.start_h) / g.ramp_h).min(1.0);
            1.0 + (g.multiplier - 1.0) * frac
        }
    }

    /// Draw the next arrival time of `src` by thinning against its peak rate.
    pub(crate) fn schedule_next_arrival(&mut self, src: Source) {
        let sp = *self.stream_params(src);
        let growth = self.p.growth.multiplier;
        let peak_growth = if src == Source::Social {
            growth.max(1.0)
        } else {
            1.0
        };
        let peak = sp.per_hour * sp.profile_max * peak_growth;
        if peak <= 0.0 {
            return;
        }
        let flat = sp.profile_max == 1.0 && (src != Source::Social || (growth == 1.0));
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
            let weekday = self.p.run.weekday_at(t);
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
        let generation = self.arrivals[src as usize].generation;
        self.schedule(t, Event::Arrival(src, generation));
    }

    /// The parameters changed from `before`: draw the next arrival of every stream whose rate
    /// changed again (valid: Poisson streams are memoryless). A stream whose rate did not
    /// change keeps its draws, so the k-th family arrives at the same moment with and without
    /// a change that does not touch arrivals (common random numbers).
    pub(crate) fn redraw_arrivals(&mut self, before: &Params) {
        for src in [Source::Social, Source::ZsmUnknown, Source::VhhDirect] {
            let growth_changed = src == Source::Social && before.growth != self.p.growth;
            if stream_of(before, src) == self.stream_params(src) && !growth_changed {
                continue;
            }
            let s = &mut self.arrivals[src as usize];
            s.generation = s.generation.wrapping_add(1);
            self.schedule_next_arrival(src);
        }
    }

    pub(crate) fn on_arrival(&mut self, src: Source, generation: u32) {
        if generation != self.arrivals[src as usize].generation {
            return;
        }
        let index = self.arrivals[src as usize].next_index;
        self.arrivals[src as usize].next_index += 1;
        match src {
            Source::Social => self.new_social_case(index),
            Source::ZsmUnknown => self.zsm_unknown_arrival(index),
            Source::VhhDirect => self.new_external_case(Origin::VhhDirect, SRC_VHH_DIRECT, index),
        }
        self.schedule_next_arrival(src);
    }

    /// A new case in `phase` with its domains drawn from its own stream.
    fn blank_case(&self, origin: Origin, index: u64, phase: AveFase, mut rng: StreamRng) -> Case {
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
            team: None,
            domains,
            complex: false,
            youth: false,
            local: true,
            phase,
            at_team: TeamPlace::Outside,
            at_vhh: VhhPlace::Outside,
            advice: AdvicePlace::None,
            plan: false,
            stalled: false,
            doubt_settled: false,
            flagged: false,
            advice_on_file: false,
            coordinator: NO_COORDINATOR,
            been_in_ave3: false,
            ave3_before_incident: false,
            had_incident: false,
            first_exit_counted: false,
            created: now,
            phase_since: now,
            zsm_factor: 1.0,
            clock_gen: 0,
            phase_gen: 0,
            effect_gen: 0,
            notice_gen: 0,
            rng,
        }
    }

    fn emit_arrived(&mut self, slot: u32) {
        if O::HAPPENINGS {
            let c = self.cases.get(slot).expect("live case");
            let h = Happening::Arrived {
                case: c.uid,
                origin: c.origin,
                index: c.index,
                team: c.team,
                domains: c.domains,
                complex: c.complex,
                youth: c.youth,
                fase: c.phase,
            };
            self.emit(h);
        }
    }

    /// A family enters AVE 2 at a wijkteam: its attributes come from its own stream. At a
    /// team with no free place it may be pushed up to the VHH instead of waiting (overflow).
    fn new_social_case(&mut self, index: u64) {
        let p = self.p;
        let rng = derive(
            p.run.seed,
            u64::from(self.rep),
            Stream::Entity,
            SRC_SOCIAL,
            index,
        );
        let teams = self.teams.len();
        let mut c = self.blank_case(Origin::Social, index, AveFase::Ave2, rng);
        let u: f64 = c.rng.random();
        c.complex = u < p.case.complex_prob[c.domains as usize - 1];
        let u: f64 = c.rng.random();
        c.team = Some(((u * teams as f64) as usize).min(teams - 1) as u16);
        let u: f64 = c.rng.random();
        c.youth = u < p.case.youth_share;
        let slot = self.cases.insert(c);
        let now = self.now();
        self.stats.phase[AveFase::Ave2.index()].add(now, 1.0);
        if self.stats.in_window {
            self.stats.entered += 1;
        }
        self.stats.count(Daily::Entered);
        self.emit_arrived(slot);
        let team = usize::from(self.cases.at(slot).team.unwrap_or(0));
        let intake = &self.teams[team].intake;
        // Full: every place taken, or more waiting than places free (not merely closed).
        let full = intake.busy() + intake.waiting() >= intake.capacity();
        self.join_team_queue(slot);
        let c = self.cases.at(slot);
        if full && p.overflow.when_full > 0.0 {
            let u: f64 = c.rng.random();
            if u < p.overflow.when_full {
                self.request_opschaling(slot, Trigger::Overflow, false);
                return;
            }
        }
        self.reschedule(slot);
    }

    /// A case from outside this municipality's wijkteams enters AVE 3 at the VHH.
    pub(crate) fn new_external_case(&mut self, origin: Origin, source: u64, index: u64) {
        let rng = derive(
            self.p.run.seed,
            u64::from(self.rep),
            Stream::Entity,
            source,
            index,
        );
        let mut c = self.blank_case(origin, index, AveFase::Ave3, rng);
        c.complex = true;
        c.been_in_ave3 = true;
        let u: f64 = c.rng.random();
        c.youth = u < self.p.case.youth_share;
        let u: f64 = c.rng.random();
        c.local = u < self.p.vhh.local_share;
        let local = c.local;
        let slot = self.cases.insert(c);
        let now = self.now();
        self.stats.phase[AveFase::Ave3.index()].add(now, 1.0);
        self.count_vhh_entry(origin, local);
        self.emit_arrived(slot);
        self.join_vhh_queue(slot, false);
        self.reschedule(slot);
    }
}
