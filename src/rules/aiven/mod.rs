//! Aiven services over AWS PrivateLink: both sides of the link checked against each other.

pub mod access_disabled;
pub mod endpoint_service_mismatch;
pub mod not_active;
pub mod principal_whole_account;
pub mod support;
pub mod unsupported;

use crate::finding::ResourceRef;
use crate::model::{AivenService, Estate, Scope, VpcEndpoint};

/// The Aiven service as a finding's resource; its region is its cloud's.
pub fn service_ref(s: &AivenService) -> ResourceRef {
    let scope = Scope {
        account: None,
        region: s.aws_region().map(str::to_owned),
    };
    ResourceRef::new("aiven-service", &s.name, &scope)
}

/// The Aiven services of a type that supports PrivateLink; the others are only
/// `aiven-privatelink-unsupported`'s concern, since nothing else about their link can work.
pub fn supported(estate: &Estate) -> impl Iterator<Item = &AivenService> {
    estate
        .aiven_services
        .values()
        .filter(|s| support::unsupported(&s.service_type).is_none())
}

/// The endpoints connecting to the service's PrivateLink, in id order.
pub fn endpoints_of<'a>(estate: &'a Estate, s: &'a AivenService) -> Vec<&'a VpcEndpoint> {
    match s.aws_service_name() {
        Some(name) => estate.endpoints_to(name).collect(),
        None => Vec::new(),
    }
}
