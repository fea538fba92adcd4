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

/// Say serde's type names in the user's words.
fn plain_types(message: &str) -> String {
    let mut m = message.to_string();
    for (rust, plain) in [
        ("expected u32", "expected a whole number >= 0"),
        ("expected u64", "expected a whole number >= 0"),
        ("expected f64", "expected a number"),
        ("expected a boolean", "expected true or false"),
    ] {
        m = m.replace(rust, plain);
    }
    if let Some(i) = m.find("expected struct ") {
        m.truncate(i);
        m.push_str("expected a table of keys");
    }
    m
}
