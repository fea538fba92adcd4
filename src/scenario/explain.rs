//! Parser and serde errors in the user's words: the key, what is allowed, and a likely typo.

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

/// Turn a serde error at `path` into a user-facing message with a suggestion.
pub(crate) fn explain(message: &str, path: &str) -> (String, String) {
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
        let mut msg = "unknown key".to_string();
        if let Some(best) = nearest(name, &allowed) {
            msg.push_str(&format!("; did you mean `{best}`?"));
        }
        if !allowed.is_empty() {
            msg.push_str(&format!(" (allowed here: {})", allowed.join(", ")));
        }
        return (key, msg);
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let (name, allowed) = quoted(rest);
        let hint = nearest(name, &allowed)
            .map_or(String::new(), |best| format!("; did you mean `{best}`?"));
        return (
            path.to_string(),
            format!(
                "`{name}` is not allowed{hint} (allowed: {})",
                allowed.join(", ")
            ),
        );
    }
    (path.to_string(), plain_types(message))
}

/// Say serde's type complaints in the user's words: "expected a whole number >= 0, got
/// 1e308", with a hint where the mistake is a common one (quotes around a number, a decimal
/// comma).
pub(crate) fn plain_types(message: &str) -> String {
    let mut m = message.to_string();
    for (rust, plain) in [
        ("expected u32", "expected a whole number >= 0"),
        ("expected u64", "expected a whole number >= 0"),
        ("expected f64", "expected a number"),
        ("expected a boolean", "expected true or false"),
        (
            "expected a sequence",
            "expected a list in brackets, e.g. [1, 2]",
        ),
        ("expected a string", "expected text in quotes"),
    ] {
        m = m.replace(rust, plain);
    }
    if let Some(i) = m.find("expected struct ") {
        m.truncate(i);
        m.push_str("expected a table of keys");
    }
    // serde: "invalid type: <what>, expected <wanted>" -> "expected <wanted>, got <what>".
    if let Some(rest) = m.strip_prefix("invalid type: ")
        && let Some((got, wanted)) = rest.split_once(", expected ")
    {
        let (got, hint) = describe_got(got, wanted);
        return format!("expected {wanted}, got {got}{hint}");
    }
    if let Some(rest) = m.strip_prefix("invalid value: ")
        && let Some((got, wanted)) = rest.split_once(", expected ")
    {
        let (got, hint) = describe_got(got, wanted);
        return format!("expected {wanted}, got {got}{hint}");
    }
    m
}

/// What the user gave, in plain words, and a hint for a likely slip.
fn describe_got(got: &str, wanted: &str) -> (String, String) {
    let number_wanted = wanted.contains("number");
    if let Some(text) = got
        .strip_prefix("string \"")
        .and_then(|t| t.strip_suffix('"'))
    {
        let hint = if number_wanted && text.trim().parse::<f64>().is_ok() {
            " (write the number without quotes)".to_string()
        } else if number_wanted && decimal_comma(text) {
            format!(" (write {} with a decimal point)", text.replace(',', "."))
        } else if number_wanted && text.eq_ignore_ascii_case("nan") {
            " (a value must be a number)".to_string()
        } else {
            String::new()
        };
        return (format!("the text \"{text}\""), hint);
    }
    for (serde, plain) in [
        ("floating point `", "the number "),
        ("integer `", "the number "),
        ("boolean `", ""),
    ] {
        if let Some(v) = got.strip_prefix(serde).and_then(|v| v.strip_suffix('`')) {
            let hint = if wanted.contains("whole number") && serde == "floating point `" {
                " (a whole number has no decimals)"
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
            plain_types("invalid type: floating point `1e308`, expected u32"),
            "expected a whole number >= 0, got the number 1e308 (a whole number has no decimals)"
        );
        assert_eq!(
            plain_types("invalid type: string \"0.8\", expected f64"),
            "expected a number, got the text \"0.8\" (write the number without quotes)"
        );
        assert_eq!(
            plain_types("invalid type: string \"0,8\", expected f64"),
            "expected a number, got the text \"0,8\" (write 0.8 with a decimal point)"
        );
        assert!(decimal_comma("12,5") && !decimal_comma("a,b") && !decimal_comma("1,"));
    }
}
