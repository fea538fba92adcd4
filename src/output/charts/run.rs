//! The seven charts of a run: opschaling and acute incidents over time, cases per AVE phase,
//! pressure at the Veiligheidshuis, the wijkteams and ZSM, time to opschaling, and the
//! headline metrics.

use super::spec::{BarSeries, Chart, Panel, Reference, line, time_panel};
use super::{BLUE, ChartInfo, GREEN, ORANGE, PALETTE, PURPLE, RED};
use crate::experiment::{Binned, RunResults};
use crate::model::metrics::{Daily, Derived, METRICS, Series};
use crate::scenario::Params;
use crate::stats::Interval;

pub(crate) fn build_charts(name: &str, params: &Params, results: &RunResults) -> Vec<Chart> {
    let warmup_days = f64::from(params.run.warmup_days);
    let wy = warmup_days / 365.0;
    let mut charts = Vec::new();

    // 1. Opschaling and acute incidents over time.
    let rate_label = "per 1,000 cases in progress, last 30 days";
    charts.push(Chart {
        info: ChartInfo {
            stem: "opschaling",
            title: format!("{name}: opschaling and acute incidents per 1,000 cases in progress (rolling 30 days)"),
            caption: "How often cases move up: opschaling naar AVE 3 (the Veiligheidshuis takes procesregie); acute safety incidents, late ones (a case in AVE 2 never in AVE 3) and those that reach AVE 4 (a threat of public unrest: the burgemeester leads).",
        },
        cols: 1,
        legend: vec![],
        panels: vec![
            time_panel(
                "Opschaling naar AVE 3",
                rate_label,
                vec![line(results, Series::Derived(Derived::UpscalingRolling), "opschaling naar AVE 3", BLUE)],
                vec![],
                wy,
            ),
            time_panel(
                "Acute incidents, late ones, and AVE 4",
                rate_label,
                vec![
                    line(results, Series::Derived(Derived::IncidentRolling), "acute incident", RED),
                    line(results, Series::Derived(Derived::LateRolling), "late: in AVE 2, never in AVE 3", ORANGE),
                    line(results, Series::Derived(Derived::Ave4Rolling), "opschaling naar AVE 4 (bij escalatie)", PURPLE),
                ],
                vec![],
                wy,
            ),
        ],
    });

    // 2. Phase occupancy.
    let stacked = vec![
        line(
            results,
            Series::Daily(Daily::CasesAve2),
            "AVE 2 (wijkteam)",
            BLUE,
        ),
        line(
            results,
            Series::Daily(Daily::CasesAve3),
            "AVE 3 (procesregie Veiligheidshuis)",
            ORANGE,
        ),
        line(
            results,
            Series::Daily(Daily::CasesAve4),
            "AVE 4 (burgemeester, driehoek)",
            RED,
        ),
    ];
    charts.push(Chart {
        info: ChartInfo {
            stem: "phases",
            title: format!("{name}: cases in each AVE phase"),
            caption: "Cases in progress by AVE phase (stacked), and AVE 3 and 4 on their own scale below.",
        },
        cols: 1,
        legend: vec![],
        panels: vec![
            Panel::Time {
                title: "All cases in progress (stacked)".into(),
                x_label: "time (years from start)".into(),
                y_label: "cases".into(),
                lines: stacked.clone(),
                stacked: true,
                refs: vec![],
                warmup_years: wy,
                categories: None,
                markers: false,
                year0: None,
            },
            time_panel("AVE 3 and AVE 4", "cases", stacked[1..].to_vec(), vec![], wy),
        ],
    });

    // 3. Veiligheidshuis pressure.
    charts.push(Chart {
        info: ChartInfo {
            stem: "vhh_pressure",
            title: format!("{name}: Veiligheidshuis pressure"),
            caption: "The procescoördinatoren's hours held by procesregie and advice together against their budget, and cases and consults waiting for hours.",
        },
        cols: 1,
        legend: vec![],
        panels: vec![
            time_panel(
                "Procescoördinatoren's hours a week in use (procesregie and advice)",
                "hours a week",
                vec![line(results, Series::Daily(Daily::VhhHoursHeld), "hours held", BLUE)],
                vec![Reference { label: format!("budget ({} hours a week)", crate::format::value(params.vhh.budget)), value: params.vhh.budget, color: RED }],
                wy,
            ),
            time_panel(
                "Waiting for a procescoördinator",
                "waiting",
                vec![
                    line(results, Series::Daily(Daily::VhhWaiting), "cases waiting for procesregie", ORANGE),
                    line(results, Series::Daily(Daily::AdviceWaiting), "consults waiting", PURPLE),
                ],
                vec![],
                wy,
            ),
        ],
    });

    // 4. Wijkteam pressure.
    let teams = params.wijkteam.teams;
    let per_team = |series: fn(u16) -> Series| {
        (0..teams)
            .map(|i| {
                line(
                    results,
                    series(i as u16),
                    &format!("team {}", i + 1),
                    PALETTE[i % PALETTE.len()],
                )
            })
            .collect::<Vec<_>>()
    };
    let total_slots = f64::from(params.wijkteam.team_slots) * teams as f64;
    charts.push(Chart {
        info: ChartInfo {
            stem: "wijkteam_pressure",
            title: format!("{name}: wijkteam pressure"),
            caption: "Caseload against capacity and cases waiting for a worker, in total (top) and per wijkteam (bottom).",
        },
        cols: 2,
        legend: vec![],
        panels: vec![
            time_panel(
                "Caseload, all wijkteams",
                "cases",
                vec![line(results, Series::Daily(Daily::WijkteamBusy), "caseload", BLUE)],
                vec![Reference { label: format!("capacity ({total_slots:.0})"), value: total_slots, color: RED }],
                wy,
            ),
            time_panel(
                "Waiting for a wijkteam, all teams",
                "cases waiting",
                vec![line(results, Series::Daily(Daily::WijkteamWaiting), "waiting", ORANGE)],
                vec![],
                wy,
            ),
            time_panel(
                "Caseload per wijkteam",
                "cases",
                per_team(Series::TeamBusy),
                vec![Reference { label: format!("capacity per team ({})", params.wijkteam.team_slots), value: f64::from(params.wijkteam.team_slots), color: RED }],
                wy,
            ),
            time_panel("Waiting per wijkteam", "cases waiting", per_team(Series::TeamWaiting), vec![], wy),
        ],
    });

    // 5. ZSM pressure.
    let target = params.zsm.target_h;
    let hourly = BarSeries {
        label: "suspects waiting".into(),
        color: PURPLE,
        bars: results
            .zsm_queue_by_hour
            .iter()
            .enumerate()
            .map(|(h, i)| (h as f64, h as f64 + 1.0, *i))
            .collect(),
    };
    charts.push(Chart {
        info: ChartInfo {
            stem: "zsm_pressure",
            title: format!("{name}: ZSM pressure"),
            caption: "Share of ZSM decisions taken within the decision target, and the queue at the ZSM table by hour of the day.",
        },
        cols: 1,
        legend: vec![],
        panels: vec![
            time_panel(
                &format!("Decided within {target} hours"),
                "share of decisions",
                vec![line(results, Series::Derived(Derived::ZsmWithinTargetShare), "within target", GREEN)],
                vec![],
                wy,
            ),
            Panel::Bars {
                title: "Queue by hour of the day (after warm-up)".into(),
                x_label: "hour of the day".into(),
                y_label: "suspects waiting".into(),
                series: vec![hourly],
                marks: vec![],
            },
        ],
    });

    // 6. Time to opschaling.
    let bars = |hist: &Binned| -> Vec<(f64, f64, Interval)> {
        let w = hist.width_days;
        hist.bins
            .iter()
            .enumerate()
            .map(|(b, i)| (b as f64 * w, (b + 1) as f64 * w, *i))
            .collect()
    };
    charts.push(Chart {
        info: ChartInfo {
            stem: "time_to_opschaling",
            title: format!("{name}: time to opschaling, complex cases"),
            caption: "Days a complex case spends in AVE 2 before its first opschaling naar AVE 3, with late acute incidents (a case in AVE 2 never in AVE 3) in red.",
        },
        cols: 1,
        legend: vec![],
        panels: vec![Panel::Bars {
            title: "Days in AVE 2 before AVE 3 (weekly bins, mean per replication after warm-up)".into(),
            x_label: "days in AVE 2".into(),
            y_label: "cases per replication".into(),
            series: vec![
                BarSeries { label: "opschaling naar AVE 3 (complex cases)".into(), color: BLUE, bars: bars(&results.time_to_ave3) },
                BarSeries { label: "late: acute incident before any AVE 3".into(), color: RED, bars: bars(&results.time_to_late) },
            ],
            marks: vec![],
        }],
    });

    // 7. Headline metrics.
    charts.push(Chart {
        info: ChartInfo {
            stem: "headline",
            title: if params.run.replications > 1 {
                format!("{name}: headline metrics (mean and 95% interval over {} replications)", params.run.replications)
            } else {
                format!("{name}: headline metrics (1 replication, so no interval)")
            },
            caption: "Every headline metric with its mean (dot) and 95% confidence interval (whiskers).",
        },
        cols: 6,
        legend: vec![],
        panels: METRICS
            .iter()
            .zip(&results.summary)
            .map(|(m, row)| Panel::Metric { title: m.name.to_string(), unit: m.unit.to_string(), interval: row.interval })
            .collect(),
    });
    super::spec::in_calendar_years(&mut charts, super::spec::year_of(params.run.origin));
    charts
}
