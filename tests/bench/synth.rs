//! Deterministic generator of large synthetic AWS estates, written exactly as
//! `aws ec2 describe-* --output json` prints them (4-space indented, CLI field order).
//!
//! The estate is laid out as `ACCOUNT/REGION/` folders, one per account and region,
//! each holding the files of one `vpclint export`-style snapshot. All values come
//! from splitmix64 streams derived from the caller's seed, so the same seed and
//! [`Scale`] give byte-identical files whatever the number of threads.
//!
//! A few defects are planted on purpose and counted in [`Planted`]; the rest of the
//! estate is built to be healthy for every rule of the catalogue (scoped endpoint
//! policies, TCP 443 admitted from the VPC and its peers, NACLs that let endpoint
//! traffic and its return through, DNS attributes on, disjoint CIDR blocks), so that
//! a linter's findings can be compared with the planted counts exactly.
//!
//! [`Scale::large`] is a few accounts of huge folders; [`Scale::org`] is an AWS Organization
//! of many small accounts, one region each, with every kind of EC2 file the loader reads and
//! shared-services accounts whose endpoint services the others consume.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::net::{Ipv4Addr, Ipv6Addr};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use serde::ser::{Error as _, SerializeMap};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::ser::PrettyFormatter;

/// The configuration [`generate`] writes at the root of an estate with `all_kinds`, for
/// `vpclint check --config`.
pub const CONFIG_FILE: &str = "vpclint.toml";

/// Without the ports of the partner and shared endpoint services, vpclint could only say
/// that it cannot check their endpoints; their owners serve HTTPS.
const SERVICE_PORTS: &str = "\
# The ports of the endpoint services of this synthetic estate (partners' and shared services').
[[service]]
name = \"com.amazonaws.vpce.*\"
ports = [\"443\"]
";

/// Bumped whenever the output of [`generate`] changes, so that estates cached by
/// [`write_if_missing`] under an older generator are rebuilt.
const GENERATOR_VERSION: u32 = 2;

/// How accounts are spread over regions; each account and region is one `ACCOUNT/REGION/` folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Regions {
    /// Two or three regions per account (three for every third account, from the first),
    /// rotating over all the regions of the catalogue.
    TwoOrThree,
    /// One region per account, as in an AWS Organization of many small accounts: most in
    /// eu-west-1 and us-east-1, the rest in eu-central-1, us-west-2 and ap-southeast-2.
    One,
}

/// Size of a synthetic estate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scale {
    /// AWS accounts.
    pub accounts: usize,
    /// Regions of each account.
    pub regions: Regions,
    /// VPCs in the whole estate, spread evenly over the folders.
    pub vpcs: usize,
    /// Subnets per VPC (4..=64), round-robin over the VPC's two or three Availability Zones.
    pub subnets_per_vpc: usize,
    /// Security groups per VPC: the default group, one group per interface endpoint, the rest workloads.
    pub sgs_per_vpc: usize,
    /// Average number of `IpPermissions` entries of a workload security group; each entry has 1-3 sources.
    pub rules_per_sg: usize,
    /// VPC endpoints per VPC (1..=12), mostly Interface, some Gateway.
    pub endpoints_per_vpc: usize,
    /// VPC peering connections in the whole estate; each joins two VPCs of one account and
    /// region (fewer when a folder has too few VPCs to pair).
    pub peerings: usize,
    /// Shared-services groups: in each region, every run of this many consecutive folders
    /// has its first folder provide an endpoint service (acceptance required, one allowed role
    /// and one available connection per consumer) and each of the others consume it from one
    /// VPC, with private DNS. 0: no shared services (only third-party partner services).
    pub service_group: usize,
    /// Whether every folder also holds describe-security-group-rules (the same rules as
    /// describe-security-groups) and the provider's calls (describe-vpc-endpoint-service-
    /// configurations, -permissions and describe-vpc-endpoint-connections, empty in the
    /// folders that provide nothing): 15 files per folder instead of 11; and [`CONFIG_FILE`]
    /// at the root, giving the ports of the endpoint services of partners and shared services.
    pub all_kinds: bool,
    /// Whether the endpoint security groups of a planted overlapping pair admit each other's
    /// blocks like any peer's. Clients across such a peering cannot reach the endpoints (the
    /// routes that would overlap their own blocks do not exist), so vpclint reports them as
    /// well (`endpoint-port-blocked`), beyond the planted overlap; `large` and `small` keep
    /// this to stay byte-identical with the estates measured before, `org` does not.
    pub admit_overlapping_peers: bool,
    /// Rate of each kind of planted defect, in thousandths of the resources it applies to (at least one of each).
    pub defect_permille: usize,
}

impl Scale {
    /// The benchmark estate: 10 accounts in 24 account/region folders, 5,000 VPCs,
    /// 60,000 subnets, 65,000 route tables, 200,000 security groups, 20,000 endpoints
    /// with about 42,000 network interfaces, and 5,000 peerings: about 890 MB of JSON.
    pub fn large() -> Self {
        Scale {
            accounts: 10,
            regions: Regions::TwoOrThree,
            vpcs: 5_000,
            subnets_per_vpc: 12,
            sgs_per_vpc: 40,
            rules_per_sg: 3,
            endpoints_per_vpc: 4,
            peerings: 5_000,
            service_group: 0,
            all_kinds: false,
            admit_overlapping_peers: true,
            defect_permille: 10,
        }
    }

    /// A test estate of about 4.5 MB (1/200 of [`Scale::large`]) with the same shape
    /// and exactly one defect of each kind (two VPCs for the overlapping peering).
    pub fn small() -> Self {
        Scale {
            accounts: 2,
            vpcs: 25,
            peerings: 25,
            ..Scale::large()
        }
    }

    /// An AWS Organization of `accounts` small accounts, one region each (spread over five
    /// regions), as users export them: per folder 2-3 VPCs of 6 subnets, 8 security groups
    /// and 4-5 endpoints per VPC, about one peering, and a file for each of the 15 kinds of
    /// EC2 call the loader reads (0.1-70 KB each, about 230 KB per account); in each region
    /// one shared-services account per 20 provides an endpoint service to the other 19.
    pub fn org(accounts: usize) -> Self {
        Scale {
            accounts,
            regions: Regions::One,
            vpcs: accounts * 5 / 2,
            subnets_per_vpc: 6,
            sgs_per_vpc: 8,
            rules_per_sg: 3,
            endpoints_per_vpc: 4,
            peerings: accounts,
            service_group: 20,
            all_kinds: true,
            admit_overlapping_peers: false,
            defect_permille: 10,
        }
    }

    fn validate(&self) -> io::Result<()> {
        let problem = if self.accounts == 0 {
            Some("accounts must be at least 1")
        } else if self.vpcs < 2 * self.folders() {
            Some("vpcs must be at least 2 per account and region")
        } else if !(4..=64).contains(&self.subnets_per_vpc) {
            Some("subnets_per_vpc must be within 4..=64")
        } else if !(1..=12).contains(&self.endpoints_per_vpc) {
            Some("endpoints_per_vpc must be within 1..=12")
        } else if self.sgs_per_vpc < self.endpoints_per_vpc + 3 {
            Some("sgs_per_vpc must exceed endpoints_per_vpc by at least 3")
        } else if self.rules_per_sg == 0 || self.rules_per_sg > RULE_TEMPLATES / 2 {
            Some("rules_per_sg must be within 1..=8")
        } else if self.service_group > 0 && !self.all_kinds {
            Some("shared services need all_kinds, for the provider's files")
        } else if self.defect_permille > 100 {
            Some("defect_permille must be at most 100")
        } else {
            None
        };
        match problem {
            Some(p) => Err(io::Error::new(io::ErrorKind::InvalidInput, p)),
            None => Ok(()),
        }
    }

    /// Account/region folders.
    fn folders(&self) -> usize {
        (0..self.accounts).map(|a| self.regions_of(a).count()).sum()
    }

    /// The regions of `account`.
    fn regions_of(&self, account: usize) -> impl Iterator<Item = &'static RegionDef> {
        let (first, count) = match self.regions {
            Regions::TwoOrThree => (account, if account % 3 == 0 { 3 } else { 2 }),
            Regions::One => (ORG_REGIONS[account % ORG_REGIONS.len()], 1),
        };
        (0..count).map(move |k| &REGIONS[(first + k) % REGIONS.len()])
    }

    /// Stable across builds and platforms (unlike `DefaultHasher`), so a cached
    /// estate is recognised by the next run.
    fn fingerprint(&self) -> u64 {
        let text = format!("v{GENERATOR_VERSION}:{self:?}");
        text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        })
    }
}

/// Defects planted in a generated estate, each counted exactly once.
///
/// Every planted resource carries exactly one defect, and no other resource of the
/// estate has any of these defects.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Planted {
    /// Interface endpoints whose subnets are all in one AZ (rule `single-az-endpoint`).
    pub single_az_endpoints: usize,
    /// Endpoints in state `pendingAcceptance` (rule `endpoint-not-available`).
    pub pending_endpoints: usize,
    /// Interface endpoints to an AWS service with private DNS off (rule `private-dns-disabled`).
    pub private_dns_disabled: usize,
    /// VPCs with an interface endpoint using private DNS but `enableDnsHostnames` or
    /// `enableDnsSupport` false; each such VPC has exactly one interface endpoint
    /// (rule `vpc-dns-attributes-disabled`).
    pub dns_attribute_vpcs: usize,
    /// VPCs with exactly two interface endpoints for the same service, both with private
    /// DNS on (rule `private-dns-conflict`).
    pub duplicate_private_dns: usize,
    /// Active peering connections between VPCs with overlapping CIDR blocks
    /// (rule `peering-cidr-overlap`).
    pub overlapping_peerings: usize,
}

impl Planted {
    fn add(&mut self, other: &Planted) {
        self.single_az_endpoints += other.single_az_endpoints;
        self.pending_endpoints += other.pending_endpoints;
        self.private_dns_disabled += other.private_dns_disabled;
        self.dns_attribute_vpcs += other.dns_attribute_vpcs;
        self.duplicate_private_dns += other.duplicate_private_dns;
        self.overlapping_peerings += other.overlapping_peerings;
    }
}

/// Writes the estate for `seed` and `scale` into `dir` (created if needed) and
/// returns the defects planted in it.
///
/// Existing files of the same names are overwritten; other files are left alone,
/// so use [`write_if_missing`] to reuse or cleanly rebuild a cached estate.
pub fn generate(dir: &Path, seed: u64, scale: &Scale) -> io::Result<Planted> {
    scale.validate()?;
    let plan = Plan::new(seed, scale)?;
    fs::create_dir_all(dir)?;
    if scale.all_kinds {
        fs::write(dir.join(CONFIG_FILE), SERVICE_PORTS)?;
    }

    // Folders are independent (ids come from disjoint counter ranges, randomness
    // from per-folder and per-VPC streams), so they can be written in any order.
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<(usize, io::Result<Planted>)>> = Mutex::new(Vec::new());
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(plan.folders.len());
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| loop {
                let f = next.fetch_add(1, Ordering::Relaxed);
                if f >= plan.folders.len() {
                    break;
                }
                let result = write_folder(&plan, f, dir);
                let failed = result.is_err();
                results
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .push((f, result));
                if failed {
                    // Stop handing out work; the other threads finish their folder.
                    next.store(plan.folders.len(), Ordering::Relaxed);
                }
            });
        }
    });
    let mut results = results
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    results.sort_by_key(|(f, _)| *f);
    let mut planted = Planted::default();
    for (_, result) in results {
        planted.add(&result?);
    }
    Ok(planted)
}

/// Like [`generate`], but reuses `dir` when it already holds the estate for this
/// `seed` and `scale` (recognised by the marker file `dir/.synth-<seed>-<hash of scale>`,
/// which stores the planted counts as JSON).
///
/// A directory holding another synthetic estate, or an interrupted generation, is
/// removed and rebuilt; a non-empty directory without any marker is refused rather
/// than deleted.
pub fn write_if_missing(dir: &Path, seed: u64, scale: &Scale) -> io::Result<Planted> {
    let marker = marker_path(dir, seed, scale);
    match fs::read(&marker) {
        Ok(bytes) => return serde_json::from_slice(&bytes).map_err(io::Error::from),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    if dir.exists() {
        let empty = fs::read_dir(dir)?.next().is_none();
        let ours = empty || has_marker(dir)?;
        if !ours {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!(
                    "{} exists and is not a synthetic estate; refusing to overwrite it",
                    dir.display()
                ),
            ));
        }
        fs::remove_dir_all(dir)?;
    }
    fs::create_dir_all(dir)?;
    // Written first and removed last, so that an interrupted run is recognised as
    // ours and rebuilt instead of being mistaken for a complete estate.
    let incomplete = dir.join(".synth-incomplete");
    File::create(&incomplete)?;
    let planted = generate(dir, seed, scale)?;
    let json = serde_json::to_vec_pretty(&planted).map_err(io::Error::from)?;
    fs::write(&marker, json)?;
    fs::remove_file(&incomplete)?;
    Ok(planted)
}

/// The marker [`write_if_missing`] leaves in `dir` once the estate for `seed` and
/// `scale` is complete; it holds the [`Planted`] counts as JSON.
pub fn marker_path(dir: &Path, seed: u64, scale: &Scale) -> PathBuf {
    dir.join(format!(".synth-{seed}-{:016x}", scale.fingerprint()))
}

/// Whether `dir` holds a marker of a complete or interrupted synthetic estate.
fn has_marker(dir: &Path) -> io::Result<bool> {
    for entry in fs::read_dir(dir)? {
        if entry?.file_name().to_string_lossy().starts_with(".synth-") {
            return Ok(true);
        }
    }
    Ok(false)
}

// ---------------------------------------------------------------------------
// Randomness and ids

/// splitmix64's finalizer: a bijection on u64, which is what makes counter-based
/// ids unique without remembering the ids already handed out.
fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

const GOLDEN: u64 = 0x9e37_79b9_7f4a_7c15;

/// splitmix64 stream.
struct Rng(u64);

impl Rng {
    /// An independent stream per (purpose, index), so that e.g. one VPC's content
    /// does not shift when another VPC draws more numbers.
    fn derive(seed: u64, stream: u64, index: u64) -> Rng {
        Rng(mix64(
            seed ^ mix64(stream.wrapping_mul(GOLDEN) ^ mix64(index)),
        ))
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(GOLDEN);
        mix64(self.0)
    }

    /// Uniform in `0..n` (0 when n is 0).
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    fn permille(&mut self, p: usize) -> bool {
        self.below(1000) < p
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }

    fn hex(&mut self, digits: usize) -> String {
        let v = self.next_u64();
        format!("{v:016x}")[16 - digits.min(16)..].to_string()
    }

    fn timestamp(&mut self) -> String {
        format!(
            "{}-{:02}-{:02}T{:02}:{:02}:{:02}.000Z",
            2022 + self.below(4),
            1 + self.below(12),
            1 + self.below(28),
            self.below(24),
            self.below(60),
            self.below(60)
        )
    }
}

const STREAM_PLAN: u64 = 1;
const STREAM_FOLDER: u64 = 2;
const STREAM_VPC: u64 = 3;
const STREAM_IDS: u64 = 4;
const STREAM_SHARED: u64 = 5;
const STREAM_RULE_IDS: u64 = 6;

/// AWS-style resource ids (`prefix-` + 17 hex digits), unique across the estate:
/// each folder counts in its own 2^40 range and the counter goes through a bijection.
struct Ids {
    key: u64,
    next: u64,
}

impl Ids {
    fn new(seed: u64, folder: usize) -> Ids {
        Ids {
            key: mix64(seed ^ STREAM_IDS.wrapping_mul(GOLDEN)),
            next: (folder as u64 + 1) << 40,
        }
    }

    fn id(&mut self, prefix: &str) -> String {
        let v = mix64(self.key.wrapping_add(self.next));
        self.next += 1;
        // Long-format AWS ids start with a 0 nibble.
        format!("{prefix}-0{v:016x}")
    }
}

// ---------------------------------------------------------------------------
// Static catalogue

struct RegionDef {
    name: &'static str,
    zone_prefix: &'static str,
    az_letters: &'static str,
    internal_domain: &'static str,
}

const REGIONS: &[RegionDef] = &[
    RegionDef {
        name: "eu-west-1",
        zone_prefix: "euw1",
        az_letters: "abc",
        internal_domain: "eu-west-1.compute.internal",
    },
    RegionDef {
        name: "us-east-1",
        zone_prefix: "use1",
        az_letters: "abcdef",
        internal_domain: "ec2.internal",
    },
    RegionDef {
        name: "eu-central-1",
        zone_prefix: "euc1",
        az_letters: "abc",
        internal_domain: "eu-central-1.compute.internal",
    },
    RegionDef {
        name: "us-west-2",
        zone_prefix: "usw2",
        az_letters: "abcd",
        internal_domain: "us-west-2.compute.internal",
    },
    RegionDef {
        name: "ap-southeast-2",
        zone_prefix: "apse2",
        az_letters: "abc",
        internal_domain: "ap-southeast-2.compute.internal",
    },
    RegionDef {
        name: "eu-north-1",
        zone_prefix: "eun1",
        az_letters: "abc",
        internal_domain: "eu-north-1.compute.internal",
    },
];

/// Regions of the accounts of [`Regions::One`], by account number modulo its length
/// (indices into [`REGIONS`]): 3/8 eu-west-1, 2/8 us-east-1, 1/8 each eu-central-1,
/// us-west-2 and ap-southeast-2.
const ORG_REGIONS: &[usize] = &[0, 1, 0, 2, 1, 0, 3, 4];

/// AWS services reached through interface endpoints; all offer a private DNS name.
const AWS_INTERFACE_SERVICES: &[&str] = &[
    "execute-api",
    "sts",
    "ssm",
    "ssmmessages",
    "ec2messages",
    "secretsmanager",
    "kms",
    "logs",
    "monitoring",
    "ecr.api",
    "ecr.dkr",
    "sqs",
    "sns",
    "ec2",
];

/// Third-party endpoint services per region; endpoints to them need acceptance,
/// which is what makes `pendingAcceptance` realistic.
const PARTNER_SERVICES: usize = 3;

const VPC_WORDS: &[&str] = &[
    "payments",
    "identity",
    "billing",
    "analytics",
    "search",
    "checkout",
    "inventory",
    "shipping",
    "catalog",
    "auth",
    "reporting",
    "ledger",
    "media",
    "notifications",
    "orders",
    "pricing",
    "risk",
    "support",
    "tooling",
    "shared-services",
];

const ENVIRONMENTS: &[&str] = &["prod", "staging", "dev", "qa"];

/// Subnet tiers in creation order; the first tier holds the endpoint network interfaces.
const TIERS: &[&str] = &[
    "vpce", "app", "data", "public", "db", "cache", "batch", "mgmt",
];

const WORKLOAD_ROLES: &[&str] = &[
    "app", "web", "db", "cache", "batch", "lb", "worker", "admin",
];

/// IPv4 space VPCs are carved from, in order.
const POOLS: &[(u32, u8)] = &[
    (0x0a00_0000, 8),  // 10.0.0.0/8
    (0x6440_0000, 10), // 100.64.0.0/10
    (0xac10_0000, 12), // 172.16.0.0/12
];

// ---------------------------------------------------------------------------
// Plan: everything that crosses folder boundaries (accounts, address space, roles)

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Role {
    Healthy,
    SingleAz,
    Pending,
    DnsOff,
    /// `true`: enableDnsHostnames is off; `false`: enableDnsSupport is off.
    DnsAttr(bool),
    DupDns,
    OverlapA,
    /// `true`: shares the peer's primary block; `false`: a secondary block inside it.
    OverlapB(bool),
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct Block {
    base: u32,
    len: u8,
}

impl Block {
    fn size(self) -> u32 {
        1u32 << (32 - u32::from(self.len))
    }

    fn overlaps(self, other: Block) -> bool {
        let a_end = u64::from(self.base) + u64::from(self.size());
        let b_end = u64::from(other.base) + u64::from(other.size());
        u64::from(self.base) < b_end && u64::from(other.base) < a_end
    }
}

impl std::fmt::Display for Block {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", Ipv4Addr::from(self.base), self.len)
    }
}

fn cidr6(base: u128, len: u8) -> String {
    format!("{}/{len}", Ipv6Addr::from(base))
}

struct VpcPlan {
    role: Role,
    /// Primary block first.
    blocks: Vec<Block>,
    /// Whether the second block (if any) holds subnets; a planted overlapping
    /// secondary block does not.
    secondary_subnets: bool,
    ipv6: Option<u128>,
}

struct FolderPlan {
    account: usize,
    region: &'static RegionDef,
    first_vpc: usize,
    vpcs: usize,
    peerings: usize,
    /// Planted overlapping pairs, as folder-local VPC indices (requester, accepter).
    overlaps: Vec<(usize, usize)>,
    /// The shared service this folder provides (index into `Plan::shared`).
    provides: Option<usize>,
    /// The shared service this folder consumes, and the index of the link in its `consumers`.
    consumes: Option<(usize, usize)>,
}

/// An endpoint service of one folder consumed by others of the same region. Everything both
/// sides print about it is decided here, so that folders stay independent.
struct SharedService {
    service_id: String,
    service_name: String,
    owner: String,
    private_dns: String,
    nlb_arn: String,
    dns_txt: String,
    consumers: Vec<Link>,
}

/// One consumer of a [`SharedService`]: an interface endpoint in a VPC of another account.
struct Link {
    /// Folder-local index of the consumer VPC.
    vpc: usize,
    account: String,
    endpoint_id: String,
    permission_id: String,
    connection_id: String,
    created: String,
    dns_hex: String,
}

struct Plan<'s> {
    seed: u64,
    scale: &'s Scale,
    accounts: Vec<String>,
    folders: Vec<FolderPlan>,
    vpcs: Vec<VpcPlan>,
    shared: Vec<SharedService>,
}

fn split_evenly(total: usize, parts: usize, i: usize) -> usize {
    total / parts + usize::from(i < total % parts)
}

impl<'s> Plan<'s> {
    fn new(seed: u64, scale: &'s Scale) -> io::Result<Plan<'s>> {
        let mut rng = Rng::derive(seed, STREAM_PLAN, 0);
        let mut accounts: Vec<String> = Vec::new();
        while accounts.len() < scale.accounts {
            let id = (100_000_000_000 + rng.below(900_000_000_000)).to_string();
            if !accounts.contains(&id) {
                accounts.push(id);
            }
        }

        let mut regions = Vec::new();
        for a in 0..scale.accounts {
            for region in scale.regions_of(a) {
                regions.push((a, region));
            }
        }
        let nf = regions.len();
        let mut folders = Vec::with_capacity(nf);
        let mut first_vpc = 0;
        for (i, (account, region)) in regions.into_iter().enumerate() {
            let vpcs = split_evenly(scale.vpcs, nf, i);
            folders.push(FolderPlan {
                account,
                region,
                first_vpc,
                vpcs,
                peerings: split_evenly(scale.peerings, nf, i),
                overlaps: Vec::new(),
                provides: None,
                consumes: None,
            });
            first_vpc += vpcs;
        }

        let mut roles = vec![Role::Healthy; scale.vpcs];
        let rate = |n: usize| (n * scale.defect_permille / 1000).max(1);

        // Overlapping pairs must live in one folder, because peerings do.
        let n_overlap = if scale.peerings == 0 {
            0
        } else {
            rate(scale.peerings)
        };
        for k in 0..n_overlap {
            let placed = (0..nf).any(|step| {
                let folder = &mut folders[(k + step) % nf];
                let free: Vec<usize> = (0..folder.vpcs)
                    .filter(|&l| roles[folder.first_vpc + l] == Role::Healthy)
                    .collect();
                if free.len() < 2 || folder.overlaps.len() >= folder.peerings {
                    return false;
                }
                let i = rng.below(free.len());
                let mut j = rng.below(free.len() - 1);
                if j >= i {
                    j += 1;
                }
                let (a, b) = (free[i], free[j]);
                roles[folder.first_vpc + a] = Role::OverlapA;
                roles[folder.first_vpc + b] = Role::OverlapB(k % 2 == 0);
                folder.overlaps.push((a, b));
                true
            });
            if !placed {
                return Err(too_dense());
            }
        }

        let mut free: Vec<usize> = (0..scale.vpcs)
            .filter(|&g| roles[g] == Role::Healthy)
            .collect();
        rng.shuffle(&mut free);
        let per_endpoint = rate(scale.vpcs * scale.endpoints_per_vpc);
        let per_vpc = rate(scale.vpcs);
        let wanted: Vec<(Role, usize)> = vec![
            (Role::SingleAz, per_endpoint),
            (Role::Pending, per_endpoint),
            (Role::DnsOff, per_endpoint),
            (Role::DnsAttr(true), per_vpc - per_vpc / 3),
            (Role::DnsAttr(false), per_vpc / 3),
            (Role::DupDns, per_vpc),
        ];
        let mut free = free.into_iter();
        for (role, count) in wanted {
            for _ in 0..count {
                let g = free.next().ok_or_else(too_dense)?;
                roles[g] = role;
            }
        }

        let vpcs = allocate_addresses(&mut rng, &roles, &folders, scale)?;
        let shared = plan_shared_services(seed, scale, &accounts, &mut folders, &roles);
        Ok(Plan {
            seed,
            scale,
            accounts,
            folders,
            vpcs,
            shared,
        })
    }
}

const SHARED_WORDS: &[&str] = &[
    "directory",
    "artifacts",
    "telemetry",
    "secrets",
    "gateway",
    "registry",
    "mail",
    "search",
];

/// Groups the folders of each region in runs of `scale.service_group`: the first of a run
/// provides a service, each other one consumes it from its first VPC that can take one more
/// interface endpoint without planting anything (not a VPC with DNS attributes off, which
/// must keep exactly one interface endpoint). Ids come from counter ranges after the
/// folders' own, so they are unique and known to both sides.
fn plan_shared_services(
    seed: u64,
    scale: &Scale,
    accounts: &[String],
    folders: &mut [FolderPlan],
    roles: &[Role],
) -> Vec<SharedService> {
    let mut shared = Vec::new();
    if scale.service_group == 0 {
        return shared;
    }
    let nf = folders.len();
    let mut by_region: BTreeMap<&'static str, Vec<usize>> = BTreeMap::new();
    for (f, fp) in folders.iter().enumerate() {
        by_region.entry(fp.region.name).or_default().push(f);
    }
    // Ranges nf.. of the id space: one per service, then one per link.
    let mut range = nf;
    let mut groups = Vec::new();
    for list in by_region.values() {
        for run in list.chunks(scale.service_group) {
            groups.push(run.to_vec());
        }
    }
    for run in &groups {
        let Some((&provider, consumers)) = run.split_first() else {
            continue;
        };
        if consumers.is_empty() {
            continue;
        }
        let s = shared.len();
        let fp = &folders[provider];
        let mut ids = Ids::new(seed, range);
        range += 1;
        let mut rng = Rng::derive(seed, STREAM_SHARED, s as u64);
        let service_id = ids.id("vpce-svc");
        let word = SHARED_WORDS[s % SHARED_WORDS.len()];
        let owner = accounts[fp.account].clone();
        shared.push(SharedService {
            service_name: format!("com.amazonaws.vpce.{}.{service_id}", fp.region.name),
            private_dns: format!("{word}-{s}.shared.example.org"),
            nlb_arn: format!(
                "arn:aws:elasticloadbalancing:{}:{owner}:loadbalancer/net/{word}-{s}/{}",
                fp.region.name,
                rng.hex(16)
            ),
            dns_txt: rng.hex(16),
            service_id,
            owner,
            consumers: Vec::new(),
        });
        folders[provider].provides = Some(s);
        for &c in consumers {
            let fc = &folders[c];
            let Some(vpc) =
                (0..fc.vpcs).find(|&l| !matches!(roles[fc.first_vpc + l], Role::DnsAttr(_)))
            else {
                continue;
            };
            let mut ids = Ids::new(seed, range);
            range += 1;
            let link = Link {
                vpc,
                account: accounts[fc.account].clone(),
                endpoint_id: ids.id("vpce"),
                permission_id: ids.id("vpce-svc-perm"),
                connection_id: ids.id("vpce-con"),
                created: rng.timestamp(),
                dns_hex: rng.hex(8),
            };
            folders[c].consumes = Some((s, shared[s].consumers.len()));
            shared[s].consumers.push(link);
        }
    }
    shared
}

fn too_dense() -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        "defect_permille is too high for this number of VPCs and peerings",
    )
}

/// Gives every VPC disjoint IPv4 blocks (and some an IPv6 /56), except the planted
/// overlapping pairs.
fn allocate_addresses(
    rng: &mut Rng,
    roles: &[Role],
    folders: &[FolderPlan],
    scale: &Scale,
) -> io::Result<Vec<VpcPlan>> {
    let mut plans: Vec<VpcPlan> = roles
        .iter()
        .map(|&role| VpcPlan {
            role,
            blocks: Vec::new(),
            secondary_subnets: false,
            ipv6: None,
        })
        .collect();

    // (prefix length, vpc, is secondary)
    let mut requests: Vec<(u8, usize, bool)> = Vec::new();
    let mut ipv6_counter: u128 = 0;
    for (g, plan) in plans.iter_mut().enumerate() {
        let roll = rng.below(100);
        let len = if roll < 25 {
            20
        } else if roll < 85 {
            21
        } else {
            22
        };
        if plan.role != Role::OverlapB(true) {
            requests.push((len, g, false));
        }
        if !matches!(plan.role, Role::OverlapB(_))
            && scale.subnets_per_vpc >= 6
            && rng.permille(150)
        {
            requests.push((22, g, true));
            plan.secondary_subnets = true;
        }
        if rng.permille(200) {
            // Amazon-provided /56s; a counter keeps them disjoint.
            plan.ipv6 = Some((0x2600_1f00_u128 << 96) | (ipv6_counter << 72));
            ipv6_counter += 1;
        }
    }

    // Largest blocks first keeps a bump allocator free of alignment holes.
    requests.sort_by_key(|&(len, g, secondary)| (len, secondary, g));
    let mut pool = 0;
    let mut offset: u64 = 0;
    let mut primaries: Vec<Option<Block>> = vec![None; plans.len()];
    let mut secondaries: Vec<Option<Block>> = vec![None; plans.len()];
    for (len, g, secondary) in requests {
        let size = 1u64 << (32 - u32::from(len));
        loop {
            let (pool_base, pool_len) = *POOLS.get(pool).ok_or_else(|| {
                io::Error::new(
                    io::ErrorKind::InvalidInput,
                    "the private IPv4 space is exhausted: too many VPCs",
                )
            })?;
            offset = offset.div_ceil(size) * size;
            if offset + size <= 1u64 << (32 - u32::from(pool_len)) {
                let block = Block {
                    base: pool_base + offset as u32,
                    len,
                };
                offset += size;
                if secondary {
                    secondaries[g] = Some(block);
                } else {
                    primaries[g] = Some(block);
                }
                break;
            }
            pool += 1;
            offset = 0;
        }
    }
    for (g, plan) in plans.iter_mut().enumerate() {
        plan.blocks.extend(primaries[g]);
        plan.blocks.extend(secondaries[g]);
    }

    for folder in folders {
        for &(a, b) in &folder.overlaps {
            let (a, b) = (folder.first_vpc + a, folder.first_vpc + b);
            let theirs = plans[a].blocks[0];
            match plans[b].role {
                Role::OverlapB(true) => plans[b].blocks = vec![theirs],
                _ => {
                    // The last quarter of the peer's primary block.
                    let quarter = Block {
                        base: theirs.base + 3 * (theirs.size() / 4),
                        len: theirs.len + 2,
                    };
                    plans[b].blocks.push(quarter);
                }
            }
        }
    }
    Ok(plans)
}

// ---------------------------------------------------------------------------
// Folder model: one account and region, built from the plan, then written out

struct Az {
    name: String,
    id: String,
}

struct Partner {
    service_name: String,
    service_id: String,
    owner: String,
    private_dns: String,
}

struct Subnet {
    id: String,
    block: Block,
    /// Index into `Folder::azs`.
    az: usize,
    tier: &'static str,
    ipv6: Option<(u128, String)>,
    rtb: String,
    rtb_assoc: String,
    acl_assoc: String,
    enis: u32,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Service {
    Aws(&'static str),
    Gateway(&'static str),
    Partner(usize),
    /// A shared service of the organisation (index into `Folder::consumed`).
    Org(usize),
}

struct Eni {
    id: String,
    subnet: usize,
    ip: u32,
    mac: String,
}

struct Endpoint {
    id: String,
    service: Service,
    pending: bool,
    private_dns: bool,
    /// Subnet indices (interface endpoints).
    subnets: Vec<usize>,
    enis: Vec<Eni>,
    /// Security group index (interface endpoints).
    sg: usize,
    /// Subnet indices whose route tables the gateway endpoint is attached to.
    route_tables: Vec<usize>,
    policy: String,
    created: String,
    dns_hex: String,
}

#[derive(Clone, Copy)]
enum SgKind {
    Default,
    Endpoint(usize),
    Workload(&'static str),
}

struct Sg {
    id: String,
    name: String,
    kind: SgKind,
    rule_seed: u64,
}

struct Vpc {
    id: String,
    name: String,
    env: &'static str,
    blocks: Vec<Block>,
    cidr_assocs: Vec<String>,
    ipv6: Option<(u128, String)>,
    subnets: Vec<Subnet>,
    main_rtb: String,
    main_rtb_assoc: String,
    igw: String,
    /// NAT gateway per AZ of the VPC, keyed by folder AZ index.
    nats: BTreeMap<usize, String>,
    default_acl: String,
    custom_acl: Option<(String, Vec<usize>)>,
    sgs: Vec<Sg>,
    endpoints: Vec<Endpoint>,
    dns_support: bool,
    dns_hostnames: bool,
    /// (peering index, other VPC index)
    peers: Vec<(usize, usize)>,
    bucket: String,
}

struct Peering {
    id: String,
    requester: usize,
    accepter: usize,
}

struct Folder<'p> {
    /// Index of the folder in the plan.
    index: usize,
    seed: u64,
    account: &'p str,
    region: &'static RegionDef,
    azs: Vec<Az>,
    dhcp: String,
    partners: Vec<Partner>,
    /// Shared services of other accounts that a VPC of this folder consumes.
    consumed: Vec<Partner>,
    /// This folder's link to the service it consumes.
    link: Option<&'p Link>,
    /// The shared service this folder provides.
    provides: Option<&'p SharedService>,
    all_kinds: bool,
    prefix_lists: BTreeMap<&'static str, String>,
    custom_prefix_list: String,
    vpcs: Vec<Vpc>,
    peerings: Vec<Peering>,
    zone_hex: String,
    service_seed: u64,
    rules_per_sg: usize,
    admit_overlapping_peers: bool,
}

fn ceil_log2(n: usize) -> u8 {
    let mut bits = 0;
    while (1usize << bits) < n {
        bits += 1;
    }
    bits
}

fn build_folder<'p>(plan: &'p Plan<'_>, f: usize) -> io::Result<Folder<'p>> {
    let fp = &plan.folders[f];
    let account = plan.accounts[fp.account].as_str();
    let mut rng = Rng::derive(plan.seed, STREAM_FOLDER, f as u64);
    let mut ids = Ids::new(plan.seed, f);

    // Zone ids map to zone names differently in every account, as on AWS.
    let letters: Vec<char> = fp.region.az_letters.chars().collect();
    let rotate = fp.account % letters.len();
    let azs: Vec<Az> = letters
        .iter()
        .enumerate()
        .map(|(i, l)| Az {
            name: format!("{}{l}", fp.region.name),
            id: format!(
                "{}-az{}",
                fp.region.zone_prefix,
                (i + rotate) % letters.len() + 1
            ),
        })
        .collect();

    let partners: Vec<Partner> = (0..PARTNER_SERVICES)
        .map(|k| {
            let svc = ids.id("vpce-svc");
            Partner {
                service_name: format!("com.amazonaws.vpce.{}.{svc}", fp.region.name),
                service_id: svc,
                owner: (200_000_000_000 + rng.below(700_000_000_000)).to_string(),
                private_dns: format!("api.partner{k}-{}.example.com", rng.hex(6)),
            }
        })
        .collect();
    let mut prefix_lists = BTreeMap::new();
    prefix_lists.insert("s3", format!("pl-{}", rng.hex(8)));
    prefix_lists.insert("dynamodb", format!("pl-{}", rng.hex(8)));

    let consumes = fp
        .consumes
        .map(|(s, i)| (&plan.shared[s], &plan.shared[s].consumers[i]));
    let mut folder = Folder {
        index: f,
        seed: plan.seed,
        account,
        region: fp.region,
        azs,
        dhcp: ids.id("dopt"),
        partners,
        consumed: consumes
            .iter()
            .map(|(s, _)| Partner {
                service_name: s.service_name.clone(),
                service_id: s.service_id.clone(),
                owner: s.owner.clone(),
                private_dns: s.private_dns.clone(),
            })
            .collect(),
        link: consumes.map(|(_, link)| link),
        provides: fp.provides.map(|s| &plan.shared[s]),
        all_kinds: plan.scale.all_kinds,
        prefix_lists,
        custom_prefix_list: ids.id("pl"),
        vpcs: Vec::with_capacity(fp.vpcs),
        peerings: Vec::new(),
        zone_hex: rng.hex(13).to_uppercase(),
        service_seed: rng.next_u64(),
        rules_per_sg: plan.scale.rules_per_sg,
        admit_overlapping_peers: plan.scale.admit_overlapping_peers,
    };
    if plan.scale.regions == Regions::One {
        // The hosted zone of endpoint DNS names is the region's, whatever the account (as on
        // AWS), so that a provider's connections name the consumer's zone. Stream indices
        // !region stay clear of the shared services' 0, 1, ...
        let region = REGIONS.iter().position(|r| r.name == fp.region.name);
        let mut zone = Rng::derive(plan.seed, STREAM_SHARED, !(region.unwrap_or(0) as u64));
        folder.zone_hex = zone.hex(13).to_uppercase();
    }

    for local in 0..fp.vpcs {
        let g = fp.first_vpc + local;
        let vpc = build_vpc(plan, &folder, g, local, &mut ids)?;
        folder.vpcs.push(vpc);
    }

    build_peerings(fp, &mut folder, &mut rng, &mut ids);
    Ok(folder)
}

fn build_vpc(
    plan: &Plan<'_>,
    folder: &Folder<'_>,
    g: usize,
    local: usize,
    ids: &mut Ids,
) -> io::Result<Vpc> {
    let scale = plan.scale;
    let vp = &plan.vpcs[g];
    let mut rng = Rng::derive(plan.seed, STREAM_VPC, g as u64);
    let id = ids.id("vpc");
    let env = ENVIRONMENTS[rng.below(ENVIRONMENTS.len())];
    let name = format!("{}-{env}-{local}", VPC_WORDS[rng.below(VPC_WORDS.len())]);
    let cidr_assocs = vp.blocks.iter().map(|_| ids.id("vpc-cidr-assoc")).collect();
    let ipv6 = vp.ipv6.map(|b| (b, ids.id("vpc-cidr-assoc")));

    // Two or three consecutive AZs of the region.
    let naz = folder.azs.len();
    let az_count = if rng.permille(300) { 2 } else { 3 }.min(naz);
    let az_start = rng.below(naz);
    let vpc_azs: Vec<usize> = (0..az_count).map(|k| (az_start + k) % naz).collect();

    let n = scale.subnets_per_vpc;
    let in_secondary = if vp.secondary_subnets { 2 } else { 0 };
    let in_primary = n - in_secondary;
    let primary = vp.blocks[0];
    let bits = ceil_log2(in_primary).max(4);
    if primary.len + bits > 28 {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "too many subnets for the VPC block size",
        ));
    }
    let mut subnets = Vec::with_capacity(n);
    for i in 0..n {
        let block = if i < in_primary {
            Block {
                base: primary.base + ((i as u32) << (32 - u32::from(primary.len + bits))),
                len: primary.len + bits,
            }
        } else {
            let secondary = vp.blocks[1];
            Block {
                base: secondary.base
                    + (((i - in_primary) as u32) << (32 - u32::from(secondary.len + 2))),
                len: secondary.len + 2,
            }
        };
        subnets.push(Subnet {
            id: ids.id("subnet"),
            block,
            az: vpc_azs[i % az_count],
            tier: TIERS[(i / az_count) % TIERS.len()],
            ipv6: ipv6
                .as_ref()
                .map(|(b, _)| (b | ((i as u128) << 64), ids.id("subnet-cidr-assoc"))),
            rtb: ids.id("rtb"),
            rtb_assoc: ids.id("rtbassoc"),
            acl_assoc: ids.id("aclassoc"),
            enis: 0,
        });
    }

    let custom_acl = if rng.permille(300) {
        // Data-like tiers get the restricted NACL; sometimes the endpoint tier too.
        let with_vpce = rng.permille(300);
        let members: Vec<usize> = (0..n)
            .filter(|&i| {
                matches!(subnets[i].tier, "data" | "db" | "cache") || (with_vpce && i < az_count)
            })
            .collect();
        if members.is_empty() {
            None
        } else {
            Some((ids.id("acl"), members))
        }
    } else {
        None
    };

    let mut vpc = Vpc {
        id,
        name,
        env,
        blocks: vp.blocks.clone(),
        cidr_assocs,
        ipv6,
        subnets,
        main_rtb: ids.id("rtb"),
        main_rtb_assoc: ids.id("rtbassoc"),
        igw: ids.id("igw"),
        nats: vpc_azs.iter().map(|&az| (az, ids.id("nat"))).collect(),
        default_acl: ids.id("acl"),
        custom_acl,
        sgs: Vec::new(),
        endpoints: Vec::new(),
        dns_support: vp.role != Role::DnsAttr(false),
        dns_hostnames: vp.role != Role::DnsAttr(true),
        peers: Vec::new(),
        bucket: String::new(),
    };
    vpc.bucket = format!("{}-{}-artifacts", folder.account, vpc.name);

    vpc.sgs.push(Sg {
        id: ids.id("sg"),
        name: "default".to_string(),
        kind: SgKind::Default,
        rule_seed: rng.next_u64(),
    });
    let specs = endpoint_specs(&mut rng, vp.role, scale.endpoints_per_vpc);
    for (k, spec) in specs.iter().enumerate() {
        let endpoint = build_endpoint(folder, &mut vpc, &mut rng, ids, spec, k, &vpc_azs)?;
        vpc.endpoints.push(endpoint);
    }
    if let Some(link) = folder.link.filter(|l| l.vpc == local) {
        let spec = EndpointSpec {
            service: Service::Org(0),
            pending: false,
            private_dns: true,
            single_az: false,
        };
        let k = vpc.endpoints.len();
        let mut endpoint = build_endpoint(folder, &mut vpc, &mut rng, ids, &spec, k, &vpc_azs)?;
        // What the provider's connection says about it.
        endpoint.id.clone_from(&link.endpoint_id);
        endpoint.created.clone_from(&link.created);
        endpoint.dns_hex.clone_from(&link.dns_hex);
        vpc.endpoints.push(endpoint);
    }
    let mut w = 0;
    while vpc.sgs.len() < scale.sgs_per_vpc {
        let role = WORKLOAD_ROLES[w % WORKLOAD_ROLES.len()];
        vpc.sgs.push(Sg {
            id: ids.id("sg"),
            name: format!("{}-{role}-{}", vpc.name, w / WORKLOAD_ROLES.len()),
            kind: SgKind::Workload(role),
            rule_seed: rng.next_u64(),
        });
        w += 1;
    }
    Ok(vpc)
}

struct EndpointSpec {
    service: Service,
    pending: bool,
    private_dns: bool,
    single_az: bool,
}

/// Chooses the endpoints of one VPC so that only the VPC's planted defect (if any)
/// is present: services are distinct except for the planted duplicate.
fn endpoint_specs(rng: &mut Rng, role: Role, n: usize) -> Vec<EndpointSpec> {
    let interface = |service| EndpointSpec {
        service,
        pending: false,
        private_dns: true,
        single_az: false,
    };
    let gateway = |name| EndpointSpec {
        service: Service::Gateway(name),
        pending: false,
        private_dns: false,
        single_az: false,
    };
    let mut aws: Vec<&'static str> = AWS_INTERFACE_SERVICES.to_vec();
    rng.shuffle(&mut aws);
    let mut partners: Vec<usize> = (0..PARTNER_SERVICES).collect();
    rng.shuffle(&mut partners);

    if let Role::DnsAttr(_) = role {
        // Exactly one interface endpoint, so that counting per VPC or per endpoint agrees.
        let mut specs = vec![interface(Service::Aws(aws[0]))];
        for name in ["s3", "dynamodb"].into_iter().take(n.saturating_sub(1)) {
            specs.push(gateway(name));
        }
        return specs;
    }

    let mut gateways = Vec::new();
    if n >= 2 && rng.permille(350) {
        gateways.push("s3");
    }
    if n >= 3 && rng.permille(150) {
        gateways.push("dynamodb");
    }
    let n_interface = n - gateways.len();
    let mut specs: Vec<EndpointSpec> = Vec::with_capacity(n + 1);
    for k in 0..n_interface {
        // The first one is always an AWS service, so every role has something to act on.
        let service = match partners.last() {
            Some(&p) if k > 0 && rng.permille(120) => {
                partners.pop();
                Service::Partner(p)
            }
            _ => Service::Aws(aws.pop().unwrap_or("sts")),
        };
        specs.push(interface(service));
    }
    match role {
        Role::SingleAz => specs[0].single_az = true,
        Role::DnsOff => specs[0].private_dns = false,
        Role::DupDns => specs.push(interface(specs[0].service)),
        Role::Pending => {
            // Reuse a partner endpoint if there is one: a second endpoint to the same
            // partner service would plant a private DNS conflict as well.
            let last = specs.len() - 1;
            let at = specs
                .iter()
                .rposition(|s| matches!(s.service, Service::Partner(_)))
                .unwrap_or(last);
            if at == last && !matches!(specs[last].service, Service::Partner(_)) {
                // No partner endpoint was drawn, so no partner service is taken yet.
                specs[last].service = Service::Partner(partners.first().copied().unwrap_or(0));
            }
            specs[at].pending = true;
        }
        _ => {}
    }
    specs.extend(gateways.into_iter().map(gateway));
    specs
}

fn build_endpoint(
    folder: &Folder<'_>,
    vpc: &mut Vpc,
    rng: &mut Rng,
    ids: &mut Ids,
    spec: &EndpointSpec,
    k: usize,
    vpc_azs: &[usize],
) -> io::Result<Endpoint> {
    let id = ids.id("vpce");
    let mut endpoint = Endpoint {
        id,
        service: spec.service,
        pending: spec.pending,
        private_dns: spec.private_dns,
        subnets: Vec::new(),
        enis: Vec::new(),
        sg: 0,
        route_tables: Vec::new(),
        policy: String::new(),
        created: rng.timestamp(),
        dns_hex: rng.hex(8),
    };
    if let Service::Gateway(_) = spec.service {
        endpoint.route_tables = (0..vpc.subnets.len())
            .filter(|&i| matches!(vpc.subnets[i].tier, "app" | "data" | "db" | "batch"))
            .collect();
    } else {
        // The endpoint tier has one subnet per AZ of the VPC: subnets 0..az_count.
        let az_count = vpc_azs.len();
        endpoint.subnets = if spec.single_az {
            vec![rng.below(az_count)]
        } else if az_count == 3 && rng.permille(400) {
            let skip = rng.below(3);
            (0..3).filter(|&i| i != skip).collect()
        } else {
            (0..az_count).collect()
        };
        for &s in &endpoint.subnets {
            let subnet = &mut vpc.subnets[s];
            if subnet.enis + 5 >= subnet.block.size() {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    "endpoint subnet too small for its network interfaces",
                ));
            }
            let ip = subnet.block.base + 4 + subnet.enis;
            subnet.enis += 1;
            endpoint.enis.push(Eni {
                id: ids.id("eni"),
                subnet: s,
                ip,
                mac: format!(
                    "06:{:02x}:{:02x}:{:02x}:{:02x}:{:02x}",
                    rng.below(256),
                    rng.below(256),
                    rng.below(256),
                    rng.below(256),
                    rng.below(256)
                ),
            });
        }
        let label = match spec.service {
            Service::Aws(s) => s.to_string(),
            Service::Partner(p) => format!("partner{p}"),
            Service::Org(_) => "shared".to_string(),
            Service::Gateway(s) => s.to_string(),
        };
        endpoint.sg = vpc.sgs.len();
        vpc.sgs.push(Sg {
            id: ids.id("sg"),
            name: format!("vpce-{label}-{k}"),
            kind: SgKind::Endpoint(k),
            rule_seed: rng.next_u64(),
        });
    }
    endpoint.policy = endpoint_policy(folder, vpc, spec.service, rng)?;
    Ok(endpoint)
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Policy {
    version: &'static str,
    statement: Vec<Statement>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Statement {
    sid: String,
    effect: &'static str,
    principal: Principal,
    action: Vec<String>,
    resource: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    condition: Option<BTreeMap<&'static str, BTreeMap<&'static str, String>>>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Principal {
    Everyone(&'static str),
    Aws {
        #[serde(rename = "AWS")]
        aws: String,
    },
}

/// Scoped policies only: an account principal on interface endpoints, and `*`
/// narrowed by `aws:PrincipalAccount` on gateway endpoints (which require `*`).
fn endpoint_policy(
    folder: &Folder<'_>,
    vpc: &Vpc,
    service: Service,
    rng: &mut Rng,
) -> io::Result<String> {
    let (r, a) = (folder.region.name, folder.account);
    let strings = |v: &[&str]| v.iter().map(|s| (*s).to_string()).collect::<Vec<_>>();
    let (actions, resources) = match service {
        Service::Aws("execute-api") => (
            strings(&["execute-api:Invoke"]),
            vec![format!("arn:aws:execute-api:{r}:{a}:*/*")],
        ),
        Service::Aws("ssm") => (
            strings(&[
                "ssm:GetParameter",
                "ssm:GetParameters",
                "ssm:GetParametersByPath",
            ]),
            vec![format!("arn:aws:ssm:{r}:{a}:parameter/*")],
        ),
        Service::Aws("secretsmanager") => (
            strings(&[
                "secretsmanager:GetSecretValue",
                "secretsmanager:DescribeSecret",
            ]),
            vec![format!("arn:aws:secretsmanager:{r}:{a}:secret:*")],
        ),
        Service::Aws("kms") => (
            strings(&["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"]),
            vec![format!("arn:aws:kms:{r}:{a}:key/*")],
        ),
        Service::Aws("logs") => (
            strings(&["logs:CreateLogStream", "logs:PutLogEvents"]),
            vec![format!("arn:aws:logs:{r}:{a}:log-group:*")],
        ),
        Service::Aws("sqs") => (
            strings(&["sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage"]),
            vec![format!("arn:aws:sqs:{r}:{a}:*")],
        ),
        Service::Aws("sns") => (
            strings(&["sns:Publish"]),
            vec![format!("arn:aws:sns:{r}:{a}:*")],
        ),
        Service::Aws("sts") => (
            strings(&["sts:AssumeRole", "sts:GetCallerIdentity"]),
            strings(&["*"]),
        ),
        Service::Aws("ecr.api" | "ecr.dkr") => (
            strings(&[
                "ecr:GetAuthorizationToken",
                "ecr:BatchGetImage",
                "ecr:GetDownloadUrlForLayer",
            ]),
            strings(&["*"]),
        ),
        Service::Aws("monitoring") => (strings(&["cloudwatch:PutMetricData"]), strings(&["*"])),
        Service::Aws("ec2") => (strings(&["ec2:Describe*"]), strings(&["*"])),
        Service::Aws("ssmmessages") => (
            strings(&[
                "ssmmessages:CreateControlChannel",
                "ssmmessages:CreateDataChannel",
                "ssmmessages:OpenControlChannel",
                "ssmmessages:OpenDataChannel",
            ]),
            strings(&["*"]),
        ),
        Service::Aws(_) => (
            strings(&["ec2messages:GetMessages", "ec2messages:AcknowledgeMessage"]),
            strings(&["*"]),
        ),
        Service::Partner(_) | Service::Org(_) => (strings(&["*"]), strings(&["*"])),
        Service::Gateway("s3") => (
            strings(&["s3:GetObject", "s3:PutObject", "s3:ListBucket"]),
            vec![
                format!("arn:aws:s3:::{}", vpc.bucket),
                format!("arn:aws:s3:::{}/*", vpc.bucket),
            ],
        ),
        Service::Gateway(_) => (
            strings(&["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"]),
            vec![format!("arn:aws:dynamodb:{r}:{a}:table/*")],
        ),
    };
    let (principal, condition) = match service {
        Service::Gateway(_) => {
            let mut inner = BTreeMap::new();
            inner.insert("aws:PrincipalAccount", a.to_string());
            let mut cond = BTreeMap::new();
            cond.insert("StringEquals", inner);
            (Principal::Everyone("*"), Some(cond))
        }
        _ if rng.permille(500) => (
            Principal::Aws {
                aws: format!("arn:aws:iam::{a}:role/{}-app", vpc.name),
            },
            None,
        ),
        _ => (
            Principal::Aws {
                aws: format!("arn:aws:iam::{a}:root"),
            },
            None,
        ),
    };
    let policy = Policy {
        version: "2012-10-17",
        statement: vec![Statement {
            sid: "AllowFromOwnAccount".to_string(),
            effect: "Allow",
            principal,
            action: actions,
            resource: resources,
            condition,
        }],
    };
    // Some policies were written pretty-printed, so the string holds `\n` escapes.
    if rng.permille(200) {
        let mut text = serde_json::to_string_pretty(&policy).map_err(io::Error::from)?;
        text.push('\n');
        Ok(text)
    } else {
        serde_json::to_string(&policy).map_err(io::Error::from)
    }
}

fn build_peerings(fp: &FolderPlan, folder: &mut Folder<'_>, rng: &mut Rng, ids: &mut Ids) {
    let n = folder.vpcs.len();
    let mut pairs: BTreeSet<(usize, usize)> = BTreeSet::new();
    let mut list: Vec<(usize, usize)> = Vec::new();
    for &(a, b) in &fp.overlaps {
        pairs.insert((a.min(b), a.max(b)));
        list.push((a, b));
    }
    // Planted VPCs take part in their planted peering only.
    let in_overlap: BTreeSet<usize> = fp.overlaps.iter().flat_map(|&(a, b)| [a, b]).collect();
    let eligible: Vec<usize> = (0..n).filter(|v| !in_overlap.contains(v)).collect();
    let target = fp.peerings;
    if eligible.len() >= 2 {
        // A hub ("shared services") with up to 50 spokes, the rest random pairs;
        // AWS allows at most 125 active peerings per VPC.
        let hub = eligible[rng.below(eligible.len())];
        let spokes = (target.saturating_sub(list.len()) / 4).min(50);
        let mut attempts = 0;
        while list.len() < target && attempts < 20 * target + 100 {
            attempts += 1;
            let (a, b) = if list.len() < fp.overlaps.len() + spokes {
                (hub, eligible[rng.below(eligible.len())])
            } else {
                (
                    eligible[rng.below(eligible.len())],
                    eligible[rng.below(eligible.len())],
                )
            };
            if a != b && pairs.insert((a.min(b), a.max(b))) {
                list.push((a, b));
            }
        }
    }
    for (requester, accepter) in list {
        let idx = folder.peerings.len();
        folder.peerings.push(Peering {
            id: ids.id("pcx"),
            requester,
            accepter,
        });
        folder.vpcs[requester].peers.push((idx, accepter));
        folder.vpcs[accepter].peers.push((idx, requester));
    }
}

fn count_planted(folder: &Folder<'_>) -> Planted {
    let mut planted = Planted::default();
    for vpc in &folder.vpcs {
        let mut dns_services = BTreeMap::new();
        let mut any_private_dns = false;
        for ep in &vpc.endpoints {
            planted.pending_endpoints += usize::from(ep.pending);
            if let Service::Gateway(_) = ep.service {
                continue;
            }
            let azs: BTreeSet<usize> = ep.subnets.iter().map(|&s| vpc.subnets[s].az).collect();
            planted.single_az_endpoints += usize::from(azs.len() == 1);
            if ep.private_dns {
                any_private_dns = true;
                let key = match ep.service {
                    Service::Partner(p) => folder.partners[p].service_name.clone(),
                    Service::Org(p) => folder.consumed[p].service_name.clone(),
                    Service::Aws(s) | Service::Gateway(s) => s.to_string(),
                };
                *dns_services.entry(key).or_insert(0usize) += 1;
            } else if let Service::Aws(_) = ep.service {
                planted.private_dns_disabled += 1;
            }
        }
        planted.dns_attribute_vpcs +=
            usize::from(any_private_dns && !(vpc.dns_support && vpc.dns_hostnames));
        planted.duplicate_private_dns += usize::from(dns_services.values().any(|&c| c > 1));
    }
    for p in &folder.peerings {
        let (a, b) = (&folder.vpcs[p.requester], &folder.vpcs[p.accepter]);
        let v4 = a
            .blocks
            .iter()
            .any(|x| b.blocks.iter().any(|y| x.overlaps(*y)));
        let v6 = matches!((&a.ipv6, &b.ipv6), (Some((x, _)), Some((y, _))) if x == y);
        planted.overlapping_peerings += usize::from(v4 || v6);
    }
    planted
}

// ---------------------------------------------------------------------------
// Output

/// Serializes the items of an iterator as a JSON array without collecting them,
/// so that a 100 MB file never exists in memory.
struct Stream<I>(RefCell<Option<I>>);

impl<I> Stream<I> {
    fn new(items: I) -> Self {
        Stream(RefCell::new(Some(items)))
    }
}

impl<I, T> Serialize for Stream<I>
where
    I: Iterator<Item = T>,
    T: Serialize,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let items = self
            .0
            .borrow_mut()
            .take()
            .ok_or_else(|| S::Error::custom("stream serialized twice"))?;
        serializer.collect_seq(items)
    }
}

/// `{ "<key>": <value> }`, the shape of every describe-* output.
struct Document<'k, V> {
    key: &'k str,
    value: V,
}

impl<V: Serialize> Serialize for Document<'_, V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry(self.key, &self.value)?;
        map.end()
    }
}

fn cli_serializer<W: Write>(w: W) -> serde_json::Serializer<W, PrettyFormatter<'static>> {
    serde_json::Serializer::with_formatter(w, PrettyFormatter::with_indent(b"    "))
}

fn create(path: &Path) -> io::Result<BufWriter<File>> {
    Ok(BufWriter::with_capacity(1 << 20, File::create(path)?))
}

/// Writes `value` the way the AWS CLI prints it, with the trailing newline.
fn write_cli_json<T: Serialize>(path: &Path, value: &T) -> io::Result<()> {
    let mut w = create(path)?;
    value
        .serialize(&mut cli_serializer(&mut w))
        .map_err(io::Error::from)?;
    w.write_all(b"\n")?;
    w.flush()
}

fn write_document<I, T>(dir: &Path, file: &str, key: &str, items: I) -> io::Result<()>
where
    I: Iterator<Item = T>,
    T: Serialize,
{
    write_cli_json(
        &dir.join(file),
        &Document {
            key,
            value: Stream::new(items),
        },
    )
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Tag {
    key: &'static str,
    value: String,
}

fn name_tag(value: String) -> Vec<Tag> {
    vec![Tag { key: "Name", value }]
}

fn vpc_tags(vpc: &Vpc, value: String) -> Vec<Tag> {
    vec![
        Tag { key: "Name", value },
        Tag {
            key: "Environment",
            value: vpc.env.to_string(),
        },
    ]
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct StateOnly {
    state: &'static str,
}

const ASSOCIATED: StateOnly = StateOnly {
    state: "associated",
};

fn write_folder(plan: &Plan<'_>, f: usize, root: &Path) -> io::Result<Planted> {
    let folder = build_folder(plan, f)?;
    let dir: PathBuf = root.join(folder.account).join(folder.region.name);
    fs::create_dir_all(&dir)?;
    write_vpcs(&folder, &dir)?;
    write_vpc_attributes(&folder, &dir)?;
    write_subnets(&folder, &dir)?;
    write_security_groups(&folder, &dir)?;
    write_network_acls(&folder, &dir)?;
    write_route_tables(&folder, &dir)?;
    write_network_interfaces(&folder, &dir)?;
    write_endpoints(&folder, &dir)?;
    write_endpoint_services(&folder, &dir)?;
    write_peerings(&folder, &dir)?;
    write_availability_zones(&folder, &dir)?;
    if folder.all_kinds {
        write_security_group_rules(&folder, &dir)?;
        write_service_configurations(&folder, &dir)?;
        write_service_permissions(&folder, &dir)?;
        write_endpoint_connections(&folder, &dir)?;
    }
    Ok(count_planted(&folder))
}

// --- describe-vpcs

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct VpcOut<'a> {
    owner_id: &'a str,
    instance_tenancy: &'static str,
    ipv6_cidr_block_association_set: Vec<VpcIpv6Assoc<'a>>,
    cidr_block_association_set: Vec<CidrAssoc<'a>>,
    is_default: bool,
    tags: Vec<Tag>,
    vpc_id: &'a str,
    state: &'static str,
    cidr_block: String,
    dhcp_options_id: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct VpcIpv6Assoc<'a> {
    association_id: &'a str,
    ipv6_cidr_block: String,
    ipv6_cidr_block_state: StateOnly,
    network_border_group: &'static str,
    ipv6_pool: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct CidrAssoc<'a> {
    association_id: &'a str,
    cidr_block: String,
    cidr_block_state: StateOnly,
}

fn write_vpcs(folder: &Folder<'_>, dir: &Path) -> io::Result<()> {
    let items = folder.vpcs.iter().map(|vpc| VpcOut {
        owner_id: folder.account,
        instance_tenancy: "default",
        ipv6_cidr_block_association_set: vpc
            .ipv6
            .iter()
            .map(|(block, assoc)| VpcIpv6Assoc {
                association_id: assoc,
                ipv6_cidr_block: cidr6(*block, 56),
                ipv6_cidr_block_state: ASSOCIATED,
                network_border_group: folder.region.name,
                ipv6_pool: "Amazon",
            })
            .collect(),
        cidr_block_association_set: vpc
            .blocks
            .iter()
            .zip(&vpc.cidr_assocs)
            .map(|(block, assoc)| CidrAssoc {
                association_id: assoc,
                cidr_block: block.to_string(),
                cidr_block_state: ASSOCIATED,
            })
            .collect(),
        is_default: false,
        tags: {
            let mut tags = vpc_tags(vpc, vpc.name.clone());
            tags.push(Tag {
                key: "CostCenter",
                value: format!("cc-{}", 1000 + vpc.name.len() * 37 % 900),
            });
            tags
        },
        vpc_id: &vpc.id,
        state: "available",
        cidr_block: vpc.blocks[0].to_string(),
        dhcp_options_id: &folder.dhcp,
    });
    write_document(dir, "describe-vpcs.json", "Vpcs", items)
}

// --- vpc-attributes.json

#[derive(Serialize)]
struct BoolValue {
    #[serde(rename = "Value")]
    value: bool,
}

#[derive(Serialize)]
struct VpcAttribute<'a> {
    #[serde(rename = "EnableDnsSupport", skip_serializing_if = "Option::is_none")]
    support: Option<BoolValue>,
    #[serde(rename = "EnableDnsHostnames", skip_serializing_if = "Option::is_none")]
    hostnames: Option<BoolValue>,
    #[serde(rename = "VpcId")]
    vpc_id: &'a str,
}

/// The export concatenates raw `describe-vpc-attribute` outputs into an array,
/// each object starting at column 0.
fn write_vpc_attributes(folder: &Folder<'_>, dir: &Path) -> io::Result<()> {
    let mut w = create(&dir.join("vpc-attributes.json"))?;
    w.write_all(b"[\n")?;
    let mut first = true;
    for vpc in &folder.vpcs {
        let support = VpcAttribute {
            support: Some(BoolValue {
                value: vpc.dns_support,
            }),
            hostnames: None,
            vpc_id: &vpc.id,
        };
        let hostnames = VpcAttribute {
            support: None,
            hostnames: Some(BoolValue {
                value: vpc.dns_hostnames,
            }),
            vpc_id: &vpc.id,
        };
        for attribute in [support, hostnames] {
            if !first {
                w.write_all(b",\n")?;
            }
            first = false;
            attribute
                .serialize(&mut cli_serializer(&mut w))
                .map_err(io::Error::from)?;
        }
    }
    w.write_all(if first { b"]\n" } else { b"\n]\n" })?;
    w.flush()
}

// --- describe-subnets

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct SubnetOut<'a> {
    availability_zone_id: &'a str,
    owner_id: &'a str,
    assign_ipv6_address_on_creation: bool,
    ipv6_cidr_block_association_set: Vec<SubnetIpv6Assoc<'a>>,
    tags: Vec<Tag>,
    subnet_arn: String,
    ipv6_native: bool,
    private_dns_name_options_on_launch: DnsNameOptions,
    subnet_id: &'a str,
    state: &'static str,
    vpc_id: &'a str,
    cidr_block: String,
    available_ip_address_count: u32,
    availability_zone: &'a str,
    default_for_az: bool,
    map_public_ip_on_launch: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct SubnetIpv6Assoc<'a> {
    association_id: &'a str,
    ipv6_cidr_block: String,
    ipv6_cidr_block_state: StateOnly,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct DnsNameOptions {
    hostname_type: &'static str,
    enable_resource_name_dns_a_record: bool,
    #[serde(rename = "EnableResourceNameDnsAAAARecord")]
    enable_resource_name_dns_aaaa_record: bool,
}

fn write_subnets(folder: &Folder<'_>, dir: &Path) -> io::Result<()> {
    let (r, a) = (folder.region.name, folder.account);
    let items = folder.vpcs.iter().flat_map(|vpc| {
        vpc.subnets.iter().map(move |s| {
            let az = &folder.azs[s.az];
            SubnetOut {
                availability_zone_id: &az.id,
                owner_id: a,
                assign_ipv6_address_on_creation: s.ipv6.is_some(),
                ipv6_cidr_block_association_set: s
                    .ipv6
                    .iter()
                    .map(|(block, assoc)| SubnetIpv6Assoc {
                        association_id: assoc,
                        ipv6_cidr_block: cidr6(*block, 64),
                        ipv6_cidr_block_state: ASSOCIATED,
                    })
                    .collect(),
                tags: vpc_tags(
                    vpc,
                    format!("{}-{}-{}", vpc.name, s.tier, &az.name[r.len()..]),
                ),
                subnet_arn: format!("arn:aws:ec2:{r}:{a}:subnet/{}", s.id),
                ipv6_native: false,
                private_dns_name_options_on_launch: DnsNameOptions {
                    hostname_type: "ip-name",
                    enable_resource_name_dns_a_record: false,
                    enable_resource_name_dns_aaaa_record: false,
                },
                subnet_id: &s.id,
                state: "available",
                vpc_id: &vpc.id,
                cidr_block: s.block.to_string(),
                available_ip_address_count: s.block.size() - 5 - s.enis,
                availability_zone: &az.name,
                default_for_az: false,
                map_public_ip_on_launch: s.tier == "public",
            }
        })
    });
    write_document(dir, "describe-subnets.json", "Subnets", items)
}

// --- describe-security-groups

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct SgOut<'a> {
    group_id: &'a str,
    ip_permissions_egress: Vec<Permission>,
    tags: Vec<Tag>,
    vpc_id: &'a str,
    security_group_arn: String,
    owner_id: &'a str,
    group_name: &'a str,
    description: String,
    ip_permissions: Vec<Permission>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Permission {
    ip_protocol: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    from_port: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    to_port: Option<i32>,
    user_id_group_pairs: Vec<GroupPair>,
    ip_ranges: Vec<IpRange>,
    ipv6_ranges: Vec<Ipv6Range>,
    prefix_list_ids: Vec<PrefixListRef>,
}

impl Permission {
    fn new(ip_protocol: &'static str, ports: Option<(i32, i32)>) -> Permission {
        Permission {
            ip_protocol,
            from_port: ports.map(|p| p.0),
            to_port: ports.map(|p| p.1),
            user_id_group_pairs: Vec::new(),
            ip_ranges: Vec::new(),
            ipv6_ranges: Vec::new(),
            prefix_list_ids: Vec::new(),
        }
    }

    fn cidr(mut self, cidr: String, description: Option<String>) -> Permission {
        if !self.ip_ranges.iter().any(|r| r.cidr_ip == cidr) {
            self.ip_ranges.push(IpRange {
                description,
                cidr_ip: cidr,
            });
        }
        self
    }

    fn cidr6(mut self, cidr: String, description: Option<String>) -> Permission {
        if !self.ipv6_ranges.iter().any(|r| r.cidr_ipv6 == cidr) {
            self.ipv6_ranges.push(Ipv6Range {
                description,
                cidr_ipv6: cidr,
            });
        }
        self
    }

    fn group(mut self, account: &str, group: &Sg, description: Option<String>) -> Permission {
        if !self
            .user_id_group_pairs
            .iter()
            .any(|p| p.group_id == group.id)
        {
            self.user_id_group_pairs.push(GroupPair {
                description,
                user_id: account.to_string(),
                group_id: group.id.clone(),
            });
        }
        self
    }
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct GroupPair {
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    user_id: String,
    group_id: String,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct IpRange {
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    cidr_ip: String,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Ipv6Range {
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    cidr_ipv6: String,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct PrefixListRef {
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    prefix_list_id: String,
}

/// Number of distinct (protocol, port range) templates in [`workload_permission`];
/// AWS merges sources with the same protocol and ports into one entry, so a group
/// never uses a template twice.
const RULE_TEMPLATES: usize = 16;

fn egress_all(vpc: &Vpc) -> Vec<Permission> {
    let mut p = Permission::new("-1", None).cidr("0.0.0.0/0".to_string(), None);
    if vpc.ipv6.is_some() {
        p = p.cidr6("::/0".to_string(), None);
    }
    vec![p]
}

fn on_prem(rng: &mut Rng) -> String {
    format!("192.168.{}.0/24", rng.below(256))
}

fn workload_permission(
    folder: &Folder<'_>,
    vpc: &Vpc,
    me: &Sg,
    template: usize,
    rng: &mut Rng,
) -> Permission {
    let a = folder.account;
    let other = |rng: &mut Rng| &vpc.sgs[rng.below(vpc.sgs.len())];
    let from_vpc = |mut p: Permission, what: &str| {
        for block in &vpc.blocks {
            p = p.cidr(block.to_string(), Some(format!("{what} from {}", vpc.name)));
        }
        p
    };
    match template {
        0 => {
            let mut p = from_vpc(Permission::new("tcp", Some((443, 443))), "HTTPS");
            if let Some((block, _)) = &vpc.ipv6 {
                p = p.cidr6(cidr6(*block, 56), Some("HTTPS over IPv6".to_string()));
            }
            p
        }
        1 => Permission::new("tcp", Some((80, 80))).cidr(vpc.blocks[0].to_string(), None),
        2 => {
            let mut p = Permission::new("tcp", Some((8080, 8090)));
            for _ in 0..1 + rng.below(2) {
                p = p.group(a, other(rng), Some("from the load balancer".to_string()));
            }
            p
        }
        3 => {
            let mut p = Permission::new("tcp", Some((5432, 5432)));
            for _ in 0..1 + rng.below(3) {
                p = p.group(a, other(rng), Some("PostgreSQL clients".to_string()));
            }
            p
        }
        4 => Permission::new("tcp", Some((3306, 3306)))
            .group(a, other(rng), None)
            .cidr(on_prem(rng), Some("MySQL from the office".to_string())),
        5 => Permission::new("tcp", Some((6379, 6379))).group(a, other(rng), None),
        6 => {
            let mut p = Permission::new("tcp", Some((22, 22)));
            for _ in 0..1 + rng.below(3) {
                p = p.cidr(on_prem(rng), Some("SSH from the VPN".to_string()));
            }
            p
        }
        7 => from_vpc(Permission::new("udp", Some((53, 53))), "DNS"),
        8 => Permission::new("icmp", Some((-1, -1))).cidr(vpc.blocks[0].to_string(), None),
        9 => Permission::new("-1", None).group(a, me, Some("same group".to_string())),
        10 => {
            // World-open, but only ever on workload groups, never on an endpoint's.
            let mut p = Permission::new("tcp", Some((8443, 8443)))
                .cidr("0.0.0.0/0".to_string(), Some("public HTTPS".to_string()));
            if vpc.ipv6.is_some() {
                p = p.cidr6("::/0".to_string(), Some("public HTTPS".to_string()));
            }
            p
        }
        11 => {
            let mut p = Permission::new("tcp", Some((9000, 9100)));
            p.prefix_list_ids.push(PrefixListRef {
                description: Some("monitoring collectors".to_string()),
                prefix_list_id: folder.custom_prefix_list.clone(),
            });
            p
        }
        12 => {
            let mut p = Permission::new("tcp", Some((1024, 65535)));
            for &(_, peer) in vpc.peers.iter().take(3) {
                for block in &folder.vpcs[peer].blocks {
                    p = p.cidr(block.to_string(), Some("ephemeral from peer".to_string()));
                }
            }
            if p.ip_ranges.is_empty() {
                p = p.cidr(on_prem(rng), Some("ephemeral from on-premises".to_string()));
            }
            p
        }
        13 => Permission::new("tcp", Some((27017, 27017)))
            .group(a, other(rng), None)
            .group(a, other(rng), None),
        14 => Permission::new("udp", Some((514, 514))).cidr(on_prem(rng), None),
        _ => {
            from_vpc(Permission::new("tcp", Some((9092, 9094))), "Kafka").group(a, other(rng), None)
        }
    }
}

/// TCP 443 from every block of the VPC and of its peers (of a planted overlapping peer only
/// with [`Scale::admit_overlapping_peers`]), never from the world.
fn endpoint_permissions(folder: &Folder<'_>, vpc: &Vpc) -> Vec<Permission> {
    let mut p = Permission::new("tcp", Some((443, 443)));
    for block in &vpc.blocks {
        p = p.cidr(block.to_string(), Some("HTTPS from the VPC".to_string()));
    }
    if let Some((block, _)) = &vpc.ipv6 {
        p = p.cidr6(cidr6(*block, 56), Some("HTTPS from the VPC".to_string()));
    }
    for &(pcx, peer) in &vpc.peers {
        let peer = &folder.vpcs[peer];
        let overlapping = peer
            .blocks
            .iter()
            .any(|b| vpc.blocks.iter().any(|own| own.overlaps(*b)));
        if overlapping && !folder.admit_overlapping_peers {
            continue;
        }
        let why = format!("HTTPS from {}", folder.peerings[pcx].id);
        for block in &peer.blocks {
            p = p.cidr(block.to_string(), Some(why.clone()));
        }
        if let Some((block, _)) = &peer.ipv6 {
            p = p.cidr6(cidr6(*block, 56), Some(why.clone()));
        }
    }
    let app = vpc
        .sgs
        .iter()
        .find(|sg| matches!(sg.kind, SgKind::Workload("app")));
    if let Some(app) = app {
        p = p.group(
            folder.account,
            app,
            Some("HTTPS from the app tier".to_string()),
        );
    }
    vec![p]
}

/// The group as describe-security-groups prints it; its rules come from the group's own
/// stream, so describe-security-group-rules can print them again.
fn group_out<'a>(folder: &'a Folder<'_>, vpc: &'a Vpc, sg: &'a Sg) -> SgOut<'a> {
    let (r, a) = (folder.region.name, folder.account);
    let mut rng = Rng(sg.rule_seed);
    let (description, ip_permissions) = match sg.kind {
        SgKind::Default => (
            "default VPC security group".to_string(),
            vec![Permission::new("-1", None).group(a, sg, None)],
        ),
        SgKind::Endpoint(k) => (
            format!("HTTPS to endpoint {}", vpc.endpoints[k].id),
            endpoint_permissions(folder, vpc),
        ),
        SgKind::Workload(role) => {
            let mut templates: Vec<usize> = (0..RULE_TEMPLATES).collect();
            rng.shuffle(&mut templates);
            let avg = folder.rules_per_sg;
            let count = 1 + rng.below(2 * avg - 1);
            let mut chosen = templates[..count].to_vec();
            chosen.sort_unstable();
            (
                format!("{role} workloads of {}", vpc.name),
                chosen
                    .into_iter()
                    .map(|t| workload_permission(folder, vpc, sg, t, &mut rng))
                    .collect(),
            )
        }
    };
    SgOut {
        group_id: &sg.id,
        ip_permissions_egress: egress_all(vpc),
        tags: if sg.name == "default" {
            Vec::new()
        } else {
            name_tag(sg.name.clone())
        },
        vpc_id: &vpc.id,
        security_group_arn: format!("arn:aws:ec2:{r}:{a}:security-group/{}", sg.id),
        owner_id: a,
        group_name: &sg.name,
        description,
        ip_permissions,
    }
}

fn write_security_groups(folder: &Folder<'_>, dir: &Path) -> io::Result<()> {
    let items = folder
        .vpcs
        .iter()
        .flat_map(|vpc| vpc.sgs.iter().map(move |sg| group_out(folder, vpc, sg)));
    write_document(
        dir,
        "describe-security-groups.json",
        "SecurityGroups",
        items,
    )
}

// --- describe-security-group-rules

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct RuleOut<'a> {
    security_group_rule_id: String,
    group_id: &'a str,
    group_owner_id: &'a str,
    is_egress: bool,
    ip_protocol: &'static str,
    from_port: i32,
    to_port: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    cidr_ipv4: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cidr_ipv6: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    prefix_list_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    referenced_group_info: Option<ReferencedGroup>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    tags: [(); 0],
    security_group_rule_arn: String,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct ReferencedGroup {
    group_id: String,
    user_id: String,
}

/// A source or destination of a rule: what describe-security-group-rules prints once per
/// address range, prefix list or group of a describe-security-groups permission.
enum Peer {
    V4(String),
    V6(String),
    PrefixList(String),
    Group(String, String),
}

/// One rule per peer of each permission, in the order the console lists them; the ports of
/// `-1` (and of ICMP, already `-1`) are printed as -1, as AWS does.
fn group_rules<'a>(group: SgOut<'a>, ids: &RuleIds, r: &str) -> Vec<RuleOut<'a>> {
    let mut rules = Vec::new();
    let lists = [
        (false, group.ip_permissions),
        (true, group.ip_permissions_egress),
    ];
    for (egress, permissions) in lists {
        for p in permissions {
            let peers = p
                .ip_ranges
                .into_iter()
                .map(|x| (Peer::V4(x.cidr_ip), x.description))
                .chain(
                    p.ipv6_ranges
                        .into_iter()
                        .map(|x| (Peer::V6(x.cidr_ipv6), x.description)),
                )
                .chain(
                    p.prefix_list_ids
                        .into_iter()
                        .map(|x| (Peer::PrefixList(x.prefix_list_id), x.description)),
                )
                .chain(
                    p.user_id_group_pairs
                        .into_iter()
                        .map(|x| (Peer::Group(x.group_id, x.user_id), x.description)),
                );
            for (peer, description) in peers {
                let id = ids.id();
                let mut rule = RuleOut {
                    security_group_rule_arn: format!(
                        "arn:aws:ec2:{r}:{}:security-group-rule/{id}",
                        group.owner_id
                    ),
                    security_group_rule_id: id,
                    group_id: group.group_id,
                    group_owner_id: group.owner_id,
                    is_egress: egress,
                    ip_protocol: p.ip_protocol,
                    from_port: p.from_port.unwrap_or(-1),
                    to_port: p.to_port.unwrap_or(-1),
                    cidr_ipv4: None,
                    cidr_ipv6: None,
                    prefix_list_id: None,
                    referenced_group_info: None,
                    description,
                    tags: [],
                };
                match peer {
                    Peer::V4(c) => rule.cidr_ipv4 = Some(c),
                    Peer::V6(c) => rule.cidr_ipv6 = Some(c),
                    Peer::PrefixList(pl) => rule.prefix_list_id = Some(pl),
                    Peer::Group(group_id, user_id) => {
                        rule.referenced_group_info = Some(ReferencedGroup { group_id, user_id });
                    }
                }
                rules.push(rule);
            }
        }
    }
    rules
}

/// `sgr-` ids from the folder's own range of a stream separate from [`Ids`], so that adding
/// rules shifts no other id.
struct RuleIds {
    key: u64,
    next: std::cell::Cell<u64>,
}

impl RuleIds {
    fn new(seed: u64, folder: usize) -> RuleIds {
        RuleIds {
            key: mix64(seed ^ STREAM_RULE_IDS.wrapping_mul(GOLDEN)),
            next: std::cell::Cell::new((folder as u64 + 1) << 40),
        }
    }

    fn id(&self) -> String {
        let n = self.next.get();
        self.next.set(n + 1);
        format!("sgr-0{:016x}", mix64(self.key.wrapping_add(n)))
    }
}

fn write_security_group_rules(folder: &Folder<'_>, dir: &Path) -> io::Result<()> {
    let ids = RuleIds::new(folder.seed, folder.index);
    let r = folder.region.name;
    let ids = &ids;
    let items = folder.vpcs.iter().flat_map(|vpc| {
        vpc.sgs
            .iter()
            .flat_map(move |sg| group_rules(group_out(folder, vpc, sg), ids, r))
    });
    write_document(
        dir,
        "describe-security-group-rules.json",
        "SecurityGroupRules",
        items,
    )
}

// --- describe-network-acls

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct AclOut<'a> {
    associations: Vec<AclAssoc<'a>>,
    entries: Vec<AclEntry>,
    is_default: bool,
    network_acl_id: &'a str,
    tags: Vec<Tag>,
    vpc_id: &'a str,
    owner_id: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct AclAssoc<'a> {
    network_acl_association_id: &'a str,
    network_acl_id: &'a str,
    subnet_id: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct AclEntry {
    #[serde(skip_serializing_if = "Option::is_none")]
    cidr_block: Option<String>,
    egress: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    icmp_type_code: Option<IcmpTypeCode>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ipv6_cidr_block: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    port_range: Option<PortRange>,
    protocol: &'static str,
    rule_action: &'static str,
    rule_number: u32,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct IcmpTypeCode {
    code: i32,
    #[serde(rename = "Type")]
    kind: i32,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct PortRange {
    from: u16,
    to: u16,
}

fn acl_entry(
    egress: bool,
    number: u32,
    action: &'static str,
    protocol: &'static str,
    cidr: &str,
    ports: Option<(u16, u16)>,
) -> AclEntry {
    let v6 = cidr.contains(':');
    AclEntry {
        cidr_block: (!v6).then(|| cidr.to_string()),
        egress,
        icmp_type_code: (protocol == "1").then_some(IcmpTypeCode { code: -1, kind: -1 }),
        ipv6_cidr_block: v6.then(|| cidr.to_string()),
        port_range: ports.map(|(from, to)| PortRange { from, to }),
        protocol,
        rule_action: action,
        rule_number: number,
    }
}

/// Allow everything, as AWS creates the default NACL (with the IPv6 twins in
/// IPv6-enabled VPCs).
fn default_acl_entries(ipv6: bool) -> Vec<AclEntry> {
    let mut entries = Vec::new();
    for egress in [true, false] {
        entries.push(acl_entry(egress, 100, "allow", "-1", "0.0.0.0/0", None));
        if ipv6 {
            entries.push(acl_entry(egress, 101, "allow", "-1", "::/0", None));
        }
        entries.push(acl_entry(egress, 32767, "deny", "-1", "0.0.0.0/0", None));
        if ipv6 {
            entries.push(acl_entry(egress, 32768, "deny", "-1", "::/0", None));
        }
    }
    entries
}

/// Ordered entries with denies ahead of allows. The denied ports (22, 23) are below
/// 1024, so neither HTTPS to an endpoint nor its return traffic on ephemeral ports
/// is ever dropped.
fn custom_acl_entries(vpc: &Vpc) -> Vec<AclEntry> {
    let v6 = vpc.ipv6.is_some();
    let mut e = vec![acl_entry(true, 100, "allow", "-1", "0.0.0.0/0", None)];
    if v6 {
        e.push(acl_entry(true, 101, "allow", "-1", "::/0", None));
    }
    e.push(acl_entry(true, 32767, "deny", "-1", "0.0.0.0/0", None));
    if v6 {
        e.push(acl_entry(true, 32768, "deny", "-1", "::/0", None));
    }
    let any = "0.0.0.0/0";
    e.push(acl_entry(false, 50, "deny", "6", any, Some((22, 22))));
    e.push(acl_entry(false, 60, "deny", "6", any, Some((23, 23))));
    e.push(acl_entry(false, 100, "allow", "6", any, Some((443, 443))));
    e.push(acl_entry(
        false,
        110,
        "allow",
        "6",
        any,
        Some((1024, 65535)),
    ));
    e.push(acl_entry(
        false,
        115,
        "allow",
        "17",
        any,
        Some((1024, 65535)),
    ));
    for (i, block) in vpc.blocks.iter().enumerate() {
        e.push(acl_entry(
            false,
            120 + i as u32,
            "allow",
            "-1",
            &block.to_string(),
            None,
        ));
    }
    e.push(acl_entry(
        false,
        140,
        "allow",
        "1",
        &vpc.blocks[0].to_string(),
        None,
    ));
    if let Some((block, _)) = &vpc.ipv6 {
        e.push(acl_entry(
            false,
            150,
            "allow",
            "6",
            "::/0",
            Some((443, 443)),
        ));
        e.push(acl_entry(
            false,
            160,
            "allow",
            "6",
            "::/0",
            Some((1024, 65535)),
        ));
        e.push(acl_entry(
            false,
            170,
            "allow",
            "-1",
            &cidr6(*block, 56),
            None,
        ));
    }
    e.push(acl_entry(false, 32767, "deny", "-1", any, None));
    if v6 {
        e.push(acl_entry(false, 32768, "deny", "-1", "::/0", None));
    }
    e
}

fn write_network_acls(folder: &Folder<'_>, dir: &Path) -> io::Result<()> {
    let a = folder.account;
    let items = folder.vpcs.iter().flat_map(|vpc| {
        let custom_members: &[usize] = vpc.custom_acl.as_ref().map_or(&[], |(_, m)| m);
        let default = AclOut {
            associations: (0..vpc.subnets.len())
                .filter(|i| !custom_members.contains(i))
                .map(|i| AclAssoc {
                    network_acl_association_id: &vpc.subnets[i].acl_assoc,
                    network_acl_id: &vpc.default_acl,
                    subnet_id: &vpc.subnets[i].id,
                })
                .collect(),
            entries: default_acl_entries(vpc.ipv6.is_some()),
            is_default: true,
            network_acl_id: &vpc.default_acl,
            tags: Vec::new(),
            vpc_id: &vpc.id,
            owner_id: a,
        };
        let custom = vpc.custom_acl.as_ref().map(|(id, members)| AclOut {
            associations: members
                .iter()
                .map(|&i| AclAssoc {
                    network_acl_association_id: &vpc.subnets[i].acl_assoc,
                    network_acl_id: id,
                    subnet_id: &vpc.subnets[i].id,
                })
                .collect(),
            entries: custom_acl_entries(vpc),
            is_default: false,
            network_acl_id: id,
            tags: name_tag(format!("{}-restricted", vpc.name)),
            vpc_id: &vpc.id,
            owner_id: a,
        });
        std::iter::once(default).chain(custom)
    });
    write_document(dir, "describe-network-acls.json", "NetworkAcls", items)
}

// --- describe-route-tables

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct RouteTableOut<'a> {
    associations: Vec<RtbAssoc<'a>>,
    propagating_vgws: [(); 0],
    route_table_id: &'a str,
    routes: Vec<Route<'a>>,
    tags: Vec<Tag>,
    vpc_id: &'a str,
    owner_id: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct RtbAssoc<'a> {
    main: bool,
    route_table_association_id: &'a str,
    route_table_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    subnet_id: Option<&'a str>,
    association_state: StateOnly,
}

#[derive(Serialize, Default)]
#[serde(rename_all = "PascalCase")]
struct Route<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    destination_cidr_block: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    destination_ipv6_cidr_block: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    destination_prefix_list_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    gateway_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    nat_gateway_id: Option<&'a str>,
    origin: &'static str,
    state: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    vpc_peering_connection_id: Option<&'a str>,
}

/// Local routes, then a route to every peer block that does not overlap a block of
/// this VPC (AWS refuses those).
fn common_routes<'a>(folder: &'a Folder<'_>, vpc: &'a Vpc) -> Vec<Route<'a>> {
    let mut routes: Vec<Route<'a>> = vpc
        .blocks
        .iter()
        .map(|b| Route {
            destination_cidr_block: Some(b.to_string()),
            gateway_id: Some("local"),
            origin: "CreateRouteTable",
            state: "active",
            ..Route::default()
        })
        .collect();
    if let Some((block, _)) = &vpc.ipv6 {
        routes.push(Route {
            destination_ipv6_cidr_block: Some(cidr6(*block, 56)),
            gateway_id: Some("local"),
            origin: "CreateRouteTable",
            state: "active",
            ..Route::default()
        });
    }
    for &(pcx, peer) in &vpc.peers {
        let peer = &folder.vpcs[peer];
        let pcx = folder.peerings[pcx].id.as_str();
        for b in &peer.blocks {
            if vpc.blocks.iter().any(|own| own.overlaps(*b)) {
                continue;
            }
            routes.push(Route {
                destination_cidr_block: Some(b.to_string()),
                origin: "CreateRoute",
                state: "active",
                vpc_peering_connection_id: Some(pcx),
                ..Route::default()
            });
        }
        if let Some((block, _)) = &peer.ipv6 {
            routes.push(Route {
                destination_ipv6_cidr_block: Some(cidr6(*block, 56)),
                origin: "CreateRoute",
                state: "active",
                vpc_peering_connection_id: Some(pcx),
                ..Route::default()
            });
        }
    }
    routes
}

fn write_route_tables(folder: &Folder<'_>, dir: &Path) -> io::Result<()> {
    let a = folder.account;
    let items = folder.vpcs.iter().flat_map(move |vpc| {
        let main = RouteTableOut {
            associations: vec![RtbAssoc {
                main: true,
                route_table_association_id: &vpc.main_rtb_assoc,
                route_table_id: &vpc.main_rtb,
                subnet_id: None,
                association_state: ASSOCIATED,
            }],
            propagating_vgws: [],
            route_table_id: &vpc.main_rtb,
            routes: common_routes(folder, vpc),
            tags: name_tag(format!("{}-main", vpc.name)),
            vpc_id: &vpc.id,
            owner_id: a,
        };
        let per_subnet = vpc.subnets.iter().enumerate().map(move |(i, s)| {
            let mut routes = common_routes(folder, vpc);
            match s.tier {
                "vpce" => {}
                "public" => routes.push(Route {
                    destination_cidr_block: Some("0.0.0.0/0".to_string()),
                    gateway_id: Some(&vpc.igw),
                    origin: "CreateRoute",
                    state: "active",
                    ..Route::default()
                }),
                _ => routes.push(Route {
                    destination_cidr_block: Some("0.0.0.0/0".to_string()),
                    nat_gateway_id: vpc.nats.get(&s.az).map(String::as_str),
                    origin: "CreateRoute",
                    state: "active",
                    ..Route::default()
                }),
            }
            for ep in &vpc.endpoints {
                if let Service::Gateway(name) = ep.service {
                    if ep.route_tables.contains(&i) {
                        routes.push(Route {
                            destination_prefix_list_id: folder
                                .prefix_lists
                                .get(name)
                                .map(String::as_str),
                            gateway_id: Some(&ep.id),
                            origin: "CreateRoute",
                            state: "active",
                            ..Route::default()
                        });
                    }
                }
            }
            RouteTableOut {
                associations: vec![RtbAssoc {
                    main: false,
                    route_table_association_id: &s.rtb_assoc,
                    route_table_id: &s.rtb,
                    subnet_id: Some(&s.id),
                    association_state: ASSOCIATED,
                }],
                propagating_vgws: [],
                route_table_id: &s.rtb,
                routes,
                tags: name_tag(format!("{}-{}-{}", vpc.name, s.tier, i)),
                vpc_id: &vpc.id,
                owner_id: a,
            }
        });
        std::iter::once(main).chain(per_subnet)
    });
    write_document(dir, "describe-route-tables.json", "RouteTables", items)
}

// --- describe-network-interfaces

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct EniOut<'a> {
    availability_zone: &'a str,
    description: String,
    groups: Vec<GroupRef<'a>>,
    interface_type: &'static str,
    ipv6_addresses: [(); 0],
    mac_address: &'a str,
    network_interface_id: &'a str,
    owner_id: &'a str,
    private_dns_name: String,
    private_ip_address: String,
    private_ip_addresses: Vec<PrivateIp>,
    requester_id: &'static str,
    requester_managed: bool,
    source_dest_check: bool,
    status: &'static str,
    subnet_id: &'a str,
    tag_set: [(); 0],
    vpc_id: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct GroupRef<'a> {
    group_id: &'a str,
    group_name: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct PrivateIp {
    primary: bool,
    private_dns_name: String,
    private_ip_address: String,
}

fn write_network_interfaces(folder: &Folder<'_>, dir: &Path) -> io::Result<()> {
    let a = folder.account;
    let items = folder.vpcs.iter().flat_map(|vpc| {
        vpc.endpoints.iter().flat_map(move |ep| {
            let sg = &vpc.sgs[ep.sg];
            ep.enis.iter().map(move |eni| {
                let subnet = &vpc.subnets[eni.subnet];
                let ip = Ipv4Addr::from(eni.ip);
                let dns = format!(
                    "ip-{}.{}",
                    ip.to_string().replace('.', "-"),
                    folder.region.internal_domain
                );
                EniOut {
                    availability_zone: &folder.azs[subnet.az].name,
                    description: format!("VPC Endpoint Interface {}", ep.id),
                    groups: vec![GroupRef {
                        group_id: &sg.id,
                        group_name: &sg.name,
                    }],
                    interface_type: "vpc_endpoint",
                    ipv6_addresses: [],
                    mac_address: &eni.mac,
                    network_interface_id: &eni.id,
                    owner_id: a,
                    private_dns_name: dns.clone(),
                    private_ip_address: ip.to_string(),
                    private_ip_addresses: vec![PrivateIp {
                        primary: true,
                        private_dns_name: dns,
                        private_ip_address: ip.to_string(),
                    }],
                    requester_id: "727180483921",
                    requester_managed: true,
                    source_dest_check: true,
                    status: "in-use",
                    subnet_id: &subnet.id,
                    tag_set: [],
                    vpc_id: &vpc.id,
                }
            })
        })
    });
    write_document(
        dir,
        "describe-network-interfaces.json",
        "NetworkInterfaces",
        items,
    )
}

// --- describe-vpc-endpoints

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct EndpointOut<'a> {
    vpc_endpoint_id: &'a str,
    vpc_endpoint_type: &'static str,
    vpc_id: &'a str,
    service_name: String,
    state: &'static str,
    policy_document: &'a str,
    route_table_ids: Vec<&'a str>,
    subnet_ids: Vec<&'a str>,
    groups: Vec<GroupRef<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ip_address_type: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dns_options: Option<DnsOptions>,
    private_dns_enabled: bool,
    requester_managed: bool,
    network_interface_ids: Vec<&'a str>,
    dns_entries: Vec<DnsEntry>,
    creation_timestamp: &'a str,
    tags: Vec<Tag>,
    owner_id: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct DnsOptions {
    dns_record_ip_type: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct DnsEntry {
    dns_name: String,
    hosted_zone_id: String,
}

fn service_name(folder: &Folder<'_>, service: Service) -> String {
    match service {
        Service::Aws(s) | Service::Gateway(s) => {
            format!("com.amazonaws.{}.{s}", folder.region.name)
        }
        Service::Partner(p) => folder.partners[p].service_name.clone(),
        Service::Org(p) => folder.consumed[p].service_name.clone(),
    }
}

fn private_dns_name(folder: &Folder<'_>, service: Service) -> String {
    match service {
        Service::Aws(s) | Service::Gateway(s) => {
            format!("{s}.{}.amazonaws.com", folder.region.name)
        }
        Service::Partner(p) => folder.partners[p].private_dns.clone(),
        Service::Org(p) => folder.consumed[p].private_dns.clone(),
    }
}

fn write_endpoints(folder: &Folder<'_>, dir: &Path) -> io::Result<()> {
    let (r, a) = (folder.region.name, folder.account);
    let items = folder.vpcs.iter().flat_map(|vpc| {
        vpc.endpoints.iter().map(move |ep| {
            let gateway = matches!(ep.service, Service::Gateway(_));
            let label = match ep.service {
                Service::Aws(s) | Service::Gateway(s) => s.to_string(),
                Service::Partner(p) => folder.partners[p].service_id.clone(),
                Service::Org(p) => folder.consumed[p].service_id.clone(),
            };
            let mut dns_entries = Vec::new();
            if !gateway {
                let base = format!("{}-{}", ep.id, ep.dns_hex);
                let zone = format!("Z{}", &folder.zone_hex);
                dns_entries.push(DnsEntry {
                    dns_name: format!("{base}.{label}.{r}.vpce.amazonaws.com"),
                    hosted_zone_id: zone.clone(),
                });
                for &s in &ep.subnets {
                    let az = &folder.azs[vpc.subnets[s].az].name;
                    dns_entries.push(DnsEntry {
                        dns_name: format!("{base}-{az}.{label}.{r}.vpce.amazonaws.com"),
                        hosted_zone_id: zone.clone(),
                    });
                }
                if ep.private_dns {
                    dns_entries.push(DnsEntry {
                        dns_name: private_dns_name(folder, ep.service),
                        hosted_zone_id: format!("Z0{}PRIVATE", &folder.zone_hex[..9]),
                    });
                }
            }
            EndpointOut {
                vpc_endpoint_id: &ep.id,
                vpc_endpoint_type: if gateway { "Gateway" } else { "Interface" },
                vpc_id: &vpc.id,
                service_name: service_name(folder, ep.service),
                state: if ep.pending {
                    "pendingAcceptance"
                } else {
                    "available"
                },
                policy_document: &ep.policy,
                route_table_ids: ep
                    .route_tables
                    .iter()
                    .map(|&i| vpc.subnets[i].rtb.as_str())
                    .collect(),
                subnet_ids: ep
                    .subnets
                    .iter()
                    .map(|&i| vpc.subnets[i].id.as_str())
                    .collect(),
                groups: if gateway {
                    Vec::new()
                } else {
                    vec![GroupRef {
                        group_id: &vpc.sgs[ep.sg].id,
                        group_name: &vpc.sgs[ep.sg].name,
                    }]
                },
                ip_address_type: (!gateway).then_some("ipv4"),
                dns_options: (!gateway).then_some(DnsOptions {
                    dns_record_ip_type: "ipv4",
                }),
                private_dns_enabled: ep.private_dns,
                requester_managed: false,
                network_interface_ids: ep.enis.iter().map(|e| e.id.as_str()).collect(),
                dns_entries,
                creation_timestamp: &ep.created,
                tags: vpc_tags(vpc, format!("{}-{label}", vpc.name)),
                owner_id: a,
            }
        })
    });
    write_document(dir, "describe-vpc-endpoints.json", "VpcEndpoints", items)
}

// --- describe-vpc-endpoint-services

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct ServicesOut<'a> {
    service_details: Vec<ServiceDetail<'a>>,
    service_names: Vec<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct ServiceDetail<'a> {
    service_name: String,
    service_id: String,
    service_type: Vec<ServiceType>,
    availability_zones: Vec<&'a str>,
    owner: &'a str,
    base_endpoint_dns_names: Vec<String>,
    private_dns_name: String,
    private_dns_names: Vec<PrivateDnsNameOut>,
    vpc_endpoint_policy_supported: bool,
    acceptance_required: bool,
    manages_vpc_endpoints: bool,
    tags: [(); 0],
    private_dns_name_verification_state: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct ServiceType {
    service_type: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct PrivateDnsNameOut {
    private_dns_name: String,
}

fn write_endpoint_services(folder: &Folder<'_>, dir: &Path) -> io::Result<()> {
    let r = folder.region.name;
    let azs: Vec<&str> = folder.azs.iter().map(|az| az.name.as_str()).collect();
    let mut rng = Rng(folder.service_seed);
    let mut details = Vec::new();
    let mut aws: Vec<(&str, &'static str)> = AWS_INTERFACE_SERVICES
        .iter()
        .map(|s| (*s, "Interface"))
        .collect();
    aws.extend([
        ("s3", "Interface"),
        ("s3", "Gateway"),
        ("dynamodb", "Gateway"),
    ]);
    aws.sort_unstable();
    for (svc, kind) in aws {
        let dns = format!("{svc}.{r}.amazonaws.com");
        details.push(ServiceDetail {
            service_name: format!("com.amazonaws.{r}.{svc}"),
            service_id: format!("vpce-svc-0{}", rng.hex(16)),
            service_type: vec![ServiceType { service_type: kind }],
            availability_zones: azs.clone(),
            owner: "amazon",
            base_endpoint_dns_names: vec![format!("{svc}.{r}.vpce.amazonaws.com")],
            private_dns_name: dns.clone(),
            private_dns_names: vec![PrivateDnsNameOut {
                private_dns_name: dns,
            }],
            vpc_endpoint_policy_supported: true,
            acceptance_required: false,
            manages_vpc_endpoints: false,
            tags: [],
            private_dns_name_verification_state: "verified",
        });
    }
    // A provider sees its own service as any allowed consumer does.
    let own = folder.provides.map(|s| Partner {
        service_name: s.service_name.clone(),
        service_id: s.service_id.clone(),
        owner: s.owner.clone(),
        private_dns: s.private_dns.clone(),
    });
    for p in folder.partners.iter().chain(&folder.consumed).chain(&own) {
        details.push(ServiceDetail {
            service_name: p.service_name.clone(),
            service_id: p.service_id.clone(),
            service_type: vec![ServiceType {
                service_type: "Interface",
            }],
            availability_zones: azs.clone(),
            owner: &p.owner,
            base_endpoint_dns_names: vec![format!("{}.{r}.vpce.amazonaws.com", p.service_id)],
            private_dns_name: p.private_dns.clone(),
            private_dns_names: vec![PrivateDnsNameOut {
                private_dns_name: p.private_dns.clone(),
            }],
            vpc_endpoint_policy_supported: true,
            acceptance_required: true,
            manages_vpc_endpoints: false,
            tags: [],
            private_dns_name_verification_state: "verified",
        });
    }
    let service_names = details.iter().map(|d| d.service_name.clone()).collect();
    write_cli_json(
        &dir.join("describe-vpc-endpoint-services.json"),
        &ServicesOut {
            service_details: details,
            service_names,
        },
    )
}

// --- describe-vpc-peering-connections

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct PeeringOut<'a> {
    accepter_vpc_info: PeeringVpcInfo<'a>,
    requester_vpc_info: PeeringVpcInfo<'a>,
    status: PeeringStatus,
    tags: Vec<Tag>,
    vpc_peering_connection_id: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct PeeringVpcInfo<'a> {
    cidr_block: String,
    cidr_block_set: Vec<CidrOnly>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    ipv6_cidr_block_set: Vec<Ipv6Only>,
    owner_id: &'a str,
    peering_options: PeeringOptions,
    vpc_id: &'a str,
    region: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct CidrOnly {
    cidr_block: String,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Ipv6Only {
    ipv6_cidr_block: String,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct PeeringOptions {
    allow_dns_resolution_from_remote_vpc: bool,
    allow_egress_from_local_classic_link_to_remote_vpc: bool,
    allow_egress_from_local_vpc_to_remote_classic_link: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct PeeringStatus {
    code: &'static str,
    message: &'static str,
}

fn peering_info<'a>(folder: &'a Folder<'_>, vpc: &'a Vpc) -> PeeringVpcInfo<'a> {
    PeeringVpcInfo {
        cidr_block: vpc.blocks[0].to_string(),
        cidr_block_set: vpc
            .blocks
            .iter()
            .map(|b| CidrOnly {
                cidr_block: b.to_string(),
            })
            .collect(),
        ipv6_cidr_block_set: vpc
            .ipv6
            .iter()
            .map(|(b, _)| Ipv6Only {
                ipv6_cidr_block: cidr6(*b, 56),
            })
            .collect(),
        owner_id: folder.account,
        peering_options: PeeringOptions {
            allow_dns_resolution_from_remote_vpc: false,
            allow_egress_from_local_classic_link_to_remote_vpc: false,
            allow_egress_from_local_vpc_to_remote_classic_link: false,
        },
        vpc_id: &vpc.id,
        region: folder.region.name,
    }
}

fn write_peerings(folder: &Folder<'_>, dir: &Path) -> io::Result<()> {
    let items = folder.peerings.iter().map(|p| {
        let (req, acc) = (&folder.vpcs[p.requester], &folder.vpcs[p.accepter]);
        PeeringOut {
            accepter_vpc_info: peering_info(folder, acc),
            requester_vpc_info: peering_info(folder, req),
            status: PeeringStatus {
                code: "active",
                message: "Active",
            },
            tags: name_tag(format!("{}-to-{}", req.name, acc.name)),
            vpc_peering_connection_id: &p.id,
        }
    });
    write_document(
        dir,
        "describe-vpc-peering-connections.json",
        "VpcPeeringConnections",
        items,
    )
}

// --- describe-availability-zones

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct AzOut<'a> {
    opt_in_status: &'static str,
    messages: [(); 0],
    region_name: &'static str,
    zone_name: &'a str,
    zone_id: &'a str,
    group_name: &'static str,
    network_border_group: &'static str,
    zone_type: &'static str,
    state: &'static str,
}

fn write_availability_zones(folder: &Folder<'_>, dir: &Path) -> io::Result<()> {
    let r = folder.region.name;
    let items = folder.azs.iter().map(|az| AzOut {
        opt_in_status: "opt-in-not-required",
        messages: [],
        region_name: r,
        zone_name: &az.name,
        zone_id: &az.id,
        group_name: r,
        network_border_group: r,
        zone_type: "availability-zone",
        state: "available",
    });
    write_document(
        dir,
        "describe-availability-zones.json",
        "AvailabilityZones",
        items,
    )
}

// --- describe-vpc-endpoint-service-configurations

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct ConfigurationOut<'a> {
    service_type: Vec<ServiceType>,
    service_id: &'a str,
    service_name: &'a str,
    service_state: &'static str,
    availability_zone_ids: Vec<&'a str>,
    availability_zones: Vec<&'a str>,
    acceptance_required: bool,
    manages_vpc_endpoints: bool,
    network_load_balancer_arns: Vec<&'a str>,
    supported_ip_address_types: Vec<&'static str>,
    base_endpoint_dns_names: Vec<String>,
    private_dns_name: &'a str,
    private_dns_name_configuration: PrivateDnsNameConfiguration,
    payer_responsibility: &'static str,
    tags: Vec<Tag>,
    supported_regions: Vec<SupportedRegion>,
    remote_access_enabled: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct PrivateDnsNameConfiguration {
    state: &'static str,
    #[serde(rename = "Type")]
    kind: &'static str,
    value: String,
    name: String,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct SupportedRegion {
    region: &'static str,
    service_state: &'static str,
}

/// The provider's own service, if any: acceptance required, like the partners' services.
fn write_service_configurations(folder: &Folder<'_>, dir: &Path) -> io::Result<()> {
    let r = folder.region.name;
    let items = folder.provides.into_iter().map(|s| ConfigurationOut {
        service_type: vec![ServiceType {
            service_type: "Interface",
        }],
        service_id: &s.service_id,
        service_name: &s.service_name,
        service_state: "Available",
        availability_zone_ids: folder.azs.iter().map(|az| az.id.as_str()).collect(),
        availability_zones: folder.azs.iter().map(|az| az.name.as_str()).collect(),
        acceptance_required: true,
        manages_vpc_endpoints: false,
        network_load_balancer_arns: vec![&s.nlb_arn],
        supported_ip_address_types: vec!["ipv4"],
        base_endpoint_dns_names: vec![format!("{}.{r}.vpce.amazonaws.com", s.service_id)],
        private_dns_name: &s.private_dns,
        private_dns_name_configuration: PrivateDnsNameConfiguration {
            state: "verified",
            kind: "TXT",
            value: format!("vpce:{}", s.dns_txt),
            name: format!("_{}", &s.dns_txt[..10]),
        },
        payer_responsibility: "ServiceOwner",
        tags: name_tag(s.private_dns.clone()),
        supported_regions: vec![SupportedRegion {
            region: r,
            service_state: "Available",
        }],
        remote_access_enabled: false,
    });
    write_document(
        dir,
        "describe-vpc-endpoint-service-configurations.json",
        "ServiceConfigurations",
        items,
    )
}

// --- describe-vpc-endpoint-service-permissions

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct AllowedPrincipalOut<'a> {
    principal_type: &'static str,
    principal: String,
    service_permission_id: &'a str,
    service_id: &'a str,
}

/// One role per consumer account, never `*` nor an account root (both are findings).
fn write_service_permissions(folder: &Folder<'_>, dir: &Path) -> io::Result<()> {
    let items = folder.provides.into_iter().flat_map(|s| {
        s.consumers.iter().map(move |link| AllowedPrincipalOut {
            principal_type: "Role",
            principal: format!(
                "arn:aws:iam::{}:role/{}-consumer",
                link.account,
                s.private_dns.split('.').next().unwrap_or("shared")
            ),
            service_permission_id: &link.permission_id,
            service_id: &s.service_id,
        })
    });
    write_document(
        dir,
        "describe-vpc-endpoint-service-permissions.json",
        "AllowedPrincipals",
        items,
    )
}

// --- describe-vpc-endpoint-connections

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct ConnectionOut<'a> {
    service_id: &'a str,
    vpc_endpoint_id: &'a str,
    vpc_endpoint_owner: &'a str,
    vpc_endpoint_state: &'static str,
    creation_timestamp: &'a str,
    dns_entries: Vec<DnsEntry>,
    network_load_balancer_arns: Vec<&'a str>,
    ip_address_type: &'static str,
    vpc_endpoint_connection_id: &'a str,
    tags: [(); 0],
    vpc_endpoint_region: &'static str,
}

/// Every consumer's endpoint, accepted; the DNS entry is the endpoint's regional name, as
/// the consumer's describe-vpc-endpoints prints it.
fn write_endpoint_connections(folder: &Folder<'_>, dir: &Path) -> io::Result<()> {
    let r = folder.region.name;
    let items = folder.provides.into_iter().flat_map(|s| {
        s.consumers.iter().map(move |link| ConnectionOut {
            service_id: &s.service_id,
            vpc_endpoint_id: &link.endpoint_id,
            vpc_endpoint_owner: &link.account,
            vpc_endpoint_state: "available",
            creation_timestamp: &link.created,
            dns_entries: vec![DnsEntry {
                dns_name: format!(
                    "{}-{}.{}.{r}.vpce.amazonaws.com",
                    link.endpoint_id, link.dns_hex, s.service_id
                ),
                hosted_zone_id: format!("Z{}", folder.zone_hex),
            }],
            network_load_balancer_arns: vec![&s.nlb_arn],
            ip_address_type: "ipv4",
            vpc_endpoint_connection_id: &link.connection_id,
            tags: [],
            vpc_endpoint_region: r,
        })
    });
    write_document(
        dir,
        "describe-vpc-endpoint-connections.json",
        "VpcEndpointConnections",
        items,
    )
}
