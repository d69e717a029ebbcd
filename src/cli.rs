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
    /// Check exported AWS CLI JSON and Terraform plans (files or directories, walked recursively).
    Check(CheckArgs),
    /// List the rules.
    Rules,
    /// Show a rule's documentation.
    Explain {
        /// Rule code or name (`VPCE002`, `single-az-endpoint`).
        rule: String,
    },
    /// Print the JSON Schema of an accepted input kind (all of them without KIND).
    Schema {
        /// Input kind, e.g. `vpc-endpoints`.
        kind: Option<String>,
    },
}

/// Arguments of `check`.
#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Files and directories of AWS CLI output and `terraform show -json` plans (`*.json`,
    /// walked recursively).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
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
}

/// Output formats.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Source snippets with labels (miette).
    Human,
    /// `path:line:col: severity[CODE name]: message (resource)`.
    Short,
    /// The JSON report (version 1).
    Json,
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
