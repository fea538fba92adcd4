//! A family's story as a swimlane timeline (1600×900, SVG and PNG, for slides): lanes for the
//! wijkteam, the Veiligheidshuis, ZSM and the burgemeester with the driehoek, the phase as a
//! coloured strip above them, and both setups on one time axis from the family's arrival.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::experiment::story::Story;
use crate::lang::Lang;
use crate::model::{AveFase, DeskId, Happening, Route};
use crate::output::charts::{FONT, HEIGHT, WIDTH};
use crate::scenario::sections::run::RunParams;

/// The four lanes, top to bottom.
pub const LANES: usize = 4;

/// A lane's name.
pub fn lane_name(lang: Lang, lane: usize) -> &'static str {
    match lane {
        0 => lang.pick("Wijkteam", "Wijkteam"),
        1 => lang.pick("Veiligheidshuis", "Veiligheidshuis"),
        2 => "ZSM",
        _ => lang.pick("Burgemeester / driehoek", "Burgemeester / driehoek"),
    }
}

/// What a bar on a lane means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bar {
    /// Waiting for the desk.
    Waiting,
    /// The desk works on it (casusregie and procesregie in the wijk; procesregie at the VHH).
    Working,
    /// The wijkteam keeps its place while the VHH holds procesregie (casusregie as agreed
    /// locally).
    Kept,
    /// A consult of the advice function.
    Consult,
    /// AVE 4: the burgemeester leads.
    Ave4,
}

/// A point on a lane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// An acute crisis (across all lanes).
    Crisis,
    /// A signal at the wijkteam: complex problems recognised, cooperation stalled.
    Signal,
    /// ZSM decided with context.
    Informed,
    /// ZSM decided without it.
    Blind,
}

/// Bars `(lane, from, to, what)` and marks `(lane, t, what)` of a story, in hours.
#[allow(clippy::type_complexity)]
pub fn shapes(story: &Story) -> (Vec<(usize, f64, f64, Bar)>, Vec<(usize, f64, Mark)>) {
    let end = story.end().map_or(f64::NAN, |e| e.0);
    let mut bars = Vec::new();
    let mut marks = Vec::new();
    let mut open: [Option<(f64, Bar)>; LANES] = [None; LANES];
    let mut consult: Option<(f64, Bar)> = None;
    let close = |lane: usize, t: f64, open: &mut [Option<(f64, Bar)>; LANES], bars: &mut Vec<_>| {
        if let Some((from, bar)) = open[lane].take() {
            bars.push((lane, from, t, bar));
        }
    };
    for m in &story.moments {
        let t = m.t;
        match m.happening {
            Happening::QueueJoined {
                desk: DeskId::Wijkteam(_),
                ..
            } => {
                close(0, t, &mut open, &mut bars);
                open[0] = Some((t, Bar::Waiting));
            }
            Happening::TeamStarted { .. } => {
                close(0, t, &mut open, &mut bars);
                open[0] = Some((t, Bar::Working));
            }
            Happening::Opgeschaald { .. } if open[0].is_some() => {
                close(0, t, &mut open, &mut bars);
                open[0] = Some((t, Bar::Kept));
            }
            Happening::QueueJoined {
                desk: DeskId::Vhh, ..
            } => {
                close(1, t, &mut open, &mut bars);
                open[1] = Some((t, Bar::Waiting));
            }
            Happening::ProcesregieStarted { .. } => {
                close(1, t, &mut open, &mut bars);
                open[1] = Some((t, Bar::Working));
            }
            Happening::Afgeschaald { .. } => {
                close(1, t, &mut open, &mut bars);
                close(0, t, &mut open, &mut bars);
                open[0] = Some((t, Bar::Working));
            }
            Happening::AdviceRequested { .. } => consult = Some((t, Bar::Consult)),
            Happening::AdviceAnswered { .. }
            | Happening::AdviceGivenUp { .. }
            | Happening::AdviceSettled { .. } => {
                if let Some((from, bar)) = consult.take() {
                    bars.push((1, from, t, bar));
                }
            }
            Happening::PhaseChanged { fase, .. } => {
                if fase == AveFase::Ave4 {
                    open[3] = Some((t, Bar::Ave4));
                } else {
                    close(3, t, &mut open, &mut bars);
                }
            }
            Happening::Incident { .. } => marks.push((0, t, Mark::Crisis)),
            Happening::Recognised { .. } | Happening::Stalled { .. } => {
                marks.push((0, t, Mark::Signal));
            }
            Happening::ZsmKnownDecision { route, .. } => marks.push((
                2,
                t,
                if route == Route::Blind {
                    Mark::Blind
                } else {
                    Mark::Informed
                },
            )),
            _ => {}
        }
    }
    for lane in 0..LANES {
        close(lane, end, &mut open, &mut bars);
    }
    if let Some((from, bar)) = consult {
        bars.push((1, from, end, bar));
    }
    (bars, marks)
}

/// The phase colours: AVE 2 green, AVE 3 orange, AVE 4 red (as in the run's charts).
pub fn phase_colour(phase: AveFase) -> RGBColor {
    match phase {
        AveFase::Ave2 => RGBColor(44, 160, 44),
        AveFase::Ave3 => RGBColor(255, 127, 14),
        AveFase::Ave4 => RGBColor(214, 39, 40),
    }
}

fn bar_colour(bar: Bar) -> RGBAColor {
    match bar {
        Bar::Waiting => RGBColor(190, 190, 190).to_rgba(),
        Bar::Working => RGBColor(31, 119, 180).to_rgba(),
        Bar::Kept => RGBColor(31, 119, 180).mix(0.3),
        Bar::Consult => RGBColor(148, 103, 189).to_rgba(),
        Bar::Ave4 => RGBColor(214, 39, 40).to_rgba(),
    }
}

/// One setup's story, named.
pub struct Side<'a> {
    /// The setup's name as the reader knows it.
    pub label: String,
    /// The story.
    pub story: &'a Story,
}

/// A tick step in days that gives at most about ten ticks.
fn tick_days(span: f64) -> f64 {
    [1.0, 7.0, 14.0, 30.0, 61.0, 91.0, 182.0, 365.0, 730.0]
        .into_iter()
        .find(|s| span / s <= 10.0)
        .unwrap_or(1461.0)
}

/// Draw the timeline of `sides` (one or two) on `root`.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    lang: Lang,
    title: &str,
    sides: &[Side],
    parted: Option<f64>,
    run: &RunParams,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&WHITE)?;
    let font = |size: i32| (FONT, size).into_font().color(&BLACK);
    root.draw(&Text::new(
        title.to_string(),
        (24, 16),
        (FONT, 30).into_font().style(FontStyle::Bold).color(&BLACK),
    ))?;
    // Legend.
    let legend: Vec<(String, RGBAColor)> = vec![
        (
            lang.pick("waiting", "wacht").into(),
            bar_colour(Bar::Waiting),
        ),
        (
            lang.pick("desk at work", "aan zet").into(),
            bar_colour(Bar::Working),
        ),
        (
            lang.pick(
                "casusregie (local agreement)",
                "casusregie (lokale afspraak)",
            )
            .into(),
            bar_colour(Bar::Kept),
        ),
        ("advies bij twijfel".into(), bar_colour(Bar::Consult)),
        (lang.pick("AVE 4", "AVE 4").into(), bar_colour(Bar::Ave4)),
    ];
    let mut x = 24;
    for (label, colour) in &legend {
        root.draw(&Rectangle::new([(x, 62), (x + 18, 80)], colour.filled()))?;
        root.draw(&Text::new(label.clone(), (x + 24, 62), font(17)))?;
        x += 50 + 10 * label.chars().count() as i32;
    }
    let marks_legend = [
        ("▼", RGBColor(0, 0, 0), lang.pick("signal", "signaal")),
        (
            "!",
            RGBColor(214, 39, 40),
            lang.pick("acute crisis", "acute crisis"),
        ),
        (
            "◆",
            RGBColor(31, 119, 180),
            lang.pick("ZSM with context", "ZSM met context"),
        ),
        (
            "◆",
            RGBColor(0, 0, 0),
            lang.pick("ZSM without context", "ZSM zonder context"),
        ),
    ];
    for (sym, colour, label) in marks_legend {
        root.draw(&Text::new(
            sym,
            (x, 60),
            (FONT, 20).into_font().color(&colour),
        ))?;
        root.draw(&Text::new(label, (x + 22, 62), font(17)))?;
        x += 46 + 10 * label.chars().count() as i32;
    }

    // Time axis: from the earliest arrival to the latest end, in days from arrival.
    let start = sides
        .iter()
        .filter_map(|s| s.story.arrival().map(|a| a.0))
        .fold(f64::INFINITY, f64::min);
    let end = sides
        .iter()
        .filter_map(|s| s.story.end().map(|e| e.0))
        .fold(start + 24.0, f64::max);
    let (left, right) = (330.0, f64::from(WIDTH) - 40.0);
    let span_h = (end - start).max(24.0) * 1.02;
    let px = |t: f64| (left + (t - start) / span_h * (right - left)) as i32;
    let top = 104;
    let bottom = HEIGHT as i32 - 70;
    let block = (bottom - top) / sides.len().max(1) as i32;
    for (k, side) in sides.iter().enumerate() {
        let y0 = top + k as i32 * block;
        root.draw(&Text::new(
            side.label.clone(),
            (24, y0 + 6),
            (FONT, 21).into_font().style(FontStyle::Bold).color(&BLACK),
        ))?;
        // Phase strip.
        let phases = side.story.phases();
        let story_end = side.story.end().map_or(end, |e| e.0);
        let strip = (y0 + 34, y0 + 56);
        for (i, (t, phase)) in phases.iter().enumerate() {
            let to = phases.get(i + 1).map_or(story_end, |p| p.0);
            let (a, b) = (px(*t), px(to).max(px(*t) + 1));
            root.draw(&Rectangle::new(
                [(a, strip.0), (b, strip.1)],
                phase_colour(*phase).filled(),
            ))?;
            if b - a > 60 {
                root.draw(&Text::new(
                    format!("AVE {}", phase.number()),
                    (a + 6, strip.0 + 2),
                    (FONT, 17).into_font().color(&WHITE),
                ))?;
            }
        }
        root.draw(&Text::new(
            lang.pick("phase", "fase"),
            (24, strip.0 + 2),
            font(17),
        ))?;
        let lane_top = y0 + 64;
        let lane_h = (block - 72) / LANES as i32;
        for lane in 0..LANES {
            let y = lane_top + lane as i32 * lane_h;
            root.draw(&Rectangle::new(
                [(left as i32, y), (right as i32, y + lane_h - 4)],
                RGBColor(246, 246, 246).filled(),
            ))?;
            root.draw(&Text::new(
                lane_name(lang, lane),
                (24, y + lane_h / 2 - 10),
                font(19),
            ))?;
        }
        let (bars, marks) = shapes(side.story);
        for (lane, from, to, bar) in bars {
            let y = lane_top + lane as i32 * lane_h;
            let inset = if bar == Bar::Consult { lane_h / 3 } else { 6 };
            root.draw(&Rectangle::new(
                [
                    (px(from), y + inset),
                    (px(to).max(px(from) + 3), y + lane_h - 4 - inset),
                ],
                bar_colour(bar).filled(),
            ))?;
        }
        for (lane, t, mark) in marks {
            let y = lane_top + lane as i32 * lane_h;
            match mark {
                Mark::Crisis => {
                    root.draw(&PathElement::new(
                        vec![
                            (px(t), lane_top),
                            (px(t), lane_top + LANES as i32 * lane_h - 4),
                        ],
                        RGBColor(214, 39, 40).stroke_width(3),
                    ))?;
                    root.draw(&Text::new(
                        "!",
                        (px(t) + 5, lane_top + 2),
                        (FONT, 24)
                            .into_font()
                            .style(FontStyle::Bold)
                            .color(&RGBColor(214, 39, 40)),
                    ))?;
                }
                Mark::Signal => {
                    let (cx, top) = (px(t), y + 2);
                    root.draw(&Polygon::new(
                        vec![(cx - 9, top), (cx + 9, top), (cx, top + 14)],
                        RGBColor(0, 0, 0).filled(),
                    ))?;
                }
                Mark::Informed | Mark::Blind => {
                    let colour = if mark == Mark::Blind {
                        RGBColor(0, 0, 0)
                    } else {
                        RGBColor(31, 119, 180)
                    };
                    let (cx, cy, r) = (px(t), y + (lane_h - 4) / 2, 11);
                    root.draw(&Polygon::new(
                        vec![(cx, cy - r), (cx + r, cy), (cx, cy + r), (cx - r, cy)],
                        colour.filled(),
                    ))?;
                }
            }
        }
    }
    // Where the paths part.
    if let Some(t) = parted.filter(|_| sides.len() > 1) {
        let x = px(t);
        root.draw(&PathElement::new(
            vec![(x, top + 30), (x, bottom)],
            BLACK.stroke_width(2),
        ))?;
        let label = lang.pick("paths part", "paden lopen uiteen");
        let right_side = x > (right as i32 - 200);
        let style = font(17).pos(Pos::new(
            if right_side { HPos::Right } else { HPos::Left },
            VPos::Bottom,
        ));
        let at = if right_side { x - 6 } else { x + 6 };
        root.draw(&Text::new(label, (at, bottom - 2), style))?;
    }
    // Axis with dates.
    let step = tick_days(span_h / 24.0);
    let mut d = 0.0;
    root.draw(&PathElement::new(
        vec![(left as i32, bottom + 4), (right as i32, bottom + 4)],
        BLACK.stroke_width(1),
    ))?;
    while d * 24.0 <= span_h {
        let t = start + d * 24.0;
        let x = px(t);
        root.draw(&PathElement::new(
            vec![(x, bottom + 4), (x, bottom + 12)],
            BLACK.stroke_width(1),
        ))?;
        let label = crate::output::story::short_date(lang, run, t);
        root.draw(&Text::new(
            label,
            (x, bottom + 16),
            font(16).pos(Pos::new(HPos::Center, VPos::Top)),
        ))?;
        d += step;
    }
    root.draw(&Text::new(
        lang.pick(
            "date (the axis starts on the day the family arrived)",
            "datum (de as begint op de dag van aanmelding)",
        ),
        (left as i32, bottom + 42),
        font(16),
    ))?;
    root.present()
}
