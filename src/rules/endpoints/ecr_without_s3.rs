//! VPCE007 `ecr-without-s3`.

use crate::finding::{Action, Finding, Remedy, Spot};
use crate::model::{is_unknown, EndpointKind, Estate, Subnet, VpcEndpoint};
use crate::policy::matching::glob;
use crate::policy::{Effect, List, Policies, Policy, Statement};
use crate::rules::connectivity::{ids, table_ref};
use crate::rules::placement::{
    default_route_out, gateway_covers, gateways_in, s3_service, Routes, Workloads,
};
use crate::rules::policy::{endpoint_spot, policy_known, tree};
use crate::rules::{declare_rule, refs, Context};

declare_rule! {
    /// ECR registry endpoints whose clients have no path to S3 for image layers, or an S3 endpoint policy without the layer bucket
    ///
    /// ## What it does
    /// For every `ecr.dkr` interface endpoint that is not being deleted (the registry API that
    /// pulls go through; `ecr.api` alone serves ECR's own API, and a VPC with only that one pulls
    /// nothing through its endpoints, so it is not judged), looks at the subnets of its VPC with workloads (network interfaces other
    /// than those of endpoints and load balancers; every subnet when the input lists none of the
    /// VPC's). A subnet has a path to S3 when its route table (explicit, else main) has the route
    /// of an S3 gateway endpoint, or an IPv4 or IPv6 default route to an internet or NAT gateway,
    /// or when the VPC has an S3 interface endpoint with private DNS on. Subnets with none are
    /// reported on the ECR endpoint.
    ///
    /// Where the path is an S3 gateway endpoint, its policy must allow `s3:GetObject` on
    /// `arn:aws:s3:::prod-REGION-starport-layer-bucket/*`; a policy with no `Allow` statement that
    /// does (conditions are taken to hold), or with an unconditional `Deny` of it, is reported on
    /// the gateway endpoint, at the statement that grants `s3:GetObject` elsewhere, else at the
    /// policy.
    ///
    /// It does not see whether a NAT route is meant to carry S3 traffic, whether a firewall or
    /// proxy on that path lets it through, nor the policies of S3 interface endpoints; subnets whose
    /// route table is known only after apply are not judged.
    ///
    /// ## Why is this bad?
    /// ECR serves image layers from S3: "Amazon ECR uses Amazon S3 to store your image layers"
    /// (ECR user guide). A private subnet with `ecr.api` and `ecr.dkr` endpoints but no way to S3
    /// authenticates and reads manifests, then fails to pull every layer; so does one whose S3
    /// gateway endpoint policy leaves the layer bucket out.
    ///
    /// ## Example
    /// ```json
    /// {"VpcEndpoints": [{"VpcEndpointId": "vpce-dkr", "VpcEndpointType": "Interface",
    ///   "VpcId": "vpc-1", "ServiceName": "com.amazonaws.eu-west-1.ecr.dkr",
    ///   "State": "available", "PrivateDnsEnabled": true, "SubnetIds": ["subnet-a"]}]}
    /// ```
    /// with no S3 gateway endpoint and no NAT gateway route in `subnet-a`'s route table.
    ///
    /// Use instead:
    /// ```sh
    /// aws ec2 create-vpc-endpoint --vpc-endpoint-type Gateway --vpc-id vpc-1 \
    ///   --service-name com.amazonaws.eu-west-1.s3 --route-table-ids rtb-a
    /// ```
    ///
    /// ## References
    /// - [Amazon ECR interface VPC endpoints: create the Amazon S3 gateway endpoint](https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html#ecr-setting-up-s3-gateway)
    /// - [Minimum Amazon S3 bucket permissions for Amazon ECR](https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html#ecr-minimum-s3-perms)
    VPCE007 "ecr-without-s3" {
        category: Correctness,
        severity: Error,
        input: Policies,
        check: check,
    }
}

fn check(cx: &Context<'_>, policies: &Policies) -> Vec<Finding> {
    let estate = cx.estate;
    let workloads = Workloads::new(estate);
    let routes = Routes::new(estate);
    let mut out = Vec::new();
    for ep in estate.endpoints.values() {
        if !is_ecr(ep) || refs::is_gone(&ep.state) || is_unknown(ep.vpc_id.as_str()) {
            continue;
        }
        let Some(s3) = s3_service(ep) else {
            continue;
        };
        let s3_interface = estate.endpoints_in(&ep.vpc_id).any(|e| {
            e.kind == EndpointKind::Interface
                && e.service_name == s3
                && !refs::is_gone(&e.state)
                && e.private_dns_on()
                && e.private_dns_only_inbound != Some(true)
        });
        if s3_interface {
            continue;
        }
        let gateways: Vec<&VpcEndpoint> = gateways_in(estate, &ep.vpc_id, &s3).collect();
        let mut without: Vec<&Subnet> = Vec::new();
        let mut through: Vec<&VpcEndpoint> = Vec::new();
        for s in workloads.clients(estate, &ep.vpc_id).subnets {
            let Some(t) = routes.table_of(s) else {
                continue;
            };
            if let Some(g) = gateways.iter().find(|g| gateway_covers(g, t)) {
                if !through.iter().any(|x| x.id == g.id) {
                    through.push(g);
                }
            } else if !default_route_out(t) {
                without.push(s);
            }
        }
        if !without.is_empty() {
            out.push(no_path(estate, &routes, ep, &s3, &without));
        }
        for g in through {
            out.extend(layer_bucket_denied(policies, ep, g));
        }
    }
    out
}

/// An `ecr.dkr` interface endpoint of an AWS region: the registry that image pulls go through.
fn is_ecr(ep: &VpcEndpoint) -> bool {
    ep.kind == EndpointKind::Interface
        && ep.service_name.starts_with("com.amazonaws.")
        && ep.service_name.ends_with(".ecr.dkr")
}

fn no_path(
    estate: &Estate,
    routes: &Routes<'_>,
    ep: &VpcEndpoint,
    s3: &str,
    without: &[&Subnet],
) -> Finding {
    let names: Vec<&str> = without.iter().map(|s| s.id.as_str()).collect();
    let message = format!(
        "ECR endpoint {} serves subnet{} {} with no path to S3 (no S3 gateway endpoint on their route table, no S3 interface endpoint with private DNS, no default route to an internet or NAT gateway): image layers, which ECR serves from S3, cannot be pulled",
        refs::describe(ep),
        if without.len() > 1 { "s" } else { "" },
        ids(&names)
    );
    let mut tables = Vec::new();
    for s in without {
        if let Some(t) = routes.table_of(s) {
            if !tables.iter().any(|x: &&crate::model::RouteTable| x.id == t.id) {
                tables.push(t);
            }
        }
    }
    let existing = gateways_in(estate, &ep.vpc_id, s3).next();
    let action = match existing {
        Some(g) => Action::GatewayRouteTables {
            endpoint: refs::endpoint(g),
            add: tables.iter().map(|t| table_ref(t)).collect(),
        },
        None => Action::CreateGatewayEndpoint {
            vpc: refs::vpc_by_id(estate, &ep.vpc_id).0,
            service: s3.to_owned(),
            tables: tables.iter().map(|t| table_ref(t)).collect(),
        },
    };
    let lead = if existing.is_some() {
        "Put the S3 gateway endpoint on their route tables: "
    } else {
        "Create an S3 gateway endpoint on their route tables: "
    };
    let mut f = Finding::new(&RULE, refs::endpoint(ep), message)
        .key("path")
        .at(Spot::member(&ep.origin, "ServiceName"), "pulls image layers from S3")
        .remedy(Remedy::say(lead).then(action));
    for s in without {
        f = f.related(refs::subnet(s), Some(Spot::value(&s.origin)), "subnet with workloads and no path to S3");
    }
    f
}

/// The ARN of an object of the region's layer bucket.
fn layer_object(region: &str) -> String {
    format!("arn:aws:s3:::prod-{region}-starport-layer-bucket/layer")
}

/// Whether a statement's list (`Action` or `Resource`, or their `Not…` forms) covers `value`.
fn covers(list: Option<&List>, value: &str, ignore_case: bool) -> bool {
    list.is_none_or(|l| l.items.iter().any(|x| glob(&x.value, value, ignore_case)) != l.negated)
}

fn gets_layer(s: &Statement, object: &str) -> bool {
    covers(s.action.as_ref(), "s3:GetObject", true) && covers(s.resource.as_ref(), object, false)
}

/// The statement that falls short (grants `s3:GetObject`, not on the layer bucket), or the
/// unconditional `Deny` that blocks it; `None` when the policy lets the layers through.
fn shortfall<'p>(policy: &'p Policy, object: &str) -> Option<Option<(&'p Statement, bool)>> {
    let deny = policy.statements.iter().find(|s| {
        s.effect == Some(Effect::Deny) && s.conditions.is_empty() && gets_layer(s, object)
    });
    if let Some(d) = deny {
        return Some(Some((d, true)));
    }
    let allowed = policy
        .statements
        .iter()
        .any(|s| s.effect == Some(Effect::Allow) && gets_layer(s, object));
    if allowed {
        return None;
    }
    let short = policy.statements.iter().find(|s| {
        s.effect == Some(Effect::Allow) && covers(s.action.as_ref(), "s3:GetObject", true)
    });
    Some(short.map(|s| (s, false)))
}

fn layer_bucket_denied(policies: &Policies, ecr: &VpcEndpoint, g: &VpcEndpoint) -> Option<Finding> {
    if !policy_known(g) {
        return None;
    }
    let policy = tree(policies.endpoint(&g.id))?;
    let region = g.scope.region.as_deref()?;
    let object = layer_object(region);
    let short = shortfall(policy, &object)?;
    let bucket = format!("arn:aws:s3:::prod-{region}-starport-layer-bucket/*");
    let (spot, label) = match short {
        Some((s, true)) => (endpoint_spot(g, &s.effect_loc()), "denies the layer bucket".to_owned()),
        Some((s, false)) => {
            let at = s.resource.as_ref().map_or_else(|| s.at.value(), |r| r.at.value());
            (endpoint_spot(g, &at), format!("`s3:GetObject` without `{bucket}`"))
        }
        None => (endpoint_spot(g, &policy.at.value()), "no statement allows the layer bucket".to_owned()),
    };
    let message = format!(
        "The policy of S3 gateway endpoint {} does not allow `s3:GetObject` on `{bucket}`, where ECR endpoint `{}` serves image layers from: pulls through it fail",
        refs::describe(g),
        ecr.id
    );
    let statement = format!(
        "{{\"Sid\": \"EcrImageLayers\", \"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"s3:GetObject\", \"Resource\": \"{bucket}\"}}"
    );
    Some(
        Finding::new(&RULE, refs::endpoint(g), message)
            .key("layer-bucket")
            .at(spot, label)
            .remedy(Remedy::say("Allow the layer bucket: ").then(Action::PolicyStatement {
                endpoint: refs::endpoint(g),
                statement,
            }))
            .related(refs::endpoint(ecr), Some(Spot::value(&ecr.origin)), "ECR endpoint whose layers come from S3"),
    )
}
