//! Benchmark of `vpclint check` on a large synthetic estate.
//!
//! ```text
//! cargo bench --bench check -- [--scale large|small] [--dir DIR] [--seed N]
//! ```
//!
//! 1. Generates the estate with [`synth`] unless `DIR` already holds it
//!    (default `target/bench-estate-<scale>`, seed 42).
//! 2. (a) Baseline: parses every `.json` file into a `serde_json::Value`,
//!    single-threaded, files already in memory.
//! 3. (b) Runs the real binary, `vpclint check --format json DIR`, and measures its
//!    wall time and peak RSS.
//! 4. With `PHASES=1`, times each stage of the check in-process (load, network, endpoint
//!    access, rules, placing) with the resident memory after each.
//! 5. Prints both against the performance budget ((b) ≤ 1.5 × (a), peak RSS ≤ 2 ×
//!    input size) and the findings per rule next to the defects planted by the
//!    generator.
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
/// How often the child's high-water mark is sampled. VmHWM is a running maximum
/// kept by the kernel, so only growth in the last interval before exit can be missed.
const RSS_POLL: Duration = Duration::from_millis(2);

struct Args {
    scale_name: String,
    scale: Scale,
    dir: PathBuf,
    seed: u64,
}

/// Accepts `--flag value` and `--flag=value`; anything else (cargo passes `--bench`)
/// is ignored.
fn parse_args() -> Result<Args, Box<dyn Error>> {
    let mut scale_name = "large".to_string();
    let mut dir = None;
    let mut seed = 42;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) => (f.to_string(), Some(v.to_string())),
            None => (arg, None),
        };
        if !matches!(flag.as_str(), "--scale" | "--dir" | "--seed") {
            continue;
        }
        let value = inline
            .or_else(|| args.next())
            .ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--scale" => scale_name = value,
            "--dir" => dir = Some(PathBuf::from(value)),
            _ => seed = value.parse().map_err(|e| format!("--seed {value}: {e}"))?,
        }
    }
    let scale = match scale_name.as_str() {
        "large" => Scale::large(),
        "small" => Scale::small(),
        other => return Err(format!("unknown scale `{other}` (expected large or small)").into()),
    };
    let dir = dir.unwrap_or_else(|| {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("target")
            .join(format!("bench-estate-{scale_name}"))
    });
    Ok(Args {
        scale_name,
        scale,
        dir,
        seed,
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
    let start = Instant::now();
    let mut child = Command::new(exe)
        .args(["check", "--format", "json"])
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
    let stem = args
        .dir
        .file_name()
        .map_or_else(|| "estate".into(), |n| n.to_string_lossy().into_owned());
    let stdout = args.dir.with_file_name(format!("{stem}.vpclint.json"));
    let stderr = args.dir.with_file_name(format!("{stem}.vpclint.stderr"));
    let run = run_vpclint(&args.dir, &stdout, &stderr)?;
    if !matches!(run.status.code(), Some(0 | 1)) {
        let text = fs::read_to_string(&stderr).unwrap_or_default();
        eprintln!("{text}");
        return Err(format!(
            "vpclint failed ({}) after {:.2} s; its stderr is above and in {}",
            run.status,
            run.wall.as_secs_f64(),
            stderr.display()
        )
        .into());
    }
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
