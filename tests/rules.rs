//! One test per AVE rule, each reading as the rule (simmer's habit): a small scenario, the
//! model's typed happenings, and the property the rule promises. The rules themselves are
//! in `src/model/phases.rs`, `src/model/doubt.rs` and the desks; docs/model.md states them.

mod common;

use std::collections::{HashMap, HashSet};

use avesim::model::{
    AveFase, DeskId, Doubt, Happening, Observer, Origin, Outcome, Route, Trigger, world::World,
};
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

fn opschalingen(log: &Log) -> impl Iterator<Item = (u32, Trigger, bool)> + '_ {
    log.seen.iter().filter_map(|(_, h)| match h {
        Happening::Opgeschaald {
            case,
            trigger,
            advised,
        } => Some((*case, *trigger, *advised)),
        _ => None,
    })
}

#[test]
fn a_recognised_complex_case_is_scaled_up_when_the_team_follows_the_criteria() {
    let log = happenings(
        730,
        &[
            "advice.enabled=false",
            "criteria.adherence=1",
            "criteria.adherence_sd=0",
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
        .filter(|(_, t, _)| *t == Trigger::Complex)
        .map(|(c, _, _)| c)
        .collect();
    assert!(recognised.len() > 50, "{} recognitions", recognised.len());
    assert!(
        recognised.iter().all(|c| up.contains(c)),
        "every recognition leads to opschaling"
    );
}

#[test]
fn where_cases_reach_the_vhh_only_after_an_incident_nothing_is_scaled_up_before_one() {
    let log = happenings(
        730,
        &[
            "criteria.preset=\"crisis_only\"",
            "advice.enabled=false",
            "overflow.when_full_share=0",
        ],
    );
    let early: Vec<Trigger> = opschalingen(&log)
        .map(|(_, t, _)| t)
        .filter(|t| !matches!(t, Trigger::ZsmReferral | Trigger::Incident))
        .collect();
    assert!(early.is_empty(), "scaled up before an incident: {early:?}");
    assert!(
        opschalingen(&log).any(|(_, t, _)| t == Trigger::Incident),
        "cases come in after an incident"
    );
}

#[test]
fn an_acute_incident_reaches_ave4_only_with_a_threat_of_public_unrest() {
    let log = happenings(1095, &[]);
    let mut last: HashMap<u32, (f64, bool)> = HashMap::new();
    let (mut unrest, mut calm) = (0, 0);
    for (t, h) in &log.seen {
        match *h {
            Happening::Incident {
                case, unrest: u, ..
            } => {
                last.insert(case, (*t, u));
                if u {
                    unrest += 1;
                } else {
                    calm += 1;
                }
            }
            Happening::PhaseChanged {
                case,
                fase: AveFase::Ave4,
            } => assert_eq!(
                last.get(&case),
                Some(&(*t, true)),
                "case {case} entered AVE 4 without an incident with unrest at that moment"
            ),
            _ => {}
        }
    }
    assert!(
        unrest > 3 && calm > unrest,
        "{unrest} with unrest, {calm} without"
    );
}

#[test]
fn a_consult_that_keeps_the_case_in_the_wijk_never_scales_it_up() {
    let log = happenings(
        730,
        &[
            "advice.consult_prob=1",
            "advice.upscale_share=0",
            "advice.fence_keep_share=1",
            "vhh.coordinators=50",
        ],
    );
    let kept = log
        .seen
        .iter()
        .filter(|(_, h)| matches!(h, Happening::AdviceSettled { .. }))
        .count();
    assert!(kept > 20, "{kept} kept in the wijk");
    assert!(
        opschalingen(&log).all(|(_, _, advised)| !advised),
        "no opschaling on advice"
    );
}

#[test]
fn a_consult_that_concludes_opschaling_scales_the_case_up_on_advice() {
    let log = happenings(
        730,
        &[
            "advice.consult_prob=1",
            "advice.upscale_share=1",
            "advice.fence_keep_share=0",
            "vhh.coordinators=50",
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
    let advised: HashSet<u32> = opschalingen(&log)
        .filter(|(_, _, a)| *a)
        .map(|(c, _, _)| c)
        .collect();
    assert!(answered.len() > 20);
    // Every answer still waited for leads to opschaling.
    assert!(answered.iter().all(|c| advised.contains(c)));
}

#[test]
fn a_pending_consult_is_withdrawn_when_the_case_leaves_ave2_and_its_answer_then_does_not_count() {
    let log = happenings(
        1095,
        &[
            "advice.consult_prob=1",
            "advice.consult_hours={dist=\"fixed\",value=40.0}",
        ],
    );
    let mut pending: HashSet<u32> = HashSet::new();
    let mut withdrawn = 0;
    for (_, h) in &log.seen {
        match *h {
            Happening::AdviceRequested { case, .. } => {
                pending.insert(case);
            }
            Happening::PhaseChanged { case, .. } | Happening::Closed { case, .. } => {
                withdrawn += usize::from(pending.remove(&case));
            }
            Happening::AdviceGivenUp { case } => {
                assert!(pending.remove(&case), "case {case} gave up twice");
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
fn advice_and_procesregie_share_the_coordinators_hours_and_advice_gives_way_first() {
    // A budget too small for today's casework: consults wait while cases wait for procesregie.
    let log = happenings(
        1095,
        &[
            "vhh.coordinators=1",
            "vhh.hours_per_week=30",
            "advice.consult_prob=1",
        ],
    );
    let (mut procesregie_waiting, mut consults_waiting): (HashSet<u32>, HashSet<u32>) =
        Default::default();
    let mut contested = 0;
    for (_, h) in &log.seen {
        match *h {
            Happening::QueueJoined {
                case,
                desk: DeskId::Vhh,
            } => {
                procesregie_waiting.insert(case);
            }
            Happening::AdviceRequested { case, .. } => {
                consults_waiting.insert(case);
            }
            Happening::AdviceStarted { case } => {
                assert!(
                    procesregie_waiting.is_empty(),
                    "consult {case} started while a case waited for procesregie"
                );
                consults_waiting.remove(&case);
            }
            Happening::ProcesregieStarted { case, .. } => {
                contested += usize::from(!consults_waiting.is_empty());
                procesregie_waiting.remove(&case);
            }
            Happening::PhaseChanged { case, .. }
            | Happening::Closed { case, .. }
            | Happening::AdviceGivenUp { case } => {
                if matches!(h, Happening::PhaseChanged { .. } | Happening::Closed { .. }) {
                    procesregie_waiting.remove(&case);
                }
                consults_waiting.remove(&case);
            }
            _ => {}
        }
    }
    assert!(
        contested > 0,
        "no procesregie started while consults waited"
    );
}

#[test]
fn a_case_back_from_ave4_goes_first_for_a_coordinator() {
    let log = happenings(1825, &["vhh.coordinators=1", "vhh.hours_per_week=10"]);
    let mut waiting_back: HashSet<u32> = HashSet::new();
    let mut waiting_other: HashSet<u32> = HashSet::new();
    let mut back = HashSet::new();
    let mut contested = 0;
    for (_, h) in &log.seen {
        match *h {
            Happening::Ave4Over { case } => {
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
            Happening::ProcesregieStarted { case, .. } => {
                if !waiting_back.is_empty() && !waiting_other.is_empty() {
                    contested += 1;
                    assert!(
                        waiting_back.contains(&case),
                        "case {case} started while one back from AVE 4 waited"
                    );
                }
                waiting_back.remove(&case);
                waiting_other.remove(&case);
            }
            Happening::Closed { case, .. }
            | Happening::PhaseChanged {
                case,
                fase: AveFase::Ave4,
            } => {
                waiting_back.remove(&case);
                waiting_other.remove(&case);
            }
            _ => {}
        }
    }
    assert!(contested > 0, "no start had both kinds waiting");
}

#[test]
fn a_plan_not_taken_over_delays_afschaling_by_the_friction_time() {
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
            Happening::Afgeschaald { case, .. } => {
                let at = rejected
                    .remove(&case)
                    .expect("afschaling follows a plan not taken over");
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
fn direct_cases_go_to_the_wijk_or_back_to_their_own_line_as_the_shares_say() {
    let direct = |log: &Log| -> HashSet<u32> {
        log.seen
            .iter()
            .filter_map(|(_, h)| match h {
                Happening::Arrived {
                    case,
                    origin: Origin::VhhDirect,
                    ..
                } => Some(*case),
                _ => None,
            })
            .collect()
    };
    // All back to their own line: never afgeschaald to a wijkteam.
    let log = happenings(1095, &["vhh.back_to_wijk_share=0"]);
    let ext = direct(&log);
    let mut handed_back = 0;
    for (_, h) in &log.seen {
        match *h {
            Happening::Afgeschaald { case, .. } => assert!(!ext.contains(&case)),
            Happening::Closed {
                case,
                outcome: Outcome::HandedBack,
            } if ext.contains(&case) => handed_back += 1,
            _ => {}
        }
    }
    assert!(handed_back > 50);
    // All to the wijk: a wijkteam takes them on, and none is handed back.
    let log = happenings(1095, &["vhh.back_to_wijk_share=1", "vhh.local_share=1"]);
    let ext = direct(&log);
    let mut started = 0;
    for (_, h) in &log.seen {
        match *h {
            Happening::TeamStarted { case, .. } if ext.contains(&case) => started += 1,
            Happening::Closed {
                case,
                outcome: Outcome::HandedBack,
            } => assert!(!ext.contains(&case), "direct case {case} handed back"),
            _ => {}
        }
    }
    assert!(
        started > 50,
        "{started} direct cases taken on by a wijkteam"
    );
}

#[test]
fn the_teamleider_picks_a_stalled_case_up_at_the_next_morning_briefing() {
    let (_, p) = scenario(DEFAULT_SCENARIO, &[]);
    let log = happenings(
        1095,
        &[
            "advice.enabled=false",
            "criteria.self_notice_per_year=0",
            "criteria.briefing_notice=1",
            "wijkteam.teamleader_sd=0",
        ],
    );
    let mut stalled: HashMap<u32, f64> = HashMap::new();
    let mut picked = 0;
    for (t, h) in &log.seen {
        match *h {
            Happening::Stalled { case } => {
                stalled.insert(case, *t);
            }
            Happening::Opgeschaald {
                case,
                trigger: Trigger::StalledCooperation,
                ..
            } => {
                let since = stalled.remove(&case).expect("a stall before");
                let briefing = p.wijkteam.hours.next_opening_after(since).unwrap();
                assert!(
                    (t - briefing).abs() < 1e-9,
                    "case {case}: {t} vs {briefing}"
                );
                picked += 1;
            }
            Happening::Closed { case, .. } => {
                stalled.remove(&case);
            }
            _ => {}
        }
    }
    assert!(picked > 20, "{picked}");
}

#[test]
fn an_incident_is_late_exactly_when_the_case_is_in_ave2_and_never_had_ave3() {
    let log = happenings(1095, &[]);
    let mut been_in_ave3 = HashSet::new();
    let mut phase: HashMap<u32, AveFase> = HashMap::new();
    let (mut late, mut timely) = (0, 0);
    for (_, h) in &log.seen {
        match *h {
            Happening::Arrived { case, fase, .. } => {
                phase.insert(case, fase);
                if fase == AveFase::Ave3 {
                    been_in_ave3.insert(case);
                }
            }
            Happening::PhaseChanged { case, fase } => {
                phase.insert(case, fase);
                if fase == AveFase::Ave3 {
                    been_in_ave3.insert(case);
                }
            }
            Happening::Incident { case, late: l, .. } => {
                let expected =
                    phase.get(&case) == Some(&AveFase::Ave2) && !been_in_ave3.contains(&case);
                assert_eq!(l, expected, "case {case}");
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
fn the_wijkteam_keeps_its_case_place_through_opschaling_and_ave4() {
    let log = happenings(730, &["overflow.when_full_share=0"]);
    // Every time a team's busy places go down, a case of that team closed at that instant.
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
                "a place freed at {t} h without a case closing"
            );
        }
    }
    assert!(drops > 100);
}

#[test]
fn zsm_reads_context_only_when_advice_is_on_file() {
    let log = happenings(
        1095,
        &[
            "link.wijkteam_flag=false",
            "link.read_prob_bridged=1",
            "link.call_prob=0",
            "link.rvdk_relay_prob=0",
            "link.privacy_hesitancy=0",
            "link.vhh_privacy_hesitancy=0",
            "zsm.pressure_queue=0",
            "advice.justice_link_prob=0",
        ],
    );
    let mut on_file = HashSet::new();
    let mut informed = 0;
    for (_, h) in &log.seen {
        match *h {
            Happening::Maatwerkoverleg {
                case,
                advice_for_zsm,
            } => {
                assert!(advice_for_zsm, "nothing is held back without hesitancy");
                on_file.insert(case);
            }
            Happening::ZsmKnownDecision { case, route, .. } => {
                assert_eq!(
                    route == Route::System,
                    on_file.contains(&case),
                    "case {case}: {route:?}"
                );
                informed += usize::from(route == Route::System);
            }
            _ => {}
        }
    }
    assert!(informed > 5);
}

#[test]
fn privacy_hesitancy_keeps_consults_from_the_vhh_and_advice_and_calls_from_zsm() {
    let log = happenings(
        1095,
        &["link.privacy_hesitancy=1", "link.vhh_privacy_hesitancy=1"],
    );
    let mut decisions = 0;
    for (_, h) in &log.seen {
        match *h {
            Happening::Maatwerkoverleg { advice_for_zsm, .. } => assert!(!advice_for_zsm),
            // A wijkteam that assumes nothing may be shared asks no consult of any kind.
            Happening::AdviceRequested { .. } => panic!("a consult despite full hesitancy"),
            Happening::ZsmKnownDecision { route, .. } => {
                decisions += 1;
                assert_eq!(route, Route::Blind, "context reached ZSM");
            }
            _ => {}
        }
    }
    assert!(decisions > 20);
}

#[test]
fn a_worker_in_doubt_about_a_hand_over_asks_first_where_advice_exists() {
    let log = happenings(
        1095,
        &[
            "advice.consult_prob=1",
            "link.privacy_hesitancy=0",
            "vhh.coordinators=50",
            "criteria.over_the_fence_per_year=0.05",
        ],
    );
    let asked: HashSet<u32> = log
        .seen
        .iter()
        .filter_map(|(_, h)| match h {
            Happening::AdviceRequested {
                case,
                doubt: Doubt::Fence,
            } => Some(*case),
            _ => None,
        })
        .collect();
    let fence: Vec<(u32, bool)> = opschalingen(&log)
        .filter(|(_, t, _)| *t == Trigger::OverTheFence)
        .map(|(c, _, a)| (c, a))
        .collect();
    assert!(asked.len() > 20, "{}", asked.len());
    // With the advice always asked, a hand-over only follows a consult (advised or given up).
    let given_up: HashSet<u32> = log
        .seen
        .iter()
        .filter_map(|(_, h)| match h {
            Happening::AdviceGivenUp { case } => Some(*case),
            _ => None,
        })
        .collect();
    assert!(
        fence
            .iter()
            .all(|(c, advised)| asked.contains(c) && (*advised || given_up.contains(c)))
    );
}

#[test]
fn a_family_is_taken_on_by_its_own_wijkteam_even_when_the_lines_are_long() {
    // Three times the families: long intake lines, many cases leaving them, places reused.
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
            }
            | Happening::Afgeschaald { case, team } => {
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
