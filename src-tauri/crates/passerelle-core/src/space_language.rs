//! The language of the member's web space next to Passerelle's: what the account's own setting
//! on the server is, and, only when the person agreed in the main window, changing it for the
//! connected account itself. (The space window also asks for Passerelle's language in its
//! requests, which covers the sign-in pages and accounts without a language of their own.)

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::connect::account_client;
use crate::model::Language;
use crate::secrets::Secrets;
use crate::{CoreError, Store};

/// The account's web language, compared with Passerelle's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SpaceLanguage {
    /// The account's own language on the server (`en`, `fr`, `de_DE`…); `None` when it has
    /// none (the web pages then follow the window's languages, unless the server sets one).
    pub account: Option<String>,
    /// Passerelle's language.
    pub wanted: Language,
    /// Whether the account's web pages already speak Passerelle's language (or follow it).
    pub matches: bool,
}

impl SpaceLanguage {
    /// Compares an account's language (as `/cloud/user` gives it, maybe empty) with `wanted`.
    pub fn of(account: &str, wanted: Language) -> Self {
        let account = Some(account.trim().to_owned()).filter(|a| !a.is_empty());
        let matches = account
            .as_deref()
            .is_none_or(|a| Language::from_tag(a) == Some(wanted));
        Self {
            account,
            wanted,
            matches,
        }
    }
}

/// Asks the server for the account's own language.
pub async fn space_language(
    store: &Store,
    secrets: &Secrets,
    account_id: i64,
    wanted: Language,
) -> Result<SpaceLanguage, CoreError> {
    let account = store.account(account_id)?;
    let user = account_client(store, secrets, &account)?
        .current_user()
        .await?;
    Ok(SpaceLanguage::of(&user.language, wanted))
}

/// Sets the connected account's own web language to `wanted` (the person agreed to it).
pub async fn set_space_language(
    store: &Store,
    secrets: &Secrets,
    account_id: i64,
    wanted: Language,
) -> Result<SpaceLanguage, CoreError> {
    let account = store.account(account_id)?;
    let client = account_client(store, secrets, &account)?;
    client
        .set_own_language(&account.user_id, wanted.tag())
        .await?;
    Ok(SpaceLanguage::of(wanted.tag(), wanted))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_account_without_a_language_follows_the_window() {
        assert!(SpaceLanguage::of("", Language::Fr).matches);
        assert!(SpaceLanguage::of("fr", Language::Fr).matches);
        assert!(SpaceLanguage::of("fr_CA", Language::Fr).matches);
        let en = SpaceLanguage::of("en", Language::Fr);
        assert!(!en.matches);
        assert_eq!(en.account.as_deref(), Some("en"));
        assert!(!SpaceLanguage::of("de_DE", Language::En).matches);
    }
}
