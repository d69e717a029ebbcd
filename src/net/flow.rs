//! The two ends of a flow: a client (addresses, optionally a subnet and security groups) and one
//! network interface of a target.

use std::borrow::Cow;

use crate::model::{SgId, Subnet};

use super::packets::AddrSet;

/// The client's ephemeral ports that replies go to (AWS's recommendation for NACLs).
pub const EPHEMERAL: (u16, u16) = (1024, 65535);

/// The client end of a flow.
pub(crate) struct Source<'e> {
    /// Its addresses.
    pub addrs: AddrSet,
    /// The subnet it sends from, when known (a CIDR outside every subnet has none).
    pub subnet: Option<&'e Subnet>,
    /// Its security groups, when it is a network interface (a subnet's instances' groups are
    /// unknown).
    pub groups: Vec<SgId>,
}

/// The target end of a flow: one network interface.
pub(crate) struct Target<'e> {
    /// Its subnet.
    pub subnet: &'e Subnet,
    /// Its addresses (the subnet's blocks when the exact addresses are unknown).
    pub addrs: AddrSet,
    /// Its security groups.
    pub groups: &'e [SgId],
}

impl Source<'_> {
    /// The client's addresses in the families the target has: a client talks to the target over
    /// the families both have. Borrowed unless the target lacks one of the client's families,
    /// since the quick check asks this for every (client, interface) pair of the estate.
    pub fn toward(&self, target: &Target<'_>) -> Cow<'_, AddrSet> {
        self.addrs
            .in_families(!target.addrs.v4.is_empty(), !target.addrs.v6.is_empty())
    }
}
