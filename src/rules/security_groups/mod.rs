//! Rules about security groups.

pub mod endpoint_open_to_world;
