//! Sources: everything that turns inputs into an [`Estate`]. This is the only layer that knows
//! file formats.

mod aiven;
#[cfg(feature = "aws")]
pub mod aws;
mod error;
mod exclude;
pub mod export;
mod foreign;
pub mod kinds;
mod map;
mod partial;
mod problem;
pub mod region;
pub mod schema;
pub mod terraform;
mod values;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

pub use error::{InputError, InputErrorKind, Position};
pub use exclude::Exclude;
pub use foreign::Foreign;
pub use map::{resolved, Resolved, SourceMap};
pub use problem::{json_syntax, utf8_text};

use crate::model::{
    merge_into, Estate, FileId, MergeConflict, Origin, Rel, Route, RouteTarget, Scope,
    SecurityGroup, SgRule,
};
use crate::span::{Part, Target};
use partial::Partial;

/// The result of loading: the Estate and the files it came from.
pub struct Loaded {
    /// The model.
    pub estate: Estate,
    /// The input files.
    pub sources: SourceMap,
}

/// A file found in a directory and left unread because it is plainly not an input.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Skipped {
    /// The file, as the walk named it.
    pub path: PathBuf,
    /// What it is.
    pub what: Foreign,
}

/// Everything loading gave: the Estate or every input error, and, either way, the files that
/// were skipped (sorted).
pub struct Outcome {
    /// The Estate, or why there is none.
    pub loaded: Result<Loaded, Vec<InputError>>,
    /// Files found in directories that are not inputs.
    pub skipped: Vec<Skipped>,
}

/// One file or document to load.
struct Job {
    id: FileId,
    path: PathBuf,
    /// The text of a document in memory; a file is read by its loader.
    text: Option<Arc<String>>,
    /// Index of the command-line directory it was found in, if any.
    walked_from: Option<usize>,
}

/// A file to load, and whether a directory walk found it (rather than the user naming it).
struct Found {
    path: PathBuf,
    /// Index of the command-line directory it was found in, if any.
    walked_from: Option<usize>,
}

/// The folder in which `export` stages an account before renaming it into place; a directory
/// walk never enters it, so an interrupted export leaves only whole accounts to read.
pub const PARTIAL_DIR: &str = ".vpclint-partial";

/// An input document held in memory: what the live reader got from AWS, in exactly the format
/// of the AWS CLI's output, named by the path it would have in an export
/// (`aws://ACCOUNT/REGION/describe-vpcs.json`).
#[derive(Clone, Debug)]
pub struct Document {
    /// Where it came from; its folders name the account and region as in an export.
    pub path: PathBuf,
    /// The JSON text.
    pub text: Arc<String>,
}

/// Loads every path (files, and directories walked recursively for `*.json`), files in parallel.
/// Every problem of every file is returned, not only the first.
pub fn load(paths: &[PathBuf]) -> Result<Loaded, Vec<InputError>> {
    load_with(paths, &Exclude::default(), Vec::new()).loaded
}

/// [`load`], leaving out what `exclude` matches in directories, plus documents already in
/// memory, which go through the same loader as files (so that live and exported data give the
/// same Estate). A file found in a directory that is plainly not an input is skipped; named on
/// the command line, it is an error, since the user asked for it.
pub fn load_with(paths: &[PathBuf], exclude: &Exclude, documents: Vec<Document>) -> Outcome {
    let (files, mut errors) = expand(paths, exclude);
    let mut sources = SourceMap::default();
    let mut jobs: Vec<Job> = files
        .into_iter()
        .map(|f| Job {
            id: sources.add(f.path.clone()),
            path: f.path,
            text: None,
            walked_from: f.walked_from,
        })
        .collect();
    for d in documents {
        jobs.push(Job {
            id: sources.add_text(d.path.clone(), d.text.clone()),
            path: d.path,
            text: Some(d.text),
            walked_from: None,
        });
    }
    let results: Vec<Result<Partial, export::Unread>> = jobs
        .par_iter()
        .map(|j| match &j.text {
            None => export::load_file(j.id, &j.path, scope_of_path(&j.path)),
            Some(text) => export::load_text(j.id, &j.path, text, scope_of_path(&j.path)),
        })
        .collect();
    let mut partials = Vec::new();
    let mut aiven = aiven::Pending::default();
    let mut skipped = Vec::new();
    // Directories of the command line that gave a file to read, and that gave a skipped one.
    let mut read_from = BTreeSet::new();
    let mut skipped_from = BTreeSet::new();
    for (
        Job {
            id,
            path,
            walked_from,
            ..
        },
        result,
    ) in jobs.into_iter().zip(results)
    {
        match result {
            Ok(mut p) => {
                if let Some(text) = p.text.take() {
                    sources.keep(id, text);
                }
                aiven.take(&path, &mut p);
                partials.push((id, path, p));
                read_from.extend(walked_from);
            }
            Err(export::Unread::Foreign { what, .. }) if walked_from.is_some() => {
                skipped.push(Skipped { path, what });
                skipped_from.extend(walked_from);
            }
            Err(export::Unread::Foreign { error, .. }) => errors.push(*error),
            Err(export::Unread::Invalid(e)) => {
                errors.extend(e);
                read_from.extend(walked_from);
            }
        }
    }
    errors.extend(
        skipped_from
            .difference(&read_from)
            .filter_map(|i| paths.get(*i))
            .map(|dir| {
                // Every file of the directory was something else: the check would read nothing
                // there, and must not look complete.
                InputError::at_path(
                    InputErrorKind::NoInput,
                    dir,
                    "directory holds no input: each of its .json files was skipped as something else",
                )
                .expected("AWS CLI outputs saved as *.json files")
            }),
    );
    skipped.sort();
    // Merging what did load also finds conflicting duplicates, so that they are reported in
    // the same run as the files' own errors.
    let mut estate = Estate::default();
    let conflicts = merge(&mut estate, partials);
    errors.extend(conflict_errors(&sources, conflicts));
    errors.extend(orphan_records(&estate, &sources));
    errors.extend(aiven::attach(&mut estate, aiven, &sources));
    if !errors.is_empty() {
        return Outcome {
            loaded: Err(errors),
            skipped,
        };
    }
    infer_vpc_regions(&mut estate);
    name_permission_services(&mut estate, &sources);
    estate.index();
    Outcome {
        loaded: Ok(Loaded { estate, sources }),
        skipped,
    }
}

/// Expands directories into their `.json` files (sorted, so ids are stable), leaving out what
/// `exclude` matches, and keeps explicit files whatever their extension.
fn expand(paths: &[PathBuf], exclude: &Exclude) -> (Vec<Found>, Vec<InputError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut seen = BTreeSet::new();
    for (index, path) in paths.iter().enumerate() {
        match std::fs::metadata(path) {
            Err(e) => errors.push(InputError::at_path(
                InputErrorKind::Io,
                path,
                format!("cannot read: {e}"),
            )),
            Ok(m) if m.is_dir() => {
                let before = files.len();
                let mut excluded = false;
                let walk = walkdir::WalkDir::new(path)
                    .sort_by_file_name()
                    .into_iter()
                    .filter_entry(|e| {
                        if e.depth() > 0 && e.file_type().is_dir() && e.file_name() == PARTIAL_DIR {
                            return false;
                        }
                        let out = e.depth() > 0
                            && exclude.excludes(e.path(), e.file_type().is_dir(), path);
                        excluded |= out;
                        !out
                    });
                for entry in walk {
                    match entry {
                        Ok(e) if e.file_type().is_file() && is_json(e.path()) => {
                            if seen.insert(e.path().to_path_buf()) {
                                files.push(Found {
                                    path: e.path().to_path_buf(),
                                    walked_from: Some(index),
                                });
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
                    let message = if excluded {
                        "directory holds no .json file that is not excluded"
                    } else {
                        "directory holds no .json file"
                    };
                    errors.push(
                        InputError::at_path(InputErrorKind::NoInput, path, message)
                            .expected("AWS CLI outputs saved as *.json files"),
                    );
                }
            }
            Ok(_) => {
                if seen.insert(path.clone()) {
                    files.push(Found {
                        path: path.clone(),
                        walked_from: None,
                    });
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

/// describe-vpc-endpoint-service-permissions answers for the service it was asked about without
/// always naming it. Its id is then taken from the file's path, where an export puts it
/// (`vpce-svc-0abc/describe-vpc-endpoint-service-permissions.json`, or `vpce-svc-0abc.json`), or
/// from the only service configuration of the file's account and region.
fn name_permission_services(estate: &mut Estate, sources: &SourceMap) {
    let Estate {
        service_permissions,
        service_configurations,
        ..
    } = estate;
    for p in service_permissions
        .iter_mut()
        .filter(|p| p.service_id.is_none())
    {
        let path = sources.path(p.origin.file);
        let from_path = path
            .iter()
            .rev()
            .filter_map(|part| service_id_in(&part.to_string_lossy()))
            .next();
        p.service_id = from_path.or_else(|| {
            let scope = scope_of_path(path);
            let mut same = service_configurations.values().filter(|c| {
                scope.account.is_some()
                    && c.scope.account == scope.account
                    && (scope.region.is_none() || c.scope.region == scope.region)
            });
            match (same.next(), same.next()) {
                (Some(only), None) => Some(only.service_id.clone()),
                _ => None,
            }
        });
    }
}

/// The `vpce-svc-…` id a path component names, if any (`vpce-svc-0abc`, `vpce-svc-0abc.json`,
/// `permissions-vpce-svc-0abc.json`).
fn service_id_in(part: &str) -> Option<String> {
    let start = part.find("vpce-svc-")?;
    let rest = &part[start + "vpce-svc-".len()..];
    let len = rest.bytes().take_while(u8::is_ascii_hexdigit).count();
    (len >= 8).then(|| part[start..start + "vpce-svc-".len() + len].to_owned())
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
    p.azs.iter().for_each(|s| add(&s.scope.region));
    out
}

/// Merges the files' resources: exports in file order, then plans, whose resources replace
/// what an export says about the same ids (a plan describes the estate after apply), whose
/// destroyed ids leave the estate, and whose separate rules, routes and associations are then
/// attached to their resources, wherever those were read. Files of one directory came from one
/// CLI profile and region, so a resource whose own data names no region (describe-vpcs has
/// none) takes the region its neighbours name, when they name exactly one.
fn merge(estate: &mut Estate, partials: Vec<(FileId, PathBuf, Partial)>) -> Vec<MergeConflict> {
    let mut dir_regions: BTreeMap<PathBuf, BTreeSet<String>> = BTreeMap::new();
    for (_, path, p) in &partials {
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        dir_regions.entry(dir).or_default().extend(regions_of(p));
    }
    let mut sink = Sink {
        conflicts: Vec::new(),
        planned: None,
    };
    let mut rule_groups: BTreeMap<crate::model::SgId, SecurityGroup> = BTreeMap::new();
    let (plans, exports): (Vec<_>, Vec<_>) = partials.into_iter().partition(|(_, _, p)| p.planned);
    // Security groups are the most numerous resources: they are merged on one core while the
    // other merges the rest (the maps are independent; conflicts are sorted when reported).
    let mut groups = Vec::new();
    let mut rest = Vec::new();
    for (file, path, mut p) in exports {
        let region = dir_region(&dir_regions, &path);
        for (id, mut scope, egress, rule) in std::mem::take(&mut p.group_rules) {
            if scope.region.is_none() {
                scope.region.clone_from(&region);
            }
            add_group_rule(&mut rule_groups, file, id, scope, egress, rule);
        }
        let mut own = std::mem::take(&mut p.security_groups);
        for g in &mut own {
            if g.scope.region.is_none() {
                g.scope.region.clone_from(&region);
            }
        }
        groups.push(own);
        rest.push((p, region));
    }
    let mut group_map = std::mem::take(&mut estate.security_groups);
    let (group_conflicts, ()) = rayon::join(
        || {
            let mut conflicts = Vec::new();
            for g in groups.into_iter().flatten() {
                if let Err(c) = merge_into(&mut group_map, g.id.clone(), g) {
                    conflicts.push(c);
                }
            }
            conflicts
        },
        || {
            for (p, region) in rest {
                sink.add(estate, p, region.as_ref());
            }
        },
    );
    estate.security_groups = group_map;
    sink.conflicts.extend(group_conflicts);
    // describe-security-group-rules describes the same rules as describe-security-groups; it only
    // adds groups that the latter did not list.
    for (id, group) in rule_groups {
        estate.security_groups.entry(id).or_insert(group);
    }
    let mut attachments = Vec::new();
    // One plan replaces what exports say; several must also agree with each other.
    sink.planned = Some(if plans.len() > 1 {
        Some(BTreeSet::new())
    } else {
        None
    });
    for (_, _, p) in &plans {
        for r in &p.removals {
            remove(estate, r);
        }
    }
    for (_, path, mut p) in plans {
        let region = dir_region(&dir_regions, &path);
        attachments.append(&mut p.attachments);
        sink.add(estate, p, region.as_ref());
    }
    let mut table_of: BTreeMap<crate::model::SubnetId, crate::model::RtbId> = BTreeMap::new();
    let mut nacl_of: BTreeMap<crate::model::SubnetId, crate::model::NaclId> = BTreeMap::new();
    for a in attachments {
        match a {
            partial::Attachment::RouteTableSubnet { table, subnet } => {
                if estate.route_tables.contains_key(&table) {
                    table_of.insert(subnet, table);
                }
            }
            partial::Attachment::NaclSubnet { nacl, subnet } => {
                if estate.nacls.contains_key(&nacl) {
                    nacl_of.insert(subnet, nacl);
                }
            }
            other => attach(estate, other),
        }
    }
    associate(estate, &table_of, &nacl_of);
    add_local_routes(estate);
    sink.conflicts
}

fn dir_region(dirs: &BTreeMap<PathBuf, BTreeSet<String>>, path: &Path) -> Option<String> {
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    dirs.get(&dir)
        .filter(|r| r.len() == 1)
        .and_then(|r| r.first().cloned())
}

/// Puts resources into the Estate, collecting conflicts.
struct Sink {
    conflicts: Vec<MergeConflict>,
    /// While merging plans: a plan replaces an export's copy; with several plans, the keys
    /// they have put, by map, since two plans must agree like two exports.
    planned: Option<Option<BTreeSet<(&'static str, String)>>>,
}

impl Sink {
    fn put<K: Ord + std::fmt::Display, T: crate::model::Mergeable>(
        &mut self,
        map_name: &'static str,
        map: &mut BTreeMap<K, T>,
        key: K,
        item: T,
    ) {
        let first_from_a_plan = match self.planned.as_mut() {
            None => false,
            Some(None) => true,
            Some(Some(seen)) => seen.insert((map_name, key.to_string())),
        };
        if first_from_a_plan {
            map.insert(key, item);
        } else if let Err(c) = merge_into(map, key, item) {
            self.conflicts.push(c);
        }
    }

    fn add(&mut self, estate: &mut Estate, p: Partial, region: Option<&String>) {
        let fill = |s: &mut Scope| {
            if s.region.is_none() {
                s.region = region.cloned();
            }
        };
        for mut x in p.vpcs {
            fill(&mut x.scope);
            self.put("vpc", &mut estate.vpcs, x.id.clone(), x);
        }
        for (id, a) in p.dns_support {
            self.put("dns-support", &mut estate.dns_support, id, a);
        }
        for (id, a) in p.dns_hostnames {
            self.put("dns-hostnames", &mut estate.dns_hostnames, id, a);
        }
        for mut x in p.subnets {
            fill(&mut x.scope);
            self.put("subnet", &mut estate.subnets, x.id.clone(), x);
        }
        for mut x in p.security_groups {
            fill(&mut x.scope);
            self.put("sg", &mut estate.security_groups, x.id.clone(), x);
        }
        for mut x in p.nacls {
            fill(&mut x.scope);
            self.put("nacl", &mut estate.nacls, x.id.clone(), x);
        }
        for mut x in p.route_tables {
            fill(&mut x.scope);
            self.put("rtb", &mut estate.route_tables, x.id.clone(), x);
        }
        for mut x in p.interfaces {
            fill(&mut x.scope);
            self.put("eni", &mut estate.interfaces, x.id.clone(), x);
        }
        for mut x in p.endpoints {
            fill(&mut x.scope);
            self.put("vpce", &mut estate.endpoints, x.id.clone(), x);
        }
        // Details and zones are as one account sees them (zone names differ per account).
        for mut x in p.services {
            fill(&mut x.scope);
            let id = x.service_id.as_deref().unwrap_or(&x.name);
            let key = format!("{}/{id}", x.scope.account.as_deref().unwrap_or_default());
            self.put("service", &mut estate.services, key, x);
        }
        for mut x in p.service_configurations {
            fill(&mut x.scope);
            let key = x.service_id.clone();
            self.put(
                "service-configuration",
                &mut estate.service_configurations,
                key,
                x,
            );
        }
        estate.service_permissions.extend(p.permissions);
        for x in p.connections {
            let key = x.endpoint_id.clone();
            self.put("connection", &mut estate.endpoint_connections, key, x);
        }
        for x in p.peerings {
            self.put("pcx", &mut estate.peerings, x.id.clone(), x);
        }
        for mut x in p.aiven_services {
            // A plan that holds an `aiven_aws_privatelink` but not its service knows only the
            // service's name; an `avn service get` output of that service says the rest.
            if self.planned.is_some() && x.service_type.is_empty() {
                if let Some(known) = estate.aiven_services.get(&x.name) {
                    x.service_type.clone_from(&known.service_type);
                    x.components.clone_from(&known.components);
                    if x.cloud_name.is_empty() {
                        x.cloud_name.clone_from(&known.cloud_name);
                    }
                    if x.state.is_empty() {
                        x.state.clone_from(&known.state);
                    }
                    if x.privatelink_access.is_none() {
                        x.privatelink_access.clone_from(&known.privatelink_access);
                    }
                }
            }
            self.put(
                "aiven-service",
                &mut estate.aiven_services,
                x.name.clone(),
                x,
            );
        }
        for mut x in p.azs {
            fill(&mut x.scope);
            let key = format!(
                "{}/{}",
                x.scope.account.as_deref().unwrap_or_default(),
                x.name
            );
            self.put("az", &mut estate.azs, key, x);
        }
        for mut x in p.prefix_lists {
            fill(&mut x.scope);
            let key = format!(
                "{}/{}",
                x.scope.account.as_deref().unwrap_or_default(),
                x.id
            );
            self.put("prefix-list", &mut estate.prefix_lists, key, x);
        }
        for mut x in p.rest_apis {
            fill(&mut x.scope);
            self.put("rest-api", &mut estate.rest_apis, x.id.clone(), x);
        }
        for mut x in p.load_balancers {
            fill(&mut x.scope);
            self.put(
                "load-balancer",
                &mut estate.load_balancers,
                x.arn.clone(),
                x,
            );
        }
        for x in p.listeners {
            self.put("listener", &mut estate.listeners, x.arn.clone(), x);
        }
        for mut x in p.dhcp_options {
            fill(&mut x.scope);
            self.put("dhcp-options", &mut estate.dhcp_options, x.id.clone(), x);
        }
        estate.zones_listed |= p.zones_listed;
        for x in p.hosted_zones {
            // A plan's zone is the zone after apply: it replaces an export's description (two
            // plans must agree, like two exports).
            let first_from_a_plan = match self.planned.as_mut() {
                None => false,
                Some(None) => true,
                Some(Some(seen)) => seen.insert(("hosted-zone", x.id.clone())),
            };
            if first_from_a_plan {
                estate.hosted_zones.insert(x.id.clone(), x);
                continue;
            }
            if let Err(c) = crate::model::merge_zone(&mut estate.hosted_zones, x) {
                self.conflicts.push(c);
            }
        }
        for x in p.zone_records {
            let key = x.zone_id.clone();
            self.put("zone-records", &mut estate.zone_records, key, x);
        }
        for mut x in p.resolver_rules {
            fill(&mut x.scope);
            self.put("resolver-rule", &mut estate.resolver_rules, x.id.clone(), x);
        }
        for x in p.rule_associations {
            let key = x.id.clone();
            self.put("rule-association", &mut estate.rule_associations, key, x);
        }
        for mut x in p.resolver_endpoints {
            fill(&mut x.scope);
            let key = x.id.clone();
            self.put("resolver-endpoint", &mut estate.resolver_endpoints, key, x);
        }
        for mut x in p.transit_gateways {
            fill(&mut x.scope);
            self.put(
                "transit-gateway",
                &mut estate.transit_gateways,
                x.id.clone(),
                x,
            );
        }
        for mut x in p.tgw_attachments {
            fill(&mut x.scope);
            let key = x.id.clone();
            self.put("tgw-attachment", &mut estate.tgw_attachments, key, x);
        }
        for mut x in p.tgw_route_tables {
            fill(&mut x.scope);
            let key = x.id.clone();
            self.put("tgw-route-table", &mut estate.tgw_route_tables, key, x);
        }
        for x in p.tgw_routes {
            let key = x.table_id.clone();
            self.put("tgw-routes", &mut estate.tgw_routes, key, x);
        }
        for x in p.tgw_associations {
            let key = x.table_id.clone();
            self.put("tgw-associations", &mut estate.tgw_associations, key, x);
        }
        for x in p.tgw_propagations {
            let key = x.table_id.clone();
            self.put("tgw-propagations", &mut estate.tgw_propagations, key, x);
        }
        // Several lists (one per shard of an export) are one organisation.
        estate.organization_accounts.extend(p.organization_accounts);
    }
}

/// Removes what a plan destroys.
fn remove(estate: &mut Estate, r: &partial::Removal) {
    let id = r.id.as_str();
    match r.resource_type.as_str() {
        "aws_vpc" => {
            let id = crate::model::VpcId::from(id);
            estate.vpcs.remove(&id);
            estate.dns_support.remove(&id);
            estate.dns_hostnames.remove(&id);
        }
        "aws_subnet" => {
            estate.subnets.remove(&id.into());
        }
        "aws_security_group" => {
            estate.security_groups.remove(&id.into());
        }
        "aws_network_acl" => {
            estate.nacls.remove(&id.into());
        }
        "aws_route_table" => {
            estate.route_tables.remove(&id.into());
        }
        "aws_vpc_endpoint" => {
            estate.endpoints.remove(&id.into());
        }
        "aws_vpc_endpoint_service" => {
            estate.service_configurations.remove(id);
        }
        "aws_vpc_peering_connection" => {
            estate.peerings.remove(&id.into());
        }
        "aws_route53_zone" => {
            estate.hosted_zones.remove(id);
            estate.zone_records.remove(id);
        }
        // The provider's id is `ZONEID:VPCID` (and `:REGION`).
        "aws_route53_zone_association" => {
            let mut parts = id.split(':');
            if let (Some(zone), Some(vpc)) = (parts.next(), parts.next()) {
                if let Some(vpcs) = estate
                    .hosted_zones
                    .get_mut(zone)
                    .and_then(|z| z.vpcs.as_mut())
                {
                    vpcs.retain(|v| v.vpc_id.as_str() != vpc);
                }
            }
        }
        // The provider's id is `ZONEID_NAME_TYPE` (and `_SETID`, which is not told apart).
        "aws_route53_record" => {
            let parts = id.split_once('_').and_then(|(zone, rest)| {
                let (name, rtype) = rest.split_once('_')?;
                let rtype = rtype.split('_').next().unwrap_or(rtype);
                Some((zone, crate::model::normalize_name(name), rtype))
            });
            if let Some((zone, name, rtype)) = parts {
                if let Some(records) = estate.zone_records.get_mut(zone) {
                    records
                        .records
                        .retain(|r| r.name != name || !r.rtype.eq_ignore_ascii_case(rtype));
                }
            }
        }
        "aws_route53_resolver_rule" => {
            estate.resolver_rules.remove(id);
        }
        "aws_route53_resolver_rule_association" => {
            estate.rule_associations.remove(id);
        }
        "aws_vpc_dhcp_options" => {
            estate.dhcp_options.remove(id);
        }
        _ => {}
    }
}

/// Applies an item declared apart from its resource; an item whose resource is neither planned
/// nor in a given export has nothing to attach to (the resource is unknown to this run).
fn attach(estate: &mut Estate, a: partial::Attachment) {
    use partial::Attachment as A;
    match a {
        A::SgRule {
            group,
            egress,
            rule,
        } => {
            if let Some(g) = estate.security_groups.get_mut(&group) {
                if egress {
                    g.egress.push(rule);
                } else {
                    g.ingress.push(rule);
                }
            }
        }
        A::NaclEntry { nacl, entry } => {
            if let Some(n) = estate.nacls.get_mut(&nacl) {
                n.entries.push(entry);
            }
        }
        // Associations are applied together, by `associate`.
        A::NaclSubnet { .. } | A::RouteTableSubnet { .. } => {}
        A::Route { table, route } => {
            if let Some(t) = estate.route_tables.get_mut(&table) {
                t.routes.push(route);
            }
        }
        A::EndpointSubnet { endpoint, subnet } => {
            if let Some(ep) = estate.endpoints.get_mut(&endpoint) {
                if !ep.subnet_ids.contains(&subnet) {
                    ep.subnet_ids.push(subnet);
                }
            }
        }
        A::EndpointRouteTable { endpoint, table } => {
            if let Some(ep) = estate.endpoints.get_mut(&endpoint) {
                if !ep.route_table_ids.contains(&table) {
                    ep.route_table_ids.push(table);
                }
            }
        }
        A::EndpointPolicy {
            endpoint,
            policy,
            unknown,
            origin,
        } => {
            if let Some(ep) = estate.endpoints.get_mut(&endpoint) {
                ep.policy = policy;
                ep.origin.relocate("PolicyDocument", origin);
                if unknown {
                    ep.origin.set_unknown("PolicyDocument");
                }
            }
        }
        A::RestApiPolicy {
            api,
            policy,
            unknown,
            origin,
        } => {
            if let Some(a) = estate.rest_apis.get_mut(&api) {
                a.policy = policy;
                a.origin.relocate("policy", origin);
                if unknown {
                    a.origin.set_unknown("policy");
                }
            }
        }
        A::ZoneVpc { zone, vpc } => {
            if let Some(z) = estate.hosted_zones.get_mut(&zone) {
                let vpcs = z.vpcs.get_or_insert_with(Vec::new);
                if !vpcs.iter().any(|v| v.vpc_id == vpc.vpc_id) {
                    vpcs.push(vpc);
                }
            }
        }
        A::ZoneRecord { zone, mut record } => {
            let Some(z) = estate.hosted_zones.get(&zone) else {
                return;
            };
            // The provider completes a name outside the zone with the zone's name (and an empty
            // one is the apex).
            if !crate::model::in_domain(&record.name, &z.name) {
                record.name = if record.name.is_empty() {
                    z.name.clone()
                } else {
                    format!("{}.{}", record.name, z.name)
                };
            }
            let records = estate.zone_records.entry(zone.clone()).or_insert_with(|| {
                crate::model::ZoneRecords {
                    zone_id: zone,
                    records: Vec::new(),
                    origin: record.origin.clone(),
                }
            });
            // The plan's record replaces what an export says of the same name and type.
            records
                .records
                .retain(|r| r.name != record.name || r.rtype != record.rtype);
            records.records.push(record);
        }
        A::VpcZonesUnknown { vpc } => {
            if let Some(v) = estate.vpcs.get_mut(&vpc) {
                v.origin.set_unknown(crate::model::ZONE_ASSOCIATIONS);
            }
        }
        A::VpcDhcpOptions { vpc, options } => {
            if let Some(v) = estate.vpcs.get_mut(&vpc) {
                v.dhcp_options_id = Some(options);
            }
        }
        A::VpcCidr { vpc, cidr } => {
            if let Some(v) = estate.vpcs.get_mut(&vpc) {
                if !v.cidrs.iter().any(|c| c.block == cidr.block) {
                    v.cidrs.push(cidr);
                }
            }
        }
    }
}

/// Explicit associations: a subnet has one route table and one NACL, so an association moves it
/// from whatever it had.
fn associate(
    estate: &mut Estate,
    table_of: &BTreeMap<crate::model::SubnetId, crate::model::RtbId>,
    nacl_of: &BTreeMap<crate::model::SubnetId, crate::model::NaclId>,
) {
    if !table_of.is_empty() {
        for t in estate.route_tables.values_mut() {
            t.subnet_ids
                .retain(|s| table_of.get(s).is_none_or(|owner| *owner == t.id));
        }
        for (subnet, table) in table_of {
            if let Some(t) = estate.route_tables.get_mut(table) {
                if !t.subnet_ids.contains(subnet) {
                    t.subnet_ids.push(subnet.clone());
                }
            }
        }
    }
    if !nacl_of.is_empty() {
        for n in estate.nacls.values_mut() {
            n.subnet_ids
                .retain(|s| nacl_of.get(s).is_none_or(|owner| *owner == n.id));
        }
        for (subnet, nacl) in nacl_of {
            if let Some(n) = estate.nacls.get_mut(nacl) {
                if !n.subnet_ids.contains(subnet) {
                    n.subnet_ids.push(subnet.clone());
                }
            }
        }
    }
}

/// AWS gives every route table a `local` route for each block of its VPC; a plan does not list
/// it, an export does.
fn add_local_routes(estate: &mut Estate) {
    let Estate {
        vpcs, route_tables, ..
    } = estate;
    for t in route_tables.values_mut() {
        if t.origin.address().is_none() {
            continue;
        }
        let Some(vpc) = vpcs.get(&t.vpc_id) else {
            continue;
        };
        for c in &vpc.cidrs {
            let present = t
                .routes
                .iter()
                .any(|r| r.target == RouteTarget::Local && r.destination == Some(c.block));
            if !present {
                t.routes.push(Route {
                    destination: Some(c.block),
                    prefix_list: None,
                    target: RouteTarget::Local,
                    state: Some("active".into()),
                    rel: Rel::Own(vpc.origin.path(&c.rel)),
                });
            }
        }
    }
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

/// Lists whose folder names their owner, for an owner no input describes: record sets of a
/// hosted zone without get-hosted-zone or list-hosted-zones output (the zone's name and VPCs are
/// unknown), and a transit gateway route table's routes, associations or propagations without
/// describe-transit-gateway-route-tables output (its gateway is unknown). They would be read for
/// nothing.
fn orphan_records(estate: &Estate, sources: &SourceMap) -> Vec<InputError> {
    let zone_expected =
        "`aws route53 get-hosted-zone --id ZONEID` output beside them, in the same folder";
    let table_expected = "the region's `aws ec2 describe-transit-gateway-route-tables` output \
                          beside the table's folder";
    let mut orphans: Vec<(&crate::model::Origin, String, &str)> = estate
        .zone_records
        .values()
        .filter(|r| !estate.hosted_zones.contains_key(&r.zone_id))
        .map(|r| {
            let message = format!(
                "records of hosted zone `{}` (the folder's name), which no input describes",
                r.zone_id
            );
            (&r.origin, message, zone_expected)
        })
        .collect();
    let tables = [
        estate
            .tgw_routes
            .values()
            .map(|r| (&r.table_id, &r.origin, "routes"))
            .collect::<Vec<_>>(),
        estate
            .tgw_associations
            .values()
            .map(|r| (&r.table_id, &r.origin, "associations"))
            .collect(),
        estate
            .tgw_propagations
            .values()
            .map(|r| (&r.table_id, &r.origin, "propagations"))
            .collect(),
    ];
    for (table, origin, what) in tables.into_iter().flatten() {
        if !estate.tgw_route_tables.contains_key(table) {
            let message = format!(
                "{what} of transit gateway route table `{table}` (the folder's name), which no \
                 input describes"
            );
            orphans.push((origin, message, table_expected));
        }
    }
    let requests: Vec<(FileId, Target)> = orphans
        .iter()
        .map(|(origin, _, _)| (origin.file, target(origin)))
        .collect();
    let resolved = sources.resolve(&requests);
    orphans
        .into_iter()
        .zip(resolved)
        .map(|((origin, message, expected), at)| InputError {
            kind: InputErrorKind::InvalidValue,
            path: sources.path(origin.file).to_path_buf(),
            position: at.as_ref().map(|s| s.position.clone()),
            pointer: Some(origin.pointer.to_string()),
            message,
            expected: Some(expected.into()),
            snippet: at.and_then(|s| sources.text(origin.file).map(|t| (t, s.span))),
        })
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{HostedZone, Record, ZoneRecords, ZoneVpc};

    #[test]
    fn a_destroyed_zone_association_or_record_leaves_the_zone() {
        let origin = Origin::new(FileId(0), "");
        let mut estate = Estate::default();
        estate.hosted_zones.insert(
            "Z1".into(),
            HostedZone {
                id: "Z1".into(),
                name: "example.internal".into(),
                private: true,
                vpcs: Some(
                    ["vpc-1", "vpc-2"]
                        .iter()
                        .map(|v| ZoneVpc {
                            vpc_id: (*v).into(),
                            region: None,
                            origin: origin.clone(),
                        })
                        .collect(),
                ),
                scope: Scope::default(),
                origin: origin.clone(),
            },
        );
        let record = |name: &str, rtype: &str| Record {
            name: name.into(),
            rtype: rtype.into(),
            values: Vec::new(),
            alias: None,
            origin: origin.clone(),
        };
        estate.zone_records.insert(
            "Z1".into(),
            ZoneRecords {
                zone_id: "Z1".into(),
                records: vec![
                    record("api.example.internal", "A"),
                    record("api.example.internal", "TXT"),
                ],
                origin: origin.clone(),
            },
        );
        let removal = |t: &str, id: &str| partial::Removal {
            resource_type: t.into(),
            id: id.into(),
        };
        remove(
            &mut estate,
            &removal("aws_route53_zone_association", "Z1:vpc-2:eu-west-1"),
        );
        remove(
            &mut estate,
            &removal("aws_route53_record", "Z1_api.example.internal_A"),
        );
        let vpcs: Vec<&str> = estate.hosted_zones["Z1"]
            .vpcs
            .iter()
            .flatten()
            .map(|v| v.vpc_id.as_str())
            .collect();
        assert_eq!(vpcs, ["vpc-1"]);
        let left: Vec<&str> = estate.zone_records["Z1"]
            .records
            .iter()
            .map(|r| r.rtype.as_str())
            .collect();
        assert_eq!(left, ["TXT"]);
    }
}
