//! The registry and the rule documents agree: every rule has its document with the required
//! headings and front matter, every document has its rule, codes are sorted and unique, and every
//! rule has fixtures that trigger it and that must not.

use crate::common;

use vpclint::rules::ALL;

#[test]
fn codes_sorted_unique_and_names_kebab() {
    let codes: Vec<&str> = ALL.iter().map(|r| r.code).collect();
    let mut sorted = codes.clone();
    sorted.sort_by_key(|c| {
        let digits = c.trim_start_matches(|ch: char| ch.is_ascii_alphabetic());
        (c[..c.len() - digits.len()].to_owned(), digits.to_owned())
    });
    sorted.dedup();
    assert_eq!(codes, sorted, "ALL is sorted by code and codes are unique");
    let mut names: Vec<&str> = ALL.iter().map(|r| r.name).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), ALL.len());
    for r in ALL {
        assert!(
            r.name.starts_with(|c: char| c.is_ascii_lowercase())
                && r.name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "{}",
            r.name
        );
    }
}

/// `rules/CODE-name.md` and the README's rule index are generated from the rules' declarations.
fn generated(path: &std::path::Path, expected: &str) {
    common::generated(path, expected, "rule_docs");
}

#[test]
fn every_rule_has_its_document_and_back() {
    let dir = common::root().join("rules");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut expected: Vec<String> = ALL
        .iter()
        .map(|r| format!("{}-{}.md", r.code, r.name))
        .collect();
    expected.sort();
    assert_eq!(
        files, expected,
        "one document per rule, none for a rule that is gone"
    );
    for r in ALL {
        generated(
            &dir.join(format!("{}-{}.md", r.code, r.name)),
            &r.document(),
        );
        assert!(!r.summary().is_empty());
        let body = r.body();
        let mut at = 0;
        for heading in [
            "## What it does",
            "## Why is this bad?",
            "## Example",
            "## References",
        ] {
            let i = body[at..]
                .find(heading)
                .unwrap_or_else(|| panic!("{}: missing {heading} (in order)", r.code));
            at += i;
        }
    }
}

#[test]
fn every_rule_has_trigger_and_clean_fixtures() {
    for r in ALL {
        let dir = common::root().join("testdata/rules").join(r.code);
        let names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap_or_else(|_| panic!("{} has no fixtures", r.code))
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            names.iter().any(|n| n.starts_with("fail_")),
            "{}: no fail_ fixture",
            r.code
        );
        assert!(
            names.iter().any(|n| n.starts_with("pass_")),
            "{}: no pass_ fixture",
            r.code
        );
    }
}

#[test]
fn readme_rule_index_is_generated() {
    const BEGIN: &str = "<!-- rules: generated from the rule declarations -->\n";
    const END: &str = "<!-- rules: end -->\n";
    let path = common::root().join("README.md");
    let _readme = common::README.lock().unwrap_or_else(|e| e.into_inner());
    let readme = std::fs::read_to_string(&path).unwrap();
    let (head, rest) = readme
        .split_once(BEGIN)
        .expect("README marks its rule index");
    let (_, tail) = rest.split_once(END).expect("README ends its rule index");
    let mut index = String::from(
        "| code | name | default severity | category | what it finds |\n|---|---|---|---|---|\n",
    );
    for r in ALL {
        index.push_str(&format!(
            "| `{}` | `{}` | {} | {} | {} |\n",
            r.code,
            r.name,
            r.severity,
            r.category.as_str(),
            r.summary()
        ));
    }
    generated(&path, &format!("{head}{BEGIN}{index}{END}{tail}"));
}
