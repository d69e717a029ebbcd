//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Mutex, OnceLock};

use vpclint::config::Settings;
use vpclint::report::{render_short, Report};

/// The crate root, where `testdata/` lives; tests name inputs relative to it so output paths
/// do not depend on the machine.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the check on `paths` (relative to the crate root) with only `code` enabled, or every
/// rule when `code` is `None`.
pub fn check(paths: &[&str], code: Option<&str>) -> Report {
    std::env::set_current_dir(root()).unwrap();
    let mut settings = Settings::default();
    if let Some(code) = code {
        settings.rules = vec![vpclint::rules::find(code).unwrap()];
    }
    let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
    vpclint::check(&paths, &settings)
}

/// Short lines plus, per finding, its exact span, help and related places: what the snapshots pin.
pub fn render(report: &Report) -> String {
    let mut out = render_short(report);
    for p in &report.findings {
        let f = &p.finding;
        let _ = writeln!(
            out,
            "---\n{} {} on {} `{}`",
            f.rule.code, f.severity, f.resource.kind, f.resource.id
        );
        if let Some(l) = &p.location {
            let _ = writeln!(
                out,
                "  at {}:{}:{}-{}:{} {}  [{}]",
                l.file,
                l.position.line,
                l.position.column,
                l.position.end_line,
                l.position.end_column,
                l.pointer,
                f.label
            );
            // Inside an embedded policy: the inner pointer and the exact raw text located.
            if let (Some(inner), Some((text, span))) = (&l.inner, &p.snippet) {
                let _ = writeln!(
                    out,
                    "  inside {inner:?}: {}",
                    text.get(span.start..span.end).unwrap_or_default()
                );
            }
        }
        let _ = writeln!(
            out,
            "  account {:?} region {:?}",
            f.resource.account, f.resource.region
        );
        let _ = writeln!(out, "  help: {}", p.help);
        for (r, l) in f.related.iter().zip(&p.related) {
            let place = l
                .as_ref()
                .map(|l| format!("{}:{}:{}", l.file, l.position.line, l.position.column))
                .unwrap_or_else(|| "-".into());
            let _ = writeln!(
                out,
                "  related {} `{}` ({}) at {place}",
                r.resource.kind, r.resource.id, r.label
            );
        }
    }
    out
}

/// Runs the real binary in `dir` with `args`. Every `--format sarif` or `--format json` output
/// of the suite goes through here and is validated against its schema.
pub fn vpclint_in(dir: &Path, args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_vpclint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let format = args.windows(2).find(|w| w[0] == "--format").map(|w| w[1]);
    // `check` reports follow the output schema; `reach` has a document of its own.
    if args.first() == Some(&"check") && !args.contains(&"--statistics") {
        match format {
            Some("sarif") => assert_valid_sarif(&stdout(&out)),
            Some("json") => assert_valid_json_output(&stdout(&out)),
            _ => {}
        }
    }
    out
}

fn validator(
    cell: &'static OnceLock<jsonschema::Validator>,
    text: &str,
) -> &'static jsonschema::Validator {
    cell.get_or_init(|| {
        let schema: serde_json::Value = serde_json::from_str(text).unwrap();
        jsonschema::validator_for(&schema).unwrap()
    })
}

fn assert_valid(validator: &jsonschema::Validator, what: &str, text: &str) {
    let value: serde_json::Value =
        serde_json::from_str(text).unwrap_or_else(|e| panic!("{what} is not JSON: {e}\n{text}"));
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .map(|e| format!("{} at {}", e, e.instance_path().as_str()))
        .collect();
    assert!(errors.is_empty(), "{what} does not validate: {errors:#?}");
}

/// Panics unless `text` is SARIF 2.1.0 valid against the official schema
/// (testdata/schemas/sarif-schema-2.1.0.json, a copy of shared/schemas).
pub fn assert_valid_sarif(text: &str) {
    static CELL: OnceLock<jsonschema::Validator> = OnceLock::new();
    let schema = include_str!("../../../testdata/schemas/sarif-schema-2.1.0.json");
    assert_valid(validator(&CELL, schema), "SARIF", text);
}

/// Panics unless `text` validates against the schema `vpclint schema output` prints.
pub fn assert_valid_json_output(text: &str) {
    static CELL: OnceLock<jsonschema::Validator> = OnceLock::new();
    assert_valid(
        validator(&CELL, vpclint::report::OUTPUT_SCHEMA),
        "JSON output",
        text,
    );
}

/// Runs the real binary at the crate root.
pub fn vpclint(args: &[&str]) -> Output {
    vpclint_in(&root(), args)
}

/// Stdout as a string.
pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

/// Stderr as a string.
pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// The `.json` files below `dir`, recursively, sorted.
pub fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(json_files(&p));
        } else if p.extension().is_some_and(|x| x == "json") {
            out.push(p);
        }
    }
    out.sort();
    out
}

/// Checks that the file at `path` is `expected`, the text generated from what it documents;
/// `VPCLINT_BLESS=1 cargo test TEST` writes it anew after a change.
pub fn generated(path: &Path, expected: &str, test: &str) {
    if std::env::var_os("VPCLINT_BLESS").is_some() {
        std::fs::write(path, expected).unwrap();
    }
    let on_disk = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        on_disk == expected,
        "{} is generated and differs from what it is generated from: run \
         `VPCLINT_BLESS=1 cargo test {test}` and commit the result",
        path.display()
    );
}

/// Held while a test reads and regenerates a part of README.md, so that two blessing tests
/// (the rule index, the output samples) do not write over each other's part.
pub static README: Mutex<()> = Mutex::new(());
