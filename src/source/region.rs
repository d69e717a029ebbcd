//! Account and region hints in AWS names: Availability Zones, ARNs, service names, folders.

/// `eu-west-1a` → `eu-west-1`; also local zones (`us-west-2-lax-1a` → `us-west-2`).
pub fn from_az(az: &str) -> Option<String> {
    let mut parts = Vec::new();
    for part in az.split('-') {
        if part.starts_with(|c: char| c.is_ascii_digit()) {
            let digits: String = part.chars().take_while(char::is_ascii_digit).collect();
            if parts.len() < 2 {
                return None;
            }
            parts.push(digits);
            return Some(parts.join("-"));
        }
        parts.push(part.to_owned());
    }
    None
}

/// Whether `name` looks like a region (`eu-west-1`, `us-gov-west-1`).
pub fn is_region(name: &str) -> bool {
    from_az(name).as_deref() == Some(name)
}

/// The region of an ARN (`arn:aws:ec2:eu-west-1:123456789012:subnet/…`).
pub fn from_arn(arn: &str) -> Option<String> {
    let region = arn.split(':').nth(3)?;
    is_region(region).then(|| region.to_owned())
}

/// `com.amazonaws.eu-west-1.s3` or `com.amazonaws.vpce.eu-west-1.vpce-svc-…` → `eu-west-1`.
pub fn from_service_name(name: &str) -> Option<String> {
    name.split('.')
        .take(4)
        .find(|p| is_region(p))
        .map(str::to_owned)
}

/// Whether `name` is a 12-digit account id.
pub fn is_account(name: &str) -> bool {
    name.len() == 12 && name.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn azs() {
        assert_eq!(from_az("eu-west-1a").as_deref(), Some("eu-west-1"));
        assert_eq!(from_az("us-gov-west-1b").as_deref(), Some("us-gov-west-1"));
        assert_eq!(from_az("us-west-2-lax-1a").as_deref(), Some("us-west-2"));
        assert_eq!(from_az("default"), None);
        assert_eq!(from_az("1a"), None);
        assert!(is_region("ap-southeast-2"));
        assert!(!is_region("ap-southeast-2a"));
    }

    #[test]
    fn names() {
        assert_eq!(
            from_service_name("com.amazonaws.vpce.eu-west-1.vpce-svc-0b16e88f3b706aaf1").as_deref(),
            Some("eu-west-1")
        );
        assert_eq!(
            from_service_name("com.amazonaws.us-east-1.execute-api").as_deref(),
            Some("us-east-1")
        );
        assert_eq!(
            from_arn("arn:aws:ec2:eu-west-1:123456789012:subnet/subnet-1").as_deref(),
            Some("eu-west-1")
        );
        assert!(is_account("123456789012"));
        assert!(!is_account("12345678901"));
    }
}
