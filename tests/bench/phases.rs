//! `PHASES=1`: the time of each stage of a check run in-process (load, policies, network,
//! endpoint access, rules, placing the findings), and the process's resident memory after
//! the stages that keep what they build. Shared by the benchmarks.

use std::path::Path;
use std::time::Instant;

/// Current and peak resident set size, from /proc (empty elsewhere).
fn rss() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb = |key: &str| {
        status
            .lines()
            .find(|l| l.starts_with(key))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|n| n.parse::<u64>().ok())
            .map_or_else(String::new, |n| {
                format!("{:.0} MB", n as f64 * 1024.0 / 1e6)
            })
    };
    format!("RSS {} (peak {})", kb("VmRSS:"), kb("VmHWM:"))
}

/// Prints each stage's time for the input at `path`.
pub fn print(path: &Path) {
    let t = Instant::now();
    let Ok(loaded) = vpclint::source::load(&[path.to_path_buf()]) else {
        println!(
            "  the input does not load; see `vpclint check {}`",
            path.display()
        );
        return;
    };
    println!("  load      {:>10.2?}  {}", t.elapsed(), rss());
    let t = Instant::now();
    let policies = vpclint::policy::Policies::build(&loaded.estate);
    println!("  policies  {:>10.2?}", t.elapsed());
    let t = Instant::now();
    let network = vpclint::net::Network::build(&loaded.estate);
    println!("  network   {:>10.2?}  {}", t.elapsed(), rss());
    let t = Instant::now();
    let reach = vpclint::net::ReachConfig::default();
    let access = network.endpoint_access(&reach);
    println!("  access    {:>10.2?}  {}", t.elapsed(), rss());
    let t = Instant::now();
    let cx = vpclint::rules::Context {
        estate: &loaded.estate,
        custom_rules: &[],
        trusted_accounts: &[],
        trusted_configured: false,
        trusted_organization: false,
        reach: &reach,
    };
    let derived = vpclint::rules::Derived {
        policies: Some(&policies),
        access: Some((&network, &access)),
    };
    let findings = vpclint::rules::run(vpclint::rules::ALL, &cx, derived);
    println!("  rules     {:>10.2?}  {}", t.elapsed(), rss());
    let t = Instant::now();
    let placed = vpclint::report::place(findings, &loaded.sources);
    println!(
        "  place     {:>10.2?}  {} findings, {}",
        t.elapsed(),
        placed.len(),
        rss()
    );
}
