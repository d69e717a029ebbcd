//! Which accounts a read covers, and the credentials for each: the organisation's active
//! accounts (Organizations `ListAccounts`) or a given list, a stable share of them (`--shard`),
//! and a role assumed in every account but the caller's (STS `AssumeRole`).

use std::path::PathBuf;
use std::time::SystemTime;

use aws_config::{Region, SdkConfig};
use aws_credential_types::provider::SharedCredentialsProvider;
use aws_credential_types::Credentials;
use aws_sdk_ec2::error::ProvideErrorMetadata;

use super::shapes::{self, Cli};
use super::{call_error, Scope, Shared};
use crate::source::InputError;

/// The session name of every assumed role: what CloudTrail shows for vpclint's calls.
const SESSION_NAME: &str = "vpclint";

/// The file that holds the organisation's account list, at the root of an export (and
/// `aws://` in live mode), as `aws organizations list-accounts` prints it.
const ORGANIZATION_FILE: &str = "organizations-list-accounts.json";

/// Which accounts to read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Accounts {
    /// The account of the current credentials only.
    #[default]
    Caller,
    /// Every active account of the caller's organisation.
    Organization,
    /// These accounts.
    Listed(Vec<String>),
}

/// Share `index` (1-based) of `count`: the accounts whose id is `index - 1` modulo `count`.
/// The id alone decides, so every job of a matrix takes a disjoint share whatever order or
/// membership changes its listing sees, and the shares together are every account.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shard {
    /// Which share, from 1.
    pub index: u64,
    /// How many shares.
    pub count: u64,
}

impl Shard {
    /// Whether `account` falls in this share.
    pub fn takes(self, account: &str) -> bool {
        account
            .parse::<u64>()
            .is_ok_and(|id| id % self.count == self.index - 1)
    }
}

/// The organisation's account list: its document and the active accounts in it.
pub(super) struct Organization {
    /// `organizations-list-accounts.json` as the AWS CLI prints it.
    pub document: (PathBuf, String),
    /// Ids of the accounts whose state is `ACTIVE`, sorted.
    pub active: Vec<String>,
}

/// Every account of the organisation, from the management account or a delegated
/// administrator; suspended and closed accounts are listed in the document (they are still
/// members) and left out of the read.
pub(super) async fn organization(
    config: &SdkConfig,
    home: &str,
    caller: &str,
    shared: &Shared,
) -> Result<Organization, InputError> {
    let client = aws_sdk_organizations::Client::from_conf(
        aws_sdk_organizations::config::Builder::from(config)
            .region(Region::new(home.to_owned()))
            .interceptor(shared.retried.clone())
            .build(),
    );
    let scope = Scope {
        account: caller.to_owned(),
        region: home.to_owned(),
    };
    let mut items = Vec::new();
    let mut active = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let _permit = shared.limit.acquire().await;
        shared.count("ListAccounts");
        // ListAccounts returns at most 20 accounts a page.
        let page = client
            .list_accounts()
            .set_max_results(shared.page_size.map(|n| n.min(20)))
            .set_next_token(token.take())
            .send()
            .await
            .map_err(|e| match e.code() {
                Some("AWSOrganizationsNotInUseException") => super::error(
                    &scope.place(),
                    format!(
                        "`ListAccounts` in {home}: account {caller} is not in an organisation \
                         (AWSOrganizationsNotInUseException); name the accounts with \
                         --accounts instead of --org"
                    ),
                ),
                _ => call_error(&scope, "ListAccounts", &e),
            })?;
        for a in page.accounts() {
            let state = a
                .state()
                .map(|s| s.as_str())
                .or(a.status().map(|s| s.as_str()));
            if let (Some(id), Some("ACTIVE")) = (a.id(), state) {
                active.push(id.to_owned());
            }
            items.push(a.cli());
        }
        match page.next_token() {
            Some(t) if !t.is_empty() => token = Some(t.to_owned()),
            _ => break,
        }
    }
    active.sort();
    active.dedup();
    let text = shapes::to_text(&shapes::document("Accounts", items));
    Ok(Organization {
        document: (PathBuf::from(ORGANIZATION_FILE), text),
        active,
    })
}

/// The configuration for reading `account`: the caller's own for the caller's account, else
/// the role `role_name` assumed in it. An assumed role's credentials last an hour, longer than
/// an account takes to read.
pub(super) async fn credentials_for(
    config: &SdkConfig,
    target: &Target,
    account: &str,
    shared: &Shared,
) -> Result<SdkConfig, InputError> {
    if account == target.caller {
        return Ok(config.clone());
    }
    // The caller's credentials would read the caller's account under another's name.
    let Some(role_name) = target.role_name.as_deref() else {
        return Err(super::error(
            &format!("aws://{account}"),
            format!(
                "account {account} is not the calling account ({}): pass --role-name NAME, the \
                 role to assume in it",
                target.caller
            ),
        ));
    };
    let role = format!("arn:{}:iam::{account}:role/{role_name}", target.partition);
    let sts = aws_sdk_sts::Client::from_conf(
        aws_sdk_sts::config::Builder::from(config)
            .region(Region::new(target.home.clone()))
            .interceptor(shared.retried.clone())
            .build(),
    );
    let scope = Scope {
        account: account.to_owned(),
        region: target.home.clone(),
    };
    let out = {
        let _permit = shared.limit.acquire().await;
        shared.count("AssumeRole");
        sts.assume_role()
            .role_arn(&role)
            .role_session_name(SESSION_NAME)
            .set_external_id(target.external_id.clone())
            .send()
            .await
    };
    let out = out.map_err(|e| match e.code() {
        Some("AccessDenied" | "AccessDeniedException") => super::error(
            &format!("aws://{account}"),
            format!(
                "`AssumeRole` of `{role}` was denied (AccessDenied): the calling identity \
                 ({}) lacks the IAM permission `sts:AssumeRole` on that role, or the role does \
                 not exist or does not trust it (its trust policy{}); the account was not read",
                target.caller,
                if target.external_id.is_some() {
                    ", or the external id"
                } else {
                    ""
                }
            ),
        ),
        _ => call_error(&scope, "AssumeRole", &e),
    })?;
    let Some(c) = out.credentials() else {
        return Err(super::error(
            &format!("aws://{account}"),
            format!("`AssumeRole` of `{role}` answered without credentials"),
        ));
    };
    let expiry = SystemTime::try_from(*c.expiration()).ok();
    let credentials = Credentials::new(
        c.access_key_id(),
        c.secret_access_key(),
        Some(c.session_token().to_owned()),
        expiry,
        "vpclint-assume-role",
    );
    Ok(config
        .to_builder()
        .credentials_provider(SharedCredentialsProvider::new(credentials))
        .build())
}

/// Who reads the accounts, and how.
#[derive(Clone)]
pub(super) struct Target {
    /// The account of the current credentials.
    pub caller: String,
    /// `aws`, `aws-cn`, `aws-us-gov`: from the caller's ARN, for the roles' ARNs.
    pub partition: String,
    /// The region of the STS and Organizations calls.
    pub home: String,
    /// The role to assume in every account but the caller's.
    pub role_name: Option<String>,
    /// `sts:ExternalId` of the role's trust policy.
    pub external_id: Option<String>,
}

/// The partition of an ARN (`arn:PARTITION:…`), `aws` when it names none.
pub(super) fn partition(arn: Option<&str>) -> String {
    arn.and_then(|a| a.split(':').nth(1))
        .filter(|p| !p.is_empty())
        .unwrap_or("aws")
        .to_owned()
}

/// The account ids of an `--accounts-file`: one per line, blank lines and `#` comments
/// ignored; a line that is not an account id is an error naming it.
pub fn parse_accounts_file(text: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let id = line.split('#').next().unwrap_or_default().trim();
        if id.is_empty() {
            continue;
        }
        if !crate::source::region::is_account(id) {
            return Err(format!(
                "line {}: `{id}` is not an AWS account id (12 digits)",
                n + 1
            ));
        }
        out.push(id.to_owned());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account_item(id: &str) -> serde_json::Value {
        aws_sdk_organizations::types::Account::builder()
            .id(id)
            .name(format!("account {id}"))
            .status(aws_sdk_organizations::types::AccountStatus::Active)
            .build()
            .cli()
    }

    #[test]
    fn shards_split_every_account_once() {
        let ids: Vec<String> = (0..50)
            .map(|i| format!("{:012}", 111_111_111_111u64 + i))
            .collect();
        let shards = [
            Shard { index: 1, count: 3 },
            Shard { index: 2, count: 3 },
            Shard { index: 3, count: 3 },
        ];
        for id in &ids {
            assert_eq!(shards.iter().filter(|s| s.takes(id)).count(), 1, "{id}");
        }
    }

    #[test]
    fn accounts_file_lines() {
        assert_eq!(
            parse_accounts_file("111111111111\n\n# staging\n222222222222 # prod\n"),
            Ok(vec!["111111111111".to_owned(), "222222222222".to_owned()])
        );
        assert_eq!(
            parse_accounts_file("111111111111\nprod\n"),
            Err("line 2: `prod` is not an AWS account id (12 digits)".to_owned())
        );
    }

    #[test]
    fn accounts_as_the_cli_prints_them() {
        assert_eq!(
            account_item("111111111111"),
            serde_json::json!({"Id": "111111111111", "Name": "account 111111111111", "Status": "ACTIVE"})
        );
        assert_eq!(
            partition(Some("arn:aws-cn:sts::1:assumed-role/x")),
            "aws-cn"
        );
        assert_eq!(partition(None), "aws");
    }
}
