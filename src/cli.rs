//! Command-line interface. The doc comments are the help text.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Static analyzer for private connectivity on AWS: VPC endpoints, security groups, NACLs,
/// routes, DNS and peering.
#[derive(Parser, Debug)]
#[command(name = "vpclint", version, about, long_about = None)]
pub struct Cli {
    /// Configuration file (default: vpclint.toml in the working directory or a parent).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check exported AWS CLI JSON and Terraform plans (files or directories, walked
    /// recursively), or live accounts with --aws.
    Check(CheckArgs),
    /// Read AWS accounts live and write what was read as an export: one AWS CLI JSON file per
    /// call in DIR/ACCOUNT/REGION/ (each account written whole as it completes), which
    /// `vpclint check DIR` reads.
    Export(ExportArgs),
    /// List the rules.
    Rules,
    /// Show a rule's documentation.
    Explain {
        /// Rule code or name (`VPCE002`, `single-az-endpoint`).
        rule: String,
    },
    /// Can SRC reach DST? Prints REACHABLE or BLOCKED, every path hop by hop, and what blocks
    /// it. Exit 0 reachable, 1 blocked (or undetermined), 2 error.
    Reach(ReachArgs),
    /// Print the JSON Schema of an accepted input kind (all of them without KIND), or of the
    /// `--format json` output (`vpclint schema output`).
    Schema {
        /// Input kind, e.g. `vpc-endpoints`, or `output`.
        kind: Option<String>,
    },
}

/// Arguments of `check`.
#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Files and directories of AWS CLI output and `terraform show -json` plans (`*.json`,
    /// walked recursively).
    #[arg(required_unless_present = "aws", value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Leave out what directory walks find at GLOB (repeatable; gitignore-like: `inputs/`,
    /// `**/policies/*.json`, `*.tfstate.json`); a path named on the command line is always read.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Also read the account of the current AWS credentials live (read-only Describe calls).
    #[arg(long)]
    pub aws: bool,
    /// How to reach AWS (with --aws).
    #[command(flatten)]
    pub live: AwsArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Exit with 1 when a finding is at or above this severity.
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub fail_on: Option<FailOnArg>,
    /// Run only these rules: codes, code prefixes, names or categories (comma-separated or repeated).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Vec<String>,
    /// Skip these rules: codes, code prefixes, names or categories.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,
    /// Worker threads (default: one per CPU).
    #[arg(short = 'j', long, value_name = "N")]
    pub jobs: Option<usize>,
    /// Colour in human output: auto (terminal and no NO_COLOR), always or never.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
    /// Report only findings that this baseline (from --write-baseline) does not have.
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    pub baseline: Option<PathBuf>,
    /// Record the current findings in FILE as the baseline; exits 0 unless the check is
    /// incomplete.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Also list the findings that suppressions hide (they are always counted).
    #[arg(long)]
    pub show_suppressed: bool,
    /// Print how many findings each rule reported, per severity, instead of the findings.
    #[arg(long)]
    pub statistics: bool,
    /// In the human format, list the findings under a heading per VPC or per account and
    /// region; those without one come last.
    #[arg(long, value_enum, value_name = "BY", default_value_t = GroupByArg::None)]
    pub group_by: GroupByArg,
}

/// `--group-by`.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum GroupByArg {
    /// One list, worst first.
    None,
    /// A heading per VPC.
    Vpc,
    /// A heading per account and region.
    Account,
}

/// Arguments of `reach`.
#[derive(clap::Args, Debug)]
pub struct ReachArgs {
    /// Source: a subnet (`subnet-…`, or its Terraform address in a plan), network interface
    /// (`eni-…`), security group (`sg-…`, its members) or CIDR block (`10.0.2.0/24`).
    #[arg(long, value_name = "SRC")]
    pub from: String,
    /// Target: an interface endpoint (`vpce-…`, or its Terraform address; every interface), a
    /// network interface (`eni-…`), or a DNS name (`sqs.eu-west-1.amazonaws.com`), which the
    /// source's VPC resolves first.
    #[arg(long, value_name = "DST")]
    pub to: String,
    /// Destination port (default: the endpoint service's ports).
    #[arg(long, value_name = "P", conflicts_with = "ports")]
    pub port: Option<u16>,
    /// Destination port range, `A-B`.
    #[arg(long, value_name = "A-B")]
    pub ports: Option<String>,
    /// Protocol (default: the service's, else TCP).
    #[arg(long, value_enum)]
    pub protocol: Option<ProtocolArg>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReachFormat::Human)]
    pub format: ReachFormat,
    /// Files and directories of AWS CLI output (`*.json`, walked recursively).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Leave out what directory walks find at GLOB (repeatable; as for `check`).
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
}

/// `reach --protocol`.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProtocolArg {
    /// TCP.
    Tcp,
    /// UDP.
    Udp,
}

/// `reach --format`.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReachFormat {
    /// The verdict and each path hop by hop.
    Human,
    /// The same as JSON.
    Json,
}

/// Arguments of `export`.
#[derive(clap::Args, Debug)]
pub struct ExportArgs {
    /// Folder to write into (DIR/ACCOUNT/REGION/describe-*.json); a region folder's earlier
    /// `*.json` files are replaced.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// How to reach AWS.
    #[command(flatten)]
    pub live: AwsArgs,
    /// Leave out the accounts DIR already holds (each DIR/ACCOUNT/ folder is written whole), to
    /// finish an interrupted export.
    #[arg(long)]
    pub resume: bool,
}

/// How the live reader reaches AWS (`check --aws`, `export`). Credentials come from the
/// standard chain (environment, profile, SSO, instance role, …).
#[derive(clap::Args, Debug, Default)]
pub struct AwsArgs {
    /// Named profile of the AWS config files; repeatable: each profile's credentials read their
    /// own account.
    #[arg(long = "profile", value_name = "NAME")]
    pub profiles: Vec<String>,
    /// Region to read (repeatable; default: the profile's or AWS_REGION).
    #[arg(long = "region", value_name = "REGION")]
    pub regions: Vec<String>,
    /// Read every region enabled for the account (DescribeRegions).
    #[arg(long)]
    pub all_regions: bool,
    /// Send requests to this endpoint instead of AWS's (also AWS_ENDPOINT_URL).
    #[arg(long, value_name = "URL")]
    pub endpoint_url: Option<String>,
    /// MaxResults of every paginated call (5-1000; default: the service's page size).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(i32).range(5..=1000))]
    pub page_size: Option<i32>,
    /// Attempts per request, the first included; throttling and 5xx answers are retried with
    /// backoff (default: 5).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=20))]
    pub max_attempts: Option<u32>,
    /// Retry mode: standard, or adaptive (also slows the client down when throttled).
    #[arg(long, value_enum, default_value_t = RetryMode::Standard)]
    pub retry_mode: RetryMode,
    /// Read every active account of the organisation (organizations:ListAccounts, from the
    /// management account or a delegated administrator); its members are the trusted accounts.
    #[arg(long, requires = "role_name", conflicts_with_all = ["accounts", "accounts_file"])]
    pub org: bool,
    /// Read these accounts (comma-separated or repeated).
    #[arg(long, value_delimiter = ',', value_name = "ID", requires = "role_name")]
    pub accounts: Vec<String>,
    /// Read the accounts of FILE: one id a line, `#` comments.
    #[arg(long, value_name = "FILE", requires = "role_name")]
    pub accounts_file: Option<PathBuf>,
    /// The role to assume in every account but the calling one
    /// (arn:PARTITION:iam::ACCOUNT:role/NAME; session name `vpclint`).
    #[arg(long, value_name = "NAME")]
    pub role_name: Option<String>,
    /// External id for the role's trust policy.
    #[arg(long, value_name = "ID", requires = "role_name")]
    pub external_id: Option<String>,
    /// Leave the calling account out (by default it is read, with the current credentials,
    /// when --org or --accounts lists it).
    #[arg(long)]
    pub skip_caller: bool,
    /// Read only share I of N of the accounts (those whose id is I-1 modulo N), e.g. one job of
    /// a CI matrix; the shares together are every account.
    #[arg(long, value_name = "I/N", value_parser = parse_shard)]
    pub shard: Option<ShardArg>,
    /// Report what was read when some accounts could not be (they are still listed, and the
    /// exit status is that of the findings); without it an unread account exits 2.
    #[arg(long)]
    pub allow_partial: bool,
}

/// `--shard I/N`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ShardArg {
    /// I, from 1.
    pub index: u64,
    /// N.
    pub count: u64,
}

fn parse_shard(s: &str) -> Result<ShardArg, String> {
    let parsed = s
        .split_once('/')
        .and_then(|(i, n)| Some((i.trim().parse::<u64>().ok()?, n.trim().parse::<u64>().ok()?)));
    match parsed {
        Some((index, count)) if index >= 1 && index <= count => Ok(ShardArg { index, count }),
        _ => Err(format!(
            "expected I/N with 1 <= I <= N, e.g. 2/4 (got `{s}`)"
        )),
    }
}

impl AwsArgs {
    /// Whether any option was given (they mean nothing without --aws).
    pub fn any_set(&self) -> bool {
        !self.profiles.is_empty()
            || !self.regions.is_empty()
            || self.all_regions
            || self.endpoint_url.is_some()
            || self.page_size.is_some()
            || self.max_attempts.is_some()
            || self.retry_mode != RetryMode::Standard
            || self.org
            || !self.accounts.is_empty()
            || self.accounts_file.is_some()
            || self.role_name.is_some()
            || self.skip_caller
            || self.shard.is_some()
            || self.allow_partial
    }
}

/// `--retry-mode`.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum RetryMode {
    /// Exponential backoff with jitter.
    #[default]
    Standard,
    /// Standard plus client-side rate limiting when throttled.
    Adaptive,
}

/// Output formats.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Source snippets with labels (miette).
    Human,
    /// `path:line:col: severity[CODE name]: message (resource)`.
    Short,
    /// The JSON report (version 1; `vpclint schema output` prints its schema).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands (annotations on the pull request).
    Github,
}

/// `--fail-on` levels.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailOnArg {
    /// Only errors fail.
    Error,
    /// Warnings and errors fail.
    Warning,
    /// Every finding fails.
    Info,
    /// Findings never fail (input errors still exit 2).
    Never,
}

/// `--color`.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColorArg {
    /// Colour on a terminal unless NO_COLOR is set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }
}
