//! Live mode's driver: the command line's AWS options as the reader's, and what `check --aws`
//! and `export` do with the accounts it reads.

use crate::source::{Document, InputError};

/// What the live reader gives the check.
pub struct Live {
    /// The documents of every account read, by their `aws://` names, in export order.
    pub documents: Vec<Document>,
    /// What kept accounts from being read: each error names the account, the call and, when
    /// denied, the missing permission.
    pub unread: Vec<InputError>,
}

/// What `export` did.
pub struct Exported {
    /// Accounts written, regions, files and requests, for stderr.
    pub summary: String,
    /// What kept accounts from being read (nothing of them was written).
    pub unread: Vec<InputError>,
}

#[cfg(feature = "aws")]
mod imp {
    use std::collections::BTreeMap;
    use std::fmt::Write as _;
    use std::path::PathBuf;

    use super::{Exported, Live};
    use crate::cli::{AwsArgs, ExportArgs};
    use crate::source::aws::{self, Accounts, Done, ExportDir, Options, Shard};
    use crate::source::{InputError, InputErrorKind};

    /// Reads what `args` ask for, keeping every document in memory.
    pub fn read(args: &AwsArgs) -> Result<Live, Vec<InputError>> {
        let opts = options(args)?;
        let mut documents: Vec<(PathBuf, String)> = Vec::new();
        let summary = aws::read(&opts, &mut |done| {
            match done {
                Done::Organization(rel, text) => documents.push((rel, text)),
                Done::Account(read) => documents.extend(read.documents),
            }
            Ok(())
        })?;
        // Export order (what walking the folders of an export gives), so that file ids, and
        // with them every tie in the report's order, are those of `check` on an export.
        documents.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(Live {
            documents: documents
                .into_iter()
                .map(|(rel, text)| aws::loader_document(&rel, text))
                .collect(),
            unread: summary.unread.into_iter().flat_map(|(_, e)| e).collect(),
        })
    }

    /// Reads and writes each account to `args.out` as it completes.
    pub fn export(args: &ExportArgs) -> Result<Exported, Vec<InputError>> {
        let mut opts = options(&args.live)?;
        let dir = ExportDir::open(&args.out)?;
        if args.resume {
            opts.skip = dir.exported()?.into_iter().collect();
        }
        let mut written: BTreeMap<String, (Vec<String>, usize)> = BTreeMap::new();
        let summary = aws::read(&opts, &mut |done| match done {
            Done::Organization(rel, text) => dir.put_file(&rel, &text),
            Done::Account(read) if read.errors.is_empty() => {
                dir.put_account(&read.account, &read.documents)?;
                written.insert(read.account, (read.regions, read.documents.len()));
                Ok(())
            }
            Done::Account(_) => Ok(()),
        })?;
        dir.close()?;
        let mut text = String::new();
        for (account, (regions, files)) in &written {
            let _ = writeln!(
                text,
                "exported account {account} ({} region(s): {}): {files} files",
                regions.len(),
                regions.join(", "),
            );
        }
        for (account, why) in &summary.left_out {
            let _ = writeln!(text, "left out account {account}: {why}");
        }
        let calls: usize = summary.calls.values().sum();
        let per_call: Vec<String> = summary
            .calls
            .iter()
            .map(|(op, n)| format!("{op} {n}"))
            .collect();
        let _ = write!(
            text,
            "{} account(s) to {}, {} not read: {} files from {calls} requests ({}); {} attempts \
             retried (throttled or failed transiently)",
            written.len(),
            args.out.display(),
            summary.unread.len(),
            written.values().map(|(_, n)| n).sum::<usize>(),
            per_call.join(", "),
            summary.retried
        );
        Ok(Exported {
            summary: text,
            unread: summary.unread.into_iter().flat_map(|(_, e)| e).collect(),
        })
    }

    /// The reader's options from the command line's.
    fn options(args: &AwsArgs) -> Result<Options, Vec<InputError>> {
        let accounts = if args.org {
            Accounts::Organization
        } else if let Some(path) = &args.accounts_file {
            let text = std::fs::read_to_string(path).map_err(|e| {
                vec![InputError::at_path(
                    InputErrorKind::Io,
                    path,
                    format!("cannot read: {e}"),
                )]
            })?;
            let mut ids = aws::parse_accounts_file(&text)
                .map_err(|e| vec![InputError::at_path(InputErrorKind::Aws, path, e)])?;
            ids.extend(args.accounts.iter().cloned());
            Accounts::Listed(ids)
        } else if !args.accounts.is_empty() {
            Accounts::Listed(args.accounts.clone())
        } else {
            Accounts::Caller
        };
        if let Accounts::Listed(ids) = &accounts {
            let bad: Vec<InputError> = ids
                .iter()
                .filter(|id| !crate::source::region::is_account(id))
                .map(|id| {
                    InputError::at_path(
                        InputErrorKind::Aws,
                        "--accounts",
                        format!("`{id}` is not an AWS account id (12 digits)"),
                    )
                })
                .collect();
            if !bad.is_empty() {
                return Err(bad);
            }
        }
        Ok(Options {
            profiles: args.profiles.clone(),
            regions: args.regions.clone(),
            all_regions: args.all_regions,
            endpoint_url: args.endpoint_url.clone(),
            page_size: args.page_size,
            max_attempts: Some(args.max_attempts.unwrap_or(5)),
            adaptive: args.retry_mode == crate::cli::RetryMode::Adaptive,
            accounts,
            role_name: args.role_name.clone(),
            external_id: args.external_id.clone(),
            skip_caller: args.skip_caller,
            shard: args.shard.map(|s| Shard {
                index: s.index,
                count: s.count,
            }),
            skip: Default::default(),
        })
    }
}

#[cfg(feature = "aws")]
pub use imp::{export, read};

/// Without the `aws` feature there is nothing to read with.
#[cfg(not(feature = "aws"))]
pub fn read(_: &crate::cli::AwsArgs) -> Result<Live, Vec<InputError>> {
    Err(vec![not_built()])
}

/// Without the `aws` feature there is nothing to read with.
#[cfg(not(feature = "aws"))]
pub fn export(_: &crate::cli::ExportArgs) -> Result<Exported, Vec<InputError>> {
    Err(vec![not_built()])
}

#[cfg(not(feature = "aws"))]
fn not_built() -> InputError {
    InputError::at_path(
        crate::source::InputErrorKind::Aws,
        "--aws",
        "this vpclint was built without the `aws` feature; rebuild with default features",
    )
}
