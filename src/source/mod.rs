//! Sources: everything that turns inputs into an [`Estate`]. This is the only layer that knows
//! file formats.

mod error;
pub mod export;
mod map;
pub mod region;
pub mod schema;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use error::{InputError, InputErrorKind, Position};
pub use map::{Resolved, SourceMap};

use crate::model::{
    merge_into, Estate, FileId, MergeConflict, Origin, Scope, SecurityGroup, SgRule,
};
use crate::span::{Part, Target};
use export::Partial;

/// The result of loading: the Estate and the files it came from.
pub struct Loaded {
    /// The model.
    pub estate: Estate,
    /// The input files.
    pub sources: SourceMap,
}

/// Loads every path (files, and directories walked recursively for `*.json`), files in parallel.
/// Every problem of every file is returned, not only the first.
pub fn load(paths: &[PathBuf]) -> Result<Loaded, Vec<InputError>> {
    let (files, mut errors) = expand(paths);
    let mut sources = SourceMap::default();
    let ids: Vec<(FileId, PathBuf)> = files
        .into_iter()
        .map(|p| (sources.add(p.clone()), p))
        .collect();
    let results: Vec<Result<Partial, Vec<InputError>>> = ids
        .par_iter()
        .map(|(id, path)| export::load_file(*id, path, scope_of_path(path)))
        .collect();
    let mut partials = Vec::new();
    for ((id, path), result) in ids.into_iter().zip(results) {
        match result {
            Ok(p) => partials.push((id, path, p)),
            Err(e) => errors.extend(e),
        }
    }
    // Merging what did load also finds conflicting duplicates, so that they are reported in
    // the same run as the files' own errors.
    let mut estate = Estate::default();
    let conflicts = merge(&mut estate, partials);
    errors.extend(conflict_errors(&sources, conflicts));
    if !errors.is_empty() {
        return Err(errors);
    }
    infer_vpc_regions(&mut estate);
    estate.index();
    Ok(Loaded { estate, sources })
}

/// Expands directories into their `.json` files (sorted, so ids are stable), keeping explicit
/// files whatever their extension.
fn expand(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<InputError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut seen = BTreeSet::new();
    for path in paths {
        match std::fs::metadata(path) {
            Err(e) => errors.push(InputError::at_path(
                InputErrorKind::Io,
                path,
                format!("cannot read: {e}"),
            )),
            Ok(m) if m.is_dir() => {
                let before = files.len();
                let walk = walkdir::WalkDir::new(path).sort_by_file_name();
                for entry in walk {
                    match entry {
                        Ok(e) if e.file_type().is_file() && is_json(e.path()) => {
                            if seen.insert(e.path().to_path_buf()) {
                                files.push(e.path().to_path_buf());
                            }
                        }
                        Ok(_) => {}
                        Err(e) => errors.push(InputError::at_path(
                            InputErrorKind::Io,
                            e.path().unwrap_or(path),
                            format!("cannot read: {e}"),
                        )),
                    }
                }
                if files.len() == before {
                    errors.push(
                        InputError::at_path(
                            InputErrorKind::NoInput,
                            path,
                            "directory holds no .json file",
                        )
                        .expected("AWS CLI outputs saved as *.json files"),
                    );
                }
            }
            Ok(_) => {
                if seen.insert(path.clone()) {
                    files.push(path.clone());
                }
            }
        }
    }
    (files, errors)
}

fn is_json(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

/// `…/123456789012/eu-west-1/describe-vpcs.json` names the account and region of its data.
fn scope_of_path(path: &Path) -> Scope {
    let mut scope = Scope::default();
    for part in path.parent().into_iter().flat_map(Path::components) {
        let part = part.as_os_str().to_string_lossy();
        if region::is_account(&part) {
            scope.account = Some(part.into_owned());
        } else if region::is_region(&part) {
            scope.region = Some(part.into_owned());
        }
    }
    scope
}

/// Regions that a file's data names (AZs, ARNs, service names).
fn regions_of(p: &Partial) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut add = |r: &Option<String>| {
        if let Some(r) = r {
            out.insert(r.clone());
        }
    };
    p.subnets.iter().for_each(|s| add(&s.scope.region));
    p.endpoints.iter().for_each(|s| add(&s.scope.region));
    p.security_groups.iter().for_each(|s| add(&s.scope.region));
    p.interfaces.iter().for_each(|s| add(&s.scope.region));
    p.azs.iter().for_each(|s| add(&s.region));
    out
}

/// Merges the files' resources in file order. Files of one directory came from one CLI
/// profile and region, so a resource whose own data names no region (describe-vpcs has none)
/// takes the region its neighbours name, when they name exactly one.
fn merge(estate: &mut Estate, partials: Vec<(FileId, PathBuf, Partial)>) -> Vec<MergeConflict> {
    let mut dir_regions: BTreeMap<PathBuf, BTreeSet<String>> = BTreeMap::new();
    for (_, path, p) in &partials {
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        dir_regions.entry(dir).or_default().extend(regions_of(p));
    }
    let mut conflicts = Vec::new();
    let mut rule_groups: BTreeMap<crate::model::SgId, SecurityGroup> = BTreeMap::new();
    for (file, path, p) in partials {
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let region = dir_regions
            .get(&dir)
            .filter(|r| r.len() == 1)
            .and_then(|r| r.first().cloned());
        let fill = |s: &mut Scope| {
            if s.region.is_none() {
                s.region.clone_from(&region);
            }
        };
        let mut put = |r: Result<(), MergeConflict>| {
            if let Err(c) = r {
                conflicts.push(c);
            }
        };
        for mut x in p.vpcs {
            fill(&mut x.scope);
            put(merge_into(&mut estate.vpcs, x.id.clone(), x));
        }
        for (id, a) in p.dns_support {
            put(merge_into(&mut estate.dns_support, id, a));
        }
        for (id, a) in p.dns_hostnames {
            put(merge_into(&mut estate.dns_hostnames, id, a));
        }
        for mut x in p.subnets {
            fill(&mut x.scope);
            put(merge_into(&mut estate.subnets, x.id.clone(), x));
        }
        for mut x in p.security_groups {
            fill(&mut x.scope);
            put(merge_into(&mut estate.security_groups, x.id.clone(), x));
        }
        for (id, mut scope, egress, rule) in p.group_rules {
            fill(&mut scope);
            add_group_rule(&mut rule_groups, file, id, scope, egress, rule);
        }
        for mut x in p.nacls {
            fill(&mut x.scope);
            put(merge_into(&mut estate.nacls, x.id.clone(), x));
        }
        for mut x in p.route_tables {
            fill(&mut x.scope);
            put(merge_into(&mut estate.route_tables, x.id.clone(), x));
        }
        for mut x in p.interfaces {
            fill(&mut x.scope);
            put(merge_into(&mut estate.interfaces, x.id.clone(), x));
        }
        for mut x in p.endpoints {
            fill(&mut x.scope);
            put(merge_into(&mut estate.endpoints, x.id.clone(), x));
        }
        for x in p.services {
            let key = x.service_id.clone().unwrap_or_else(|| x.name.clone());
            put(merge_into(&mut estate.services, key, x));
        }
        for mut x in p.service_configurations {
            fill(&mut x.scope);
            put(merge_into(
                &mut estate.service_configurations,
                x.service_id.clone(),
                x,
            ));
        }
        estate.service_permissions.extend(p.permissions);
        for x in p.connections {
            put(merge_into(
                &mut estate.endpoint_connections,
                x.endpoint_id.clone(),
                x,
            ));
        }
        for x in p.peerings {
            put(merge_into(&mut estate.peerings, x.id.clone(), x));
        }
        for x in p.azs {
            put(merge_into(&mut estate.azs, x.name.clone(), x));
        }
    }
    // describe-security-group-rules describes the same rules as describe-security-groups; it only
    // adds groups that the latter did not list.
    for (id, group) in rule_groups {
        estate.security_groups.entry(id).or_insert(group);
    }
    conflicts
}

fn add_group_rule(
    groups: &mut BTreeMap<crate::model::SgId, SecurityGroup>,
    file: FileId,
    id: crate::model::SgId,
    scope: Scope,
    egress: bool,
    rule: SgRule,
) {
    let group = groups.entry(id.clone()).or_insert_with(|| SecurityGroup {
        id,
        name: String::new(),
        vpc_id: None,
        scope,
        ingress: Vec::new(),
        egress: Vec::new(),
        tags: crate::model::Tags::default(),
        origin: Origin::new(file, ""),
    });
    let list = if egress {
        &mut group.egress
    } else {
        &mut group.ingress
    };
    if !list.iter().any(|r| r.rule_id == rule.rule_id) {
        list.push(rule);
    }
}

/// describe-vpcs names no region; when the folder did not either, take it from the subnets.
fn infer_vpc_regions(estate: &mut Estate) {
    let mut by_vpc: BTreeMap<crate::model::VpcId, String> = BTreeMap::new();
    for s in estate.subnets.values() {
        if let Some(r) = &s.scope.region {
            by_vpc.entry(s.vpc_id.clone()).or_insert_with(|| r.clone());
        }
    }
    for v in estate.vpcs.values_mut() {
        if v.scope.region.is_none() {
            v.scope.region = by_vpc.get(&v.id).cloned();
        }
    }
}

fn conflict_errors(sources: &SourceMap, conflicts: Vec<MergeConflict>) -> Vec<InputError> {
    let requests: Vec<(FileId, Target)> = conflicts
        .iter()
        .flat_map(|c| [&c.first, &c.second])
        .map(|o| (o.file, target(o)))
        .collect();
    let resolved = sources.resolve(&requests);
    conflicts
        .into_iter()
        .zip(resolved.chunks(2))
        .map(|(c, r)| {
            let first = r.first().cloned().flatten();
            let second = r.get(1).cloned().flatten();
            let first_at = match &first {
                Some(f) => format!(
                    "{}:{}:{}",
                    sources.path(c.first.file).display(),
                    f.position.line,
                    f.position.column
                ),
                None => sources.path(c.first.file).display().to_string(),
            };
            InputError {
                kind: InputErrorKind::Conflict,
                path: sources.path(c.second.file).to_path_buf(),
                position: second.as_ref().map(|s| s.position.clone()),
                pointer: Some(c.second.pointer.to_string()),
                message: format!(
                    "`{}` is defined again with different content (first defined at {first_at})",
                    c.id
                ),
                expected: Some(
                    "each resource once, or identical copies (exports of overlapping scopes)"
                        .into(),
                ),
                snippet: second.and_then(|s| sources.text(c.second.file).map(|t| (t, s.span))),
            }
        })
        .collect()
}

/// The whole value at an origin.
pub fn target(origin: &Origin) -> Target {
    Target {
        pointer: origin.pointer.to_string(),
        inner: None,
        part: Part::Value,
    }
}
