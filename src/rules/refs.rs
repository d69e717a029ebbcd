//! Shared vocabulary of the rules: resource references and endpoint life-cycle states.

use crate::finding::{ResourceRef, Spot};
use crate::model::{is_unknown, Estate, Peering, RestApi, Subnet, Vpc, VpcEndpoint, VpcId, VpceId};

/// The endpoint as a finding's resource.
pub fn endpoint(ep: &VpcEndpoint) -> ResourceRef {
    ResourceRef::at("vpc-endpoint", &ep.id, &ep.scope, &ep.origin)
}

/// The REST API as a finding's resource.
pub fn rest_api(api: &RestApi) -> ResourceRef {
    ResourceRef::at("rest-api", &api.id, &api.scope, &api.origin)
}

/// `a1b2c3d4e5 (orders)`-style short description of a REST API used in messages.
pub fn describe_api(api: &RestApi) -> String {
    if api.name.is_empty() {
        format!("`{}`", api.id)
    } else {
        format!("`{}` (`{}`)", api.id, api.name)
    }
}

/// The subnet as a finding's resource.
pub fn subnet(s: &Subnet) -> ResourceRef {
    ResourceRef::at("subnet", &s.id, &s.scope, &s.origin)
}

/// The VPC as a finding's resource.
pub fn vpc(v: &Vpc) -> ResourceRef {
    ResourceRef::at("vpc", &v.id, &v.scope, &v.origin)
}

/// A VPC by id, with its place when the Estate has it.
pub fn vpc_by_id(estate: &Estate, id: &VpcId) -> (ResourceRef, Option<Spot>) {
    match estate.vpcs.get(id) {
        Some(v) => (vpc(v), Some(Spot::value(&v.origin))),
        None => (
            ResourceRef::new("vpc", id, &crate::model::Scope::default()),
            None,
        ),
    }
}

/// The hosted zone as a finding's resource.
pub fn zone(z: &crate::model::HostedZone) -> ResourceRef {
    ResourceRef::at("hosted-zone", &z.id, &z.scope, &z.origin)
}

/// The place of a resolution step.
pub fn step_spot(step: &crate::net::resolve::Step) -> Spot {
    match &step.member {
        Some(m) => Spot::member(&step.origin, m),
        None => Spot::value(&step.origin),
    }
}

/// The peering as a finding's resource.
pub fn peering(p: &Peering) -> ResourceRef {
    let scope = crate::model::Scope {
        account: p.requester.owner_id.clone(),
        region: p.requester.region.clone(),
    };
    ResourceRef::at("vpc-peering-connection", &p.id, &scope, &p.origin)
}

/// Whether an endpoint in this state is gone or going, so that its configuration no longer
/// matters.
pub fn is_gone(state: &str) -> bool {
    crate::model::state_is_gone(state)
}

/// Whether `ep` is an interface endpoint that is not gone or going: what the rules about an
/// endpoint's interfaces look at.
pub fn is_live_interface(ep: &VpcEndpoint) -> bool {
    ep.kind == crate::model::EndpointKind::Interface && !is_gone(&ep.state)
}

/// `vpce-1 (com.amazonaws.eu-west-1.sts)`-style short description used in messages.
pub fn describe(ep: &VpcEndpoint) -> String {
    format!("`{}` (`{}`)", ep.id, ep.service_name)
}

/// How a policy names an endpoint (`aws:SourceVpce`): its id; for an endpoint a plan creates
/// (whose id is its address), the Terraform expression of the id; a placeholder when unknown.
pub fn vpce_in_policy(id: &VpceId) -> String {
    let id = id.as_str();
    if is_unknown(id) {
        "vpce-0123456789abcdef0".to_owned()
    } else if id.starts_with("vpce-") {
        id.to_owned()
    } else {
        format!("${{{id}.id}}")
    }
}
