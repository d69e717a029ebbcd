//! AIV002 `aiven-privatelink-access-disabled`.

use super::{endpoints_of, service_ref, supported};
use crate::finding::{Action, Finding, Remedy, ResourceRef, Spot};
use crate::model::{AivenService, Scope};
use crate::rules::{declare_rule, refs, Context};

declare_rule! {
    /// Aiven PrivateLink connection in place but privatelink_access off for the service's main component
    ///
    /// ## What it does
    /// Reports an Aiven service whose PrivateLink is in use (a connection in
    /// `avn service privatelink aws connection list` is `active`, or a VPC endpoint to its
    /// `aws_service_name` is `available`) while `user_config.privatelink_access.<component>` is not
    /// `true` for its main component, the one named like the service type (`kafka`, `pg`, `mysql`,
    /// `opensearch`, `clickhouse`, …). The help also names the other components of the service that
    /// clients commonly reach (`kafka_connect`, `kafka_rest`, `schema_registry`, `pgbouncer`,
    /// `opensearch_dashboards`, …) when they are off as well; they are not reported on their own, since
    /// Aiven lets you keep a component on VPC peering only on purpose.
    ///
    /// Services of a type without PrivateLink support are left to `aiven-privatelink-unsupported`.
    ///
    /// ## Why is this bad?
    /// Aiven enables PrivateLink per component. Until `privatelink_access.<component>` is on, the load
    /// balancer behind the endpoint service has no listener for it: the endpoint is `available`, the
    /// connection `active`, and every client connection hangs.
    ///
    /// ## Example
    /// ```json
    /// {"service_name": "my-kafka", "service_type": "kafka", "cloud_name": "aws-eu-west-1",
    ///  "user_config": {"privatelink_access": {"kafka": false}}}
    /// ```
    /// with `[{"privatelink_connection_id": "plc3a4e1b2c5d6", "state": "active", "vpc_endpoint_id": "vpce-0f1e2d3c4b5a69788", …}]`
    /// as its connection list.
    ///
    /// Use instead:
    /// ```sh
    /// avn service update -c privatelink_access.kafka=true my-kafka
    /// ```
    ///
    /// ## References
    /// - [Use AWS PrivateLink with Aiven services](https://aiven.io/docs/platform/howto/use-aws-privatelinks)
    AIV002 "aiven-privatelink-access-disabled" {
        category: Correctness,
        severity: Error,
        input: Estate,
        check: check,
    }
}

/// Components that clients of a service type may reach besides the main one (named in the
/// help when they exist on the service and are off too).
fn companions(service_type: &str) -> &'static [&'static str] {
    match service_type {
        "kafka" => &["kafka_connect", "kafka_rest", "schema_registry"],
        "pg" => &["pgbouncer"],
        "opensearch" => &["opensearch_dashboards"],
        "clickhouse" => &["clickhouse_https", "clickhouse_mysql"],
        _ => &[],
    }
}

fn check(cx: &Context<'_>) -> Vec<Finding> {
    let estate = cx.estate;
    let mut out = Vec::new();
    for s in supported(estate) {
        // The main component is named like the service type (`kafka`, `pg`, `mysql`, …).
        let main = s.service_type.as_str();
        // A user config that Terraform knows only after apply is not one that leaves it off.
        if s.access_enabled(main) || !s.origin.known("privatelink_access") {
            continue;
        }
        let Some((resource, spot, label)) = link_in_use(estate, s) else {
            continue;
        };
        let evidence = match label.as_str() {
            "active connection" => {
                format!("an active PrivateLink connection from `{}`", resource.id)
            }
            _ => format!("PrivateLink endpoint `{}` available", resource.id),
        };
        let (at, at_label) = match s
            .privatelink_access
            .iter()
            .flatten()
            .find(|a| a.component == main)
        {
            Some(a) => (Spot::member(&s.origin, &a.rel), "off"),
            None => (
                Spot::member(&s.origin, "service_name"),
                "no privatelink_access for its main component",
            ),
        };
        let others: Vec<&str> = companions(main)
            .iter()
            .filter(|c| s.components.iter().any(|x| x.component == **c))
            .filter(|c| !s.access_enabled(c))
            .copied()
            .collect();
        // A service the plan manages is fixed in its configuration, which Terraform would
        // otherwise revert on the next apply: the action says so.
        let access = |components: Vec<&str>| Action::AivenAccess {
            service: service_ref(s),
            service_type: main.to_owned(),
            components: components.into_iter().map(str::to_owned).collect(),
        };
        let mut help = Remedy::say("Enable it: ").then(access(vec![main]));
        if !others.is_empty() {
            help = help
                .then_say("; for the other components clients reach through the endpoint, also ")
                .then(access(others));
        }
        out.push(
            Finding::new(
                &RULE,
                service_ref(s),
                format!(
                    "Aiven service `{}` has {evidence} but `privatelink_access.{main}` is off, so connections through the endpoint reach no `{main}` listener",
                    s.name
                ),
            )
            .at(at, at_label)
            .related(resource, spot, label)
            .remedy(help),
        );
    }
    out
}

/// The first sign that the link carries traffic: an `active` Aiven connection, else an
/// `available` endpoint to the service.
fn link_in_use(
    estate: &crate::model::Estate,
    s: &AivenService,
) -> Option<(ResourceRef, Option<Spot>, String)> {
    if let Some(c) = s
        .connections
        .iter()
        .find(|c| c.state.eq_ignore_ascii_case("active"))
    {
        let id = c
            .vpc_endpoint_id
            .as_deref()
            .or(c.id.as_deref())
            .unwrap_or_default();
        let resource = match estate.endpoints.get(&crate::model::VpceId::from(id)) {
            Some(ep) => refs::endpoint(ep),
            None => ResourceRef::new("vpc-endpoint", id, &Scope::default()),
        };
        return Some((
            resource,
            Some(Spot::member(&c.origin, "state")),
            "active connection".into(),
        ));
    }
    endpoints_of(estate, s)
        .into_iter()
        .find(|e| e.state.eq_ignore_ascii_case("available"))
        .map(|ep| {
            (
                refs::endpoint(ep),
                Some(Spot::member(&ep.origin, "State")),
                "available endpoint".into(),
            )
        })
}
