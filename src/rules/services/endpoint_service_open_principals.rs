//! SVC001 `endpoint-service-open-principals`.

use crate::finding::{Action, Finding, Remedy, ResourceRef, Severity, Spot};
use crate::model::{Scope, ServicePermission};
use crate::policy::matching::Arn;
use crate::rules::{declare_rule, Context};

declare_rule! {
    /// Endpoint service that lets every principal connect, or a whole account instead of a role
    ///
    /// ## What it does
    /// Checks the allowed principals of endpoint services (describe-vpc-endpoint-service-permissions,
    /// one file per service):
    ///
    /// - `*`: every AWS principal may create an endpoint to the service — an error when the service
    ///   accepts connections automatically (`AcceptanceRequired: false` in
    ///   describe-vpc-endpoint-service-configurations), a warning when connections still need acceptance
    ///   or the configuration was not exported;
    /// - an account root (`arn:aws:iam::123456789012:root`): information, suggesting the role that
    ///   creates the endpoints instead.
    ///
    /// ## Why is this bad?
    /// An allowed principal can connect to the service from any VPC it controls. With `*` and automatic
    /// acceptance, anyone with an AWS account reaches the load balancer behind the service. Allowing an
    /// account root admits every role and user of that account; as the Aiven documentation puts it, only
    /// give permissions to roles you trust, since an allowed role can connect from any VPC.
    ///
    /// ## Example
    /// ```json
    /// {"AllowedPrincipals": [{"PrincipalType": "All", "Principal": "*", "ServiceId": "vpce-svc-0a1"}],
    ///  "ServiceConfigurations": [{"ServiceId": "vpce-svc-0a1", "AcceptanceRequired": false}]}
    /// ```
    ///
    /// Use instead: allow the consumers' roles, and review connections:
    /// ```sh
    /// aws ec2 modify-vpc-endpoint-service-permissions --service-id vpce-svc-0a1 \
    ///   --remove-allowed-principals '*' --add-allowed-principals arn:aws:iam::123456789012:role/consumer
    /// aws ec2 modify-vpc-endpoint-service-configuration --service-id vpce-svc-0a1 --acceptance-required
    /// ```
    ///
    /// ## References
    /// - [Manage permissions for an endpoint service](https://docs.aws.amazon.com/vpc/latest/privatelink/configure-endpoint-service.html#add-remove-permissions)
    /// - [Accept and reject connection requests](https://docs.aws.amazon.com/vpc/latest/privatelink/configure-endpoint-service.html#accept-reject-connection-requests)
    SVC001 "endpoint-service-open-principals" {
        category: Security,
        severity: Error,
        input: Estate,
        check: check,
    }
}

fn check(cx: &Context<'_>) -> Vec<Finding> {
    cx.estate
        .service_permissions
        .iter()
        .filter_map(|p| finding(cx, p))
        .collect()
}

/// The account of an account-root principal `arn:aws:iam::123456789012:root`.
fn root_account(principal: &str) -> Option<&str> {
    let arn = Arn::parse(principal)?;
    (arn.service == "iam" && arn.resource == "root").then_some(arn.account)
}

fn finding(cx: &Context<'_>, p: &ServicePermission) -> Option<Finding> {
    let config = p
        .service_id
        .as_ref()
        .and_then(|id| cx.estate.service_configurations.get(id));
    let service = p
        .service_id
        .as_deref()
        .unwrap_or("(not named in the export)");
    let named = p.service_id.as_deref().map_or_else(
        || "An endpoint service (its id is not in the export)".to_owned(),
        |id| format!("Endpoint service `{id}`"),
    );
    let resource = match config {
        Some(c) => ResourceRef::at("vpc-endpoint-service", service, &c.scope, &c.origin),
        None => ResourceRef::new("vpc-endpoint-service", service, &Scope::default()),
    };
    // The permission as a fix changes it: the service's id, or the planned permission.
    let id = p.service_id.as_deref().unwrap_or("vpce-svc-…");
    let permission = ResourceRef::at("vpc-endpoint-service", id, &Scope::default(), &p.origin);
    let spot = Spot::member(&p.origin, "Principal");
    if p.principal == "*" {
        let acceptance = config.and_then(|c| c.acceptance_required);
        let (severity, consequence) = match acceptance {
            Some(false) => (
                Severity::Error,
                ", and accepts their connections automatically (`AcceptanceRequired: false`)",
            ),
            Some(true) => (
                Severity::Warning,
                ", though connections still wait for acceptance (`AcceptanceRequired: true`)",
            ),
            None => (
                Severity::Warning,
                "; whether connections need acceptance is unknown, as the service configuration was not exported",
            ),
        };
        let message = format!(
            "{named} allows every AWS principal (`*`) to create endpoints to it{consequence}"
        );
        let mut help = Remedy::say("Allow only the roles of your consumers: ").then(
            Action::ServicePrincipals {
                service: permission.clone(),
                remove: vec!["*".to_owned()],
                add: vec!["arn:aws:iam::<account>:role/<role>".to_owned()],
            },
        );
        if acceptance == Some(false) {
            help = help
                .then_say(", and review connections: ")
                .then(Action::ServiceAcceptance {
                    service: resource.clone(),
                });
        }
        return Some(
            Finding::new(&RULE, resource, message)
                .at(spot, "every principal")
                .severity(severity)
                .remedy(help),
        );
    }
    let account = root_account(&p.principal)?;
    let message = format!(
        "{named} allows the whole account `{account}` (`{}`): any role or user of that account can connect to it from any VPC",
        p.principal
    );
    Some(
        Finding::new(&RULE, resource, message)
            .at(spot, "account root: every principal of the account")
            .severity(Severity::Info)
            .remedy(
                Remedy::say("Allow only the role that creates the endpoints: ").then(
                    Action::ServicePrincipals {
                        service: permission,
                        remove: vec![p.principal.clone()],
                        add: vec![format!("arn:aws:iam::{account}:role/<role>")],
                    },
                ),
            ),
    )
}
