//! VPCE003 `endpoint-not-available`.

use crate::finding::{Action, Finding, Remedy, ResourceRef, Severity, Spot};
use crate::model::{Estate, VpcEndpoint};
use crate::rules::{declare_rule, refs, Context};

declare_rule! {
    /// VPC endpoint, or connection to an endpoint service, that is not available
    ///
    /// ## What it does
    /// Reports VPC endpoints whose `State` is anything but `available`, and connections in
    /// describe-vpc-endpoint-connections (the service provider's view) whose `VpcEndpointState` is not
    /// `available` when the consumer's endpoint is not part of the same check. The severity follows the
    /// state:
    ///
    /// | state | severity | meaning |
    /// |---|---|---|
    /// | `pendingAcceptance` | warning | the service owner has not accepted the connection yet |
    /// | `pending`, `partial` | warning | still being created |
    /// | `rejected`, `expired`, `failed` | error | the endpoint will never carry traffic as it is |
    /// | `deleting`, `deleted` | info | going away; remove what still refers to it |
    ///
    /// `LastError` is quoted when AWS reports one.
    ///
    /// ## Why is this bad?
    /// An endpoint that is not available accepts no traffic, but everything around it looks configured:
    /// security groups, routes and private DNS are in place, and clients time out. `pendingAcceptance` is
    /// the most common case with partner services (Aiven, Confluent, MongoDB Atlas): the consumer created
    /// the endpoint and waits for an acceptance nobody was told to give.
    ///
    /// ## Example
    /// ```json
    /// {"VpcEndpoints": [{"VpcEndpointId": "vpce-0a1", "VpcEndpointType": "Interface",
    ///   "VpcId": "vpc-1", "ServiceName": "com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0",
    ///   "State": "pendingAcceptance"}]}
    /// ```
    ///
    /// Use instead: have the service owner accept the connection:
    /// ```sh
    /// aws ec2 accept-vpc-endpoint-connections --service-id vpce-svc-0123456789abcdef0 --vpc-endpoint-ids vpce-0a1
    /// ```
    /// For `rejected` and `expired`, the owner must allow your principal first
    /// (`modify-vpc-endpoint-service-permissions`), then the endpoint is recreated.
    ///
    /// ## References
    /// - [Accept or reject connection requests](https://docs.aws.amazon.com/vpc/latest/privatelink/configure-endpoint-service.html#accept-reject-connection-requests)
    /// - [VpcEndpoint State values](https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpcEndpoint.html)
    VPCE003 "endpoint-not-available" {
        category: Correctness,
        severity: Error,
        input: Estate,
        check: check,
    }
}

fn check(cx: &Context<'_>) -> Vec<Finding> {
    let estate = cx.estate;
    let mut out: Vec<Finding> = estate
        .endpoints
        .values()
        .filter_map(|ep| endpoint(estate, ep))
        .collect();
    // The provider's view of the same connection is reported only when the consumer's endpoint
    // is not in the estate, so one broken link gives one finding.
    for c in estate.endpoint_connections.values() {
        let state = c.state.to_ascii_lowercase();
        if state.is_empty() || state == "available" || estate.endpoints.contains_key(&c.endpoint_id)
        {
            continue;
        }
        let service = c.service_id.as_deref().unwrap_or("the endpoint service");
        let owner = c
            .endpoint_owner
            .as_deref()
            .map(|o| format!(" of account `{o}`"))
            .unwrap_or_default();
        let scope = crate::model::Scope {
            account: c.endpoint_owner.clone(),
            region: None,
        };
        let endpoint = ResourceRef::new("vpc-endpoint", &c.endpoint_id, &scope);
        let (severity, help) = if state == "pendingacceptance" {
            (
                Severity::Warning,
                Remedy::say("Accept the connection if you expect it: ")
                    .then(Action::Connection {
                        service: service.to_owned(),
                        endpoint: c.endpoint_id.to_string(),
                        accept: true,
                    })
                    .then_say(", or reject it: ")
                    .then(Action::Connection {
                        service: service.to_owned(),
                        endpoint: c.endpoint_id.to_string(),
                        accept: false,
                    }),
            )
        } else {
            severity_and_help_for(&state, endpoint, Some(service), None)
        };
        let message = format!(
            "Connection from endpoint `{}`{owner} to `{service}` is `{}`",
            c.endpoint_id, c.state
        );
        let resource = ResourceRef::new("vpc-endpoint-connection", &c.endpoint_id, &scope);
        out.push(
            Finding::new(&RULE, resource, message)
                .severity(severity)
                .at(Spot::member(&c.origin, "VpcEndpointState"), "not available")
                .remedy(help),
        );
    }
    out
}

fn endpoint(estate: &Estate, ep: &VpcEndpoint) -> Option<Finding> {
    let state = ep.state.to_ascii_lowercase();
    if state.is_empty() || state == "available" {
        return None;
    }
    // The consumer's account often cannot describe a partner service, but an endpoint service's
    // name ends in its id (`com.amazonaws.vpce.eu-west-1.vpce-svc-…`).
    let service_id = estate
        .service_for(ep)
        .and_then(|s| s.service_id.as_deref())
        .or_else(|| {
            ep.service_name
                .rsplit('.')
                .next()
                .filter(|last| last.starts_with("vpce-svc-"))
        });
    let cause = ep
        .last_error
        .as_ref()
        .filter(|_| state == "failed")
        .map(|(code, _)| code.as_str());
    let (severity, help) = severity_and_help_for(&state, refs::endpoint(ep), service_id, cause);
    let consequence = match state.as_str() {
        "pendingacceptance" => {
            ": the service owner has not accepted the connection, so no traffic flows"
        }
        "pending" => ": it is still being created and carries no traffic yet",
        "rejected" => ": the service owner rejected the connection",
        "failed" => ": it could not be created and carries no traffic",
        "expired" => ": the connection request expired before the service owner accepted it",
        "deleting" | "deleted" => ": it is being removed",
        _ => ": it may not carry traffic",
    };
    let mut message = format!(
        "VPC endpoint {} is `{}`{consequence}",
        refs::describe(ep),
        ep.state
    );
    if let Some((code, text)) = &ep.last_error {
        message.push_str(&format!(" (last error `{code}`: {text})"));
    }
    Some(
        Finding::new(&RULE, refs::endpoint(ep), message)
            .severity(severity)
            .at(
                Spot::member(&ep.origin, "State"),
                format!("state is {}", ep.state),
            )
            .remedy(help),
    )
}

/// Severity and fix for a consumer-side state; `cause` is the error code of a failed endpoint.
fn severity_and_help_for(
    state: &str,
    endpoint: ResourceRef,
    service_id: Option<&str>,
    cause: Option<&str>,
) -> (Severity, Remedy) {
    let service = service_id.unwrap_or("<service-id>");
    let describe = |lead: &str| {
        Remedy::say(lead).then(Action::DescribeEndpoint {
            endpoint: endpoint.clone(),
        })
    };
    match state {
        "pendingacceptance" => (
            Severity::Warning,
            Remedy::say("Ask the service owner to accept it: ")
                .then(Action::Connection {
                    service: service.to_owned(),
                    endpoint: endpoint.id.clone(),
                    accept: true,
                })
                .then_say(" (run in the service owner's account)"),
        ),
        "pending" | "partial" => (
            Severity::Warning,
            describe("Wait for the endpoint to become available and check again: "),
        ),
        "rejected" | "expired" => (
            Severity::Error,
            Remedy::say("Ask the service owner to allow your account (")
                .then(Action::ServicePrincipals {
                    service: ResourceRef::new(
                        "vpc-endpoint-service",
                        service,
                        &crate::model::Scope::default(),
                    ),
                    remove: Vec::new(),
                    add: vec!["<your-principal-arn>".to_owned()],
                })
                .then_say("), then delete and recreate the endpoint: ")
                .then(Action::DeleteEndpoint { endpoint }),
        ),
        "failed" => (
            Severity::Error,
            match cause {
                Some(code) => Remedy::say(format!(
                    "Fix the cause of `{code}`, then delete and recreate the endpoint: "
                )),
                None => Remedy::say("Delete and recreate the endpoint: "),
            }
            .then(Action::DeleteEndpoint { endpoint }),
        ),
        "deleting" | "deleted" => (
            Severity::Info,
            Remedy::say("Remove references to the endpoint from route tables, DNS and policies"),
        ),
        _ => (Severity::Warning, describe("Check the endpoint's state: ")),
    }
}
