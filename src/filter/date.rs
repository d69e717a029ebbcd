//! Calendar dates (UTC) for suppression expiry.

pub use jiff::civil::Date;

/// Parses `YYYY-MM-DD` exactly (no time, no other form), checking that the day exists.
pub fn parse(s: &str) -> Option<Date> {
    let shaped = s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    shaped.then(|| s.parse().ok()).flatten()
}

/// Today in UTC.
pub fn today() -> Date {
    jiff::tz::Offset::UTC
        .to_datetime(jiff::Timestamp::now())
        .date()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_print() {
        let d = parse("2024-02-29");
        assert_eq!(d.map(|d| d.to_string()).as_deref(), Some("2024-02-29"));
        assert_eq!(parse("2023-02-29"), None);
        assert_eq!(parse("2024-13-01"), None);
        assert_eq!(parse("2024-1-01"), None);
        assert_eq!(parse("2024-01-01T00:00:00"), None);
        assert_eq!(parse("+002024-01-01"), None);
    }

    #[test]
    fn today_is_after_the_project_began() {
        assert!(Some(today()) > parse("2024-01-01"));
    }
}
