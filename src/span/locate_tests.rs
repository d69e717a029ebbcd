//! Tests of the locator: exact spans, broken input, and a differential check against a small
//! reference parser on random documents.

use super::*;
use crate::span::LineIndex;

fn t(pointer: &str) -> Target {
    Target {
        pointer: pointer.to_owned(),
        inner: None,
        part: Part::Value,
    }
}

fn key(pointer: &str) -> Target {
    Target {
        part: Part::Key,
        ..t(pointer)
    }
}

fn emb(pointer: &str, inner: &str, part: Part) -> Target {
    Target {
        pointer: pointer.to_owned(),
        inner: Some(inner.to_owned()),
        part,
    }
}

/// The located text of one target, or None.
fn find(text: &str, target: Target) -> Option<&str> {
    let spans = locate_all(text, &[target]);
    assert_eq!(spans.len(), 1);
    spans[0].map(|s| &text[s.start..s.end])
}

fn val<'a>(text: &'a str, pointer: &str) -> Option<&'a str> {
    find(text, t(pointer))
}

const DOC: &str = r#"{
  "a": {"b": [10, {"c": "x"}, [true, false]], "d": null},
  "e/f": 1, "g~h": 2, "~1": 3, "": 4, " ": 5,
  "s": "str \"q\" \u00e9",
  "n": -12.5e+3,
  "empty": {}, "arr": []
}"#;

#[test]
fn values_of_every_kind() {
    assert_eq!(val(DOC, ""), Some(DOC));
    assert_eq!(val(DOC, "/a/b/0"), Some("10"));
    assert_eq!(val(DOC, "/a/b/1"), Some(r#"{"c": "x"}"#));
    assert_eq!(val(DOC, "/a/b/1/c"), Some(r#""x""#));
    assert_eq!(val(DOC, "/a/b/2/1"), Some("false"));
    assert_eq!(val(DOC, "/a/b"), Some(r#"[10, {"c": "x"}, [true, false]]"#));
    assert_eq!(val(DOC, "/a/d"), Some("null"));
    assert_eq!(val(DOC, "/s"), Some(r#""str \"q\" \u00e9""#));
    assert_eq!(val(DOC, "/n"), Some("-12.5e+3"));
    assert_eq!(val(DOC, "/empty"), Some("{}"));
    assert_eq!(val(DOC, "/arr"), Some("[]"));
}

#[test]
fn key_versus_value() {
    assert_eq!(find(DOC, key("/a/b")), Some(r#""b""#));
    assert_eq!(find(DOC, key("/a/b/1/c")), Some(r#""c""#));
    assert_eq!(find(DOC, key("/s")), Some(r#""s""#));
    // No member name: fall back to the value.
    assert_eq!(find(DOC, key("/a/b/0")), Some("10"));
    assert_eq!(find(DOC, key("")), Some(DOC));
    assert_eq!(find(DOC, key("/a/missing")), None);
}

#[test]
fn pointer_escapes() {
    assert_eq!(val(DOC, "/e~1f"), Some("1"));
    assert_eq!(val(DOC, "/g~0h"), Some("2"));
    assert_eq!(val(DOC, "/~01"), Some("3"), "~01 is the name ~1, not /");
    assert_eq!(val(DOC, "/"), Some("4"), "the empty member name");
    assert_eq!(val(DOC, "/ "), Some("5"));
    assert_eq!(val(DOC, "/e/f"), None);
    assert_eq!(val(DOC, "/g~2h"), None, "invalid escape");
    assert_eq!(val(DOC, "/g~"), None, "dangling tilde");
    assert_eq!(val(DOC, "a"), None, "no leading slash");
}

#[test]
fn escaped_member_names_in_the_text() {
    let text = r#"{"\u0061b": 1, "x\/y": 2, "q\"": 3, "\ud83d\ude00": 4, "é": 5}"#;
    assert_eq!(val(text, "/ab"), Some("1"));
    assert_eq!(val(text, "/x~1y"), Some("2"));
    assert_eq!(val(text, "/q\""), Some("3"));
    assert_eq!(val(text, "/😀"), Some("4"));
    assert_eq!(val(text, "/é"), Some("5"));
    assert_eq!(find(text, key("/ab")), Some(r#""\u0061b""#));
}

#[test]
fn missing_and_out_of_range() {
    assert_eq!(val(DOC, "/zzz"), None);
    assert_eq!(val(DOC, "/a/b/3"), None);
    assert_eq!(val(DOC, "/a/b/99999999999999999999999"), None);
    assert_eq!(val(DOC, "/a/b/-"), None);
    assert_eq!(val(DOC, "/a/b/01"), None, "leading zero");
    assert_eq!(val(DOC, "/a/b/+1"), None);
    assert_eq!(val(DOC, "/a/b/x"), None);
    assert_eq!(val(DOC, "/n/0"), None, "cannot descend into a number");
    assert_eq!(val(DOC, "/s/0"), None, "cannot descend into a string");
    assert_eq!(val(DOC, "/arr/0"), None);
    assert_eq!(val("[1]", "/0/0"), None);
    assert_eq!(
        val(r#"{"0": "obj"}"#, "/0"),
        Some(r#""obj""#),
        "digits name members too"
    );
}

#[test]
fn results_follow_target_order_and_share_prefixes() {
    let targets = [
        t("/a/b/1/c"),
        t("/nope"),
        key("/a/d"),
        t("/a/b/0"),
        t("/a/b/1/c"),
    ];
    let spans = locate_all(DOC, &targets);
    let texts: Vec<Option<&str>> = spans
        .iter()
        .map(|s| s.map(|s| &DOC[s.start..s.end]))
        .collect();
    assert_eq!(
        texts,
        [
            Some(r#""x""#),
            None,
            Some(r#""d""#),
            Some("10"),
            Some(r#""x""#)
        ]
    );
    assert!(locate_all(DOC, &[]).is_empty());
}

#[test]
fn duplicate_members_last_wins() {
    let text = r#"{"a": 1, "b": {"c": 2}, "a": [3], "b": {"d": 4}}"#;
    assert_eq!(val(text, "/a"), Some("[3]"));
    assert_eq!(val(text, "/a/0"), Some("3"));
    assert_eq!(val(text, "/b/d"), Some("4"));
    assert_eq!(val(text, "/b/c"), None, "the earlier b was replaced whole");
    assert_eq!(find(text, key("/a")), Some(r#""a""#));
    let spans = locate_all(text, &[key("/a")]);
    assert_eq!(spans[0].map(|s| s.start), text.rfind("\"a\""));
}

#[test]
fn duplicate_members_with_errors_and_arrays() {
    assert_eq!(val(r#"{"a": [1, 2], "a": [3]}"#, "/a/1"), None);
    assert_eq!(val(r#"{"a": [1, 2], "a": [3]}"#, "/a/0"), Some("3"));
    // The replacing member is broken: nothing of the replaced one survives.
    assert_eq!(val(r#"{"a": 1, "a": ["#, "/a"), None);
    assert_eq!(val(r#"{"a": {"b": 1}, "a": "#, "/a/b"), None);
    assert_eq!(val(r#"{"a": {"b": 1}, "a": {"c": 2"#, "/a/b"), None);
    // Fully read before the error, in the replacing member.
    assert_eq!(val(r#"{"a": {"b": 1}, "a": {"b": 2, "#, "/a/b"), Some("2"));
    // Duplicates deeper than the requested member do not matter.
    assert_eq!(val(r#"{"a": {"b": 1, "b": 2}, "c": 3}"#, "/c"), Some("3"));
    assert_eq!(
        val(r#"{"a": {"b": 1, "b": 2}, "c": 3}"#, "/a"),
        Some(r#"{"b": 1, "b": 2}"#)
    );
}

#[test]
fn many_duplicates_stay_linear() {
    // Each repeat must not cost the number of targets below it.
    let repeats = 20_000;
    let mut text = String::from("{");
    for i in 0..repeats {
        text.push_str(&format!(r#""a": {{"k{}": {i}}}, "#, i % 1000));
    }
    text.push_str(r#""end": true}"#);
    let targets: Vec<Target> = (0..1000).map(|k| t(&format!("/a/k{k}"))).collect();
    let spans = locate_all(&text, &targets);
    let last = (repeats - 1) % 1000;
    for (k, span) in spans.iter().enumerate() {
        if k == last {
            let s = span.expect("last repeat");
            assert_eq!(&text[s.start..s.end], (repeats - 1).to_string());
        } else {
            assert_eq!(*span, None, "k{k}");
        }
    }
}

#[test]
fn whitespace_everywhere() {
    let text = " \t\r\n{ \"a\" \n:\r\n[ 1 ,\t2 ] , \"b\" : { } }\n ";
    assert_eq!(val(text, "/a/1"), Some("2"));
    assert_eq!(val(text, "/b"), Some("{ }"));
    assert_eq!(val(text, ""), Some(text.trim()));
    assert_eq!(val("  7  ", ""), Some("7"));
    let bom = "\u{feff}{\"a\": 1}";
    assert_eq!(val(bom, "/a"), Some("1"));
    assert_eq!(val(bom, ""), Some("{\"a\": 1}"));
    assert_eq!(val("{\"a\": \u{feff}1}", "/a"), None, "only a leading BOM");
}

#[test]
fn invalid_json() {
    for text in [
        "",
        "   ",
        "nope",
        "{a: 1}",
        r#"{"a" 1}"#,
        r#"{"a": tru}"#,
        r#"{"a": 12x}"#,
        r#"{"a": 01}"#,
        r#"{"a": 1.}"#,
        r#"{"a": -}"#,
        r#"{"a": 1e}"#,
        r#"{"a": "\x"}"#,
        "{\"a\": \"tab\there\"}",
        r#"{"a": [1}"#,
        r#"["a", }"#,
        r#"{"b": 1,, "a": 2}"#,
        r#"{"b" 1, "a": 2}"#,
    ] {
        assert_eq!(val(text, "/a"), None, "{text:?}");
    }
    // Errors after a value do not take back a value already read...
    assert_eq!(val(r#"{"a": 1, "b" 2}"#, "/a"), Some("1"));
    assert_eq!(val(r#"{"a": 1 "b": 2}"#, "/a"), Some("1"));
    assert_eq!(val(r#"{"a": "x"]"#, "/a"), Some(r#""x""#));
    assert_eq!(val(r#"{"a": "x",}"#, "/a"), Some(r#""x""#));
    // ...but an enclosing container read structurally is never complete.
    let text = r#"{"a": 1, "b" 2}"#;
    assert_eq!(locate_all(text, &[t(""), t("/a")])[0], None);
    // A value nobody descends into is only checked for string and bracket
    // structure: that is the price of the fast skip.
    assert_eq!(val("{a: 1}", ""), Some("{a: 1}"));
    assert_eq!(val(r#"{"x": [1,, 2], "a": 1}"#, "/a"), Some("1"));
    for text in [
        "",
        "nope",
        "{",
        r#"{"a": [1}"#,
        r#"["a", }"#,
        r#"{"a": "x"]"#,
        "]",
        "\"open",
    ] {
        assert_eq!(val(text, ""), None, "{text:?}");
    }
    // A mismatched bracket inside a skipped value is still caught.
    assert_eq!(val(r#"{"x": [1, {"y": 2]}, "a": 1}"#, "/a"), None);
    assert_eq!(val(r#"{"x": [1, {"y": 2}], "a": 1}"#, "/a"), Some("1"));
}

#[test]
fn truncated_input() {
    let full = r#"{"a": {"b": [1, 2, "three"]}, "c": "end"}"#;
    let pointers = ["", "/a", "/a/b", "/a/b/2", "/c"];
    let complete: Vec<&str> = pointers
        .iter()
        .map(|p| val(full, p).expect("complete"))
        .collect();
    for cut in 0..full.len() {
        let text = &full[..cut];
        let mut targets: Vec<Target> = pointers.iter().map(|p| t(p)).collect();
        targets.push(key("/c"));
        let spans = locate_all(text, &targets);
        assert_eq!(spans[0], None, "cut {cut}: the root is never complete");
        // Values completely read before the cut may stay resolved, but then
        // they are exactly the bytes of the complete document.
        for (i, want) in complete.iter().enumerate() {
            if let Some(s) = spans[i] {
                assert_eq!(&text[s.start..s.end], *want, "cut {cut}");
                assert!(s.end <= cut);
            }
        }
    }
    assert_eq!(val(r#"{"a": 1, "c": "en"#, "/c"), None);
    assert_eq!(val(r#"{"a": "unterminated"#, "/a"), None);
    assert_eq!(val(r#"{"a": "ends in backslash\"#, "/a"), None);
    assert_eq!(val(r#"{"z": "unterminated, "a": 1}"#, "/a"), None);
    assert_eq!(val(r#"{"a": [1, 2"#, "/a"), None);
    assert_eq!(
        val(r#"{"a": [1, 2"#, "/a/1"),
        None,
        "2 might continue as 23"
    );
    assert_eq!(val(r#"{"a": [1, 2"#, "/a/0"), Some("1"));
    assert_eq!(val("[[[[[[", "/0"), None);
}

#[test]
fn deep_nesting_does_not_overflow() {
    let depth = 100_000;
    let text = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    assert_eq!(val(&text, "").map(str::len), Some(2 * depth));
    assert_eq!(val(&text, "/0").map(str::len), Some(2 * depth - 2));
    // A pointer as deep as the data descends iteratively too.
    let deep = "/0".repeat(depth - 1);
    assert_eq!(val(&text, &deep), Some("[]"));
    assert_eq!(val(&text, &format!("{deep}/0")), None);
    // Truncated and mismatched deep inputs.
    let open = "[".repeat(depth);
    assert_eq!(val(&open, ""), None);
    assert_eq!(val(&open, &deep), None);
    let objects = format!("{}1{}", "{\"k\":".repeat(depth), "}".repeat(depth));
    assert_eq!(val(&objects, &"/k".repeat(depth)), Some("1"));
    let wrong = format!("{}{}", "[".repeat(depth), "}".repeat(depth));
    assert_eq!(val(&wrong, ""), None);
    assert_eq!(val(&format!("{{\"a\": {wrong}, \"b\": 2}}"), "/b"), None);
}

#[test]
fn huge_numbers() {
    let big = format!(
        "{}.{}e{}",
        "9".repeat(10_000),
        "1".repeat(5000),
        "9".repeat(100)
    );
    let text = format!("{{\"x\": {big}, \"y\": [{big}]}}");
    assert_eq!(val(&text, "/x"), Some(big.as_str()));
    assert_eq!(val(&text, "/y/0"), Some(big.as_str()));
}

#[test]
fn non_string_embedded_and_bad_inner() {
    let text = r#"{"p": {"x": 1}, "s": "{\"a\": 1}", "bad": "{\"a\": \u12}"}"#;
    assert_eq!(
        find(text, emb("/p", "/x", Part::Value)),
        None,
        "not a string"
    );
    assert_eq!(find(text, emb("/s", "/b", Part::Value)), None);
    assert_eq!(
        find(text, emb("/s", "a", Part::Value)),
        None,
        "malformed inner"
    );
    assert_eq!(
        find(text, emb("/bad", "", Part::Value)),
        None,
        "undecodable string"
    );
    assert_eq!(
        val(text, "/bad"),
        None,
        "a plain string target is validated too"
    );
    assert_eq!(find(text, emb("/missing", "", Part::Value)), None);
    assert_eq!(
        find(text, emb("/s", "", Part::Value)),
        Some(r#"{\"a\": 1}"#)
    );
    assert_eq!(find(text, emb("/s", "", Part::Key)), Some(r#"{\"a\": 1}"#));
    assert_eq!(find(text, emb("/s", "/a", Part::Key)), Some(r#"\"a\""#));
    assert_eq!(find(text, emb("/s", "/a", Part::Value)), Some("1"));
    let not_json = r#"{"s": "just words"}"#;
    assert_eq!(find(not_json, emb("/s", "", Part::Value)), None);
}

#[test]
fn embedded_escapes_map_exactly() {
    // Escapes of the outer string sit before and inside the located values:
    // \n \r \t become whitespace of the inner document, \\ and \/ and \uXXXX
    // become characters of its strings, and \\b, \\n are escapes of the inner
    // document itself (so \b and \f never appear raw in it, which JSON forbids).
    let text = r#"{"doc": "{\n\t\"k\u00e9\\\\\/\\b\\f\": \r\n \"v\ud83d\ude00é\\n\", \"n\": [1, \"\u00e9\"]}"}"#;
    assert_eq!(
        find(text, emb("/doc", "/ké\\~1\u{8}\u{c}", Part::Key)),
        Some(r#"\"k\u00e9\\\\\/\\b\\f\""#)
    );
    assert_eq!(
        find(text, emb("/doc", "/ké\\~1\u{8}\u{c}", Part::Value)),
        Some(r#"\"v\ud83d\ude00é\\n\""#)
    );
    assert_eq!(
        find(text, emb("/doc", "/n/1", Part::Value)),
        Some(r#"\"\u00e9\""#)
    );
    assert_eq!(find(text, emb("/doc", "/n", Part::Key)), Some(r#"\"n\""#));
    assert_eq!(find(text, emb("/doc", "/n/0", Part::Key)), Some("1"));
    assert_eq!(
        find(text, emb("/doc", "", Part::Value)),
        Some(&text[9..text.len() - 2]),
        "the root of the inner document"
    );
    // Raw control characters in an inner string are invalid JSON there.
    let bad = r#"{"doc": "{\"k\b\": 1}"}"#;
    assert_eq!(find(bad, emb("/doc", "/k\u{8}", Part::Value)), None);
}

#[test]
fn several_inner_targets_share_one_string() {
    let text = r#"[{"P": "{\"A\": [1, 2], \"B\": {}}"}, {"P": "{\"A\": [3]}"}]"#;
    let targets = [
        emb("/0/P", "/A/1", Part::Value),
        emb("/1/P", "/A/0", Part::Value),
        emb("/0/P", "/B", Part::Key),
        t("/1/P"),
        emb("/0/P", "/A/2", Part::Value),
    ];
    let spans = locate_all(text, &targets);
    let texts: Vec<Option<&str>> = spans
        .iter()
        .map(|s| s.map(|s| &text[s.start..s.end]))
        .collect();
    assert_eq!(
        texts,
        [
            Some("2"),
            Some("3"),
            Some(r#"\"B\""#),
            Some(r#""{\"A\": [3]}""#),
            None
        ]
    );
}

/// API Gateway's resource policy: a JSON string whose decoded text is the
/// body of another string; the inner pointer goes through both levels.
#[test]
fn doubly_escaped_embedded_document() {
    let text = r#"{"items": [{"policy": "{\\\"Statement\\\":[{\\\"Principal\\\":\\\"*\\\",\\\"Resource\\\":\\\"arn:a\\\/*\\\"}]}"}]}"#;
    assert_eq!(
        find(
            text,
            emb("/items/0/policy", "/Statement/0/Principal", Part::Key)
        ),
        Some(r#"\\\"Principal\\\""#)
    );
    assert_eq!(
        find(
            text,
            emb("/items/0/policy", "/Statement/0/Resource", Part::Value)
        ),
        Some(r#"\\\"arn:a\\\/*\\\""#)
    );
    assert_eq!(
        find(text, emb("/items/0/policy", "/Statement/1", Part::Value)),
        None
    );
}

#[test]
fn offsets_inside_values_and_embedded_documents() {
    let text = r#"{"s": "ab\u00e9d", "doc": "{\"a\" 1}", "twice": "{\\\"a\\\" 1}"}"#;
    let at = |t: Target| find(text, t);
    let off = |pointer: &str, inner: Option<&str>, n: usize| Target {
        pointer: pointer.to_owned(),
        inner: inner.map(str::to_owned),
        part: Part::Offset(n),
    };
    // Raw text of the value: the quote is offset 0.
    assert_eq!(at(off("/s", None, 3)), Some("\\"));
    assert_eq!(at(off("/s", None, 99)), Some(""));
    // Decoded document: `1` is at offset 5 of `{"a" 1}`.
    assert_eq!(at(off("/doc", Some(""), 5)), Some("1"));
    assert_eq!(at(off("/doc", Some("/ignored"), 1)), Some("\\\""));
    assert_eq!(at(off("/twice", Some(""), 5)), Some("1"));
    assert_eq!(at(off("/twice", Some(""), 1)), Some("\\\\\\\""));
    assert_eq!(at(off("/missing", Some(""), 1)), None);
}

/// Two levels of escaping: the policy is a string inside a document that is
/// itself a string in the file. `Target` carries one level; the second is
/// composed by hand with `Decoded`, treating each decoded text as a file.
#[test]
fn double_escaped_policy_composes() {
    let text =
        r#"{"Outer": "{\"Policy\": \"{\\\"Statement\\\": [{\\\"Principal\\\": \\\"*\\\"}]}\"}"}"#;
    // Level 1 in the file.
    let outer = locate_all(text, &[t("/Outer")])[0].expect("outer");
    let d1 = Decoded::new(&text[outer.start + 1..outer.end - 1]).expect("level 1");
    // Level 2 inside the first decoded text.
    let policy = locate_all(&d1.text, &[t("/Policy")])[0].expect("policy");
    let d2 = Decoded::new(&d1.text[policy.start + 1..policy.end - 1]).expect("level 2");
    assert_eq!(d2.text, r#"{"Statement": [{"Principal": "*"}]}"#);
    // Level 3: the member, then map back outwards twice.
    let principal = locate_all(
        &d2.text,
        &[Target {
            part: Part::Key,
            ..t("/Statement/0/Principal")
        }],
    )[0]
    .expect("principal");
    let in_d1 = d2.map_span(principal);
    let in_d1 = Span {
        start: policy.start + 1 + in_d1.start,
        end: policy.start + 1 + in_d1.end,
    };
    let in_file = d1.map_span(in_d1);
    let in_file = Span {
        start: outer.start + 1 + in_file.start,
        end: outer.start + 1 + in_file.end,
    };
    assert_eq!(&text[in_file.start..in_file.end], r#"\\\"Principal\\\""#);
    assert_eq!(Some(in_file.start), text.find(r#"\\\"Principal"#));
    // The first two levels via `Target::inner` agree with the manual path.
    let via_inner = locate_all(text, &[emb("/Outer", "/Policy", Part::Value)])[0].expect("inner");
    let policy_in_file = d1.map_span(policy);
    assert_eq!(via_inner.start, outer.start + 1 + policy_in_file.start);
    assert_eq!(via_inner.end, outer.start + 1 + policy_in_file.end);
}

/// Byte-identical copy of
/// examples/06-wildcard-principal-policy/describe-vpc-endpoints.json.
const EXAMPLE_06: &str = r#"{
    "VpcEndpoints": [
        {
            "VpcEndpointId": "vpce-cb8e72535dc9126c3",
            "VpcEndpointType": "Interface",
            "VpcId": "vpc-6bcc92151ac325e30",
            "ServiceName": "com.amazonaws.eu-west-1.execute-api",
            "State": "available",
            "PolicyDocument": "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Sid\": \"AllowInvoke\",\n      \"Effect\": \"Allow\",\n      \"Principal\": \"*\",\n      \"Action\": \"*\",\n      \"Resource\": \"arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/*\"\n    }\n  ]\n}\n",
            "RouteTableIds": [],
            "SubnetIds": [
                "subnet-ae1cc54fedc4ddb35",
                "subnet-fa6cdb271c6a54115"
            ],
            "Groups": [
                {
                    "GroupId": "sg-b4855c4ecf72c05e5",
                    "GroupName": "vpce-execute-api"
                }
            ],
            "PrivateDnsEnabled": true,
            "NetworkInterfaceIds": [
                "eni-aec6c7b43a2ff2d05",
                "eni-e1c1aec5dd17833c3"
            ],
            "DnsEntries": [
                {
                    "DnsName": "vpce-cb8e72535dc9126c3-10472e75.com.amazonaws.eu-west-1.execute-api",
                    "HostedZoneId": "A4B45F286572E"
                }
            ],
            "CreationTimestamp": "2026-11-22T01:10:08.000Z",
            "Tags": [
                {
                    "Key": "Name",
                    "Value": "execute-api"
                }
            ],
            "OwnerId": "123456789012"
        },
        {
            "VpcEndpointId": "vpce-d59c45d8812b5baab",
            "VpcEndpointType": "Gateway",
            "VpcId": "vpc-6bcc92151ac325e30",
            "ServiceName": "com.amazonaws.eu-west-1.s3",
            "State": "available",
            "PolicyDocument": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":[\"s3:GetObject\",\"s3:PutObject\",\"s3:ListBucket\"],\"Resource\":[\"arn:aws:s3:::example-app-artifacts\",\"arn:aws:s3:::example-app-artifacts/*\"],\"Condition\":{\"StringEquals\":{\"aws:PrincipalAccount\":\"123456789012\"}}}]}",
            "RouteTableIds": [
                "rtb-d104be1fa4a9bac7d"
            ],
            "SubnetIds": [],
            "Groups": [],
            "PrivateDnsEnabled": true,
            "NetworkInterfaceIds": [],
            "DnsEntries": [],
            "CreationTimestamp": "2026-11-22T01:10:09.000Z",
            "Tags": [
                {
                    "Key": "Name",
                    "Value": "s3-gateway"
                }
            ],
            "OwnerId": "123456789012"
        }
    ]
}
"#;

#[test]
fn example_06_wildcard_principal() {
    assert_eq!(
        EXAMPLE_06.len(),
        2717,
        "the constant must stay byte-identical to the example"
    );
    let targets = [
        emb(
            "/VpcEndpoints/0/PolicyDocument",
            "/Statement/0/Principal",
            Part::Key,
        ),
        emb(
            "/VpcEndpoints/0/PolicyDocument",
            "/Statement/0/Principal",
            Part::Value,
        ),
        emb(
            "/VpcEndpoints/1/PolicyDocument",
            "/Statement/0/Principal",
            Part::Key,
        ),
    ];
    let spans = locate_all(EXAMPLE_06, &targets);
    let key = spans[0].expect("key");
    assert_eq!(key.start, 441);
    assert_eq!(&EXAMPLE_06[key.start..key.end], r#"\"Principal\""#);
    let lines = LineIndex::new(EXAMPLE_06);
    assert_eq!(lines.line_col(EXAMPLE_06, key.start), (9, 163));
    assert_eq!(
        lines.line_col(EXAMPLE_06, key.start + 2),
        (9, 165),
        "the letter P"
    );
    let value = spans[1].expect("value");
    assert_eq!(&EXAMPLE_06[key.end..value.start], ": ");
    assert_eq!(&EXAMPLE_06[value.start..value.end], r#"\"*\""#);
    // The minified policy of the second endpoint.
    let second = spans[2].expect("second");
    assert_eq!(&EXAMPLE_06[second.start..second.end], r#"\"Principal\""#);
    assert_eq!(lines.line_col(EXAMPLE_06, second.start).0, 47);
}

/// Small deterministic PRNG (xorshift), so the generated cases are stable.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// Random JSON with random whitespace, escaped and repeated member names.
fn random_json(rng: &mut Rng, depth: usize, out: &mut String) {
    let ws = ["", " ", "\n  ", "\t", "\r\n"];
    let kind = if depth == 0 {
        rng.below(4)
    } else {
        rng.below(7)
    };
    match kind {
        0 => out.push_str(rng.pick(&["0", "-1.5e3", "12", "true", "false", "null"])),
        1 => out.push_str(rng.pick(&[r#""""#, r#""x""#, r#""\u00e9\n\"""#, r#""😀\ud83d\ude00""#])),
        2 | 3 => out.push_str(rng.pick(&["[]", "{}", "7"])),
        4 | 5 => {
            out.push('{');
            for i in 0..rng.below(5) {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(rng.pick(&ws));
                // Raw spellings of the names a, a/b, ~x, é, "" and "q".
                out.push_str(rng.pick(&[
                    r#""a""#,
                    r#""\u0061""#,
                    r#""a/b""#,
                    r#""a\/b""#,
                    r#""~x""#,
                    r#""é""#,
                    r#""\u00e9""#,
                    r#""""#,
                    r#""\"q\"""#,
                ]));
                out.push_str(rng.pick(&ws));
                out.push(':');
                out.push_str(rng.pick(&ws));
                random_json(rng, depth - 1, out);
                out.push_str(rng.pick(&ws));
            }
            out.push('}');
        }
        _ => {
            out.push('[');
            for i in 0..rng.below(4) {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(rng.pick(&ws));
                random_json(rng, depth - 1, out);
                out.push_str(rng.pick(&ws));
            }
            out.push(']');
        }
    }
}

/// Reference parser for the differential test: plain recursive descent,
/// fine for the shallow generated documents.
enum RefValue {
    Leaf,
    Object(Vec<(String, Span, RefNode)>),
    Array(Vec<RefNode>),
}

struct RefNode {
    span: Span,
    value: RefValue,
}

fn ref_ws(b: &[u8], mut i: usize) -> usize {
    while matches!(b.get(i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        i += 1;
    }
    i
}

fn ref_string_end(b: &[u8], mut i: usize) -> usize {
    i += 1;
    while b[i] != b'"' {
        i += if b[i] == b'\\' { 2 } else { 1 };
    }
    i + 1
}

fn ref_parse(text: &str, i: usize) -> (RefNode, usize) {
    let b = text.as_bytes();
    let start = i;
    match b[i] {
        b'{' => {
            let mut members = Vec::new();
            let mut i = ref_ws(b, i + 1);
            while b[i] != b'}' {
                let key_end = ref_string_end(b, i);
                let name = Decoded::new(&text[i + 1..key_end - 1]).expect("name").text;
                let colon = ref_ws(b, key_end);
                let (node, end) = ref_parse(text, ref_ws(b, colon + 1));
                members.push((
                    name,
                    Span {
                        start: i,
                        end: key_end,
                    },
                    node,
                ));
                i = ref_ws(b, end);
                if b[i] == b',' {
                    i = ref_ws(b, i + 1);
                }
            }
            let span = Span { start, end: i + 1 };
            (
                RefNode {
                    span,
                    value: RefValue::Object(members),
                },
                i + 1,
            )
        }
        b'[' => {
            let mut items = Vec::new();
            let mut i = ref_ws(b, i + 1);
            while b[i] != b']' {
                let (node, end) = ref_parse(text, i);
                items.push(node);
                i = ref_ws(b, end);
                if b[i] == b',' {
                    i = ref_ws(b, i + 1);
                }
            }
            let span = Span { start, end: i + 1 };
            (
                RefNode {
                    span,
                    value: RefValue::Array(items),
                },
                i + 1,
            )
        }
        b'"' => {
            let end = ref_string_end(b, i);
            (
                RefNode {
                    span: Span { start, end },
                    value: RefValue::Leaf,
                },
                end,
            )
        }
        _ => {
            let end = i + b[i..]
                .iter()
                .position(|c| matches!(c, b',' | b']' | b'}' | b' ' | b'\t' | b'\n' | b'\r'))
                .unwrap_or(b.len() - i);
            (
                RefNode {
                    span: Span { start, end },
                    value: RefValue::Leaf,
                },
                end,
            )
        }
    }
}

/// Every pointer that names some member or element, shadowed ones included.
fn ref_pointers(node: &RefNode, prefix: &str, out: &mut Vec<String>) {
    out.push(prefix.to_owned());
    match &node.value {
        RefValue::Leaf => {}
        RefValue::Object(members) => {
            for (name, _, child) in members {
                let segment = name.replace('~', "~0").replace('/', "~1");
                ref_pointers(child, &format!("{prefix}/{segment}"), out);
            }
        }
        RefValue::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                ref_pointers(child, &format!("{prefix}/{i}"), out);
            }
        }
    }
}

/// Resolves with serde_json's semantics: the last repeated member wins.
fn ref_resolve(root: &RefNode, pointer: &str, part: Part) -> Option<Span> {
    let mut node = root;
    let mut key = None;
    for segment in pointer.split('/').skip(1) {
        let name = segment.replace("~1", "/").replace("~0", "~");
        match &node.value {
            RefValue::Object(members) => {
                let (_, k, child) = members.iter().rev().find(|(n, _, _)| *n == name)?;
                key = Some(*k);
                node = child;
            }
            RefValue::Array(items) => {
                node = items.get(parse_index(&name)?)?;
                key = None;
            }
            RefValue::Leaf => return None,
        }
    }
    match (part, key) {
        (Part::Key, Some(k)) => Some(k),
        _ => Some(node.span),
    }
}

/// All pointers of random documents at once, checked against the reference.
#[test]
fn differential_against_reference_parser() {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    for round in 0..300 {
        let mut text = String::from(rng.pick(&["", " ", "\n"]));
        random_json(&mut rng, 4, &mut text);
        text.push_str(rng.pick(&["", "\n", " \r\n"]));
        let (root, _) = ref_parse(&text, ref_ws(text.as_bytes(), 0));
        let mut pointers = Vec::new();
        ref_pointers(&root, "", &mut pointers);
        pointers.push("/nope".to_owned());
        pointers.push("/0/nope".to_owned());
        let mut targets: Vec<Target> = pointers.iter().map(|p| t(p)).collect();
        targets.extend(pointers.iter().map(|p| key(p)));
        let spans = locate_all(&text, &targets);
        for (target, span) in targets.iter().zip(&spans) {
            let want = ref_resolve(&root, &target.pointer, target.part);
            assert_eq!(*span, want, "round {round}: {target:?} in {text:?}");
        }
    }
}

/// Cut and damaged inputs: never a panic, and every span is inside the text
/// on char boundaries.
#[test]
fn damaged_inputs_never_panic() {
    let targets = [
        emb(
            "/VpcEndpoints/0/PolicyDocument",
            "/Statement/0/Principal",
            Part::Key,
        ),
        emb(
            "/VpcEndpoints/1/PolicyDocument",
            "/Statement/0/Action/1",
            Part::Value,
        ),
        key("/VpcEndpoints/0/Groups/0/GroupName"),
        t("/VpcEndpoints/1"),
        t(""),
    ];
    let check = |text: &str| {
        for span in locate_all(text, &targets).into_iter().flatten() {
            assert!(span.start <= span.end && span.end <= text.len());
            assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        }
    };
    let mut rng = Rng(7);
    for cut in 0..=EXAMPLE_06.len() {
        check(&EXAMPLE_06[..cut]);
        let mut damaged = EXAMPLE_06.as_bytes().to_vec();
        let at = rng.below(damaged.len());
        damaged[at] = b"\"{}[],:\\ 0tu"[rng.below(12)];
        if let Ok(damaged) = String::from_utf8(damaged) {
            check(&damaged);
        }
    }
}

/// Synthetic export: `endpoints` VPC endpoints, pretty-printed like the AWS CLI.
fn synthetic(endpoints: usize) -> String {
    let mut text = String::from("{\n    \"VpcEndpoints\": [\n");
    for i in 0..endpoints {
        if i > 0 {
            text.push_str(",\n");
        }
        text.push_str(&format!(
            r#"        {{
            "VpcEndpointId": "vpce-{i:017x}",
            "VpcEndpointType": "Interface",
            "VpcId": "vpc-6bcc92151ac325e30",
            "ServiceName": "com.amazonaws.eu-west-1.execute-api",
            "State": "available",
            "PolicyDocument": "{{\"Version\":\"2012-10-17\",\"Statement\":[{{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":[\"s3:GetObject\"],\"Resource\":[\"arn:aws:s3:::bucket-{i}/*\"]}}]}}",
            "SubnetIds": ["subnet-ae1cc54fedc4ddb35", "subnet-fa6cdb271c6a54115"],
            "Groups": [{{"GroupId": "sg-b4855c4ecf72c05e5", "GroupName": "vpce-é-{i}"}}],
            "PrivateDnsEnabled": true,
            "DnsEntries": [{{"DnsName": "vpce-{i}.execute-api", "HostedZoneId": "A4B45F286572E"}}],
            "Tags": [{{"Key": "Name", "Value": "endpoint \"{i}\""}}],
            "OwnerId": "123456789012"
        }}"#
        ));
    }
    text.push_str("\n    ]\n}\n");
    text
}

#[test]
fn synthetic_small_agrees_with_expectations() {
    let text = synthetic(50);
    let spans = locate_all(
        &text,
        &[
            emb(
                "/VpcEndpoints/49/PolicyDocument",
                "/Statement/0/Resource/0",
                Part::Value,
            ),
            key("/VpcEndpoints/7/Groups/0/GroupName"),
            t("/VpcEndpoints/50"),
        ],
    );
    let s = spans[0].expect("resource");
    assert_eq!(&text[s.start..s.end], r#"\"arn:aws:s3:::bucket-49/*\""#);
    let s = spans[1].expect("group name");
    assert_eq!(&text[s.start..s.end], r#""GroupName""#);
    assert_eq!(spans[2], None);
}

/// Release-mode timing on ~100 MB:
/// `cargo test --release -- --ignored --nocapture large_file_timing`.
#[test]
#[ignore = "timing; run in release mode"]
#[allow(clippy::print_stdout)]
fn large_file_timing() {
    let count = 115_000;
    let text = synthetic(count);
    let mut targets = Vec::new();
    for i in (0..count).step_by(count / 5_000) {
        targets.push(emb(
            &format!("/VpcEndpoints/{i}/PolicyDocument"),
            "/Statement/0/Principal",
            Part::Key,
        ));
        targets.push(key(&format!("/VpcEndpoints/{}/Tags/0/Value", i + 1)));
    }
    let started = std::time::Instant::now();
    let spans = locate_all(&text, &targets);
    let locate = started.elapsed();
    assert!(spans.iter().all(Option::is_some));
    let started = std::time::Instant::now();
    let lines = LineIndex::new(&text);
    let positions: Vec<(usize, usize)> = spans
        .iter()
        .flatten()
        .map(|s| lines.line_col(&text, s.start))
        .collect();
    let index = started.elapsed();
    assert_eq!(positions.len(), targets.len());
    println!(
        "{:.1} MB, {} targets: locate_all {:?}, LineIndex::new + line_col {:?}",
        text.len() as f64 / 1e6,
        targets.len(),
        locate,
        index
    );
}
