//! Parser and serde errors in the user's words: the key, what is allowed, and a likely typo.

use crate::both;
use crate::lang::{Lang, Text};

/// From serde's "x`, expected one of `a`, `b`": the name `x` and the allowed names.
fn quoted(rest: &str) -> (&str, Vec<&str>) {
    let name = rest.split('`').next().unwrap_or_default();
    let allowed = rest
        .split('`')
        .skip(1)
        .enumerate()
        .filter(|(i, _)| i % 2 == 1)
        .map(|(_, s)| s)
        .collect();
    (name, allowed)
}

/// The allowed name closest to a misspelt one, if it is close enough to be a likely typo.
fn nearest<'a>(name: &str, allowed: &[&'a str]) -> Option<&'a str> {
    let (d, best) = allowed
        .iter()
        .map(|a| (strsim::damerau_levenshtein(name, a), *a))
        .min()?;
    (d <= (name.len() / 3).max(1) || best.contains(name) || name.contains(best)).then_some(best)
}

/// Keys of avesim 0.1 that were renamed or removed in 0.2, and what replaced them (English,
/// Dutch).
const RENAMED: &[(&str, &str, &str)] = &[
    (
        "triage",
        "[triage] is now [criteria] (avesim 0.2): criteria.preset = \"ave\" | \"informal\" | \"crisis_only\", and adherence, recognition_per_year and over_the_fence_per_year keep their names under [criteria]; stagnation is now stalled cooperation (docs/model.md)",
        "[triage] heet nu [criteria] (avesim 0.2): criteria.preset = \"ave\" | \"informal\" | \"crisis_only\", en adherence, recognition_per_year en over_the_fence_per_year houden hun naam onder [criteria]; stagnatie is nu stagnerende samenwerking (docs/model.md)",
    ),
    (
        "triage.criteria",
        "is now criteria.preset (avesim 0.2)",
        "heet nu criteria.preset (avesim 0.2)",
    ),
    (
        "triage.recognition_per_year",
        "is now criteria.recognition_per_year (avesim 0.2)",
        "heet nu criteria.recognition_per_year (avesim 0.2)",
    ),
    (
        "triage.informal_recognition_factor",
        "is gone (avesim 0.2): set criteria.recognition_per_year itself (preset informal: 0.6 a year)",
        "is vervallen (avesim 0.2): zet criteria.recognition_per_year zelf (preset informal: 0.6 per jaar)",
    ),
    (
        "triage.adherence",
        "is now criteria.adherence (avesim 0.2)",
        "heet nu criteria.adherence (avesim 0.2)",
    ),
    (
        "triage.over_the_fence_per_year",
        "is now criteria.over_the_fence_per_year (avesim 0.2)",
        "heet nu criteria.over_the_fence_per_year (avesim 0.2)",
    ),
    (
        "triage.review_interval_days",
        "is gone (avesim 0.2): stagnation is stalled cooperation, noticed by the worker (criteria.self_notice_per_year) or the teamleider at the daily briefing (criteria.briefing_notice)",
        "is vervallen (avesim 0.2): stagnatie is stagnerende samenwerking, opgemerkt door de medewerker (criteria.self_notice_per_year) of de teamleider bij de dagstart (criteria.briefing_notice)",
    ),
    (
        "triage.stagnation_days",
        "is gone (avesim 0.2): stagnation is stalled cooperation (dynamics.*.stall_per_year), not time spent",
        "is vervallen (avesim 0.2): stagnatie is stagnerende samenwerking (dynamics.*.stall_per_year), geen verstreken tijd",
    ),
    (
        "triage.stagnation_adherence",
        "is gone (avesim 0.2): see criteria.briefing_notice and criteria.self_notice_per_year",
        "is vervallen (avesim 0.2): zie criteria.briefing_notice en criteria.self_notice_per_year",
    ),
    (
        "crisis",
        "[crisis] is now [ave4] (avesim 0.2): an acute incident reaches AVE 4 only with a threat of public unrest (ave4.unrest_share)",
        "[crisis] heet nu [ave4] (avesim 0.2): een acuut incident bereikt AVE 4 alleen bij dreiging van maatschappelijke onrust (ave4.unrest_share)",
    ),
    (
        "crisis.handling_days",
        "is now ave4.handling_days (avesim 0.2)",
        "heet nu ave4.handling_days (avesim 0.2)",
    ),
    (
        "advice.desks",
        "is gone (avesim 0.2): consults take coordinator hours from the VHH's one budget (vhh.coordinators x vhh.hours_per_week, advice.consult_hours)",
        "is vervallen (avesim 0.2): consulten kosten uren van de coördinatoren uit het ene budget van het Veiligheidshuis (vhh.coordinators x vhh.hours_per_week, advice.consult_hours)",
    ),
    (
        "advice.hours",
        "is gone (avesim 0.2): consults are held by the VHH's coordinators in its office hours (vhh.hours)",
        "is vervallen (avesim 0.2): de coördinatoren van het Veiligheidshuis houden consulten binnen de openingstijden (vhh.hours)",
    ),
    (
        "advice.service_hours",
        "is now advice.consult_hours (avesim 0.2)",
        "heet nu advice.consult_hours (avesim 0.2)",
    ),
    (
        "advice.recognition_factor",
        "is gone (avesim 0.2): teams learn from consults (advice.learning_per_consult, advice.learning_max)",
        "is vervallen (avesim 0.2): teams leren van consulten (advice.learning_per_consult, advice.learning_max)",
    ),
    (
        "advice.resolve_prob",
        "is gone (avesim 0.2): advice.upscale_share is the share of consults that conclude opschaling",
        "is vervallen (avesim 0.2): advice.upscale_share is het aandeel consulten dat tot opschaling besluit",
    ),
    (
        "advice.resolved_crisis_factor",
        "is now advice.settled_incident_factor (avesim 0.2)",
        "heet nu advice.settled_incident_factor (avesim 0.2)",
    ),
    (
        "advice.unneeded_reduction",
        "is now advice.fence_keep_share (avesim 0.2)",
        "heet nu advice.fence_keep_share (avesim 0.2)",
    ),
    (
        "vhh.external_to_wijk_share",
        "is gone: vhh.local_share (direct cases that live in this municipality) and vhh.back_to_wijk_share (of those, the share that goes to a wijkteam)",
        "is vervallen: vhh.local_share (rechtstreekse zaken uit deze gemeente) en vhh.back_to_wijk_share (daarvan het aandeel dat naar een wijkteam gaat)",
    ),
    (
        "vhh.cases_per_coordinator",
        "is gone (avesim 0.2): the VHH has one budget of hours (vhh.hours_per_week per coordinator, vhh.procesregie_hours_per_week per case)",
        "is vervallen (avesim 0.2): het Veiligheidshuis heeft één budget aan uren (vhh.hours_per_week per coördinator, vhh.procesregie_hours_per_week per casus)",
    ),
];

/// What replaced an avesim 0.1 key, if it was renamed or removed.
pub(crate) fn renamed(key: &str) -> Option<Text> {
    if let Some((_, en, nl)) = RENAMED.iter().find(|(old, _, _)| *old == key) {
        return Some(Text::new(*en, *nl));
    }
    let (section, field) = key.rsplit_once('.')?;
    if section == "dynamics.simple" || section == "dynamics.complex" {
        if let Some(state) = field.strip_prefix("crisis_") {
            let state = if state == "escalated" { "ave3" } else { state };
            return Some(both!(
                "is now {section}.incident_{state} (avesim 0.2): acute safety incidents; AVE 4 only with a threat of public unrest (ave4.unrest_share)",
                "heet nu {section}.incident_{state} (avesim 0.2): acute veiligheidsincidenten; AVE 4 alleen bij dreiging van maatschappelijke onrust (ave4.unrest_share)"
            ));
        }
        if field == "resolution_escalated" {
            return Some(both!(
                "is now {section}.resolution_ave3 (avesim 0.2)",
                "heet nu {section}.resolution_ave3 (avesim 0.2)"
            ));
        }
    }
    None
}

/// Turn a serde error at `path` into a user-facing message with a suggestion.
pub(crate) fn explain(message: &str, path: &str) -> (String, Text) {
    // serde: "unknown field `x`, expected one of `a`, `b`" / "expected `a` or `b`"
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (name, allowed) = quoted(rest);
        let parent = path
            .strip_suffix(name)
            .unwrap_or(path)
            .trim_end_matches('.')
            .to_string();
        let key = if parent.is_empty() {
            name.to_string()
        } else {
            format!("{parent}.{name}")
        };
        if let Some(why) = renamed(&key) {
            return (key, why);
        }
        let mut msg = Text::new("unknown key", "onbekende sleutel");
        if let Some(best) = nearest(name, &allowed) {
            msg.en.push_str(&format!("; did you mean `{best}`?"));
            msg.nl.push_str(&format!("; bedoelt u `{best}`?"));
        }
        if !allowed.is_empty() {
            let allowed = allowed.join(", ");
            msg.en.push_str(&format!(" (allowed here: {allowed})"));
            msg.nl.push_str(&format!(" (hier toegestaan: {allowed})"));
        }
        return (key, msg);
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let (name, allowed) = quoted(rest);
        let best = nearest(name, &allowed);
        let hint_en = best.map_or(String::new(), |b| format!("; did you mean `{b}`?"));
        let hint_nl = best.map_or(String::new(), |b| format!("; bedoelt u `{b}`?"));
        let allowed = allowed.join(", ");
        return (
            path.to_string(),
            both!(
                "`{name}` is not allowed{hint_en} (allowed: {allowed})",
                "`{name}` is niet toegestaan{hint_nl} (toegestaan: {allowed})"
            ),
        );
    }
    (path.to_string(), plain_types(message))
}

/// Say serde's type complaints in the user's words: "expected a whole number >= 0, got
/// 1e308", with a hint where the mistake is a common one (quotes around a number, a decimal
/// comma).
pub(crate) fn plain_types(message: &str) -> Text {
    Text::new(plain_in(message, Lang::En), plain_in(message, Lang::Nl))
}

fn plain_in(message: &str, lang: Lang) -> String {
    let mut m = message.to_string();
    for (rust, en, nl) in [
        (
            "expected u32",
            "expected a whole number >= 0",
            "verwacht een geheel getal >= 0",
        ),
        (
            "expected u64",
            "expected a whole number >= 0",
            "verwacht een geheel getal >= 0",
        ),
        ("expected f64", "expected a number", "verwacht een getal"),
        (
            "expected a boolean",
            "expected true or false",
            "verwacht true of false",
        ),
        (
            "expected a sequence",
            "expected a list in brackets, e.g. [1, 2]",
            "verwacht een lijst tussen haken, bijvoorbeeld [1, 2]",
        ),
        (
            "expected a string",
            "expected text in quotes",
            "verwacht tekst tussen aanhalingstekens",
        ),
    ] {
        m = m.replace(rust, lang.pick(en, nl));
    }
    let expected = lang.pick("expected ", "verwacht ");
    if let Some(i) = m.find("expected struct ") {
        m.truncate(i);
        m.push_str(lang.pick(
            "expected a table of keys",
            "verwacht een tabel met sleutels",
        ));
    }
    // serde: "invalid type: <what>, expected <wanted>" -> "expected <wanted>, got <what>".
    for prefix in ["invalid type: ", "invalid value: "] {
        let Some(rest) = m.strip_prefix(prefix) else {
            continue;
        };
        let split = rest
            .split_once(", expected ")
            .or_else(|| rest.split_once(", verwacht "));
        if let Some((got, wanted)) = split {
            let (got, hint) = describe_got(got, wanted, lang);
            return format!(
                "{expected}{wanted}, {} {got}{hint}",
                lang.pick("got", "gegeven")
            );
        }
    }
    m
}

/// What the user gave, in plain words, and a hint for a likely slip.
fn describe_got(got: &str, wanted: &str, lang: Lang) -> (String, String) {
    let number_wanted = wanted.contains("number") || wanted.contains("getal");
    if let Some(text) = got
        .strip_prefix("string \"")
        .and_then(|t| t.strip_suffix('"'))
    {
        let hint = if number_wanted && text.trim().parse::<f64>().is_ok() {
            lang.pick(
                " (write the number without quotes)",
                " (schrijf het getal zonder aanhalingstekens)",
            )
            .to_string()
        } else if number_wanted && decimal_comma(text) {
            let point = text.replace(',', ".");
            lang.pick(
                format!(" (write {point} with a decimal point)"),
                format!(" (schrijf {point} met een decimale punt)"),
            )
        } else if number_wanted && text.eq_ignore_ascii_case("nan") {
            lang.pick(
                " (a value must be a number)",
                " (een waarde moet een getal zijn)",
            )
            .to_string()
        } else {
            String::new()
        };
        let text = lang.pick(
            format!("the text \"{text}\""),
            format!("de tekst \"{text}\""),
        );
        return (text, hint);
    }
    for (serde, plain) in [
        ("floating point `", lang.pick("the number ", "het getal ")),
        ("integer `", lang.pick("the number ", "het getal ")),
        ("boolean `", ""),
    ] {
        if let Some(v) = got.strip_prefix(serde).and_then(|v| v.strip_suffix('`')) {
            let whole = wanted.contains("whole number") || wanted.contains("geheel getal");
            let hint = if whole && serde == "floating point `" {
                lang.pick(
                    " (a whole number has no decimals)",
                    " (een geheel getal heeft geen decimalen)",
                )
            } else {
                ""
            };
            return (format!("{plain}{v}"), hint.to_string());
        }
    }
    (got.to_string(), String::new())
}

/// "0,8": a number written with a decimal comma.
pub(crate) fn decimal_comma(text: &str) -> bool {
    let t = text.trim();
    t.split_once(',').is_some_and(|(a, b)| {
        !a.is_empty()
            && !b.is_empty()
            && a.trim_start_matches('-')
                .bytes()
                .all(|c| c.is_ascii_digit())
            && b.bytes().all(|c| c.is_ascii_digit())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_complaints_read_as_plain_words_with_a_hint() {
        assert_eq!(
            plain_types("invalid type: floating point `1e308`, expected u32").en,
            "expected a whole number >= 0, got the number 1e308 (a whole number has no decimals)"
        );
        assert_eq!(
            plain_types("invalid type: string \"0.8\", expected f64").en,
            "expected a number, got the text \"0.8\" (write the number without quotes)"
        );
        assert_eq!(
            plain_types("invalid type: string \"0,8\", expected f64").en,
            "expected a number, got the text \"0,8\" (write 0.8 with a decimal point)"
        );
        assert_eq!(
            plain_types("invalid type: string \"0,8\", expected f64").nl,
            "verwacht een getal, gegeven de tekst \"0,8\" (schrijf 0.8 met een decimale punt)"
        );
        assert!(decimal_comma("12,5") && !decimal_comma("a,b") && !decimal_comma("1,"));
    }
}
