//! Aggregation is a function of the replications' outputs in replication order: outputs
//! computed one by one, even written out and read back, aggregate to exactly what a run
//! gives. This is what makes a run split into parts and merged identical to an unsplit one.

mod common;

use avesim::experiment::{RunOptions, aggregate, replicate_with, run};
use avesim::model::{Metric, Quiet, ReplicationOutput};
use avesim::scenario::DEFAULT_SCENARIO;
use common::scenario;

#[test]
fn outputs_aggregated_in_order_equal_the_run_even_after_a_round_trip_through_text() {
    let (s, p) = scenario(
        DEFAULT_SCENARIO,
        &[
            "run.replications=4",
            "run.horizon_days=300",
            "run.warmup_days=30",
        ],
    );
    let whole = run(&s, &p, &RunOptions::default()).unwrap();
    let outputs: Vec<ReplicationOutput> = (0..4)
        .map(|rep| {
            let (out, _) = replicate_with(&p, rep, Quiet).unwrap();
            // Written out as text and read back, as a shard would be.
            let text = toml::to_string(&out).unwrap();
            toml::from_str(&text).unwrap()
        })
        .collect();
    let parts = aggregate(
        &s.name,
        p.wijkteam.teams,
        p.run.horizon_days as usize,
        outputs,
        whole.threads,
        whole.wall,
    );
    let bits = |v: f64| v.to_bits();
    for (a, b) in whole.summary.iter().zip(&parts.summary) {
        assert_eq!(a.metric, b.metric);
        let (x, y) = (a.interval, b.interval);
        assert_eq!(
            [bits(x.mean), bits(x.low), bits(x.high)],
            [bits(y.mean), bits(y.low), bits(y.high)],
            "{:?}",
            a.metric
        );
    }
    assert_eq!(whole.series, parts.series);
    for (a, b) in whole.daily.iter().zip(&parts.daily) {
        for (x, y) in a.iter().zip(b) {
            assert_eq!(bits(x.mean), bits(y.mean));
        }
    }
    assert_eq!(whole.events, parts.events);
}

#[test]
fn the_90th_percentile_of_the_vhh_wait_is_not_cut_off_when_waits_run_past_a_year() {
    // Half as many families again: the wijkteams push cases up, the VHH queue grows for years.
    let (s, p) = scenario(
        DEFAULT_SCENARIO,
        &["run.replications=2", "growth.multiplier=1.5"],
    );
    let r = run(&s, &p, &RunOptions::default()).unwrap();
    let mean = r.metric(Metric::VhhWaitDaysMean).mean;
    let p90 = r.metric(Metric::VhhWaitDaysP90).mean;
    assert!(
        mean > 365.0,
        "the set-up should make waits longer than a year: {mean}"
    );
    assert!(
        p90 > mean,
        "p90 {p90} should lie above the mean {mean}, not at a bin edge"
    );
}

#[test]
fn headline_intervals_stay_within_what_a_metric_can_be() {
    // Three short replications: Student-t intervals wide enough to cross 0 (rare events) or 1
    // (shares near 1) unless clipped.
    let (s, p) = scenario(
        DEFAULT_SCENARIO,
        &[
            "run.replications=3",
            "run.horizon_days=200",
            "run.warmup_days=30",
        ],
    );
    let r = run(&s, &p, &RunOptions::default()).unwrap();
    let mut crossed = 0;
    for row in &r.summary {
        let m = row.metric;
        // What the unclipped interval would have been.
        let mut w = avesim::stats::Welford::default();
        for rep in &r.replications {
            w.push(rep[m.index()]);
        }
        let raw = w.interval();
        let i = row.interval;
        if raw.low < 0.0 || (m.is_share() && raw.high > 1.0) {
            crossed += 1;
        }
        if i.low.is_finite() {
            assert!(i.low >= 0.0, "{}: {i:?}", m.name());
            assert!(
                i.low <= i.mean.max(0.0) && i.mean <= i.high.max(i.mean),
                "{}: {i:?}",
                m.name()
            );
        }
        if m.is_share() && i.high.is_finite() {
            assert!(i.high <= 1.0, "{}: {i:?}", m.name());
        }
    }
    assert!(
        crossed > 0,
        "no raw interval crossed a bound: the test shows nothing"
    );
}

#[test]
fn the_years_add_up_to_the_whole_measured_period() {
    use avesim::model::yearly::{COLUMNS, years};
    // 2015, 2016 (a leap year) and part of 2017.
    let (s, p) = scenario(
        DEFAULT_SCENARIO,
        &[
            "run.replications=3",
            "run.horizon_days=1265",
            "run.warmup_days=365",
        ],
    );
    let r = run(&s, &p, &RunOptions::default()).unwrap();
    let ys = years(&p.run);
    let spans: Vec<(i16, u32)> = ys
        .iter()
        .map(|y| (y.year, y.last_day - y.first_day + 1))
        .collect();
    assert_eq!(spans, vec![(2015, 365), (2016, 366), (2017, 169)]);
    assert_eq!(r.yearly.len(), 3);
    let col = |name: &str| COLUMNS.iter().position(|c| c.name == name).unwrap();
    let sum_years = |k: usize| r.yearly.iter().map(|y| y[k].mean).sum::<f64>();
    let measured_years = 900.0 / 365.0;
    let entered: Vec<f64> = r
        .replications
        .iter()
        .map(|rep| rep[Metric::CasesEnteredPerYear.index()] * measured_years)
        .collect();
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    let close = |a: f64, b: f64| (a - b).abs() <= 1e-9 * b.abs().max(1.0);
    assert!(close(sum_years(col("cases_entered")), mean(&entered)));
    let upscalings: Vec<f64> = r
        .replications
        .iter()
        .zip(&entered)
        .map(|(rep, e)| rep[Metric::UpscalingsAve3Per1000.index()] * e / 1000.0)
        .collect();
    assert!(
        close(sum_years(col("upscalings_ave3")), mean(&upscalings)),
        "{} vs {}",
        sum_years(col("upscalings_ave3")),
        mean(&upscalings)
    );
}

#[test]
fn a_year_that_is_the_whole_measured_period_gives_the_headline_wait_and_use_and_alarms_name_it() {
    use avesim::experiment::alarm::{Alarm, YearFinding};
    use avesim::model::yearly::COLUMNS;
    // One replication measured over exactly 2015, under the +200% stress test.
    let (s, p) = scenario(
        DEFAULT_SCENARIO,
        &[
            "run.replications=1",
            "run.horizon_days=730",
            "run.warmup_days=365",
            "overflow.extra_per_year=0.3",
        ],
    );
    let r = run(&s, &p, &RunOptions::default()).unwrap();
    assert_eq!(r.yearly.len(), 1);
    let col = |name: &str| COLUMNS.iter().position(|c| c.name == name).unwrap();
    let year = |name: &str| r.yearly[0][col(name)].mean;
    let near = |a: f64, b: f64| (a - b).abs() <= 1e-4 * b.abs().max(1e-3);
    let wait = r.metric(Metric::VhhWaitDaysMean).mean;
    let used = r.metric(Metric::VhhHoursUtilisation).mean;
    assert!(wait > 1.0, "the stress test makes people wait: {wait}");
    assert!(
        near(year("vhh_wait_days_mean"), wait),
        "{} vs {wait}",
        year("vhh_wait_days_mean")
    );
    let team = r.metric(Metric::WijkteamWaitDaysMean).mean;
    assert!(
        near(year("wijkteam_wait_days_mean"), team),
        "{} vs {team}",
        year("wijkteam_wait_days_mean")
    );
    assert!(
        near(year("vhh_hours_utilisation"), used),
        "{} vs {used}",
        year("vhh_hours_utilisation")
    );
    let alarm = |raw: &str| Alarm::parse(raw).unwrap().first_year(&r, &p.run);
    assert_eq!(alarm("vhh_hours_utilisation>0.9"), YearFinding::First(2015));
    assert!(matches!(
        alarm("vhh_hours_utilisation>1.5"),
        YearFinding::Never(Some((2015, _)))
    ));
    assert!(matches!(
        alarm("acute_crises_per_1000>1"),
        YearFinding::NotPerYear { fires: true, .. }
    ));
    assert!(matches!(
        alarm("acute_crises_per_1000>1000"),
        YearFinding::NotPerYear { fires: false, .. }
    ));
}
