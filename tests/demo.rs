//! Acceptance of the demo site `content/`: every resident finds representatives at all
//! five levels on their village or community page.

mod common;

use common::{AS_OF, build, demo, sel, text};

const LEVELS: [&str; 5] = ["national", "provincial", "city", "county", "township"];

#[test]
fn every_demo_village_and_community_lists_representatives_at_all_five_levels() {
    let site = build(&demo(), AS_OF);
    let mut places = 0;
    let mut lacking = Vec::new();
    for rel in common::html_files(&site.out) {
        let Some(id) = rel
            .strip_prefix("areas/")
            .and_then(|r| r.strip_suffix("/index.html"))
        else {
            continue;
        };
        let page = site.page(&rel);
        // The kind is the first word of the area page's meta line: 村 or 社区.
        let kind = page
            .select(&sel("main p.meta"))
            .next()
            .map(text)
            .unwrap_or_default();
        let kind = kind.split(" · ").next().unwrap_or("").to_owned();
        if kind != "村" && kind != "社区" {
            continue;
        }
        places += 1;
        let name = page.select(&sel("h1")).next().map(text).unwrap_or_default();
        let reps = page
            .select(&sel(r#"section[aria-labelledby="reps-h"]"#))
            .next();
        let missing: Vec<&str> = LEVELS
            .iter()
            .copied()
            .filter(|level| {
                let heading = format!(r#"h3[id="level-{level}"]"#);
                let card = format!(r#"section[aria-labelledby="level-{level}"] a.card-title"#);
                !reps.is_some_and(|r| {
                    r.select(&sel(&heading)).next().is_some()
                        && r.select(&sel(&card)).next().is_some()
                })
            })
            .collect();
        if !missing.is_empty() {
            lacking.push(format!("{id} ({name}): no {}", missing.join(", ")));
        }
    }
    assert!(places >= 20, "only {places} villages and communities found");
    assert!(
        lacking.is_empty(),
        "{} of {places} villages and communities lack levels:\n{}",
        lacking.len(),
        lacking.join("\n")
    );
}
