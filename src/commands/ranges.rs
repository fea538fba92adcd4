//! What `avesim check` says about the plausible ranges an uncertainty study draws from: every
//! end of every range must be a value its key takes, and a value outside the range it inherits
//! is held, which is worth a word.

use std::path::{Path, PathBuf};

use super::{CommandError, load_with};
use crate::both;
use crate::experiment::sensitivity::{factors, held_outside};
use crate::format::message;
use crate::lang::Text;
use crate::scenario::Loaded;
use crate::text::one_line;

/// Refuse a range that reaches a value its key does not take (the scenario loaded with that
/// end set fails); return a note for each assumption held because its value lies outside the
/// range it inherits.
pub fn check_ranges(
    path: Option<&Path>,
    with: &[PathBuf],
    sets: &[String],
    loaded: &Loaded,
) -> Result<Vec<Text>, CommandError> {
    use rayon::prelude::*;
    let resolved = match toml::Value::try_from(loaded.scenario.resolved()) {
        Ok(toml::Value::Table(t)) => t,
        _ => return Err(super::internal("the resolved scenario is not a table")),
    };
    let all = factors(&resolved, &loaded.provenance);
    // Each end loaded on its own: side by side, the first failing key (in the register's
    // order) named whatever the order they finish in.
    let refused = all
        .par_iter()
        .filter_map(|f| {
            [f.low, f.high].into_iter().find_map(|end| {
                let mut with_end = sets.to_vec();
                with_end.push(f.set_value(end));
                load_with(path, with, &with_end, Vec::new())
                    .err()
                    .map(|e| (f, end, e))
            })
        })
        .find_first(|_| true);
    if let Some((f, end, e)) = refused {
        let (key, low, high, end) = (&f.key, message(f.low), message(f.high), message(end));
        let why = match e {
            CommandError::Input(t) => t,
            other => Text::same(other.to_string()),
        };
        let (why_en, why_nl) = (one_line(&why.en), one_line(&why.nl));
        return Err(CommandError::Input(both!(
            "the plausible range {low}..{high} of {key} reaches {end}, a value it does not take ({why_en}); narrow the range",
            "de aannemelijke bandbreedte {low}..{high} van {key} reikt tot {end}, een waarde die {key} niet kan hebben ({why_nl}); maak de bandbreedte smaller"
        )));
    }
    let held = held_outside(&resolved, &loaded.provenance);
    Ok(match held.as_slice() {
        [] => Vec::new(),
        [f] => {
            let (key, value, low, high) =
                (&f.key, message(f.value), message(f.low), message(f.high));
            vec![both!(
                "{key} = {value} lies outside the plausible range {low}..{high} it inherits, so sensitivity and --uncertain hold it at its value; to draw it, state a range that holds the value next to it (`| range LOW..HIGH: why`)",
                "{key} = {value} ligt buiten de aannemelijke bandbreedte {low}..{high} die het overneemt, dus sensitivity en --uncertain houden het op die waarde; wilt u het laten trekken, zet er dan een bandbreedte naast die de waarde bevat (`| range LAAG..HOOG: waarom`)"
            )]
        }
        several => {
            let n = several.len();
            let list = several
                .iter()
                .map(|f| {
                    let (value, low, high) = (message(f.value), message(f.low), message(f.high));
                    format!("{} = {value} ({low}..{high})", f.key)
                })
                .collect::<Vec<_>>()
                .join(", ");
            vec![both!(
                "{n} values lie outside the plausible ranges they inherit, so sensitivity and --uncertain hold them at their values: {list}; to draw one, state a range that holds its value next to it (`| range LOW..HIGH: why`)",
                "{n} waarden liggen buiten de aannemelijke bandbreedte die ze overnemen, dus sensitivity en --uncertain houden ze op hun waarde: {list}; wilt u er een laten trekken, zet er dan een bandbreedte naast die de waarde bevat (`| range LAAG..HOOG: waarom`)"
            )]
        }
    })
}
