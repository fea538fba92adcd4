//! Each region file differs from the shared base only where the study says it does: the keys
//! a region changes (after presets are filled in) are listed here, each with the passage it
//! rests on. A region file that changes another key, or stops changing one, fails this test
//! until the table (and the file's comment) say why.

use std::collections::BTreeSet;
use std::path::Path;

/// Every key of a scenario with its value, after presets are filled in.
fn flat(path: &str) -> Vec<(String, String)> {
    let (s, _) = avesim::scenario::load_file(Path::new(path), &[]).unwrap();
    let v = toml::Value::try_from(s.resolved()).unwrap();
    let mut out = Vec::new();
    walk("", &v, &mut out);
    out
}

fn walk(prefix: &str, v: &toml::Value, out: &mut Vec<(String, String)>) {
    match v {
        toml::Value::Table(t) if !t.contains_key("dist") => {
            for (k, x) in t {
                let key = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                walk(&key, x, out);
            }
        }
        other => out.push((prefix.to_string(), other.to_string())),
    }
}

/// The keys `region` changes from the base (names and descriptions aside).
fn changed(region: &str) -> BTreeSet<String> {
    let base: std::collections::BTreeMap<_, _> = flat("scenarios/base.toml").into_iter().collect();
    flat(region)
        .into_iter()
        .filter(|(k, v)| base.get(k) != Some(v))
        .map(|(k, _)| k)
        .filter(|k| !matches!(k.as_str(), "name" | "description" | "description_nl"))
        .collect()
}

/// Per region, each key it changes from the base and the passage (or grade) it rests on.
/// The criteria keys a preset fills rest on the preset's own line.
const TABLE: [(&str, &[(&str, &str)]); 7] = [
    (
        "leeuwarden",
        &[
            ("advice.enabled", "§5.3.1 l.2990"),
            ("criteria.preset", "§5.3 l.2803 (AVE)"),
            ("criteria.in_use", "preset ave"),
            ("criteria.recognition_per_year", "preset ave"),
            ("criteria.adherence", "preset ave"),
            ("criteria.over_the_fence_per_year", "preset ave"),
            ("criteria.self_notice_per_year", "preset ave"),
            ("criteria.briefing_notice", "preset ave"),
            ("criteria.afschaling_friction", "preset ave"),
            ("governance.vision", "§6.7 l.4174"),
            ("link.call_prob", "§5.2.1 l.2663"),
            ("link.feedback_prob", "§5.2.1 l.2582"),
            ("link.privacy_hesitancy", "C, §5.3.1 l.3071"),
            ("link.rvdk_relay_prob", "§5.2.1 l.2581"),
            ("zsm.hours.close", "§5.1 l.2407"),
        ],
    ),
    (
        "breda",
        &[
            ("governance.chain_commitment", "§6.1 l.3489"),
            ("criteria.recognition_per_year", "§6.1 l.3542"),
            ("criteria.self_notice_per_year", "§6.1 l.3542"),
            ("criteria.over_the_fence_per_year", "§6.1 l.3542"),
            ("link.system", "§6.1 l.3491"),
            ("link.feedback_agreements", "§6.1 l.3502"),
            ("link.feedback_prob", "§6.7 l.4060"),
            ("zsm.referral_prob", "§6.1 l.3523"),
        ],
    ),
    (
        "groningen",
        &[
            ("advice.enabled", "§6.3 l.3823"),
            ("advice.consult_prob", "C, l.3709"),
            ("criteria.over_the_fence_per_year", "§6.3 l.3828"),
            ("zsm.hours.close", "§5.1 l.2407"),
        ],
    ),
    (
        "hollands-midden",
        &[
            ("governance.chain_commitment", "§6.4 l.3778"),
            ("criteria.preset", "§6.4 l.3943"),
            ("criteria.recognition_per_year", "preset crisis_only"),
            ("criteria.adherence", "preset crisis_only"),
            ("criteria.over_the_fence_per_year", "preset crisis_only"),
            ("criteria.self_notice_per_year", "preset crisis_only"),
            ("criteria.briefing_notice", "preset crisis_only"),
            ("ave4.incident_upscale_prob", "C, §6.4 l.3942"),
            ("link.system", "§6.4 l.3777"),
            ("link.privacy_hesitancy", "§6.4 l.3917"),
            ("link.feedback_prob", "§6.4 l.3785"),
        ],
    ),
    (
        "midden-brabant",
        &[
            ("governance.chain_commitment", "§6.1 l.3489"),
            ("criteria.recognition_per_year", "§6.2 l.3717-3718"),
            ("criteria.adherence", "§6.2 l.3712-3713"),
            ("criteria.over_the_fence_per_year", "C, §6.7 l.4212-4214"),
            ("criteria.self_notice_per_year", "§6.2 l.3595-3596"),
            ("criteria.afschaling_friction", "§6.2 l.3603-3604"),
            ("governance.vision", "§6.7 l.4205"),
            ("advice.enabled", "§6.2 l.3598-3600 (servicebureau)"),
            ("advice.consult_prob", "C"),
            ("link.system", "§6.1 l.3492-3493"),
            ("link.feedback_agreements", "§6.7 l.4058-4059"),
            ("link.feedback_prob", "§6.7 l.4060"),
            ("link.call_prob", "§6.2 l.3655-3656"),
            ("link.wijkteam_flag", "§6.2 l.3742-3743"),
            ("link.flag_prob", "C, l.3742, l.4199"),
        ],
    ),
    (
        "midden-limburg",
        &[
            ("governance.chain_commitment", "§6.6 l.3976"),
            ("link.system", "§6.6 l.3976"),
            ("link.advice_fit", "§6.6 l.3979"),
        ],
    ),
    (
        "rotterdam",
        &[
            ("governance.chain_commitment", "§6.5 l.3902"),
            ("link.system", "§6.5 l.3902"),
            ("link.advice_fit", "§6.7 l.4076 (size C)"),
            ("link.contact_person", "§6.7 l.4062"),
            ("link.feedback_prob", "C"),
            ("zsm.referral_prob", "C"),
        ],
    ),
];

#[test]
fn each_region_differs_from_the_base_only_where_the_table_says() {
    for (region, rows) in TABLE {
        let path = format!("scenarios/{region}.toml");
        let expected: BTreeSet<String> = rows.iter().map(|(k, _)| k.to_string()).collect();
        let got = changed(&path);
        assert_eq!(
            got, expected,
            "{region}: the keys the file changes from the base differ from the table (left: file, right: table)"
        );
        // Every key the file sets itself carries its grade on its line.
        let loaded = avesim::scenario::load_file_traced(Path::new(&path), &[]).unwrap();
        for key in &got {
            let at = loaded.provenance.find(key).unwrap();
            if at.origin.contains(region) {
                // A key in a table whose header carries the grade (`[zsm.hours]  # [A ...]`).
                let parent = key.rsplit_once('.').map(|(p, _)| p).unwrap_or("");
                let c = at
                    .comment
                    .as_deref()
                    .or_else(|| {
                        loaded
                            .provenance
                            .find(parent)
                            .and_then(|p| p.comment.as_deref())
                    })
                    .unwrap_or("");
                assert!(
                    c.starts_with("[A §")
                        || c.starts_with("[B §")
                        || c.starts_with("[C")
                        || c.starts_with("[P"),
                    "{region}: `{key}` has no grade on its line: {c:?}"
                );
            }
        }
    }
}

#[test]
fn each_region_file_says_who_its_evidence_comes_from() {
    for (region, _) in TABLE {
        let text = std::fs::read_to_string(format!("scenarios/{region}.toml")).unwrap();
        let head: String = text
            .lines()
            .take_while(|l| l.starts_with('#'))
            .collect::<Vec<_>>()
            .join("\n");
        assert!(
            head.contains("# Evidence:"),
            "{region}: no `# Evidence:` line in the header"
        );
    }
}
