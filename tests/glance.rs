//! The regions-at-a-glance table in the README and in docs/regions.md is the one generated
//! from the region files (`output::glance::regions_table`): change a region file and this
//! test fails until the table is regenerated (`AVESIM_BLESS=1 cargo test --release --test
//! glance` writes it into both documents).

use std::path::Path;

const START: &str = "<!-- regions-at-a-glance:start (generated; AVESIM_BLESS=1 cargo test --release --test glance) -->\n";
const END: &str = "<!-- regions-at-a-glance:end -->";

const REGIONS: [&str; 7] = [
    "scenarios/leeuwarden.toml",
    "scenarios/breda.toml",
    "scenarios/midden-brabant.toml",
    "scenarios/groningen.toml",
    "scenarios/hollands-midden.toml",
    "scenarios/rotterdam.toml",
    "scenarios/midden-limburg.toml",
];

#[test]
fn the_regions_table_in_the_docs_is_the_one_the_files_give() {
    let files: Vec<&Path> = REGIONS.iter().map(Path::new).collect();
    let table = avesim::output::glance::regions_table(&files).unwrap();
    assert_eq!(table.lines().count(), 2 + REGIONS.len());
    for doc in ["README.md", "docs/regions.md"] {
        let text = std::fs::read_to_string(doc).unwrap();
        let (Some(a), Some(b)) = (text.find(START), text.find(END)) else {
            panic!("{doc} has no regions-at-a-glance markers");
        };
        let inside = &text[a + START.len()..b];
        if std::env::var_os("AVESIM_BLESS").is_some() {
            let new = format!("{}{START}{table}{}", &text[..a], &text[b..]);
            std::fs::write(doc, new).unwrap();
        } else {
            assert_eq!(
                inside, table,
                "{doc}: the regions table differs from the files; regenerate with AVESIM_BLESS=1"
            );
        }
    }
}
