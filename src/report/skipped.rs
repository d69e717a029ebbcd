//! The files a directory walk left unread because they are not inputs: one warning line each,
//! for stderr, whatever the format of the report on stdout.

use std::fmt::Write as _;

use super::Report;
use crate::source::Skipped;

/// `not read: an IAM policy document, not the output of an AWS CLI call`: why a file was
/// skipped, as every format words it.
pub(crate) fn reason(s: &Skipped) -> String {
    format!("not read: {}", s.what.description())
}

/// `warning: PATH: not read: … (pass --exclude to silence)`, one line per skipped file, with
/// `warning` in bold yellow when `color`.
pub fn render_skipped(report: &Report, color: bool) -> String {
    let label = if color {
        "\u{1b}[1;33mwarning\u{1b}[0m"
    } else {
        "warning"
    };
    let mut out = String::new();
    for s in &report.skipped {
        let _ = writeln!(
            out,
            "{label}: {}: {} (pass --exclude to silence)",
            s.path.display(),
            reason(s)
        );
    }
    out
}
