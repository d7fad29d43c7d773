//! Plain data shared with the UI (through generated TypeScript bindings) and the CLI's JSON.
//! No behaviour here beyond parsing and naming values.

use serde::{Deserialize, Deserializer, Serialize};
use ts_rs::TS;

/// A language Passerelle is translated into. French first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// Français.
    Fr,
    /// English.
    En,
}

impl Language {
    /// Every language, French first.
    pub const ALL: [Language; 2] = [Language::Fr, Language::En];

    /// The BCP 47 tag, also the folder name under `locales/`.
    pub fn tag(self) -> &'static str {
        match self {
            Language::Fr => "fr",
            Language::En => "en",
        }
    }

    /// Parses a tag such as `fr`, `fr-BE` or `en_GB.UTF-8`; `None` for other languages.
    pub fn from_tag(tag: &str) -> Option<Self> {
        let primary = tag.split(['-', '_', '.', '@']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "fr" => Some(Language::Fr),
            "en" => Some(Language::En),
            _ => None,
        }
    }

    /// French when the system language is French, English otherwise.
    pub fn from_system_tag(tag: Option<&str>) -> Self {
        match tag.and_then(Language::from_tag) {
            Some(Language::Fr) => Language::Fr,
            _ => Language::En,
        }
    }
}

/// Colour theme of the window.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    /// Follow the system's light or dark preference.
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

/// Text size of the interface.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum TextSize {
    /// The default size.
    #[default]
    Normal,
    /// About 125 %.
    Large,
    /// About 150 %.
    Larger,
}

/// App-wide settings. `language: None` means "follow the system".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    /// Chosen language, or `None` to follow the system.
    pub language: Option<Language>,
    /// Colour theme.
    pub theme: Theme,
    /// Text size.
    pub text_size: TextSize,
    /// Shows what trainers use (workshops, loading tour packs); off by default, so a member
    /// sees only what fits them.
    #[serde(default)]
    pub trainer_mode: bool,
}

/// A change to [`Settings`]: absent fields stay as they are; `language: null` means "follow the
/// system again". Unknown fields are refused.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SettingsPatch {
    /// New language; `Some(None)` resets it to the system's.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional, type = "Language | null")]
    pub language: Option<Option<Language>>,
    /// New theme.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub theme: Option<Theme>,
    /// New text size.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub text_size: Option<TextSize>,
    /// Trainer mode on or off.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub trainer_mode: Option<bool>,
}

// Written by hand to tell "present but null" (`Some(None)`) from "absent" (`None`).
impl<'de> Deserialize<'de> for SettingsPatch {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let map = serde_json::Map::<String, serde_json::Value>::deserialize(deserializer)?;
        let mut patch = SettingsPatch::default();
        for (key, value) in map {
            let bad = |e: serde_json::Error| D::Error::custom(format!("{key}: {e}"));
            match key.as_str() {
                "language" => patch.language = Some(serde_json::from_value(value).map_err(bad)?),
                "theme" => patch.theme = Some(serde_json::from_value(value).map_err(bad)?),
                "textSize" => patch.text_size = Some(serde_json::from_value(value).map_err(bad)?),
                "trainerMode" => {
                    patch.trainer_mode = Some(serde_json::from_value(value).map_err(bad)?)
                }
                _ => {
                    return Err(D::Error::unknown_field(
                        &key,
                        &["language", "theme", "textSize"],
                    ));
                }
            }
        }
        Ok(patch)
    }
}

/// A local profile: one person using this computer (workshop laptops are shared).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Profile {
    /// Local id.
    #[ts(type = "number")]
    pub id: i64,
    /// The name the person chose.
    pub name: String,
    /// When it was created (RFC 3339, UTC).
    pub created_at: String,
    /// When it was last chosen (RFC 3339, UTC).
    pub last_used_at: Option<String>,
}

/// Shown once when the local database had to be moved aside.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StoreNotice {
    /// `store-damaged` or `store-newer`; the Fluent id is `notice-<code>`.
    pub code: String,
    /// Where the old file was kept.
    pub moved_to: String,
}

/// Everything the UI needs at start.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppBootstrap {
    /// Passerelle's version.
    pub version: String,
    /// The language of the system (French or English).
    pub system_language: Language,
    /// The language to show: the setting, or the system's.
    pub effective_language: Language,
    /// App-wide settings.
    pub settings: Settings,
    /// Local profiles, most recently used first.
    pub profiles: Vec<Profile>,
    /// Set when the database was damaged or too new and a fresh one was created.
    pub store_notice: Option<StoreNotice>,
}

/// What the About screen and `passerelle-cli doctor` show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AboutInfo {
    /// Passerelle's version.
    pub version: String,
    /// The data folder.
    pub data_dir: String,
    /// The SQLite file.
    pub database_path: String,
    /// The database schema version.
    pub schema_version: u32,
    /// Languages with messages.
    pub locales: Vec<Language>,
}

/// A Nextcloud account of a profile. Holds no secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Account {
    /// Local id.
    #[ts(type = "number")]
    pub id: i64,
    /// The profile it belongs to.
    #[ts(type = "number")]
    pub profile_id: i64,
    /// Normalised server address.
    pub server_url: String,
    /// User id on the server.
    pub user_id: String,
    /// Login name used with the app password (may differ from the user id).
    pub login_name: String,
    /// Display name on the server.
    pub display_name: Option<String>,
    /// Where the app password is kept.
    pub secret_storage: crate::secrets::SecretStorage,
    /// When it was added (RFC 3339, UTC).
    pub created_at: String,
    /// When it was last chosen (RFC 3339, UTC).
    pub last_used_at: Option<String>,
}

impl Account {
    /// Where this account's app password is kept.
    pub fn secret_key(&self) -> crate::secrets::SecretKey {
        crate::secrets::SecretKey::new(self.profile_id, &self.server_url, &self.user_id)
    }

    /// The title of this account's space window: its name (or user id) and its address.
    pub fn space_window_title(&self) -> String {
        let name = self.display_name.as_deref().unwrap_or(&self.user_id);
        format!("{name} — {}", self.server_url)
    }
}

/// The look of a space, from its theming capabilities. The logo is a `data:` URL fetched by
/// the backend: the UI never loads a remote asset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "Theming")]
pub struct SpaceTheming {
    /// The space's name, or "Nextcloud".
    pub name: String,
    /// Primary colour (`#0082c9`).
    pub color: Option<String>,
    /// Text colour the server suggests on the primary colour.
    pub color_text: Option<String>,
    /// The logo as a `data:` URL.
    pub logo: Option<String>,
    /// Slogan.
    pub slogan: Option<String>,
}

/// A server that answered as a Nextcloud.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ServerInfo {
    /// Normalised address.
    pub url: String,
    /// Plain http on a local network: the UI warns.
    pub insecure_http: bool,
    /// Product name from status.php.
    pub product_name: String,
    /// Version string (`29.0.6`).
    pub version: String,
    /// Maintenance mode is on.
    pub maintenance: bool,
    /// The space's look, when it could be read.
    pub theming: Option<SpaceTheming>,
}

/// What checking an address gives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum ServerCheck {
    /// A usable Nextcloud.
    Ok {
        /// What it said.
        server: ServerInfo,
    },
    /// The certificate is not trusted by the system: the person may trust this exact one.
    UntrustedCertificate {
        /// Normalised address.
        url: String,
        /// Host name.
        host: String,
        /// SHA-256 of the certificate, `AB:CD:…`.
        fingerprint: String,
    },
}

/// Storage use of an account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "Quota")]
pub struct AccountQuota {
    /// Bytes used.
    #[ts(type = "number")]
    pub used: i64,
    /// Bytes allowed; `None` when unlimited.
    #[ts(type = "number | null")]
    pub total: Option<i64>,
    /// Percent used.
    pub relative: f64,
}

/// What the Accounts screen shows for one account (asked from the server).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AccountOverview {
    /// The account.
    pub account: Account,
    /// The space's look.
    pub theming: SpaceTheming,
    /// Server version.
    pub version: String,
    /// Email address on the server.
    pub email: Option<String>,
    /// Groups.
    pub groups: Vec<String>,
    /// Member of the `admin` group.
    pub is_admin: bool,
    /// The groups this account administers as a group admin (subadmin): such an account may
    /// hand over their members' data too.
    pub sub_admin_groups: Vec<String>,
    /// Storage use.
    pub quota: Option<AccountQuota>,
}

/// What the person typed to add an account: a login name and an app password (or their login
/// password, which is exchanged for an app password and not kept). The secret is never printed
/// (`Debug` shows `Secret(***)`) and is wiped from memory when dropped.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PasswordSignIn {
    /// The local profile that gets the account.
    #[ts(type = "number")]
    pub profile_id: i64,
    /// The server's address as typed.
    pub address: String,
    /// The login name as typed.
    pub login_name: String,
    /// The app password or login password as typed.
    #[ts(type = "string")]
    pub app_password: passerelle_nextcloud::Secret,
    /// Where the app password is kept.
    pub storage: crate::secrets::SecretStorage,
}

impl PasswordSignIn {
    /// A sign-in for `profile_id`.
    pub fn new(
        profile_id: i64,
        address: impl Into<String>,
        login_name: impl Into<String>,
        app_password: passerelle_nextcloud::Secret,
        storage: crate::secrets::SecretStorage,
    ) -> Self {
        PasswordSignIn {
            profile_id,
            address: address.into(),
            login_name: login_name.into(),
            app_password,
            storage,
        }
    }
}

/// An account added from a login name and a password typed by the person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AccountAdded {
    /// The account, recorded with an app password.
    pub account: Account,
    /// The person typed their login password: the server exchanged it for an app password of
    /// Passerelle's own (listed in the space's Settings → Security, revoked at sign-out), and the
    /// login password was not kept.
    pub exchanged_login_password: bool,
}

/// What signing out did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SignOutReport {
    /// `false` when the server could not be told: the app password still works there until
    /// removed in the space's Settings → Security.
    pub revoked_on_server: bool,
}

/// Streamed while the person approves Passerelle in their browser (Login Flow v2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(
    tag = "event",
    content = "data",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum LoginFlowEvent {
    /// The login page is open in the browser, or could not be opened there.
    Started {
        /// Id to cancel the flow.
        #[ts(type = "number")]
        flow_id: u64,
        /// The page to open.
        login_url: String,
        /// Time left to approve.
        expires_in_seconds: u64,
        /// Whether the system opened the page in a browser; `false`: the person has to copy
        /// the link into a browser (none installed, no default one, a sandbox refusing…).
        browser_opened: bool,
    },
    /// Still waiting.
    Waiting {
        /// Time left to approve.
        remaining_seconds: u64,
    },
    /// Approved: the account is recorded.
    Done {
        /// The new account.
        account: Account,
    },
    /// It failed; nothing was recorded.
    Failed {
        /// Why.
        error: crate::IpcError,
    },
    /// The person cancelled.
    Cancelled,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sign_in_arrives_as_camel_case_json_and_never_prints_its_password() {
        let sign_in: PasswordSignIn = serde_json::from_value(serde_json::json!({
            "profileId": 3,
            "address": "cloud.example.org",
            "loginName": "alice",
            "appPassword": "Sesame-1234",
            "storage": "session",
        }))
        .unwrap();
        assert_eq!(sign_in.profile_id, 3);
        assert_eq!(sign_in.app_password.expose(), "Sesame-1234");
        let printed = format!("{sign_in:?}");
        assert!(!printed.contains("Sesame"), "{printed}");
        assert!(printed.contains("Secret(***)"), "{printed}");
    }

    #[test]
    fn language_from_system_tags() {
        assert_eq!(Language::from_system_tag(Some("fr_FR.UTF-8")), Language::Fr);
        assert_eq!(Language::from_system_tag(Some("fr-BE")), Language::Fr);
        assert_eq!(Language::from_system_tag(Some("de-DE")), Language::En);
        assert_eq!(Language::from_system_tag(Some("en-GB")), Language::En);
        assert_eq!(Language::from_system_tag(None), Language::En);
    }

    #[test]
    fn settings_patch_tells_null_from_absent() {
        let absent: SettingsPatch = serde_json::from_str(r#"{"theme":"dark"}"#).unwrap();
        assert_eq!(absent.language, None);
        assert_eq!(absent.theme, Some(Theme::Dark));
        let null: SettingsPatch = serde_json::from_str(r#"{"language":null}"#).unwrap();
        assert_eq!(null.language, Some(None));
        let en: SettingsPatch = serde_json::from_str(r#"{"language":"en"}"#).unwrap();
        assert_eq!(en.language, Some(Some(Language::En)));
        assert!(serde_json::from_str::<SettingsPatch>(r#"{"theme":"pink"}"#).is_err());
        assert!(serde_json::from_str::<SettingsPatch>(r#"{"colour":"pink"}"#).is_err());
    }
}
