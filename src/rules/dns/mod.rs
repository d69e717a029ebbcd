//! Rules about private DNS of interface endpoints.

pub mod private_dns_conflict;
pub mod private_dns_disabled;
pub mod vpc_dns_attributes_disabled;
