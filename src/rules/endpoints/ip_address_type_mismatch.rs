//! VPCE009 `ip-address-type-mismatch`.

use crate::finding::{Action, Finding, Remedy, Spot};
use crate::model::{EndpointKind, Estate, Subnet, VpcEndpoint};
use crate::rules::connectivity::ids;
use crate::rules::{declare_rule, refs, Context};

declare_rule! {
    /// Endpoint IP address type that its subnets, its service or its DNS record IP type do not allow
    ///
    /// ## What it does
    /// Checks the `IpAddressType` of every interface and Gateway Load Balancer endpoint that is not
    /// being deleted against three things:
    /// - its subnets: `ipv4` needs an IPv4 block in every subnet, `dualstack` an IPv4 and an IPv6
    ///   block, `ipv6` IPv6-only subnets;
    /// - its service's `SupportedIpAddressTypes` (describe-vpc-endpoint-services), when listed:
    ///   `dualstack` needs both `ipv4` and `ipv6`;
    /// - its `DnsOptions.DnsRecordIpType`: `ipv4` records need an `ipv4` or `dualstack` endpoint,
    ///   `ipv6` records an `ipv6` or `dualstack` one, `dualstack` records a `dualstack` one
    ///   (`service-defined` fits any).
    ///
    /// A value the input does not have, or that Terraform knows only after apply (an IPv6 block
    /// computed from the VPC's), is not judged.
    ///
    /// ## Why is this bad?
    /// AWS refuses the combination: creating or modifying the endpoint fails, so a change that
    /// turns on IPv6 for an endpoint (or adds a subnet to it) does not apply, and clients that
    /// expected AAAA records keep reaching the service over IPv4, or not at all.
    ///
    /// ## Example
    /// ```json
    /// {"VpcEndpoints": [{"VpcEndpointId": "vpce-0a1", "VpcEndpointType": "Interface",
    ///   "VpcId": "vpc-1", "ServiceName": "com.amazonaws.eu-west-1.sqs", "State": "available",
    ///   "SubnetIds": ["subnet-v4only"], "IpAddressType": "dualstack",
    ///   "DnsOptions": {"DnsRecordIpType": "dualstack"}}]}
    /// ```
    ///
    /// Use instead: an IPv6 block on the subnet, or the address type the subnets allow:
    /// ```sh
    /// aws ec2 modify-vpc-endpoint --vpc-endpoint-id vpce-0a1 --ip-address-type ipv4 --dns-options DnsRecordIpType=ipv4
    /// ```
    ///
    /// ## References
    /// - [IP address types of interface endpoints](https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html#aws-service-ip-address-type)
    /// - [DNS record IP types](https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-access-aws-services.html#dns-records-ip-address-type)
    VPCE009 "ip-address-type-mismatch" {
        category: Correctness,
        severity: Error,
        input: Estate,
        check: check,
    }
}

fn check(cx: &Context<'_>) -> Vec<Finding> {
    let estate = cx.estate;
    let mut out = Vec::new();
    for ep in estate.endpoints.values() {
        let kinds = [EndpointKind::Interface, EndpointKind::GatewayLoadBalancer];
        if !kinds.contains(&ep.kind) || refs::is_gone(&ep.state) {
            continue;
        }
        let Some(t) = ep.ip_address_type.as_deref() else {
            continue;
        };
        out.extend(subnets(estate, ep, t));
        out.extend(service(estate, ep, t));
        out.extend(dns(ep, t));
    }
    out
}

/// The address families a subnet has, when both are known: (IPv4, IPv6).
fn families(s: &Subnet) -> Option<(bool, bool)> {
    let known = s.origin.known("CidrBlock") && s.origin.known("Ipv6CidrBlockAssociationSet");
    known.then(|| (s.cidr.is_some(), !s.ipv6_cidrs.is_empty()))
}

/// The address type that fits subnets with these families.
fn fitting(v4: bool, v6: bool) -> &'static str {
    match (v4, v6) {
        (true, true) => "dualstack",
        (false, true) => "ipv6",
        _ => "ipv4",
    }
}

fn subnets(estate: &Estate, ep: &VpcEndpoint, t: &str) -> Option<Finding> {
    let mut bad: Vec<(&Subnet, (bool, bool))> = Vec::new();
    for id in &ep.subnet_ids {
        let Some(s) = estate.subnets.get(id) else {
            continue;
        };
        let Some((v4, v6)) = families(s) else {
            continue;
        };
        let fits = match t {
            "ipv4" => v4,
            "dualstack" => v4 && v6,
            "ipv6" => v6 && !v4,
            _ => true,
        };
        if !fits {
            bad.push((s, (v4, v6)));
        }
    }
    if bad.is_empty() {
        return None;
    }
    let needs = match t {
        "ipv4" => "an IPv4 block",
        "dualstack" => "an IPv4 and an IPv6 block",
        _ => "IPv6-only subnets",
    };
    let names: Vec<&str> = bad.iter().map(|(s, _)| s.id.as_str()).collect();
    let message = format!(
        "Endpoint {} has IP address type `{t}`, which needs {needs}, but subnet{} {} {}",
        refs::describe(ep),
        if bad.len() > 1 { "s" } else { "" },
        ids(&names),
        if t == "ipv6" { "also have IPv4 or lack IPv6" } else { "lack it" }
    );
    // The type every endpoint subnet allows, when they agree.
    let all: Vec<(bool, bool)> = ep
        .subnet_ids
        .iter()
        .filter_map(|id| estate.subnets.get(id))
        .filter_map(families)
        .collect();
    let v4 = all.iter().all(|f| f.0);
    let v6 = all.iter().all(|f| f.1);
    let fit = fitting(v4, v6);
    let help = Remedy::say(format!(
        "Give the subnets the blocks `{t}` needs, or use the type they allow: "
    ))
    .then(Action::EndpointIpAddressType {
        endpoint: refs::endpoint(ep),
        ip_address_type: Some(fit.to_owned()),
        dns_record_ip_type: ep.dns_record_ip_type.as_ref().and_then(|d| {
            (!dns_fits(fit, d)).then(|| fit.to_owned())
        }),
    });
    let mut f = Finding::new(&RULE, refs::endpoint(ep), message)
        .key("subnets")
        .at(
            Spot::member(&ep.origin, "IpAddressType"),
            format!("`{t}` needs {needs}"),
        )
        .remedy(help);
    for (s, (v4, v6)) in &bad {
        let has = match (v4, v6) {
            (true, true) => "IPv4 and IPv6",
            (true, false) => "IPv4 only",
            (false, true) => "IPv6 only",
            (false, false) => "no block",
        };
        f = f.related(refs::subnet(s), Some(Spot::value(&s.origin)), format!("subnet with {has}"));
    }
    Some(f)
}

fn service(estate: &Estate, ep: &VpcEndpoint, t: &str) -> Option<Finding> {
    let svc = estate.service_for(ep)?;
    let supported = &svc.ip_address_types;
    if supported.is_empty() {
        return None;
    }
    let has = |x: &str| supported.iter().any(|s| s == x);
    let fits = match t {
        "ipv4" => has("ipv4"),
        "ipv6" => has("ipv6"),
        "dualstack" => has("ipv4") && has("ipv6"),
        _ => true,
    };
    if fits {
        return None;
    }
    let message = format!(
        "Endpoint {} has IP address type `{t}`, which its service does not support (it supports {})",
        refs::describe(ep),
        ids(supported)
    );
    let fit = fitting(has("ipv4"), has("ipv6"));
    let help = Remedy::say("Use an address type the service supports: ").then(
        Action::EndpointIpAddressType {
            endpoint: refs::endpoint(ep),
            ip_address_type: Some(fit.to_owned()),
            dns_record_ip_type: ep
                .dns_record_ip_type
                .as_ref()
                .and_then(|d| (!dns_fits(fit, d)).then(|| fit.to_owned())),
        },
    );
    Some(
        Finding::new(&RULE, refs::endpoint(ep), message)
            .key("service")
            .at(
                Spot::member(&ep.origin, "IpAddressType"),
                "not supported by the service",
            )
            .remedy(help)
            .related(
                crate::finding::ResourceRef::at(
                    "vpc-endpoint-service",
                    svc.service_id.as_deref().unwrap_or(&svc.name),
                    &svc.scope,
                    &svc.origin,
                ),
                Some(Spot::member(&svc.origin, "SupportedIpAddressTypes")),
                "the address types the service supports",
            ),
    )
}

/// Whether DNS records of type `d` fit an endpoint of address type `t`.
fn dns_fits(t: &str, d: &str) -> bool {
    match d {
        "ipv4" => matches!(t, "ipv4" | "dualstack"),
        "ipv6" => matches!(t, "ipv6" | "dualstack"),
        "dualstack" => t == "dualstack",
        _ => true,
    }
}

fn dns(ep: &VpcEndpoint, t: &str) -> Option<Finding> {
    let d = ep.dns_record_ip_type.as_deref()?;
    if dns_fits(t, d) {
        return None;
    }
    let message = format!(
        "Endpoint {} has DNS record IP type `{d}`, which its IP address type `{t}` does not allow",
        refs::describe(ep)
    );
    let help = Remedy::say("Create DNS records of the endpoint's own type: ").then(
        Action::EndpointIpAddressType {
            endpoint: refs::endpoint(ep),
            ip_address_type: None,
            dns_record_ip_type: Some(t.to_owned()),
        },
    );
    Some(
        Finding::new(&RULE, refs::endpoint(ep), message)
            .key("dns")
            .at(
                Spot::member(&ep.origin, "DnsOptions"),
                format!("`{d}` records on a `{t}` endpoint"),
            )
            .remedy(help),
    )
}
