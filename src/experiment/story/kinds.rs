//! The kinds of story a trainer asks for, each a plain test on a family's [`Summary`]. The
//! order is the order of `--kind list` and of a lesson's set of families.

use super::Summary;
use crate::lang::Lang;
use crate::model::{Origin, Outcome, Trigger};
use crate::scenario::Params;

/// A kind of story.
#[derive(Debug, Clone, Copy)]
pub struct Kind {
    /// Its name on the command line (`--kind late`).
    pub id: &'static str,
    en: &'static str,
    nl: &'static str,
    test: fn(&Summary) -> bool,
}

impl PartialEq for Kind {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

impl Kind {
    /// What it is, in a line.
    pub fn title(&self, lang: Lang) -> &'static str {
        lang.pick(self.en, self.nl)
    }

    /// Whether a family is of this kind.
    pub fn fits(&self, s: &Summary) -> bool {
        (self.test)(s)
    }

    /// The kind named `id`.
    pub fn named(id: &str) -> Option<Kind> {
        let id = id.trim().replace('_', "-");
        KINDS.iter().copied().find(|k| k.id == id)
    }
}

fn scaled_on(s: &Summary, t: Trigger) -> bool {
    s.triggers.first() == Some(&t)
}

fn social(s: &Summary) -> bool {
    s.id.origin == Origin::Social
}

/// Every kind, in teaching order: a lesson's set of five takes the first five that occur
/// (a crisis before AVE 3, stalled cooperation, over de schutting, advice that kept a family in
/// the wijk, escalation to AVE 4).
pub const KINDS: [Kind; 14] = [
    Kind {
        id: "late",
        en: "a crisis before AVE 3: an acute crisis while the family had not been opgeschaald",
        nl: "crisis vóór AVE 3: een acute crisis terwijl het gezin nog niet was opgeschaald",
        test: |s| social(s) && s.late_incident,
    },
    Kind {
        id: "stalled",
        en: "opschaling naar AVE 3 on stalled cooperation (stagnerende samenwerking)",
        nl: "opgeschaald naar AVE 3 bij stagnerende samenwerking",
        test: |s| social(s) && scaled_on(s, Trigger::StalledCooperation),
    },
    Kind {
        id: "over-the-fence",
        en: "over de schutting: handed to the VHH too early",
        nl: "over de schutting: te vroeg overgedragen aan het Veiligheidshuis",
        test: |s| social(s) && scaled_on(s, Trigger::OverTheFence),
    },
    Kind {
        id: "kept-in-wijk",
        en: "advies bij twijfel kept the family in the wijk",
        nl: "advies bij twijfel hield het gezin in de wijk",
        test: |s| social(s) && s.kept_in_wijk && !s.ave3,
    },
    Kind {
        id: "ave4",
        en: "opschaling naar AVE 4 bij escalatie: the burgemeester takes the lead",
        nl: "opschaling naar AVE 4 bij escalatie: de burgemeester neemt de regie",
        test: |s| s.ave4,
    },
    Kind {
        id: "complex",
        en: "opschaling naar AVE 3 on complex problems, before any crisis",
        nl: "opgeschaald naar AVE 3 bij complexe problematiek, vóór een crisis",
        test: |s| social(s) && scaled_on(s, Trigger::Complex) && !s.late_incident,
    },
    Kind {
        id: "vhh-plan",
        en: "resolved after a VHH plan and afschaling to the wijkteam",
        nl: "opgelost na een plan van het Veiligheidshuis en afschaling naar het wijkteam",
        test: |s| s.afgeschaald && matches!(s.closed, Some((_, Outcome::Resolved))),
    },
    Kind {
        id: "simmering",
        en: "a doubt nobody acted on: the case kept simmering (sudderen)",
        nl: "een twijfel waar niemand op handelde: de casus bleef sudderen",
        test: |s| social(s) && s.simmered,
    },
    Kind {
        id: "zsm-blind",
        en: "ZSM decided on a known family without its context",
        nl: "ZSM besliste over een bekend gezin zonder de context",
        test: |s| s.zsm_blind > 0,
    },
    Kind {
        id: "zsm-informed",
        en: "ZSM decided with the context on the table",
        nl: "ZSM besliste met de context op tafel",
        test: |s| s.zsm_decisions > s.zsm_blind,
    },
    Kind {
        id: "zsm-referral",
        en: "a suspect ZSM referred to the Veiligheidshuis",
        nl: "een verdachte die door ZSM naar het Veiligheidshuis is verwezen",
        test: |s| s.id.origin == Origin::ZsmReferral,
    },
    Kind {
        id: "overflow",
        en: "pushed up because the wijkteam was full",
        nl: "opgeschaald omdat het wijkteam vol zat",
        test: |s| social(s) && scaled_on(s, Trigger::Overflow),
    },
    Kind {
        id: "quiet",
        en: "resolved at the wijkteam in AVE 2, without a crisis",
        nl: "in AVE 2 door het wijkteam opgelost, zonder crisis",
        test: |s| {
            social(s)
                && !s.ave3
                && s.incidents == 0
                && s.closed.is_some_and(|c| c.1 == Outcome::Resolved)
        },
    },
    Kind {
        id: "any",
        en: "any family (or case from outside the wijkteams)",
        nl: "elk gezin (of elke casus van buiten de wijkteams)",
        test: |_| true,
    },
];

/// How common a kind of story is.
pub struct KindCount {
    /// The kind.
    pub kind: Kind,
    /// Families of the kind per year (measured years, mean over replications).
    pub per_year: f64,
    /// Share of all cases that arrived (families and cases from outside the wijkteams).
    pub share: f64,
}

/// Families measured: those that arrived after the warm-up.
fn measured<'a>(params: &Params, cases: &'a [Summary]) -> impl Iterator<Item = &'a Summary> {
    let warm = f64::from(params.run.warmup_days) * 24.0;
    cases.iter().filter(move |s| s.arrived >= warm)
}

/// How common each kind is over replications' summaries.
pub fn counts(params: &Params, all: &[Vec<Summary>]) -> Vec<KindCount> {
    let years = f64::from(
        params
            .run
            .horizon_days
            .saturating_sub(params.run.warmup_days),
    )
    .max(1.0)
        / 365.0;
    let reps = all.len().max(1) as f64;
    let families: usize = all.iter().map(|c| measured(params, c).count()).sum();
    KINDS
        .iter()
        .map(|&kind| {
            let n: usize = all
                .iter()
                .map(|c| measured(params, c).filter(|s| kind.fits(s)).count())
                .sum();
            KindCount {
                kind,
                per_year: n as f64 / reps / years,
                share: if families > 0 {
                    n as f64 / families as f64
                } else {
                    f64::NAN
                },
            }
        })
        .collect()
}
