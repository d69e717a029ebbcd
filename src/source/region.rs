//! Account and region hints in AWS names: Availability Zones, ARNs, service names, folders.

/// Directions that AWS region names use after the partition prefix.
const DIRECTIONS: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "central",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
];

/// `eu-west-1a` → `eu-west-1`; also local zones (`us-west-2-lax-1a` → `us-west-2`).
pub fn from_az(az: &str) -> Option<String> {
    let mut parts = az.split('-');
    let geo = parts.next()?;
    if geo.len() != 2 || !geo.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    let mut region = vec![geo];
    let mut next = parts.next()?;
    // Partitions with their own infix: us-gov-west-1, us-iso-east-1, us-isob-east-1.
    if matches!(next, "gov" | "iso" | "isob" | "isof") {
        region.push(next);
        next = parts.next()?;
    }
    if !DIRECTIONS.contains(&next) {
        return None;
    }
    region.push(next);
    let number = parts.next()?;
    let digits: String = number.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return None;
    }
    Some(format!("{}-{digits}", region.join("-")))
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
        assert_eq!(from_az("vpclint-dup-9333"), None);
        assert_eq!(from_az("build-output-2"), None);
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
