//! AIV005 `aiven-principal-whole-account`.

use super::{privatelink_ref, service_ref};
use crate::finding::{Action, Finding, Remedy, Spot};
use crate::rules::{declare_rule, Context};

declare_rule! {
    /// Aiven PrivateLink principal that allows a whole AWS account rather than a role or user
    ///
    /// ## What it does
    /// Reports each principal of an Aiven PrivateLink resource that names a whole AWS account:
    /// `arn:aws:iam::ACCOUNT:root` (in any partition) or a bare 12-digit account id.
    ///
    /// ## Why is this bad?
    /// A principal allowed on the endpoint service can connect an endpoint from any VPC it can create
    /// endpoints in. Allowing the account lets every role and user in it do so, including in VPCs the
    /// platform team does not control; Aiven's documentation recommends giving the permission only to
    /// roles you trust.
    ///
    /// ## Example
    /// ```json
    /// [{"aws_service_id": "vpce-svc-0b16e88f3b706aaf1",
    ///   "aws_service_name": "com.amazonaws.vpce.eu-west-1.vpce-svc-0b16e88f3b706aaf1",
    ///   "principals": ["arn:aws:iam::012345678901:root"], "state": "active"}]
    /// ```
    ///
    /// Use instead: the role or user that creates the endpoint (`update` replaces the whole list, so
    /// repeat every principal to keep):
    /// ```sh
    /// avn service privatelink aws update --principal arn:aws:iam::012345678901:user/mwf my-kafka
    /// ```
    ///
    /// ## References
    /// - [Use AWS PrivateLink with Aiven services](https://aiven.io/docs/platform/howto/use-aws-privatelinks)
    /// - [Manage permissions of an endpoint service](https://docs.aws.amazon.com/vpc/latest/privatelink/configure-endpoint-service.html#add-remove-permissions)
    AIV005 "aiven-principal-whole-account" {
        category: Security,
        severity: Warning,
        input: Estate,
        check: check,
    }
}

/// The account of a principal that names a whole account: `arn:aws:iam::ACCOUNT:root` or the
/// bare 12-digit id (AWS accepts both).
fn whole_account(principal: &str) -> Option<&str> {
    let account = principal
        .strip_prefix("arn:")
        .and_then(|rest| rest.split_once(":iam::"))
        .and_then(|(_, rest)| rest.strip_suffix(":root"))
        .unwrap_or(principal);
    (account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit())).then_some(account)
}

fn check(cx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for s in cx.estate.aiven_services.values() {
        let Some(link) = &s.privatelink else {
            continue;
        };
        for (i, principal) in link.principals.iter().enumerate() {
            let Some(account) = whole_account(principal) else {
                continue;
            };
            let mut keep: Vec<String> = link
                .principals
                .iter()
                .filter(|p| *p != principal)
                .cloned()
                .collect();
            keep.push(format!("arn:aws:iam::{account}:role/<role-name>"));
            let privatelink = privatelink_ref(s, link);
            out.push(
                Finding::new(
                    &RULE,
                    service_ref(s),
                    format!(
                        "Aiven service `{}` lets every role and user of account `{account}` connect a VPC endpoint from any VPC (`{principal}`)",
                        s.name
                    ),
                )
                .at(
                    Spot::member(&link.origin, &format!("principals/{i}")),
                    "whole account",
                )
                .remedy(
                    Remedy::say("Allow only the role or user that creates the endpoint: ").then(
                        Action::AivenPrincipals {
                            privatelink,
                            principals: keep,
                        },
                    ),
                ),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::whole_account;

    #[test]
    fn recognises_account_principals() {
        assert_eq!(
            whole_account("arn:aws:iam::123456789012:root"),
            Some("123456789012")
        );
        assert_eq!(
            whole_account("arn:aws-us-gov:iam::123456789012:root"),
            Some("123456789012")
        );
        assert_eq!(whole_account("123456789012"), Some("123456789012"));
        assert_eq!(whole_account("arn:aws:iam::012345678901:user/mwf"), None);
        assert_eq!(whole_account("arn:aws:iam::012345678901:role/root"), None);
        assert_eq!(whole_account("*"), None);
    }
}
