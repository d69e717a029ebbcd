//! Checks of values that every loader reads: CIDR blocks and protocols. A value of the right
//! JSON type that is not valid is collected with its pointer rather than stopping the load.

use ipnet::IpNet;

use crate::model::Protocol;

/// A value that is well-formed JSON of the right type but not a valid value.
#[derive(Debug, Clone, PartialEq)]
pub struct Invalid {
    /// Pointer of the offending value.
    pub pointer: String,
    /// What is wrong.
    pub message: String,
    /// What was expected.
    pub expected: String,
}

/// The invalid values of one file.
#[derive(Debug, Default)]
pub struct Checker {
    /// What was found, in reading order.
    pub invalid: Vec<Invalid>,
}

impl Checker {
    /// Records an invalid value.
    pub fn invalid(&mut self, pointer: String, message: String, expected: &str) {
        self.invalid.push(Invalid {
            pointer,
            message,
            expected: expected.to_owned(),
        });
    }

    /// Parses a CIDR block; `family` restricts it to IPv4 (`Some(false)`) or IPv6 (`Some(true)`).
    /// The pointer is built only for an invalid value: most are valid, and loading a large
    /// estate would otherwise format millions of pointers to throw away.
    pub fn cidr(
        &mut self,
        value: &str,
        pointer: impl FnOnce() -> String,
        family: Option<bool>,
    ) -> Option<IpNet> {
        let expected = match family {
            Some(false) => "an IPv4 CIDR block such as 10.0.0.0/16",
            Some(true) => "an IPv6 CIDR block such as 2001:db8::/56",
            None => "a CIDR block such as 10.0.0.0/16 or 2001:db8::/56",
        };
        match value.parse::<IpNet>() {
            Ok(net) if family.is_none_or(|v6| matches!(net, IpNet::V6(_)) == v6) => {
                Some(net.trunc())
            }
            Ok(_) | Err(_) => {
                self.invalid(pointer(), format!("invalid CIDR block `{value}`"), expected);
                None
            }
        }
    }

    /// Parses a protocol (`-1`, `all`, names, numbers); an invalid one counts as every protocol
    /// so that loading goes on (the run fails anyway).
    pub fn protocol(&mut self, value: &str, pointer: impl FnOnce() -> String) -> Protocol {
        Protocol::parse(value).unwrap_or_else(|| {
            self.invalid(
                pointer(),
                format!("invalid protocol `{value}`"),
                "`-1`, `all`, `tcp`, `udp`, `icmp`, `icmpv6` or a protocol number from 0 to 255",
            );
            Protocol::All
        })
    }
}
