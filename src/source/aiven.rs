//! Ties Aiven PrivateLink outputs to their service.
//!
//! `avn service privatelink aws get NAME` and `... connection list NAME` print objects that do
//! not name the service NAME. The convention is therefore the folder: a PrivateLink or connection
//! output belongs to the service whose `avn service get NAME --json` output is in the same
//! folder, and that folder must hold exactly one such output (`aiven/my-kafka/service.json`,
//! `aiven/my-kafka/privatelink.json`, `aiven/my-kafka/connections.json`). Anything else is an
//! input error: a silently dropped file would hide exactly the link the user wants checked.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::{target, InputError, InputErrorKind, SourceMap};
use crate::model::{AivenConnection, AivenPrivatelink, Estate, Mergeable, Origin};

/// Aiven data of the run not yet tied to a service, with the folder each was read in.
#[derive(Default)]
pub(super) struct Pending {
    /// Service names by folder.
    pub services: BTreeMap<PathBuf, Vec<String>>,
    /// PrivateLink resources.
    pub privatelinks: Vec<(PathBuf, AivenPrivatelink)>,
    /// Connections.
    pub connections: Vec<(PathBuf, AivenConnection)>,
}

impl Pending {
    /// Takes the Aiven data out of one file's resources.
    pub fn take(&mut self, path: &Path, p: &mut super::Partial) {
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        for s in &p.aiven_services {
            let names = self.services.entry(dir.clone()).or_default();
            if !names.contains(&s.name) {
                names.push(s.name.clone());
            }
        }
        for l in std::mem::take(&mut p.aiven_privatelinks) {
            self.privatelinks.push((dir.clone(), l));
        }
        for c in std::mem::take(&mut p.aiven_connections) {
            self.connections.push((dir.clone(), c));
        }
    }
}

/// Attaches every PrivateLink resource and connection to the service of its folder; returns
/// what could not be attached.
pub(super) fn attach(
    estate: &mut Estate,
    pending: Pending,
    sources: &SourceMap,
) -> Vec<InputError> {
    let mut errors = Vec::new();
    // The service of a folder, or why there is none.
    let service_of = |dir: &Path, what: &str| -> Result<String, String> {
        match pending.services.get(dir).map(Vec::as_slice) {
            Some([one]) => Ok(one.clone()),
            Some(many) if !many.is_empty() => Err(format!(
                    "cannot tell which Aiven service this {what} belongs to: its folder holds the `avn service get` outputs of {}",
                    many.iter()
                        .map(|n| format!("`{n}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
            )),
            _ => Err(format!(
                "cannot tell which Aiven service this {what} belongs to: its folder holds no `avn service get NAME --json` output"
            )),
        }
    };
    for (dir, link) in pending.privatelinks {
        let name = match service_of(&dir, "`avn service privatelink aws get` output") {
            Ok(n) => n,
            Err(message) => {
                errors.push(error(sources, &link.origin, message));
                continue;
            }
        };
        let Some(service) = estate.aiven_services.get_mut(&name) else {
            continue;
        };
        match &service.privatelink {
            None => service.privatelink = Some(link),
            Some(first) if same(first, &link) => {}
            Some(first) => errors.push(error(
                sources,
                &link.origin,
                format!(
                    "a second, different AWS PrivateLink resource for Aiven service `{name}` (first read at {})",
                    place(sources, &first.origin)
                ),
            )),
        }
    }
    for (dir, conn) in pending.connections {
        let name = match service_of(&dir, "`avn service privatelink aws connection list` output") {
            Ok(n) => n,
            Err(message) => {
                errors.push(error(sources, &conn.origin, message));
                continue;
            }
        };
        let Some(service) = estate.aiven_services.get_mut(&name) else {
            continue;
        };
        let same_id = |c: &AivenConnection| {
            c.id.is_some() && c.id == conn.id
                || c.id.is_none() && c.vpc_endpoint_id == conn.vpc_endpoint_id
        };
        match service.connections.iter().find(|c| same_id(c)) {
            None => service.connections.push(conn),
            Some(first) if same(first, &conn) => {}
            Some(first) => errors.push(error(
                sources,
                &conn.origin,
                format!(
                    "connection `{}` of Aiven service `{name}` is listed again with different content (first at {})",
                    conn.id.as_deref().or(conn.vpc_endpoint_id.as_deref()).unwrap_or("?"),
                    place(sources, &first.origin)
                ),
            )),
        }
    }
    errors
}

/// Whether two copies read in different places say the same (an export repeated).
fn same<T: Mergeable>(a: &T, b: &T) -> bool {
    let mut b = b.clone();
    b.set_origin(a.origin().clone());
    *a == b
}

fn place(sources: &SourceMap, origin: &Origin) -> String {
    let path = sources.path(origin.file).display();
    match sources
        .resolve(&[(origin.file, target(origin))])
        .pop()
        .flatten()
    {
        Some(r) => format!("{path}:{}:{}", r.position.line, r.position.column),
        None => path.to_string(),
    }
}

fn error(sources: &SourceMap, origin: &Origin, message: String) -> InputError {
    let resolved = sources
        .resolve(&[(origin.file, target(origin))])
        .pop()
        .flatten();
    InputError {
        kind: InputErrorKind::Unattributed,
        path: sources.path(origin.file).to_path_buf(),
        position: resolved.as_ref().map(|r| r.position.clone()),
        pointer: Some(origin.pointer.to_string()),
        message,
        expected: Some(
            "each Aiven service's outputs in a folder of their own, beside its `avn service get NAME --json` output (e.g. aiven/my-kafka/service.json, privatelink.json, connections.json)"
                .into(),
        ),
        snippet: resolved.and_then(|r| sources.text(origin.file).map(|t| (t, r.span))),
    }
}
