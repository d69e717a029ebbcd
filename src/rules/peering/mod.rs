//! Rules about VPC peering connections.

pub mod peering_cidr_overlap;
