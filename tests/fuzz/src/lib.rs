//! The bodies of vpclint's fuzz targets, as plain functions of the input bytes: the libFuzzer
//! targets (`fuzz_targets/`) call them, and the stable replay test (`tests/replay.rs`) runs them
//! on every corpus file and every minimised crash. Each panics when an invariant breaks.

#![allow(missing_docs)]

pub mod config;
pub mod estate;
pub mod invariants;
pub mod loaders;
pub mod policy;
pub mod span;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A target's body.
pub type Body = fn(&[u8]);

/// Every target: its name (as in `fuzz_targets/`, `seeds/` and `dict/`) and its body.
pub const TARGETS: &[(&str, Body)] = &[
    ("export", loaders::export),
    ("terraform", loaders::terraform),
    ("aiven", loaders::aiven),
    ("policy", policy::policy),
    ("span", span::span),
    ("config", config::config),
    ("custom", config::custom),
    ("estate", estate::estate),
];

/// Runs the body of the target `name` on `data`.
pub fn run(name: &str, data: &[u8]) {
    init();
    let (_, body) = TARGETS
        .iter()
        .find(|(n, _)| *n == name)
        .unwrap_or_else(|| panic!("no fuzz target `{name}`"));
    body(data);
}

/// One worker thread for the check's parallel parts: a fuzzer runs as one job on one core.
pub fn init() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build_global();
    });
}

/// A folder of its own under the system's temporary folder, removed when dropped; created on
/// first use.
pub struct TempDir {
    path: PathBuf,
}

impl TempDir {
    /// A new, not yet created, folder.
    #[allow(clippy::new_without_default)]
    pub fn new() -> TempDir {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        TempDir {
            path: std::env::temp_dir().join(format!("vpclint-fuzz-{}-{n}", std::process::id())),
        }
    }

    /// The folder.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes `bytes` at `name` (a relative path) inside the folder; returns the file's path.
    pub fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.path.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("a temporary folder can be created");
        }
        std::fs::write(&path, bytes).expect("a temporary file can be written");
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}
