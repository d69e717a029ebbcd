//! Live mode: reads an account through the AWS SDK into the very documents an export holds.
//!
//! Every call's answer is written back as the AWS CLI prints it (`{"Vpcs": [...]}`, 4-space
//! indented) and named as in an export (`aws://ACCOUNT/REGION/describe-vpcs.json`), then goes
//! through the export loader like a file. So `check --aws` and `check` on what `export` wrote
//! read the same bytes: identical findings by construction, and a finding's place is a line in
//! that document. Async stays inside this module: one current-thread tokio runtime, created per
//! read, drives every request; regions and independent calls overlap, bounded by a semaphore.
//!
//! Only `Describe*`, `List*` and `Get*` calls (EC2, Route 53, Route 53 Resolver, Elastic Load
//! Balancing, API Gateway's `GetRestApis`, an HTTP GET) and STS `GetCallerIdentity` (which needs
//! no permission) are made.

mod accounts;
mod shapes;
mod write;

use std::collections::{BTreeMap, BTreeSet};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use aws_config::retry::RetryConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_credential_types::provider::error::CredentialsError;
use aws_sdk_ec2::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_ec2::Client;
use serde_json::Value;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

use super::{Document, InputError, InputErrorKind};
pub use accounts::{parse_accounts_file, Accounts, Shard};
use shapes::Cli;
pub use write::ExportDir;

/// Requests in flight at once, over all regions: enough to hide latency, few enough to stay
/// under EC2's request-rate limits (throttling is retried anyway).
const CONCURRENCY: usize = 16;

/// Accounts read at once: enough to keep [`CONCURRENCY`] requests busy across accounts with few
/// resources, few enough that accounts complete one after another rather than all at the end.
const ACCOUNTS_IN_FLIGHT: usize = 4;

/// How the live reader reaches AWS.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Named profiles of the shared config files (default: the standard chain); with several,
    /// each profile's credentials read their own account.
    pub profiles: Vec<String>,
    /// Regions to read (default: the profile's or environment's region).
    pub regions: Vec<String>,
    /// Every region enabled for the account (DescribeRegions).
    pub all_regions: bool,
    /// Endpoint instead of AWS's (also `AWS_ENDPOINT_URL`).
    pub endpoint_url: Option<String>,
    /// `MaxResults` of every paginated call (default: the service's).
    pub page_size: Option<i32>,
    /// Attempts per request, first one included (throttling and 5xx are retried).
    pub max_attempts: Option<u32>,
    /// Adaptive retry mode (client-side rate limiting) instead of standard.
    pub adaptive: bool,
    /// Which accounts to read.
    pub accounts: Accounts,
    /// The role to assume in every account but the caller's.
    pub role_name: Option<String>,
    /// The external id the role's trust policy asks for.
    pub external_id: Option<String>,
    /// Leave the calling account out even when it is listed.
    pub skip_caller: bool,
    /// Read only this share of the accounts.
    pub shard: Option<Shard>,
    /// Accounts not to read (already exported, for `export --resume`).
    pub skip: BTreeSet<String>,
}

/// What one account gave: every document, or why it could not be read whole.
#[derive(Debug, Default)]
pub struct AccountRead {
    /// The account.
    pub account: String,
    /// Regions read.
    pub regions: Vec<String>,
    /// One document per call and region, `ACCOUNT/REGION/FILE` relative paths in export order;
    /// none when a call failed (an account is read whole or not at all, so that nothing
    /// half-read looks complete).
    pub documents: Vec<(PathBuf, String)>,
    /// Every call that failed (AssumeRole, a denied Describe, …).
    pub errors: Vec<InputError>,
}

/// What a read hands over as it goes, so that an export can write each account as it completes.
#[derive(Debug)]
pub enum Done {
    /// The organisation's account list (with [`Accounts::Organization`]), before any account:
    /// its relative path and text.
    Organization(PathBuf, String),
    /// An account, read or not.
    Account(AccountRead),
}

/// What a whole read did.
#[derive(Debug, Default)]
pub struct Summary {
    /// The account of the current credentials.
    pub caller: String,
    /// Accounts read whole, sorted.
    pub read: Vec<String>,
    /// Accounts that could not be read, sorted, each with what failed.
    pub unread: Vec<(String, Vec<InputError>)>,
    /// Accounts left out on purpose, and why.
    pub left_out: Vec<(String, &'static str)>,
    /// Requests per operation (pages and retries of a page count once).
    pub calls: BTreeMap<&'static str, usize>,
    /// Attempts after a request's first: throttled or failed transiently, and retried.
    pub retried: usize,
}

/// A document read live as a loader input, named `aws://REL`.
pub fn loader_document(rel: &Path, text: String) -> Document {
    Document {
        path: Path::new("aws://").join(rel),
        text: Arc::new(text),
    }
}

/// Reads every account and region asked for, handing each account to `sink` as it completes.
/// A call that fails makes its account unread (listed in the summary with every failed call);
/// what keeps the whole read from starting (no credentials, no account list) is an error.
pub fn read(
    opts: &Options,
    sink: &mut dyn FnMut(Done) -> Result<(), Vec<InputError>>,
) -> Result<Summary, Vec<InputError>> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| vec![error("aws", format!("cannot start the I/O runtime: {e}"))])?;
    runtime.block_on(read_async(opts, sink))
}

fn error(place: &str, message: String) -> InputError {
    InputError::at_path(InputErrorKind::Aws, place, message)
}

/// State shared by every request of a read.
struct Shared {
    limit: Semaphore,
    page_size: Option<i32>,
    calls: Mutex<BTreeMap<&'static str, usize>>,
    retried: Retried,
    progress: indicatif::ProgressBar,
}

impl Shared {
    fn count(&self, op: &'static str) {
        if let Ok(mut calls) = self.calls.lock() {
            *calls.entry(op).or_default() += 1;
            let total: usize = calls.values().sum();
            self.progress.set_message(format!(
                "{total} requests, {} retried (throttled or failed transiently)",
                self.retried.count()
            ));
        }
    }
}

/// Counts the attempts of every request after its first: throttled (`RequestLimitExceeded`,
/// `Throttling`) or failed transiently (5xx, a timeout) and retried with backoff. An interceptor
/// of every client, since the SDK retries inside one call.
#[derive(Clone, Debug, Default)]
struct Retried(Arc<std::sync::atomic::AtomicUsize>);

impl Retried {
    fn count(&self) -> usize {
        self.0.load(std::sync::atomic::Ordering::Relaxed)
    }
}

impl aws_smithy_runtime_api::client::interceptors::Intercept for Retried {
    fn name(&self) -> &'static str {
        "vpclint-retried"
    }

    fn read_before_attempt(
        &self,
        _context: &aws_smithy_runtime_api::client::interceptors::context::BeforeTransmitInterceptorContextRef<'_>,
        _components: &aws_smithy_runtime_api::client::runtime_components::RuntimeComponents,
        cfg: &mut aws_sdk_ec2::config::ConfigBag,
    ) -> Result<(), aws_sdk_ec2::error::BoxError> {
        let attempt = cfg
            .load::<aws_smithy_runtime_api::client::retries::RequestAttempts>()
            .map_or(1, |a| a.attempts());
        if attempt > 1 {
            self.0.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        Ok(())
    }
}

/// Where a call went, for messages.
#[derive(Clone)]
struct Scope {
    account: String,
    region: String,
}

impl Scope {
    fn place(&self) -> String {
        if self.account.is_empty() {
            format!("aws://{}", self.region)
        } else {
            format!("aws://{}/{}", self.account, self.region)
        }
    }
}

async fn read_async(
    opts: &Options,
    sink: &mut dyn FnMut(Done) -> Result<(), Vec<InputError>>,
) -> Result<Summary, Vec<InputError>> {
    if opts.profiles.len() > 1
        && (!matches!(opts.accounts, Accounts::Caller) || opts.role_name.is_some())
    {
        return Err(vec![error(
            "aws",
            "several --profile read each profile's own account: --org, --accounts and \
             --role-name name accounts reached through one profile's credentials, so they take \
             one --profile"
                .into(),
        )]);
    }
    let config = load_config(opts, opts.profiles.first().map(String::as_str)).await;
    let home = opts
        .regions
        .first()
        .cloned()
        .or_else(|| config.region().map(ToString::to_string));
    let Some(home) = home else {
        return Err(vec![error(
            "aws",
            "no region: pass --region (repeatable) or --all-regions, or set AWS_REGION or a \
             region in the profile"
                .into(),
        )]);
    };
    let shared = Arc::new(Shared {
        limit: Semaphore::new(CONCURRENCY),
        page_size: opts.page_size,
        calls: Mutex::new(BTreeMap::new()),
        retried: Retried::default(),
        progress: progress_bar(),
    });
    let (caller, partition) = caller_identity(&config, &home, &shared).await?;
    // Every further --profile: its own credentials, and the account they belong to.
    let mut own_credentials: BTreeMap<String, SdkConfig> = BTreeMap::new();
    for profile in opts.profiles.iter().skip(1) {
        let c = load_config(opts, Some(profile)).await;
        let (account, _) = caller_identity(&c, &home, &shared).await?;
        if account != caller {
            own_credentials.entry(account).or_insert(c);
        }
    }
    let listed = match &opts.accounts {
        Accounts::Caller => std::iter::once(caller.clone())
            .chain(own_credentials.keys().cloned())
            .collect(),
        Accounts::Listed(ids) => ids.clone(),
        Accounts::Organization => {
            let org = accounts::organization(&config, &home, &caller, &shared)
                .await
                .map_err(|e| vec![e])?;
            let (rel, text) = org.document;
            sink(Done::Organization(rel, text))?;
            org.active
        }
    };
    let mut summary = Summary {
        caller: caller.clone(),
        ..Summary::default()
    };
    let mut targets = BTreeSet::new();
    for account in listed {
        if opts.shard.is_some_and(|s| !s.takes(&account)) {
            continue;
        }
        if opts.skip_caller && account == caller {
            summary
                .left_out
                .push((account, "the calling account (--skip-caller)"));
        } else if opts.skip.contains(&account) {
            summary
                .left_out
                .push((account, "already exported (--resume)"));
        } else {
            targets.insert(account);
        }
    }
    shared.progress.set_length(targets.len() as u64);
    let target = Arc::new(accounts::Target {
        caller,
        partition,
        home,
        role_name: opts.role_name.clone(),
        external_id: opts.external_id.clone(),
    });
    let regions = Arc::new((opts.regions.clone(), opts.all_regions));
    // Accounts are started a few at a time, so that they complete (and an export writes them)
    // one after another; their requests share the one bound on requests in flight.
    let gate = Arc::new(Semaphore::new(ACCOUNTS_IN_FLIGHT));
    let mut tasks = JoinSet::new();
    for account in targets {
        // An account of a further --profile is read with that profile's own credentials, as
        // the caller's account is with the first's.
        let (config, target) = match own_credentials.get(&account) {
            Some(c) => (
                c.clone(),
                Arc::new(accounts::Target {
                    caller: account.clone(),
                    ..(*target).clone()
                }),
            ),
            None => (config.clone(), target.clone()),
        };
        tasks.spawn(read_account(
            config,
            account,
            target,
            regions.clone(),
            shared.clone(),
            gate.clone(),
        ));
    }
    let mut failed = Vec::new();
    while let Some(joined) = tasks.join_next().await {
        match joined {
            Ok(read) => {
                shared.progress.inc(1);
                if read.errors.is_empty() {
                    summary.read.push(read.account.clone());
                } else {
                    summary
                        .unread
                        .push((read.account.clone(), read.errors.clone()));
                }
                if let Err(e) = sink(Done::Account(read)) {
                    failed.extend(e);
                }
            }
            Err(e) => failed.push(error("aws", format!("an account's reader failed: {e}"))),
        }
    }
    shared.progress.finish_and_clear();
    if !failed.is_empty() {
        return Err(failed);
    }
    summary.read.sort();
    summary.unread.sort_by(|a, b| a.0.cmp(&b.0));
    summary.calls = shared.calls.lock().map(|c| c.clone()).unwrap_or_default();
    summary.retried = shared.retried.count();
    Ok(summary)
}

/// Reads one account: its credentials, its regions, then every region concurrently.
async fn read_account(
    config: SdkConfig,
    account: String,
    target: Arc<accounts::Target>,
    regions: Arc<(Vec<String>, bool)>,
    shared: Arc<Shared>,
    gate: Arc<Semaphore>,
) -> AccountRead {
    let _turn = gate.acquire_owned().await;
    let mut read = AccountRead {
        account: account.clone(),
        ..AccountRead::default()
    };
    let config = match accounts::credentials_for(&config, &target, &account, &shared).await {
        Ok(c) => c,
        Err(e) => {
            read.errors.push(e);
            return read;
        }
    };
    let (asked, all_regions) = &*regions;
    let mut regions = asked.clone();
    if *all_regions {
        let scope = Scope {
            account: account.clone(),
            region: target.home.clone(),
        };
        let answer = {
            let _permit = shared.limit.acquire().await;
            shared.count("DescribeRegions");
            ec2_client(&config, &target.home, &shared.retried)
                .describe_regions()
                .send()
                .await
        };
        match answer {
            Ok(out) => regions.extend(
                out.regions()
                    .iter()
                    .filter_map(|r| r.region_name().map(str::to_owned)),
            ),
            Err(e) => {
                read.errors.push(call_error(&scope, "DescribeRegions", &e));
                return read;
            }
        }
    }
    if regions.is_empty() {
        regions.push(target.home.clone());
    }
    regions.sort();
    regions.dedup();
    let mut tasks = JoinSet::new();
    for region in &regions {
        let scope = Scope {
            account: account.clone(),
            region: region.clone(),
        };
        tasks.spawn(read_region(
            ec2_client(&config, region, &shared.retried),
            elb_client(&config, region, &shared.retried),
            api_client(&config, region, &shared.retried),
            dns::resolver_client(&config, region, &shared.retried),
            scope,
            shared.clone(),
        ));
    }
    // Route 53 is global: its zones are read once per account, beside the regions.
    match dns::hosted_zones(&config, &target.home, &account, &shared).await {
        Ok(documents) => read.documents.extend(documents),
        Err(e) => read.errors.push(e),
    }
    while let Some(joined) = tasks.join_next().await {
        match joined {
            Ok(region) => {
                read.documents.extend(region.documents);
                read.errors.extend(region.errors);
            }
            Err(e) => read.errors.push(error(
                &format!("aws://{account}"),
                format!("a region's reader failed: {e}"),
            )),
        }
    }
    if !read.errors.is_empty() {
        read.documents.clear();
        read.errors.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    }
    // Export order: what walking the folders of an export gives, so that file ids, and with
    // them every tie in the report's order, are the same for both.
    read.documents.sort_by(|a, b| a.0.cmp(&b.0));
    read.regions = regions;
    read
}

async fn load_config(opts: &Options, profile: Option<&str>) -> SdkConfig {
    // rustls on ring: the SDK's default TLS stack (aws-lc) needs a C and cmake build.
    let http = aws_smithy_http_client::Builder::new()
        .tls_provider(aws_smithy_http_client::tls::Provider::Rustls(
            aws_smithy_http_client::tls::rustls_provider::CryptoMode::Ring,
        ))
        .build_https();
    let mut retry = if opts.adaptive {
        RetryConfig::adaptive()
    } else {
        RetryConfig::standard()
    };
    if let Some(n) = opts.max_attempts {
        retry = retry.with_max_attempts(n);
    }
    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        .http_client(http)
        .retry_config(retry);
    if let Some(p) = profile {
        loader = loader.profile_name(p);
    }
    if let Some(u) = &opts.endpoint_url {
        loader = loader.endpoint_url(u);
    }
    if let Some(r) = opts.regions.first() {
        loader = loader.region(Region::new(r.clone()));
    }
    loader.load().await
}

fn ec2_client(config: &SdkConfig, region: &str, retried: &Retried) -> Client {
    let conf = aws_sdk_ec2::config::Builder::from(config)
        .region(Region::new(region.to_owned()))
        .interceptor(retried.clone())
        .build();
    Client::from_conf(conf)
}

fn elb_client(
    config: &SdkConfig,
    region: &str,
    retried: &Retried,
) -> aws_sdk_elasticloadbalancingv2::Client {
    let conf = aws_sdk_elasticloadbalancingv2::config::Builder::from(config)
        .region(Region::new(region.to_owned()))
        .interceptor(retried.clone())
        .build();
    aws_sdk_elasticloadbalancingv2::Client::from_conf(conf)
}

fn api_client(config: &SdkConfig, region: &str, retried: &Retried) -> aws_sdk_apigateway::Client {
    let conf = aws_sdk_apigateway::config::Builder::from(config)
        .region(Region::new(region.to_owned()))
        .interceptor(retried.clone())
        .build();
    aws_sdk_apigateway::Client::from_conf(conf)
}

/// The account of the credentials and its partition. STS answers this for any credentials
/// without an IAM permission, and aws-config already builds the STS client, so it costs neither
/// a permission nor build time. Taking `OwnerId` from the data instead would fail on an empty
/// region and be ambiguous with VPCs shared from other accounts.
async fn caller_identity(
    config: &SdkConfig,
    region: &str,
    shared: &Shared,
) -> Result<(String, String), Vec<InputError>> {
    let sts = aws_sdk_sts::Client::from_conf(
        aws_sdk_sts::config::Builder::from(config)
            .region(Region::new(region.to_owned()))
            .interceptor(shared.retried.clone())
            .build(),
    );
    shared.count("GetCallerIdentity");
    let out = sts.get_caller_identity().send().await.map_err(|e| {
        let scope = Scope {
            account: String::new(),
            region: region.to_owned(),
        };
        vec![call_error(&scope, "GetCallerIdentity", &e)]
    })?;
    match out.account() {
        Some(a) if super::region::is_account(a) => {
            Ok((a.to_owned(), accounts::partition(out.arn())))
        }
        other => Err(vec![error(
            "aws",
            format!(
                "STS GetCallerIdentity named no account id (got {:?}); cannot name the snapshot",
                other.unwrap_or_default()
            ),
        )]),
    }
}

/// A failed call as an input error: denied calls name the IAM permission to add; everything
/// else carries the SDK's whole error chain (never credentials: the SDK does not print them).
fn call_error<E, R>(scope: &Scope, op: &str, e: &SdkError<E, R>) -> InputError
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
    R: std::fmt::Debug + 'static,
{
    if no_credentials(e) {
        return error("aws", NO_CREDENTIALS.into());
    }
    let place = scope.place();
    let code = e.code().unwrap_or_default();
    let action = match op {
        "GetCallerIdentity" | "AssumeRole" => format!("sts:{op}"),
        "ListAccounts" => format!("organizations:{op}"),
        "DescribeLoadBalancers" | "DescribeListeners" => format!("elasticloadbalancing:{op}"),
        "ListHostedZones" | "GetHostedZone" | "ListResourceRecordSets" => format!("route53:{op}"),
        "ListResolverRules" | "ListResolverRuleAssociations" | "ListResolverEndpoints" => {
            format!("route53resolver:{op}")
        }
        // API Gateway's actions are HTTP verbs on resource paths.
        "GetRestApis" => "apigateway:GET` on `/restapis".to_owned(),
        _ => format!("ec2:{op}"),
    };
    let message = match code {
        "AccessDenied"
        | "AccessDeniedException"
        | "UnauthorizedOperation"
        | "Client.UnauthorizedOperation" => format!(
            "`{op}` was denied ({code}) in {}: the credentials lack the IAM permission \
             `{action}`; add it (README, \"Live mode\", has the whole read-only policy) — \
             without it the estate would be incomplete",
            scope.region
        ),
        "AuthFailure"
        | "InvalidClientTokenId"
        | "SignatureDoesNotMatch"
        | "ExpiredToken"
        | "RequestExpired" => format!(
            "`{op}` in {} rejected the credentials ({code}): check the profile or the \
             AWS_* environment variables",
            scope.region
        ),
        _ => format!("`{op}` failed in {}: {}", scope.region, chain(e)),
    };
    error(&place, message)
}

/// What to say when the credential chain found nothing: the SDK's own error lists each provider
/// it tried in its terms (`dispatch failure … IMDS session token`), which says neither that
/// credentials are missing nor how to give them.
const NO_CREDENTIALS: &str = "no AWS credentials found: vpclint looked, as the AWS CLI does, in \
    the environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, in the profile of \
    --profile or AWS_PROFILE (else `default`) in the shared config and credentials files \
    (~/.aws/config and ~/.aws/credentials, or AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE), \
    for an SSO session or a web identity token, and for a container or instance role (the \
    instance metadata service); run `aws configure`, pass `--profile NAME` for a configured \
    profile, or `aws sso login --profile NAME` for an SSO one";

/// Whether the call failed because the credential chain found no credentials at all (rather than
/// credentials that AWS rejected).
fn no_credentials(e: &(dyn std::error::Error + 'static)) -> bool {
    let mut next = Some(e);
    while let Some(e) = next {
        if matches!(
            e.downcast_ref::<CredentialsError>(),
            Some(CredentialsError::CredentialsNotLoaded(_))
        ) {
            return true;
        }
        next = e.source();
    }
    false
}

/// An error and its sources, each once: "dispatch failure: io error: … Connection refused".
fn chain(e: &dyn std::error::Error) -> String {
    let mut parts = vec![e.to_string()];
    let mut source = e.source();
    while let Some(s) = source {
        let text = s.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        source = s.source();
    }
    parts.join(": ")
}

/// One region's documents and problems.
#[derive(Default)]
struct RegionRead {
    documents: Vec<(PathBuf, String)>,
    errors: Vec<InputError>,
}

/// Follows every page of a paginated call, each page shaped by `$shape`.
macro_rules! pages {
    ($shared:expr, $scope:expr, $op:expr, $request:expr, $items:ident, $shape:expr) => {{
        let mut paginator = $request.into_paginator();
        if let Some(n) = $shared.page_size {
            paginator = paginator.page_size(n);
        }
        let mut stream = paginator.send();
        let mut out: Vec<Value> = Vec::new();
        let mut failed = None;
        loop {
            let page = {
                let _permit = $shared.limit.acquire().await;
                let page = stream.next().await;
                if page.is_some() {
                    $shared.count($op);
                }
                page
            };
            match page {
                None => break,
                Some(Ok(page)) => out.extend(page.$items().iter().map($shape)),
                Some(Err(e)) => {
                    failed = Some(call_error(&$scope, $op, &e));
                    break;
                }
            }
        }
        match failed {
            None => Ok(out),
            Some(e) => Err(e),
        }
    }};
}

// After `pages!`, which they use.
mod dns;
mod transit;

/// A call's result: the document's file name, its top-level key and its items.
type Listed = Result<(String, &'static str, Vec<Value>), InputError>;

async fn read_region(
    client: Client,
    elb: aws_sdk_elasticloadbalancingv2::Client,
    api: aws_sdk_apigateway::Client,
    resolver: aws_sdk_route53resolver::Client,
    scope: Scope,
    shared: Arc<Shared>,
) -> RegionRead {
    let mut set: JoinSet<Listed> = JoinSet::new();
    // One line per paginated call: its operation, the SDK method, the page's member and the
    // document's top-level key; the file is named after the CLI command, as in an export.
    macro_rules! list {
        ($op:ident, $method:ident, $items:ident, $key:ident) => {{
            let (client, scope, shared) = (client.clone(), scope.clone(), shared.clone());
            set.spawn(async move {
                let file = format!("{}.json", stringify!($method).replace('_', "-"));
                pages!(
                    shared,
                    scope,
                    stringify!($op),
                    client.$method(),
                    $items,
                    Cli::cli
                )
                .map(|items| (file, stringify!($key), items))
            });
        }};
    }
    list!(DescribeVpcs, describe_vpcs, vpcs, Vpcs);
    list!(DescribeSubnets, describe_subnets, subnets, Subnets);
    list!(
        DescribeSecurityGroups,
        describe_security_groups,
        security_groups,
        SecurityGroups
    );
    list!(
        DescribeNetworkAcls,
        describe_network_acls,
        network_acls,
        NetworkAcls
    );
    list!(
        DescribeRouteTables,
        describe_route_tables,
        route_tables,
        RouteTables
    );
    list!(
        DescribeNetworkInterfaces,
        describe_network_interfaces,
        network_interfaces,
        NetworkInterfaces
    );
    list!(
        DescribeVpcEndpoints,
        describe_vpc_endpoints,
        vpc_endpoints,
        VpcEndpoints
    );
    list!(
        DescribeVpcEndpointServiceConfigurations,
        describe_vpc_endpoint_service_configurations,
        service_configurations,
        ServiceConfigurations
    );
    list!(
        DescribePrefixLists,
        describe_prefix_lists,
        prefix_lists,
        PrefixLists
    );
    // Route 53 Resolver's lists, named as `aws route53resolver list-…` names them.
    macro_rules! resolver_list {
        ($op:ident, $method:ident, $items:ident, $key:ident) => {{
            let (resolver, scope, shared) = (resolver.clone(), scope.clone(), shared.clone());
            set.spawn(async move {
                let file = format!("{}.json", stringify!($method).replace('_', "-"));
                pages!(
                    shared,
                    scope,
                    stringify!($op),
                    resolver.$method(),
                    $items,
                    Cli::cli
                )
                .map(|items| (file, stringify!($key), items))
            });
        }};
    }
    resolver_list!(
        ListResolverRules,
        list_resolver_rules,
        resolver_rules,
        ResolverRules
    );
    resolver_list!(
        ListResolverRuleAssociations,
        list_resolver_rule_associations,
        resolver_rule_associations,
        ResolverRuleAssociations
    );
    resolver_list!(
        ListResolverEndpoints,
        list_resolver_endpoints,
        resolver_endpoints,
        ResolverEndpoints
    );
    list!(
        DescribeDhcpOptions,
        describe_dhcp_options,
        dhcp_options,
        DhcpOptions
    );
    list!(
        DescribeVpcPeeringConnections,
        describe_vpc_peering_connections,
        vpc_peering_connections,
        VpcPeeringConnections
    );
    list!(
        DescribeTransitGateways,
        describe_transit_gateways,
        transit_gateways,
        TransitGateways
    );
    list!(
        DescribeTransitGatewayAttachments,
        describe_transit_gateway_attachments,
        transit_gateway_attachments,
        TransitGatewayAttachments
    );
    list!(
        DescribeTransitGatewayRouteTables,
        describe_transit_gateway_route_tables,
        transit_gateway_route_tables,
        TransitGatewayRouteTables
    );
    {
        let (client, scope, shared) = (client.clone(), scope.clone(), shared.clone());
        set.spawn(async move {
            endpoint_services(&client, &scope, &shared)
                .await
                .map(|items| {
                    (
                        "describe-vpc-endpoint-services.json".to_owned(),
                        "ServiceDetails",
                        items,
                    )
                })
        });
    }
    {
        let (scope, shared) = (scope.clone(), shared.clone());
        set.spawn(async move {
            rest_apis(&api, &scope, &shared)
                .await
                .map(|items| ("get-rest-apis.json".to_owned(), "items", items))
        });
    }
    {
        let (client, scope, shared) = (client.clone(), scope.clone(), shared.clone());
        set.spawn(async move {
            let _permit = shared.limit.acquire().await;
            shared.count("DescribeAvailabilityZones");
            client
                .describe_availability_zones()
                .send()
                .await
                .map(|out| {
                    let items = out.availability_zones().iter().map(Cli::cli).collect();
                    (
                        "describe-availability-zones.json".to_owned(),
                        "AvailabilityZones",
                        items,
                    )
                })
                .map_err(|e| call_error(&scope, "DescribeAvailabilityZones", &e))
        });
    }

    let mut read = RegionRead::default();
    let mut vpc_ids = Vec::new();
    let mut service_ids = Vec::new();
    let mut nlb_arns: Vec<String> = Vec::new();
    let mut tgw_tables: Vec<String> = Vec::new();
    while let Some(joined) = set.join_next().await {
        match joined {
            Ok(Ok((file, key, items))) => {
                // What the calls that follow ask about: the VPCs' attributes, the services'
                // permissions and the load balancers behind them.
                for (k, member, ids) in [
                    ("Vpcs", "VpcId", &mut vpc_ids),
                    ("ServiceConfigurations", "ServiceId", &mut service_ids),
                    (
                        "ServiceConfigurations",
                        "NetworkLoadBalancerArns",
                        &mut nlb_arns,
                    ),
                    (
                        "TransitGatewayRouteTables",
                        "TransitGatewayRouteTableId",
                        &mut tgw_tables,
                    ),
                ] {
                    if k == key {
                        ids.extend(member_strings(&items, member));
                    }
                }
                read.put(&scope, &file, &shapes::document(key, items));
            }
            Ok(Err(e)) => read.errors.push(e),
            Err(e) => read
                .errors
                .push(error(&scope.place(), format!("a reader task failed: {e}"))),
        }
    }
    if !read.errors.is_empty() {
        return read;
    }

    // Calls that need the ids above: the DNS attributes per VPC (EC2 has no batch call for
    // them), and the permissions and connections of the account's own endpoint services.
    match vpc_attributes(&client, &scope, &shared, vpc_ids).await {
        Ok(items) => read.put(&scope, "vpc-attributes.json", &Value::Array(items)),
        Err(e) => read.errors.extend(e),
    }
    // Each transit gateway route table's routes, associations and propagations, in its folder.
    match transit::route_table_contents(&client, &scope, &shared, tgw_tables).await {
        Ok(docs) => {
            for (file, doc) in docs {
                read.put(&scope, &file, &doc);
            }
        }
        Err(e) => read.errors.push(e),
    }
    if !service_ids.is_empty() {
        match service_permissions(&client, &scope, &shared, service_ids).await {
            Ok(items) => read.put(
                &scope,
                "describe-vpc-endpoint-service-permissions.json",
                &shapes::document("AllowedPrincipals", items),
            ),
            Err(e) => read.errors.extend(e),
        }
        // The services' ports: the listeners of their Network Load Balancers.
        nlb_arns.sort();
        nlb_arns.dedup();
        match load_balancers(&elb, &scope, &shared, nlb_arns).await {
            Ok((lbs, listeners)) => {
                read.put(
                    &scope,
                    "describe-load-balancers.json",
                    &shapes::document("LoadBalancers", lbs),
                );
                read.put(
                    &scope,
                    "describe-listeners.json",
                    &shapes::document("Listeners", listeners),
                );
            }
            Err(e) => read.errors.push(e),
        }
        // Only worth asking (and only permitted to matter) for an account that offers services.
        let connections = pages!(
            shared,
            scope,
            "DescribeVpcEndpointConnections",
            client.describe_vpc_endpoint_connections(),
            vpc_endpoint_connections,
            Cli::cli
        );
        // moto answers this call with an HTML 500 (not implemented): that is an error like any
        // other, since the estate would lack the connections' states.
        match connections {
            Ok(items) => read.put(
                &scope,
                "describe-vpc-endpoint-connections.json",
                &shapes::document("VpcEndpointConnections", items),
            ),
            Err(e) => read.errors.push(e),
        }
    }
    read
}

impl RegionRead {
    fn put(&mut self, scope: &Scope, file: &str, doc: &Value) {
        let rel = Path::new(&scope.account).join(&scope.region).join(file);
        self.documents.push((rel, shapes::to_text(doc)));
    }
}

/// The load balancers behind the account's endpoint services and their listeners, following
/// `NextMarker` by hand; only those the service configurations name are asked for (an account
/// may run hundreds of others).
async fn load_balancers(
    elb: &aws_sdk_elasticloadbalancingv2::Client,
    scope: &Scope,
    shared: &Shared,
    arns: Vec<String>,
) -> Result<(Vec<Value>, Vec<Value>), InputError> {
    let mut lbs = Vec::new();
    let mut listeners = Vec::new();
    // DescribeLoadBalancers takes at most 20 ARNs a call.
    for chunk in arns.chunks(20) {
        let _permit = shared.limit.acquire().await;
        shared.count("DescribeLoadBalancers");
        let out = elb
            .describe_load_balancers()
            .set_load_balancer_arns(Some(chunk.to_vec()))
            .send()
            .await
            .map_err(|e| call_error(scope, "DescribeLoadBalancers", &e))?;
        lbs.extend(out.load_balancers().iter().map(Cli::cli));
    }
    for arn in &arns {
        let mut marker: Option<String> = None;
        loop {
            let _permit = shared.limit.acquire().await;
            shared.count("DescribeListeners");
            let page = elb
                .describe_listeners()
                .load_balancer_arn(arn)
                .set_page_size(shared.page_size)
                .set_marker(marker.take())
                .send()
                .await
                .map_err(|e| call_error(scope, "DescribeListeners", &e))?;
            listeners.extend(page.listeners().iter().map(Cli::cli));
            match page.next_marker() {
                Some(m) if !m.is_empty() => marker = Some(m.to_owned()),
                _ => break,
            }
        }
    }
    Ok((lbs, listeners))
}

/// The strings of `member` in each item, whether it holds one or a list of them.
fn member_strings<'a>(items: &'a [Value], member: &'a str) -> impl Iterator<Item = String> + 'a {
    items
        .iter()
        .filter_map(move |i| i.get(member))
        .flat_map(|v| match v {
            Value::Array(list) => list.iter().collect(),
            one => vec![one],
        })
        .filter_map(Value::as_str)
        .map(str::to_owned)
}

/// DescribeVpcEndpointServices has `NextToken` but no SDK paginator: follow it by hand.
async fn endpoint_services(
    client: &Client,
    scope: &Scope,
    shared: &Shared,
) -> Result<Vec<Value>, InputError> {
    let mut out = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let _permit = shared.limit.acquire().await;
        shared.count("DescribeVpcEndpointServices");
        let page = client
            .describe_vpc_endpoint_services()
            .set_max_results(shared.page_size)
            .set_next_token(token.take())
            .send()
            .await
            .map_err(|e| call_error(scope, "DescribeVpcEndpointServices", &e))?;
        out.extend(page.service_details().iter().map(Cli::cli));
        match page.next_token() {
            Some(t) if !t.is_empty() => token = Some(t.to_owned()),
            _ => return Ok(out),
        }
    }
}

/// The REST APIs of API Gateway, with their endpoint configuration and resource policy (the
/// private ones are what `private-api-unreachable` judges). The pages follow `position` by hand:
/// GetRestApis takes at most 500 a page, less than `--page-size` allows.
async fn rest_apis(
    api: &aws_sdk_apigateway::Client,
    scope: &Scope,
    shared: &Shared,
) -> Result<Vec<Value>, InputError> {
    let mut out = Vec::new();
    let mut position: Option<String> = None;
    loop {
        let _permit = shared.limit.acquire().await;
        shared.count("GetRestApis");
        let page = api
            .get_rest_apis()
            .set_limit(shared.page_size.map(|n| n.min(500)))
            .set_position(position.take())
            .send()
            .await
            .map_err(|e| call_error(scope, "GetRestApis", &e))?;
        out.extend(page.items().iter().map(Cli::cli));
        match page.position() {
            Some(p) if !p.is_empty() => position = Some(p.to_owned()),
            _ => return Ok(out),
        }
    }
}

/// enableDnsSupport and enableDnsHostnames of every VPC, all requests in flight at once
/// (bounded by the shared semaphore), written as describe-vpc-attribute outputs.
async fn vpc_attributes(
    client: &Client,
    scope: &Scope,
    shared: &Arc<Shared>,
    vpc_ids: Vec<String>,
) -> Result<Vec<Value>, Vec<InputError>> {
    use aws_sdk_ec2::types::VpcAttributeName;
    let mut set = JoinSet::new();
    for (i, vpc) in vpc_ids.into_iter().enumerate() {
        for (j, (attribute, key)) in [
            (VpcAttributeName::EnableDnsSupport, "EnableDnsSupport"),
            (VpcAttributeName::EnableDnsHostnames, "EnableDnsHostnames"),
        ]
        .into_iter()
        .enumerate()
        {
            let (client, scope, shared, vpc) =
                (client.clone(), scope.clone(), shared.clone(), vpc.clone());
            set.spawn(async move {
                let _permit = shared.limit.acquire().await;
                shared.count("DescribeVpcAttribute");
                let out = client
                    .describe_vpc_attribute()
                    .vpc_id(&vpc)
                    .attribute(attribute)
                    .send()
                    .await
                    .map_err(|e| call_error(&scope, "DescribeVpcAttribute", &e))?;
                let value = match key {
                    "EnableDnsSupport" => out.enable_dns_support(),
                    _ => out.enable_dns_hostnames(),
                }
                .and_then(|v| v.value());
                Ok(((i, j), shapes::vpc_attribute(&vpc, key, value)))
            });
        }
    }
    collect_ordered(set).await
}

/// The allowed principals of each endpoint service of the account (no batch call exists).
async fn service_permissions(
    client: &Client,
    scope: &Scope,
    shared: &Arc<Shared>,
    service_ids: Vec<String>,
) -> Result<Vec<Value>, Vec<InputError>> {
    let mut set = JoinSet::new();
    for (i, id) in service_ids.into_iter().enumerate() {
        let (client, scope, shared) = (client.clone(), scope.clone(), shared.clone());
        set.spawn(async move {
            let items: Result<Vec<Value>, InputError> = pages!(
                shared,
                scope,
                "DescribeVpcEndpointServicePermissions",
                client
                    .describe_vpc_endpoint_service_permissions()
                    .service_id(&id),
                allowed_principals,
                |p| shapes::allowed_principal(p, &id)
            );
            items.map(|items| ((i, 0), Value::Array(items)))
        });
    }
    let per_service = collect_ordered(set).await?;
    Ok(per_service
        .into_iter()
        .flat_map(|v| match v {
            Value::Array(items) => items,
            other => vec![other],
        })
        .collect())
}

/// An answer with the place it takes in its document.
type Keyed = Result<((usize, usize), Value), InputError>;

/// Joins every task, keeping the order of their keys (the answers arrive in any order) and
/// every error.
async fn collect_ordered(mut set: JoinSet<Keyed>) -> Result<Vec<Value>, Vec<InputError>> {
    let mut items = Vec::new();
    let mut errors = Vec::new();
    while let Some(joined) = set.join_next().await {
        match joined {
            Ok(Ok(item)) => items.push(item),
            Ok(Err(e)) => errors.push(e),
            Err(e) => errors.push(error("aws", format!("a reader task failed: {e}"))),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    items.sort_by_key(|(k, _)| *k);
    Ok(items.into_iter().map(|(_, v)| v).collect())
}

/// Accounts done out of all, and requests made, on stderr when it is a terminal (nothing on a
/// pipe).
fn progress_bar() -> indicatif::ProgressBar {
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(0);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{spinner} reading AWS: {pos}/{len} accounts, {msg} [{elapsed}]",
    ) {
        bar.set_style(style);
    }
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}
