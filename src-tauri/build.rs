fn main() {
    // The update manifest address built into this version (a release sets it; see README's
    // release section). Unset: the app has no built-in address, only a mirror if one is set.
    println!("cargo:rerun-if-env-changed=PASSERELLE_UPDATE_ENDPOINT");
    tauri_build::build();
}
