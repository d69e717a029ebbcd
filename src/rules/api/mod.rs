//! Rules about private API Gateway REST APIs.

pub mod private_api_unreachable;
