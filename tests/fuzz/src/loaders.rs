//! The loader targets: bytes as one input file (an AWS CLI export, a Terraform plan, an Aiven
//! output), or as the files of one Aiven service's folder, through the whole check in memory.

use std::path::PathBuf;
use std::sync::Arc;

use vpclint::config::{self, Overrides, Settings};
use vpclint::source::{self, Document, Exclude};

use crate::invariants::{self, Files};

/// The settings of a run without `vpclint.toml` (every rule).
pub fn default_settings() -> &'static Settings {
    static CELL: std::sync::OnceLock<Settings> = std::sync::OnceLock::new();
    CELL.get_or_init(|| {
        config::settings(None, &Overrides::default()).expect("the default settings are valid")
    })
}

/// Names a real export gives its files: the loader recognises content, but the path gives the
/// account and region, and tells an Aiven service's folder.
const NAMES: &[&str] = &[
    "123456789012/eu-west-1/describe-vpcs.json",
    "123456789012/eu-west-1/describe-vpc-endpoints.json",
    "123456789012/us-east-1/describe-security-groups.json",
    "210987654321/eu-west-1/vpce-svc-0123456789abcdef0/describe-vpc-endpoint-service-permissions.json",
    "export/describe-subnets.json",
    "plan.json",
    "aiven/my-kafka/service.json",
    "123456789012/route53/Z0123456789ABCDEFGHIJ/list-resource-record-sets.json",
    "123456789012/eu-west-1/tgw-rtb-0a1b2c3d4e5f60001/search-transit-gateway-routes.json",
];

/// Checks `documents` (path, text) in memory twice: same JSON bytes both times, and every
/// invariant of [`invariants::report`]. Documents that are not UTF-8 are written to a temporary
/// folder and read as files.
pub fn check_documents(documents: &[(String, Vec<u8>)]) {
    let mut files = Files::default();
    let mut docs = Vec::new();
    let mut paths = Vec::new();
    let dir = crate::TempDir::new();
    for (name, bytes) in documents {
        match String::from_utf8(bytes.clone()) {
            Ok(text) => {
                files.add(name, text.clone());
                docs.push(Document {
                    path: PathBuf::from(name),
                    text: Arc::new(text),
                });
            }
            Err(_) => {
                let path = dir.write(name, bytes);
                files.add(&path, String::from_utf8_lossy(bytes).into_owned());
                paths.push(path);
            }
        }
    }
    let settings = default_settings();
    // The loader alone: every resource's own place is in its file.
    let outcome = source::load_with(&paths, &Exclude::default(), docs.clone());
    if let Ok(loaded) = &outcome.loaded {
        let requests: Vec<_> = loaded
            .estate
            .tagged()
            .iter()
            .map(|t| (t.origin.file, source::target(t.origin)))
            .collect();
        for ((file, target), r) in requests.iter().zip(loaded.sources.resolve(&requests)) {
            let path = loaded.sources.path(*file);
            let Some(text) = files.text(path) else {
                continue;
            };
            let Some(r) = r else {
                panic!(
                    "a resource's origin `{}` does not resolve in {}",
                    target.pointer,
                    path.display()
                );
            };
            invariants::span_in(text, r.span, "resource origin");
            invariants::position_in(text, &r.position, "resource origin");
        }
    }
    let first = vpclint::check_with(&paths, docs.clone(), settings);
    let json = invariants::report(&first, &files);
    let second = vpclint::check_with(&paths, docs, settings);
    let again = vpclint::report::render_json(&second);
    assert!(
        json == again,
        "the same input gave two different reports:\n{json}\n---\n{again}"
    );
}

/// One file of any kind, named like a file of a real export (the first byte picks the name).
pub fn export(data: &[u8]) {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let name = NAMES[usize::from(pick) % NAMES.len()];
    check_documents(&[(name.to_owned(), bytes.to_vec())]);
}

/// A Terraform plan (`terraform show -json`), beside nothing.
pub fn terraform(data: &[u8]) {
    check_documents(&[("plan.json".to_owned(), data.to_vec())]);
}

/// The separator of the files of one input, in the corpora of multi-file targets.
pub const SEPARATOR: &[u8] = b"\n@@@@\n";

/// Splits `data` at [`SEPARATOR`].
pub fn split(data: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut rest = data;
    while let Some(i) = rest.windows(SEPARATOR.len()).position(|w| w == SEPARATOR) {
        out.push(&rest[..i]);
        rest = &rest[i + SEPARATOR.len()..];
    }
    out.push(rest);
    out
}

/// One Aiven service's folder: `avn service get` output, its PrivateLink and its connections
/// (the parts of the input between separators), and a second folder for the rest.
pub fn aiven(data: &[u8]) {
    const FOLDER: &[&str] = &[
        "aiven/my-kafka/service.json",
        "aiven/my-kafka/privatelink.json",
        "aiven/my-kafka/connections.json",
        "aiven/other/service.json",
        "123456789012/eu-west-1/describe-vpc-endpoints.json",
    ];
    let documents: Vec<(String, Vec<u8>)> = split(data)
        .into_iter()
        .zip(FOLDER)
        .map(|(bytes, name)| ((*name).to_owned(), bytes.to_vec()))
        .collect();
    check_documents(&documents);
}
