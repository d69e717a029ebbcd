//! POL002 `full-access-policy`.

use crate::finding::{Finding, Remedy, Spot};
use crate::model::VpcEndpoint;
use crate::policy::eval::grants_everything;
use crate::policy::Effect;
use crate::policy::Policies;
use crate::rules::{declare_rule, refs, Context};

use super::{apply_endpoint_policy, endpoint_spot, iam_prefix, policy_known, supports_policy, tree};

declare_rule! {
    /// Endpoint with the default policy that allows everything to everyone, written out or absent
    ///
    /// ## What it does
    /// Reports VPC endpoints whose policy grants everything to everyone: an `Allow` statement with
    /// principal `*` (or `{"AWS": "*"}`), action `*` (or every action of the endpoint's service, such as
    /// `s3:*`), resource `*` and no condition, in a policy without any `Deny` statement. This is AWS's
    /// default endpoint policy (`"Version": "2008-10-17"` in describe-vpc-endpoints); an endpoint of a
    /// service that supports policies but shows no `PolicyDocument` at all gets the same default, and is
    /// reported too, at its `VpcEndpointId`.
    ///
    /// Not checked: endpoints to services without endpoint policy support
    /// (`VpcEndpointPolicySupported: false`) and to endpoint services of other accounts
    /// (`com.amazonaws.vpce.<region>.vpce-svc-…`, such as Aiven's): AWS shows them the default and
    /// allows nothing else, so there is nothing to fix. Gateway Load Balancer endpoints have no policy.
    ///
    /// ## Why is this bad?
    /// The endpoint lets anyone with credentials do anything the service offers through your private
    /// network path: read from or write to other accounts' buckets, queues and tables, which is a classic
    /// data exfiltration route. An endpoint policy that lists what the VPC needs closes it.
    ///
    /// ## Example
    /// ```json
    /// {"VpcEndpoints": [{"VpcEndpointId": "vpce-0a1", "VpcEndpointType": "Interface", "VpcId": "vpc-1",
    ///   "ServiceName": "com.amazonaws.eu-west-1.sqs", "State": "available",
    ///   "PolicyDocument": "{\"Version\":\"2008-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}]}"}]}
    /// ```
    ///
    /// Use instead: allow only what the VPC's workloads use, for your own principals:
    /// ```json
    /// {
    ///   "Version": "2012-10-17",
    ///   "Statement": [{
    ///     "Effect": "Allow",
    ///     "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
    ///     "Action": ["sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage"],
    ///     "Resource": "arn:aws:sqs:eu-west-1:123456789012:orders"
    ///   }]
    /// }
    /// ```
    /// ```sh
    /// aws ec2 modify-vpc-endpoint --vpc-endpoint-id vpce-0a1 --policy-document file://policy.json
    /// ```
    ///
    /// ## References
    /// - [Control access to VPC endpoints using endpoint policies: default endpoint policy](https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html)
    /// - [View endpoint policy support](https://docs.aws.amazon.com/vpc/latest/privatelink/aws-services-privatelink-support.html)
    POL002 "full-access-policy" {
        category: Security,
        severity: Warning,
        input: Policies,
        check: check,
    }
}

fn check(cx: &Context<'_>, policies: &Policies) -> Vec<Finding> {
    cx.estate
        .endpoints
        .values()
        .filter(|ep| {
            !refs::is_gone(&ep.state) && supports_policy(cx.estate, ep) && policy_known(ep)
        })
        .filter_map(|ep| finding(policies, ep))
        .collect()
}

fn help(ep: &VpcEndpoint) -> Remedy {
    Remedy::say(
        "Attach a policy that allows only the principals, actions and resources this VPC needs: ",
    )
    .then(apply_endpoint_policy(ep))
}

fn finding(policies: &Policies, ep: &VpcEndpoint) -> Option<Finding> {
    if ep.policy.is_none() {
        let message = format!(
            "Endpoint {} has no policy, so AWS applies the default full-access policy: every principal may perform every action on every resource through it",
            refs::describe(ep)
        );
        return Some(
            Finding::new(&RULE, refs::endpoint(ep), message)
                .at(
                    Spot::member(&ep.origin, "VpcEndpointId"),
                    "no `PolicyDocument`: the default policy applies",
                )
                .remedy(help(ep)),
        );
    }
    let policy = tree(policies.endpoint(&ep.id))?;
    // A `Deny` statement takes something away, so the policy is no longer everything.
    if policy
        .statements
        .iter()
        .any(|s| s.effect == Some(Effect::Deny))
    {
        return None;
    }
    let prefix = iam_prefix(&ep.service_name);
    let statement = policy
        .statements
        .iter()
        .find(|s| grants_everything(s, prefix))?;
    let default = policy
        .version
        .as_ref()
        .is_some_and(|v| v.value == "2008-10-17")
        && policy.statements.len() == 1;
    let what = if default {
        "has AWS's default full-access policy"
    } else {
        "has a full-access policy"
    };
    // `sqs:*` grants what `*` grants through an SQS endpoint, but says so in other words.
    let all = statement
        .action
        .as_ref()
        .is_some_and(|a| a.items.iter().any(|x| x.value == "*"));
    let actions = match prefix {
        Some(p) if !all => format!("every {} action", super::service_title(p)),
        _ => "every action".to_owned(),
    };
    let message = format!(
        "Endpoint {} {what}: every principal may perform {actions} on every resource through it",
        refs::describe(ep)
    );
    Some(
        Finding::new(&RULE, refs::endpoint(ep), message)
            .at(
                endpoint_spot(ep, &statement.at.value()),
                "`*` principal, action and resource, no condition",
            )
            .remedy(help(ep)),
    )
}
