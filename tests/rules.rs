//! One test per AVE rule, each reading as the rule (simmer's habit): a small scenario, the
//! model's typed happenings, and the property the rule promises. The rules themselves are
//! in `src/model/phases.rs` and the desks; docs/model.md states them.

mod common;

use std::collections::{HashMap, HashSet};

use avesim::model::phases::Trigger;
use avesim::model::{AveFase, DeskId, Happening, Observer, Origin, Outcome, world::World};
use avesim::scenario::DEFAULT_SCENARIO;
use common::scenario;

/// Every happening with its time, and every level change of the wijkteams.
#[derive(Default)]
struct Log {
    seen: Vec<(f64, Happening)>,
    team_busy: Vec<(f64, u16, u32)>,
}

impl Observer for Log {
    const HAPPENINGS: bool = true;
    const LEVELS: bool = true;
    fn on(&mut self, t: f64, h: &Happening) {
        self.seen.push((t, *h));
    }
    fn level(&mut self, t: f64, desk: DeskId, busy: u32, _waiting: u32) {
        if let DeskId::Wijkteam(team) = desk {
            self.team_busy.push((t, team, busy));
        }
    }
}

/// Leeuwarden with `sets`, one replication of `days` days, and what happened.
fn happenings(days: u32, sets: &[&str]) -> Log {
    happenings_of(0, days, sets)
}

/// Like [`happenings`], for replication `rep`.
fn happenings_of(rep: u32, days: u32, sets: &[&str]) -> Log {
    let horizon = format!("run.horizon_days={days}");
    let mut all = vec![horizon.as_str(), "run.warmup_days=1", "run.replications=1"];
    all.extend_from_slice(sets);
    let (_, p) = scenario(DEFAULT_SCENARIO, &all);
    let mut world = World::new(&p, rep, Log::default());
    world.run();
    let (_, log) = world.finish();
    log
}

fn opschalingen(log: &Log) -> impl Iterator<Item = (u32, Trigger)> + '_ {
    log.seen.iter().filter_map(|(_, h)| match h {
        Happening::Opgeschaald { case, trigger } => Some((*case, *trigger)),
        _ => None,
    })
}

#[test]
fn a_recognised_complex_case_is_scaled_up_when_the_team_follows_the_criteria() {
    let log = happenings(
        730,
        &[
            "advice.enabled=false",
            "triage.adherence=1",
            "link.wijkteam_flag=false",
        ],
    );
    let recognised: Vec<u32> = log
        .seen
        .iter()
        .filter_map(|(_, h)| match h {
            Happening::Recognised { case } => Some(*case),
            _ => None,
        })
        .collect();
    let up: HashSet<u32> = opschalingen(&log)
        .filter(|(_, t)| *t == Trigger::Recognition)
        .map(|(c, _)| c)
        .collect();
    assert!(recognised.len() > 50, "{} recognitions", recognised.len());
    assert!(
        recognised.iter().all(|c| up.contains(c)),
        "every recognition leads to opschaling"
    );
}

#[test]
fn where_cases_reach_the_vhh_only_after_a_crisis_nothing_is_scaled_up_before_one() {
    let log = happenings(
        730,
        &["triage.criteria=\"crisis_only\"", "advice.enabled=false"],
    );
    let early: Vec<Trigger> = opschalingen(&log)
        .map(|(_, t)| t)
        .filter(|t| *t != Trigger::ZsmReferral)
        .collect();
    assert!(early.is_empty(), "scaled up before a crisis: {early:?}");
    assert!(
        log.seen
            .iter()
            .any(|(_, h)| matches!(h, Happening::Crisis { .. })),
        "crises still happen"
    );
}

#[test]
fn a_consult_that_settles_the_doubt_keeps_the_case_in_ave2() {
    let log = happenings(
        730,
        &[
            "advice.consult_prob=1",
            "advice.resolve_prob=1",
            "advice.desks=50",
        ],
    );
    let settled: HashSet<u32> = log
        .seen
        .iter()
        .filter_map(|(_, h)| match h {
            Happening::DoubtSettled { case } => Some(*case),
            _ => None,
        })
        .collect();
    assert!(settled.len() > 20, "{} settled", settled.len());
    let by_advice: Vec<u32> = opschalingen(&log)
        .filter(|(_, t)| *t == Trigger::Advice)
        .map(|(c, _)| c)
        .collect();
    assert!(
        by_advice.is_empty(),
        "a settled doubt never scales up on advice"
    );
}

#[test]
fn a_consult_that_does_not_settle_the_doubt_scales_the_case_up_on_advice() {
    let log = happenings(
        730,
        &[
            "advice.consult_prob=1",
            "advice.resolve_prob=0",
            "advice.desks=50",
        ],
    );
    let answered: Vec<u32> = log
        .seen
        .iter()
        .filter_map(|(_, h)| match h {
            Happening::AdviceAnswered { case } => Some(*case),
            _ => None,
        })
        .collect();
    let by_advice: HashSet<u32> = opschalingen(&log)
        .filter(|(_, t)| *t == Trigger::Advice)
        .map(|(c, _)| c)
        .collect();
    assert!(answered.len() > 20);
    // A consult can be answered after the case left AVE 2 some other way; otherwise it scales up.
    let share =
        answered.iter().filter(|c| by_advice.contains(c)).count() as f64 / answered.len() as f64;
    assert!(share > 0.9, "{share}");
}

#[test]
fn a_pending_consult_is_withdrawn_when_the_case_leaves_ave2_and_its_answer_then_does_not_count() {
    let log = happenings(
        1095,
        &[
            "advice.consult_prob=1",
            "advice.desks=1",
            "advice.service_hours={dist=\"fixed\",value=40.0}",
        ],
    );
    let mut pending: HashSet<u32> = HashSet::new();
    let mut withdrawn = 0;
    for (_, h) in &log.seen {
        match *h {
            Happening::AdviceRequested { case } => {
                pending.insert(case);
            }
            Happening::Crisis { case, .. }
            | Happening::Opgeschaald { case, .. }
            | Happening::Closed { case, .. } => {
                withdrawn += usize::from(pending.remove(&case));
            }
            Happening::AdviceAnswered { case } => {
                assert!(
                    pending.remove(&case),
                    "case {case} answered after it was withdrawn"
                );
            }
            _ => {}
        }
    }
    assert!(withdrawn > 0, "the scenario withdraws some consults");
}

#[test]
fn a_case_back_from_a_crisis_goes_first_for_a_coordinator() {
    let log = happenings(1825, &["vhh.coordinators=1", "vhh.cases_per_coordinator=5"]);
    let mut waiting_back: HashSet<u32> = HashSet::new();
    let mut waiting_other: HashSet<u32> = HashSet::new();
    let mut back = HashSet::new();
    let mut contested = 0;
    for (_, h) in &log.seen {
        match *h {
            Happening::CrisisOver { case } => {
                back.insert(case);
            }
            Happening::QueueJoined {
                case,
                desk: DeskId::Vhh,
            } => {
                if back.remove(&case) {
                    waiting_back.insert(case);
                } else {
                    waiting_other.insert(case);
                }
            }
            Happening::ProcesregieStarted { case } => {
                if !waiting_back.is_empty() && !waiting_other.is_empty() {
                    contested += 1;
                    assert!(
                        waiting_back.contains(&case),
                        "case {case} started while one back from a crisis waited"
                    );
                }
                waiting_back.remove(&case);
                waiting_other.remove(&case);
            }
            Happening::Closed { case, .. } | Happening::Crisis { case, .. } => {
                waiting_back.remove(&case);
                waiting_other.remove(&case);
            }
            _ => {}
        }
    }
    assert!(contested > 0, "no start had both kinds waiting");
}

#[test]
fn a_rejected_plan_delays_afschaling_by_the_friction_time() {
    let log = happenings(
        1095,
        &[
            "vhh.plan_rejection_prob=1",
            "vhh.keep_until_resolved_share=0",
            "vhh.friction_days={dist=\"fixed\",value=10.0}",
        ],
    );
    let mut rejected: HashMap<u32, f64> = HashMap::new();
    let mut delays = Vec::new();
    for (t, h) in &log.seen {
        match *h {
            Happening::PlanRejected { case } => {
                rejected.insert(case, *t);
            }
            Happening::Afgeschaald { case } => {
                let at = rejected
                    .remove(&case)
                    .expect("afschaling follows a rejected plan");
                delays.push(t - at);
            }
            _ => {}
        }
    }
    assert!(delays.len() > 20);
    assert!(
        delays.iter().all(|d| (d - 240.0).abs() < 1e-6),
        "{delays:?}"
    );
}

#[test]
fn external_cases_are_handed_back_not_afgeschaald() {
    let log = happenings(1095, &[]);
    let external: HashSet<u32> = log
        .seen
        .iter()
        .filter_map(|(_, h)| match h {
            Happening::Arrived { case, origin, .. } if *origin != Origin::Social => Some(*case),
            _ => None,
        })
        .collect();
    let mut handed_back = 0;
    for (_, h) in &log.seen {
        match *h {
            Happening::Afgeschaald { case } => assert!(!external.contains(&case)),
            Happening::Closed {
                case,
                outcome: Outcome::HandedBack,
            } => {
                assert!(
                    external.contains(&case),
                    "only external cases are handed back"
                );
                handed_back += 1;
            }
            _ => {}
        }
    }
    assert!(handed_back > 50);
}

#[test]
fn the_stagnation_review_scales_up_only_under_ave_criteria() {
    let stagnation = |criteria: &str| {
        let set = format!("triage.criteria=\"{criteria}\"");
        let log = happenings(1095, &[&set, "triage.stagnation_adherence=0.2"]);
        opschalingen(&log)
            .filter(|(_, t)| *t == Trigger::Stagnation)
            .count()
    };
    assert!(stagnation("ave") > 0);
    assert_eq!(stagnation("informal"), 0);
}

#[test]
fn a_crisis_is_late_exactly_when_the_case_never_had_ave3() {
    let log = happenings(1095, &[]);
    let mut been_in_ave3 = HashSet::new();
    let (mut late, mut timely) = (0, 0);
    for (_, h) in &log.seen {
        match *h {
            Happening::Arrived {
                case,
                fase: AveFase::Ave3,
                ..
            }
            | Happening::PhaseChanged {
                case,
                fase: AveFase::Ave3,
            } => {
                been_in_ave3.insert(case);
            }
            Happening::Crisis { case, late: l } => {
                assert_eq!(l, !been_in_ave3.contains(&case), "case {case}");
                if l {
                    late += 1;
                } else {
                    timely += 1;
                }
            }
            _ => {}
        }
    }
    assert!(late > 5 && timely > 0, "{late} late, {timely} not");
}

#[test]
fn the_wijkteam_keeps_its_case_slot_through_opschaling_and_crises() {
    let log = happenings(730, &[]);
    // Every time a team's busy slots go down, a case of that team closed at that instant.
    let mut closed_at: HashMap<u64, usize> = HashMap::new();
    for (t, h) in &log.seen {
        if matches!(h, Happening::Closed { .. }) {
            *closed_at.entry(t.to_bits()).or_default() += 1;
        }
    }
    let mut last: HashMap<u16, u32> = HashMap::new();
    let mut drops = 0;
    for &(t, team, busy) in &log.team_busy {
        let before = last.insert(team, busy).unwrap_or(0);
        if busy < before {
            drops += 1;
            assert!(
                closed_at.contains_key(&t.to_bits()),
                "a slot freed at {t} h without a case closing"
            );
        }
    }
    assert!(drops > 100);
}

#[test]
fn zsm_has_context_only_when_the_vhh_has_advice_on_file_or_the_team_flagged_the_case() {
    let log = happenings(
        1095,
        &["link.wijkteam_flag=false", "link.read_prob_bridged=1"],
    );
    let mut on_file = HashSet::new();
    let mut informed = 0;
    for (_, h) in &log.seen {
        match *h {
            Happening::Maatwerkoverleg { case } => {
                on_file.insert(case);
            }
            Happening::ZsmKnownDecision {
                case,
                informed: true,
            } => {
                assert!(
                    on_file.contains(&case),
                    "case {case} read without advice on file"
                );
                informed += 1;
            }
            Happening::ZsmKnownDecision {
                case,
                informed: false,
            } => assert!(
                !on_file.contains(&case),
                "advice on file but not read (read prob 1)"
            ),
            _ => {}
        }
    }
    assert!(informed > 5);
}

#[test]
fn a_family_is_taken_on_by_its_own_wijkteam_even_when_the_lines_are_long() {
    // Three times the families: long intake lines, many cases leaving them, slots reused.
    let mut team_of = HashMap::new();
    let mut started = 0;
    let logs: Vec<Log> = (0..4)
        .map(|rep| happenings_of(rep, 730, &["growth.multiplier=3"]))
        .collect();
    for (_, h) in logs.iter().flat_map(|l| &l.seen) {
        match *h {
            Happening::Arrived {
                case,
                team: Some(team),
                ..
            } => {
                team_of.insert(case, team);
            }
            Happening::Closed { case, .. } => {
                team_of.remove(&case);
            }
            Happening::TeamStarted { case, team } => {
                assert_eq!(team_of.get(&case), Some(&team), "case {case}");
                started += 1;
            }
            _ => {}
        }
    }
    assert!(started > 1000);
}
