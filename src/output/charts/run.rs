//! The seven charts of a run: opschaling and acute incidents over time, cases per AVE phase,
//! pressure at the Veiligheidshuis, the wijkteams and ZSM, time to opschaling, and the
//! headline metrics.

use super::spec::{BarSeries, Chart, Panel, Reference, line, time_panel};
use super::{BLUE, ChartInfo, GREEN, ORANGE, PALETTE, PURPLE, RED};
use crate::experiment::{Binned, RunResults};
use crate::lang::Lang;
use crate::model::metrics::{Daily, Derived, METRICS, Series};
use crate::scenario::Params;
use crate::stats::Interval;

pub(crate) fn build_charts(
    lang: Lang,
    name: &str,
    params: &Params,
    results: &RunResults,
) -> Vec<Chart> {
    let t = |en: &'static str, nl: &'static str| lang.pick(en, nl);
    let warmup_days = f64::from(params.run.warmup_days);
    let wy = warmup_days / 365.0;
    let mut charts = Vec::new();

    // 1. Opschaling and acute incidents over time.
    let rate_label = t(
        "per 1,000 cases in progress, last 30 days",
        "per 1.000 lopende casussen, laatste 30 dagen",
    );
    charts.push(Chart {
        lang,
        info: ChartInfo {
            stem: "opschaling",
            title: lang.pick(format!("{name}: opschaling and acute incidents per 1,000 cases in progress (rolling 30 days)"), format!("{name}: opschaling en acute incidenten per 1.000 lopende casussen (voortschrijdend, 30 dagen)")),
            caption: t("How often cases move up: opschaling naar AVE 3 (the Veiligheidshuis takes procesregie); acute safety incidents, those before any AVE 3 (a case in AVE 2 never in AVE 3) and those that reach AVE 4 (a threat of public unrest: the burgemeester leads). Note: these rates are per 1,000 cases in progress over 30 days; the headline rates are per 1,000 cases entered.", "Hoe vaak casussen omhoog gaan: opschaling naar AVE 3 (het Veiligheidshuis neemt de procesregie); acute veiligheidsincidenten, die zonder eerdere opschaling naar AVE 3 (een casus in AVE 2 die nooit in AVE 3 was) en die welke AVE 4 bereiken (dreigende maatschappelijke onrust: de burgemeester neemt de regie). Let op: deze cijfers zijn per 1.000 lopende casussen over 30 dagen; de cijfers bij de uitkomsten zijn per 1.000 nieuwe casussen.").into(),
        },
        cols: 1,
        legend: vec![],
        panels: vec![
            time_panel(
                lang,
                "Opschaling naar AVE 3",
                rate_label,
                vec![line(results, Series::Derived(Derived::UpscalingRolling), "opschaling naar AVE 3", BLUE)],
                vec![],
                wy,
            ),
            time_panel(
                lang,
                t("Acute incidents, before any AVE 3, and AVE 4", "Acute incidenten, zonder eerdere opschaling naar AVE 3, en AVE 4"),
                rate_label,
                vec![
                    line(results, Series::Derived(Derived::IncidentRolling), t("acute incident", "acuut incident"), RED),
                    line(results, Series::Derived(Derived::LateRolling), t("before any AVE 3: in AVE 2, never in AVE 3", "zonder eerdere opschaling: in AVE 2, nooit in AVE 3"), ORANGE),
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
        lang,
        info: ChartInfo {
            stem: "phases",
            title: lang.pick(format!("{name}: cases in each AVE phase"), format!("{name}: casussen per AVE-fase")),
            caption: t("Cases in progress by AVE phase (stacked), and AVE 3 and 4 on their own scale below.", "Lopende casussen per AVE-fase (gestapeld), en AVE 3 en 4 op een eigen schaal eronder.").into(),
        },
        cols: 1,
        legend: vec![],
        panels: vec![
            Panel::Time {
                title: t("All cases in progress (stacked)", "Alle lopende casussen (gestapeld)").into(),
                x_label: t("time (years from start)", "tijd (jaren vanaf de start)").into(),
                y_label: t("cases", "casussen").into(),
                lines: stacked.clone(),
                stacked: true,
                refs: vec![],
                warmup_years: wy,
                categories: None,
                markers: false,
                year0: None,
            },
            time_panel(lang, t("AVE 3 and AVE 4", "AVE 3 en AVE 4"), t("cases", "casussen"), stacked[1..].to_vec(), vec![], wy),
        ],
    });

    // 3. Veiligheidshuis pressure.
    charts.push(Chart {
        lang,
        info: ChartInfo {
            stem: "vhh_pressure",
            title: lang.pick(format!("{name}: Veiligheidshuis pressure"), format!("{name}: druk op het Veiligheidshuis")),
            caption: t("The procescoördinatoren's hours held by procesregie and advice together against their budget, and cases and consults waiting for hours.", "De uren van de procescoördinatoren die procesregie en advies samen vasthouden, tegen hun budget, en casussen en adviesvragen die op uren wachten.").into(),
        },
        cols: 1,
        legend: vec![],
        panels: vec![
            time_panel(
                lang,
                t("Procescoördinatoren's hours a week in use (procesregie and advice)", "Uren per week van de procescoördinatoren in gebruik (procesregie en advies)"),
                t("hours a week", "uren per week"),
                vec![line(results, Series::Daily(Daily::VhhHoursHeld), t("hours held", "uren in gebruik"), BLUE)],
                vec![Reference { label: lang.pick(format!("budget ({} hours a week)", crate::format::value(params.vhh.budget)), format!("budget ({} uur per week)", lang.num(&crate::format::value(params.vhh.budget)))), value: params.vhh.budget, color: RED }],
                wy,
            ),
            time_panel(
                lang,
                t("Waiting for a procescoördinator", "Wachtend op een procescoördinator"),
                t("waiting", "wachtend"),
                vec![
                    line(results, Series::Daily(Daily::VhhWaiting), t("cases waiting for procesregie", "casussen die wachten op procesregie"), ORANGE),
                    line(results, Series::Daily(Daily::AdviceWaiting), t("consults waiting", "wachtende adviesvragen"), PURPLE),
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
        lang,
        info: ChartInfo {
            stem: "wijkteam_pressure",
            title: lang.pick(format!("{name}: wijkteam pressure"), format!("{name}: druk op de wijkteams")),
            caption: t("Caseload against capacity and cases waiting for a worker, in total (top) and per wijkteam (bottom).", "Caseload tegen capaciteit en casussen die op een medewerker wachten, in totaal (boven) en per wijkteam (onder).").into(),
        },
        cols: 2,
        legend: vec![],
        panels: vec![
            time_panel(
                lang,
                t("Caseload, all wijkteams", "Caseload, alle wijkteams"),
                t("cases", "casussen"),
                vec![line(results, Series::Daily(Daily::WijkteamBusy), "caseload", BLUE)],
                vec![Reference { label: lang.pick(format!("capacity ({total_slots:.0})"), format!("capaciteit ({total_slots:.0})")), value: total_slots, color: RED }],
                wy,
            ),
            time_panel(
                lang,
                t("Waiting for a wijkteam, all teams", "Wachtend op een wijkteam, alle teams"),
                t("cases waiting", "wachtende casussen"),
                vec![line(results, Series::Daily(Daily::WijkteamWaiting), t("waiting", "wachtend"), ORANGE)],
                vec![],
                wy,
            ),
            time_panel(
                lang,
                "Caseload per wijkteam",
                t("cases", "casussen"),
                per_team(Series::TeamBusy),
                vec![Reference { label: lang.pick(format!("capacity per team ({})", params.wijkteam.team_slots), format!("capaciteit per team ({})", params.wijkteam.team_slots)), value: f64::from(params.wijkteam.team_slots), color: RED }],
                wy,
            ),
            time_panel(lang, t("Waiting per wijkteam", "Wachtend per wijkteam"), t("cases waiting", "wachtende casussen"), per_team(Series::TeamWaiting), vec![], wy),
        ],
    });

    // 5. ZSM pressure.
    let target = params.zsm.target_h;
    let hourly = BarSeries {
        label: t("suspects waiting", "wachtende verdachten").into(),
        color: PURPLE,
        bars: results
            .zsm_queue_by_hour
            .iter()
            .enumerate()
            .map(|(h, i)| (h as f64, h as f64 + 1.0, *i))
            .collect(),
    };
    charts.push(Chart {
        lang,
        info: ChartInfo {
            stem: "zsm_pressure",
            title: lang.pick(format!("{name}: ZSM pressure"), format!("{name}: druk op ZSM")),
            caption: t("Share of ZSM decisions taken within the decision target, and the queue at the ZSM table by hour of the day.", "Aandeel ZSM-beslissingen binnen de termijn, en de wachtrij aan de ZSM-tafel per uur van de dag.").into(),
        },
        cols: 1,
        legend: vec![],
        panels: vec![
            time_panel(
                lang,
                &lang.pick(format!("Decided within {target} hours"), format!("Beslist binnen {} uur", lang.num(&crate::format::value(target)))),
                t("share of decisions", "aandeel van de beslissingen"),
                vec![line(results, Series::Derived(Derived::ZsmWithinTargetShare), t("within target", "binnen de termijn"), GREEN)],
                vec![],
                wy,
            ),
            Panel::Bars {
                title: t("Queue by hour of the day (after warm-up)", "Wachtrij per uur van de dag (na de inloopperiode)").into(),
                x_label: t("hour of the day", "uur van de dag").into(),
                y_label: t("suspects waiting", "wachtende verdachten").into(),
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
        lang,
        info: ChartInfo {
            stem: "time_to_opschaling",
            title: lang.pick(format!("{name}: time to opschaling, complex cases"), format!("{name}: tijd tot opschaling, complexe casussen")),
            caption: t("Days a complex case spends in AVE 2 before its first opschaling naar AVE 3, with acute incidents before any AVE 3 (a case in AVE 2 never in AVE 3) in red.", "Dagen die een complexe casus in AVE 2 doorbrengt vóór de eerste opschaling naar AVE 3, met in rood de acute incidenten zonder eerdere opschaling naar AVE 3 (een casus in AVE 2 die nooit in AVE 3 was).").into(),
        },
        cols: 1,
        legend: vec![],
        panels: vec![Panel::Bars {
            title: t("Days in AVE 2 before AVE 3 (weekly bins, mean per replication after warm-up)", "Dagen in AVE 2 vóór AVE 3 (per week, gemiddeld per herhaling na de inloopperiode)").into(),
            x_label: t("days in AVE 2", "dagen in AVE 2").into(),
            y_label: t("cases per replication", "casussen per herhaling").into(),
            series: vec![
                BarSeries { label: t("opschaling naar AVE 3 (complex cases)", "opschaling naar AVE 3 (complexe casussen)").into(), color: BLUE, bars: bars(&results.time_to_ave3) },
                BarSeries { label: t("acute incident before any AVE 3", "acuut incident zonder eerdere opschaling naar AVE 3").into(), color: RED, bars: bars(&results.time_to_late) },
            ],
            marks: vec![],
        }],
    });

    // 7. Headline metrics.
    charts.push(Chart {
        lang,
        info: ChartInfo {
            stem: "headline",
            title: if params.run.replications > 1 {
                lang.pick(
                    format!("{name}: headline metrics (mean and 95% interval over {} replications)", params.run.replications),
                    format!("{name}: belangrijkste uitkomsten (gemiddelde en 95%-interval over {} herhalingen)", params.run.replications),
                )
            } else {
                lang.pick(
                    format!("{name}: headline metrics (1 replication, so no interval)"),
                    format!("{name}: belangrijkste uitkomsten (1 herhaling, dus geen interval)"),
                )
            },
            caption: t("Every headline metric with its mean (dot) and 95% confidence interval (whiskers).", "Elke uitkomst met het gemiddelde (punt) en het 95%-betrouwbaarheidsinterval (streepjes).").into(),
        },
        cols: 6,
        legend: vec![],
        panels: METRICS
            .iter()
            .zip(&results.summary)
            .map(|(m, row)| Panel::Metric { title: m.metric.label(lang).to_string(), unit: m.metric.unit_text(lang).to_string(), interval: row.interval })
            .collect(),
    });
    super::spec::in_calendar_years(&mut charts, super::spec::year_of(params.run.origin));
    charts
}
