//! The configuration targets: `vpclint.toml` with the baseline and custom rule it may name, and a
//! custom rule file alone; each run with its settings on a small fixed estate, so that
//! suppressions, baselines, `[[service]]`/`[[clients]]` and custom rules act on findings.

use std::path::{Path, PathBuf};

use vpclint::config::{self, Overrides};
use vpclint::filter::baseline;

use crate::invariants::{self, Files};
use crate::loaders::split;
use crate::TempDir;

/// A small estate: an endpoint export (with a policy) and a tagged file with a suppression tag.
const ESTATE: &[(&str, &str)] = &[
    (
        "estate/describe-vpc-endpoints.json",
        include_str!("../../../testdata/custom-rules/estate/describe-vpc-endpoints.json"),
    ),
    (
        "estate/tagged.json",
        include_str!("../../../testdata/suppress/tagged.json"),
    ),
];

/// Writes the estate and the given files, then loads the settings from `vpclint.toml` and, if
/// they are valid, checks the estate with them twice.
fn run(dir: &TempDir, given: &[(&str, &[u8])]) {
    let mut files = Files::default();
    for (name, bytes) in given {
        let path = dir.write(name, bytes);
        files.add(path, String::from_utf8_lossy(bytes).into_owned());
    }
    for (name, text) in ESTATE {
        let path = dir.write(name, text.as_bytes());
        files.add(path, *text);
    }
    let config_path = dir.path().join("vpclint.toml");
    let settings = match config::settings(Some(&config_path), &Overrides::default()) {
        Ok(s) => s,
        Err(errors) => {
            invariants::errors(&errors, &files);
            return;
        }
    };
    let estate: PathBuf = dir.path().join("estate");
    let first = vpclint::check(std::slice::from_ref(&estate), &settings);
    let json = invariants::report(&first, &files);
    let second = vpclint::check(std::slice::from_ref(&estate), &settings);
    let again = vpclint::report::render_json(&second);
    assert!(
        json == again,
        "the same input gave two different reports:\n{json}\n---\n{again}"
    );
}

/// `vpclint.toml`, then (after separators) `baseline.json` and `policies/rule.json`, which the
/// configuration may name; the baseline is also read on its own.
pub fn config(data: &[u8]) {
    let parts = split(data);
    let names = ["vpclint.toml", "baseline.json", "policies/rule.json"];
    let given: Vec<(&str, &[u8])> = names.iter().copied().zip(parts).collect();
    let dir = TempDir::new();
    run(&dir, &given);
    if let Some((_, bytes)) = given.get(1) {
        let path = dir.path().join("baseline.json");
        let mut files = Files::default();
        files.add(&path, String::from_utf8_lossy(bytes).into_owned());
        if let Err(e) = baseline::read(Path::new(&path)) {
            invariants::errors(&[*e], &files);
        }
    }
}

/// A custom rule file, named by a fixed `vpclint.toml`.
pub fn custom(data: &[u8]) {
    let dir = TempDir::new();
    run(
        &dir,
        &[
            ("vpclint.toml", b"custom-rules = [\"policies/*.json\"]\n"),
            ("policies/rule.json", data),
        ],
    );
}
