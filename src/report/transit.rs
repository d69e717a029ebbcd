//! Transit gateway reasons of a `reach` trace as data.

use serde_json::{json, Value};

use crate::net::Reason;

/// The reason as data, for the transit gateway reasons.
pub(super) fn reason_json(r: &Reason) -> Option<Value> {
    Some(match r {
        Reason::TgwNoAttachment { tgw, vpc } => {
            json!({"kind": "tgw-no-attachment", "transit_gateway": tgw, "vpc": vpc})
        }
        Reason::TgwAttachmentDown { attachment, state } => {
            json!({"kind": "tgw-attachment-not-available", "attachment": attachment, "state": state})
        }
        Reason::TgwNotAssociated { attachment } => {
            json!({"kind": "tgw-attachment-not-associated", "attachment": attachment})
        }
        Reason::TgwRoutesNotRead { table } => {
            json!({"kind": "tgw-routes-not-in-input", "table": table})
        }
        Reason::TgwNoRoute { table, dest } => {
            json!({"kind": "tgw-no-route", "table": table, "destination": dest.to_string()})
        }
        Reason::TgwBlackhole { table, index } => {
            json!({"kind": "tgw-blackhole-route", "table": table, "route": index})
        }
        Reason::TgwRoute {
            table,
            index,
            attachment,
        } => json!({"kind": "tgw-route", "table": table, "route": index, "attachment": attachment}),
        Reason::TgwRouteElsewhere {
            table,
            index,
            attachment,
        } => json!({
            "kind": "tgw-route-elsewhere", "table": table, "route": index, "attachment": attachment,
        }),
        _ => return None,
    })
}
