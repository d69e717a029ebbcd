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
            r.name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
            "{}",
            r.name
        );
    }
}

#[test]
fn every_rule_has_its_document_and_back() {
    let mut files: Vec<String> = std::fs::read_dir(common::root().join("rules"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut expected: Vec<String> = ALL
        .iter()
        .map(|r| format!("{}-{}.md", r.code, r.name))
        .collect();
    expected.sort();
    assert_eq!(files, expected);
    for r in ALL {
        let on_disk = std::fs::read_to_string(
            common::root()
                .join("rules")
                .join(format!("{}-{}.md", r.code, r.name)),
        )
        .unwrap();
        assert_eq!(on_disk, r.doc, "{} embeds its own document", r.code);
        assert_eq!(r.front_matter("code"), Some(r.code));
        assert_eq!(r.front_matter("name"), Some(r.name));
        assert_eq!(r.front_matter("severity"), Some(r.severity.as_str()));
        assert_eq!(r.front_matter("category"), Some(r.category.as_str()));
        assert!(!r.summary().is_empty());
        let body = r.body();
        assert!(
            body.starts_with(&format!("# {} ({})\n", r.name, r.code)),
            "{}",
            r.code
        );
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
fn readme_lists_every_rule() {
    let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap();
    for r in ALL {
        assert!(
            readme.contains(&format!("| `{}` | `{}` |", r.code, r.name)),
            "README rule index lacks {}",
            r.code
        );
    }
}

/// A rule that reads the parsed policies, the network or the access analysis must be listed, or it
/// would see them empty (or run before they are built) whenever it runs without the listed rules.
#[test]
fn derived_data_lists_name_every_reader() {
    let mut files = Vec::new();
    let mut dirs = vec![common::root().join("src/rules")];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                dirs.push(p);
            } else {
                files.push(p);
            }
        }
    }
    for (field, list) in [
        ("cx.policies", vpclint::rules::READS_POLICIES),
        ("cx.access", vpclint::rules::READS_ACCESS),
        ("cx.network", vpclint::rules::READS_NETWORK),
    ] {
        let mut readers: Vec<String> = files
            .iter()
            .map(|f| std::fs::read_to_string(f).unwrap())
            .filter(|text| text.contains(field))
            .filter_map(|text| {
                let code = text.split("code: \"").nth(1)?.split('"').next()?;
                Some(code.to_owned())
            })
            .collect();
        readers.sort();
        readers.dedup();
        let mut listed: Vec<String> = list.iter().map(|c| (*c).to_owned()).collect();
        listed.sort();
        assert_eq!(readers, listed, "rules reading {field}");
    }
}
