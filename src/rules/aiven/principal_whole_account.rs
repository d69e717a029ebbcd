//! AIV005 `aiven-principal-whole-account`.

use super::service_ref;
use crate::finding::{Finding, Severity, Spot};
use crate::rules::{Category, Context, RuleDef};

/// An Aiven PrivateLink principal that is a whole AWS account rather than a role or user.
pub static RULE: RuleDef = RuleDef {
    code: "AIV005",
    name: "aiven-principal-whole-account",
    category: Category::Security,
    severity: Severity::Warning,
    doc: include_str!("../../../rules/AIV005-aiven-principal-whole-account.md"),
    check,
};

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
            // `update` replaces the list, so the fix names every principal to keep.
            let keep: String = link
                .principals
                .iter()
                .filter(|p| *p != principal)
                .map(|p| format!("--principal {p} "))
                .collect();
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
                .help(format!(
                    "Allow only the role or user that creates the endpoint: `avn service privatelink aws update {keep}--principal arn:aws:iam::{account}:role/<role-name> {}` (update replaces the whole list)",
                    s.name
                )),
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
