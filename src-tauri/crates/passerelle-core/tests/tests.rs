//! Integration tests of passerelle-core, against real SQLite files in temporary folders.

mod connect;
mod handover;
mod locales;
mod secrets;
mod store;
mod tours;
mod workshop;
