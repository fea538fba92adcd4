//! `advice.csv`: the recommendations ranked per metric against the region as it is.

use std::path::Path;

use crate::experiment::advise::Advice;

use super::files::{self, WriteError, iv};
use crate::format::csv as num;

/// One row per metric × recommendation, in rank order per metric: the paired difference
/// from the region with its interval, whether it is real (the interval excludes zero) or
/// noise, and the same difference under the other assumption about a bestuurlijke visie.
pub fn write_advice_csv(dir: &Path, advice: &Advice) -> Result<(), WriteError> {
    let header = [
        "region",
        "metric",
        "unit",
        "rank",
        "recommendation",
        "study_recommendations",
        "grade",
        "region_mean",
        "difference",
        "ci95_low",
        "ci95_high",
        "verdict",
        "vision_assumed",
        "difference_other_vision",
        "other_vision_ci95_low",
        "other_vision_ci95_high",
    ];
    let mut rows = Vec::new();
    for (m, ranking) in advice.metrics.iter().zip(&advice.ranking) {
        for (rank, place) in ranking.iter().enumerate() {
            let a = &advice.advised[place.index];
            let d = &place.difference;
            let other = a
                .other_vision
                .as_ref()
                .and_then(|o| o.iter().find(|x| x.metric == *m))
                .map_or([String::new(), String::new(), String::new()], |x| {
                    iv(&x.paired)
                });
            let mut row = vec![
                advice.region.clone(),
                m.name().to_string(),
                d.unit.to_string(),
                (rank + 1).to_string(),
                a.info.name.clone(),
                a.numbers(),
                a.grade().to_string(),
                num(advice.baseline.metric(*m).mean),
            ];
            row.extend(iv(&d.paired));
            row.push(if place.real { "real" } else { "noise" }.to_string());
            row.push(advice.vision.to_string());
            row.extend(other);
            rows.push(row);
        }
    }
    files::rows(&dir.join("advice.csv"), header, rows)
}
