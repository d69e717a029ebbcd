//! Name resolution read live: Route 53's private hosted zones (global: once per account) and
//! Route 53 Resolver's rules, associations and endpoints (per region), written as the AWS CLI
//! prints them and where an export puts them: `ACCOUNT/list-hosted-zones.json`, each private
//! zone's `get-hosted-zone.json` and `list-resource-record-sets.json` in
//! `ACCOUNT/route53/ZONEID/` (a record set does not name its zone), and the Resolver's lists
//! beside the region's EC2 documents.

use std::path::{Path, PathBuf};

use aws_config::{Region, SdkConfig};
use serde_json::{Map, Value};

use super::shapes::{self, Cli};
use super::{call_error, InputError, Retried, Scope, Shared};

/// A zone id as Route 53 returns it (`/hostedzone/Z123`), without its prefix.
fn zone_id(id: &str) -> &str {
    id.rsplit('/').next().unwrap_or(id)
}

fn route53_client(config: &SdkConfig, region: &str, retried: &Retried) -> aws_sdk_route53::Client {
    let conf = aws_sdk_route53::config::Builder::from(config)
        .region(Region::new(region.to_owned()))
        .interceptor(retried.clone())
        .build();
    aws_sdk_route53::Client::from_conf(conf)
}

/// The Resolver client of a region.
pub(super) fn resolver_client(
    config: &SdkConfig,
    region: &str,
    retried: &Retried,
) -> aws_sdk_route53resolver::Client {
    let conf = aws_sdk_route53resolver::config::Builder::from(config)
        .region(Region::new(region.to_owned()))
        .interceptor(retried.clone())
        .build();
    aws_sdk_route53resolver::Client::from_conf(conf)
}

/// An account's hosted zones, and the VPC associations and records of its private ones (the
/// only ones the resolution model reads: a public zone's records can run to millions).
pub(super) async fn hosted_zones(
    config: &SdkConfig,
    home: &str,
    account: &str,
    shared: &Shared,
) -> Result<Vec<(PathBuf, String)>, InputError> {
    let client = route53_client(config, home, &shared.retried);
    let scope = Scope {
        account: account.to_owned(),
        region: "route53".to_owned(),
    };
    let zones = pages!(
        shared,
        scope,
        "ListHostedZones",
        client.list_hosted_zones(),
        hosted_zones,
        Cli::cli
    )?;
    let account_dir = Path::new(account);
    let mut out = vec![(
        account_dir.join("list-hosted-zones.json"),
        shapes::to_text(&shapes::document("HostedZones", zones.clone())),
    )];
    let private: Vec<String> = zones
        .iter()
        .filter(|z| z["Config"]["PrivateZone"] == Value::Bool(true))
        .filter_map(|z| z["Id"].as_str().map(|id| zone_id(id).to_owned()))
        .collect();
    for id in private {
        let folder = account_dir.join("route53").join(&id);
        let zone = {
            let _permit = shared.limit.acquire().await;
            shared.count("GetHostedZone");
            client
                .get_hosted_zone()
                .id(&id)
                .send()
                .await
                .map_err(|e| call_error(&scope, "GetHostedZone", &e))?
        };
        let mut doc = Map::new();
        if let Some(z) = zone.hosted_zone() {
            doc.insert("HostedZone".into(), z.cli());
        }
        doc.insert(
            "VPCs".into(),
            Value::Array(zone.vpcs().iter().map(Cli::cli).collect()),
        );
        out.push((
            folder.join("get-hosted-zone.json"),
            shapes::to_text(&Value::Object(doc)),
        ));
        let records = record_sets(&client, &scope, shared, &id).await?;
        out.push((
            folder.join("list-resource-record-sets.json"),
            shapes::to_text(&shapes::document("ResourceRecordSets", records)),
        ));
    }
    Ok(out)
}

/// Every record set of a zone, following `NextRecordName`/`Type`/`Identifier` by hand (the
/// SDK has no paginator for this call).
async fn record_sets(
    client: &aws_sdk_route53::Client,
    scope: &Scope,
    shared: &Shared,
    zone: &str,
) -> Result<Vec<Value>, InputError> {
    let mut out = Vec::new();
    let mut next: Option<(String, aws_sdk_route53::types::RrType, Option<String>)> = None;
    loop {
        let mut request = client.list_resource_record_sets().hosted_zone_id(zone);
        if let Some((name, rtype, identifier)) = next.take() {
            request = request
                .start_record_name(name)
                .start_record_type(rtype)
                .set_start_record_identifier(identifier);
        }
        if let Some(n) = shared.page_size {
            request = request.max_items(n);
        }
        let page = {
            let _permit = shared.limit.acquire().await;
            shared.count("ListResourceRecordSets");
            request
                .send()
                .await
                .map_err(|e| call_error(scope, "ListResourceRecordSets", &e))?
        };
        out.extend(page.resource_record_sets().iter().map(Cli::cli));
        match (
            page.is_truncated(),
            page.next_record_name(),
            page.next_record_type(),
        ) {
            (true, Some(name), Some(rtype)) => {
                next = Some((
                    name.to_owned(),
                    rtype.clone(),
                    page.next_record_identifier().map(str::to_owned),
                ));
            }
            _ => return Ok(out),
        }
    }
}
