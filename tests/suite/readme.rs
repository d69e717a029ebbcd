//! The README's samples of vpclint output are the real output: each fenced block after a
//! `<!-- sample: vpclint ARGS -->` comment is what `vpclint ARGS` prints on stdout (on stderr for
//! `<!-- sample, stderr: … -->`), run at the crate root without colour, after a `$ vpclint ARGS`
//! line. `VPCLINT_BLESS=1 cargo test readme` writes them anew.

use crate::common;

const STDOUT: &str = "<!-- sample: ";
const STDERR: &str = "<!-- sample, stderr: ";

/// The block a marker stands for: the command line, then what it printed.
fn sample(marker: &str) -> Option<String> {
    let (command, stderr) = match (marker.strip_prefix(STDOUT), marker.strip_prefix(STDERR)) {
        (Some(c), _) => (c, false),
        (_, Some(c)) => (c, true),
        _ => return None,
    };
    let command = command.trim_end().strip_suffix("-->")?.trim();
    let args: Vec<&str> = command.split_whitespace().collect();
    assert_eq!(
        args.first(),
        Some(&"vpclint"),
        "a sample runs vpclint: {marker}"
    );
    let out = common::vpclint(&args[1..]);
    Some(if stderr {
        format!("$ {command} >/dev/null\n{}", common::stderr(&out))
    } else {
        format!("$ {command}\n{}", common::stdout(&out))
    })
}

/// README.md with every marked block replaced by the real output.
fn with_real_samples(readme: &str) -> String {
    let mut out = String::new();
    let mut lines = readme.split_inclusive('\n');
    let mut samples = 0;
    while let Some(line) = lines.next() {
        out.push_str(line);
        let Some(block) = sample(line) else { continue };
        samples += 1;
        let fence = lines.next().unwrap_or_default();
        assert!(fence.starts_with("```"), "a fenced block follows {line}");
        out.push_str(fence);
        out.push_str(&block);
        // The old block, up to its closing fence, which is kept.
        for old in lines.by_ref() {
            if old.trim_end() == "```" {
                out.push_str(old);
                break;
            }
        }
    }
    assert!(samples >= 3, "the README marks its samples");
    out
}

#[test]
fn readme_samples_are_real_output() {
    let path = common::root().join("README.md");
    let _readme = common::README.lock().unwrap_or_else(|e| e.into_inner());
    let readme = std::fs::read_to_string(&path).unwrap();
    common::generated(&path, &with_real_samples(&readme), "readme");
}
