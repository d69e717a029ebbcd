//! The rules: one file per rule, each a pure function of the model, and the registry that runs
//! them in parallel.

mod aiven;
mod api;
pub(crate) mod config;
mod connectivity;
mod dns;
mod endpoints;
mod network;
mod peering;
pub(crate) mod policy;
mod refs;
mod security_groups;
mod services;

use rayon::prelude::*;

use crate::finding::{Finding, Severity};
use crate::model::Estate;
use crate::net::{EndpointAccess, Network, ReachConfig};
use crate::policy::Policies;

/// What kind of problem a rule finds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Category {
    /// Traffic will fail.
    Correctness,
    /// Access wider than intended.
    Security,
    /// Works today, fails when a zone does.
    Resilience,
    /// Untidy or misleading.
    Hygiene,
}

impl Category {
    /// Every category.
    pub const ALL: [Category; 4] = [
        Category::Correctness,
        Category::Security,
        Category::Resilience,
        Category::Hygiene,
    ];

    /// Lower-case name used in selectors and output.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Correctness => "correctness",
            Category::Security => "security",
            Category::Resilience => "resilience",
            Category::Hygiene => "hygiene",
        }
    }
}

/// What a rule sees: the model, and what is derived from it once per run.
pub struct Context<'a> {
    /// The Estate.
    pub estate: &'a Estate,
    /// The custom rules of the configuration, which `vpclint:ignore` tags may name.
    pub custom_rules: &'a [&'static RuleDef],
    /// Every endpoint and REST API policy, parsed.
    pub policies: &'a Policies,
    /// Accounts that policies and endpoint services may name (from `trusted-accounts`, or, when
    /// that is not configured, the accounts owning resources in the estate), sorted.
    pub trusted_accounts: &'a [String],
    /// Whether `trusted_accounts` came from the configuration.
    pub trusted_configured: bool,
    /// The network model of the Estate: for the rules that [`reads_network`] names, which run
    /// after it is built (`None` for the others, which run while it is built).
    pub network: Option<&'a Network<'a>>,
    /// Access analysis of every interface endpoint (empty unless a rule that reads it runs).
    pub access: &'a [EndpointAccess<'a>],
    /// `[[service]]` and `[[clients]]` of the configuration.
    pub reach: &'a ReachConfig,
}

/// Codes of the rules that read [`Context::access`]; the analysis runs only when one is
/// selected.
pub const READS_ACCESS: &[&str] = &["NET001", "VPCE001", "VPCE004", "VPCE005"];

/// Codes of the rules that read [`Context::network`] (tests/suite/rule_docs.rs checks this list and
/// the others against the rules' sources).
pub const READS_NETWORK: &[&str] = &["VPCE001"];

/// Whether `rule` reads the network model or the access analysis, and so must run after them.
pub fn reads_network(rule: &RuleDef) -> bool {
    READS_NETWORK.contains(&rule.code) || READS_ACCESS.contains(&rule.code)
}

/// Codes of the rules that read [`Context::policies`]; policies are parsed only when one is
/// selected (tests/suite/rule_docs.rs checks the list against the rules' sources).
pub const READS_POLICIES: &[&str] = &["API001", "POL001", "POL002", "POL003", "POL004"];

/// A rule's metadata and check function.
#[derive(Debug)]
pub struct RuleDef {
    /// Short stable code (`VPCE002`).
    pub code: &'static str,
    /// Stable kebab-case name (`single-az-endpoint`).
    pub name: &'static str,
    /// Category.
    pub category: Category,
    /// Default severity.
    pub severity: Severity,
    /// The rule's document (`rules/CODE-name.md`).
    pub doc: &'static str,
    /// The check.
    pub check: fn(&Context<'_>) -> Vec<Finding>,
}

impl RuleDef {
    /// The one-line summary from the document's front matter.
    pub fn summary(&self) -> &'static str {
        self.front_matter("summary").unwrap_or_default()
    }

    /// A value of the document's front matter (`key: value` lines between `---` fences).
    pub fn front_matter(&self, key: &str) -> Option<&'static str> {
        let body = self.doc.strip_prefix("---\n")?;
        let end = body.find("\n---")?;
        body.get(..end)?.lines().find_map(|line| {
            let (k, v) = line.split_once(':')?;
            (k.trim() == key).then(|| v.trim())
        })
    }

    /// The document without its front matter.
    pub fn body(&self) -> &'static str {
        self.doc
            .strip_prefix("---\n")
            .and_then(|b| b.find("\n---\n").and_then(|i| b.get(i + 5..)))
            .unwrap_or(self.doc)
            .trim_start()
    }
}

/// Every rule, sorted by code.
pub static ALL: &[&RuleDef] = &[
    &aiven::unsupported::RULE,
    &aiven::access_disabled::RULE,
    &aiven::endpoint_service_mismatch::RULE,
    &aiven::not_active::RULE,
    &aiven::principal_whole_account::RULE,
    &api::private_api_unreachable::RULE,
    &config::unused_suppression::RULE,
    &dns::private_dns_disabled::RULE,
    &dns::vpc_dns_attributes_disabled::RULE,
    &dns::private_dns_conflict::RULE,
    &network::nacl_blocks_endpoint::RULE,
    &peering::peering_cidr_overlap::RULE,
    &policy::wildcard_principal::RULE,
    &policy::full_access_policy::RULE,
    &policy::invalid_policy::RULE,
    &policy::untrusted_principal::RULE,
    &security_groups::endpoint_open_to_world::RULE,
    &services::endpoint_service_open_principals::RULE,
    &endpoints::endpoint_port_blocked::RULE,
    &endpoints::single_az_endpoint::RULE,
    &endpoints::endpoint_not_available::RULE,
    &endpoints::endpoint_port_range_incomplete::RULE,
    &endpoints::endpoint_missing_client_az::RULE,
];

/// Looks a rule up by code or name.
pub fn find(key: &str) -> Option<&'static RuleDef> {
    ALL.iter()
        .copied()
        .find(|r| r.code.eq_ignore_ascii_case(key) || r.name == key)
}

/// Runs `rules` in parallel; the order of the result is not meaningful (the report sorts).
pub fn run(rules: &[&'static RuleDef], cx: &Context<'_>) -> Vec<Finding> {
    rules.par_iter().flat_map_iter(|r| (r.check)(cx)).collect()
}
