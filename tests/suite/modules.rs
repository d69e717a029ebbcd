//! The module graph of `src/` has no circles, at the depth of top-level modules and one level
//! below: data flows sources → model → net/policy → rules → filter → report → CLI, and a module
//! that reaches back up the stream is a design error this test names.
//!
//! Edges are the `crate::`, `super::` and `self::` paths of each file's code outside its
//! `#[cfg(test)]` module (tests sit at the end of a file by convention).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::common;

type Module = Vec<String>;

fn modules(dir: &Path, prefix: &[String], out: &mut BTreeMap<Module, String>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            let mut p = prefix.to_vec();
            p.push(stem);
            modules(&path, &p, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            // `x/mod.rs` is `x`; the crate root's `lib.rs` and `main.rs` are the crate.
            let mut m = prefix.to_vec();
            let root = prefix.is_empty() && matches!(stem.as_str(), "lib" | "main");
            if stem != "mod" && !root {
                m.push(stem);
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let code = match text.find("#[cfg(test)]\nmod ") {
                Some(i) => text[..i].to_owned(),
                None => text,
            };
            let code: String = code
                .lines()
                .map(|l| l.split("//").next().unwrap_or(""))
                .collect::<Vec<_>>()
                .join("\n");
            out.entry(m).or_default().push_str(&code);
        }
    }
}

/// `a::{b, c::{d, e}}` → `a::b`, `a::c::d`, `a::c::e`.
fn expand(path: &str) -> Vec<Vec<String>> {
    let path: String = path.chars().filter(|c| !c.is_whitespace()).collect();
    let Some(open) = path.find('{') else {
        return vec![path
            .split("::")
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect()];
    };
    let head: Vec<String> = path[..open]
        .split("::")
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    let inner = &path[open + 1..path.rfind('}').unwrap_or(path.len())];
    let (mut parts, mut depth, mut cur) = (Vec::new(), 0, String::new());
    for ch in inner.chars().chain([',']) {
        match ch {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ => {}
        }
        if ch == ',' && depth == 0 {
            if !cur.is_empty() {
                parts.push(std::mem::take(&mut cur));
            }
        } else {
            cur.push(ch);
        }
    }
    parts
        .iter()
        .flat_map(|p| expand(p))
        .map(|tail| head.iter().cloned().chain(tail).collect())
        .collect()
}

fn cycles(depth: usize) -> Vec<BTreeSet<String>> {
    let mut mods = BTreeMap::new();
    modules(&common::root().join("src"), &[], &mut mods);
    let path_re =
        regex::Regex::new(r"\b(crate|super|self)::((?:\{[^;]*?\})|(?:[\w:]+(?:::\{[^;]*?\})?))")
            .unwrap();
    let name = |m: &[String]| {
        let m = &m[..m.len().min(depth)];
        if m.is_empty() {
            "crate".to_owned()
        } else {
            m.join("::")
        }
    };
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (m, code) in &mods {
        for cap in path_re.captures_iter(code) {
            let base: Vec<String> = match &cap[1] {
                "crate" => Vec::new(),
                "super" => m[..m.len().saturating_sub(1)].to_vec(),
                _ => m.clone(),
            };
            for p in expand(&cap[2]) {
                let full: Vec<String> = base.iter().cloned().chain(p).collect();
                let Some(target) = (1..=full.len())
                    .rev()
                    .map(|n| full[..n].to_vec())
                    .find(|k| mods.contains_key(k))
                else {
                    continue;
                };
                let (a, b) = (name(m), name(&target));
                let nested = b.starts_with(&format!("{a}::")) || a.starts_with(&format!("{b}::"));
                if a != b && !nested {
                    edges.entry(a).or_default().insert(b);
                }
            }
        }
    }
    // Two modules are on a circle when each reaches the other.
    let reach = |from: &str| {
        let mut seen = BTreeSet::new();
        let mut todo = vec![from.to_owned()];
        while let Some(v) = todo.pop() {
            for w in edges.get(&v).into_iter().flatten() {
                if seen.insert(w.clone()) {
                    todo.push(w.clone());
                }
            }
        }
        seen
    };
    let reached: BTreeMap<&String, BTreeSet<String>> =
        edges.keys().map(|v| (v, reach(v))).collect();
    let mut out: Vec<BTreeSet<String>> = Vec::new();
    for (v, r) in &reached {
        if !r.contains(*v) {
            continue;
        }
        let circle: BTreeSet<String> = r
            .iter()
            .filter(|w| reached.get(w).is_some_and(|back| back.contains(*v)))
            .cloned()
            .collect();
        if !out.contains(&circle) {
            out.push(circle);
        }
    }
    out
}

#[test]
fn no_module_circles_at_depth_1() {
    assert_eq!(cycles(1), Vec::<BTreeSet<String>>::new());
}

#[test]
fn no_module_circles_at_depth_2() {
    assert_eq!(cycles(2), Vec::<BTreeSet<String>>::new());
}
