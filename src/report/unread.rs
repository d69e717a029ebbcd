//! The accounts live mode could not read when `--allow-partial` let the rest be checked: one
//! warning each, for stderr, whatever the format of the report on stdout (the JSON and SARIF
//! reports list them too).

use std::fmt::Write as _;

use super::Report;

/// `warning: aws://ACCOUNT: not read: …`, one line per failed call, then how many accounts the
/// findings leave out; `warning` in bold yellow when `color`.
pub fn render_unread(report: &Report, color: bool) -> String {
    if report.unread.is_empty() {
        return String::new();
    }
    let label = if color {
        "\u{1b}[1;33mwarning\u{1b}[0m"
    } else {
        "warning"
    };
    let mut out = String::new();
    let mut accounts = std::collections::BTreeSet::new();
    for e in &report.unread {
        let place = e.path.display().to_string();
        let account = place
            .strip_prefix("aws://")
            .and_then(|rest| rest.split('/').next())
            .unwrap_or_default()
            .to_owned();
        accounts.insert(account);
        let _ = writeln!(out, "{label}: {place}: not read: {}", e.message);
    }
    let _ = writeln!(
        out,
        "{label}: {} account{} not read ({}); the findings cover the accounts that were \
         (--allow-partial)",
        accounts.len(),
        if accounts.len() == 1 { "" } else { "s" },
        accounts.into_iter().collect::<Vec<_>>().join(", ")
    );
    out
}
