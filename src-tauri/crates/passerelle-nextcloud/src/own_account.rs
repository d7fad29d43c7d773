//! What a member changes on their own account through OCS provisioning
//! (`PUT /cloud/users/<own id>`, allowed to every account for itself): the language of its web
//! interface. Nothing here acts on another account.

use reqwest::Method;

use crate::client::Client;
use crate::error::Result;

impl Client {
    /// Sets the language of the web interface (`fr`, `en`) of the account this client is
    /// signed in as, `user_id` (the id from `/cloud/user`). Refused (`forbidden`) when the
    /// server imposes one language (`force_language`).
    pub async fn set_own_language(&self, user_id: &str, language: &str) -> Result<()> {
        self.ocs_call(
            Method::PUT,
            &["cloud", "users", user_id],
            &[],
            Some(&[("key", "language"), ("value", language)]),
        )
        .await?;
        Ok(())
    }
}
