//! Rules about the endpoints themselves: placement, life-cycle and reachability.

pub mod endpoint_missing_client_az;
pub mod endpoint_not_available;
pub mod endpoint_port_blocked;
pub mod endpoint_port_range_incomplete;
pub mod single_az_endpoint;
