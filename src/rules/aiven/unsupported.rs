//! AIV001 `aiven-privatelink-unsupported`.

use super::{endpoints_of, privatelink_ref, service_ref, support};
use crate::finding::{Action, Finding, Remedy, Spot};
use crate::rules::{declare_rule, refs, Context};

declare_rule! {
    /// AWS PrivateLink set up for an Aiven service type that does not support it
    ///
    /// ## What it does
    /// Reports an Aiven service (`avn service get NAME --json`) whose `service_type` does not support
    /// AWS PrivateLink when anything PrivateLink-related exists for it: a PrivateLink resource
    /// (`avn service privatelink aws get`), a `privatelink_access.<component>` switched on, or a VPC
    /// endpoint whose `ServiceName` is the service's `aws_service_name`.
    ///
    /// The unsupported types are kept as data in `src/rules/aiven/support.rs`, with the page they come
    /// from and the date they were checked: `alloydbomni` (AlloyDB Omni), `cassandra` (Apache
    /// Cassandra), `flink` (Apache Flink), `kafka_mirrormaker` (Apache Kafka MirrorMaker 2), `m3db`,
    /// `m3aggregator`, `m3coordinator` (M3) and `thanos` (Metrics).
    ///
    /// ## Why is this bad?
    /// Aiven does not publish these services through its PrivateLink load balancer. The endpoint
    /// service, the endpoint and its security groups can all look right, and clients still never reach
    /// a node: the connection hangs.
    ///
    /// ## Example
    /// ```json
    /// {"service_name": "my-cassandra", "service_type": "cassandra", "cloud_name": "aws-eu-west-1",
    ///  "user_config": {"privatelink_access": {"cassandra": true}}}
    /// ```
    ///
    /// Use instead: VPC peering between your VPC and the Aiven project VPC, and remove the PrivateLink
    /// resource:
    /// ```sh
    /// avn vpc peering-connection create --project-vpc-id <project-vpc-id> --peer-cloud-account <account> --peer-vpc <vpc-id>
    /// avn service privatelink aws delete my-cassandra
    /// ```
    ///
    /// ## References
    /// - [Use AWS PrivateLink with Aiven services](https://aiven.io/docs/platform/howto/use-aws-privatelinks)
    /// - [avn service privatelink](https://aiven.io/docs/tools/cli/service/privatelink)
    AIV001 "aiven-privatelink-unsupported" {
        category: Correctness,
        severity: Error,
        input: Estate,
        check: check,
    }
}

fn check(cx: &Context<'_>) -> Vec<Finding> {
    let estate = cx.estate;
    let mut out = Vec::new();
    for s in estate.aiven_services.values() {
        let Some(product) = support::unsupported(&s.service_type) else {
            continue;
        };
        let access: Vec<&str> = s
            .privatelink_access
            .iter()
            .flatten()
            .filter(|a| a.enabled)
            .map(|a| a.component.as_str())
            .collect();
        let endpoints = endpoints_of(estate, s);
        if s.privatelink.is_none() && access.is_empty() && endpoints.is_empty() {
            continue;
        }
        let mut f = Finding::new(
            &RULE,
            service_ref(s),
            format!(
                "Aiven service `{}` is of type `{}` ({product}), which does not support AWS PrivateLink",
                s.name, s.service_type
            ),
        )
        .at(
            Spot::member(&s.origin, "service_type"),
            "no PrivateLink for this type",
        )
        .remedy(
            Remedy::say(format!(
                "Reach `{}` through VPC peering with its project VPC instead (",
                s.name
            ))
            .then(Action::AivenPeering)
            .then_say("), and remove what was set up for PrivateLink: ")
            .then(Action::AivenPrivatelinkDelete {
                privatelink: s
                    .privatelink
                    .as_ref()
                    .map_or_else(|| service_ref(s), |link| privatelink_ref(s, link)),
            })
            .then_say(format!(
                " (types without PrivateLink per {}, checked {})",
                support::SOURCE,
                support::CHECKED
            )),
        );
        if let Some(link) = &s.privatelink {
            f = f.related(
                service_ref(s),
                Some(Spot::value(&link.origin)),
                "PrivateLink resource created for it",
            );
        }
        for a in s.privatelink_access.iter().flatten().filter(|a| a.enabled) {
            f = f.related(
                service_ref(s),
                Some(Spot::member(&s.origin, &a.rel)),
                format!("privatelink_access.{} is on", a.component),
            );
        }
        for ep in endpoints {
            f = f.related(
                refs::endpoint(ep),
                Some(Spot::member(&ep.origin, "ServiceName")),
                "endpoint to its PrivateLink",
            );
        }
        out.push(f);
    }
    out
}
