//! The integration tests, in one binary: each test binary links the whole AWS SDK, so one
//! binary instead of eleven keeps a test build small enough for a CI disk and links once.
#![allow(clippy::unwrap_used)]

mod common;

mod bad_input;
mod ci;
mod cli;
mod editors;
mod examples;
mod export_folder;
mod human;
mod live;
mod modules;
mod moto_dns;
mod reach;
mod readme;
mod rule_docs;
mod rules;
mod schemas;
mod terraform;
mod terraform_aiven;
mod terraform_dns;
mod terraform_placement;
mod terraform_transit;
