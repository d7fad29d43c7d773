//! Integration tests of passerelle-core, against real SQLite files in temporary folders.

mod locales;
mod store;
