//! Which Aiven service types support AWS PrivateLink: data, kept in one place with its source.

/// Where the list comes from.
pub const SOURCE: &str = "https://aiven.io/docs/platform/howto/use-aws-privatelinks";

/// When the list was last compared with [`SOURCE`].
pub const CHECKED: &str = "2026-11-22";

/// Service types (`service_type` of `avn service get`) that do not support AWS PrivateLink, with
/// the product name Aiven's documentation uses. The page lists AlloyDB Omni, Apache Cassandra,
/// Apache Flink, Apache Kafka MirrorMaker 2, M3 and Metrics; M3 runs as three service types.
pub const UNSUPPORTED: &[(&str, &str)] = &[
    ("alloydbomni", "Aiven for AlloyDB Omni"),
    ("cassandra", "Aiven for Apache Cassandra®"),
    ("flink", "Aiven for Apache Flink®"),
    ("kafka_mirrormaker", "Aiven for Apache Kafka® MirrorMaker 2"),
    ("m3aggregator", "Aiven for M3"),
    ("m3coordinator", "Aiven for M3"),
    ("m3db", "Aiven for M3"),
    ("thanos", "Aiven for Metrics"),
];

/// The product name of an unsupported service type, or `None` when it supports PrivateLink.
pub fn unsupported(service_type: &str) -> Option<&'static str> {
    UNSUPPORTED
        .iter()
        .find(|(t, _)| *t == service_type)
        .map(|(_, product)| *product)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_the_documented_types() {
        assert_eq!(
            unsupported("cassandra"),
            Some("Aiven for Apache Cassandra®")
        );
        assert_eq!(unsupported("m3db"), Some("Aiven for M3"));
        assert_eq!(unsupported("kafka"), None);
        assert_eq!(unsupported("pg"), None);
        let mut types: Vec<&str> = UNSUPPORTED.iter().map(|(t, _)| *t).collect();
        types.sort_unstable();
        types.dedup();
        assert_eq!(types.len(), UNSUPPORTED.len(), "no duplicates");
    }
}
