//! A moving foundation: parameters that change on a date (a step, a ramp, a decay), calendar
//! dates in the outputs, and clear errors for changes that cannot be.

mod common;

use avesim::model::{DeskId, Happening, Observer, Origin, run_replication};
use avesim::scenario::{DEFAULT_SCENARIO, Override, load_default};
use common::{Z999, scenario};

/// Times of family arrivals and the most ZSM desks busy at once, before and after a date.
#[derive(Default)]
struct Watch {
    arrivals: Vec<f64>,
    zsm_busy: Vec<(f64, u32)>,
}

impl Observer for Watch {
    const HAPPENINGS: bool = true;
    const LEVELS: bool = true;
    fn on(&mut self, t: f64, h: &Happening) {
        if let Happening::Arrived {
            origin: Origin::Social,
            ..
        } = h
        {
            self.arrivals.push(t);
        }
    }
    fn level(&mut self, t: f64, desk: DeskId, busy: u32, _waiting: u32) {
        if desk == DeskId::Zsm {
            self.zsm_busy.push((t, busy));
        }
    }
}

fn with_change(change: &str, sets: &[&str]) -> avesim::scenario::Params {
    let src = format!("{DEFAULT_SCENARIO}\n{change}\n");
    let mut all = vec![
        "run.horizon_days=730",
        "run.warmup_days=365",
        "run.replications=1",
    ];
    all.extend_from_slice(sets);
    scenario(&src, &all).1
}

fn count_in(times: &[f64], from_day: f64, to_day: f64) -> f64 {
    times
        .iter()
        .filter(|&&t| t >= from_day * 24.0 && t < to_day * 24.0)
        .count() as f64
}

#[test]
fn a_step_on_a_date_changes_the_rate_from_that_day() {
    // Day 0 is 2014-01-01; the change on 2015-01-01 is day 365.
    let p = with_change(
        "[[change]]\nkey = \"arrivals.social.per_day\"\nfrom = \"2015-01-01\"\nto = 33.0",
        &[],
    );
    assert_eq!(p.changes.len(), 1);
    assert_eq!(p.changes[0].0, 365.0 * 24.0);
    let (_, w) = run_replication(&p, 0, Watch::default());
    let before = count_in(&w.arrivals, 0.0, 365.0);
    let after = count_in(&w.arrivals, 365.0, 730.0);
    for (n, mean) in [(before, 11.0 * 365.0), (after, 33.0 * 365.0)] {
        assert!(
            (n - mean).abs() < Z999 * mean.sqrt(),
            "{n} arrivals, expected {mean}"
        );
    }
}

#[test]
fn a_capacity_that_drops_on_a_date_is_never_exceeded_by_new_work() {
    let p = with_change(
        "[[change]]\nkey = \"zsm.desks\"\nfrom = \"2014-07-01\"\nto = 1",
        &[],
    );
    let change_h = p.changes[0].0;
    let (_, w) = run_replication(&p, 0, Watch::default());
    // Servers at work finish their job; within a day of the change at most one desk works.
    let late: Vec<u32> = w
        .zsm_busy
        .iter()
        .filter(|(t, _)| *t > change_h + 24.0)
        .map(|(_, b)| *b)
        .collect();
    assert!(!late.is_empty());
    assert!(
        late.iter().all(|&b| b <= 1),
        "more than one ZSM desk busy after the change"
    );
    assert!(w.zsm_busy.iter().any(|(t, b)| *t < change_h && *b > 1));
}

#[test]
fn a_ramp_raises_the_rate_in_steps_and_a_decay_halves_the_distance() {
    let p = with_change(
        "[[change]]\nkey = \"arrivals.social.per_day\"\nfrom = \"2014-04-01\"\nto = 31.0\nshape = \"ramp\"\nover_days = 180",
        &[],
    );
    let rates: Vec<f64> = p
        .changes
        .iter()
        .map(|(_, q)| q.arrivals.social.per_hour * 24.0)
        .collect();
    assert!(rates.windows(2).all(|w| w[1] >= w[0]), "{rates:?}");
    assert!((rates.last().unwrap() - 31.0).abs() < 1e-9);
    let p = with_change(
        "[[change]]\nkey = \"link.read_prob_bridged\"\nfrom = \"2014-04-01\"\nto = 0.55\nshape = \"decay\"\nover_days = 60",
        &[],
    );
    // From 0.15 towards 0.55, halving the distance every 60 days: 0.35 after 60 days.
    let at = |day: f64| {
        p.changes
            .iter()
            .rev()
            .find(|(t, _)| *t <= day * 24.0)
            .map(|(_, q)| q.link.read_prob[0])
            .unwrap()
    };
    let start = p.run.hours_until("2014-04-01".parse().unwrap()) / 24.0;
    assert!((at(start + 60.0) - 0.35).abs() < 1e-9);
    assert!((at(start + 1000.0) - 0.55).abs() < 1e-9);
}

#[test]
fn a_change_after_the_end_of_a_shortened_run_is_a_note_not_an_error() {
    let src = format!(
        "{DEFAULT_SCENARIO}\n[[change]]\nkey = \"criteria.adherence\"\nfrom = \"2030-01-01\"\nto = 1\n"
    );
    let overrides = [Override::parse("run.horizon_days=730").unwrap()];
    let loaded = avesim::scenario::load_str_traced(&src, "test.toml", None, &overrides).unwrap();
    assert!(loaded.params.changes.is_empty());
    assert_eq!(loaded.notes.len(), 1, "{:?}", loaded.notes);
    assert!(
        loaded.notes[0].en.contains("criteria.adherence 2030-01-01")
            && loaded.notes[0].en.contains("2015-12-31"),
        "{}",
        loaded.notes[0]
    );
}

#[test]
fn one_system_from_a_date_is_a_step_of_a_word() {
    let p = with_change(
        "[[change]]\nkey = \"link.system\"\nfrom = \"2015-01-01\"\nto = \"shared\"",
        &[],
    );
    assert_eq!(p.changes.len(), 1);
    assert_eq!(p.changes[0].0, 365.0 * 24.0);
    assert_eq!(format!("{:?}", p.link.system), "Bridged");
    assert_eq!(format!("{:?}", p.changes[0].1.link.system), "Shared");
}

#[test]
fn changes_that_cannot_be_are_refused_naming_the_change() {
    for (change, needle) in [
        (
            "key = \"run.horizon_days\"\nfrom = \"2015-01-01\"\nto = 10",
            "cannot change",
        ),
        (
            "key = \"link.system\"\nfrom = \"2015-01-01\"\nto = 1",
            "not a numeric parameter",
        ),
        (
            "key = \"no.such\"\nfrom = \"2015-01-01\"\nto = 1",
            "not a numeric parameter",
        ),
        (
            "key = \"triage.adherence\"\nfrom = \"2015-01-01\"\nto = 1",
            "is now criteria.adherence",
        ),
        (
            "key = \"criteria.adherence\"\nfrom = \"2013-12-31\"\nto = 1",
            "outside the run",
        ),
        (
            "key = \"criteria.adherence\"\nfrom = \"first of may\"\nto = 1",
            "not a date",
        ),
        (
            "key = \"criteria.adherence\"\nfrom = \"2015-01-01\"\nto = 1\nshape = \"ramp\"",
            "over_days",
        ),
        (
            "key = \"criteria.adherence\"\nfrom = \"2015-01-01\"\nto = 7",
            "probability",
        ),
        (
            "key = \"criteria.adherence\"\nfrom = \"2015-01-01\"\nto = \"high\"",
            "only link.system may change to a word",
        ),
        (
            "key = \"link.system\"\nfrom = \"2015-01-01\"\nto = \"shared\"\nshape = \"ramp\"\nover_days = 30",
            "only change in a step",
        ),
        (
            "key = \"link.system\"\nfrom = \"2015-01-01\"\nto = \"fax\"",
            "fax",
        ),
    ] {
        let src = format!("{DEFAULT_SCENARIO}\n[[change]]\n{change}\n");
        let overrides = [Override::parse("run.horizon_days=730").unwrap()];
        let err = avesim::scenario::load_str(&src, "test.toml", None, &overrides)
            .err()
            .unwrap_or_else(|| panic!("accepted: {change}"));
        let msg = err.to_string();
        assert!(msg.contains(needle), "{change}: {msg}");
        assert!(
            msg.contains("change") || msg.contains("2015-01-01"),
            "{msg}"
        );
    }
}

#[test]
fn the_calendar_follows_the_dates_and_the_outputs_carry_them() {
    // 2015-01-01 is a Thursday: with no warm-up, days 2 and 3 are a weekend and no wijkteam
    // takes a case on.
    let (_, p) = load_default(&[
        Override::parse("run.warmup_days=0").unwrap(),
        Override::parse("run.horizon_days=28").unwrap(),
    ])
    .unwrap();
    assert_eq!(p.run.date_of_day(0).to_string(), "2015-01-01");
    assert_eq!(p.run.first_weekday, 3);
    #[derive(Default)]
    struct Starts(Vec<f64>);
    impl Observer for Starts {
        const HAPPENINGS: bool = true;
        fn on(&mut self, t: f64, h: &Happening) {
            if matches!(h, Happening::TeamStarted { .. }) {
                self.0.push(t);
            }
        }
    }
    let (_, s) = run_replication(&p, 0, Starts::default());
    assert!(s.0.len() > 100);
    assert!(
        s.0.iter().all(|&t| p.run.weekday_at(t) < 5),
        "a team start on a weekend"
    );
    assert_eq!(p.run.datetime_at(24.0 + 9.5), "2015-01-02 09:30");
}
