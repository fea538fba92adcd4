//! The regions at a glance: one row per region file with what it sets itself (mostly the
//! keys that differ from the shared base; a few repeat the base's value to narrow its range),
//! each with its value and evidence grade. It is generated from the files, so that the table
//! in the README and in docs/regions.md cannot drift from them (a test regenerates it and
//! compares).

use std::fmt::Write as _;
use std::path::Path;

use crate::scenario::{ScenarioError, load_file_traced, register};

/// The markdown table of `files` (region scenario files): region, description, and what the
/// file itself sets, as `key = value [grade]`.
pub fn regions_table(files: &[&Path]) -> Result<String, ScenarioError> {
    let mut s = String::from(
        "| region | in short | evidence from | what the region file sets itself (key = value [evidence]) |\n|---|---|---|---|\n",
    );
    for path in files {
        let loaded = load_file_traced(path, &[])?;
        let own = path.display().to_string();
        let value = toml::Value::try_from(loaded.scenario.resolved())
            .unwrap_or(toml::Value::Table(toml::Table::new()));
        let set: Vec<String> = register::leaves(&value)
            .into_iter()
            .filter(|(key, _)| !matches!(key.as_str(), "name" | "description" | "description_nl"))
            .filter(|(key, _)| {
                loaded
                    .provenance
                    .exact(key)
                    .is_some_and(|at| at.origin == own)
            })
            .map(|(key, v)| {
                let d = register::describe(&key, &loaded.provenance, crate::lang::Lang::En);
                let tag = if d.tag.is_empty() {
                    String::new()
                } else {
                    format!(" [{}]", d.tag)
                };
                format!("`{key} = {v}`{tag}")
            })
            .collect();
        // Who the evidence comes from: the file's `# Evidence:` line.
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let evidence = text
            .lines()
            .take_while(|l| l.starts_with('#'))
            .find_map(|l| l.strip_prefix("# Evidence:"))
            .map_or(String::new(), |e| e.trim().to_string());
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} |",
            loaded.scenario.name,
            loaded.scenario.description.replace('|', "/"),
            evidence.replace('|', "/"),
            if set.is_empty() {
                "nothing: the base as it is".to_string()
            } else {
                set.join("; ").replace('|', "/")
            }
        );
    }
    Ok(s)
}
