//! The seven charts of a run: escalations over time, cases per phase, pressure at the
//! Veiligheidshuis, the wijkteams and ZSM, time to escalation, and the headline metrics.

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

    // 1. Escalations over time.
    let rate_label = "per 1,000 cases in progress, last 30 days";
    charts.push(Chart {
        info: ChartInfo {
            stem: "escalations",
            title: format!("{name}: escalations per 1,000 cases in progress (rolling 30 days)"),
            caption: "How often cases move up: to the Veiligheidshuis (phase 3) and into a crisis (phase 4); late escalations are crises of cases never escalated before.",
        },
        cols: 1,
        legend: vec![],
        panels: vec![
            time_panel(
                "Escalation to the Veiligheidshuis (AVE phase 2 → 3)",
                rate_label,
                vec![line(results, Series::Derived(Derived::Phase3Rolling), "phase 2 → 3", BLUE)],
                vec![],
                wy,
            ),
            time_panel(
                "Crises (→ phase 4) and late escalations",
                rate_label,
                vec![
                    line(results, Series::Derived(Derived::Phase4Rolling), "crisis (→ phase 4)", RED),
                    line(results, Series::Derived(Derived::LateRolling), "late escalation (phase 2 → 4, never in phase 3)", ORANGE),
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
            Series::Daily(Daily::Phase2),
            "AVE-fase 2 (wijkteam)",
            BLUE,
        ),
        line(
            results,
            Series::Daily(Daily::Phase3),
            "AVE-fase 3 (Veiligheidshuis)",
            ORANGE,
        ),
        line(
            results,
            Series::Daily(Daily::Phase4),
            "AVE-fase 4 (mayor)",
            RED,
        ),
    ];
    charts.push(Chart {
        info: ChartInfo {
            stem: "phases",
            title: format!("{name}: cases in each AVE phase"),
            caption: "Cases in progress by phase (stacked), and phases 3 and 4 on their own scale below.",
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
            },
            time_panel("Phases 3 and 4", "cases", stacked[1..].to_vec(), vec![], wy),
        ],
    });

    // 3. Veiligheidshuis pressure.
    charts.push(Chart {
        info: ChartInfo {
            stem: "vhh_pressure",
            title: format!("{name}: Veiligheidshuis pressure"),
            caption: "Busy process-lead slots against the fixed capacity, and escalations waiting for a coordinator.",
        },
        cols: 1,
        legend: vec![],
        panels: vec![
            time_panel(
                "Process-lead slots in use",
                "cases led by the VHH",
                vec![line(results, Series::Daily(Daily::VhhBusy), "busy slots", BLUE)],
                vec![Reference { label: format!("capacity ({} slots)", params.vhh.slots), value: f64::from(params.vhh.slots), color: RED }],
                wy,
            ),
            time_panel(
                "Waiting list",
                "escalations waiting",
                vec![line(results, Series::Daily(Daily::VhhWaiting), "waiting for a slot", ORANGE)],
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

    // 6. Time to escalation.
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
            stem: "time_to_escalation",
            title: format!("{name}: time to escalation, complex cases"),
            caption: "Days a complex case spends in phase 2 before its escalation to the Veiligheidshuis, with late escalations (crises of never-escalated cases) marked in red.",
        },
        cols: 1,
        legend: vec![],
        panels: vec![Panel::Bars {
            title: "Days in phase 2 before phase 3 (weekly bins, mean per replication after warm-up)".into(),
            x_label: "days in phase 2".into(),
            y_label: "cases per replication".into(),
            series: vec![
                BarSeries { label: "escalated to phase 3 (complex cases)".into(), color: BLUE, bars: bars(&results.time_to_phase3) },
                BarSeries { label: "late escalation: crisis before any phase 3".into(), color: RED, bars: bars(&results.time_to_late) },
            ],
            marks: if params.triage.criteria == crate::scenario::Criteria::Ave && params.triage.stagnation_adherence > 0.0 {
                vec![(format!("stagnation reviews from day {:.0}", params.triage.stagnation_h / 24.0), params.triage.stagnation_h / 24.0)]
            } else {
                vec![]
            },
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
    charts
}
