//! `cargo bench --bench plan [-- --stacks N]`: generates a plan of N stacks (20 resources each;
//! 1000 by default, i.e. 20,000 resources), then measures in one run a plain
//! `serde_json::Value` parse of the file and the whole `vpclint check` of it (read, load,
//! resolve references, run every rule, place the findings), and compares them with the budget:
//! the check takes at most 1.5 times the parse. Exits 1 when over budget. `PHASES=1` also
//! prints the time of each stage.
#![allow(clippy::unwrap_used, clippy::print_stdout, clippy::exit)]

mod gen;
#[path = "../bench/phases.rs"]
mod phases;

use std::path::PathBuf;
use std::time::{Duration, Instant};

const BUDGET: f64 = 1.5;
const RUNS: usize = 5;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let mut stacks = 1000;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--stacks" {
            stacks = args.next().and_then(|n| n.parse().ok()).unwrap_or(stacks);
        }
    }
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-plan");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("plan-{stacks}.json"));
    let text = gen::plan(stacks);
    std::fs::write(&path, &text).unwrap();
    let resources = stacks * gen::PER_STACK;
    println!(
        "plan: {} resources, {:.1} MB ({})",
        resources,
        text.len() as f64 / 1e6,
        path.display()
    );

    if std::env::var_os("PHASES").is_some() {
        for _ in 0..3 {
            phases::print(&path);
        }
    }
    let settings = vpclint::config::Settings::default();
    let mut parse = Vec::new();
    let mut check = Vec::new();
    let mut findings = 0;
    // Interleaved, so both see the same machine load.
    for _ in 0..RUNS {
        let t = Instant::now();
        let bytes = std::fs::read(&path).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        parse.push(t.elapsed());
        drop(v);
        let t = Instant::now();
        let report = vpclint::check(std::slice::from_ref(&path), &settings);
        check.push(t.elapsed());
        assert!(report.errors.is_empty(), "{:?}", report.errors);
        findings = report.findings.len();
    }
    let (single, legacy) = gen::expected_findings(stacks);
    let (full, wildcard) = gen::policy_findings(stacks);
    assert_eq!(
        findings,
        single + legacy + full + wildcard,
        "findings of the generated plan"
    );
    let (p, c) = (median(parse), median(check));
    let ratio = c.as_secs_f64() / p.as_secs_f64();
    println!("serde_json::Value parse (read + parse): {p:.2?} (median of {RUNS})");
    println!("vpclint check ({findings} findings):     {c:.2?} (median of {RUNS})");
    println!("ratio: {ratio:.2} (budget {BUDGET})");
    if ratio > BUDGET {
        println!("over budget");
        std::process::exit(1);
    }
}
