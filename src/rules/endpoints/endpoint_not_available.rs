//! VPCE003 `endpoint-not-available`.

use crate::finding::{Finding, ResourceRef, Severity, Spot};
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
        let (severity, help) = if state == "pendingacceptance" {
            (
                Severity::Warning,
                format!(
                    "Accept the connection if you expect it: `aws ec2 accept-vpc-endpoint-connections --service-id {service} --vpc-endpoint-ids {}`, or reject it with `reject-vpc-endpoint-connections`",
                    c.endpoint_id
                ),
            )
        } else {
            severity_and_help_for(&state, &c.endpoint_id.to_string(), Some(service))
        };
        let message = format!(
            "Connection from endpoint `{}`{owner} to `{service}` is `{}`",
            c.endpoint_id, c.state
        );
        let resource = ResourceRef::new(
            "vpc-endpoint-connection",
            &c.endpoint_id,
            &crate::model::Scope {
                account: c.endpoint_owner.clone(),
                region: None,
            },
        );
        out.push(
            Finding::new(&RULE, resource, message)
                .severity(severity)
                .at(Spot::member(&c.origin, "VpcEndpointState"), "not available")
                .help(help),
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
    let (severity, mut help) = severity_and_help_for(&state, ep.id.as_str(), service_id);
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
        if state == "failed" {
            help = format!("Fix the cause of `{code}`, then {}", lower_first(&help));
        }
    }
    Some(
        Finding::new(&RULE, refs::endpoint(ep), message)
            .severity(severity)
            .at(
                Spot::member(&ep.origin, "State"),
                format!("state is {}", ep.state),
            )
            .help(help),
    )
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Severity and fix for a consumer-side state.
fn severity_and_help_for(
    state: &str,
    endpoint: &str,
    service_id: Option<&str>,
) -> (Severity, String) {
    let service = service_id.unwrap_or("<service-id>");
    match state {
        "pendingacceptance" => (
            Severity::Warning,
            format!(
                "Ask the service owner to accept it: `aws ec2 accept-vpc-endpoint-connections --service-id {service} --vpc-endpoint-ids {endpoint}` (run in the service owner's account)"
            ),
        ),
        "pending" | "partial" => (
            Severity::Warning,
            format!("Wait for the endpoint to become available and check again: `aws ec2 describe-vpc-endpoints --vpc-endpoint-ids {endpoint}`"),
        ),
        "rejected" | "expired" => (
            Severity::Error,
            format!(
                "Ask the service owner to allow your account (`aws ec2 modify-vpc-endpoint-service-permissions --service-id {service} --add-allowed-principals <your-principal-arn>`), then delete and recreate the endpoint: `aws ec2 delete-vpc-endpoints --vpc-endpoint-ids {endpoint}`"
            ),
        ),
        "failed" => (
            Severity::Error,
            format!("Delete and recreate the endpoint: `aws ec2 delete-vpc-endpoints --vpc-endpoint-ids {endpoint}`"),
        ),
        "deleting" | "deleted" => (
            Severity::Info,
            "Remove references to the endpoint from route tables, DNS and policies".to_owned(),
        ),
        _ => (
            Severity::Warning,
            format!("Check the endpoint's state: `aws ec2 describe-vpc-endpoints --vpc-endpoint-ids {endpoint}`"),
        ),
    }
}
