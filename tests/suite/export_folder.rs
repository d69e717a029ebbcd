//! A real export folder holds more than AWS CLI outputs: the endpoint policy passed as
//! `file://inputs/policy-01.json`, a Terraform state, a package.json, … A walk skips those with a
//! warning each on stderr and checks the rest; `--exclude` and `exclude` in vpclint.toml silence
//! them; a broken input still fails the run, and so does a skipped kind named explicitly.

use std::path::{Path, PathBuf};

use crate::common;

use common::{stderr, stdout, vpclint, vpclint_in};

const FOLDER: &str = "testdata/export-folder";

/// The one finding of the folder's export (scenario 05).
const FINDING: &str = "testdata/export-folder/123456789012/us-east-1/describe-vpc-endpoints.json:11:26: warning[VPCE002 single-az-endpoint]: Interface endpoint `vpce-a3fb468f66ecde3f9` (`com.amazonaws.us-east-1.sts`) has network interfaces in only one Availability Zone (`us-east-1a`) (vpc-endpoint vpce-a3fb468f66ecde3f9)\n";

/// One warning per skipped file, `prefix` before each path.
fn warnings(prefix: &str) -> String {
    [
        (
            ".vscode/settings.json",
            "VS Code workspace settings, not the output of an AWS CLI call",
        ),
        (
            "inputs/policy-01.json",
            "an IAM policy document, not the output of an AWS CLI call",
        ),
        (
            "package.json",
            "an npm package manifest, not the output of an AWS CLI call",
        ),
        (
            "state/prod.tfstate.json",
            "a Terraform state, not a plan, which `terraform show -json plan.out` prints",
        ),
        (
            "templates/endpoint.template.json",
            "a CloudFormation template, not the output of an AWS CLI call",
        ),
    ]
    .iter()
    .map(|(file, what)| {
        format!("warning: {prefix}{file}: not read: {what} (pass --exclude to silence)\n")
    })
    .collect()
}

#[test]
fn a_walk_skips_what_is_not_an_input_and_says_so_once_per_file() {
    let out = vpclint(&["check", "--format", "short", FOLDER]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(stdout(&out), FINDING);
    assert_eq!(stderr(&out), warnings("testdata/export-folder/"));

    // Every format warns on stderr; the human report counts only the files read.
    let human = vpclint(&["check", FOLDER]);
    assert_eq!(human.status.code(), Some(1));
    assert_eq!(stderr(&human), warnings("testdata/export-folder/"));
    assert!(
        stdout(&human).ends_with(
            "\nFound 1 finding (0 errors, 1 warning, 0 infos) in 13 files, 31 resources.\n"
        ),
        "{}",
        stdout(&human)
    );
}

#[test]
fn the_machine_reports_list_the_skipped_files() {
    let out = vpclint(&["check", "--format", "json", FOLDER]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["summary"]["files"], 13);
    assert_eq!(
        v["skipped"][1],
        serde_json::json!({
            "file": "testdata/export-folder/inputs/policy-01.json",
            "kind": "iam-policy",
            "message": "not read: an IAM policy document, not the output of an AWS CLI call"
        })
    );
    let kinds: Vec<&str> = v["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "editor-settings",
            "iam-policy",
            "npm-manifest",
            "terraform-state",
            "cloudformation-template"
        ]
    );

    let out = vpclint(&["check", "--format", "sarif", FOLDER]);
    let log: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let invocation = &log["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], true);
    let notes = invocation["toolExecutionNotifications"].as_array().unwrap();
    assert_eq!(notes.len(), 5);
    assert_eq!(
        notes[1],
        serde_json::json!({
            "level": "warning",
            "message": {"text": "not read: an IAM policy document, not the output of an AWS CLI call"},
            "descriptor": {"id": "input/skipped"},
            "locations": [{"physicalLocation": {"artifactLocation": {
                "uri": "testdata/export-folder/inputs/policy-01.json",
                "uriBaseId": "%SRCROOT%"
            }}}]
        })
    );
}

#[test]
fn exclude_on_the_command_line_silences_them() {
    let out = vpclint(&[
        "check",
        "--format",
        "short",
        // A directory at any depth, a name at any depth, an anchored glob (relative to the
        // working directory), a glob relative to the walked root, and a directory glob.
        "--exclude",
        "inputs/",
        "--exclude",
        "*.tfstate.json",
        "--exclude",
        "testdata/export-folder/package.json",
        "--exclude",
        "/templates/*.json",
        "--exclude",
        "**/.vscode/",
        FOLDER,
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        (stdout(&out), stderr(&out)),
        (FINDING.to_owned(), String::new())
    );

    // `reach` walks its paths the same way.
    let out = vpclint(&[
        "reach",
        "--from",
        "10.0.1.0/24",
        "--to",
        "vpce-a3fb468f66ecde3f9",
        "--exclude",
        "inputs/",
        FOLDER,
    ]);
    let stderr = stderr(&out);
    assert!(!stderr.contains("policy-01.json"), "{stderr}");
    assert!(
        stderr.contains("warning: testdata/export-folder/package.json: not read"),
        "{stderr}"
    );

    let bad = vpclint(&[
        "check",
        "--format",
        "short",
        "--exclude",
        "!inputs/",
        FOLDER,
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert_eq!(
        stdout(&bad),
        "command line: error[input/config]: --exclude `!inputs/` is a negation, which exclude patterns do not support; expected a glob such as `inputs/`, `**/policies/*.json` or `*.tfstate.json` (gitignore-like, no `!`)\n"
    );
}

/// A copy of the folder at `DIR/estate`, with `vpclint.toml` in DIR; returns DIR.
fn project(name: &str, toml: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("vpclint-folder-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    copy(&common::root().join(FOLDER), &dir.join("estate"));
    std::fs::create_dir_all(dir.join("nested")).unwrap();
    std::fs::write(dir.join("vpclint.toml"), toml).unwrap();
    dir
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let target = to.join(p.file_name().unwrap());
        if p.is_dir() {
            copy(&p, &target);
        } else {
            std::fs::copy(&p, &target).unwrap();
        }
    }
}

#[test]
fn exclude_in_the_configuration_is_relative_to_its_directory() {
    let dir = project(
        "config",
        "exclude = [\"estate/inputs/\", \"estate/*.json\", \"state\", \"**/templates/*.json\", \".vscode/\"]\n",
    );
    // Run from a subdirectory: the configuration is found upward, and its patterns still mean
    // paths below its own directory.
    let out = vpclint_in(
        &dir.join("nested"),
        &["check", "--format", "short", "../estate"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
    assert_eq!(stdout(&out).lines().count(), 1, "{}", stdout(&out));

    // Anchored at the configuration's directory, `inputs/policy-01.json` is not `estate/…`.
    std::fs::write(
        dir.join("vpclint.toml"),
        "exclude = [\"/inputs/\", \"a[b\"]\n",
    )
    .unwrap();
    let out = vpclint_in(
        &dir.join("nested"),
        &["check", "--format", "short", "../estate"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stdout(&out),
        // Found upward, and named relative to the working directory.
        "../vpclint.toml:1:24: error[input/config]: `a[b` is not a valid glob: unclosed character class; missing ']'; expected a glob such as `inputs/`, `**/policies/*.json` or `*.tfstate.json` (gitignore-like, no `!`)\n"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn broken_inputs_still_fail_the_run() {
    // A real input with a bad CIDR, walked beside the skipped files: exit 2 with its places.
    let dir = project("broken", "");
    std::fs::copy(
        common::root().join("testdata/bad/invalid_cidr.json"),
        dir.join("estate/invalid_cidr.json"),
    )
    .unwrap();
    let out = vpclint_in(&dir, &["check", "--format", "short", "estate"]);
    assert_eq!(out.status.code(), Some(2));
    let text = stdout(&out);
    assert!(
        text.starts_with("estate/invalid_cidr.json:5:26: error[input/invalid-value]: invalid CIDR block `10.0.0.0/33`"),
        "{text}"
    );
    assert_eq!(text.lines().count(), 4, "{text}");
    assert_eq!(stderr(&out), warnings("estate/"));
    std::fs::remove_dir_all(&dir).unwrap();

    // A policy's keys beside an input's: it claims to be an input, so its unknown keys are errors.
    let out = vpclint(&["check", "--format", "short", "testdata/bad"]);
    assert_eq!(out.status.code(), Some(2));
    let text = stdout(&out);
    assert!(text.contains("testdata/bad/policy_beside_data.json:2:5: error[input/unknown-kind]: unknown top-level key `Version`"), "{text}");
    assert!(text.contains("testdata/bad/policy_beside_data.json:3:5: error[input/unknown-kind]: unknown top-level key `Statement`"), "{text}");
    assert_eq!(stderr(&out), "");
}

#[test]
fn a_skipped_kind_named_on_the_command_line_is_an_error_with_what_it_is() {
    let policy = "testdata/export-folder/inputs/policy-01.json";
    let out = vpclint(&["check", "--format", "short", policy]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stdout(&out),
        format!("{policy}:1:1: error[input/unknown-kind]: an IAM policy document, not the output of an AWS CLI call; expected an input vpclint reads (`vpclint schema` lists them): leave this file off the command line (a directory walk skips it with a warning)\n")
    );
    assert_eq!(stderr(&out), "");

    // In the human format the error goes to stderr, and stdout stays empty.
    let out = vpclint(&["check", policy]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stdout(&out), "");
    assert!(stderr(&out).contains("an IAM policy document, not the output of an AWS CLI call"));
    assert!(stderr(&out).ends_with("1 error in the input; no rules were run.\n"));

    // A directory of nothing but such files holds no input: the check would read nothing.
    let out = vpclint(&[
        "check",
        "--format",
        "short",
        "testdata/export-folder/inputs",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stdout(&out),
        "testdata/export-folder/inputs: error[input/no-input]: directory holds no input: each of its .json files was skipped as something else; expected AWS CLI outputs saved as *.json files\n"
    );
    assert_eq!(
        stderr(&out),
        "warning: testdata/export-folder/inputs/policy-01.json: not read: an IAM policy document, not the output of an AWS CLI call (pass --exclude to silence)\n"
    );
}

/// Outputs of AWS calls vpclint does not read are AWS's own, not a mistyped input: a walk leaves
/// them out with a word naming the command, and reads the rest.
#[test]
fn a_walk_skips_aws_outputs_it_does_not_read() {
    let out = vpclint(&[
        "check",
        "--format",
        "short",
        "testdata/aws-outputs-not-read",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
    let dir = "testdata/aws-outputs-not-read/eu-west-1";
    assert_eq!(
        stderr(&out),
        format!(
            "warning: {dir}/describe-internet-gateways.json: not read: the output of `aws ec2 describe-internet-gateways`, which vpclint does not read (pass --exclude to silence)\n\
             warning: {dir}/describe-regions.json: not read: the output of `aws ec2 describe-regions`, which vpclint does not read (pass --exclude to silence)\n\
             warning: {dir}/nat/describe-nat-gateways.json: not read: the output of `aws ec2 describe-nat-gateways`, which vpclint does not read (pass --exclude to silence)\n"
        )
    );
}
