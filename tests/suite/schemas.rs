//! The shipped input schemas: derived from the loader's types, valid JSON Schema, and every real
//! export validates against its kind.

use crate::common;

use vpclint::source::export::derived_schema;
use vpclint::source::kinds::{Kind, IGNORED_KEYS, ZONE_VPCS_KEY};

/// `src/source/schemas/*.json` are generated: `VPCLINT_BLESS=1 cargo test schemas` writes them anew
/// after a change to the types.
#[test]
fn schemas_are_derived_from_the_loaders_types() {
    for kind in Kind::ALL {
        let path = common::root().join(format!("src/source/schemas/{}.json", kind.name()));
        common::generated(&path, &derived_schema(kind), "schemas");
    }
}

#[test]
fn schemas_are_valid_json_schema() {
    for kind in Kind::ALL {
        let schema: serde_json::Value = serde_json::from_str(kind.schema()).unwrap();
        assert!(jsonschema::meta::is_valid(&schema), "{}", kind.name());
        assert_eq!(
            schema["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
        if let Some(key) = kind.key() {
            assert_eq!(
                schema["required"],
                serde_json::json!([key]),
                "{}",
                kind.name()
            );
        }
    }
}

#[test]
fn real_exports_validate() {
    let mut checked = 0;
    for dir in ["testdata/examples", "testdata/demo"] {
        for entry in common::json_files(&common::root().join(dir)) {
            let value: serde_json::Value =
                serde_json::from_slice(&std::fs::read(&entry).unwrap()).unwrap();
            let violations = vpclint::source::schema::validate(&value);
            assert!(violations.is_empty(), "{}: {violations:?}", entry.display());
            checked += 1;
        }
    }
    assert!(checked > 100, "{checked}");
}

#[test]
fn schema_catches_what_typed_loading_would_miss_nothing_of() {
    let value = serde_json::json!({"Vpcs": [{"VpcId": 1, "CidrBlock": "10.0.0.0/33"}]});
    let v = vpclint::source::schema::validate(&value);
    let pointers: Vec<&str> = v.iter().map(|x| x.pointer.as_str()).collect();
    assert_eq!(pointers, vec!["/Vpcs/0/CidrBlock", "/Vpcs/0/VpcId"]);
}

#[test]
fn members_beside_the_list_are_those_the_loader_accepts_unread() {
    for kind in Kind::ALL {
        let Some(key) = kind.key() else { continue };
        let schema: serde_json::Value = serde_json::from_str(kind.schema()).unwrap();
        for member in schema["properties"].as_object().unwrap().keys() {
            assert!(
                member == key
                    || IGNORED_KEYS.contains(&member.as_str())
                    || (kind == Kind::HostedZone && member == ZONE_VPCS_KEY),
                "{}: {member}",
                kind.name()
            );
        }
    }
}

#[test]
fn null_where_the_loader_takes_none() {
    let value =
        serde_json::json!({"Vpcs": [{"VpcId": "vpc-1", "OwnerId": null, "CidrBlock": null}]});
    assert_eq!(vpclint::source::schema::validate(&value), vec![]);
}
