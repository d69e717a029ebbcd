//! JSON documents that are plainly not inputs: the files that sit beside an export in a real
//! snapshot folder (the policy document passed as `file://policy.json`, a Terraform state, a
//! `package.json`, vpclint's own report). A directory walk leaves them unread with a warning
//! instead of failing the run on them.
//!
//! Recognition is by content, never by file name, and deliberately narrow: a document is
//! foreign only when none of its top-level keys is one that a vpclint input carries (so a
//! broken export, or a typo beside real data, stays an input error) and it has the identifying
//! keys of one of the formats below. Formats with a closed set of top-level keys (IAM policies,
//! Terraform states, CloudFormation templates) must also have no other key.

use serde_json::{Map, Value};

use super::kinds::{
    Kind, AIVEN_CONNECTION_KEYS, AIVEN_PRIVATELINK_KEYS, AIVEN_SERVICE_KEYS, ATTRIBUTE_KEYS,
    IGNORED_KEYS, TERRAFORM_KEYS,
};

/// What a foreign document is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Foreign {
    /// An IAM policy document (`Version`, `Statement`, `Id`).
    IamPolicy,
    /// A Terraform state file (`terraform.tfstate`).
    TerraformState,
    /// A Terraform configuration in JSON syntax (`*.tf.json`).
    TerraformConfig,
    /// Terraform's record of installed modules (`.terraform/modules/modules.json`).
    TerraformModules,
    /// A CloudFormation (or SAM) template.
    CloudFormation,
    /// An npm package manifest (`package.json`).
    NpmManifest,
    /// An npm lock file (`package-lock.json`).
    NpmLock,
    /// A TypeScript or JavaScript project configuration (`tsconfig.json`).
    TsConfig,
    /// A VS Code workspace file (`settings.json`, `extensions.json`, `launch.json`, `tasks.json`).
    EditorSettings,
    /// A SARIF log.
    Sarif,
    /// vpclint's own output: a JSON report, a baseline or a `reach` result.
    Vpclint,
    /// Another tool's document that names its JSON Schema (`$schema`).
    SchemaDocument,
    /// The output of an AWS CLI call that vpclint does not read (the command).
    AwsCall(&'static str),
}

impl Foreign {
    /// Stable name, for the JSON report.
    pub fn name(self) -> &'static str {
        match self {
            Foreign::IamPolicy => "iam-policy",
            Foreign::TerraformState => "terraform-state",
            Foreign::TerraformConfig => "terraform-configuration",
            Foreign::TerraformModules => "terraform-modules",
            Foreign::CloudFormation => "cloudformation-template",
            Foreign::NpmManifest => "npm-manifest",
            Foreign::NpmLock => "npm-lock",
            Foreign::TsConfig => "tsconfig",
            Foreign::EditorSettings => "editor-settings",
            Foreign::Sarif => "sarif",
            Foreign::Vpclint => "vpclint-output",
            Foreign::SchemaDocument => "schema-document",
            Foreign::AwsCall(_) => "aws-cli-output-not-read",
        }
    }

    /// What the file is and what vpclint wanted instead: `an IAM policy document, not the
    /// output of an AWS CLI call`.
    pub fn description(self) -> String {
        if let Foreign::AwsCall(command) = self {
            return format!("the output of `{command}`, which vpclint does not read");
        }
        const CLI: &str = "not the output of an AWS CLI call";
        const PLAN: &str = "not a plan, which `terraform show -json plan.out` prints";
        let (what, instead) = match self {
            Foreign::IamPolicy => ("an IAM policy document", CLI),
            Foreign::TerraformState => ("a Terraform state", PLAN),
            Foreign::TerraformConfig => ("a Terraform configuration in JSON syntax", PLAN),
            Foreign::TerraformModules => ("Terraform's list of installed modules", PLAN),
            Foreign::CloudFormation => ("a CloudFormation template", CLI),
            Foreign::NpmManifest => ("an npm package manifest", CLI),
            Foreign::NpmLock => ("an npm lock file", CLI),
            Foreign::TsConfig => ("a TypeScript configuration", CLI),
            Foreign::EditorSettings => ("VS Code workspace settings", CLI),
            Foreign::Sarif => ("a SARIF log", CLI),
            Foreign::Vpclint => ("an output of vpclint itself", CLI),
            Foreign::SchemaDocument => ("another tool's document (it names a `$schema`)", CLI),
            Foreign::AwsCall(_) => return String::new(),
        };
        format!("{what}, {instead}")
    }
}

/// What `text` is, when it is a JSON object of one of the foreign formats and claims to be no
/// input. Meant for files that failed to load as an input: it parses the whole text again.
pub fn recognise(text: &str) -> Option<Foreign> {
    let Ok(Value::Object(map)) = serde_json::from_str::<Value>(text) else {
        return None;
    };
    if map.is_empty() || map.keys().any(|k| claims_input(k)) {
        return None;
    }
    let has = |k: &str| map.contains_key(k);
    let only = |allowed: &[&str]| map.keys().all(|k| allowed.contains(&k.as_str()));
    // Most specific first: a tsconfig or a SARIF log also names its `$schema`.
    let found = if let Some(command) = aws_call(&map) {
        Foreign::AwsCall(command)
    } else if only(&["Version", "Id", "Statement"]) && (has("Version") || has("Statement")) {
        Foreign::IamPolicy
    } else if only(STATE_KEYS)
        && ((has("version") && has("terraform_version") && has("resources"))
            || has("serial")
            || has("lineage"))
    {
        Foreign::TerraformState
    } else if only(TF_CONFIG_KEYS)
        && [
            "terraform",
            "provider",
            "resource",
            "data",
            "module",
            "variable",
        ]
        .iter()
        .any(|k| has(k))
    {
        Foreign::TerraformConfig
    } else if only(&["Modules"]) && is_module_list(&map) {
        Foreign::TerraformModules
    } else if only(CFN_KEYS) && (has("AWSTemplateFormatVersion") || has("Resources")) {
        Foreign::CloudFormation
    } else if has("lockfileVersion") {
        Foreign::NpmLock
    } else if has("name") && NPM_KEYS.iter().any(|k| has(k)) {
        Foreign::NpmManifest
    } else if has("compilerOptions") {
        Foreign::TsConfig
    } else if is_editor_settings(&map) {
        Foreign::EditorSettings
    } else if has("$schema") && has("runs") && has("version") {
        Foreign::Sarif
    } else if is_vpclint_output(&map) {
        Foreign::Vpclint
    } else if map.get("$schema").is_some_and(Value::is_string) {
        Foreign::SchemaDocument
    } else {
        return None;
    };
    Some(found)
}

/// Whether a top-level key is one that some vpclint input carries: a document with one claims
/// to be an input, and its problems are input errors. `terraform_version` is left out because
/// Terraform writes it in states too.
fn claims_input(key: &str) -> bool {
    Kind::from_key(key).is_some()
        || ATTRIBUTE_KEYS.contains(&key)
        || (IGNORED_KEYS.contains(&key) && !pages_only(key))
        || AIVEN_SERVICE_KEYS.contains(&key)
        || AIVEN_PRIVATELINK_KEYS.contains(&key)
        || AIVEN_CONNECTION_KEYS.contains(&key)
        || (TERRAFORM_KEYS.contains(&key) && key != "terraform_version")
}

/// Paging members that many services print beside their lists (Route 53 and its Resolver among
/// those vpclint reads, gateways among those it does not): they say nothing about what the
/// document is. `NextToken`, which every describe call of EC2 prints, still claims an input.
fn pages_only(key: &str) -> bool {
    key != "NextToken" && AWS_CALL_COMPANIONS.contains(&key)
}

/// Outputs of AWS CLI calls that sit in real snapshot folders beside the ones vpclint reads
/// (gateways, instances, identity), by the top-level key that names their data. They are AWS's
/// own outputs, not a mistyped input, so a walk leaves them out with a word instead of failing.
const AWS_CALLS: &[(&str, &str)] = &[
    ("Addresses", "aws ec2 describe-addresses"),
    ("InternetGateways", "aws ec2 describe-internet-gateways"),
    (
        "ManagedPrefixLists",
        "aws ec2 describe-managed-prefix-lists",
    ),
    ("NatGateways", "aws ec2 describe-nat-gateways"),
    ("Regions", "aws ec2 describe-regions"),
    ("Reservations", "aws ec2 describe-instances"),
    (
        "TransitGatewayVpcAttachments",
        "aws ec2 describe-transit-gateway-vpc-attachments",
    ),
    ("VpnConnections", "aws ec2 describe-vpn-connections"),
];

/// Keys that page or qualify those outputs: any other key means the document is something else.
const AWS_CALL_COMPANIONS: &[&str] = &[
    "NextToken",
    "MaxResults",
    "IsTruncated",
    "MaxItems",
    "Marker",
    "NextMarker",
    "NextRecordName",
    "NextRecordType",
    "NextRecordIdentifier",
];

/// The command whose output `map` is, when it is one of [`AWS_CALLS`] (or `aws sts
/// get-caller-identity`).
fn aws_call(map: &Map<String, Value>) -> Option<&'static str> {
    let mut keys = map.keys().map(String::as_str);
    if map.len() == 3
        && keys
            .clone()
            .all(|k| ["UserId", "Account", "Arn"].contains(&k))
    {
        return Some("aws sts get-caller-identity");
    }
    let mut command = None;
    let all_known = keys.all(|k| match AWS_CALLS.iter().find(|(key, _)| *key == k) {
        Some((_, c)) => {
            command = Some(*c);
            true
        }
        None => AWS_CALL_COMPANIONS.contains(&k),
    });
    command.filter(|_| all_known)
}

/// The top-level keys of a state file, versions 3 and 4.
const STATE_KEYS: &[&str] = &[
    "version",
    "terraform_version",
    "serial",
    "lineage",
    "outputs",
    "resources",
    "check_results",
    "modules",
    "remote",
    "backend",
];

/// The top-level blocks of Terraform's JSON configuration syntax (`//` is its comment).
const TF_CONFIG_KEYS: &[&str] = &[
    "//",
    "terraform",
    "provider",
    "variable",
    "locals",
    "output",
    "module",
    "resource",
    "data",
    "moved",
    "import",
    "check",
    "removed",
];

/// The top-level sections of a CloudFormation template (and SAM's `Globals`).
const CFN_KEYS: &[&str] = &[
    "AWSTemplateFormatVersion",
    "Description",
    "Metadata",
    "Parameters",
    "Rules",
    "Mappings",
    "Conditions",
    "Transform",
    "Resources",
    "Outputs",
    "Hooks",
    "Globals",
];

/// Fields that, beside `name`, make an object an npm manifest.
const NPM_KEYS: &[&str] = &[
    "version",
    "dependencies",
    "devDependencies",
    "peerDependencies",
    "scripts",
    "main",
    "private",
    "workspaces",
];

/// `{"Modules": [{"Key": "", "Source": "", "Dir": "."}]}`.
fn is_module_list(map: &Map<String, Value>) -> bool {
    map.get("Modules")
        .and_then(Value::as_array)
        .is_some_and(|list| list.iter().all(|m| m.get("Dir").is_some()))
}

/// `settings.json` keys are dotted setting names (`editor.tabSize`) or language blocks
/// (`[json]`); `extensions.json` has recommendations; `launch.json` and `tasks.json` a version
/// and their configurations or tasks.
fn is_editor_settings(map: &Map<String, Value>) -> bool {
    let setting = |k: &String| k.contains('.') || (k.starts_with('[') && k.ends_with(']'));
    map.keys().all(setting)
        || map
            .keys()
            .all(|k| k == "recommendations" || k == "unwantedRecommendations")
        || (map.contains_key("version")
            && (map.contains_key("configurations") || map.contains_key("tasks")))
}

/// A report or baseline names the tool (`"tool": {"name": "vpclint"}` or `"tool": "vpclint"`);
/// a `reach --format json` result has its verdict and paths.
fn is_vpclint_output(map: &Map<String, Value>) -> bool {
    let tool = map.get("tool");
    let named = tool.and_then(Value::as_str) == Some("vpclint")
        || tool.and_then(|t| t.get("name")).and_then(Value::as_str) == Some("vpclint");
    named
        || ["version", "verdict", "from", "to", "paths"]
            .iter()
            .all(|k| map.contains_key(*k))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn what(text: &str) -> Option<&'static str> {
        recognise(text).map(Foreign::name)
    }

    #[test]
    fn each_format_by_its_keys() {
        let cases = [
            (r#"{"NatGateways": []}"#, "aws-cli-output-not-read"),
            (
                r#"{"MaxResults": 100, "TransitGatewayVpcAttachments": []}"#,
                "aws-cli-output-not-read",
            ),
            (
                r#"{"UserId": "AIDA", "Account": "123456789012", "Arn": "arn:aws:iam::123456789012:user/x"}"#,
                "aws-cli-output-not-read",
            ),
            (
                r#"{"Version": "2012-10-17", "Statement": []}"#,
                "iam-policy",
            ),
            (
                r#"{"Id": "x", "Statement": {"Effect": "Deny"}}"#,
                "iam-policy",
            ),
            (
                r#"{"version": 4, "terraform_version": "1.9.5", "resources": []}"#,
                "terraform-state",
            ),
            (
                r#"{"version": 3, "serial": 1, "lineage": "x", "backend": {}}"#,
                "terraform-state",
            ),
            (
                r#"{"resource": {"aws_vpc": {}}, "//": "generated"}"#,
                "terraform-configuration",
            ),
            (
                r#"{"Modules": [{"Key": "", "Source": "", "Dir": "."}]}"#,
                "terraform-modules",
            ),
            (
                r#"{"AWSTemplateFormatVersion": "2010-09-09"}"#,
                "cloudformation-template",
            ),
            (
                r#"{"Resources": {}, "Globals": {}}"#,
                "cloudformation-template",
            ),
            (
                r#"{"name": "x", "version": "1.0.0", "jest": {}}"#,
                "npm-manifest",
            ),
            (
                r#"{"name": "x", "lockfileVersion": 3, "packages": {}}"#,
                "npm-lock",
            ),
            (r#"{"compilerOptions": {}, "include": ["src"]}"#, "tsconfig"),
            (r#"{"editor.tabSize": 2, "[json]": {}}"#, "editor-settings"),
            (
                r#"{"recommendations": ["rust-lang.rust-analyzer"]}"#,
                "editor-settings",
            ),
            (r#"{"version": "2.0.0", "tasks": []}"#, "editor-settings"),
            (
                r#"{"$schema": "https://x/sarif.json", "version": "2.1.0", "runs": []}"#,
                "sarif",
            ),
            (
                r#"{"version": 1, "tool": {"name": "vpclint"}, "findings": []}"#,
                "vpclint-output",
            ),
            (
                r#"{"version": 1, "tool": "vpclint", "findings": []}"#,
                "vpclint-output",
            ),
            (
                r#"{"version": 1, "verdict": "BLOCKED", "from": "a", "to": "b", "paths": []}"#,
                "vpclint-output",
            ),
            (
                r#"{"$schema": "https://docs.renovatebot.com/renovate-schema.json"}"#,
                "schema-document",
            ),
        ];
        for (text, name) in cases {
            assert_eq!(what(text), Some(name), "{text}");
        }
    }

    #[test]
    fn a_key_of_an_input_makes_it_an_input() {
        for text in [
            // Broken exports, or a typo beside real data: their problems are errors.
            r#"{"Version": "2012-10-17", "Statement": [], "VpcEndpoints": []}"#,
            r#"{"Statement": [], "NextToken": "x"}"#,
            r#"{"name": "kafka", "version": "1", "service_type": "kafka"}"#,
            r#"{"format_version": "1.2", "terraform_version": "1.9.5", "values": {}}"#,
            r#"{"$schema": "x", "VpcId": "vpc-1"}"#,
        ] {
            assert_eq!(what(text), None, "{text}");
        }
    }

    #[test]
    fn closed_formats_have_no_other_key_and_the_rest_is_unknown() {
        for text in [
            r#"{"Version": "2012-10-17", "Statement": [], "Vpcz": []}"#,
            r#"{"version": 4, "terraform_version": "1.9.5", "resources": [], "x": 1}"#,
            r#"{"Resources": {}, "Vpcz": []}"#,
            r#"{"Vpcz": []}"#,
            r#"{}"#,
            r#"[{"Version": "2012-10-17"}]"#,
            "not json",
        ] {
            assert_eq!(what(text), None, "{text}");
        }
    }
}
