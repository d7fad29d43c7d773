fn main() {
    // The update manifest address built into this version (a release sets it; see README's
    // release section). Unset: the app has no built-in address, only a mirror if one is set.
    println!("cargo:rerun-if-env-changed=PASSERELLE_UPDATE_ENDPOINT");
    overlay_script();
    // The space window's overlay talks through this inlined plugin only: its commands get
    // permissions, granted at run time to that window on that server's origin (src/space.rs).
    tauri_build::try_build(
        tauri_build::Attributes::new().plugin(
            "space",
            tauri_build::InlinedPlugin::new()
                .commands(&["overlay_step", "overlay_report"])
                .default_permission(tauri_build::DefaultPermissionRule::AllowAllCommands),
        ),
    )
    .expect("tauri-build");
}

/// Copies the overlay script built by `npm --prefix ui run build` next to the crate's build
/// output, for `include_str!`. Release and e2e builds (custom-protocol) require it; a plain
/// `cargo test` before any UI build gets a stub that only says so in the console.
fn overlay_script() {
    let manifest = std::path::PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let built = manifest.join("../ui/dist/overlay/passerelle-overlay.js");
    let out =
        std::path::PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("passerelle-overlay.js");
    println!("cargo:rerun-if-changed={}", built.display());
    match std::fs::read_to_string(&built) {
        Ok(script) => std::fs::write(&out, script).expect("write the overlay script"),
        Err(_) if std::env::var_os("CARGO_FEATURE_CUSTOM_PROTOCOL").is_some() => panic!(
            "{} is missing: run `npm --prefix ui run build` first",
            built.display()
        ),
        Err(_) => std::fs::write(
            &out,
            "console.warn('Passerelle: the overlay script was not built (npm --prefix ui run build)');",
        )
        .expect("write the overlay stub"),
    }
}
