//! API Gateway REST APIs, as far as private connectivity is concerned.

use super::{Origin, RestApiId, Scope, Tags, VpceId};

/// A REST API from `aws apigateway get-rest-apis`.
#[derive(Clone, Debug, PartialEq)]
pub struct RestApi {
    /// The API id (`a1b2c3d4e5`), the first label of its `execute-api` host name.
    pub id: RestApiId,
    /// Its name.
    pub name: String,
    /// Account and region (from the folder layout: the output names neither).
    pub scope: Scope,
    /// `endpointConfiguration.types`: `EDGE`, `REGIONAL`, `PRIVATE`.
    pub endpoint_types: Vec<String>,
    /// `endpointConfiguration.vpcEndpointIds`: the endpoints associated with a private API.
    pub vpc_endpoint_ids: Vec<VpceId>,
    /// The resource policy as the JSON string decodes; API Gateway escapes the document once
    /// more, so this is usually `{\"Version\": ...}`.
    pub policy: Option<String>,
    /// Tags.
    pub tags: Tags,
    /// Where it was read.
    pub origin: Origin,
}

impl RestApi {
    /// Whether the API is private (reachable only through `execute-api` interface endpoints).
    pub fn is_private(&self) -> bool {
        self.endpoint_types
            .iter()
            .any(|t| t.eq_ignore_ascii_case("PRIVATE"))
    }
}
