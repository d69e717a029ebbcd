//! The README's editor integrations, tried as a user would: the VS Code problem matcher and the
//! vim `errorformat` are read from README.md and applied to real `--format short` output.

use crate::common;

use common::{stdout, vpclint};

fn readme() -> String {
    std::fs::read_to_string(common::root().join("README.md")).unwrap()
}

/// The fenced block of `lang` that follows `heading`.
fn block(heading: &str, lang: &str) -> String {
    let text = readme();
    let after = &text[text.find(heading).unwrap()..];
    let start = after.find(&format!("```{lang}\n")).unwrap() + lang.len() + 4;
    let len = after[start..].find("```").unwrap();
    after[start..start + len].to_owned()
}

/// Short output with findings of every severity and an input error.
fn short_lines() -> String {
    let findings = stdout(&vpclint(&[
        "check",
        "--format",
        "short",
        "--config",
        "testdata/suppress/vpclint.toml",
        "testdata/demo",
        "testdata/suppress/tagged.json",
    ]));
    let errors = stdout(&vpclint(&[
        "check",
        "--format",
        "short",
        "testdata/bad/invalid_cidr.json",
    ]));
    findings + &errors
}

#[test]
fn vscode_problem_matcher_reads_every_line() {
    let tasks: serde_json::Value = serde_json::from_str(&block("### VS Code", "json")).unwrap();
    let task = &tasks["tasks"][0];
    assert_eq!(task["command"], "vpclint check --format short snapshot/");
    let pattern = &task["problemMatcher"]["pattern"];
    let re = regex::Regex::new(pattern["regexp"].as_str().unwrap()).unwrap();
    let group = |name: &str| pattern[name].as_u64().unwrap() as usize;
    let text = short_lines();
    let mut severities = std::collections::BTreeSet::new();
    for line in text.lines() {
        let c = re
            .captures(line)
            .unwrap_or_else(|| panic!("no match: {line}"));
        assert!(
            c[group("file")].ends_with(".json") || c[group("file")].ends_with(".toml"),
            "{line}"
        );
        assert!(c[group("line")].parse::<usize>().unwrap() > 0);
        assert!(c[group("column")].parse::<usize>().unwrap() > 0);
        severities.insert(c[group("severity")].to_owned());
        assert!(!c[group("message")].is_empty());
    }
    assert_eq!(
        severities.into_iter().collect::<Vec<_>>(),
        vec!["error", "info", "warning"]
    );
    let first = re.captures(text.lines().next().unwrap()).unwrap();
    assert_eq!(
        (&first[1], &first[2], &first[3], &first[4], &first[5]),
        (
            "testdata/demo/123456789012/eu-west-1/describe-vpc-endpoints.json",
            "147",
            "28",
            "info",
            "VPCE006"
        )
    );
    let last = re.captures(text.lines().last().unwrap()).unwrap();
    assert_eq!(&last[5], "input/invalid-value");
}

#[test]
fn vim_errorformat_fills_the_quickfix_list() {
    let Ok(version) = std::process::Command::new("vim").arg("--version").output() else {
        // Not every machine has vim; the VS Code matcher test covers the same format.
        return;
    };
    assert!(version.status.success());
    let setting = block("### Vim", "vim")
        .lines()
        .find(|l| l.starts_with("set errorformat="))
        .unwrap()
        .to_owned();
    let dir = std::env::temp_dir().join(format!("vpclint-vim-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let text = short_lines();
    std::fs::write(dir.join("short.txt"), &text).unwrap();
    let script = format!(
        "{setting}\ncgetfile {short}\ncall writefile(map(getqflist(), {{_, e -> bufname(e.bufnr) . '|' . e.lnum . '|' . e.col . '|' . e.type . '|' . e.valid}}), '{qf}')\nqa!\n",
        short = dir.join("short.txt").display(),
        qf = dir.join("qf.txt").display()
    );
    std::fs::write(dir.join("script.vim"), script).unwrap();
    let status = std::process::Command::new("vim")
        .args(["-Nu", "NONE", "-i", "NONE", "-es", "-c"])
        .arg(format!("source {}", dir.join("script.vim").display()))
        .current_dir(common::root())
        .status()
        .unwrap();
    assert!(status.success());
    let qf = std::fs::read_to_string(dir.join("qf.txt")).unwrap();
    let entries: Vec<&str> = qf.lines().collect();
    assert_eq!(entries.len(), text.lines().count());
    assert_eq!(
        entries[0],
        "testdata/demo/123456789012/eu-west-1/describe-vpc-endpoints.json|147|28|i|1"
    );
    let types: std::collections::BTreeSet<&str> = entries
        .iter()
        .map(|e| e.split('|').nth(3).unwrap())
        .collect();
    assert_eq!(types.into_iter().collect::<Vec<_>>(), vec!["e", "i", "w"]);
    assert!(entries.iter().all(|e| e.ends_with("|1")), "{qf}");
}
