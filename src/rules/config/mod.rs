//! Rules about vpclint's own configuration: suppressions.
pub mod unused_suppression;
