//! The subcommand drivers: glue between the CLI, the pipeline and stdout.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use crate::cli::{CheckArgs, Cli, ColorArg, Command, FailOnArg, Format};
use crate::config::{self, FailOn, Overrides, Settings};
use crate::finding::Severity;
use crate::report::{self, Report, Style};
use crate::rules::{self, Context};
use crate::source::{self, export::kinds::Kind, InputError, InputErrorKind};

/// The process exit status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum ExitStatus {
    /// Nothing at or above `--fail-on`.
    Clean = 0,
    /// Findings at or above `--fail-on`.
    Findings = 1,
    /// The check could not run or is incomplete (usage, input or configuration errors).
    Incomplete = 2,
}

/// Loads `paths`, runs the selected rules and places the findings: the whole check, minus
/// rendering.
pub fn check(paths: &[PathBuf], settings: &Settings) -> Report {
    let loaded = match source::load(paths) {
        Ok(l) => l,
        Err(mut errors) => {
            errors.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
            return Report {
                errors,
                ..Report::default()
            };
        }
    };
    let cx = Context {
        estate: &loaded.estate,
    };
    let mut findings = rules::run(&settings.rules, &cx);
    for f in &mut findings {
        if let Some(s) = settings.severity.get(f.rule.code) {
            f.severity = *s;
        }
    }
    let report = Report {
        findings: report::place(findings, &loaded.sources),
        errors: Vec::new(),
        files: loaded.sources.len(),
        resources: loaded.estate.resource_count(),
    };
    // The report owns what it shows; freeing the Estate need not delay it.
    rayon::spawn(move || drop(loaded));
    report
}

/// Runs a parsed command line, writing to stdout.
pub fn run(cli: Cli) -> io::Result<ExitStatus> {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    match cli.command {
        Command::Check(args) => run_check(&args, cli.config, &mut out),
        Command::Rules => {
            out.write_all(rules_table().as_bytes())?;
            Ok(ExitStatus::Clean)
        }
        Command::Explain { rule } => match rules::find(&rule) {
            Some(r) => {
                writeln!(
                    out,
                    "{} ({}) — {}, default severity {}\n",
                    r.name,
                    r.code,
                    r.category.as_str(),
                    r.severity
                )?;
                out.write_all(r.body().as_bytes())?;
                Ok(ExitStatus::Clean)
            }
            None => {
                usage(&format!(
                    "unknown rule `{rule}`; `vpclint rules` lists the codes and names"
                ));
                Ok(ExitStatus::Incomplete)
            }
        },
        Command::Schema { kind } => match kind {
            None => {
                out.write_all(all_schemas().as_bytes())?;
                Ok(ExitStatus::Clean)
            }
            Some(name) => match Kind::from_name(&name) {
                Some(k) => {
                    out.write_all(k.schema().as_bytes())?;
                    Ok(ExitStatus::Clean)
                }
                None => {
                    let names: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
                    usage(&format!(
                        "unknown input kind `{name}`; expected one of: {}",
                        names.join(", ")
                    ));
                    Ok(ExitStatus::Incomplete)
                }
            },
        },
    }
}

#[allow(clippy::print_stderr)]
fn usage(message: &str) {
    eprintln!("error: {message}");
}

fn run_check(
    args: &CheckArgs,
    config: Option<PathBuf>,
    out: &mut impl Write,
) -> io::Result<ExitStatus> {
    let config_path = config.or_else(|| {
        std::env::current_dir()
            .ok()
            .and_then(|d| config::discover(&d))
    });
    let overrides = Overrides {
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        fail_on: args.fail_on.map(|f| match f {
            FailOnArg::Error => FailOn::Severity(Severity::Error),
            FailOnArg::Warning => FailOn::Severity(Severity::Warning),
            FailOnArg::Info => FailOn::Severity(Severity::Info),
            FailOnArg::Never => FailOn::Never,
        }),
    };
    let report = match config::settings(config_path.as_deref(), &overrides) {
        Err(errors) => Report {
            errors,
            ..Report::default()
        },
        Ok(settings) => {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(args.jobs.unwrap_or(0))
                .build();
            match pool {
                Ok(pool) => {
                    let r = pool.install(|| check(&args.paths, &settings));
                    return finish(args, &r, settings.fail_on, out);
                }
                Err(e) => Report {
                    errors: vec![InputError::at_path(
                        InputErrorKind::Io,
                        "--jobs",
                        format!("cannot start worker threads: {e}"),
                    )],
                    ..Report::default()
                },
            }
        }
    };
    finish(args, &report, FailOn::Never, out)
}

fn finish(
    args: &CheckArgs,
    report: &Report,
    fail_on: FailOn,
    out: &mut impl Write,
) -> io::Result<ExitStatus> {
    let text = match args.format {
        Format::Human => {
            let color = match args.color {
                ColorArg::Always => true,
                ColorArg::Never => false,
                ColorArg::Auto => {
                    io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
                }
            };
            report::render_human(report, Style { color, width: 100 })
        }
        Format::Short => report::render_short(report),
        Format::Json => report::render_json(report),
    };
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(status(report, fail_on))
}

/// The exit status of a report: input errors win, then findings at or above the threshold.
pub fn status(report: &Report, fail_on: FailOn) -> ExitStatus {
    if !report.errors.is_empty() {
        return ExitStatus::Incomplete;
    }
    let failing = match fail_on {
        FailOn::Never => false,
        FailOn::Severity(min) => report.findings.iter().any(|f| f.finding.severity >= min),
    };
    if failing {
        ExitStatus::Findings
    } else {
        ExitStatus::Clean
    }
}

fn rules_table() -> String {
    let mut s = format!(
        "{:<8} {:<30} {:<12} {:<8} {}\n",
        "CODE", "NAME", "CATEGORY", "SEVERITY", "SUMMARY"
    );
    for r in rules::ALL {
        s.push_str(&format!(
            "{:<8} {:<30} {:<12} {:<8} {}\n",
            r.code,
            r.name,
            r.category.as_str(),
            r.severity.as_str(),
            r.summary()
        ));
    }
    s
}

/// Every kind's schema in one JSON object keyed by kind name.
fn all_schemas() -> String {
    let mut map = serde_json::Map::new();
    for k in Kind::ALL {
        let v: serde_json::Value =
            serde_json::from_str(k.schema()).unwrap_or(serde_json::Value::Null);
        map.insert(k.name().to_owned(), v);
    }
    let mut s = serde_json::to_string_pretty(&map).unwrap_or_default();
    s.push('\n');
    s
}
