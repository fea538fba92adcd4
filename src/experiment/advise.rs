//! "What would help us most?": recommendations against a region's baseline, ranked per
//! metric by their paired difference in the metric's better direction, each labelled real
//! (its 95% interval excludes zero) or noise. No weights: the order is that of one metric
//! at a time, and the first metric a user names orders the table.

use crate::model::metrics::{Better, Metric};
use crate::scenario::LayerInfo;

use super::RunResults;
use super::compare::Difference;

/// One value a recommendation moves: from the region's value to what it reaches.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// The dotted key.
    pub key: String,
    /// The region's value before implementation.
    pub from: String,
    /// The value reached (for a series of changes, the first).
    pub to: String,
    /// Days of the ramp (0: at once).
    pub over_days: f64,
    /// How many dated changes of this key (more than 1: a series, such as kijkdagen).
    pub count: usize,
}

/// One recommendation as run.
#[derive(Debug, Clone)]
pub struct Advised {
    /// The layer as its file describes it (the top one of a package).
    pub info: LayerInfo,
    /// The layers it lays, itself last.
    pub parts: Vec<LayerInfo>,
    /// Its differences from the baseline, every metric.
    pub differences: Vec<Difference>,
    /// The same under the other assumption about a bestuurlijke visie (`None` where that
    /// changes nothing).
    pub other_vision: Option<Vec<Difference>>,
    /// The values it moves, as run on this region.
    pub steps: Vec<Step>,
}

impl Advised {
    /// "1+2+3+4", or empty for a recommendation the study does not number.
    pub fn numbers(&self) -> String {
        self.info
            .recommendation
            .as_ref()
            .map(|r| {
                r.numbers
                    .iter()
                    .map(u32::to_string)
                    .collect::<Vec<_>>()
                    .join("+")
            })
            .unwrap_or_default()
    }

    /// "B" or "C".
    pub fn grade(&self) -> &str {
        self.info
            .recommendation
            .as_ref()
            .map_or("", |r| r.grade.as_str())
    }
}

/// Recommendations against a region, ranked.
#[derive(Debug, Clone)]
pub struct Advice {
    /// The region's scenario name.
    pub region: String,
    /// Whether the region has a bestuurlijke visie (`governance.vision`).
    pub vision: bool,
    /// Whether the chain around its ZSM has bestuurlijk commitment
    /// (`governance.chain_commitment`).
    pub chain_commitment: bool,
    /// `governance.reach_without_vision`.
    pub reach_without_vision: f64,
    /// The metrics ranked by; the first orders the table.
    pub metrics: Vec<Metric>,
    /// The region as it is.
    pub baseline: RunResults,
    /// Each recommendation, in the order of the files.
    pub advised: Vec<Advised>,
    /// Per metric (in `metrics` order), the recommendations ranked.
    pub ranking: Vec<Vec<Place>>,
    /// The first metric's ranking under the other assumptions about the bestuurlijke
    /// preconditions (visie and chain commitment both the other way).
    pub ranking_other_vision: Vec<Place>,
    /// One line saying how it was run.
    pub facts: String,
    /// Recommendations run on request (`--only`) that the study does not give for this region:
    /// it may have them already.
    pub not_for_region: Vec<String>,
    /// With `--uncertain`: whether each recommendation's effect survives doubt about the
    /// assumptions.
    pub doubt: Option<Doubt>,
}

/// `advise --uncertain N`: each recommendation against the region on N draws of the
/// assumptions (its own effect sizes among them).
#[derive(Debug, Clone)]
pub struct Doubt {
    /// Draws.
    pub draws: usize,
    /// Replications per scenario per draw.
    pub reps: u32,
    /// Assumptions drawn.
    pub assumptions: usize,
    /// Per recommendation (in `advised` order), per metric (in `metrics` order): the reading in
    /// plain words, and the share of draws in which it is better with its interval.
    pub readings: Vec<Vec<DoubtCell>>,
    /// Per recommendation: the same on each metric it says it moves (its `moves`), where those
    /// are not among `metrics`.
    pub moved: Vec<Vec<(Metric, DoubtCell)>>,
}

/// One recommendation's verdict on one metric under drawn assumptions.
#[derive(Debug, Clone)]
pub struct DoubtCell {
    /// "whatever the assumptions", "under most", "only if …", or "not better", with the share.
    pub words: crate::lang::Text,
    /// Short: the reading's label.
    pub label: crate::lang::Text,
    /// Share of draws better, and its 95% interval.
    pub share: (f64, f64, f64),
}

impl Advice {
    /// Whether the first metric's order of the recommendations whose differences are real
    /// holds under the other assumption about a bestuurlijke visie.
    pub fn order_holds_without_vision_change(&self) -> bool {
        let real =
            |r: &[Place]| -> Vec<usize> { r.iter().filter(|p| p.real).map(|p| p.index).collect() };
        self.ranking
            .first()
            .is_none_or(|r| real(r) == real(&self.ranking_other_vision))
    }
}

/// The metrics an advice ranks by when none are named: acute crises, late opschaling, the
/// wait for procesregie at the VHH, and ZSM decisions taken with context.
pub const DEFAULT_METRICS: [Metric; 4] = [
    Metric::AcuteCrisesPer1000,
    Metric::LateUpscalingShare,
    Metric::VhhWaitDaysMean,
    Metric::ZsmInformedShare,
];

/// One recommendation's place for one metric.
#[derive(Debug, Clone)]
pub struct Place {
    /// Index of the recommendation (0 = the first after the baseline).
    pub index: usize,
    /// The paired difference from the baseline.
    pub difference: Difference,
    /// The difference turned so that more is better (for a metric that is neither, the
    /// difference itself).
    pub gain: f64,
    /// Its interval excludes zero.
    pub real: bool,
}

/// The gain of a difference: positive when the metric moved in its better direction.
pub fn gain(metric: Metric, difference: f64) -> f64 {
    match metric.def().better {
        Better::Lower => -difference,
        Better::Higher | Better::Neither => difference,
    }
}

/// The recommendations ranked for `metric`: first those that improve it beyond the noise
/// (largest gain first), then those whose difference is noise (by their estimate), then
/// those that make it worse beyond the noise; ties keep the given order.
/// `differences[k]` are recommendation k's differences from the baseline, every metric.
pub fn rank(differences: &[Vec<Difference>], metric: Metric) -> Vec<Place> {
    let mut places: Vec<Place> = differences
        .iter()
        .enumerate()
        .filter_map(|(index, diffs)| {
            let d = diffs.iter().find(|d| d.metric == metric)?;
            Some(Place {
                index,
                gain: gain(metric, d.paired.mean),
                real: d.excludes_zero(),
                difference: d.clone(),
            })
        })
        .collect();
    let band = |p: &Place| match (p.real, p.gain > 0.0) {
        (true, true) => 0,
        (false, _) => 1,
        (true, false) => 2,
    };
    places.sort_by(|a, b| {
        let (x, y) = (nan_last(a.gain), nan_last(b.gain));
        band(a)
            .cmp(&band(b))
            .then(y.total_cmp(&x))
            .then(a.index.cmp(&b.index))
    });
    places
}

fn nan_last(v: f64) -> f64 {
    if v.is_nan() { f64::NEG_INFINITY } else { v }
}

/// Whether a region (by scenario name) is one a recommendation names: the same name, or a
/// scenario named after it (`groningen-own-size`, `breda.criteria`).
pub fn applies(applies_to: &[String], region: &str) -> bool {
    applies_to.iter().any(|a| {
        region == a
            || region
                .strip_prefix(a.as_str())
                .is_some_and(|rest| rest.starts_with('-') || rest.starts_with('.'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::Interval;

    fn diff(metric: Metric, mean: f64, half: f64) -> Difference {
        let i = Interval {
            mean,
            low: mean - half,
            high: mean + half,
            n: 30,
        };
        Difference {
            metric,
            unit: "",
            paired: i,
            unpaired: i,
        }
    }

    #[test]
    fn the_largest_gain_in_the_better_direction_comes_first() {
        let m = Metric::AcuteCrisesPer1000; // lower is better
        let ds = vec![
            vec![diff(m, 0.1, 0.5)],
            vec![diff(m, -2.0, 0.5)],
            vec![diff(m, -0.5, 0.2)],
            vec![diff(m, -3.0, 3.5)],
            vec![diff(m, 1.0, 0.2)],
        ];
        let r = rank(&ds, m);
        // Real improvements, then noise by its estimate, then real harm.
        assert_eq!(
            r.iter().map(|p| p.index).collect::<Vec<_>>(),
            [1, 2, 3, 0, 4]
        );
        assert!(r[0].real && r[1].real && !r[2].real && !r[3].real && r[4].real);
    }

    #[test]
    fn a_region_matches_its_own_name_and_scenarios_named_after_it() {
        let to = vec!["breda".to_string(), "midden-limburg".to_string()];
        assert!(applies(&to, "breda"));
        assert!(applies(&to, "breda-own-size"));
        assert!(applies(&to, "midden-limburg.criteria"));
        assert!(!applies(&to, "bredaa"));
        assert!(!applies(&to, "midden"));
    }
}
