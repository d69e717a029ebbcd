//! Rules about endpoint services this estate provides.

pub mod endpoint_service_open_principals;
