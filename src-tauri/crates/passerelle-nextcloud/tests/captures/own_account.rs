//! A member's own account settings (OCS provisioning on oneself): the web language.

use wiremock::matchers::{body_string, header, method, path};
use wiremock::{Mock, ResponseTemplate};

use super::{ALICE_APP_PASSWORD, server};
use crate::support::{basic_auth, client};

/// The answers of a real Nextcloud 29.0.6 (seen on 2026-12-06 with `curl`, for a member's
/// `PUT /ocs/v2.php/cloud/users/<own id>` and for another member's id).
const OK: &str = r#"{"ocs":{"meta":{"status":"ok","statuscode":200,"message":"OK"},"data":[]}}"#;
const NOT_YOURS: &str =
    r#"{"ocs":{"meta":{"status":"failure","statuscode":998,"message":""},"data":[]}}"#;

// Issue #16, item 8: the space shows Nextcloud in Passerelle's language once the person agrees.
#[tokio::test]
async fn a_member_sets_the_language_of_their_own_account() {
    let s = server().await;
    Mock::given(method("PUT"))
        .and(path("/ocs/v2.php/cloud/users/alice"))
        .and(header("ocs-apirequest", "true"))
        .and(header(
            "authorization",
            basic_auth("alice", ALICE_APP_PASSWORD).as_str(),
        ))
        .and(header("content-type", "application/x-www-form-urlencoded"))
        .and(body_string("key=language&value=fr"))
        .respond_with(ResponseTemplate::new(200).set_body_string(OK))
        .expect(1)
        .mount(&s)
        .await;
    client(&s.uri(), "alice", ALICE_APP_PASSWORD)
        .set_own_language("alice", "fr")
        .await
        .unwrap();
}

#[tokio::test]
async fn another_account_is_refused() {
    let s = server().await;
    Mock::given(method("PUT"))
        .and(path("/ocs/v2.php/cloud/users/bob"))
        .respond_with(ResponseTemplate::new(404).set_body_string(NOT_YOURS))
        .mount(&s)
        .await;
    let e = client(&s.uri(), "alice", ALICE_APP_PASSWORD)
        .set_own_language("bob", "fr")
        .await
        .unwrap_err();
    assert!(e.is_not_found(), "{e}");
}
