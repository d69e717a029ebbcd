//! DNS001 `private-dns-disabled`.

use crate::finding::{Action, Finding, Remedy, Spot};
use crate::model::{EndpointKind, Estate, VpcEndpoint, RECORD_SETS, ZONE_ASSOCIATIONS};
use crate::net::resolve::{Answer, Resolver};
use crate::rules::{declare_rule, refs, Context};

declare_rule! {
    /// Interface endpoint with private DNS off for a service that offers a private DNS name
    ///
    /// ## What it does
    /// Reports interface endpoints with `PrivateDnsEnabled: false` whose service offers a private DNS
    /// name. Whether it does comes from describe-vpc-endpoint-services (`PrivateDnsName(s)`), or from
    /// describe-vpc-endpoint-service-configurations for your own services; without either, an AWS service
    /// (`com.amazonaws.<region>.<service>`) is taken to offer one, and a partner or customer service
    /// (`com.amazonaws.vpce.<region>.vpce-svc-…`) is not reported.
    ///
    /// It stays silent when private DNS off is deliberate: another interface endpoint of the same service
    /// in the same VPC already has private DNS on, (for S3) a gateway endpoint in the VPC carries the
    /// traffic, or a private hosted zone associated with the VPC answers the service's name with this
    /// endpoint (the centralised pattern: the zone, aliased to the endpoint's regional DNS name, is
    /// shared with other VPCs, which the endpoint's private DNS would not reach). Gateway endpoints have
    /// no private DNS and are never checked.
    ///
    /// ## Why is this bad?
    /// With private DNS off, the service's usual name (`secretsmanager.eu-west-1.amazonaws.com`) keeps
    /// resolving to public addresses. SDKs and CLIs use that name, so traffic leaves through a NAT or
    /// internet gateway — or fails in a private subnet — while the endpoint sits unused.
    ///
    /// ## Example
    /// ```json
    /// {"VpcEndpoints": [{"VpcEndpointId": "vpce-0a1", "VpcEndpointType": "Interface",
    ///   "VpcId": "vpc-1", "ServiceName": "com.amazonaws.eu-west-1.secretsmanager",
    ///   "State": "available", "PrivateDnsEnabled": false, "SubnetIds": ["subnet-a", "subnet-b"]}]}
    /// ```
    ///
    /// Use instead:
    /// ```sh
    /// aws ec2 modify-vpc-endpoint --vpc-endpoint-id vpce-0a1 --private-dns-enabled
    /// ```
    /// The VPC needs `enableDnsSupport` and `enableDnsHostnames` (see `vpc-dns-attributes-disabled`).
    /// If clients deliberately use the endpoint-specific names (`vpce-….vpce.amazonaws.com`), suppress
    /// the finding for that endpoint.
    ///
    /// ## References
    /// - [Private DNS for interface endpoints](https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-access-aws-services.html#interface-endpoint-private-dns)
    DNS001 "private-dns-disabled" {
        category: Correctness,
        severity: Warning,
        input: Estate,
        check: check,
    }
}

/// What the service offers: `Some(names)` when it has private DNS (names may be unknown, for an
/// AWS service without describe-vpc-endpoint-services data), `None` when it has none or we cannot tell.
fn private_dns_names(estate: &Estate, ep: &VpcEndpoint) -> Option<Vec<String>> {
    let service = ep.service_name.as_str();
    if let Some(s) = estate.service_for(ep) {
        return (!s.private_dns_names.is_empty()).then(|| s.private_dns_names.clone());
    }
    if let Some(c) = estate
        .service_configurations
        .values()
        .find(|c| c.service_name.as_deref() == Some(service))
    {
        return c.private_dns_name.clone().map(|n| vec![n]);
    }
    // Every AWS service reached through an interface endpoint offers private DNS; partner and
    // customer services (com.amazonaws.vpce.…) only when their details say so.
    let aws = service.starts_with("com.amazonaws.") && !service.starts_with("com.amazonaws.vpce.");
    aws.then(Vec::new)
}

fn check(cx: &Context<'_>) -> Vec<Finding> {
    let estate = cx.estate;
    // Built only when some endpoint has private DNS off and a zone could stand in for it.
    let resolver = std::cell::OnceCell::new();
    // A plan may leave the zones of the VPC or their records unknown until apply: a zone that
    // could stand in for private DNS is then not ruled out.
    let zoned = |ep: &VpcEndpoint, names: &[String]| {
        let unknown_zones = estate
            .vpcs
            .get(&ep.vpc_id)
            .is_some_and(|v| !v.origin.known(ZONE_ASSOCIATIONS));
        unknown_zones
            || !estate.hosted_zones.is_empty()
                && names.iter().any(|n| {
                    let r = resolver.get_or_init(|| Resolver::new(estate));
                    let probe = n.strip_prefix("*.").map_or(n.clone(), |d| format!("x.{d}"));
                    match r.resolve(&ep.vpc_id, &probe).answer {
                        Answer::ZoneEndpoint { endpoint, .. } => endpoint.id == ep.id,
                        Answer::ZoneUnread(zone) => !zone.origin.known(RECORD_SETS),
                        _ => false,
                    }
                })
    };
    estate
        .endpoints
        .values()
        .filter(|ep| {
            ep.kind == EndpointKind::Interface
                && ep.private_dns_enabled == Some(false)
                && !refs::is_gone(&ep.state)
        })
        .filter(|ep| !covered_elsewhere(estate, ep))
        .filter_map(|ep| {
            let names = private_dns_names(estate, ep)?;
            let derived;
            let known = if names.is_empty() {
                derived = crate::net::resolve::private_dns_names(estate, ep);
                &derived
            } else {
                &names
            };
            if zoned(ep, known) {
                return None;
            }
            let name = match names.first() {
                Some(n) => format!("`{n}`"),
                None => "the service's default DNS name".into(),
            };
            let message = format!(
                "Interface endpoint {} has private DNS disabled: {name} does not resolve to this endpoint, so clients using it bypass the endpoint",
                refs::describe(ep)
            );
            let help = Remedy::say("Enable private DNS: ")
                .then(Action::EndpointPrivateDns {
                    endpoint: refs::endpoint(ep),
                    on: true,
                })
                .then_say(format!(
                    " (the VPC `{}` needs enableDnsSupport and enableDnsHostnames); or point clients at the endpoint's own DNS names",
                    ep.vpc_id
                ));
            Some(
                Finding::new(&RULE, refs::endpoint(ep), message)
                    .at(
                        Spot::member(&ep.origin, "PrivateDnsEnabled"),
                        "private DNS is off",
                    )
                    .remedy(help),
            )
        })
        .collect()
}

/// Private DNS off is deliberate when the name is already served in this VPC: another interface
/// endpoint of the same service has it on, or (for S3) a gateway endpoint carries the traffic.
fn covered_elsewhere(estate: &Estate, ep: &VpcEndpoint) -> bool {
    estate.endpoints_in(&ep.vpc_id).any(|other| {
        other.id != ep.id
            && other.service_name == ep.service_name
            && !refs::is_gone(&other.state)
            && (other.private_dns_on()
                || (other.kind == EndpointKind::Gateway && ep.service_name.ends_with(".s3")))
    })
}
