//! Commands, one module per screen or topic. Each is a few lines: state in, core call, error out
//! as `{ code, message }`. Their TypeScript wrappers are generated from the table in
//! `bindings.rs`, which a test keeps in step with `generate_handler!`.

pub mod accounts;
pub mod app;
pub mod handover;
pub mod profiles;
pub mod settings;
pub mod space;
pub mod tours;
pub mod updates;
pub mod workshop;
