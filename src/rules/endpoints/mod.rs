//! Rules about the endpoints themselves: placement and life-cycle.

pub mod endpoint_not_available;
pub mod single_az_endpoint;
