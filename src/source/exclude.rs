//! `--exclude GLOB` and `exclude = ["GLOB"]`: paths that a directory walk leaves out, with the
//! gitignore-like meaning that ruff and cfn-lint users expect.
//!
//! - A pattern without a `/` (other than a trailing one) matches a file or directory name at
//!   any depth: `*.tfstate.json`, `node_modules`.
//! - A pattern with a `/` inside is anchored to its base: `inputs/policy-*.json`; a leading
//!   `/` or `./` only anchors; `**` crosses directories (`**/policies/*.json`), `*` does not.
//! - A trailing `/` matches directories only: `inputs/`. An excluded directory is not entered.
//! - The base of a command-line pattern is the working directory and also each directory
//!   given on the command line; that of a configuration pattern is the configuration file's
//!   directory, as in ruff.
//!
//! Only what a walk finds is excluded: a file or directory named on the command line is always
//! read. Negation (`!`) is not supported, and is refused rather than taken literally.

use std::path::{Component, Path, PathBuf};

use globset::{GlobBuilder, GlobMatcher};

/// Compiled exclusion patterns.
#[derive(Clone, Debug, Default)]
pub struct Exclude {
    patterns: Vec<Pattern>,
    /// The working directory when the patterns were given, which they stay relative to.
    cwd: PathBuf,
}

#[derive(Clone, Debug)]
struct Pattern {
    matcher: GlobMatcher,
    dirs_only: bool,
    /// `None`: the working directory and the walked root; else this directory.
    base: Option<PathBuf>,
}

impl Exclude {
    /// Adds a command-line pattern (relative to the working directory and to each walked
    /// root); the error says what is wrong with it.
    pub fn add_command_line(&mut self, pattern: &str) -> Result<(), String> {
        self.add(pattern, None)
    }

    /// Adds a pattern of a configuration file in `dir` (relative to it).
    pub fn add_in(&mut self, pattern: &str, dir: &Path) -> Result<(), String> {
        let dir = absolute(&working_directory(), dir);
        self.add(pattern, Some(dir))
    }

    fn add(&mut self, pattern: &str, base: Option<PathBuf>) -> Result<(), String> {
        if pattern.starts_with('!') {
            return Err(format!(
                "`{pattern}` is a negation, which exclude patterns do not support"
            ));
        }
        let dirs_only = pattern.ends_with('/');
        let body = pattern.trim_end_matches('/');
        let body = body.strip_prefix("./").unwrap_or(body);
        let anchored = body.starts_with('/') || body.contains('/');
        let body = body.trim_start_matches('/');
        if body.is_empty() {
            return Err(format!("`{pattern}` matches no path"));
        }
        let glob = if anchored {
            body.to_owned()
        } else {
            format!("**/{body}")
        };
        let matcher = GlobBuilder::new(&glob)
            .literal_separator(true)
            .build()
            .map_err(|e| format!("`{pattern}` is not a valid glob: {}", e.kind()))?
            .compile_matcher();
        self.cwd = working_directory();
        self.patterns.push(Pattern {
            matcher,
            dirs_only,
            base,
        });
        Ok(())
    }

    /// Whether a walk of `root` leaves out `path` (a path below `root`, as the walk made it).
    pub fn excludes(&self, path: &Path, is_dir: bool, root: &Path) -> bool {
        if self.patterns.is_empty() {
            return false;
        }
        let path = absolute(&self.cwd, path);
        let from = |base: &Path| path.strip_prefix(base).ok().map(Path::to_path_buf);
        let root = absolute(&self.cwd, root);
        self.patterns
            .iter()
            .filter(|p| is_dir || !p.dirs_only)
            .any(|p| {
                let relative = match &p.base {
                    Some(dir) => vec![from(dir)],
                    None => vec![from(&self.cwd), from(&root)],
                };
                relative
                    .into_iter()
                    .flatten()
                    .any(|r| !r.as_os_str().is_empty() && p.matcher.is_match(&r))
            })
    }
}

/// The working directory; without one (it was deleted) every path stays relative, and
/// relative bases still compare consistently with each other.
fn working_directory() -> PathBuf {
    std::env::current_dir().unwrap_or_default()
}

/// `path` joined to `cwd`, with `.` and `..` resolved lexically: symbolic links are not
/// followed, so that a pattern means the path as the user wrote it.
fn absolute(cwd: &Path, path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in cwd.join(path).components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn cli(patterns: &[&str]) -> Exclude {
        let mut x = Exclude::default();
        for p in patterns {
            x.add_command_line(p).unwrap();
        }
        x
    }

    #[test]
    fn gitignore_like_patterns() {
        let root = Path::new("estate");
        let x = cli(&["inputs/"]);
        assert!(x.excludes(Path::new("estate/inputs"), true, root));
        assert!(x.excludes(Path::new("estate/eu/inputs"), true, root));
        // A trailing slash: a file of that name is not excluded.
        assert!(!x.excludes(Path::new("estate/eu/inputs"), false, root));
        assert!(!x.excludes(Path::new("estate/inputs.json"), false, root));

        let x = cli(&["*.tfstate.json"]);
        assert!(x.excludes(Path::new("estate/a/b/prod.tfstate.json"), false, root));
        assert!(!x.excludes(Path::new("estate/a/b/prod.json"), false, root));

        let x = cli(&["**/policies/*.json"]);
        assert!(x.excludes(Path::new("estate/x/policies/p.json"), false, root));
        assert!(x.excludes(Path::new("estate/policies/p.json"), false, root));
        assert!(!x.excludes(Path::new("estate/policies/deeper/p.json"), false, root));

        // Anchored: relative to the working directory or to the root.
        let x = cli(&["estate/inputs/*.json"]);
        assert!(x.excludes(Path::new("estate/inputs/p.json"), false, root));
        let x = cli(&["/inputs/*.json"]);
        assert!(x.excludes(Path::new("estate/inputs/p.json"), false, root));
        assert!(!x.excludes(Path::new("estate/eu/inputs/p.json"), false, root));
        let x = cli(&["./estate/inputs"]);
        assert!(x.excludes(Path::new("./estate/inputs"), true, Path::new("./estate")));
    }

    #[test]
    fn configuration_patterns_are_relative_to_their_directory() {
        let mut x = Exclude::default();
        x.add_in("inputs/", Path::new("estate")).unwrap();
        assert!(x.excludes(Path::new("estate/inputs"), true, Path::new("estate")));
        let mut x = Exclude::default();
        x.add_in("estate/inputs/", Path::new("estate")).unwrap();
        assert!(!x.excludes(Path::new("estate/inputs"), true, Path::new("estate")));
    }

    #[test]
    fn refused_patterns() {
        let mut x = Exclude::default();
        assert_eq!(
            x.add_command_line("!keep.json"),
            Err("`!keep.json` is a negation, which exclude patterns do not support".into())
        );
        assert_eq!(x.add_command_line("/"), Err("`/` matches no path".into()));
        assert_eq!(
            x.add_command_line("a[b"),
            Err("`a[b` is not a valid glob: unclosed character class; missing ']'".into())
        );
    }
}
