//! How WebKitGTK draws Passerelle's windows on Linux.
//!
//! WebKitGTK composites every page with OpenGL. On a computer without a GPU render node
//! (`/dev/dri/renderD*` absent: a virtual machine, an old laptop without its graphics driver, a
//! remote or Xvfb session), that OpenGL is Mesa's llvmpipe, in software: every frame of an
//! animation redraws the whole window on the CPU. The overlay scrollbar fading out after the
//! Welcome screen appears (its content is taller than the window) alone kept the web process
//! busy for ~2 s of CPU in the first 5 s, and compositing cost ~60 MB more (issue 15). Without
//! compositing, WebKit draws only what changed, with the CPU it would have used anyway.
//!
//! So on such a computer Passerelle's windows draw without compositing
//! ([`HardwareAccelerationPolicy::Never`](webkit2gtk::HardwareAccelerationPolicy)), unless the
//! person set one of WebKit's own variables about drawing (`WEBKIT_DISABLE_COMPOSITING_MODE`,
//! `WEBKIT_FORCE_COMPOSITING_MODE`, `WEBKIT_DISABLE_DMABUF_RENDERER`,
//! `WEBKIT_SKIA_ENABLE_CPU_RENDERING`…): then they chose, and WebKit is left alone. Other
//! `WEBKIT_*` variables do not count (WebDriver sets `WEBKIT_INSPECTOR_SERVER`). With a GPU,
//! nothing changes.

use std::ffi::OsStr;
use std::path::Path;

/// Whether Passerelle's windows should draw without compositing: no GPU render node under
/// `dev` (the `/dev` folder) and none of `variables` (the names of the environment variables)
/// is one of WebKit's variables about drawing.
pub fn without_compositing<I, S>(dev: &Path, variables: I) -> bool
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let person_chose = variables
        .into_iter()
        .any(|name| is_drawing_variable(name.as_ref()));
    !person_chose && !has_render_node(dev)
}

/// `WEBKIT_*COMPOSITING*`, `WEBKIT_*DMABUF*`, `WEBKIT_*RENDER*`.
fn is_drawing_variable(name: &OsStr) -> bool {
    let Some(rest) = name.to_str().and_then(|n| n.strip_prefix("WEBKIT_")) else {
        return false;
    };
    ["COMPOSITING", "DMABUF", "RENDER"]
        .iter()
        .any(|word| rest.contains(word))
}

/// Whether `dev/dri` holds a render node (`renderD128`…): a GPU that OpenGL can use.
fn has_render_node(dev: &Path) -> bool {
    std::fs::read_dir(dev.join("dri")).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|entry| entry.file_name().as_encoded_bytes().starts_with(b"renderD"))
    })
}

/// Applies the decision to every webview Passerelle opens (its main window and the space
/// windows), as soon as it is created: before its page is drawn.
pub fn plugin<R: tauri::Runtime>() -> tauri::plugin::TauriPlugin<R> {
    let software =
        without_compositing(Path::new("/dev"), std::env::vars_os().map(|(name, _)| name));
    tauri::plugin::Builder::new("rendering")
        .on_webview_ready(move |webview| {
            if software {
                let _ = webview.with_webview(|platform| {
                    use webkit2gtk::{HardwareAccelerationPolicy, SettingsExt, WebViewExt};
                    if let Some(settings) = platform.inner().settings() {
                        settings
                            .set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
                    }
                });
            }
        })
        .build()
}

#[cfg(test)]
mod tests {
    use super::without_compositing;
    use std::path::Path;

    /// A fake `/dev` holding `dri/<name>` for each name.
    fn dev_with(dri: Option<&[&str]>) -> tempfile::TempDir {
        let dev = tempfile::tempdir().unwrap();
        if let Some(names) = dri {
            std::fs::create_dir(dev.path().join("dri")).unwrap();
            for name in names {
                std::fs::write(dev.path().join("dri").join(name), b"").unwrap();
            }
        }
        dev
    }

    const NO_VARIABLES: [&str; 0] = [];

    #[test]
    fn without_dri_folder_draws_without_compositing() {
        let dev = dev_with(None);
        assert!(without_compositing(dev.path(), NO_VARIABLES));
    }

    #[test]
    fn a_card_without_render_node_is_no_gpu() {
        // A display-only device (simple framebuffer, some virtual machines): no OpenGL on it.
        let dev = dev_with(Some(&["card0", "by-path"]));
        assert!(without_compositing(dev.path(), NO_VARIABLES));
    }

    #[test]
    fn a_render_node_keeps_compositing() {
        let dev = dev_with(Some(&["card1", "renderD128"]));
        assert!(!without_compositing(dev.path(), NO_VARIABLES));
    }

    #[test]
    fn webkit_drawing_variables_set_by_the_person_win() {
        let dev = dev_with(None);
        for name in [
            "WEBKIT_DISABLE_COMPOSITING_MODE",
            "WEBKIT_FORCE_COMPOSITING_MODE",
            "WEBKIT_DISABLE_DMABUF_RENDERER",
            "WEBKIT_DMABUF_RENDERER_FORCE_SHM",
            "WEBKIT_SKIA_ENABLE_CPU_RENDERING",
        ] {
            assert!(!without_compositing(dev.path(), ["HOME", name]), "{name}");
        }
    }

    #[test]
    fn other_variables_do_not_count() {
        // WebKitWebDriver starts the app with WEBKIT_INSPECTOR_SERVER: the e2e tests run
        // without a GPU too.
        let dev = dev_with(None);
        let names = [
            "HOME",
            "GDK_BACKEND",
            "WEBKIT_INSPECTOR_SERVER",
            "MY_WEBKIT_DMABUF",
        ];
        assert!(without_compositing(dev.path(), names));
    }

    #[test]
    fn an_unreadable_dev_is_no_gpu() {
        assert!(without_compositing(
            Path::new("/nonexistent/dev"),
            NO_VARIABLES
        ));
    }
}
