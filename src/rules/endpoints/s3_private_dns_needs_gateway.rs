//! VPCE010 `s3-private-dns-needs-gateway`.

use crate::finding::{Action, Finding, Remedy, Spot};
use crate::model::{is_unknown, EndpointKind, VpcEndpoint};
use crate::rules::connectivity::table_ref;
use crate::rules::placement::{gateways_in, s3_service, Routes};
use crate::rules::{declare_rule, refs, Context};

declare_rule! {
    /// S3 interface endpoint with private DNS for inbound Resolver endpoints only, and no S3 gateway endpoint
    ///
    /// ## What it does
    /// Reports S3 interface endpoints with private DNS on whose `DnsOptions`
    /// `PrivateDnsOnlyForInboundResolverEndpoint` is true (the default when private DNS is on; an
    /// export without `DnsOptions` is taken to have it) while the VPC has no S3 gateway endpoint
    /// that is not being deleted. A planned endpoint whose `dns_options` Terraform knows only after
    /// apply is not judged.
    ///
    /// ## Why is this bad?
    /// With that option, the endpoint's private DNS answers only queries that arrive through an
    /// inbound Resolver endpoint (on-premises clients); the VPC's own S3 traffic is meant to take
    /// the gateway endpoint. AWS refuses to create such an endpoint without an S3 gateway endpoint
    /// in the VPC, and deleting the gateway endpoint afterwards leaves the VPC's S3 traffic with
    /// neither: it goes out through a NAT gateway, or fails in a private subnet.
    ///
    /// ## Example
    /// ```json
    /// {"VpcEndpoints": [{"VpcEndpointId": "vpce-0a1", "VpcEndpointType": "Interface",
    ///   "VpcId": "vpc-1", "ServiceName": "com.amazonaws.eu-west-1.s3", "State": "available",
    ///   "PrivateDnsEnabled": true,
    ///   "DnsOptions": {"PrivateDnsOnlyForInboundResolverEndpoint": true}}]}
    /// ```
    ///
    /// Use instead: a gateway endpoint for S3 on the VPC's route tables,
    /// ```sh
    /// aws ec2 create-vpc-endpoint --vpc-endpoint-type Gateway --vpc-id vpc-1 \
    ///   --service-name com.amazonaws.eu-west-1.s3 --route-table-ids rtb-1 rtb-2
    /// ```
    /// or let the interface endpoint's private DNS answer the VPC too
    /// (`--dns-options PrivateDnsOnlyForInboundResolverEndpoint=false`).
    ///
    /// ## References
    /// - [Private DNS for Amazon S3 interface endpoints](https://docs.aws.amazon.com/AmazonS3/latest/userguide/privatelink-interface-endpoints.html#private-dns)
    VPCE010 "s3-private-dns-needs-gateway" {
        category: Correctness,
        severity: Error,
        input: Estate,
        check: check,
    }
}

fn check(cx: &Context<'_>) -> Vec<Finding> {
    let estate = cx.estate;
    let routes = Routes::new(estate);
    estate
        .endpoints
        .values()
        .filter(|ep| applies(ep))
        .filter(|ep| gateways_in(estate, &ep.vpc_id, &ep.service_name).next().is_none())
        .map(|ep| {
            let default = if ep.private_dns_only_inbound.is_none() {
                " (the default when private DNS is on)"
            } else {
                ""
            };
            let message = format!(
                "S3 interface endpoint {} answers private DNS only for inbound Resolver endpoints{default}, but `{}` has no S3 gateway endpoint: the VPC's own S3 traffic takes neither endpoint",
                refs::describe(ep),
                ep.vpc_id
            );
            let (vpc, _) = refs::vpc_by_id(estate, &ep.vpc_id);
            let tables = routes.tables_in(&ep.vpc_id).iter().map(|t| table_ref(t)).collect();
            let help = Remedy::say("Create the S3 gateway endpoint: ")
                .then(Action::CreateGatewayEndpoint {
                    vpc,
                    service: ep.service_name.clone(),
                    tables,
                })
                .then_say("; or let the interface endpoint answer the VPC too: ")
                .then(Action::EndpointInboundOnlyDns {
                    endpoint: refs::endpoint(ep),
                    on: false,
                });
            let spot = if ep.private_dns_only_inbound.is_some() {
                Spot::member(&ep.origin, "DnsOptions")
            } else {
                Spot::member(&ep.origin, "PrivateDnsEnabled")
            };
            Finding::new(&RULE, refs::endpoint(ep), message)
                .at(spot, "private DNS for inbound Resolver endpoints only")
                .remedy(help)
        })
        .collect()
}

/// An S3 interface endpoint of an AWS region with private DNS for inbound Resolver endpoints
/// only, as far as the input knows.
fn applies(ep: &VpcEndpoint) -> bool {
    ep.kind == EndpointKind::Interface
        && !refs::is_gone(&ep.state)
        && !is_unknown(ep.vpc_id.as_str())
        && s3_service(ep).as_deref() == Some(ep.service_name.as_str())
        && ep.private_dns_on()
        && ep.origin.known("DnsOptions")
        && ep.private_dns_only_inbound != Some(false)
}
