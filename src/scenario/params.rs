//! The register of every scenario key: its unit, what it means and where its value comes
//! from (the study with section, a public figure with source, a calibration target, or an
//! assumption). `avesim check` prints it next to the values; the report's assumptions
//! register is built from it; a test checks that no key is missing.

/// Where a parameter's default value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A fact from the study; the text names the section.
    Study(&'static str),
    /// A public figure from outside the study; the text names it.
    Public(&'static str),
    /// Chosen so the baseline meets a calibration target of MODEL.md; the text names it.
    Calibrated(&'static str),
    /// A modelling assumption; the text gives the reasoning.
    Assumption(&'static str),
    /// Run control, not a model fact.
    Control,
}

impl Source {
    /// Short label: `study`, `public`, `calibrated`, `assumption` or `run control`.
    pub fn kind(&self) -> &'static str {
        match self {
            Source::Study(_) => "study",
            Source::Public(_) => "public",
            Source::Calibrated(_) => "calibrated",
            Source::Assumption(_) => "assumption",
            Source::Control => "run control",
        }
    }
    /// The reference or reasoning.
    pub fn note(&self) -> &'static str {
        match self {
            Source::Study(s)
            | Source::Public(s)
            | Source::Calibrated(s)
            | Source::Assumption(s) => s,
            Source::Control => "",
        }
    }
}

/// One registered key. `*` in `key` matches one path segment.
#[derive(Debug, Clone, Copy)]
pub struct Param {
    /// Dotted key path.
    pub key: &'static str,
    /// Unit of the value.
    pub unit: &'static str,
    /// What it means.
    pub doc: &'static str,
    /// Where the default comes from.
    pub source: Source,
}

use Source::*;

const fn p(key: &'static str, unit: &'static str, doc: &'static str, source: Source) -> Param {
    Param {
        key,
        unit,
        doc,
        source,
    }
}

/// Every key of a scenario file.
pub const PARAMS: &[Param] = &[
    p(
        "name",
        "text",
        "scenario name; names the output folder",
        Control,
    ),
    p(
        "description",
        "text",
        "one line describing the scenario",
        Control,
    ),
    p(
        "extends",
        "path",
        "file whose values this file overrides (relative to this file)",
        Control,
    ),
    p(
        "run.horizon_days",
        "days",
        "simulated days per replication",
        Control,
    ),
    p(
        "run.warmup_days",
        "days",
        "days discarded before statistics start",
        Control,
    ),
    p(
        "run.replications",
        "count",
        "independent replications",
        Control,
    ),
    p(
        "run.seed",
        "integer",
        "master seed of all random streams",
        Control,
    ),
    p(
        "run.threads",
        "count",
        "worker threads, 0 = all cores; never changes results",
        Control,
    ),
    p(
        "arrivals.social.per_day",
        "cases/day",
        "social cases entering phase 2 at the wijkteams",
        Calibrated(
            "Leeuwarden wijkteams (9 teams, 5.1): about 4,000 new cases a year so that escalations to the VHH are ~130 a year, ~50-58% of VHH Fryslan's ~250 (5.1; VHH Fryslan key figures 2018)",
        ),
    ),
    p(
        "arrivals.zsm_unknown.per_day",
        "cases/day",
        "suspects at ZSM unknown to the social domain",
        Public(
            "OM annual figures 2021-2022: ~123-132 thousand ZSM cases a year over 10 locations, i.e. ~34 a day per site",
        ),
    ),
    p(
        "arrivals.vhh_direct.per_day",
        "cases/day",
        "direct VHH referrals from police, Veilig Thuis, GGZ and the other 23 municipalities",
        Calibrated(
            "VHH Fryslan ~250 registrations a year, Leeuwarden 145 (VHH Fryslan key figures 2018): the rest, ~105-110 a year, arrive directly",
        ),
    ),
    p(
        "arrivals.*.weekly_profile",
        "factor Mon..Sun",
        "relative arrival rate per weekday (rescaled to mean 1)",
        Assumption("flat: the study gives no weekly pattern"),
    ),
    p(
        "growth.multiplier",
        "factor",
        "multiplier of the social-case arrival rate",
        Study("5.3.4: 'if caseload grows by 200% ... we have a problem'; 1 = today"),
    ),
    p(
        "growth.ramp_start_day",
        "day",
        "day the growth starts",
        Assumption("growth from the start of the run"),
    ),
    p(
        "growth.ramp_days",
        "days",
        "length of the linear ramp to the multiplier, 0 = a step",
        Assumption("a step change"),
    ),
    p(
        "case.domain_weights",
        "weights for 1..5 domains",
        "how many life domains a new case touches",
        Assumption(
            "most wijkteam cases touch one domain (phase 2: 'mostly single-domain problems', 5.3)",
        ),
    ),
    p(
        "case.complex_prob_by_domains",
        "probability by 1..5 domains",
        "chance a case is complex (multi-domain and needs a cross-chain approach)",
        Calibrated(
            "~5% of new cases complex, ~200 a year and ~250 in progress; 0.5% of Frisian households face complex chain-crossing safety problems (VHH Fryslan manager, interview)",
        ),
    ),
    p(
        "dynamics.simple.resolution_waiting",
        "per year",
        "non-complex: leaves the waiting list without help",
        Assumption("drop-out of ~1 a year while waiting"),
    ),
    p(
        "dynamics.simple.resolution_served",
        "per year",
        "non-complex: resolved by the wijkteam",
        Assumption("mean ~5.5 months of support"),
    ),
    p(
        "dynamics.simple.resolution_escalated",
        "per year",
        "non-complex in phase 3 before a plan",
        Assumption("unneeded escalations resolve slowly while waiting on the VHH"),
    ),
    p(
        "dynamics.simple.resolution_planned",
        "per year",
        "non-complex with a VHH plan",
        Assumption("a plan speeds up resolution"),
    ),
    p(
        "dynamics.simple.crisis_waiting",
        "per year",
        "non-complex: crisis while waiting",
        Study("phase 4 is rare for ordinary cases (5.3)"),
    ),
    p(
        "dynamics.simple.crisis_served",
        "per year",
        "non-complex: crisis while served",
        Study("phase 4 is rare for ordinary cases (5.3)"),
    ),
    p(
        "dynamics.simple.crisis_escalated",
        "per year",
        "non-complex: crisis in phase 3 before a plan",
        Assumption("small"),
    ),
    p(
        "dynamics.simple.crisis_planned",
        "per year",
        "non-complex: crisis with a plan",
        Assumption("small"),
    ),
    p(
        "dynamics.simple.offence",
        "per year",
        "non-complex: offences that bring the person to ZSM",
        Assumption("1 in 20 per year"),
    ),
    p(
        "dynamics.complex.resolution_waiting",
        "per year",
        "complex: resolves while waiting for a wijkteam",
        Assumption("complex cases rarely resolve alone"),
    ),
    p(
        "dynamics.complex.resolution_served",
        "per year",
        "complex: resolved by the wijkteam alone",
        Assumption("mean ~15 months without a cross-chain approach"),
    ),
    p(
        "dynamics.complex.resolution_escalated",
        "per year",
        "complex: resolves in phase 3 before a plan",
        Assumption("partners around the table already help"),
    ),
    p(
        "dynamics.complex.resolution_planned",
        "per year",
        "complex: resolves with a VHH plan",
        Study(
            "down-scaling with a plan is what the VHH is for (2.5, 5.3.1); speed is an assumption: ~6 months",
        ),
    ),
    p(
        "dynamics.complex.crisis_waiting",
        "per year",
        "complex: crisis while waiting for a wijkteam",
        Study("'keeps simmering, then it explodes' (5.3.2); rate is an assumption"),
    ),
    p(
        "dynamics.complex.crisis_served",
        "per year",
        "complex: crisis while served without plan",
        Study("'keeps simmering, then it explodes' (5.3.2); rate is an assumption"),
    ),
    p(
        "dynamics.complex.crisis_escalated",
        "per year",
        "complex: crisis in phase 3 before a plan",
        Assumption("lower than without escalation"),
    ),
    p(
        "dynamics.complex.crisis_planned",
        "per year",
        "complex: crisis with a VHH plan",
        Assumption("a plan makes crises rare"),
    ),
    p(
        "dynamics.complex.offence",
        "per year",
        "complex: offences that bring the person to ZSM",
        Calibrated(
            "~100-150 known complex persons at ZSM a year; ZSM->VHH referrals 5-10 a year (5.2.2)",
        ),
    ),
    p(
        "wijkteam.teams",
        "count",
        "number of wijkteams",
        Study("Leeuwarden: 9 teams, 7 by area, 1 for villages, 1 youth and families (5.1)"),
    ),
    p(
        "wijkteam.workers_per_team",
        "count",
        "case workers per team",
        Assumption("about 100 workers over 9 teams"),
    ),
    p(
        "wijkteam.caseload_per_worker",
        "cases",
        "cases one worker carries at once",
        Public(
            "no national norm; one published tool: 5-7 families for the heaviest 5%, 30-40 for the vulnerable 15%, ~100 for the rest; 22 is a blended assumption",
        ),
    ),
    p(
        "wijkteam.skill_sd",
        "sd of log factor",
        "spread of teams' recognition skill",
        Study(
            "team leaders and workers differ in recognising when to escalate (5.3.2); size is an assumption",
        ),
    ),
    p(
        "*.hours.days",
        "weekdays",
        "open weekdays (mon..sun)",
        Study("wijkteam and VHH office hours, ZSM 7 days (2.3, 5.1)"),
    ),
    p(
        "*.hours.open",
        "HH:MM, 00:00 to 24:00, before close",
        "opening time",
        Study("office hours; ZSM Noord-Nederland 12 h a day (5.1), 14 h nationally (2.4)"),
    ),
    p(
        "*.hours.close",
        "HH:MM, 00:00 to 24:00, after open",
        "closing time",
        Study("office hours; ZSM Noord-Nederland 12 h a day (5.1), 14 h nationally (2.4)"),
    ),
    p(
        "triage.criteria",
        "ave | informal | crisis_only",
        "up-scaling regime",
        Study(
            "AVE in Leeuwarden since 1 January 2015 (5.3); informal elsewhere (6.1-6.6); crisis only in Hollands Midden (6.4)",
        ),
    ),
    p(
        "triage.recognition_per_year",
        "per year",
        "rate at which a served complex case is recognised",
        Assumption("on average within ~6 months; 'no exact point, it is judgement' (5.3.1)"),
    ),
    p(
        "triage.informal_recognition_factor",
        "factor",
        "recognition under informal criteria",
        Study("without criteria cases are kept too long (6.7); size is an assumption"),
    ),
    p(
        "triage.adherence",
        "probability",
        "a recognition leads to an escalation request",
        Study("AVE has explicit criteria and short lines (5.3.1-5.3.2); 0.8 is an assumption"),
    ),
    p(
        "triage.review_interval_days",
        "days",
        "days between case reviews",
        Assumption("daily briefing"),
    ),
    p(
        "triage.stagnation_days",
        "days",
        "days in phase 2 after which a complex case stagnates",
        Study("stagnation is an up-scaling trigger (5.3); 180 days is an assumption"),
    ),
    p(
        "triage.stagnation_adherence",
        "probability per review",
        "a stagnating case is escalated at a review",
        Assumption("about 1 in 100 reviews"),
    ),
    p(
        "triage.over_the_fence_per_year",
        "per year",
        "a served non-complex case is escalated needlessly",
        Study("young workers are scared and escalate too soon (5.3.2); rate is an assumption"),
    ),
    p(
        "advice.enabled",
        "switch",
        "wijkteams can consult the VHH before escalating",
        Study("Leeuwarden's strong advice function (5.3.1, 7.1)"),
    ),
    p(
        "advice.desks",
        "count",
        "parallel advice desks",
        Assumption("one coordinator's time at a time"),
    ),
    p(
        "advice.consult_prob",
        "probability",
        "a recognition leads to a consult first",
        Assumption("half of doubts are discussed"),
    ),
    p(
        "advice.service_hours",
        "hours",
        "desk time of one consult",
        Study("costly for VHH coordinators (5.3.1); duration is an assumption"),
    ),
    p(
        "advice.recognition_factor",
        "factor",
        "recognition when advice is available",
        Study("lowers the threshold, catches complex cases early (5.3.1)"),
    ),
    p(
        "advice.resolve_prob",
        "probability",
        "a consult settles the doubt in phase 2",
        Study("can make escalation unnecessary, but is non-binding (5.3.1, 7.1)"),
    ),
    p(
        "advice.resolved_crisis_factor",
        "factor",
        "crisis rate after advice settled the doubt",
        Assumption("advice helps the worker"),
    ),
    p(
        "advice.unneeded_reduction",
        "share",
        "cut in over-the-fence escalations with advice",
        Study("advice lowers needless escalation (5.3.1); size is an assumption"),
    ),
    p(
        "vhh.coordinators",
        "count",
        "VHH process coordinators",
        Study("fixed budget, 'in principle we will not expand' (5.3.4); count is an assumption"),
    ),
    p(
        "vhh.cases_per_coordinator",
        "cases",
        "cases one coordinator leads at once",
        Calibrated("capacity sufficient today (5.3.4): baseline utilisation well below saturation"),
    ),
    p(
        "vhh.meeting_within_hours",
        "office hours",
        "from a VHH slot to the case meeting",
        Study("partners 'around the table within 24 hours' (5.3.2)"),
    ),
    p(
        "vhh.plan_days",
        "days",
        "designing the plan after the meeting",
        Assumption("about four weeks"),
    ),
    p(
        "vhh.plan_rejection_prob",
        "probability",
        "the wijkteam does not accept the advice at once",
        Study("friction at down-scaling (5.3.1); size is an assumption"),
    ),
    p(
        "vhh.friction_days",
        "days",
        "delay when the plan is not accepted",
        Study("asks for a plan first, delaying action (5.3.1); size is an assumption"),
    ),
    p(
        "vhh.keep_until_resolved_share",
        "share",
        "cases the VHH keeps until resolved",
        Assumption("most cases are handed back ('op- en afschaling gaan hand in hand', 2.5)"),
    ),
    p(
        "crisis.handling_days",
        "days",
        "mayor / driehoek leads a crisis",
        Study("phase 4: mayor leads, driehoek (5.3); duration is an assumption"),
    ),
    p(
        "zsm.desks",
        "count",
        "parallel decision desks at the ZSM table",
        Calibrated("the 6-hour target is mostly met under heavy pressure (2.3, 5.2.2)"),
    ),
    p(
        "zsm.service_hours",
        "hours",
        "desk time per decision",
        Study("'they handle a hundred cases a day' (5.2.2); size is an assumption"),
    ),
    p(
        "zsm.decision_target_hours",
        "hours",
        "decision target from arrival or opening",
        Study("legal term of 6 hours (2.3)"),
    ),
    p(
        "zsm.unknown_complex_prob",
        "probability",
        "share of unknown suspects who are complex",
        Assumption("a few percent"),
    ),
    p(
        "zsm.unknown_in_region_share",
        "share",
        "unknown suspects living in this VHH's region",
        Public("Fryslan ~650k of Noord-Nederland's ~1.7M inhabitants; ZSM NN covers 3 VHHs (5.1)"),
    ),
    p(
        "zsm.upgrade_prob_informed",
        "probability",
        "complex known person upgraded to a 7-day case, informed",
        Study("context changes decisions: 10 of 10 in the Haarlem pilot (2.4)"),
    ),
    p(
        "zsm.upgrade_prob_blind",
        "probability",
        "same, blind",
        Assumption("without context fewer cases are seen as complex"),
    ),
    p(
        "zsm.upgrade_days",
        "days",
        "the 7-day track",
        Study("7-day case (2.3)"),
    ),
    p(
        "zsm.referral_prob",
        "probability",
        "an upgraded complex case is referred to the VHH",
        Calibrated("ZSM->VHH referrals 'one or two hands a year' (5.2.2)"),
    ),
    p(
        "zsm.informed_effect",
        "factor",
        "crisis rate after an informed decision",
        Study(
            "e.g. community service instead of a fine for a father in debt counselling (7.2); size is an assumption",
        ),
    ),
    p(
        "zsm.blind_effect",
        "factor",
        "crisis rate after a blind decision on a complex person",
        Assumption("a decision that cuts across the plan raises the risk"),
    ),
    p(
        "zsm.effect_days",
        "days",
        "how long a decision's effect lasts",
        Assumption("about three months"),
    ),
    p(
        "link.system",
        "bridged | shared | joint",
        "information system between VHH and ZSM",
        Study("Fryslan GCOS and Groningen VIS2 bridged via BVH (5.2.1)"),
    ),
    p(
        "link.read_prob_bridged",
        "probability",
        "ZSM reads VHH advice, bridged systems",
        Study("advice 'sinks away' among BVH mutations (5.2.1); size is an assumption"),
    ),
    p(
        "link.read_prob_shared",
        "probability",
        "ZSM reads VHH advice, one shared system",
        Study("GCOS with agreed advice format (6.1, 6.2); size is an assumption"),
    ),
    p(
        "link.read_prob_joint",
        "probability",
        "ZSM reads VHH advice, joint registration",
        Study("co-location in Rotterdam clearly raised awareness (6.5); size is an assumption"),
    ),
    p(
        "link.contact_person",
        "switch",
        "a fixed contact person at ZSM",
        Study("recommendation 3 (7.3); Hollands Midden appoints chain-process coordinators (6.4)"),
    ),
    p(
        "link.contact_person_gain",
        "share",
        "share of the unread remainder a contact person recovers",
        Assumption("awareness is person-dependent (6.2, 6.7)"),
    ),
    p(
        "link.wijkteam_flag",
        "switch",
        "wijkteams can flag a person for ZSM",
        Study("Midden-Brabant via the service desk in GCOS (6.2)"),
    ),
    p(
        "link.flag_prob",
        "probability",
        "a recognised complex case gets flagged",
        Assumption("half"),
    ),
    p(
        "link.flag_read_prob",
        "probability",
        "ZSM's triage sees a flag",
        Assumption("flags show at arrest"),
    ),
    p(
        "link.feedback_prob",
        "probability",
        "ZSM reports its decision on a VHH case",
        Study("no feedback in Noord-Nederland, 'one-way traffic' (5.2.2)"),
    ),
    p(
        "link.feedback_delay_hours",
        "hours",
        "delay of that feedback",
        Study("'easily pushed a day' under workload (6.1)"),
    ),
];

fn matches(pattern: &str, key: &str) -> bool {
    let mut ps = pattern.split('.');
    let mut ks = key.split('.');
    loop {
        match (ps.next(), ks.next()) {
            (None, None) => return true,
            (Some(p), Some(k)) if p == "*" || p == k => continue,
            _ => return false,
        }
    }
}

/// The register entry of a dotted key, if any.
pub fn lookup(key: &str) -> Option<&'static Param> {
    PARAMS
        .iter()
        .find(|p| p.key == key)
        .or_else(|| PARAMS.iter().find(|p| matches(p.key, key)))
}

/// What the assumptions register says of one key.
#[derive(Debug, Clone, PartialEq)]
pub struct Described {
    /// Unit.
    pub unit: &'static str,
    /// Source tag: `study §5.1`, `public`, `calibrated`, `assumption`, `run control`.
    pub tag: String,
    /// Reference or reasoning.
    pub note: String,
    /// Where the value was set: file and line, `--set ...`, or `built-in default`.
    pub set_in: String,
}

/// Split a scenario-file comment like "[study §5.1] 9 teams" into ("study §5.1", "9 teams").
fn tagged(comment: &str) -> Option<(String, String)> {
    let rest = comment.strip_prefix('[')?;
    let (tag, note) = rest.split_once(']')?;
    Some((tag.trim().to_string(), note.trim().to_string()))
}

/// Describe `key`: the scenario file's own `[tag] reason` comment on the line that set it
/// when there is one (the register's reasoning fills an empty reason), else the register.
pub fn describe(key: &str, provenance: &super::Provenance) -> Described {
    let reg = lookup(key);
    let at = provenance.find(key);
    // The line's own comment, else that of the table header above it in the same file.
    let from_file = at.and_then(|at| {
        let mut probe = key.to_string();
        let mut comment = at.comment.as_deref().and_then(tagged);
        while comment.is_none() {
            probe.truncate(probe.rfind('.')?);
            comment = provenance
                .exact(&probe)
                .filter(|p| p.origin == at.origin)
                .and_then(|p| p.comment.as_deref())
                .and_then(tagged);
        }
        comment
    });
    let (tag, note) = match (from_file, reg) {
        (Some((t, n)), Some(p)) if n.is_empty() => (t, p.source.note().to_string()),
        (Some((t, n)), _) => (t, n),
        (None, Some(p)) => (p.source.kind().to_string(), p.source.note().to_string()),
        (None, None) => ("unregistered".into(), String::new()),
    };
    let set_in = match at {
        Some(a) => match a.line {
            Some(l) => format!("{}, line {l}", a.origin),
            None => a.origin.clone(),
        },
        None => "built-in default".into(),
    };
    Described {
        unit: reg.map_or("", |p| p.unit),
        tag,
        note,
        set_in,
    }
}

/// Every leaf key of a scenario (distribution tables count as one leaf), with its value.
pub fn leaves(value: &toml::Value) -> Vec<(String, toml::Value)> {
    fn walk(prefix: &str, v: &toml::Value, out: &mut Vec<(String, toml::Value)>) {
        match v {
            toml::Value::Table(t) if !t.contains_key("dist") => {
                for (k, v) in t {
                    let key = if prefix.is_empty() {
                        k.clone()
                    } else {
                        format!("{prefix}.{k}")
                    };
                    walk(&key, v, out);
                }
            }
            _ => out.push((prefix.to_string(), v.clone())),
        }
    }
    let mut out = Vec::new();
    walk("", value, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_scenario_key_is_registered() {
        let value = toml::Value::try_from(crate::scenario::Scenario::default()).unwrap();
        let missing: Vec<String> = leaves(&value)
            .into_iter()
            .map(|(k, _)| k)
            .filter(|k| lookup(k).is_none())
            .collect();
        assert!(missing.is_empty(), "unregistered keys: {missing:?}");
    }

    #[test]
    fn every_registered_key_exists() {
        let value = toml::Value::try_from(crate::scenario::Scenario::default()).unwrap();
        let keys: Vec<String> = leaves(&value).into_iter().map(|(k, _)| k).collect();
        for p in PARAMS {
            if p.key == "extends" {
                continue;
            }
            assert!(
                keys.iter().any(|k| matches(p.key, k)),
                "registered key {} is not in the schema",
                p.key
            );
        }
    }
}
