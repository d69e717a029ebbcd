//! Each transit gateway route table's routes, associations and propagations read live, written
//! as the AWS CLI prints them and where an export puts them: in a folder named after the table,
//! beside the region's documents (the outputs do not name their table).

use aws_sdk_ec2::types::Filter;
use aws_sdk_ec2::Client;
use serde_json::Value;

use super::shapes::{self, Cli};
use super::{call_error, InputError, Scope, Shared};

/// The documents of every table in `tables`: (file relative to the region, document).
pub(super) async fn route_table_contents(
    client: &Client,
    scope: &Scope,
    shared: &Shared,
    tables: Vec<String>,
) -> Result<Vec<(String, Value)>, InputError> {
    let mut out = Vec::new();
    for table in tables {
        // The CLI's recipe asks for every route that decides something: active and blackhole.
        let state = Filter::builder()
            .name("state")
            .values("active")
            .values("blackhole")
            .build();
        let routes = {
            let _permit = shared.limit.acquire().await;
            shared.count("SearchTransitGatewayRoutes");
            client
                .search_transit_gateway_routes()
                .transit_gateway_route_table_id(&table)
                .filters(state)
                .send()
                .await
                .map_err(|e| call_error(scope, "SearchTransitGatewayRoutes", &e))?
        };
        let mut doc = shapes::document("Routes", routes.routes().iter().map(Cli::cli).collect());
        if let (Value::Object(map), Some(more)) = (&mut doc, routes.additional_routes_available()) {
            map.insert("AdditionalRoutesAvailable".into(), Value::from(more));
        }
        out.push((format!("{table}/search-transit-gateway-routes.json"), doc));
        let associations = pages!(
            shared,
            scope,
            "GetTransitGatewayRouteTableAssociations",
            client
                .get_transit_gateway_route_table_associations()
                .transit_gateway_route_table_id(&table),
            associations,
            Cli::cli
        )?;
        out.push((
            format!("{table}/get-transit-gateway-route-table-associations.json"),
            shapes::document("Associations", associations),
        ));
        let propagations = pages!(
            shared,
            scope,
            "GetTransitGatewayRouteTablePropagations",
            client
                .get_transit_gateway_route_table_propagations()
                .transit_gateway_route_table_id(&table),
            transit_gateway_route_table_propagations,
            Cli::cli
        )?;
        out.push((
            format!("{table}/get-transit-gateway-route-table-propagations.json"),
            shapes::document("TransitGatewayRouteTablePropagations", propagations),
        ));
    }
    Ok(out)
}
