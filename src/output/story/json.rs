//! `story.json`: the family's events exactly as `trace.csv` has them, each with its sentence,
//! its phases, and how typical its contrast is — for other tools.

use std::path::Path;

use serde::Serialize;

use super::{Book, Told, ending, narrate};
use crate::experiment::story::Direction;
use crate::lang::Lang;
use crate::output::recorder::trace_row;

#[derive(Serialize)]
struct JsonEvent {
    time_h: String,
    day: String,
    datetime: String,
    event: &'static str,
    desk: &'static str,
    case: String,
    detail: String,
    text: String,
}

#[derive(Serialize)]
struct JsonPhase {
    time_h: String,
    datetime: String,
    phase: u8,
}

#[derive(Serialize)]
struct JsonSide {
    scenario: String,
    label: String,
    family: String,
    arrived_time_h: String,
    domains: u8,
    complex: bool,
    youth: bool,
    case: u32,
    events: Vec<JsonEvent>,
    phases: Vec<JsonPhase>,
    ending: String,
}

#[derive(Serialize)]
struct JsonShare {
    direction: &'static str,
    share: f64,
    low: f64,
    high: f64,
}

#[derive(Serialize)]
struct JsonTypical {
    kind: &'static str,
    families: u64,
    replications: usize,
    unpaired: u64,
    shares: Vec<JsonShare>,
    crises_difference: f64,
    crises_difference_low: f64,
    crises_difference_high: f64,
    this_family: Option<&'static str>,
    exception: bool,
}

#[derive(Serialize)]
struct JsonStory {
    avesim_version: &'static str,
    language: &'static str,
    family: String,
    origin: &'static str,
    index: u64,
    replication: u32,
    kind: Option<&'static str>,
    sides: Vec<JsonSide>,
    parted_time_h: Option<String>,
    typical: Option<JsonTypical>,
}

/// The side's events as `trace.csv` has them, each with its sentence.
fn json_side(lang: Lang, told: &Told) -> JsonSide {
    let run = &told.params.run;
    let lines = narrate(&told.story, told.params, lang);
    let events = told
        .story
        .moments
        .iter()
        .enumerate()
        .filter_map(|(i, m)| {
            let row = trace_row(&m.happening)?;
            Some(JsonEvent {
                time_h: crate::format::csv(m.t),
                day: crate::format::csv(m.t / 24.0),
                datetime: run.datetime_at(m.t),
                event: row.event,
                desk: row.desk,
                case: row.case.map_or(String::new(), |c| c.to_string()),
                detail: row.detail,
                text: lines
                    .iter()
                    .find(|l| l.moment == i)
                    .map_or(String::new(), |l| l.text.clone()),
            })
        })
        .collect();
    let (arrived, domains, complex, youth, _) =
        told.story
            .arrival()
            .unwrap_or((f64::NAN, 0, false, false, None));
    JsonSide {
        scenario: told.name.clone(),
        label: told.label.clone(),
        family: told.story.id.arg(),
        arrived_time_h: crate::format::csv(arrived),
        domains,
        complex,
        youth,
        case: told.story.uid,
        events,
        phases: told
            .story
            .phases()
            .into_iter()
            .map(|(t, p)| JsonPhase {
                time_h: crate::format::csv(t),
                datetime: run.datetime_at(t),
                phase: p.number(),
            })
            .collect(),
        ending: ending(lang, &told.story),
    }
}

/// Write `story.json`.
pub fn write_json(lang: Lang, dir: &Path, book: &Book) -> Result<(), String> {
    let first = &book.sides[0].story;
    let typical = book.typical.as_ref().map(|t| JsonTypical {
        kind: t.kind.id,
        families: t.families,
        replications: t.replications,
        unpaired: t.unpaired,
        shares: Direction::ALL
            .iter()
            .map(|d| {
                let s = t.shares[d.index()];
                JsonShare {
                    direction: d.name(),
                    share: s.share,
                    low: s.low,
                    high: s.high,
                }
            })
            .collect(),
        crises_difference: t.crises.mean,
        crises_difference_low: t.crises.low,
        crises_difference_high: t.crises.high,
        this_family: book.direction.map(Direction::name),
        exception: book.exception(),
    });
    let json = JsonStory {
        avesim_version: env!("CARGO_PKG_VERSION"),
        language: lang.code(),
        family: first.id.arg(),
        origin: first.id.origin.name(),
        index: first.id.index,
        replication: first.replication,
        kind: book.kind.map(|k| k.id),
        sides: book.sides.iter().map(|s| json_side(lang, s)).collect(),
        parted_time_h: book.parted.map(|p| crate::format::csv(p.0)),
        typical,
    };
    crate::output::files::write_json(dir, "story.json", &json).map_err(|e| e.to_string())
}
