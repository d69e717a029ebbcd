//! API002 `execute-api-private-dns-public-api`.

use crate::finding::{Action, Finding, Remedy, Spot};
use crate::model::{RestApi, VpcEndpoint};
use crate::rules::{declare_rule, refs, Context};

declare_rule! {
    /// An execute-api endpoint with private DNS on in an account that also has public REST APIs
    ///
    /// ## What it does
    /// Reports `execute-api` interface endpoints with private DNS on when the input also holds REST APIs
    /// (`aws apigateway get-rest-apis`) of the same account and region whose endpoint type is
    /// `REGIONAL` or `EDGE`, and names them.
    ///
    /// ## Why is this bad?
    /// With private DNS on, every `*.execute-api.<region>.amazonaws.com` name in the VPC resolves to the
    /// endpoint, which serves only private APIs: a call from the VPC to a public (regional or
    /// edge-optimized) API of that region reaches the endpoint and gets `403 Forbidden`.
    ///
    /// ## Example
    /// An endpoint `com.amazonaws.eu-west-1.execute-api` with private DNS on, and a `REGIONAL` API
    /// `a1b2c3d4e5` that a Lambda function in the VPC calls.
    ///
    /// Use instead: call public APIs through a custom domain name (which resolves publicly), or turn
    /// private DNS off and call private APIs by their endpoint-specific names
    /// (`https://{api-id}-{vpce-id}.execute-api.<region>.amazonaws.com`).
    ///
    /// ## References
    /// - [Private REST APIs in API Gateway](https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-private-apis.html)
    /// - [Why do I get an HTTP 403 Forbidden error when I connect to my API Gateway APIs from a VPC?](https://repost.aws/knowledge-center/api-gateway-vpc-connections)
    API002 "execute-api-private-dns-public-api" {
        category: Correctness,
        severity: Warning,
        input: Estate,
        check: check,
    }
}

fn check(cx: &Context<'_>) -> Vec<Finding> {
    let estate = cx.estate;
    estate
        .endpoints
        .values()
        .filter(|ep| {
            ep.private_dns_on()
                && ep.service_name.ends_with(".execute-api")
                && !refs::is_gone(&ep.state)
        })
        .filter_map(|ep| {
            let public: Vec<&RestApi> = estate
                .rest_apis
                .values()
                .filter(|api| is_public(api) && same_place(ep, api))
                .collect();
            let first = public.first()?;
            let names: Vec<String> = public.iter().map(|a| refs::describe_api(a)).collect();
            let region = ep.scope.region.as_deref().unwrap_or("<region>");
            let message = format!(
                "Interface endpoint {} has private DNS on: every `*.execute-api.{region}.amazonaws.com` name in `{}` resolves to it, so calls from the VPC to the public REST API {} get 403 Forbidden",
                refs::describe(ep),
                ep.vpc_id,
                names.join(", ")
            );
            let remedy = Remedy::say(
                "Call the public APIs through custom domain names, which resolve publicly; or turn private DNS off and call private APIs by their endpoint-specific names: ",
            )
            .then(Action::EndpointPrivateDns {
                endpoint: refs::endpoint(ep),
                on: false,
            });
            Some(
                Finding::new(&RULE, refs::endpoint(ep), message)
                    .at(
                        Spot::member(&ep.origin, "PrivateDnsEnabled"),
                        "claims every execute-api name",
                    )
                    .related(
                        refs::rest_api(first),
                        Some(Spot::value(&first.origin)),
                        "a public API the VPC cannot call",
                    )
                    .remedy(remedy),
            )
        })
        .collect()
}

fn is_public(api: &RestApi) -> bool {
    api.endpoint_types
        .iter()
        .any(|t| t.eq_ignore_ascii_case("REGIONAL") || t.eq_ignore_ascii_case("EDGE"))
}

/// The API is in the endpoint's account and region, as far as both are known.
fn same_place(ep: &VpcEndpoint, api: &RestApi) -> bool {
    let agree = |a: &Option<String>, b: &Option<String>| match (a, b) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    };
    agree(&ep.scope.account, &api.scope.account) && agree(&ep.scope.region, &api.scope.region)
}
