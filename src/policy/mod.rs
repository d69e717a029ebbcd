//! The IAM policy language as AWS defines it, for endpoint policies and REST API resource
//! policies: a JSON parser that keeps spans ([`json`]), the typed tree with the problems found
//! while building it ([`document`]), condition operators ([`condition`]), wildcard and ARN
//! matching ([`matching`]) and evaluation helpers ([`eval`]).
//!
//! Every element of the tree keeps its JSON pointer and its span in the decoded policy text, so
//! a finding can point at the exact member; the span module maps the pointer back through the
//! escapes of the string that holds the policy to the file's line and column.
//!
//! [`Policies`] parses every policy of an Estate once per run, before the rules run.

pub mod condition;
pub mod document;
pub mod eval;
pub mod json;
pub mod matching;

use std::collections::BTreeMap;

use rayon::prelude::*;

pub use document::{
    At, Condition, Effect, Flavor, Gravity, List, Loc, Parsed, Policy, Principal, Problem,
    Statement, Text,
};

use crate::model::{Estate, RestApiId, VpceId};

/// The parsed policies of an Estate: endpoint policies and REST API resource policies.
#[derive(Debug, Default)]
pub struct Policies {
    endpoints: BTreeMap<VpceId, Parsed>,
    rest_apis: BTreeMap<RestApiId, Parsed>,
}

impl Policies {
    /// Parses every policy of `estate`, in parallel.
    pub fn build(estate: &Estate) -> Policies {
        Policies {
            endpoints: estate
                .endpoints
                .par_iter()
                .map(|(_, e)| e)
                .filter_map(|e| {
                    let text = e.policy.as_deref()?;
                    Some((e.id.clone(), document::parse(text, Flavor::Endpoint)))
                })
                .collect(),
            rest_apis: estate
                .rest_apis
                .par_iter()
                .map(|(_, a)| a)
                .filter_map(|a| {
                    let text = a.policy.as_deref()?;
                    Some((a.id.clone(), document::parse(text, Flavor::RestApi)))
                })
                .collect(),
        }
    }

    /// An endpoint's policy, if it has one.
    pub fn endpoint(&self, id: &VpceId) -> Option<&Parsed> {
        self.endpoints.get(id)
    }

    /// A REST API's resource policy, if it has one.
    pub fn rest_api(&self, id: &RestApiId) -> Option<&Parsed> {
        self.rest_apis.get(id)
    }
}
