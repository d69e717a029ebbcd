//! Replays every committed input of every target once, on the stable toolchain: the seeds
//! (`seeds/TARGET/`), the minimised crashes that became regression cases (`regressions/TARGET/`),
//! and, when present, the corpus a local fuzzing run grew (`corpus/TARGET/`, not committed).
//!
//! `cargo test --manifest-path tests/fuzz/Cargo.toml --no-default-features`; `FUZZ_TARGET=span`
//! replays one target only.

use std::path::{Path, PathBuf};

fn inputs(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    out.sort();
    out
}

#[test]
fn every_input_of_every_target() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let only = std::env::var("FUZZ_TARGET").ok();
    let mut ran = 0;
    for (name, _) in vpclint_fuzz::TARGETS {
        if only.as_deref().is_some_and(|o| o != *name) {
            continue;
        }
        let seeds = inputs(&root.join("seeds").join(name));
        assert!(!seeds.is_empty(), "target `{name}` has no seeds");
        for kind in ["seeds", "regressions", "corpus"] {
            for file in inputs(&root.join(kind).join(name)) {
                let data = std::fs::read(&file).unwrap();
                let outcome = std::panic::catch_unwind(|| vpclint_fuzz::run(name, &data));
                assert!(outcome.is_ok(), "`{name}` fails on {}", file.display());
                ran += 1;
            }
        }
    }
    assert!(ran > 0);
    eprintln!("replayed {ran} inputs");
}
