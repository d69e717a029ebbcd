//! The subcommand drivers: glue between the CLI, the pipeline and stdout.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use crate::cli::{
    CheckArgs, Cli, ColorArg, Command, ExportArgs, FailOnArg, Format, GroupByArg, ProtocolArg,
    ReachArgs, ReachFormat,
};
use crate::config::{self, FailOn, Overrides, Settings};
use crate::filter;
use crate::finding::Severity;
use crate::live;
use crate::meta::RuleMeta;
use crate::model::{Estate, Protocol};
use crate::net::{Network, PortSet, ReachVerdict};
use crate::policy::Policies;
use crate::report::{self, GroupBy, Report, Style};
use crate::rules::{self, Context, Derived};
use crate::source::{self, kinds::Kind, Document, InputError, InputErrorKind};

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
    check_with(paths, Vec::new(), settings)
}

/// [`check`] of files plus documents held in memory (read live, or given by a caller such as
/// the fuzz targets), which load exactly as files of the same names would.
pub fn check_with(paths: &[PathBuf], documents: Vec<Document>, settings: &Settings) -> Report {
    let outcome = source::load_with(paths, &settings.exclude, documents);
    let loaded = match outcome.loaded {
        Ok(l) => l,
        Err(mut errors) => {
            errors.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
            let report = Report {
                errors,
                skipped: outcome.skipped,
                ..Report::default()
            };
            return report;
        }
    };
    let custom_defs = settings.custom_defs();
    let selected: Vec<&'static rules::RuleDef> = rules::ALL
        .iter()
        .copied()
        .filter(|r| settings.runs(&r.meta))
        .collect();
    // Rules that need neither the network nor the access analysis run while those are built
    // (with the policies they read): building the network is sequential, and would otherwise
    // leave a core idle.
    let (late, early): (Vec<&'static rules::RuleDef>, Vec<_>) =
        selected.iter().partition(|r| r.needs_access());
    let (analysis, (policies, trusted, mut findings)) = rayon::join(
        || {
            (!late.is_empty()).then(|| {
                let network = Network::build(&loaded.estate);
                let access = network.endpoint_access(&settings.reach);
                (network, access)
            })
        },
        || {
            let policies = selected
                .iter()
                .any(|r| r.needs_policies())
                .then(|| Policies::build(&loaded.estate));
            let trusted = trusted_accounts(&loaded.estate, settings);
            let cx = context(&loaded.estate, settings, &custom_defs, &trusted);
            let derived = Derived {
                policies: policies.as_ref(),
                access: None,
            };
            let mut findings = rules::run(&early, &cx, derived);
            findings.extend(crate::custom::run(
                &settings.custom_rules,
                &loaded.estate,
                &loaded.sources,
            ));
            (policies, trusted, findings)
        },
    );
    if let Some((network, access)) = &analysis {
        let cx = context(&loaded.estate, settings, &custom_defs, &trusted);
        let derived = Derived {
            policies: policies.as_ref(),
            access: Some((network, access)),
        };
        findings.extend(rules::run(&late, &cx, derived));
    }
    for f in &mut findings {
        if let Some(s) = settings.severity.get(f.rule.code) {
            f.severity = *s;
        }
    }
    // The findings own what they say: the analysis is freed while they are placed (which
    // reads the files again), so its memory is given back as the files come in.
    let ((), placed) = rayon::join(
        move || drop((analysis, policies)),
        || report::place(findings, &loaded.sources),
    );
    let mut report = Report {
        findings: placed,
        // The skipped files were given ids before they were found to be something else.
        files: loaded.sources.len().saturating_sub(outcome.skipped.len()),
        skipped: outcome.skipped,
        resources: loaded.estate.resource_count(),
        rules: settings.ran(),
        ..Report::default()
    };
    filter::apply(
        &mut report,
        &settings.filter_settings(),
        &loaded.estate,
        &loaded.sources,
    );
    report::assign_vpcs(&mut report, &loaded.estate);
    // The report owns what it shows; freeing millions of small allocations one by one need
    // not delay it (nor the exit, which ends the background free).
    rayon::spawn(move || drop(loaded));
    report
}

/// What the rules see: the estate and the settings, the policies and trusted accounts derived
/// from them, and the network model with its access analysis once they are built.
fn context<'a>(
    estate: &'a Estate,
    settings: &'a Settings,
    custom_rules: &'a [&'static RuleMeta],
    trusted: &'a [String],
) -> Context<'a> {
    Context {
        estate,
        trusted_accounts: trusted,
        trusted_configured: !settings.trusted_accounts.is_empty(),
        trusted_organization: !estate.organization_accounts.is_empty(),
        custom_rules,
        reach: &settings.reach,
    }
}

/// The accounts policies may name, sorted: the organisation's (from its account list) with
/// `trusted-accounts`, else `trusted-accounts`, else the accounts that own resources.
fn trusted_accounts(estate: &Estate, settings: &Settings) -> Vec<String> {
    if !estate.organization_accounts.is_empty() {
        let mut all: std::collections::BTreeSet<String> = estate.organization_accounts.clone();
        all.extend(settings.trusted_accounts.iter().cloned());
        return all.into_iter().collect();
    }
    if settings.trusted_accounts.is_empty() {
        owner_accounts(estate)
    } else {
        settings.trusted_accounts.clone()
    }
}

/// The accounts that own resources in the estate, sorted: trusted when the configuration names
/// none. Peering records are left out, since their other side may belong to anyone.
fn owner_accounts(estate: &Estate) -> Vec<String> {
    let scopes = estate
        .vpcs
        .values()
        .map(|x| &x.scope)
        .chain(estate.subnets.values().map(|x| &x.scope))
        .chain(estate.security_groups.values().map(|x| &x.scope))
        .chain(estate.nacls.values().map(|x| &x.scope))
        .chain(estate.route_tables.values().map(|x| &x.scope))
        .chain(estate.interfaces.values().map(|x| &x.scope))
        .chain(estate.endpoints.values().map(|x| &x.scope))
        .chain(estate.service_configurations.values().map(|x| &x.scope))
        .chain(estate.rest_apis.values().map(|x| &x.scope));
    let accounts: std::collections::BTreeSet<&str> =
        scopes.filter_map(|s| s.account.as_deref()).collect();
    accounts.into_iter().map(str::to_owned).collect()
}

/// Runs a parsed command line, writing to stdout.
pub fn run(cli: Cli) -> io::Result<ExitStatus> {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    match cli.command {
        Command::Check(args) => run_check(&args, cli.config, &mut out),
        Command::Reach(args) => run_reach(&args, cli.config, &mut out),
        Command::Export(args) => run_export(&args),
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
            Some(name) if name == "output" => {
                out.write_all(report::OUTPUT_SCHEMA.as_bytes())?;
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
                        "unknown input kind `{name}`; expected one of: {}, or `output` for the JSON report",
                        names.join(", ")
                    ));
                    Ok(ExitStatus::Incomplete)
                }
            },
        },
    }
}

/// `443` or `10000-31000` as a port set.
fn port_arg(args: &ReachArgs) -> Result<Option<PortSet>, String> {
    if let Some(p) = args.port {
        return Ok(Some(PortSet::range(p, p)));
    }
    let Some(s) = &args.ports else {
        return Ok(None);
    };
    let parse = |x: &str| x.trim().parse::<u16>().ok();
    let range = match s.split_once('-') {
        Some((a, b)) => parse(a).zip(parse(b)),
        None => parse(s).map(|p| (p, p)),
    };
    match range {
        Some((a, b)) if a <= b => Ok(Some(PortSet::range(a, b))),
        _ => Err(format!(
            "invalid --ports `{s}`: expected a range `A-B` of ports 0-65535 with A <= B"
        )),
    }
}

fn run_reach(
    args: &ReachArgs,
    config: Option<PathBuf>,
    out: &mut impl Write,
) -> io::Result<ExitStatus> {
    let ports = match port_arg(args) {
        Ok(p) => p,
        Err(e) => {
            usage(&e);
            return Ok(ExitStatus::Incomplete);
        }
    };
    let config_path = config.or_else(|| {
        std::env::current_dir()
            .ok()
            .and_then(|d| config::discover(&d))
    });
    let overrides = Overrides {
        exclude: args.exclude.clone(),
        ..Overrides::default()
    };
    let settings = match config::settings(config_path.as_deref(), &overrides) {
        Ok(s) => s,
        Err(errors) => return Ok(failed(&errors)),
    };
    let outcome = source::load_with(&args.paths, &settings.exclude, Vec::new());
    let skipped = Report {
        skipped: outcome.skipped,
        ..Report::default()
    };
    warn(&report::render_skipped(
        &skipped,
        stderr_color(ColorArg::Auto),
    ));
    let loaded = match outcome.loaded {
        Ok(l) => l,
        Err(mut errors) => {
            errors.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
            return Ok(failed(&errors));
        }
    };
    let network = Network::build(&loaded.estate);
    let protocol = args.protocol.map(|p| match p {
        ProtocolArg::Tcp => Protocol::Tcp,
        ProtocolArg::Udp => Protocol::Udp,
    });
    let reach = match network.reach(&args.from, &args.to, protocol, ports, &settings.reach) {
        Ok(r) => r,
        Err(e) => {
            usage(&e.to_string());
            return Ok(ExitStatus::Incomplete);
        }
    };
    let fixes = endpoint_fixes(&loaded.estate, &network, &settings, &reach.target);
    let text = match args.format {
        ReachFormat::Human => {
            report::render_reach_human(&loaded.estate, &loaded.sources, &args.from, &reach, &fixes)
        }
        ReachFormat::Json => {
            report::render_reach_json(&loaded.estate, &loaded.sources, &args.from, &reach, &fixes)
        }
    };
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(match reach.verdict() {
        ReachVerdict::Reachable => ExitStatus::Clean,
        ReachVerdict::Blocked | ReachVerdict::Undetermined => ExitStatus::Findings,
    })
}

/// What the connectivity rules find on the target endpoint, so that `reach` gives the same fix
/// for a blocking hop as `check` does; nothing for another kind of target.
fn endpoint_fixes(
    estate: &Estate,
    network: &Network<'_>,
    settings: &Settings,
    target: &str,
) -> Vec<crate::finding::Finding> {
    let Some(ep) = estate.endpoints.get(&crate::model::VpceId::from(target)) else {
        return Vec::new();
    };
    let access = [network.access_of(ep, &settings.reach)];
    let connectivity: Vec<&'static rules::RuleDef> = rules::ALL
        .iter()
        .copied()
        .filter(|r| matches!(r.code, "NET001" | "VPCE001" | "DNS006"))
        .collect();
    let cx = context(estate, settings, &[], &[]);
    let derived = Derived {
        policies: None,
        access: Some((network, &access)),
    };
    rules::run(&connectivity, &cx, derived)
}

#[allow(clippy::print_stderr)]
fn usage(message: &str) {
    eprintln!("error: {message}");
}

/// Writes what is wrong with the run, or a warning about it, to stderr, apart from the report.
#[allow(clippy::print_stderr)]
fn warn(text: &str) {
    eprint!("{text}");
}

/// Whether stderr gets colour: as `--color` says, and on `auto` when it is a terminal and
/// NO_COLOR is unset.
fn stderr_color(choice: ColorArg) -> bool {
    match choice {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    }
}

/// Input errors that stop a command, on stderr in the human format.
fn failed(errors: &[InputError]) -> ExitStatus {
    let style = Style {
        color: stderr_color(ColorArg::Auto),
        width: 100,
    };
    warn(&report::render_human_errors(errors, style));
    ExitStatus::Incomplete
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
        baseline: args.baseline.clone(),
        writing_baseline: args.write_baseline.is_some(),
        exclude: args.exclude.clone(),
    };
    if !args.aws && args.live.any_set() {
        usage("the AWS options (--region, --profile, …) need --aws");
        return Ok(ExitStatus::Incomplete);
    }
    let report = match config::settings(config_path.as_deref(), &overrides) {
        Err(errors) => Report {
            errors,
            ..Report::default()
        },
        Ok(settings) => {
            let (documents, unread) = if args.aws {
                match live::read(&args.live) {
                    Ok(live) if live.unread.is_empty() || args.live.allow_partial => {
                        (live.documents, live.unread)
                    }
                    // An account not read would hide its findings while the rest look complete.
                    Ok(live) => {
                        let report = Report {
                            errors: live.unread,
                            ..Report::default()
                        };
                        return finish(args, &report, FailOn::Never, out);
                    }
                    Err(errors) => {
                        let report = Report {
                            errors,
                            ..Report::default()
                        };
                        return finish(args, &report, FailOn::Never, out);
                    }
                }
            } else {
                (Vec::new(), Vec::new())
            };
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(args.jobs.unwrap_or(0))
                .build();
            match pool {
                Ok(pool) => {
                    let mut r = pool.install(|| check_with(&args.paths, documents, &settings));
                    r.show_suppressed = args.show_suppressed;
                    r.unread = unread;
                    let fail_on = match &args.write_baseline {
                        Some(path) => write_baseline(path, &mut r),
                        None => settings.fail_on,
                    };
                    return finish(args, &r, fail_on, out);
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

/// Writes the baseline of a complete run (an incomplete one would record too little); the
/// recorded findings are accepted from now on, so they no longer fail this run either.
fn write_baseline(path: &std::path::Path, report: &mut Report) -> FailOn {
    if !report.errors.is_empty() || !report.unread.is_empty() {
        return FailOn::Never;
    }
    match std::fs::write(path, filter::baseline::render(&report.findings)) {
        Ok(()) => {
            #[allow(clippy::print_stderr)]
            {
                eprintln!(
                    "vpclint: wrote {} finding{} to the baseline {}",
                    report.findings.len(),
                    if report.findings.len() == 1 { "" } else { "s" },
                    path.display()
                );
            }
        }
        Err(e) => report.errors.push(InputError::at_path(
            InputErrorKind::Baseline,
            path,
            format!("cannot write baseline: {e}"),
        )),
    }
    FailOn::Never
}

/// `export`: reads live and writes each account as it completes; errors go to stderr, the
/// summary too, so that stdout stays empty.
#[allow(clippy::print_stderr)]
fn run_export(args: &ExportArgs) -> io::Result<ExitStatus> {
    match live::export(args) {
        Ok(exported) => {
            if exported.unread.is_empty() {
                eprintln!("{}", exported.summary);
                Ok(ExitStatus::Clean)
            } else if args.live.allow_partial {
                let unread = Report {
                    unread: exported.unread,
                    ..Report::default()
                };
                warn(&report::render_unread(
                    &unread,
                    stderr_color(ColorArg::Auto),
                ));
                eprintln!("{}", exported.summary);
                Ok(ExitStatus::Clean)
            } else {
                let status = failed(&exported.unread);
                eprintln!("{}", exported.summary);
                Ok(status)
            }
        }
        Err(errors) => Ok(failed(&errors)),
    }
}

fn finish(
    args: &CheckArgs,
    report: &Report,
    fail_on: FailOn,
    out: &mut impl Write,
) -> io::Result<ExitStatus> {
    warn(&report::render_skipped(report, stderr_color(args.color)));
    warn(&report::render_unread(report, stderr_color(args.color)));
    let text = match args.format {
        _ if args.statistics => report::render_statistics(report),
        Format::Human => {
            // The findings are the report; what kept the run from completing goes to stderr.
            let style = Style {
                color: stderr_color(args.color),
                width: 100,
            };
            warn(&report::render_human_errors(&report.errors, style));
            let color = match args.color {
                ColorArg::Always => true,
                ColorArg::Never => false,
                ColorArg::Auto => {
                    io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
                }
            };
            let group_by = match args.group_by {
                GroupByArg::None => GroupBy::None,
                GroupByArg::Vpc => GroupBy::Vpc,
                GroupByArg::Account => GroupBy::Account,
            };
            report::render_human(report, Style { color, width: 100 }, group_by)
        }
        Format::Short => report::render_short(report),
        Format::Json => report::render_json(report),
        Format::Sarif => report::render_sarif(report),
        Format::Github => report::render_github(report),
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
    let width = rules::ALL
        .iter()
        .map(|r| r.name.len())
        .chain(["NAME".len()])
        .max()
        .unwrap_or_default();
    let mut s = format!(
        "{:<8} {:<width$} {:<12} {:<8} {}\n",
        "CODE", "NAME", "CATEGORY", "SEVERITY", "SUMMARY"
    );
    for r in rules::ALL {
        s.push_str(&format!(
            "{:<8} {:<width$} {:<12} {:<8} {}\n",
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
