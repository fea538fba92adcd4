//! Validation of the model against theory: CTMC absorption probabilities, Erlang C,
//! Little's law, conservation, opening hours, and common random numbers. Every test uses a
//! fixed seed; tolerances come from confidence intervals.

mod common;

use avesim::experiment::{RunOptions, bench::erlang_c_wait, run};
use avesim::model::{
    AveFase, Happening, Metric, Observer, Origin, Outcome, Quiet, run_replication,
};
use avesim::scenario::DEFAULT_SCENARIO;
use avesim::stats::{Welford, t_quantile};
use common::{ALWAYS, Z999, scenario};

/// A world with ample capacity, desks always open, exponential clocks, no ZSM coupling, no
/// stalls, and every acute incident reaching AVE 4.
fn ample(extra: &str) -> String {
    format!(
        r#"name = "ctmc"
[run]
horizon_days = 3650
warmup_days = 0
replications = 2
seed = 7
[arrivals.social]
per_day = 20.0
[arrivals.zsm_unknown]
per_day = 0.0
[arrivals.vhh_direct]
per_day = 0.0
[case]
complex_prob_by_domains = [0.5, 0.5, 0.5, 0.5, 0.5]
[dynamics.simple]
resolution_served = 2.0
incident_served = 0.3
offence = 0.0
stall_per_year = 0.0
[dynamics.complex]
resolution_served = 0.8
incident_served = 0.5
resolution_ave3 = 0.6
incident_ave3 = 0.4
resolution_planned = 1.5
incident_planned = 0.25
offence = 0.0
stall_per_year = 0.0
[wijkteam]
teams = 1
workers_per_team = 1000
caseload_per_worker = 1000
skill_sd = 0.0
inexperienced_share = 0.0
[wijkteam.hours]
{ALWAYS}
[criteria]
preset = "ave"
recognition_per_year = 2.0
adherence = 0.6
adherence_sd = 0.0
over_the_fence_per_year = 0.7
[overflow]
when_full_share = 0.0
[advice]
enabled = false
[vhh]
coordinators = 1000
hours_per_week = 100.0
procesregie_hours_per_week = 1.0
meeting_within_hours = {{ dist = "fixed", value = 0.0 }}
plan_days = {{ dist = "exponential", mean = 30.0 }}
plan_rejection_prob = 0.0
keep_until_resolved_share = 0.0
[vhh.hours]
{ALWAYS}
[ave4]
unrest_share = 1.0
[zsm.hours]
{ALWAYS}
{extra}
"#
    )
}

fn assert_proportion(label: &str, hits: u64, n: u64, p: f64) {
    let observed = hits as f64 / n as f64;
    let tol = Z999 * (p * (1.0 - p) / n as f64).sqrt();
    assert!(
        (observed - p).abs() < tol,
        "{label}: observed {observed:.4} over {n}, theory {p:.4}, tolerance {tol:.4}"
    );
}

#[test]
fn first_exit_from_phase2_matches_ctmc_competing_risks() {
    let (_, params) = scenario(&ample(""), &[]);
    let mut complex = [0u64; 3];
    let mut simple = [0u64; 3];
    for rep in 0..params.run.replications {
        let (out, _) = run_replication(&params, rep, Quiet);
        for k in 0..3 {
            complex[k] += out.diagnostics.first_exit_complex[k];
            simple[k] += out.diagnostics.first_exit_simple[k];
        }
    }
    // Complex, served in AVE 2: opschaling rate = recognition x adherence + over the fence
    // (handing over too early is not tied to the kind of case).
    let (esc, crisis, res) = (2.0 * 0.6 + 0.7, 0.5, 0.8);
    let total = esc + crisis + res;
    let n: u64 = complex.iter().sum();
    assert!(n > 20_000, "too few complex exits: {n}");
    assert_proportion("complex opschaling", complex[0], n, esc / total);
    assert_proportion("complex acute incident", complex[1], n, crisis / total);
    // Non-complex: over the fence vs crisis vs resolution.
    let (fence, crisis, res) = (0.7, 0.3, 2.0);
    let total = fence + crisis + res;
    let n: u64 = simple.iter().sum();
    assert_proportion("simple over the fence", simple[0], n, fence / total);
    assert_proportion("simple acute incident", simple[1], n, crisis / total);
}

/// What a case did, gathered from the happenings: when it entered, whether it reached
/// AVE 4, and how it ended.
#[derive(Default)]
struct Records {
    open: std::collections::HashMap<u32, (f64, bool)>,
    done: Vec<(f64, bool, Outcome)>,
}
impl Observer for Records {
    const HAPPENINGS: bool = true;
    fn on(&mut self, t: f64, h: &Happening) {
        match *h {
            Happening::Arrived { case, .. } => {
                self.open.insert(case, (t, false));
            }
            Happening::PhaseChanged {
                case,
                fase: AveFase::Ave4,
            } => {
                if let Some(r) = self.open.get_mut(&case) {
                    r.1 = true;
                }
            }
            Happening::Closed { case, outcome } => {
                let (entered, crisis) = self.open.remove(&case).unwrap();
                self.done.push((entered, crisis, outcome));
            }
            Happening::OpenAtEnd { case } => {
                let (entered, crisis) = self.open.remove(&case).unwrap();
                self.done.push((entered, crisis, Outcome::Open));
            }
            _ => {}
        }
    }
}

#[test]
fn probability_of_ever_reaching_phase4_matches_ctmc_absorption() {
    let (_, params) = scenario(
        &ample(""),
        &["case.complex_prob_by_domains=[1.0,1.0,1.0,1.0,1.0]"],
    );
    // Absorbing chain served -> escalated (plan rate pi) -> planned; absorbing at the first
    // crisis or at resolution.
    let (rho_a, l_s, m_s) = (2.0 * 0.6 + 0.7, 0.5, 0.8);
    let (pi, l_e, m_e) = (365.0 / 30.0, 0.4, 0.6);
    let (l_p, m_p) = (0.25, 1.5);
    let h_p = l_p / (l_p + m_p);
    let h_e = (l_e + pi * h_p) / (l_e + m_e + pi);
    let h_s = (l_s + rho_a * h_e) / (l_s + m_s + rho_a);
    let (mut hits, mut n) = (0u64, 0u64);
    for rep in 0..params.run.replications {
        let (_, records) = run_replication(&params, rep, Records::default());
        for (entered, crisis, outcome) in records.done {
            // Cases entering in the first half have had 5 years to be absorbed.
            if entered > params.run.horizon_h / 2.0 {
                continue;
            }
            if crisis || outcome == Outcome::Resolved {
                n += 1;
                hits += u64::from(crisis);
            }
        }
    }
    assert!(n > 30_000, "too few absorbed cases: {n}");
    assert_proportion("ever phase 4", hits, n, h_s);
}

#[test]
fn zsm_only_mmc_matches_erlang_c_mean_wait_and_utilisation() {
    let src = format!(
        r#"name = "erlang"
[run]
horizon_days = 4000
warmup_days = 20
replications = 40
seed = 11
[arrivals.social]
per_day = 0.0
[arrivals.vhh_direct]
per_day = 0.0
[arrivals.zsm_unknown]
per_day = 64.8
[zsm]
desks = 3
service_hours = {{ dist = "exponential", mean = 1.0 }}
unknown_complex_prob = 0.0
[zsm.hours]
{ALWAYS}
"#
    );
    let (s, p) = scenario(&src, &[]);
    let res = run(&s, &p, &RunOptions::default()).unwrap();
    let theory_w = erlang_c_wait(2.7, 1.0, 3) + 1.0;
    let mut w = Welford::default();
    res.replications
        .iter()
        .for_each(|r| w.push(r[Metric::ZsmDecisionHoursMean.index()]));
    let iv = w.interval_at(0.99);
    assert!(
        iv.low <= theory_w && theory_w <= iv.high,
        "mean decision time {:.4} (99% CI {:.4}..{:.4}), Erlang C {theory_w:.4}",
        iv.mean,
        iv.low,
        iv.high
    );
    let mut u = Welford::default();
    res.replications
        .iter()
        .for_each(|r| u.push(r[Metric::ZsmUtilisation.index()]));
    let iv = u.interval_at(0.99);
    assert!(iv.low <= 0.9 && 0.9 <= iv.high, "utilisation {:?}", iv);
}

#[test]
fn littles_law_holds_at_every_desk_and_cases_are_conserved() {
    let (s, p) = scenario(
        DEFAULT_SCENARIO,
        &[
            "run.replications=8",
            "run.horizon_days=1460",
            "run.warmup_days=180",
        ],
    );
    let res = run(&s, &p, &RunOptions::default()).unwrap();
    for (label, pick) in [("wijkteam", 0usize), ("vhh", 1), ("zsm", 2), ("advice", 3)] {
        let mut rel = Welford::default();
        for d in &res.diagnostics {
            let (flow, l) = match pick {
                0 => (d.team_queue, d.team_queue_mean),
                1 => (d.vhh_queue, d.vhh_queue_mean),
                2 => (d.zsm_queue, d.zsm_queue_mean),
                _ => (d.advice_queue, d.advice_queue_mean),
            };
            let lambda_w = flow.arrivals as f64 / d.window_hours * flow.time_in_queue.mean();
            rel.push((l - lambda_w) / l);
        }
        let iv = rel.interval_at(0.99);
        // Boundary effects are O(queue x wait / window): far below 1%.
        assert!(
            (iv.low <= 0.0 && 0.0 <= iv.high) || iv.mean.abs() < 0.01,
            "{label}: relative L - lambda W = {:.5} (99% CI {:.5}..{:.5})",
            iv.mean,
            iv.low,
            iv.high
        );
    }
    for d in &res.diagnostics {
        assert_eq!(
            d.created,
            d.closed + d.open_at_end,
            "entered = closed + open"
        );
        assert!(d.created > 10_000);
    }
}

/// What kind of start (or arrival) a happening is, if any.
fn kind(h: &Happening) -> Option<&'static str> {
    Some(match h {
        Happening::TeamStarted { .. } => "team_start",
        Happening::ProcesregieStarted { .. } => "vhh_start",
        Happening::AdviceStarted { .. } => "advice_start",
        Happening::ZsmStarted { .. } => "zsm_start",
        Happening::Maatwerkoverleg { .. } => "meeting",
        Happening::Arrived {
            origin: Origin::Social,
            ..
        } => "social_arrival",
        _ => return None,
    })
}

/// Records the time of every happening whose kind is in `wanted`.
struct Events {
    wanted: &'static [&'static str],
    seen: Vec<(f64, &'static str)>,
}
impl Events {
    fn of(wanted: &'static [&'static str]) -> Self {
        Self {
            wanted,
            seen: Vec::new(),
        }
    }
}
impl Observer for Events {
    const HAPPENINGS: bool = true;
    fn on(&mut self, t: f64, h: &Happening) {
        if let Some(k) = kind(h).filter(|k| self.wanted.contains(k)) {
            self.seen.push((t, k));
        }
    }
}

#[test]
fn no_service_starts_while_its_desk_is_closed() {
    let (_, p) = scenario(
        DEFAULT_SCENARIO,
        &["run.horizon_days=400", "run.warmup_days=30"],
    );
    let starts = &[
        "team_start",
        "vhh_start",
        "advice_start",
        "zsm_start",
        "meeting",
    ];
    let (_, obs) = run_replication(&p, 0, Events::of(starts));
    // The calendars the scenario gives each desk (consults and meetings run in VHH office
    // hours).
    let calendar = |event: &str| match event {
        "team_start" => &p.wijkteam.hours,
        "zsm_start" => &p.zsm.hours,
        _ => &p.vhh.hours,
    };
    let mut seen = std::collections::BTreeMap::new();
    for (t, event) in obs.seen {
        let cal = calendar(event);
        assert!(cal.is_open(t), "{event} at {t} h while closed");
        *seen.entry(event).or_insert(0) += 1;
    }
    assert_eq!(seen.len(), 5, "every kind of start seen: {seen:?}");
}

#[test]
fn common_random_numbers_make_paired_differences_tighter() {
    let base = [
        "run.replications=20",
        "run.horizon_days=1095",
        "run.warmup_days=180",
    ];
    let policy = |seed: &'static str| {
        let mut v = base.to_vec();
        v.push("criteria.adherence=0.5");
        v.push(seed);
        v
    };
    let (sa, pa) = scenario(DEFAULT_SCENARIO, &base);
    let (sb, pb) = scenario(DEFAULT_SCENARIO, &policy("run.seed=20150101"));
    let (sc, pc) = scenario(DEFAULT_SCENARIO, &policy("run.seed=999"));
    let a = run(&sa, &pa, &RunOptions::default()).unwrap();
    let b = run(&sb, &pb, &RunOptions::default()).unwrap();
    let c = run(&sc, &pc, &RunOptions::default()).unwrap();
    for metric in [
        Metric::UpscalingsAve3Per1000,
        Metric::VhhHoursUtilisation,
        Metric::WijkteamUtilisation,
    ] {
        let i = metric.index();
        let (mut paired, mut unpaired) = (Welford::default(), Welford::default());
        for k in 0..20 {
            paired.push(a.replications[k][i] - b.replications[k][i]);
            unpaired.push(a.replications[k][i] - c.replications[k][i]);
        }
        // F test at 1%: var(unpaired)/var(paired) must exceed the critical value for 19, 19 df (3.03).
        let f = unpaired.variance() / paired.variance();
        assert!(
            f > 3.03,
            "{metric:?}: paired var {:.3e}, unpaired var {:.3e}",
            paired.variance(),
            unpaired.variance()
        );
    }
    assert!(t_quantile(19, 0.975) > 2.0);
}

fn arrival_times(p: &avesim::scenario::Params) -> Vec<f64> {
    let (_, obs) = run_replication(p, 0, Events::of(&["social_arrival"]));
    obs.seen.into_iter().map(|(t, _)| t).collect()
}

#[test]
fn arrivals_follow_the_weekly_profile_and_the_growth_ramp() {
    // All social arrivals on Mondays when the profile says so.
    let (_, p) = scenario(
        DEFAULT_SCENARIO,
        &[
            "arrivals.social.weekly_profile=[1,0,0,0,0,0,0]",
            "run.horizon_days=140",
            "run.warmup_days=7",
        ],
    );
    let times = arrival_times(&p);
    assert!(times.len() > 1000);
    assert!(
        times.iter().all(|&t| p.run.weekday_at(t) == 0),
        "an arrival off Monday"
    );
    // The mean rate is kept: 11 a day on average, so 77 per Monday, 1,540 over 20 weeks.
    let n = times.len() as f64;
    assert!(
        (n - 1540.0).abs() < Z999 * 1540f64.sqrt(),
        "{n} arrivals in 20 weeks"
    );

    // A linear ramp from x1 at day 0 to x3 at day 400: the count in [0, 400) days is Poisson
    // with mean 11 x 400 x 2 = 8,800; after the ramp, 33 a day.
    let (_, p) = scenario(
        DEFAULT_SCENARIO,
        &[
            "growth.multiplier=3",
            "growth.ramp_days=400",
            "run.horizon_days=500",
            "run.warmup_days=7",
        ],
    );
    let times = arrival_times(&p);
    let ramp = times.iter().filter(|&&t| t < 400.0 * 24.0).count() as f64;
    assert!(
        (ramp - 8800.0).abs() < Z999 * 8800f64.sqrt(),
        "{ramp} arrivals during the ramp"
    );
    let after = times.iter().filter(|&&t| t >= 400.0 * 24.0).count() as f64;
    assert!(
        (after - 3300.0).abs() < Z999 * 3300f64.sqrt(),
        "{after} arrivals after the ramp"
    );
}

#[test]
fn feedback_and_context_reading_follow_their_probabilities() {
    let short = [
        "run.replications=4",
        "run.horizon_days=1095",
        "run.warmup_days=180",
    ];
    let with = |extra: &[&'static str]| {
        let mut sets = short.to_vec();
        sets.extend_from_slice(extra);
        let (s, p) = scenario(DEFAULT_SCENARIO, &sets);
        run(&s, &p, &RunOptions::default()).unwrap()
    };
    let metric = |r: &avesim::experiment::RunResults, m: &str| {
        r.metric(Metric::from_name(m).expect("a metric")).mean
    };
    // Every decision on a VHH case is fed back, exactly 24 hours later.
    let r = with(&[
        "link.feedback_prob=1",
        "link.feedback_delay_hours={dist=\"fixed\",value=24.0}",
    ]);
    assert_eq!(metric(&r, "feedback_delivered_share"), 1.0);
    assert!((metric(&r, "feedback_delay_hours_mean") - 24.0).abs() < 1e-9);
    // Nobody reads anything and nobody calls or relays: no decision is informed; the more
    // is read, the more decisions are informed.
    let none = with(&[
        "link.read_prob_bridged=0",
        "link.call_prob=0",
        "link.rvdk_relay_prob=0",
    ]);
    assert_eq!(metric(&none, "zsm_informed_share"), 0.0);
    let all = with(&["link.read_prob_bridged=1"]);
    let joint = with(&["link.system=\"joint\""]);
    let base = with(&[]);
    assert!(metric(&all, "zsm_informed_share") > metric(&joint, "zsm_informed_share"));
    assert!(metric(&joint, "zsm_informed_share") > metric(&base, "zsm_informed_share"));
}
