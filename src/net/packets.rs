//! Packet sets: sets of (address × protocol × port) as merged intervals, never per port or per
//! address, with union, intersection and difference.
//!
//! A set is a piecewise function protocol → (port → addresses): each level is a sorted list of
//! disjoint intervals whose values differ from their neighbours', so two equal sets have equal
//! representations and the size grows with the number of distinct boundaries, not with the number
//! of ports or addresses. Which address a set holds (the source of a request, the destination of
//! a reply) is up to the caller; rendering says "from" unless told otherwise.

use std::borrow::Cow;
use std::fmt::{self, Write as _};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use ipnet::{IpNet, Ipv4Subnets, Ipv6Subnets};

use crate::model::Protocol;

/// An interval bound: a fixed-width unsigned integer.
pub trait Key: Copy + Ord + fmt::Debug {
    /// The largest value.
    const MAX: Self;
    /// `self + 1`, unless `self` is the largest value.
    fn next(self) -> Option<Self>;
    /// `self - 1`; only called on values above the smallest.
    fn prev(self) -> Self;
}

macro_rules! key {
    ($($t:ty),*) => {$(
        impl Key for $t {
            const MAX: Self = <$t>::MAX;
            fn next(self) -> Option<Self> {
                self.checked_add(1)
            }
            fn prev(self) -> Self {
                self.saturating_sub(1)
            }
        }
    )*};
}
key!(u8, u16, u32, u128);

/// A set-like value: the leaves and the inner levels of a packet set.
pub trait Lattice: Clone + PartialEq {
    /// `self ∪ other`.
    fn union(&self, other: &Self) -> Self;
    /// `self ∩ other`, `None` when empty.
    fn intersect(&self, other: &Self) -> Option<Self>;
    /// `self \ other`, `None` when empty.
    fn difference(&self, other: &Self) -> Option<Self>;
}

/// The value of a plain interval set: present.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Unit;

impl Lattice for Unit {
    fn union(&self, _: &Self) -> Self {
        Unit
    }
    fn intersect(&self, _: &Self) -> Option<Self> {
        Some(Unit)
    }
    fn difference(&self, _: &Self) -> Option<Self> {
        None
    }
}

/// A piecewise-constant partial function from `K` to non-empty values `V`: sorted, disjoint
/// `(first, last, value)` pieces, adjacent pieces with equal values merged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piecewise<K, V> {
    pieces: Vec<(K, K, V)>,
}

impl<K, V> Default for Piecewise<K, V> {
    fn default() -> Self {
        Self { pieces: Vec::new() }
    }
}

impl<K: Key, V: Lattice> Piecewise<K, V> {
    /// `value` on `first..=last`.
    pub fn single(first: K, last: K, value: V) -> Self {
        let (first, last) = if first <= last {
            (first, last)
        } else {
            (last, first)
        };
        Self {
            pieces: vec![(first, last, value)],
        }
    }

    /// Whether no key has a value.
    pub fn is_empty(&self) -> bool {
        self.pieces.is_empty()
    }

    /// The pieces, in key order.
    pub fn pieces(&self) -> &[(K, K, V)] {
        &self.pieces
    }

    fn push(out: &mut Vec<(K, K, V)>, first: K, last: K, value: V) {
        if let Some(prev) = out.last_mut() {
            if prev.1.next() == Some(first) && prev.2 == value {
                prev.1 = last;
                return;
            }
        }
        out.push((first, last, value));
    }

    /// Applies `f` point by point; one pass over the union of both sets' boundaries.
    fn combine(&self, other: &Self, f: impl Fn(Option<&V>, Option<&V>) -> Option<V>) -> Self {
        let mut cuts: Vec<K> = Vec::with_capacity(2 * (self.pieces.len() + other.pieces.len()));
        for (first, last, _) in self.pieces.iter().chain(&other.pieces) {
            cuts.push(*first);
            if let Some(n) = last.next() {
                cuts.push(n);
            }
        }
        cuts.sort_unstable();
        cuts.dedup();
        let mut out = Vec::new();
        let (mut i, mut j) = (0, 0);
        for (n, &start) in cuts.iter().enumerate() {
            let end = cuts.get(n + 1).map_or(K::MAX, |c| c.prev());
            while self.pieces.get(i).is_some_and(|p| p.1 < start) {
                i += 1;
            }
            while other.pieces.get(j).is_some_and(|p| p.1 < start) {
                j += 1;
            }
            let a = self.pieces.get(i).filter(|p| p.0 <= start).map(|p| &p.2);
            let b = other.pieces.get(j).filter(|p| p.0 <= start).map(|p| &p.2);
            if let Some(v) = f(a, b) {
                Self::push(&mut out, start, end, v);
            }
        }
        Self { pieces: out }
    }

    /// Replaces every value with `f(value)`, dropping empty results and merging neighbours.
    pub fn map<W: Lattice>(&self, f: impl Fn(&V) -> Option<W>) -> Piecewise<K, W> {
        let mut out = Vec::new();
        for (a, b, v) in &self.pieces {
            if let Some(v) = f(v) {
                Piecewise::push(&mut out, *a, *b, v);
            }
        }
        Piecewise { pieces: out }
    }

    /// The union of every value.
    pub fn values_union(&self) -> Option<V> {
        let mut it = self.pieces.iter().map(|p| &p.2);
        let first = it.next()?.clone();
        Some(it.fold(first, |acc, v| acc.union(v)))
    }
}

impl<K: Key, V: Lattice> Lattice for Piecewise<K, V> {
    fn union(&self, other: &Self) -> Self {
        self.combine(other, |a, b| match (a, b) {
            (Some(a), Some(b)) => Some(a.union(b)),
            (Some(v), None) | (None, Some(v)) => Some(v.clone()),
            (None, None) => None,
        })
    }
    fn intersect(&self, other: &Self) -> Option<Self> {
        let r = self.combine(other, |a, b| a?.intersect(b?));
        (!r.is_empty()).then_some(r)
    }
    fn difference(&self, other: &Self) -> Option<Self> {
        let r = self.combine(other, |a, b| match (a, b) {
            (Some(a), Some(b)) => a.difference(b),
            (Some(a), None) => Some(a.clone()),
            _ => None,
        });
        (!r.is_empty()).then_some(r)
    }
}

/// A set of integers as merged intervals.
pub type IntervalSet<K> = Piecewise<K, Unit>;

impl<K: Key> IntervalSet<K> {
    /// `first..=last`.
    pub fn range(first: K, last: K) -> Self {
        Self::single(first, last, Unit)
    }

    /// The union of `ranges` (`first..=last` each, in any order), sorted and merged at once:
    /// adding them one union at a time would cost time quadratic in their number (a security
    /// group with thousands of member interfaces).
    pub fn from_ranges(mut ranges: Vec<(K, K)>) -> Self {
        for r in &mut ranges {
            if r.0 > r.1 {
                *r = (r.1, r.0);
            }
        }
        ranges.sort_unstable();
        let mut pieces: Vec<(K, K, Unit)> = Vec::with_capacity(ranges.len());
        for (first, last) in ranges {
            if let Some(prev) = pieces.last_mut() {
                if first <= prev.1 || prev.1.next() == Some(first) {
                    prev.1 = prev.1.max(last);
                    continue;
                }
            }
            pieces.push((first, last, Unit));
        }
        Self { pieces }
    }

    /// The intervals.
    pub fn ranges(&self) -> impl Iterator<Item = (K, K)> + '_ {
        self.pieces.iter().map(|p| (p.0, p.1))
    }
}

/// Port ranges.
pub type PortSet = IntervalSet<u16>;

impl PortSet {
    /// Number of ports.
    pub fn len(&self) -> u32 {
        self.ranges()
            .map(|(a, b)| u32::from(b) - u32::from(a) + 1)
            .sum()
    }

    /// `443`, `10000-19999`, `80, 8080-8090`.
    pub fn render(&self) -> String {
        let mut s = String::new();
        for (i, (a, b)) in self.ranges().enumerate() {
            if i > 0 {
                s.push_str(", ");
            }
            if a == b {
                let _ = write!(s, "{a}");
            } else {
                let _ = write!(s, "{a}-{b}");
            }
        }
        s
    }
}

/// A set of IPv4 and IPv6 addresses.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AddrSet {
    /// IPv4 addresses.
    pub v4: IntervalSet<u32>,
    /// IPv6 addresses.
    pub v6: IntervalSet<u128>,
}

impl AddrSet {
    /// Every IPv4 and IPv6 address.
    pub fn all() -> Self {
        Self {
            v4: IntervalSet::range(0, u32::MAX),
            v6: IntervalSet::range(0, u128::MAX),
        }
    }

    /// Every address of one family.
    pub fn all_of(v6: bool) -> Self {
        if v6 {
            Self {
                v4: IntervalSet::default(),
                v6: IntervalSet::range(0, u128::MAX),
            }
        } else {
            Self {
                v4: IntervalSet::range(0, u32::MAX),
                v6: IntervalSet::default(),
            }
        }
    }

    /// The addresses of a block.
    pub fn net(net: &IpNet) -> Self {
        let mut s = Self::default();
        match net {
            IpNet::V4(n) => {
                s.v4 = IntervalSet::range(u32::from(n.network()), u32::from(n.broadcast()));
            }
            IpNet::V6(n) => {
                s.v6 = IntervalSet::range(u128::from(n.network()), u128::from(n.broadcast()));
            }
        }
        s
    }

    /// The addresses of several blocks.
    pub fn nets<'a>(nets: impl IntoIterator<Item = &'a IpNet>) -> Self {
        Self::of_blocks(nets.into_iter().copied())
    }

    /// The union of `blocks`, sorted and merged at once ([`IntervalSet::from_ranges`]).
    fn of_blocks(blocks: impl Iterator<Item = IpNet>) -> Self {
        let (mut v4, mut v6) = (Vec::new(), Vec::new());
        for n in blocks {
            match n {
                IpNet::V4(n) => v4.push((u32::from(n.network()), u32::from(n.broadcast()))),
                IpNet::V6(n) => v6.push((u128::from(n.network()), u128::from(n.broadcast()))),
            }
        }
        Self {
            v4: IntervalSet::from_ranges(v4),
            v6: IntervalSet::from_ranges(v6),
        }
    }

    /// One address.
    pub fn ip(ip: IpAddr) -> Self {
        Self::net(&IpNet::from(ip))
    }

    /// Several addresses.
    pub fn ips<'a>(ips: impl IntoIterator<Item = &'a IpAddr>) -> Self {
        Self::of_blocks(ips.into_iter().map(|ip| IpNet::from(*ip)))
    }

    /// Whether it holds no address.
    pub fn is_empty(&self) -> bool {
        self.v4.is_empty() && self.v6.is_empty()
    }

    /// Only the addresses of the families kept (IPv4, IPv6); borrowed when that drops none.
    pub fn in_families(&self, v4: bool, v6: bool) -> Cow<'_, Self> {
        if (v4 || self.v4.is_empty()) && (v6 || self.v6.is_empty()) {
            return Cow::Borrowed(self);
        }
        Cow::Owned(Self {
            v4: if v4 {
                self.v4.clone()
            } else {
                IntervalSet::default()
            },
            v6: if v6 {
                self.v6.clone()
            } else {
                IntervalSet::default()
            },
        })
    }

    /// Only the addresses of one family.
    pub fn family(&self, v6: bool) -> Self {
        if v6 {
            Self {
                v4: IntervalSet::default(),
                v6: self.v6.clone(),
            }
        } else {
            Self {
                v4: self.v4.clone(),
                v6: IntervalSet::default(),
            }
        }
    }

    /// `self ∩ other` (possibly empty).
    pub fn and(&self, other: &Self) -> Self {
        self.intersect(other).unwrap_or_default()
    }

    /// `self \ other` (possibly empty).
    pub fn minus(&self, other: &Self) -> Self {
        self.difference(other).unwrap_or_default()
    }

    /// Whether every address of `other` is in `self`.
    pub fn contains(&self, other: &Self) -> bool {
        other.difference(self).is_none()
    }

    /// Whether the sets share an address.
    pub fn overlaps(&self, other: &Self) -> bool {
        // A sweep rather than an intersection: the connectivity rules ask this for every
        // subnet of every endpoint's VPC and its peers.
        fn meet<K: Ord>(a: &[(K, K, Unit)], b: &[(K, K, Unit)]) -> bool {
            let (mut i, mut j) = (0, 0);
            while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
                if x.1 < y.0 {
                    i += 1;
                } else if y.1 < x.0 {
                    j += 1;
                } else {
                    return true;
                }
            }
            false
        }
        meet(self.v4.pieces(), other.v4.pieces()) || meet(self.v6.pieces(), other.v6.pieces())
    }

    /// The fewest CIDR blocks that cover exactly this set, IPv4 first.
    pub fn blocks(&self) -> Vec<IpNet> {
        self.block_iter().collect()
    }

    /// [`AddrSet::blocks`] without collecting them.
    pub fn block_iter(&self) -> impl Iterator<Item = IpNet> + '_ {
        let v4 = self.v4.ranges().flat_map(|(a, b)| {
            Ipv4Subnets::new(Ipv4Addr::from(a), Ipv4Addr::from(b), 0).map(IpNet::V4)
        });
        let v6 = self.v6.ranges().flat_map(|(a, b)| {
            Ipv6Subnets::new(Ipv6Addr::from(a), Ipv6Addr::from(b), 0).map(IpNet::V6)
        });
        v4.chain(v6)
    }

    /// `10.0.2.0/24, 10.0.3.0/25`; every address renders as `anywhere`.
    pub fn render(&self) -> String {
        if *self == Self::all() {
            return "anywhere".into();
        }
        let blocks: Vec<String> = self.blocks().iter().map(IpNet::to_string).collect();
        blocks.join(", ")
    }
}

impl Lattice for AddrSet {
    fn union(&self, other: &Self) -> Self {
        Self {
            v4: self.v4.union(&other.v4),
            v6: self.v6.union(&other.v6),
        }
    }
    fn intersect(&self, other: &Self) -> Option<Self> {
        let r = Self {
            v4: self.v4.intersect(&other.v4).unwrap_or_default(),
            v6: self.v6.intersect(&other.v6).unwrap_or_default(),
        };
        (!r.is_empty()).then_some(r)
    }
    fn difference(&self, other: &Self) -> Option<Self> {
        let r = Self {
            v4: self.v4.difference(&other.v4).unwrap_or_default(),
            v6: self.v6.difference(&other.v6).unwrap_or_default(),
        };
        (!r.is_empty()).then_some(r)
    }
}

/// Whether protocol number `p` has ports (TCP and UDP).
fn has_ports(p: u8) -> bool {
    p == 6 || p == 17
}

/// The protocol numbers a model protocol stands for.
pub fn protocol_numbers(p: Protocol) -> (u8, u8) {
    match p {
        Protocol::All => (0, 255),
        Protocol::Tcp => (6, 6),
        Protocol::Udp => (17, 17),
        Protocol::Icmp => (1, 1),
        Protocol::Icmpv6 => (58, 58),
        Protocol::Number(n) => (n, n),
    }
}

/// A set of packets: (address × protocol × port). Ports count only for TCP and UDP; every other
/// protocol's packets are kept over the whole port range.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PacketSet(Piecewise<u8, Piecewise<u16, AddrSet>>);

impl PacketSet {
    /// The empty set.
    pub fn empty() -> Self {
        Self::default()
    }

    /// Packets of `protocol` to `ports` (TCP and UDP; `None` is every port), with addresses
    /// `addrs`.
    pub fn new(protocol: Protocol, ports: Option<(u16, u16)>, addrs: &AddrSet) -> Self {
        if addrs.is_empty() {
            return Self::empty();
        }
        let (lo, hi) = protocol_numbers(protocol);
        let full = Piecewise::single(0, u16::MAX, addrs.clone());
        let mut set = Piecewise::single(lo, hi, full.clone());
        if let (Some((a, b)), true) = (ports, lo == hi && has_ports(lo)) {
            set = Piecewise::single(lo, hi, Piecewise::single(a, b, addrs.clone()));
        } else if let Some((a, b)) = ports {
            // A port range on a protocol range (`-1` with ports never happens in AWS data):
            // restrict only the protocols that have ports.
            let restricted = Piecewise::single(a, b, addrs.clone());
            set = set.map(|_| Some(full.clone()));
            let tcp = Piecewise::single(6, 6, restricted.clone())
                .union(&Piecewise::single(17, 17, restricted));
            let others = set
                .difference(&Piecewise::single(6, 6, full.clone()))
                .and_then(|s| s.difference(&Piecewise::single(17, 17, full.clone())))
                .unwrap_or_default();
            let tcp_in_range = tcp
                .intersect(&Piecewise::single(lo, hi, full.clone()))
                .unwrap_or_default();
            set = others.union(&tcp_in_range);
        }
        Self(set)
    }

    /// Protocol and ports from every address.
    pub fn service(protocol: Protocol, ports: &PortSet, addrs: &AddrSet) -> Self {
        ports.ranges().fold(Self::empty(), |acc, r| {
            acc.or(&Self::new(protocol, Some(r), addrs))
        })
    }

    /// Whether it holds no packet.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `self ∪ other`.
    pub fn or(&self, other: &Self) -> Self {
        Self(self.0.union(&other.0))
    }

    /// `self ∩ other`.
    pub fn and(&self, other: &Self) -> Self {
        Self(self.0.intersect(&other.0).unwrap_or_default())
    }

    /// `self \ other`.
    pub fn minus(&self, other: &Self) -> Self {
        Self(self.0.difference(&other.0).unwrap_or_default())
    }

    /// Every address that occurs in the set.
    pub fn addrs(&self) -> AddrSet {
        self.0
            .values_union()
            .and_then(|p| p.values_union())
            .unwrap_or_default()
    }

    /// The same protocols and ports, with `addrs` as the addresses.
    pub fn with_addrs(&self, addrs: &AddrSet) -> Self {
        if addrs.is_empty() {
            return Self::empty();
        }
        Self(self.0.map(|ports| Some(ports.map(|_| Some(addrs.clone())))))
    }

    /// Only the packets whose address is in `addrs`.
    pub fn restrict(&self, addrs: &AddrSet) -> Self {
        Self(
            self.0
                .map(|ports| Some(ports.map(|a| a.intersect(addrs))).filter(|p| !p.is_empty())),
        )
    }

    /// The ports of the TCP or UDP packets of the set.
    pub fn ports(&self) -> PortSet {
        self.0
            .pieces()
            .iter()
            .filter(|(a, b, _)| *a <= 17 && *b >= 6)
            .fold(PortSet::default(), |acc, (_, _, ports)| {
                acc.union(&ports.map(|_| Some(Unit)))
            })
    }

    /// `TCP 10000-19999 from 10.0.2.0/24`; pieces joined with `; `.
    pub fn render(&self) -> String {
        self.render_as("from")
    }

    /// Like [`PacketSet::render`] with another preposition for the addresses (`to`).
    pub fn render_as(&self, preposition: &str) -> String {
        let mut parts: Vec<String> = Vec::new();
        for (lo, hi, ports) in self.0.pieces() {
            let name = protocol_name(*lo, *hi);
            // Group port pieces with the same addresses: "TCP 80, 443 from 10.0.0.0/16".
            let mut groups: Vec<(AddrSet, PortSet)> = Vec::new();
            for (a, b, addrs) in ports.pieces() {
                let r = PortSet::range(*a, *b);
                match groups.iter_mut().find(|(x, _)| x == addrs) {
                    Some((_, p)) => *p = p.union(&r),
                    None => groups.push((addrs.clone(), r)),
                }
            }
            for (addrs, p) in groups {
                let ports = if *lo == *hi && has_ports(*lo) {
                    if p == PortSet::range(0, u16::MAX) {
                        " (all ports)".to_owned()
                    } else {
                        format!(" {}", p.render())
                    }
                } else {
                    String::new()
                };
                let where_ = if addrs == AddrSet::all() {
                    format!(" {preposition} anywhere")
                } else {
                    format!(" {preposition} {}", addrs.render())
                };
                parts.push(format!("{name}{ports}{where_}"));
            }
        }
        parts.join("; ")
    }
}

impl fmt::Display for PacketSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render())
    }
}

fn protocol_name(lo: u8, hi: u8) -> String {
    match (lo, hi) {
        (0, 255) => "all traffic".into(),
        (6, 6) => "TCP".into(),
        (17, 17) => "UDP".into(),
        (1, 1) => "ICMP".into(),
        (58, 58) => "ICMPv6".into(),
        (a, b) if a == b => format!("protocol {a}"),
        (a, b) => format!("protocols {a}-{b}"),
    }
}

/// The `/0` block of a family: "anywhere".
pub fn is_world(net: &IpNet) -> bool {
    net.prefix_len() == 0
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn net(s: &str) -> AddrSet {
        AddrSet::net(&s.parse().unwrap())
    }

    #[test]
    fn bulk_construction_equals_folded_unions() {
        // A small generator: deterministic, no dependency.
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move |bound: u32| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            u32::try_from(seed % u64::from(bound)).unwrap()
        };
        for _ in 0..200 {
            let mut ranges: Vec<(u32, u32)> = Vec::new();
            for _ in 0..next(12) {
                // Ranges that touch, overlap, nest or come reversed.
                let a = next(64);
                let b = a + next(6);
                ranges.push(if next(4) == 0 { (b, a) } else { (a, b) });
            }
            let folded = ranges.iter().fold(IntervalSet::default(), |acc, &(a, b)| {
                acc.union(&IntervalSet::range(a, b))
            });
            assert_eq!(
                IntervalSet::from_ranges(ranges.clone()),
                folded,
                "{ranges:?}"
            );
        }
        let ips: Vec<IpAddr> = [
            "10.0.0.1",
            "10.0.0.2",
            "10.0.0.9",
            "2001:db8::1",
            "10.0.0.3",
        ]
        .iter()
        .map(|s| s.parse().unwrap())
        .collect();
        assert_eq!(
            AddrSet::ips(&ips).render(),
            ips.iter()
                .fold(AddrSet::default(), |acc, ip| acc.union(&AddrSet::ip(*ip)))
                .render()
        );
    }

    #[test]
    fn intervals_merge_and_split() {
        let a = PortSet::range(10000, 20000);
        let b = PortSet::range(10000, 31000);
        assert_eq!(b.difference(&a).unwrap().render(), "20001-31000");
        assert_eq!(
            a.union(&PortSet::range(20001, 25000)).render(),
            "10000-25000"
        );
        assert_eq!(
            b.difference(&PortSet::range(15000, 15000))
                .unwrap()
                .render(),
            "10000-14999, 15001-31000"
        );
        assert!(a.difference(&b).is_none());
        assert_eq!(PortSet::range(0, u16::MAX).len(), 65536);
    }

    #[test]
    fn addresses_render_as_blocks() {
        let s = net("10.0.0.0/24").union(&net("10.0.1.0/24"));
        assert_eq!(s.render(), "10.0.0.0/23");
        let d = net("10.0.0.0/16").minus(&net("10.0.2.0/24"));
        assert_eq!(d.blocks().len(), 8);
        assert_eq!(AddrSet::all().render(), "anywhere");
        assert!(net("2001:db8::/32").contains(&net("2001:db8:1::/48")));
        assert!(!net("10.0.0.0/16").overlaps(&net("2001:db8::/32")));
    }

    #[test]
    fn overlap_is_any_shared_address() {
        let gaps = net("10.0.0.0/24").union(&net("10.0.2.0/24"));
        assert!(!gaps.overlaps(&net("10.0.1.0/24")));
        assert!(gaps.overlaps(&net("10.0.2.255/32")));
        assert!(net("10.0.1.0/24")
            .union(&net("10.0.3.0/24"))
            .overlaps(&gaps.union(&net("10.0.3.128/25"))));
        assert!(!gaps.overlaps(&AddrSet::default()));
        assert!(net("2001:db8::/32")
            .union(&gaps)
            .overlaps(&net("2001:db8:1::/48")));
    }

    #[test]
    fn packet_sets_combine() {
        let clients = net("10.0.2.0/24");
        let want = PacketSet::new(Protocol::Tcp, Some((10000, 31000)), &clients);
        let sg = PacketSet::new(Protocol::Tcp, Some((10000, 20000)), &net("10.0.0.0/16"));
        let missing = want.minus(&sg);
        assert_eq!(missing.render(), "TCP 20001-31000 from 10.0.2.0/24");
        assert_eq!(want.and(&sg).render(), "TCP 10000-20000 from 10.0.2.0/24");
        let all = PacketSet::new(Protocol::All, None, &AddrSet::all());
        assert!(want.minus(&all).is_empty());
        assert_eq!(all.and(&want), want);
        let icmp = PacketSet::new(Protocol::Icmp, Some((8, 0)), &clients);
        assert_eq!(icmp.render(), "ICMP from 10.0.2.0/24");
        assert_eq!(missing.ports().render(), "20001-31000");
        assert_eq!(missing.addrs(), clients);
    }

    #[test]
    fn with_addrs_and_restrict() {
        let s = PacketSet::new(Protocol::Tcp, Some((443, 443)), &net("10.0.0.0/16"));
        let r = s.restrict(&net("10.0.1.0/24"));
        assert_eq!(r.render(), "TCP 443 from 10.0.1.0/24");
        let w = s.with_addrs(&net("2001:db8::/64"));
        assert_eq!(w.render(), "TCP 443 from 2001:db8::/64");
        assert!(s.restrict(&net("2001:db8::/64")).is_empty());
        let u = PacketSet::new(Protocol::Udp, Some((53, 53)), &AddrSet::all());
        assert_eq!(u.render_as("to"), "UDP 53 to anywhere");
    }

    #[test]
    fn all_protocols_with_ports_restrict_only_tcp_and_udp() {
        let s = PacketSet::new(Protocol::All, Some((443, 443)), &net("10.0.0.0/8"));
        let tcp = PacketSet::new(Protocol::Tcp, None, &net("10.0.0.0/8"));
        assert_eq!(s.and(&tcp).render(), "TCP 443 from 10.0.0.0/8");
        let icmp = PacketSet::new(Protocol::Icmp, None, &net("10.0.0.0/8"));
        assert_eq!(s.and(&icmp), icmp);
    }
}
