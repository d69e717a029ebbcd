//! Transit gateway changes: attachments, route table associations, propagations and routes.

use ipnet::IpNet;

/// A change to a transit gateway that lets traffic between two VPCs through.
#[derive(Clone, Debug, PartialEq)]
pub enum TransitChange {
    /// Attach a VPC to a transit gateway.
    Attach {
        /// `tgw-…`
        tgw: String,
        /// The VPC.
        vpc: String,
    },
    /// Accept an attachment waiting for acceptance, in the gateway owner's account.
    Accept {
        /// `tgw-attach-…`
        attachment: String,
    },
    /// Associate an attachment with a route table.
    Associate {
        /// `tgw-rtb-…`, when one can be named.
        table: Option<String>,
        /// `tgw-attach-…`
        attachment: String,
    },
    /// Propagate an attachment's routes to a route table.
    Propagate {
        /// `tgw-rtb-…`
        table: String,
        /// `tgw-attach-…`
        attachment: String,
    },
    /// Add (or replace) a static route.
    Route {
        /// `tgw-rtb-…`
        table: String,
        /// The destination.
        destination: IpNet,
        /// `tgw-attach-…`, when the destination's VPC has one.
        attachment: Option<String>,
        /// Replace an existing route rather than create one.
        replace: bool,
    },
}
