//! Rebuilds the core when the embedded tours or locales change (`include_dir!` alone does not
//! tell cargo), and makes sure the bundled tours folder exists so a checkout without any tour
//! still builds.

fn main() {
    let manifest = std::path::PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap());
    let tours = manifest.join("tours");
    if !tours.is_dir() {
        std::fs::create_dir_all(&tours).expect("cannot create the bundled tours folder");
    }
    println!("cargo:rerun-if-changed=tours");
    println!("cargo:rerun-if-changed=../../../locales");
    println!("cargo:rerun-if-changed=migrations");
    println!("cargo:rerun-if-changed=build.rs");
}
