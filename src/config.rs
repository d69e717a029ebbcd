//! `vpclint.toml`: rule selection, severity overrides, `fail-on`, trusted accounts,
//! suppressions, custom rules and the baseline, validated with places.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use crate::custom::CustomRule;
use crate::filter::baseline::{self, Baseline};
use crate::filter::date::{self, Date};
use crate::filter::suppress::{self, RawSuppress, Suppression};
use crate::filter::FilterSettings;
use crate::finding::Severity;
use crate::meta::{Category, RuleMeta};
use crate::model::{Protocol, SgId, SubnetId};
use crate::net::packets::Lattice;
use crate::net::{ClientRule, PortSet, ReachConfig, ServiceRule};
use crate::rules;
use crate::rules::config::unused_suppression::RULE as UNUSED;
use crate::source::{resolved, Exclude, InputError, InputErrorKind};
use crate::span::{LineIndex, Span};

/// The configuration file's name.
pub const FILE_NAME: &str = "vpclint.toml";

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    select: Option<Vec<Spanned<String>>>,
    ignore: Option<Vec<Spanned<String>>>,
    fail_on: Option<Spanned<String>>,
    severity: Option<BTreeMap<String, Spanned<String>>>,
    suppress: Option<Vec<Spanned<RawSuppress>>>,
    custom_rules: Option<Vec<Spanned<String>>>,
    baseline: Option<Spanned<String>>,
    trusted_accounts: Option<Vec<Spanned<String>>>,
    service: Option<Vec<RawService>>,
    clients: Option<Vec<RawClients>>,
    exclude: Option<Vec<Spanned<String>>>,
}

/// `[[service]]`: the ports an endpoint service needs.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawService {
    name: Spanned<String>,
    ports: Spanned<Vec<Spanned<String>>>,
    protocol: Option<Spanned<String>>,
}

/// `[[clients]]`: extra clients of some endpoints.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawClients {
    endpoints: Option<Vec<Spanned<String>>>,
    cidrs: Option<Vec<Spanned<String>>>,
    subnets: Option<Vec<Spanned<String>>>,
    security_groups: Option<Vec<Spanned<String>>>,
}

/// When the exit code turns to 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailOn {
    /// At or above this severity.
    Severity(Severity),
    /// Never: findings alone exit 0.
    Never,
}

impl FailOn {
    /// Parses `error`, `warning`, `info`, `never`.
    pub fn parse(s: &str) -> Option<FailOn> {
        match s {
            "never" => Some(FailOn::Never),
            other => Severity::parse(other).map(FailOn::Severity),
        }
    }
}

/// Validated settings for a run.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Rules to run, in registry order.
    pub rules: Vec<&'static RuleMeta>,
    /// Severity overrides by rule code.
    pub severity: BTreeMap<&'static str, Severity>,
    /// Exit-code threshold.
    pub fail_on: FailOn,
    /// `[[suppress]]` entries.
    pub suppressions: Vec<Suppression>,
    /// Selected custom rules, in file order.
    pub custom_rules: Vec<Arc<CustomRule>>,
    /// The baseline to leave findings out by.
    pub baseline: Option<Baseline>,
    /// The date suppressions expire against.
    pub today: Date,
    /// `trusted-accounts`: the accounts policies may name. Empty means "not configured": the
    /// accounts that own resources in the estate are trusted then.
    pub trusted_accounts: Vec<String>,
    /// Service ports and extra clients for the connectivity rules and `vpclint reach`.
    pub reach: ReachConfig,
    /// What directory walks leave out: the file's `exclude` and `--exclude`.
    pub exclude: Exclude,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            rules: rules::metas().collect(),
            severity: BTreeMap::new(),
            fail_on: FailOn::Severity(Severity::Warning),
            suppressions: Vec::new(),
            custom_rules: Vec::new(),
            baseline: None,
            today: date::today(),
            trusted_accounts: Vec::new(),
            reach: ReachConfig::default(),
            exclude: Exclude::default(),
        }
    }
}

impl Settings {
    /// The custom rules' metadata.
    pub fn custom_defs(&self) -> Vec<&'static RuleMeta> {
        self.custom_rules.iter().map(|c| c.def).collect()
    }

    /// The rules that run: the selected registry rules, then the custom rules.
    pub fn ran(&self) -> Vec<&'static RuleMeta> {
        self.rules
            .iter()
            .copied()
            .chain(self.custom_defs())
            .collect()
    }

    /// What the filter stage reads of these settings.
    pub fn filter_settings(&self) -> FilterSettings<'_> {
        FilterSettings {
            suppressions: &self.suppressions,
            baseline: self.baseline.as_ref(),
            today: self.today,
            unused_severity: self.severity.get(UNUSED.code).copied(),
            ran: self.ran(),
        }
    }

    /// Whether `rule` runs with these settings.
    pub fn runs(&self, rule: &RuleMeta) -> bool {
        self.rules
            .iter()
            .chain(self.custom_rules.iter().map(|c| &c.def))
            .any(|r| std::ptr::eq(*r, rule))
    }
}

/// Selection and threshold given on the command line; they take precedence over the file.
#[derive(Clone, Debug, Default)]
pub struct Overrides {
    /// `--select`, replacing the file's `select`.
    pub select: Vec<String>,
    /// `--ignore`, added to the file's `ignore`.
    pub ignore: Vec<String>,
    /// `--fail-on`.
    pub fail_on: Option<FailOn>,
    /// `--baseline`, replacing the file's `baseline`.
    pub baseline: Option<PathBuf>,
    /// `--write-baseline`: record findings rather than leave any out, so no baseline is read.
    pub writing_baseline: bool,
    /// `--exclude`, added to the file's `exclude`.
    pub exclude: Vec<String>,
}

/// Finds `vpclint.toml` in `start` or the nearest parent, named relative to `start`
/// (`vpclint.toml`, `../vpclint.toml`): `start` is the working directory, and every place the
/// reports give is relative to it, as the inputs are, which is what SARIF consumers such as
/// GitHub code scanning can map to a file of the repository.
pub fn discover(start: &Path) -> Option<PathBuf> {
    let mut relative = PathBuf::new();
    for dir in start.ancestors() {
        if dir.join(FILE_NAME).is_file() {
            return Some(relative.join(FILE_NAME));
        }
        relative.push("..");
    }
    None
}

/// The rules of `universe` (the registry and the custom rules) a selector names: `ALL`, a code,
/// a code prefix (`DNS`), a name or a category.
fn select(selector: &str, universe: &[&'static RuleMeta]) -> Option<Vec<&'static RuleMeta>> {
    let s = selector.trim();
    if s.eq_ignore_ascii_case("all") {
        return Some(universe.to_vec());
    }
    if let Some(r) = universe
        .iter()
        .find(|r| r.code.eq_ignore_ascii_case(s) || r.name == s)
    {
        return Some(vec![*r]);
    }
    if let Some(c) = Category::ALL.into_iter().find(|c| c.as_str() == s) {
        return Some(
            universe
                .iter()
                .copied()
                .filter(|r| r.category == c)
                .collect(),
        );
    }
    let prefix: Vec<&'static RuleMeta> = universe
        .iter()
        .copied()
        .filter(|r| !s.is_empty() && r.code.starts_with(&s.to_ascii_uppercase()))
        .collect();
    (!prefix.is_empty()).then_some(prefix)
}

/// Errors of a configuration, with their places in the file.
struct ConfigErrors<'a> {
    path: &'a Path,
    text: Arc<String>,
    errors: Vec<InputError>,
}

impl ConfigErrors<'_> {
    fn push(&mut self, span: Option<std::ops::Range<usize>>, message: String, expected: &str) {
        let span = span.map(|r| Span {
            start: r.start,
            end: r.end,
        });
        let lines = LineIndex::new(&self.text);
        let position = span.map(|s| resolved(&self.text, &lines, s).position);
        self.errors.push(InputError {
            kind: InputErrorKind::Config,
            path: self.path.to_path_buf(),
            position,
            pointer: None,
            message,
            expected: Some(expected.to_owned()),
            snippet: span.map(|s| (self.text.clone(), s)),
        });
    }
}

fn valid_selectors() -> String {
    "`ALL`, a rule code (`VPCE002`), a code prefix (`DNS`), a rule name (`single-az-endpoint`) or a category (`correctness`, `security`, `resilience`, `hygiene`)".into()
}

/// Builds the settings from an optional configuration file and the command line.
pub fn settings(file: Option<&Path>, cli: &Overrides) -> Result<Settings, Vec<InputError>> {
    let (raw, mut errs) = match file {
        None => (RawConfig::default(), None),
        Some(path) => {
            let bytes = std::fs::read(path).map_err(|e| {
                vec![InputError::at_path(
                    InputErrorKind::Io,
                    path,
                    format!("cannot read configuration: {e}"),
                )]
            })?;
            let text = Arc::new(crate::source::utf8_text(path, bytes).map_err(|e| vec![*e])?);
            let mut errs = ConfigErrors {
                path,
                text: Arc::clone(&text),
                errors: Vec::new(),
            };
            match toml::from_str::<RawConfig>(&text) {
                Ok(raw) => (raw, Some(errs)),
                Err(e) => {
                    errs.push(
                        e.span(),
                        e.message().to_owned(),
                        "the keys `select`, `ignore`, `fail-on`, `trusted-accounts`, `custom-rules`, `baseline`, `exclude`, the table `[severity]` and the arrays of tables `[[suppress]]` (`rule`, `resource`, `reason`, optional `expires`), `[[service]]` (`name`, `ports`, `protocol`) and `[[clients]]` (`endpoints`, `cidrs`, `subnets`, `security-groups`)",
                    );
                    return Err(errs.errors);
                }
            }
        }
    };
    let mut problems: Vec<suppress::Problem> = Vec::new();
    let mut file_errors = Vec::new();
    let base = file
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let mut custom_rules = crate::custom::load(
        raw.custom_rules.as_deref().unwrap_or_default(),
        &base,
        &rules::metas().collect::<Vec<_>>(),
        &mut problems,
        &mut file_errors,
    );
    let mut universe: Vec<&'static RuleMeta> = rules::metas().collect();
    universe.extend(custom_rules.iter().map(|c| c.def));
    let mut resolve = |sel: &str, span: Option<std::ops::Range<usize>>| -> Vec<&'static RuleMeta> {
        select(sel, &universe).unwrap_or_else(|| {
            problems.push((
                span,
                format!("unknown rule selector `{sel}`"),
                valid_selectors(),
            ));
            Vec::new()
        })
    };
    let mut chosen: Vec<&'static RuleMeta> = if !cli.select.is_empty() {
        cli.select.iter().flat_map(|s| resolve(s, None)).collect()
    } else if let Some(sel) = &raw.select {
        sel.iter()
            .flat_map(|s| resolve(s.get_ref(), Some(s.span())))
            .collect()
    } else {
        universe.clone()
    };
    let mut ignored: Vec<&'static RuleMeta> = Vec::new();
    for s in raw.ignore.iter().flatten() {
        ignored.extend(resolve(s.get_ref(), Some(s.span())));
    }
    for s in &cli.ignore {
        ignored.extend(resolve(s, None));
    }
    chosen.retain(|r| !ignored.iter().any(|i| std::ptr::eq(*i, *r)));
    let mut rules_sorted: Vec<&'static RuleMeta> = rules::metas()
        .filter(|r| chosen.iter().any(|c| std::ptr::eq(*c, *r)))
        .collect();
    rules_sorted.dedup_by(|a, b| std::ptr::eq(*a, *b));
    custom_rules.retain(|c| chosen.iter().any(|r| std::ptr::eq(*r, c.def)));

    let mut severity = BTreeMap::new();
    for (key, value) in raw.severity.iter().flatten() {
        let rule = universe
            .iter()
            .find(|r| r.code.eq_ignore_ascii_case(key) || r.name == *key);
        match (rule, Severity::parse(value.get_ref())) {
            (Some(rule), Some(level)) => {
                severity.insert(rule.code, level);
            }
            (None, _) => problems.push((
                Some(value.span()),
                format!("unknown rule `{key}` in [severity]"),
                "a rule code or name, see `vpclint rules`".into(),
            )),
            (_, None) => problems.push((
                Some(value.span()),
                format!("unknown severity `{}`", value.get_ref()),
                "`error`, `warning` or `info`".into(),
            )),
        }
    }
    let fail_on = match (&cli.fail_on, &raw.fail_on) {
        (Some(f), _) => *f,
        (None, Some(v)) => FailOn::parse(v.get_ref()).unwrap_or_else(|| {
            problems.push((
                Some(v.span()),
                format!("unknown fail-on level `{}`", v.get_ref()),
                "`error`, `warning`, `info` or `never`".into(),
            ));
            FailOn::Severity(Severity::Warning)
        }),
        (None, None) => FailOn::Severity(Severity::Warning),
    };
    let reach = reach_config(&raw, &mut problems);
    let mut exclude = Exclude::default();
    for p in raw.exclude.iter().flatten() {
        if let Err(e) = exclude.add_in(p.get_ref(), &base) {
            problems.push((Some(p.span()), e, EXCLUDE_PATTERN.into()));
        }
    }
    for p in &cli.exclude {
        if let Err(e) = exclude.add_command_line(p) {
            problems.push((None, format!("--exclude {e}"), EXCLUDE_PATTERN.into()));
        }
    }
    let mut trusted_accounts = Vec::new();
    for a in raw.trusted_accounts.iter().flatten() {
        if crate::policy::matching::is_account_id(a.get_ref()) {
            trusted_accounts.push(a.get_ref().clone());
        } else {
            problems.push((
                Some(a.span()),
                format!(
                    "`{}` in trusted-accounts is not an AWS account id",
                    a.get_ref()
                ),
                "a 12-digit account id such as \"123456789012\"".into(),
            ));
        }
    }
    trusted_accounts.sort();
    trusted_accounts.dedup();
    let suppressions = match (raw.suppress, &errs) {
        (Some(entries), Some(e)) => {
            suppress::compile(entries, &universe, e.path, &e.text, &mut problems)
        }
        _ => Vec::new(),
    };
    let baseline_path = match (&cli.baseline, &raw.baseline) {
        _ if cli.writing_baseline => None,
        (Some(p), _) => Some(p.clone()),
        (None, Some(p)) => Some(base.join(p.get_ref())),
        (None, None) => None,
    };
    let baseline = baseline_path.and_then(|p| match baseline::read(&p) {
        Ok(b) => Some(b),
        Err(e) => {
            file_errors.push(*e);
            None
        }
    });
    if !problems.is_empty() || !file_errors.is_empty() {
        let mut out = Vec::new();
        for (span, message, expected) in problems {
            match (&mut errs, span) {
                (Some(e), Some(span)) => e.push(Some(span), message, &expected),
                _ => out.push(
                    InputError::at_path(InputErrorKind::Config, "command line", message)
                        .expected(expected),
                ),
            }
        }
        if let Some(e) = errs {
            out.extend(e.errors);
        }
        out.extend(file_errors);
        out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        return Err(out);
    }
    Ok(Settings {
        rules: rules_sorted,
        severity,
        fail_on,
        suppressions,
        custom_rules,
        baseline,
        today: date::today(),
        trusted_accounts,
        reach,
        exclude,
    })
}

/// What an exclude pattern looks like.
const EXCLUDE_PATTERN: &str =
    "a glob such as `inputs/`, `**/policies/*.json` or `*.tfstate.json` (gitignore-like, no `!`)";

type Problems = Vec<(Option<std::ops::Range<usize>>, String, String)>;

/// `[[service]]` and `[[clients]]`, every invalid value reported with its place.
fn reach_config(raw: &RawConfig, problems: &mut Problems) -> ReachConfig {
    let mut cfg = ReachConfig::default();
    for svc in raw.service.iter().flatten() {
        let mut ports = PortSet::default();
        for p in svc.ports.get_ref() {
            match parse_ports(p.get_ref()) {
                Some((a, b)) => ports = ports.union(&PortSet::range(a, b)),
                None => problems.push((
                    Some(p.span()),
                    format!("invalid port range `{}`", p.get_ref()),
                    "a port (`443`) or a range (`10000-31000`) within 0-65535".into(),
                )),
            }
        }
        if svc.ports.get_ref().is_empty() {
            problems.push((
                Some(svc.ports.span()),
                format!("`[[service]]` `{}` lists no port", svc.name.get_ref()),
                "at least one port or range, e.g. `ports = [\"443\"]`".into(),
            ));
        }
        let protocol = match svc.protocol.as_ref().map(|p| (p, p.get_ref().as_str())) {
            None => Protocol::Tcp,
            Some((_, "tcp")) => Protocol::Tcp,
            Some((_, "udp")) => Protocol::Udp,
            Some((p, other)) => {
                problems.push((
                    Some(p.span()),
                    format!("unknown protocol `{other}`"),
                    "`tcp` or `udp`".into(),
                ));
                Protocol::Tcp
            }
        };
        cfg.services.push(ServiceRule {
            name: svc.name.get_ref().clone(),
            protocol,
            ports,
        });
    }
    for c in raw.clients.iter().flatten() {
        let mut rule = ClientRule {
            endpoints: c
                .endpoints
                .iter()
                .flatten()
                .map(|e| e.get_ref().clone())
                .collect(),
            ..ClientRule::default()
        };
        for v in c.cidrs.iter().flatten() {
            match v.get_ref().parse::<ipnet::IpNet>() {
                Ok(n) => rule.cidrs.push(n),
                Err(_) => problems.push((
                    Some(v.span()),
                    format!("invalid CIDR block `{}`", v.get_ref()),
                    "an IPv4 or IPv6 block such as `10.1.0.0/16`".into(),
                )),
            }
        }
        let ids = [
            (
                &c.subnets,
                "subnet-",
                "a subnet id such as `subnet-0a1b2c3d`",
            ),
            (
                &c.security_groups,
                "sg-",
                "a security group id such as `sg-0a1b2c3d`",
            ),
        ];
        for (list, prefix, expected) in ids {
            for v in list.iter().flatten() {
                if !v.get_ref().starts_with(prefix) {
                    problems.push((
                        Some(v.span()),
                        format!("`{}` is not a `{prefix}…` id", v.get_ref()),
                        expected.into(),
                    ));
                } else if prefix == "sg-" {
                    rule.security_groups.push(SgId(v.get_ref().clone()));
                } else {
                    rule.subnets.push(SubnetId(v.get_ref().clone()));
                }
            }
        }
        cfg.clients.push(rule);
    }
    cfg
}

/// `443` or `10000-31000`.
fn parse_ports(s: &str) -> Option<(u16, u16)> {
    let (a, b) = match s.split_once('-') {
        Some((a, b)) => (a.trim().parse().ok()?, b.trim().parse().ok()?),
        None => {
            let p = s.trim().parse().ok()?;
            (p, p)
        }
    };
    (a <= b).then_some((a, b))
}
