//! VPCE006 `endpoint-service-ports-unknown`.

use std::collections::BTreeMap;

use crate::finding::{Action, Finding, Remedy, ResourceRef, Spot};
use crate::model::{Scope, VpcEndpoint};
use crate::net::{EndpointAccess, Need, Network};
use crate::rules::{declare_rule, refs, Context};

declare_rule! {
    /// Endpoint service whose ports are unknown, so its endpoints' reachability is not checked
    ///
    /// ## What it does
    /// The reachability rules (`endpoint-port-blocked`, `endpoint-port-range-incomplete`,
    /// `nacl-blocks-endpoint`) need the traffic an interface endpoint's service expects. vpclint knows it
    /// for AWS services (TCP 443), for Aiven services in the input, and for endpoint services whose
    /// provider side is in the input: the describe-vpc-endpoint-service-configurations output names the
    /// service's Network Load Balancers, and their `aws elbv2 describe-listeners` outputs give the ports.
    /// For any other service (`com.amazonaws.vpce.<region>.vpce-svc-…` of another account, a partner's
    /// service) it guesses nothing: this rule says, once per service, that its interface endpoints were
    /// not checked, at the `ServiceName` of the first of them (the others are listed as related).
    ///
    /// ## Why is this bad?
    /// Nothing is broken yet, but a security group that does not admit the service's ports (a Kafka
    /// broker's 9092, or one port per broker) goes unreported until the clients time out.
    ///
    /// ## Example
    /// ```json
    /// {"VpcEndpoints": [{"VpcEndpointId": "vpce-1", "VpcEndpointType": "Interface", "VpcId": "vpc-1",
    ///   "ServiceName": "com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0", "State": "available",
    ///   "SubnetIds": ["subnet-a"], "Groups": [{"GroupId": "sg-1"}]}]}
    /// ```
    ///
    /// Use instead: declare the ports the service's load balancer listens on in `vpclint.toml`:
    /// ```toml
    /// [[service]]
    /// name = "com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0"
    /// ports = ["9092"]
    /// ```
    /// or, when the provider's account is yours, give vpclint its `aws elbv2 describe-load-balancers` and
    /// `aws elbv2 describe-listeners` outputs beside `describe-vpc-endpoint-service-configurations`.
    ///
    /// ## Configuration
    /// `[[service]]` entries (`name`, `ports`, `protocol`); see `endpoint-port-blocked`.
    ///
    /// ## References
    /// - [Create a service powered by AWS PrivateLink](https://docs.aws.amazon.com/vpc/latest/privatelink/create-endpoint-service.html)
    /// - [Listeners for your Network Load Balancers](https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-listeners.html)
    VPCE006 "endpoint-service-ports-unknown" {
        category: Correctness,
        severity: Info,
        input: Access,
        check: check,
    }
}

fn check(cx: &Context<'_>, _network: &Network<'_>, access: &[EndpointAccess<'_>]) -> Vec<Finding> {
    // The access list is in endpoint id order, so each service's first endpoint comes first.
    let mut by_service: BTreeMap<&str, Vec<&VpcEndpoint>> = BTreeMap::new();
    for ea in access {
        if ea.need == Need::Unknown {
            by_service
                .entry(ea.endpoint.service_name.as_str())
                .or_default()
                .push(ea.endpoint);
        }
    }
    by_service
        .into_iter()
        .filter_map(|(name, eps)| finding(cx, name, &eps))
        .collect()
}

fn finding(cx: &Context<'_>, name: &str, eps: &[&VpcEndpoint]) -> Option<Finding> {
    let (first, others) = eps.split_first()?;
    // An endpoint service is known by its id (`vpce-svc-…`); a partner's name may not hold one.
    let id = name
        .rsplit('.')
        .next()
        .filter(|last| last.starts_with("vpce-svc-"))
        .unwrap_or(name);
    let whose = match others.len() {
        0 => format!("interface endpoint `{}`", first.id),
        n => {
            let ids: Vec<String> = eps.iter().map(|e| format!("`{}`", e.id)).collect();
            format!(
                "its {} interface endpoints ({})",
                n + 1,
                crate::rules::connectivity::list(&ids, 6)
            )
        }
    };
    // The PrivateLink of an Aiven service whose type the input lacks (a plan that holds the
    // `aiven_aws_privatelink` but not the service): the type gives the ports, so say so.
    let aiven = cx
        .estate
        .aiven_service_for(name)
        .filter(|s| s.service_type.is_empty());
    let message = match aiven {
        Some(s) => format!(
            "The ports of endpoint service `{name}` are unknown: it is the PrivateLink of Aiven service `{}`, whose type is not in the input, so the reachability of {whose} is not checked",
            s.name
        ),
        None => format!(
            "The ports of endpoint service `{name}` are unknown, so the reachability of {whose} is not checked"
        ),
    };
    // The entry to paste, one backticked TOML line after another (a help is one line); only
    // the ports are the user's to fill in.
    let entry = format!(
        "`[[service]]` `name = \"{name}\"` `ports = [\"<port or range>\"]` (add `protocol = \"udp\"` for UDP)"
    );
    let help = match aiven {
        Some(s) => Remedy::say("Give vpclint the service's type: its ")
            .then(Action::AivenServiceGet {
                service: s.name.clone(),
            })
            .then_say(format!(
                " output, or the `aiven_<type>` resource or data source in the same plan; or declare the ports in vpclint.toml, as these lines: {entry}"
            )),
        None => Remedy::say(format!(
            "Declare the ports its load balancer listens on in vpclint.toml, as these lines: {entry}; or, when the provider's account is yours, give vpclint its `aws elbv2 describe-load-balancers` and `aws elbv2 describe-listeners` outputs"
        )),
    };
    // The service is the provider's: its account is not the endpoints', its region is theirs.
    let scope = Scope {
        account: None,
        region: first.scope.region.clone(),
    };
    let mut f = Finding::new(
        &RULE,
        ResourceRef::new("vpc-endpoint-service", id, &scope),
        message,
    )
    .at(
        Spot::member(&first.origin, "ServiceName"),
        "no `[[service]]` entry and no listener gives this service's ports",
    )
    .remedy(help);
    for ep in others {
        f = f.related(
            refs::endpoint(ep),
            Some(Spot::member(&ep.origin, "ServiceName")),
            "another endpoint to the service",
        );
    }
    Some(f)
}
