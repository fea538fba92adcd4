//! `--set recommendation.NAME.effect=E` and `--set recommendation.NAME.target.KEY=VALUE`: a
//! laid recommendation's own effect (0..1 of the way to its targets) or one of its targets,
//! as an uncertainty study draws them.

use super::{Override, ScenarioError};
use crate::lang::Text;

/// `--set recommendation.NAME.target.KEY=VALUE`: the value a laid recommendation reaches for
/// KEY (its own effect size, which an uncertainty study draws from its range).
pub(super) fn set(
    layers: &mut [super::layers::LayerInfo],
    rest: &str,
    o: &Override,
) -> Result<(), ScenarioError> {
    let err = |message: Text| ScenarioError {
        origin: o.raw.clone(),
        line: None,
        key: Some(o.key.clone()),
        message,
    };
    let laid = layers
        .iter()
        .filter(|l| l.recommendation.is_some())
        .map(|l| l.name.clone())
        .collect::<Vec<_>>()
        .join(", ");
    let bad_form = || {
        err(Text::new(
            "write a recommendation's effect as recommendation.NAME.effect (0 to 1) or a target as recommendation.NAME.target.KEY",
            "schrijf het effect van een aanbeveling als recommendation.NAAM.effect (0 tot 1) of een doel als recommendation.NAAM.target.SLEUTEL",
        ))
    };
    // `NAME.effect`, or `NAME.target.KEY`.
    let (name, path) = match rest.strip_suffix(".effect") {
        Some(name) => (name, None),
        None => match rest.split_once(".target.") {
            Some((name, path)) => (name, Some(path)),
            None => return Err(bad_form()),
        },
    };
    let Some(r) = layers
        .iter_mut()
        .find(|l| l.name == name)
        .and_then(|l| l.recommendation.as_mut())
    else {
        return Err(err(crate::both!(
            "no recommendation named `{name}` is laid on this scenario (laid: {laid})",
            "op dit scenario ligt geen aanbeveling met de naam `{name}` (wel: {laid})"
        )));
    };
    let Some(path) = path else {
        let effect = match &o.value {
            toml::Value::Float(f) => *f,
            toml::Value::Integer(i) => *i as f64,
            _ => f64::NAN,
        };
        if !(0.0..=1.0).contains(&effect) {
            return Err(bad_form());
        }
        r.effect = effect;
        return Ok(());
    };
    let missing = || {
        err(crate::both!(
            "the recommendation `{name}` has no effect size `{path}` (see its [recommendation.target])",
            "de aanbeveling `{name}` heeft geen effectgrootte `{path}` (zie haar [recommendation.target])"
        ))
    };
    let parts: Vec<&str> = path.split('.').collect();
    let (last, init) = parts.split_last().ok_or_else(missing)?;
    let mut table = &mut r.target;
    for part in init {
        match table.get_mut(*part) {
            Some(toml::Value::Table(t)) => table = t,
            _ => return Err(missing()),
        }
    }
    match table.get_mut(*last) {
        Some(v) if !v.is_table() => {
            *v = o.value.clone();
            Ok(())
        }
        _ => Err(missing()),
    }
}
