//! Honest warnings: a waiting line still growing at the end of a run is said, a settled run
//! says nothing of the kind; a system that changes during the measured period is said, one
//! that only starts at another level is not; few replications are said.

mod common;

use avesim::experiment::warnings::{Warning, warnings};
use avesim::experiment::{RunOptions, run};
use avesim::lang::Lang;
use avesim::model::metrics::Daily;
use avesim::scenario::DEFAULT_SCENARIO;
use common::scenario;

fn warned(sets: &[&str]) -> Vec<Warning> {
    let mut all = vec!["run.replications=10"];
    all.extend_from_slice(sets);
    let (s, p) = scenario(DEFAULT_SCENARIO, &all);
    let r = run(&s, &p, &RunOptions::default()).unwrap();
    warnings(&p, &r)
}

fn growing(w: &[Warning]) -> Vec<Daily> {
    w.iter()
        .filter_map(|w| match w {
            Warning::QueueGrowing { queue, .. } => Some(*queue),
            _ => None,
        })
        .collect()
}

#[test]
fn a_line_that_never_settles_is_said_and_a_settled_run_is_quiet() {
    let settled = warned(&[]);
    assert!(settled.is_empty(), "{settled:?}");
    // The +200% stress test: VHH casework tripled, procesregie waits ever longer.
    let stressed = warned(&["overflow.extra_per_year=0.3"]);
    assert_eq!(growing(&stressed), vec![Daily::VhhWaiting], "{stressed:?}");
    let text = stressed[0].text(Lang::Nl);
    assert!(
        text.contains("groeit") && text.contains("procesregie"),
        "{text}"
    );
}

#[test]
fn a_changing_system_and_few_replications_are_said() {
    // A step to three times the families at day 0 is the system the run measures.
    let step = warned(&["growth.multiplier=3", "run.horizon_days=1095"]);
    assert!(
        !step
            .iter()
            .any(|w| matches!(w, Warning::ChangingSystem { .. })),
        "{step:?}"
    );
    // A ramp over the measured period is not.
    let ramp = warned(&[
        "growth.multiplier=2",
        "growth.ramp_start_day=365",
        "growth.ramp_days=365",
        "run.horizon_days=1095",
    ]);
    assert!(
        ramp.iter()
            .any(|w| matches!(w, Warning::ChangingSystem { growth: true, .. })),
        "{ramp:?}"
    );
    let few = warned(&["run.replications=3", "run.horizon_days=400"]);
    assert!(
        few.contains(&Warning::FewReplications { replications: 3 }),
        "{few:?}"
    );
}
