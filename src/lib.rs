//! vpclint: a static analyzer for private connectivity on AWS.
//!
//! Data flows one way: [`source`] (files → [`model::Estate`]) → [`rules`] (pure functions over
//! the Estate → [`finding::Finding`]s, plus the [`custom`] rules of the configuration) →
//! [`filter`] (suppressions, baseline) → [`report`] (places resolved, sorted, rendered).

pub mod cli;
pub mod config;
pub mod custom;
pub mod filter;
pub mod finding;
mod live;
pub mod meta;
pub mod model;
pub mod net;
pub mod policy;
pub mod report;
pub mod rules;
mod run;
pub mod source;
pub mod span;

pub use run::{check, check_with, run, ExitStatus};
