//! The rules: one file per rule, each a pure function of the model, and the registry that runs
//! them in parallel.

mod aiven;
mod api;
pub(crate) mod config;
mod connectivity;
mod dns;
mod endpoints;
mod gateway;
mod network;
mod peering;
mod placement;
pub(crate) mod policy;
mod refs;
mod security_groups;
mod services;
pub(crate) mod transit;

use rayon::prelude::*;

use crate::finding::Finding;
pub use crate::meta::{Category, RuleMeta};
use crate::model::Estate;
use crate::net::{EndpointAccess, Network, ReachConfig};
use crate::policy::Policies;

/// What every rule sees: the model and the settings. What is derived from the model at a cost
/// (parsed policies, the network and its access analysis) is not here: a rule receives it as an
/// argument when its declaration's `input` asks for it, so reading it undeclared does not compile:
///
/// ```compile_fail
/// fn check(cx: &vpclint::rules::Context<'_>) -> Vec<vpclint::finding::Finding> {
///     let _ = cx.policies;
///     Vec::new()
/// }
/// ```
pub struct Context<'a> {
    /// The Estate.
    pub estate: &'a Estate,
    /// The custom rules of the configuration, which `vpclint:ignore` tags may name.
    pub custom_rules: &'a [&'static RuleMeta],
    /// Accounts that policies and endpoint services may name (from `trusted-accounts`, or, when
    /// that is not configured, the accounts owning resources in the estate), sorted.
    pub trusted_accounts: &'a [String],
    /// Whether `trusted_accounts` came from the configuration.
    pub trusted_configured: bool,
    /// Whether `trusted_accounts` holds the accounts of an organisation (an
    /// `organizations list-accounts` output among the inputs, as `--org` reads and exports).
    pub trusted_organization: bool,
    /// `[[service]]` and `[[clients]]` of the configuration.
    pub reach: &'a ReachConfig,
}

/// What a rule needs besides the [`Context`], and so the shape of its check: the `input` of its
/// declaration.
#[derive(Clone, Copy)]
pub enum Check {
    /// The Estate alone.
    Estate(fn(&Context<'_>) -> Vec<Finding>),
    /// Every endpoint and REST API policy, parsed.
    Policies(fn(&Context<'_>, &Policies) -> Vec<Finding>),
    /// The network model and the access analysis of every interface endpoint.
    Access(fn(&Context<'_>, &Network<'_>, &[EndpointAccess<'_>]) -> Vec<Finding>),
}

impl std::fmt::Debug for Check {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Check::Estate(_) => "Estate",
            Check::Policies(_) => "Policies",
            Check::Access(_) => "Access",
        })
    }
}

/// The data derived from the Estate that the selected rules need, built once per run.
#[derive(Clone, Copy, Default)]
pub struct Derived<'a> {
    /// Parsed policies, when a selected rule has `input: Policies`.
    pub policies: Option<&'a Policies>,
    /// The network and its access analysis, when a selected rule has `input: Access`.
    pub access: Option<(&'a Network<'a>, &'a [EndpointAccess<'a>])>,
}

/// A rule: its description and its check.
#[derive(Debug)]
pub struct RuleDef {
    /// Code, name, category, severity and document.
    pub meta: RuleMeta,
    /// The check, shaped by what it needs.
    pub check: Check,
}

impl std::ops::Deref for RuleDef {
    type Target = RuleMeta;

    fn deref(&self) -> &RuleMeta {
        &self.meta
    }
}

impl RuleDef {
    /// Whether the rule needs the parsed policies.
    pub fn needs_policies(&self) -> bool {
        matches!(self.check, Check::Policies(_))
    }

    /// Whether the rule needs the network and the access analysis, and so runs after them.
    pub fn needs_access(&self) -> bool {
        matches!(self.check, Check::Access(_))
    }

    /// Runs the check on what it declared.
    ///
    /// # Panics
    /// When the scheduler did not build what the rule declared: a bug in the scheduler, named
    /// with the rule, never a silent empty input.
    pub fn run(&self, cx: &Context<'_>, derived: Derived<'_>) -> Vec<Finding> {
        match (self.check, derived) {
            (Check::Estate(check), _) => check(cx),
            (
                Check::Policies(check),
                Derived {
                    policies: Some(p), ..
                },
            ) => check(cx, p),
            (
                Check::Access(check),
                Derived {
                    access: Some((network, access)),
                    ..
                },
            ) => check(cx, network, access),
            (check, _) => panic!(
                "rule {} runs without its input {check:?}: the scheduler did not build it",
                self.code
            ),
        }
    }
}

/// Declares a rule in its file: `pub static RULE`, the one place its code, name, category,
/// default severity, input and document live. The doc comment's first line is the summary, the
/// rest the document below its title (`## What it does`, `## Why is this bad?`, `## Example`,
/// `## References`). `input` is `Estate`, `Policies` or `Access`, and shapes `check`'s
/// arguments ([`Check`]). The registry ([`ALL`]) is generated from these declarations.
macro_rules! declare_rule {
    (
        #[doc = $summary:literal]
        $(#[doc = $doc:literal])*
        $code:ident $name:literal {
            category: $category:ident,
            severity: $severity:ident,
            input: $input:ident,
            check: $check:path $(,)?
        }
    ) => {
        #[doc = $summary]
        $(#[doc = $doc])*
        pub static RULE: $crate::rules::RuleDef = $crate::rules::RuleDef {
            meta: $crate::meta::RuleMeta {
                code: stringify!($code),
                name: $name,
                category: $crate::meta::Category::$category,
                severity: $crate::meta::Severity::$severity,
                summary: $summary.trim_ascii(),
                doc: concat!($($doc, "\n"),*),
            },
            check: $crate::rules::Check::$input($check),
        };
    };
}
pub(crate) use declare_rule;

include!(concat!(env!("OUT_DIR"), "/rules/registry.rs"));

/// Every rule's description, sorted by code.
pub fn metas() -> impl Iterator<Item = &'static RuleMeta> {
    ALL.iter().map(|r| &r.meta)
}

/// Looks a rule up by code or name.
pub fn find(key: &str) -> Option<&'static RuleDef> {
    ALL.iter()
        .copied()
        .find(|r| r.code.eq_ignore_ascii_case(key) || r.name == key)
}

/// Runs `rules` in parallel; the order of the result is not meaningful (the report sorts).
pub fn run(rules: &[&'static RuleDef], cx: &Context<'_>, derived: Derived<'_>) -> Vec<Finding> {
    rules
        .par_iter()
        .flat_map_iter(|r| r.run(cx, derived))
        .collect()
}
