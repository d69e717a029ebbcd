//! DNS003 `private-dns-conflict`.

use std::collections::BTreeMap;

use crate::finding::{Action, Finding, Remedy, Spot};
use crate::model::{VpcEndpoint, VpcId};
use crate::rules::{declare_rule, refs, Context};

declare_rule! {
    /// Two interface endpoints for the same service with private DNS on in one VPC
    ///
    /// ## What it does
    /// Groups the interface endpoints that have private DNS on (and are not being deleted) by VPC and
    /// service name. In every group of two or more, the endpoint with the lowest id is taken as the one
    /// that owns the name and every other one is reported, pointing at its `PrivateDnsEnabled`.
    ///
    /// ## Why is this bad?
    /// Private DNS for a service is one private hosted zone per VPC. AWS refuses to enable it on a second
    /// endpoint ("private DNS name already in use"), so a plan or template that asks for it fails at
    /// apply time; where the combination exists anyway (a private hosted zone created by hand, an old
    /// export), which endpoint answers is undefined, and the one with the wrong security groups or policy
    /// may win. This is a known cause of outages when a second endpoint is added "for testing".
    ///
    /// ## Example
    /// Two endpoints in `vpc-1`, both `com.amazonaws.eu-west-1.ssm`, both `"PrivateDnsEnabled": true`.
    ///
    /// Use instead: one endpoint per service and VPC (add subnets to it rather than creating another),
    /// or turn private DNS off on the extra one:
    /// ```sh
    /// aws ec2 modify-vpc-endpoint --vpc-endpoint-id vpce-0b2 --no-private-dns-enabled
    /// ```
    ///
    /// ## References
    /// - [Private DNS for interface endpoints](https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-access-aws-services.html#interface-endpoint-private-dns)
    DNS003 "private-dns-conflict" {
        category: Correctness,
        severity: Error,
        input: Estate,
        check: check,
    }
}

fn check(cx: &Context<'_>) -> Vec<Finding> {
    let mut groups: BTreeMap<(&VpcId, &str), Vec<&VpcEndpoint>> = BTreeMap::new();
    for ep in cx.estate.endpoints.values() {
        if ep.private_dns_on() && !refs::is_gone(&ep.state) {
            groups
                .entry((&ep.vpc_id, ep.service_name.as_str()))
                .or_default()
                .push(ep);
        }
    }
    let mut out = Vec::new();
    for ((vpc, service), eps) in groups {
        // Endpoints come in id order; the first keeps the name, every later one is reported.
        let Some((first, rest)) = eps.split_first() else {
            continue;
        };
        for ep in rest {
            let message = format!(
                "Interface endpoints `{}` and `{}` both enable private DNS for `{service}` in VPC `{vpc}`: only one private hosted zone can serve the name, so AWS refuses or shadows one of them",
                first.id, ep.id
            );
            let help = Remedy::say("Keep one endpoint per service and VPC: ")
                .then(Action::DeleteEndpoint {
                    endpoint: refs::endpoint(ep),
                })
                .then_say(", or turn its private DNS off: ")
                .then(Action::EndpointPrivateDns {
                    endpoint: refs::endpoint(ep),
                    on: false,
                });
            out.push(
                Finding::new(&RULE, refs::endpoint(ep), message)
                    .at(
                        Spot::member(&ep.origin, "PrivateDnsEnabled"),
                        "second private DNS for the service",
                    )
                    .remedy(help)
                    .related(
                        refs::endpoint(first),
                        Some(Spot::member(&first.origin, "PrivateDnsEnabled")),
                        "first endpoint with private DNS for the service",
                    ),
            );
        }
    }
    out
}
