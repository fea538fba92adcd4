//! Text for people: values shown in messages stay on one line and stay readable, whatever a
//! hostile or mistyped input holds.

/// `s` with control characters escaped (`\n`, `\t`, `\u{1b}`), so a message is one line.
pub fn one_line(s: &str) -> String {
    if !s.chars().any(char::is_control) {
        return s.to_string();
    }
    s.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// `s` with every number written out in more than 15 digits shortened to scientific
/// notation (messages that quote a value the way a parser printed it).
pub fn short_numbers(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        let digits = run.bytes().filter(u8::is_ascii_digit).count();
        match run.parse::<f64>() {
            Ok(v) if digits > 15 => out.push_str(&crate::format::message(v)),
            _ => out.push_str(run),
        }
        run.clear();
    };
    for c in s.chars() {
        if c.is_ascii_digit() || (c == '.' && !run.is_empty()) {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_stay_on_one_line_and_numbers_stay_short() {
        assert_eq!(one_line("a\nb\tc"), "a\\nb\\tc");
        assert_eq!(one_line("plain"), "plain");
        let long = format!(
            "floating point `{}.0`, expected",
            "1".to_string() + &"0".repeat(308)
        );
        assert_eq!(short_numbers(&long), "floating point `1e308`, expected");
        assert_eq!(short_numbers("line 12, got 3.5."), "line 12, got 3.5.");
    }
}
