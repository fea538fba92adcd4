//! The study's directions, shown: one test per mechanism of docs/model.md (sections 1–8 and
//! the moving foundation, who is answerable, privacy), each a paired difference on common
//! random numbers between Leeuwarden as calibrated and Leeuwarden with one thing changed,
//! whose 95% interval must exclude zero in the study's direction. Seeds and replications are
//! fixed in advance: Leeuwarden's own run control (seed 20150101, 30 replications of 10
//! years, the first of them warm-up); the values are the calibrated ones, not inflated
//! effects. The sizes found are in the issue's
//! closing note; what each direction rests on is cited in docs/model.md.

mod common;

use avesim::experiment::{RunOptions, RunResults, compare::differences, run};
use avesim::model::Metric;
use avesim::scenario::DEFAULT_SCENARIO;
use avesim::stats::{Interval, Welford};

const RUN: [&str; 4] = [
    "run.replications=30",
    "run.horizon_days=3650",
    "run.warmup_days=365",
    "run.seed=20150101",
];

/// Leeuwarden as calibrated, with `sets`.
fn leeuwarden(sets: &[&str]) -> RunResults {
    let mut all = RUN.to_vec();
    all.extend_from_slice(sets);
    let (s, p) = common::scenario(DEFAULT_SCENARIO, &all);
    run(&s, &p, &RunOptions::default()).unwrap()
}

/// A what-if file of scenarios/what-if, run with the same run control.
fn what_if(file: &str) -> RunResults {
    let path = std::path::Path::new("scenarios/what-if").join(file);
    let overrides: Vec<_> = RUN
        .iter()
        .map(|s| avesim::scenario::Override::parse(s).unwrap())
        .collect();
    let (s, p) = avesim::scenario::load_file(&path, &overrides).unwrap();
    run(&s, &p, &RunOptions::default()).unwrap()
}

/// The paired difference `changed − base` of a metric, with its 95% interval.
fn diff(changed: &RunResults, base: &RunResults, metric: Metric) -> Interval {
    differences(changed, base)
        .into_iter()
        .find(|d| d.metric == metric)
        .unwrap()
        .paired
}

/// Assert the paired difference is above zero with its whole 95% interval.
fn up(changed: &RunResults, base: &RunResults, metric: Metric) -> Interval {
    let d = diff(changed, base, metric);
    report(changed, metric, &d);
    assert!(d.low > 0.0, "{metric:?} should rise: {d:?}");
    d
}

/// Assert the paired difference is below zero with its whole 95% interval.
fn down(changed: &RunResults, base: &RunResults, metric: Metric) -> Interval {
    let d = diff(changed, base, metric);
    report(changed, metric, &d);
    assert!(d.high < 0.0, "{metric:?} should fall: {d:?}");
    d
}

/// Say what was found (seen with `cargo test --test mechanisms -- --nocapture`).
fn report(changed: &RunResults, metric: Metric, d: &Interval) {
    eprintln!(
        "{}: {} {:+.4} ({:+.4} to {:+.4})",
        changed.name,
        metric.name(),
        d.mean,
        d.low,
        d.high
    );
}

/// Within one run: the paired difference of two metrics, replication by replication.
fn within(r: &RunResults, a: Metric, b: Metric) -> Interval {
    let mut w = Welford::default();
    for rep in &r.replications {
        w.push(rep[a.index()] - rep[b.index()]);
    }
    let d = w.interval();
    eprintln!(
        "{}: {} - {} {:+.4} ({:+.4} to {:+.4})",
        r.name,
        a.name(),
        b.name(),
        d.mean,
        d.low,
        d.high
    );
    d
}

#[test]
fn m1_without_agreed_criteria_more_cases_go_over_the_fence_and_more_are_scaled_up_late() {
    let ave = leeuwarden(&[]);
    let informal = what_if("no-agreed-criteria.toml");
    up(&informal, &ave, Metric::OverTheFencePer1000);
    up(&informal, &ave, Metric::LateUpscalingShare);
}

#[test]
fn m2_the_teamleider_at_the_briefing_scales_stalled_cooperation_up_and_prevents_incidents() {
    let with = leeuwarden(&[]);
    let without = leeuwarden(&["criteria.briefing_notice=0"]);
    down(&without, &with, Metric::UpscalingsStalledCooperationPer1000);
    up(&without, &with, Metric::AcuteCrisesPer1000);
    up(&without, &with, Metric::TimeToAve3DaysMean);
}

#[test]
fn m3_taking_the_advice_function_away_raises_acute_crises_and_late_upscaling() {
    let with = leeuwarden(&[]);
    let without = what_if("no-advice.toml");
    up(&without, &with, Metric::AcuteCrisesPer1000);
    up(&without, &with, Metric::LateUpscalingShare);
}

#[test]
fn m3_advice_and_procesregie_share_one_budget_and_informal_contact_erodes_under_pressure() {
    // Fewer coordinator hours: the same casework takes more of the budget, consults wait and
    // fewer are asked (informal contact erodes), whichever role gives way.
    let base = leeuwarden(&[]);
    let tight = leeuwarden(&["vhh.coordinators=3"]);
    up(&tight, &base, Metric::VhhHoursUtilisation);
    down(&tight, &base, Metric::AdviceConsultsPerYear);
    let procesregie_first = leeuwarden(&["vhh.coordinators=3", "vhh.gives_way=\"procesregie\""]);
    up(&procesregie_first, &tight, Metric::VhhWaitDaysMean);
}

#[test]
fn m4_the_plus_200_percent_is_vhh_casework_from_wijkteams_that_cannot_cope() {
    let base = leeuwarden(&[]);
    let stress = what_if("overflow-200.toml");
    let entries = up(&stress, &base, Metric::VhhEntriesPerYear);
    let today = base.metric(Metric::VhhEntriesPerYear).mean;
    assert!(
        (2.6..=3.4).contains(&(1.0 + entries.mean / today)),
        "VHH entries x{:.2}",
        1.0 + entries.mean / today
    );
    up(&stress, &base, Metric::VhhWaitDaysMean);
    down(&stress, &base, Metric::AdviceAnsweredInTimeShare);
    // Not a year-long wijkteam waiting list: the wijkteam wait stays within a day of today's.
    let wait = diff(&stress, &base, Metric::WijkteamWaitDaysMean);
    assert!(wait.mean.abs() < 1.0, "{wait:?}");
}

#[test]
fn m5_reading_context_costs_zsm_time() {
    let bridged = leeuwarden(&[]);
    let everything_read = leeuwarden(&["link.read_prob_bridged=1"]);
    up(&everything_read, &bridged, Metric::ZsmInformedShare);
    up(&everything_read, &bridged, Metric::ZsmDecisionHoursMean);
    up(&everything_read, &bridged, Metric::ZsmUtilisation);
}

#[test]
fn m6_feedback_agreements_raise_reading_and_operational_feedback_raises_fit() {
    let base = leeuwarden(&[]);
    let agreements = what_if("feedback-agreements.toml");
    up(&agreements, &base, Metric::ZsmInformedShare);
    let periodic = what_if("operational-feedback.toml");
    let learnt = within(
        &periodic,
        Metric::AdviceFitLastYear,
        Metric::AdviceFitFirstYear,
    );
    assert!(learnt.low > 0.0, "{learnt:?}");
    up(&periodic, &base, Metric::AdviceFitLastYear);
}

#[test]
fn m7_an_acute_incident_is_not_automatically_ave4() {
    let base = leeuwarden(&[]);
    let gap = within(
        &base,
        Metric::AcuteCrisesPer1000,
        Metric::EscalationsAve4Per1000,
    );
    assert!(gap.low > 0.0, "{gap:?}");
    let more_unrest = leeuwarden(&["ave4.unrest_share=0.4"]);
    up(&more_unrest, &base, Metric::EscalationsAve4Per1000);
}

#[test]
fn m8_the_person_dependent_channel_informs_zsm_but_falls_away_under_workload() {
    let base = leeuwarden(&[]);
    let no_calls = leeuwarden(&["link.call_prob=0", "link.rvdk_relay_prob=0"]);
    down(&no_calls, &base, Metric::ZsmInformedShare);
    up(&no_calls, &base, Metric::AdviceUnusedShare);
    // Workload at ZSM: fewer desks, longer lines, fewer calls land.
    let busy_zsm = leeuwarden(&["zsm.desks=5"]);
    down(&busy_zsm, &base, Metric::CallInformedShare);
    // It differs per coordinator.
    let sd = base.metric(Metric::CallInformedShareCoordinatorSd);
    assert!(sd.low > 0.0, "{sd:?}");
}

#[test]
fn m9_teams_that_gain_experience_hand_over_less_over_time() {
    let base = leeuwarden(&[]);
    let learning = leeuwarden(&[
        "change=[{key=\"wijkteam.inexperienced_share\",from=\"2015-01-01\",to=0.1,shape=\"ramp\",over_days=730}]",
    ]);
    down(&learning, &base, Metric::OverTheFencePer1000);
}

#[test]
fn m9_one_system_from_a_date_raises_reading_at_zsm() {
    let base = leeuwarden(&[]);
    let shared = leeuwarden(&["change=[{key=\"link.system\",from=\"2019-01-01\",to=\"shared\"}]"]);
    up(&shared, &base, Metric::ZsmInformedShare);
}

#[test]
fn g1_cases_per_bestuurlijk_level_are_reported_only_where_ave_is_the_model() {
    let base = leeuwarden(&[]);
    let gap = within(
        &base,
        Metric::CollegeCasesPerYear,
        Metric::DriehoekCasesPerYear,
    );
    assert!(gap.low > 0.0, "{gap:?}");
    let informal = what_if("no-agreed-criteria.toml");
    assert!(informal.metric(Metric::CollegeCasesPerYear).mean.is_nan());
    assert!(informal.metric(Metric::DriehoekCasesPerYear).mean.is_nan());
}

#[test]
fn g7_privacy_hesitancy_keeps_advice_from_wijkteams_and_context_from_zsm() {
    let base = leeuwarden(&[]);
    // Wijkteams that assume sharing is not allowed ask the VHH less (0.6: Hollands Midden's
    // "vrijwel alle teams terughoudend", within the plausible range 0.05–0.7).
    let hesitant = leeuwarden(&["link.privacy_hesitancy=0.6"]);
    down(&hesitant, &base, Metric::AdviceConsultsPerYear);
    // A VHH hesitant to put its advice where ZSM can read it, or to call (the top of its
    // plausible range, 0.3), leaves ZSM deciding without context more often.
    let vhh_hesitant = leeuwarden(&["link.vhh_privacy_hesitancy=0.3"]);
    down(&vhh_hesitant, &base, Metric::ZsmInformedShare);
}
