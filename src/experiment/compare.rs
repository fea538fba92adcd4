//! Paired comparisons: each scenario against the first, replication by replication, on the
//! same random streams. The paired interval is usually much narrower than the unpaired one,
//! because the noise both runs share cancels.

use crate::model::metrics::{METRICS, Metric};
use crate::stats::{Interval, Welford, t_quantile};

use super::RunResults;

/// The difference of one metric between a scenario and the baseline.
#[derive(Debug, Clone)]
pub struct Difference {
    /// The metric.
    pub metric: Metric,
    /// Unit.
    pub unit: &'static str,
    /// Paired mean difference (scenario − baseline) and its 95% interval.
    pub paired: Interval,
    /// The same difference with an unpaired (Welch) 95% interval, for comparison.
    pub unpaired: Interval,
}

impl Difference {
    /// Whether the difference is large enough to matter to a reader: at least a day of
    /// waiting, half an hour, a percentage point, 0.2 per 1,000 cases or one a year.
    pub fn material(&self) -> bool {
        let floor = match self.metric.def().unit {
            "days" => 1.0,
            "hours" => 0.5,
            u if u.starts_with("per 1000") => 0.2,
            u if u.contains("/year") => 1.0,
            _ if self.metric.is_share() => 0.01,
            _ => 0.0,
        };
        self.paired.mean.abs() >= floor
    }

    /// True if the paired interval excludes zero.
    pub fn excludes_zero(&self) -> bool {
        self.paired.low.is_finite() && (self.paired.low > 0.0 || self.paired.high < 0.0)
    }
}

fn welch(a: &Welford, b: &Welford) -> Interval {
    let (ia, ib) = (a.interval(), b.interval());
    let (na, nb) = (ia.n as f64, ib.n as f64);
    let (va, vb) = (a.variance() / na, b.variance() / nb);
    let mean = ia.mean - ib.mean;
    if !(va.is_finite() && vb.is_finite()) {
        return Interval {
            mean,
            low: f64::NAN,
            high: f64::NAN,
            n: ia.n.min(ib.n),
        };
    }
    let se2 = va + vb;
    let df = if se2 > 0.0 {
        se2 * se2 / (va * va / (na - 1.0) + vb * vb / (nb - 1.0))
    } else {
        na + nb - 2.0
    };
    let half = t_quantile(df.max(1.0).floor() as usize, 0.975) * se2.sqrt();
    Interval {
        mean,
        low: mean - half,
        high: mean + half,
        n: ia.n.min(ib.n),
    }
}

/// Every metric of `scenario` against `baseline`, paired by replication.
pub fn differences(scenario: &RunResults, baseline: &RunResults) -> Vec<Difference> {
    METRICS
        .iter()
        .enumerate()
        .map(|(k, m)| {
            let (mut paired, mut a, mut b) =
                (Welford::default(), Welford::default(), Welford::default());
            for (x, y) in scenario.replications.iter().zip(&baseline.replications) {
                if x[k].is_finite() && y[k].is_finite() {
                    paired.push(x[k] - y[k]);
                }
            }
            scenario.replications.iter().for_each(|x| a.push(x[k]));
            baseline.replications.iter().for_each(|y| b.push(y[k]));
            Difference {
                metric: m.metric,
                unit: m.unit,
                paired: paired.interval(),
                unpaired: welch(&a, &b),
            }
        })
        .collect()
}
