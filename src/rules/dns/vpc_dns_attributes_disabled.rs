//! DNS002 `vpc-dns-attributes-disabled`.

use crate::finding::{Action, Finding, Remedy, Spot};
use crate::model::{DnsAttribute, VpcEndpoint};
use crate::rules::{declare_rule, refs, Context};

declare_rule! {
    /// Private DNS on an interface endpoint in a VPC without enableDnsSupport or enableDnsHostnames
    ///
    /// ## What it does
    /// For each VPC that has at least one interface endpoint with private DNS on, reads the VPC's
    /// `enableDnsSupport` and `enableDnsHostnames` attributes (describe-vpc-attribute outputs) and reports
    /// the VPC when either is `false`. The finding points at the attribute's value and lists the
    /// endpoints that depend on it. An attribute that was not exported is unknown, not off: the rule
    /// reports nothing for it.
    ///
    /// ## Why is this bad?
    /// Private DNS works through a private hosted zone that AWS associates with the VPC. Without
    /// `enableDnsSupport` the VPC has no Amazon-provided DNS at all; without `enableDnsHostnames` the
    /// private hosted zone does not apply. Either way the service's name resolves to public addresses,
    /// although the endpoint looks correctly configured. (AWS refuses to turn private DNS on in such a
    /// VPC, but the attribute can be turned off later, and plans and old exports contain the
    /// combination.)
    ///
    /// ## Example
    /// ```json
    /// [{"VpcId": "vpc-1", "EnableDnsSupport": {"Value": true}},
    ///  {"VpcId": "vpc-1", "EnableDnsHostnames": {"Value": false}}]
    /// ```
    /// with an interface endpoint in `vpc-1` that has `"PrivateDnsEnabled": true`.
    ///
    /// Use instead (one attribute per call):
    /// ```sh
    /// aws ec2 modify-vpc-attribute --vpc-id vpc-1 --enable-dns-hostnames '{"Value":true}'
    /// ```
    ///
    /// ## References
    /// - [DNS attributes for your VPC](https://docs.aws.amazon.com/vpc/latest/userguide/vpc-dns.html#vpc-dns-support)
    /// - [Private DNS for interface endpoints](https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-access-aws-services.html#interface-endpoint-private-dns)
    DNS002 "vpc-dns-attributes-disabled" {
        category: Correctness,
        severity: Error,
        input: Estate,
        check: check,
    }
}

fn check(cx: &Context<'_>) -> Vec<Finding> {
    let estate = cx.estate;
    let mut out = Vec::new();
    for vpc in estate.vpcs.values() {
        let endpoints: Vec<&VpcEndpoint> = estate
            .endpoints_in(&vpc.id)
            .filter(|ep| ep.private_dns_on() && !refs::is_gone(&ep.state))
            .collect();
        if endpoints.is_empty() {
            continue;
        }
        // An attribute that was not exported is unknown, not off.
        let off: Vec<(&str, &DnsAttribute)> = [
            ("enableDnsSupport", estate.dns_support.get(&vpc.id)),
            ("enableDnsHostnames", estate.dns_hostnames.get(&vpc.id)),
        ]
        .into_iter()
        .filter_map(|(name, a)| a.filter(|a| !a.value).map(|a| (name, a)))
        .collect();
        let Some((_, first)) = off.first() else {
            continue;
        };
        let names: Vec<String> = off.iter().map(|(n, _)| format!("`{n}`")).collect();
        let eps: Vec<String> = endpoints.iter().map(|ep| refs::describe(ep)).collect();
        let (noun, verb, effect) = if eps.len() == 1 {
            (
                "interface endpoint",
                "has",
                "the service's private DNS name does not resolve to the endpoint",
            )
        } else {
            (
                "interface endpoints",
                "have",
                "the services' private DNS names do not resolve to the endpoints",
            )
        };
        let message = format!(
            "VPC `{}` has {} disabled, but {noun} {} {verb} private DNS on: {effect} in this VPC",
            vpc.id,
            names.join(" and "),
            eps.join(", ")
        );
        let help = Remedy::say(if off.len() > 1 {
            "Enable the attributes (one call each): "
        } else {
            "Enable the attribute: "
        })
        .then(Action::VpcDns {
            vpc: refs::vpc(vpc),
            support: off.iter().any(|(n, _)| *n == "enableDnsSupport"),
            hostnames: off.iter().any(|(n, _)| *n == "enableDnsHostnames"),
        });
        let mut f = Finding::new(&RULE, refs::vpc(vpc), message)
            .at(Spot::value(&first.origin), "disabled")
            .remedy(help);
        for (name, a) in off.iter().skip(1) {
            f = f.related(
                refs::vpc(vpc),
                Some(Spot::value(&a.origin)),
                format!("{name} disabled"),
            );
        }
        for ep in endpoints {
            f = f.related(
                refs::endpoint(ep),
                Some(Spot::member(&ep.origin, "PrivateDnsEnabled")),
                "private DNS on",
            );
        }
        out.push(f);
    }
    out
}
