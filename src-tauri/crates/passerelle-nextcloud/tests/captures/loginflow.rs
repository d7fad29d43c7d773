//! Login Flow v2 against captured answers.

use std::time::Duration;

use wiremock::matchers::{body_string_contains, header, method, path};
use wiremock::{Mock, ResponseTemplate};

use super::{cap, server};
use crate::support::anonymous;
use passerelle_nextcloud::{CancellationToken, LoginFlow, WaitOptions};

fn fast() -> WaitOptions {
    WaitOptions {
        interval: Duration::from_millis(10),
        deadline: Duration::from_secs(10),
    }
}

// Double built from real Nextcloud 29.0.6 captures: loginflow-v2-1-init,
// loginflow-v2-2-poll-before-grant-404, loginflow-v2-3-poll-granted-200,
// loginflow-v2-4-poll-again-404, ocs-user-alice
#[tokio::test]
async fn init_pending_then_granted() {
    let s = server().await;
    let init = cap(&s, "loginflow-v2-1-init");
    init.mock()
        .and(header("accept", "application/json"))
        .respond_with(init.response())
        .expect(1)
        .mount(&s)
        .await;
    let pending = cap(&s, "loginflow-v2-2-poll-before-grant-404");
    pending
        .mock()
        .and(body_string_contains("token="))
        .respond_with(pending.response())
        .up_to_n_times(2)
        .with_priority(1)
        .expect(2)
        .mount(&s)
        .await;
    let granted = cap(&s, "loginflow-v2-3-poll-granted-200");
    granted
        .mock()
        .and(header("content-type", "application/x-www-form-urlencoded"))
        .respond_with(granted.response())
        .up_to_n_times(1)
        .with_priority(2)
        .expect(1)
        .mount(&s)
        .await;
    let consumed = cap(&s, "loginflow-v2-4-poll-again-404");
    consumed
        .mock()
        .respond_with(consumed.response())
        .with_priority(3)
        .mount(&s)
        .await;
    let user = cap(&s, "ocs-user-alice");
    user.mock()
        .and(header(
            "authorization",
            crate::support::basic_auth("alice", "<APP_PASSWORD_ALICE_LOGINFLOW>").as_str(),
        ))
        .respond_with(user.response())
        .mount(&s)
        .await;

    let client = anonymous(&s.uri());
    let flow = LoginFlow::start(&client).await.unwrap();
    assert!(flow.login_url.as_str().starts_with(&s.uri()));
    assert!(
        flow.login_url
            .path()
            .starts_with("/index.php/login/v2/flow/")
    );
    assert!(!format!("{flow:?}").contains("LOGIN_FLOW_POLL_TOKEN"));

    let mut ticks = Vec::new();
    let cancel = CancellationToken::new();
    let creds = flow
        .wait(fast(), &cancel, |left| ticks.push(left))
        .await
        .unwrap();
    assert_eq!(ticks.len(), 3, "two pending polls, then the grant");
    assert!(ticks.windows(2).all(|w| w[0] >= w[1]));
    assert_eq!(creds.login_name, "alice");
    assert_eq!(creds.server.as_str().trim_end_matches('/'), s.uri());
    assert_eq!(
        creds.app_password.expose(),
        "<APP_PASSWORD_ALICE_LOGINFLOW>"
    );
    // The token was consumed: polling again is pending (404) again.
    assert!(flow.poll_once().await.unwrap().is_none());
    // Login name -> user id through /cloud/user with the new credentials.
    assert_eq!(creds.resolve_user_id(&client).await.unwrap(), "alice");
}

// Double built from a real Nextcloud 29.0.6 capture: loginflow-v2-1-init (+ always pending)
#[tokio::test]
async fn cancel_and_deadline() {
    let s = server().await;
    let init = cap(&s, "loginflow-v2-1-init");
    init.mock().respond_with(init.response()).mount(&s).await;
    Mock::given(method("POST"))
        .and(path("/index.php/login/v2/poll"))
        .respond_with(ResponseTemplate::new(404).set_body_string("[]"))
        .mount(&s)
        .await;
    let flow = LoginFlow::start(&anonymous(&s.uri())).await.unwrap();

    let cancel = CancellationToken::new();
    let trigger = cancel.clone();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(60)).await;
        trigger.cancel();
    });
    let e = flow.wait(fast(), &cancel, |_| {}).await.unwrap_err();
    assert_eq!(e.code(), "login-flow-cancelled");

    let short = WaitOptions {
        interval: Duration::from_millis(10),
        deadline: Duration::from_millis(80),
    };
    let e = flow
        .wait(short, &CancellationToken::new(), |_| {})
        .await
        .unwrap_err();
    assert_eq!(e.code(), "login-flow-timeout");
}

// Double built from a real Nextcloud 29.0.6 capture: maintenance-loginflow-v2-init-503
#[tokio::test]
async fn init_in_maintenance() {
    let s = server().await;
    let c = cap(&s, "maintenance-loginflow-v2-init-503");
    c.mock()
        .respond_with(c.response())
        .expect(1)
        .mount(&s)
        .await;
    let e = LoginFlow::start(&anonymous(&s.uri())).await.unwrap_err();
    assert!(e.is_maintenance());
    assert_eq!(e.retry_after(), Some(Duration::from_secs(120)));
}
