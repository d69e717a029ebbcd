//! Rules about subnets' network ACLs and routes.

pub mod nacl_blocks_endpoint;
