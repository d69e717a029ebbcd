//! Rules about endpoint policies and REST API resource policies, and what they share: which
//! endpoints can have a policy at all, the IAM prefix of a service, and places inside a policy.

pub mod full_access_policy;
pub mod invalid_policy;
pub mod untrusted_principal;
pub mod wildcard_principal;

use crate::finding::Spot;
use crate::model::{EndpointKind, Estate, Origin, RestApi, VpcEndpoint};
use crate::policy::{Loc, Parsed, Policy};

/// Whether AWS honours a custom policy on this endpoint: interface and gateway endpoints to AWS
/// services that support endpoint policies. Endpoint services of other accounts (Aiven and other
/// partners: `com.amazonaws.vpce.<region>.vpce-svc-…`) and services that describe-vpc-endpoint-
/// services reports with `VpcEndpointPolicySupported: false` always show the full-access default,
/// and AWS allows nothing else there.
pub fn supports_policy(estate: &Estate, ep: &VpcEndpoint) -> bool {
    matches!(ep.kind, EndpointKind::Interface | EndpointKind::Gateway)
        && !ep.service_name.starts_with("com.amazonaws.vpce.")
        && estate
            .service_for(ep)
            .is_none_or(|s| s.policy_supported != Some(false))
}

/// The service part of an AWS service name: `com.amazonaws.eu-west-1.ecr.dkr` → `ecr.dkr`.
fn service_suffix(service_name: &str) -> Option<&str> {
    let rest = service_name.strip_prefix("com.amazonaws.")?;
    if rest.starts_with("vpce.") {
        return None;
    }
    rest.split_once('.').map(|(_, service)| service)
}

/// The IAM action prefix of the service an endpoint connects to, for the services whose prefix
/// is known here; `None` for the rest (no check is better than a wrong one).
pub fn iam_prefix(service_name: &str) -> Option<&'static str> {
    const PREFIXES: &[(&str, &str)] = &[
        ("application-autoscaling", "application-autoscaling"),
        ("athena", "athena"),
        ("autoscaling", "autoscaling"),
        ("backup", "backup"),
        ("cloudformation", "cloudformation"),
        ("codebuild", "codebuild"),
        ("codecommit", "codecommit"),
        ("codepipeline", "codepipeline"),
        ("dynamodb", "dynamodb"),
        ("ec2", "ec2"),
        ("ec2messages", "ec2messages"),
        ("ecr.api", "ecr"),
        ("ecr.dkr", "ecr"),
        ("ecs", "ecs"),
        ("ecs-agent", "ecs"),
        ("ecs-telemetry", "ecs"),
        ("eks", "eks"),
        ("elasticfilesystem", "elasticfilesystem"),
        ("elasticloadbalancing", "elasticloadbalancing"),
        ("events", "events"),
        ("execute-api", "execute-api"),
        ("git-codecommit", "codecommit"),
        ("glue", "glue"),
        ("kinesis-firehose", "firehose"),
        ("kinesis-streams", "kinesis"),
        ("kms", "kms"),
        ("lambda", "lambda"),
        ("logs", "logs"),
        ("monitoring", "cloudwatch"),
        ("rds", "rds"),
        ("s3", "s3"),
        ("sagemaker.api", "sagemaker"),
        ("sagemaker.runtime", "sagemaker"),
        ("secretsmanager", "secretsmanager"),
        ("sns", "sns"),
        ("sqs", "sqs"),
        ("ssm", "ssm"),
        ("ssmmessages", "ssmmessages"),
        ("states", "states"),
        ("sts", "sts"),
        ("xray", "xray"),
    ];
    let suffix = service_suffix(service_name)?;
    PREFIXES.iter().find(|(s, _)| *s == suffix).map(|(_, p)| *p)
}

/// The parsed policy, when it is JSON (syntax errors are `invalid-policy`'s alone).
pub fn tree(parsed: Option<&Parsed>) -> Option<&Policy> {
    match parsed? {
        Parsed::Policy(p) => Some(p),
        Parsed::Syntax(_) => None,
    }
}

/// A place inside the policy held as a JSON string in member `member` of the object at
/// `origin`.
/// `member` is named as the AWS CLI names it: a planned endpoint's `PolicyDocument` is its
/// `policy` attribute, or the `aws_vpc_endpoint_policy` resource that sets it.
pub fn spot_in(origin: &Origin, member: &str, loc: &Loc) -> Spot {
    let mut spot = Spot::embedded(origin, member, loc.pointer.clone());
    spot.target.part = loc.part;
    spot
}

/// Whether the endpoint's policy is known: a planned policy known only after apply is neither
/// the default policy nor any other, so the policy rules leave the endpoint alone.
pub fn policy_known(ep: &VpcEndpoint) -> bool {
    ep.origin.known("PolicyDocument")
}

/// A place inside an endpoint's `PolicyDocument`.
pub fn endpoint_spot(ep: &VpcEndpoint, loc: &Loc) -> Spot {
    spot_in(&ep.origin, "PolicyDocument", loc)
}

/// A place inside a REST API's `policy`.
pub fn api_spot(api: &RestApi, loc: &Loc) -> Spot {
    spot_in(&api.origin, "policy", loc)
}

/// How to replace a REST API's resource policy, for help texts (a changed resource policy takes
/// effect only once the API is deployed again).
pub fn update_api_policy(api: &RestApi) -> String {
    if let Some(address) = api.origin.address() {
        return format!(
            "then set it as `policy` of `{address}` (or of its `aws_api_gateway_rest_api_policy`) and redeploy the API (an `aws_api_gateway_deployment` whose `triggers` include the policy)"
        );
    }
    format!(
        "then update the policy with `aws apigateway update-rest-api --rest-api-id {id} --patch-operations op=replace,path=/policy,value=<the policy JSON>` and redeploy with `aws apigateway create-deployment --rest-api-id {id} --stage-name <stage>`",
        id = api.id
    )
}

/// An account id for help texts: the resource's account, or a placeholder when unknown.
pub fn account_or_placeholder(account: Option<&str>) -> &str {
    account.unwrap_or("123456789012")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_of_service_names() {
        assert_eq!(
            iam_prefix("com.amazonaws.eu-west-1.execute-api"),
            Some("execute-api")
        );
        assert_eq!(iam_prefix("com.amazonaws.us-east-1.ecr.dkr"), Some("ecr"));
        assert_eq!(
            iam_prefix("com.amazonaws.us-east-1.monitoring"),
            Some("cloudwatch")
        );
        assert_eq!(
            iam_prefix("com.amazonaws.vpce.eu-west-1.vpce-svc-2a9307bb"),
            None
        );
        assert_eq!(iam_prefix("com.amazonaws.us-east-1.some-new-service"), None);
        assert_eq!(iam_prefix("aws.sagemaker.us-east-1.notebook"), None);
    }
}
