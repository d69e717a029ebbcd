//! Benchmark of `vpclint check` on a large synthetic estate.
//!
//! ```text
//! cargo bench --no-default-features --bench check -- [--scale large|small] [--dir DIR] [--seed N]
//! cargo bench --no-default-features --bench check -- --scale org [--accounts N] [--dir DIR] [--seed N]
//! cargo bench --no-default-features --bench check -- --scale org-sweep [--sweep 100,200,400,800,1600] [--reps 3]
//! ```
//!
//! `large` is 10 accounts of huge folders; `org` is an AWS Organization of N small accounts
//! (default 800), one `ACCOUNT/REGION/` folder each with a file for each of the 15 kinds of
//! EC2 call, about 230 KB per account (see `Scale::org`).
//!
//! 1. Generates the estate with [`synth`] unless `DIR` already holds it
//!    (default `target/bench-estate-<scale>`, or `target/bench-estate-org-N`; seed 42).
//! 2. (a) Baseline: parses every `.json` file into a `serde_json::Value`,
//!    single-threaded, files already in memory.
//! 3. (b) Runs the real binary, `vpclint check --format json DIR`, and measures its
//!    wall time and peak RSS (with `--config DIR/vpclint.toml` when the estate has one, as
//!    `org` does, to give the ports of its endpoint services).
//! 4. With `PHASES=1`, times each stage of the check in-process (load, network, endpoint
//!    access, rules, placing) with the resident memory after each.
//! 5. Prints both against the performance budget ((b) ≤ 1.5 × (a), peak RSS ≤ 2 ×
//!    input size) and the findings per rule next to the defects planted by the
//!    generator.
//!
//! `org-sweep` (or `--sweep LIST` alone) generates, or finds, the organisation of each
//! number of accounts in LIST, then measures (a) and (b) alternately, `--reps` times each,
//! and prints their medians per N with the time per account of (b), and at the end whether
//! that time per account is flat (largest over smallest within 1.5): a check whose cost grows
//! faster than the number of accounts shows up there. Findings are compared with the planted
//! defects on every N.
//!
//! MB are 10^6 bytes throughout.

// Reporting on the terminal is this program's whole purpose.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod phases;
mod synth;

use std::collections::BTreeMap;
use std::error::Error;
use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, ExitStatus, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::Value;
use synth::{Planted, Scale};

const TARGET_TIME_RATIO: f64 = 1.5;
const TARGET_RSS_RATIO: f64 = 2.0;
/// Largest over smallest time per account of (b) across a sweep for it to count as flat.
const TARGET_FLAT_RATIO: f64 = 1.5;
const DEFAULT_ACCOUNTS: usize = 800;
const DEFAULT_SWEEP: &[usize] = &[100, 200, 400, 800, 1600];
/// How often the child's high-water mark is sampled. VmHWM is a running maximum
/// kept by the kernel, so only growth in the last interval before exit can be missed.
const RSS_POLL: Duration = Duration::from_millis(2);

struct Args {
    scale_name: String,
    scale: Scale,
    dir: PathBuf,
    seed: u64,
    /// `Some(account counts)`: the organisation sweep instead of one estate.
    sweep: Option<Vec<usize>>,
    reps: usize,
}

fn parse_count(flag: &str, value: &str) -> Result<usize, Box<dyn Error>> {
    match value.trim().parse::<usize>() {
        Ok(n) if n > 0 => Ok(n),
        Ok(_) => Err(format!("{flag} {value}: must be at least 1").into()),
        Err(e) => Err(format!("{flag} {value}: {e}").into()),
    }
}

/// `target/bench-estate-<name>` of the crate.
fn default_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join(format!("bench-estate-{name}"))
}

/// Accepts `--flag value` and `--flag=value`; anything else (cargo passes `--bench`)
/// is ignored.
fn parse_args() -> Result<Args, Box<dyn Error>> {
    let mut scale_name = "large".to_string();
    let mut dir = None;
    let mut seed = 42;
    let mut accounts = DEFAULT_ACCOUNTS;
    let mut sweep = None;
    let mut reps = 3;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) => (f.to_string(), Some(v.to_string())),
            None => (arg, None),
        };
        if !matches!(
            flag.as_str(),
            "--scale" | "--dir" | "--seed" | "--accounts" | "--sweep" | "--reps"
        ) {
            continue;
        }
        let value = inline
            .or_else(|| args.next())
            .ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--scale" => scale_name = value,
            "--dir" => dir = Some(PathBuf::from(value)),
            "--accounts" => accounts = parse_count(&flag, &value)?,
            "--sweep" => {
                sweep = Some(
                    value
                        .split(',')
                        .map(|n| parse_count(&flag, n))
                        .collect::<Result<Vec<_>, _>>()?,
                );
            }
            "--reps" => reps = parse_count(&flag, &value)?,
            _ => seed = value.parse().map_err(|e| format!("--seed {value}: {e}"))?,
        }
    }
    if scale_name == "org-sweep" || sweep.is_some() {
        if dir.is_some() {
            return Err(
                "--dir does not apply to a sweep (estates go to target/bench-estate-org-N)".into(),
            );
        }
        return Ok(Args {
            scale_name: "org-sweep".to_string(),
            scale: Scale::org(accounts),
            dir: PathBuf::new(),
            seed,
            sweep: Some(sweep.unwrap_or_else(|| DEFAULT_SWEEP.to_vec())),
            reps,
        });
    }
    let (scale, dir_name) = match scale_name.as_str() {
        "large" => (Scale::large(), scale_name.clone()),
        "small" => (Scale::small(), scale_name.clone()),
        "org" => (Scale::org(accounts), format!("org-{accounts}")),
        other => {
            return Err(format!(
                "unknown scale `{other}` (expected large, small, org or org-sweep)"
            )
            .into())
        }
    };
    let dir = dir.unwrap_or_else(|| default_dir(&dir_name));
    Ok(Args {
        scale_name,
        scale,
        dir,
        seed,
        sweep: None,
        reps,
    })
}

/// Every `.json` file under `dir`, sorted so runs read files in the same order.
fn json_files(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        for entry in fs::read_dir(&d)? {
            let entry = entry?;
            let path = entry.path();
            if entry.file_type()?.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "json") {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

struct Baseline {
    bytes: u64,
    read: Duration,
    parse: Duration,
    drop: Duration,
    /// Resources per top-level key (`VpcAttributes` for the attribute arrays).
    kinds: BTreeMap<String, usize>,
}

/// (a): the cost of merely parsing the input, the floor for any loader.
fn baseline(files: &[PathBuf]) -> Result<Baseline, Box<dyn Error>> {
    let mut b = Baseline {
        bytes: 0,
        read: Duration::ZERO,
        parse: Duration::ZERO,
        drop: Duration::ZERO,
        kinds: BTreeMap::new(),
    };
    for file in files {
        let start = Instant::now();
        let bytes = fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
        b.read += start.elapsed();
        b.bytes += bytes.len() as u64;

        let start = Instant::now();
        let value: Value =
            serde_json::from_slice(&bytes).map_err(|e| format!("{}: {e}", file.display()))?;
        b.parse += start.elapsed();

        count_resources(&value, &mut b.kinds);
        let start = Instant::now();
        drop(value);
        b.drop += start.elapsed();
    }
    Ok(b)
}

fn count_resources(value: &Value, kinds: &mut BTreeMap<String, usize>) {
    match value {
        Value::Array(items) => {
            *kinds.entry("VpcAttributes".to_string()).or_default() += items.len()
        }
        Value::Object(map) => {
            for (key, v) in map {
                // ServiceNames repeats ServiceDetails.
                if let (Value::Array(items), false) = (v, key == "ServiceNames") {
                    *kinds.entry(key.clone()).or_default() += items.len();
                }
            }
        }
        _ => {}
    }
}

struct Run {
    status: ExitStatus,
    wall: Duration,
    /// Peak resident set size in KiB, if it could be sampled.
    peak_kib: Option<u64>,
}

/// (b): the real binary, as a user runs it, with stdout and stderr in files next
/// to the estate so that a large report cannot block on a pipe.
fn run_vpclint(dir: &Path, stdout: &Path, stderr: &Path) -> Result<Run, Box<dyn Error>> {
    let exe = env!("CARGO_BIN_EXE_vpclint");
    // /proc/PID/status shows the first 15 bytes of the executable's name.
    let name: String = Path::new(exe)
        .file_name()
        .map(|n| n.to_string_lossy().chars().take(15).collect())
        .unwrap_or_default();
    // The organisation's estate says which ports its endpoint services need.
    let config = dir.join(synth::CONFIG_FILE);
    let config_args = if config.is_file() {
        vec!["--config".into(), config.into_os_string()]
    } else {
        Vec::new()
    };
    let start = Instant::now();
    let mut child = Command::new(exe)
        .args(["check", "--format", "json"])
        .args(config_args)
        .arg(dir)
        .stdin(Stdio::null())
        .stdout(File::create(stdout)?)
        .stderr(File::create(stderr)?)
        .spawn()
        .map_err(|e| format!("cannot start {exe}: {e}"))?;
    let pid = child.id();
    let done = AtomicBool::new(false);
    let (status, wall, peak_kib) = thread::scope(|s| {
        // wait4's rusage would be exact, but the crate forbids unsafe code; the
        // kernel's own high-water mark, sampled often, misses at most the last
        // RSS_POLL of growth.
        let sampler = s.spawn(|| {
            let mut peak = None;
            while !done.load(Ordering::Acquire) {
                if let Some(kib) = vm_hwm_kib(pid, &name) {
                    peak = Some(peak.map_or(kib, |p: u64| p.max(kib)));
                }
                thread::sleep(RSS_POLL);
            }
            peak
        });
        let status = child.wait();
        let wall = start.elapsed();
        done.store(true, Ordering::Release);
        let peak = sampler.join().unwrap_or(None);
        (status, wall, peak)
    });
    Ok(Run {
        status: status?,
        wall,
        peak_kib,
    })
}

/// VmHWM of `pid`, only while it is still our child: the name check guards against
/// the pid being reused after the child is reaped.
fn vm_hwm_kib(pid: u32, name: &str) -> Option<u64> {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let mut lines = status.lines();
    let proc_name = lines.next()?.strip_prefix("Name:")?.trim();
    if proc_name != name {
        return None;
    }
    lines
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

struct Report {
    /// Findings per rule name (falling back to the code when a finding has no name).
    by_rule: BTreeMap<String, usize>,
    findings: usize,
    errors: usize,
}

fn summarize_report(path: &Path) -> Result<Report, Box<dyn Error>> {
    let bytes = fs::read(path)?;
    let report: Value = serde_json::from_slice(&bytes)
        .map_err(|e| format!("vpclint's JSON report {}: {e}", path.display()))?;
    let findings = report
        .get("findings")
        .and_then(Value::as_array)
        .ok_or("vpclint's JSON report has no `findings` array")?;
    let mut by_rule = BTreeMap::new();
    for f in findings {
        let rule = f
            .get("name")
            .or_else(|| f.get("rule"))
            .and_then(Value::as_str)
            .unwrap_or("?");
        *by_rule.entry(rule.to_string()).or_default() += 1;
    }
    let errors = report
        .get("errors")
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    Ok(Report {
        by_rule,
        findings: findings.len(),
        errors,
    })
}

/// Where vpclint's stdout and stderr go: next to the estate, `DIR.vpclint.json` and
/// `DIR.vpclint.stderr`.
fn output_paths(dir: &Path) -> (PathBuf, PathBuf) {
    let stem = dir
        .file_name()
        .map_or_else(|| "estate".into(), |n| n.to_string_lossy().into_owned());
    (
        dir.with_file_name(format!("{stem}.vpclint.json")),
        dir.with_file_name(format!("{stem}.vpclint.stderr")),
    )
}

/// Exit codes 0 (no findings) and 1 (findings) are a completed check; anything else is a
/// failure, reported with vpclint's stderr.
fn check_status(run: &Run, stderr: &Path) -> Result<(), Box<dyn Error>> {
    if matches!(run.status.code(), Some(0 | 1)) {
        return Ok(());
    }
    let text = fs::read_to_string(stderr).unwrap_or_default();
    eprintln!("{text}");
    Err(format!(
        "vpclint failed ({}) after {:.2} s; its stderr is above and in {}",
        run.status,
        run.wall.as_secs_f64(),
        stderr.display()
    )
    .into())
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

fn verdict(ok: bool) -> &'static str {
    if ok {
        "ok"
    } else {
        "MISSED"
    }
}

/// The rule that reports each planted defect, per DESIGN.md's catalogue.
fn planted_rules(p: &Planted) -> [(&'static str, usize); 6] {
    [
        ("single-az-endpoint", p.single_az_endpoints),
        ("endpoint-not-available", p.pending_endpoints),
        ("private-dns-disabled", p.private_dns_disabled),
        ("vpc-dns-attributes-disabled", p.dns_attribute_vpcs),
        ("private-dns-conflict", p.duplicate_private_dns),
        ("peering-cidr-overlap", p.overlapping_peerings),
    ]
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), Box<dyn Error>> {
    let args = parse_args()?;
    if let Some(counts) = &args.sweep {
        return sweep(args.seed, counts, args.reps);
    }
    println!(
        "vpclint benchmark: scale {}, seed {}, estate {}",
        args.scale_name,
        args.seed,
        args.dir.display()
    );

    let cached = synth::marker_path(&args.dir, args.seed, &args.scale).exists();
    let start = Instant::now();
    let planted = synth::write_if_missing(&args.dir, args.seed, &args.scale)?;
    let generation = start.elapsed();
    let files = json_files(&args.dir)?;
    let total: u64 = files
        .iter()
        .map(|f| fs::metadata(f).map(|m| m.len()))
        .sum::<io::Result<u64>>()?;
    println!(
        "estate: {:.1} MB in {} files ({} in {:.2} s)",
        mb(total),
        files.len(),
        if cached { "found" } else { "generated" },
        generation.as_secs_f64()
    );

    println!("(a) parsing every file into serde_json::Value, single-threaded ...");
    let base = baseline(&files)?;
    let kinds: Vec<String> = base.kinds.iter().map(|(k, n)| format!("{k} {n}")).collect();
    println!("resources: {}", kinds.join(", "));

    if std::env::var_os("PHASES").is_some() {
        println!("stages of the check, in-process:");
        phases::print(&args.dir);
    }
    println!("(b) vpclint check --format json {} ...", args.dir.display());
    let (stdout, stderr) = output_paths(&args.dir);
    let run = run_vpclint(&args.dir, &stdout, &stderr)?;
    check_status(&run, &stderr)?;
    let report = summarize_report(&stdout)?;

    let a = base.parse.as_secs_f64();
    let b = run.wall.as_secs_f64();
    let ratio = b / a;
    println!();
    println!("{:<34}{:>12}", "input", format!("{:.1} MB", mb(base.bytes)));
    println!("{:<34}{:>12}", "files", files.len());
    println!(
        "{:<34}{:>12}   (read {:.2} s and drop {:.2} s not included)",
        "(a) serde_json::Value parse",
        format!("{a:.2} s"),
        base.read.as_secs_f64(),
        base.drop.as_secs_f64()
    );
    println!("{:<34}{:>12}", "(b) vpclint check", format!("{b:.2} s"));
    println!(
        "{:<34}{:>12}   target <= {TARGET_TIME_RATIO:.1}  {}",
        "(b) / (a)",
        format!("{ratio:.2}"),
        verdict(ratio <= TARGET_TIME_RATIO)
    );
    match run.peak_kib {
        Some(kib) => {
            let rss = kib * 1024;
            let rss_ratio = rss as f64 / base.bytes as f64;
            println!("{:<34}{:>12}", "peak RSS", format!("{:.1} MB", mb(rss)));
            println!(
                "{:<34}{:>12}   target <= {TARGET_RSS_RATIO:.1}  {}",
                "peak RSS / input",
                format!("{rss_ratio:.2}"),
                verdict(rss_ratio <= TARGET_RSS_RATIO)
            );
        }
        None => println!("{:<34}{:>12}", "peak RSS", "unavailable"),
    }
    println!(
        "{:<34}{:>12}   (input errors: {}; report in {})",
        "findings",
        report.findings,
        report.errors,
        stdout.display()
    );
    println!();
    println!("{:<34}{:>12}{:>10}", "rule", "planted", "found");
    let expected = planted_rules(&planted);
    for (rule, count) in expected {
        let found = report.by_rule.get(rule).copied().unwrap_or(0);
        println!("{rule:<34}{count:>12}{found:>10}");
    }
    for (rule, found) in &report.by_rule {
        if !expected.iter().any(|(r, _)| r == rule) {
            println!("{rule:<34}{:>12}{found:>10}", "-");
        }
    }
    Ok(())
}

/// The median of `values` (the mean of the middle two for an even count); 0 when empty.
fn median(values: &[f64]) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    match v.len() {
        0 => 0.0,
        n if n % 2 == 1 => v[n / 2],
        n => (v[n / 2 - 1] + v[n / 2]) / 2.0,
    }
}

/// Differences between the findings and the planted defects: rules whose count differs,
/// rules that found something nobody planted, and input errors.
fn mismatches(planted: &Planted, report: &Report) -> Vec<String> {
    let expected = planted_rules(planted);
    let mut out = Vec::new();
    for (rule, count) in expected {
        let found = report.by_rule.get(rule).copied().unwrap_or(0);
        if found != count {
            out.push(format!("{rule}: planted {count}, found {found}"));
        }
    }
    for (rule, found) in &report.by_rule {
        if !expected.iter().any(|(r, _)| r == rule) {
            out.push(format!("{rule}: not planted, found {found}"));
        }
    }
    if report.errors > 0 {
        out.push(format!("{} input errors", report.errors));
    }
    out
}

/// One size of the organisation sweep.
struct Point {
    accounts: usize,
    files: usize,
    bytes: u64,
    /// Medians, in seconds.
    a: f64,
    b: f64,
    /// The highest peak RSS of the runs, over the input size.
    rss_ratio: Option<f64>,
    mismatches: Vec<String>,
}

impl Point {
    fn ms_per_account(&self) -> f64 {
        self.b * 1e3 / self.accounts as f64
    }

    fn row(&self) -> String {
        format!(
            "{:>9}{:>8}{:>9.1}{:>9.3}{:>9.3}{:>8.2}{:>9}{:>10.2}  {}",
            self.accounts,
            self.files,
            mb(self.bytes),
            self.a,
            self.b,
            self.b / self.a,
            self.rss_ratio
                .map_or_else(|| "-".to_string(), |r| format!("{r:.2}")),
            self.ms_per_account(),
            if self.mismatches.is_empty() {
                "ok"
            } else {
                "MISMATCH"
            }
        )
    }
}

const SWEEP_HEADER: &str =
    " accounts   files       MB    (a) s    (b) s (b)/(a) RSS/input  ms/acct  found == planted";

/// `--scale org-sweep`: for each number of accounts, (a) and (b) alternately, `reps` times.
fn sweep(seed: u64, counts: &[usize], reps: usize) -> Result<(), Box<dyn Error>> {
    println!(
        "vpclint organisation sweep: seed {seed}, accounts {counts:?}; (a) and (b) alternated {reps} times per size, medians"
    );
    let mut points = Vec::new();
    for &accounts in counts {
        let scale = Scale::org(accounts);
        let dir = default_dir(&format!("org-{accounts}"));
        let cached = synth::marker_path(&dir, seed, &scale).exists();
        let start = Instant::now();
        let planted = synth::write_if_missing(&dir, seed, &scale)?;
        let generation = start.elapsed();
        let files = json_files(&dir)?;
        println!(
            "{accounts} accounts: {} files in {} ({} in {:.2} s); measuring ...",
            files.len(),
            dir.display(),
            if cached { "found" } else { "generated" },
            generation.as_secs_f64()
        );
        let (stdout, stderr) = output_paths(&dir);
        let (mut a, mut b, mut peak, mut bytes) = (Vec::new(), Vec::new(), None, 0);
        for _ in 0..reps {
            let base = baseline(&files)?;
            bytes = base.bytes;
            a.push(base.parse.as_secs_f64());
            let run = run_vpclint(&dir, &stdout, &stderr)?;
            check_status(&run, &stderr)?;
            b.push(run.wall.as_secs_f64());
            peak = peak.max(run.peak_kib);
        }
        let report = summarize_report(&stdout)?;
        let point = Point {
            accounts,
            files: files.len(),
            bytes,
            a: median(&a),
            b: median(&b),
            rss_ratio: peak.map(|kib| (kib * 1024) as f64 / bytes as f64),
            mismatches: mismatches(&planted, &report),
        };
        println!("{SWEEP_HEADER}");
        println!("{}", point.row());
        for m in &point.mismatches {
            println!("    {m} (report in {})", stdout.display());
        }
        points.push(point);
    }

    println!();
    println!("{SWEEP_HEADER}");
    for p in &points {
        println!("{}", p.row());
    }
    let per_account = |p: &&Point| p.ms_per_account();
    let low = points
        .iter()
        .min_by(|x, y| per_account(x).total_cmp(&per_account(y)));
    let high = points
        .iter()
        .max_by(|x, y| per_account(x).total_cmp(&per_account(y)));
    if let (Some(low), Some(high), true) = (low, high, points.len() > 1) {
        let ratio = high.ms_per_account() / low.ms_per_account();
        println!(
            "time per account of (b): {:.2} ms at {} accounts to {:.2} ms at {}: max / min {ratio:.2}, target <= {TARGET_FLAT_RATIO:.1}  {}",
            low.ms_per_account(),
            low.accounts,
            high.ms_per_account(),
            high.accounts,
            if ratio <= TARGET_FLAT_RATIO {
                "flat"
            } else {
                "NOT FLAT"
            }
        );
    }
    if points.iter().any(|p| !p.mismatches.is_empty()) {
        return Err("findings differ from the planted defects (see above)".into());
    }
    Ok(())
}
