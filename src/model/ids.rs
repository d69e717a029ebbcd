//! Newtypes for resource ids, so a subnet id can never be passed where a VPC id is expected.

macro_rules! id_type {
    ($(#[$doc:meta] $name:ident),* $(,)?) => {$(
        #[$doc]
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// The id as AWS spells it.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self(s.to_owned())
            }
        }
    )*};
}

id_type!(
    /// `vpc-…`
    VpcId,
    /// `subnet-…`
    SubnetId,
    /// `sg-…`
    SgId,
    /// `acl-…`
    NaclId,
    /// `rtb-…`
    RtbId,
    /// `eni-…`
    EniId,
    /// `vpce-…`
    VpceId,
    /// `pcx-…`
    PcxId,
    /// A REST API id (`a1b2c3d4e5`).
    RestApiId,
    /// `tgw-…`
    TgwId,
);
