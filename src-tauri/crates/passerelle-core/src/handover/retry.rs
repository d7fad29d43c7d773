//! What a failed item needs before the hand-over can go on: only time — a resume will pass
//! (network, timeouts, server failures, locks, throttling, an interrupted run) — or a person —
//! resuming would fail the same way (a refusal, something missing, a full quota, a strategy that
//! cannot carry it). Only the first is ever offered as "resume"; the second comes with the
//! Fluent text `handover-todo-<code>` saying who must do what.
//!
//! The class follows from the failure's code, and each code has one class: the code is chosen
//! where the failure happens (e.g. the OwnershipTransfer app's 500 "Calendar not found" is read
//! as `not-found` by the protocol crate, never as `server-error`). An item failed because its
//! folder or collection failed (`parent-failed`) takes its parent's class.

use std::collections::BTreeMap;

pub use super::model::Retry;
use super::model::{ActionNeeded, ItemRecord, ItemState, JobState};

/// The codes whose failures a later try cures: the network, the server's passing troubles, an
/// interrupted run, and the checks a rewrite repairs. Every other code needs a person.
pub const WILL_PASS: &[&str] = &[
    // The protocol crate's (network, 5xx, 423, 429, maintenance).
    "offline",
    "dns",
    "tls",
    "timeout",
    "server-error",
    "locked",
    "throttled",
    "maintenance",
    // The engine's.
    "throttled-long",
    "cancelled",
    "share-left",
    "parent-failed",
    "missing-at-destination",
    "size-mismatch",
    "checksum-mismatch",
    "changed-during-copy",
];

/// Codes that stop a whole run (credentials refused, certificate changed): while one is
/// recorded, a resume cannot get anywhere, even for items never tried.
const STOPS_THE_RUN: &[&str] = &["auth", "tls-untrusted"];

/// The needs-action codes with a text of their own (`handover-todo-<code>`); the others use
/// `handover-todo-other`.
pub const TODO_TEXTS: &[&str] = &[
    "auth",
    "tls-untrusted",
    "forbidden",
    "not-found",
    "conflict",
    "not-allowed",
    "quota",
    "rejected",
    "protocol",
    "invalid-name",
    "unsafe-name",
    "transfer-refused",
    "share-failed",
    "files-only-strategy",
    "background-jobs-not-running",
];

/// The class of a failure code.
pub fn class(code: &str) -> Retry {
    if WILL_PASS.contains(&code) {
        Retry::WillPass
    } else {
        Retry::NeedsAction
    }
}

/// The Fluent id saying what a person must do about a needs-action `code`.
pub fn todo_id(code: &str) -> String {
    if TODO_TEXTS.contains(&code) {
        format!("handover-todo-{code}")
    } else {
        "handover-todo-other".to_owned()
    }
}

/// The class of a failed item, and the code that decides it (`parent-failed` defers to the
/// nearest ancestor that failed for another reason). `None` for an item that did not fail.
pub fn item_class<'a>(
    item: &'a ItemRecord,
    by_id: &BTreeMap<i64, &'a ItemRecord>,
) -> Option<(Retry, &'a str)> {
    if item.state != ItemState::Failed {
        return None;
    }
    let mut code = item.reason.as_deref().unwrap_or("server-error");
    let mut at = item;
    // Bounded: a journal never nests deeper than its items.
    for _ in 0..by_id.len() {
        if code != "parent-failed" {
            break;
        }
        let Some(parent) = at.parent_id.and_then(|p| by_id.get(&p)) else {
            break;
        };
        if parent.state != ItemState::Failed {
            break;
        }
        at = parent;
        code = parent.reason.as_deref().unwrap_or("server-error");
    }
    Some((class(code), code))
}

/// What a job's journal says about going on: whether a resume will get further, and the
/// needs-action causes with how many items each holds back.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outlook {
    /// A resume will get further (never for a verified job).
    pub resumable: bool,
    /// Needs-action codes and their item counts, in code order.
    pub actions: BTreeMap<String, u64>,
}

impl Outlook {
    /// The needs-action causes as the report and the CLI show them.
    pub fn actions(&self) -> Vec<ActionNeeded> {
        self.actions
            .iter()
            .map(|(code, n)| ActionNeeded {
                reason: code.clone(),
                todo: todo_id(code),
                items: *n,
            })
            .collect()
    }
}

/// The outlook of a job in `state` with `items`.
pub fn outlook(state: JobState, items: &[ItemRecord]) -> Outlook {
    let by_id: BTreeMap<i64, &ItemRecord> = items.iter().map(|i| (i.id, i)).collect();
    let mut out = Outlook::default();
    let mut will_pass = false;
    let mut stopped = false;
    for item in items {
        match item_class(item, &by_id) {
            Some((Retry::WillPass, _)) => will_pass = true,
            Some((Retry::NeedsAction, code)) => {
                stopped |= STOPS_THE_RUN.contains(&code);
                *out.actions.entry(code.to_owned()).or_default() += 1;
            }
            None => {}
        }
    }
    let unfinished = items
        .iter()
        .any(|i| matches!(i.state, ItemState::Planned | ItemState::Copied));
    out.resumable = match state {
        JobState::Verified => false,
        JobState::Planned | JobState::Running | JobState::Cancelled => !stopped,
        JobState::Incomplete => !stopped && (will_pass || unfinished),
    };
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::handover::ItemKind;

    fn item(id: i64, parent: Option<i64>, state: ItemState, reason: Option<&str>) -> ItemRecord {
        ItemRecord {
            id,
            parent_id: parent,
            kind: ItemKind::File,
            source: format!("/{id}"),
            target: format!("/{id}"),
            uid: None,
            size: None,
            mtime: None,
            source_checksum: None,
            state,
            reason: reason.map(str::to_owned),
            detail: None,
            attempts: 1,
            copied_size: None,
            content_hash: None,
            target_etag: None,
            mtime_kept: None,
            copied_at: None,
            verified_at: None,
            share_id: None,
            transfer: Default::default(),
            home_queued: false,
        }
    }

    #[test]
    fn only_what_time_cures_is_resumable() {
        for code in [
            "offline",
            "timeout",
            "server-error",
            "locked",
            "throttled",
            "maintenance",
        ] {
            assert_eq!(class(code), Retry::WillPass, "{code}");
        }
        for code in [
            "forbidden",
            "not-found",
            "quota",
            "rejected",
            "transfer-refused",
        ] {
            assert_eq!(class(code), Retry::NeedsAction, "{code}");
        }
        let failed = |r| item(1, None, ItemState::Failed, Some(r));
        let done = item(2, None, ItemState::Verified, None);
        let o = outlook(
            JobState::Incomplete,
            &[failed("server-error"), done.clone()],
        );
        assert!(o.resumable);
        assert!(o.actions.is_empty());
        // Regression (issue #13): a job whose only failures are permanent is not resumable.
        let o = outlook(JobState::Incomplete, &[failed("not-found"), done.clone()]);
        assert!(!o.resumable);
        assert_eq!(o.actions.get("not-found"), Some(&1));
        assert!(!outlook(JobState::Verified, std::slice::from_ref(&done)).resumable);
        assert!(outlook(JobState::Cancelled, std::slice::from_ref(&done)).resumable);
        // Refused credentials stop every run: resuming cannot help until someone reconnects.
        let planned = item(3, None, ItemState::Planned, None);
        let o = outlook(JobState::Incomplete, &[failed("auth"), planned]);
        assert!(!o.resumable);
        assert_eq!(todo_id("auth"), "handover-todo-auth");
        assert_eq!(todo_id("href-escape"), "handover-todo-other");
    }

    #[test]
    fn a_child_of_a_failed_folder_takes_the_folders_class() {
        let folder = item(1, None, ItemState::Failed, Some("quota"));
        let child = item(2, Some(1), ItemState::Failed, Some("parent-failed"));
        let o = outlook(JobState::Incomplete, &[folder.clone(), child.clone()]);
        assert!(!o.resumable);
        assert_eq!(o.actions.get("quota"), Some(&2));
        let folder = item(1, None, ItemState::Failed, Some("timeout"));
        let o = outlook(JobState::Incomplete, &[folder, child]);
        assert!(o.resumable);
    }
}
