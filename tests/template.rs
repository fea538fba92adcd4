//! The template for an analyst's own gemeente: it loads, `check` names every value it sets
//! without a source as still to fill in, and a value given a source leaves that list.

use avesim::commands;
use avesim::lang::Lang;
use avesim::output::terminal::check_listing;

fn to_fill_in(listing: &str) -> Vec<String> {
    listing
        .lines()
        .find_map(|l| l.strip_prefix("# Nog in te vullen met een bron"))
        .and_then(|l| l.split_once("reden): "))
        .map(|(_, keys)| keys.split(", ").map(str::to_string).collect())
        .unwrap_or_default()
}

#[test]
fn check_says_which_values_of_the_template_still_need_a_source() {
    let path = std::path::Path::new("scenarios/templates/gemeente.toml");
    let (loaded, source) = commands::load(Some(path), &[], Vec::new()).unwrap();
    let listing = check_listing(Lang::Nl, &loaded, &source);
    let open = to_fill_in(&listing);
    for key in [
        "wijkteam.teams",
        "vhh.coordinators",
        "arrivals.social.per_day",
    ] {
        assert!(
            open.contains(&key.to_string()),
            "{key} not listed: {open:?}"
        );
    }
    assert!(!open.iter().any(|k| k == "name" || k.starts_with("run.")));

    // The same file with a source for the number of wijkteams.
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(path).unwrap().replace(
        "teams = 9                    # aantal sociale wijkteams",
        "teams = 14                   # [P 2024] jaarverslag sociaal domein",
    );
    // Copied where the template says: scenarios/local/, next to the base's folder.
    std::fs::copy("scenarios/base.toml", dir.path().join("base.toml")).unwrap();
    std::fs::create_dir(dir.path().join("local")).unwrap();
    let mine = dir.path().join("local").join("mijn.toml");
    std::fs::write(&mine, text).unwrap();
    let (loaded, source) = commands::load(Some(&mine), &[], Vec::new()).unwrap();
    assert_eq!(loaded.params.wijkteam.teams, 14);
    let open = to_fill_in(&check_listing(Lang::Nl, &loaded, &source));
    assert!(!open.contains(&"wijkteam.teams".to_string()), "{open:?}");
    assert_eq!(open.len(), 12);
}
