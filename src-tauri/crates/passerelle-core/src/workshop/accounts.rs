//! Practice accounts and bulk welcome of members on the server: [`SpaceState::read`] asks what
//! the space holds before planning (`plan`); [`create_accounts`] refuses any plan with a
//! mistake, creates the accounts
//! with generated passwords, records each one as soon as the server has it, and on a failure
//! midway deletes exactly what this run created. [`cleanup_accounts`] later disables or
//! deletes recorded accounts only, after a confirmation naming them.
//!
//! Passwords are generated here and handed back once (for the sign-in sheet); they are never
//! stored. Nothing here talks to the UI: reasons are codes, texts live in `workshop.ftl`.

use std::collections::BTreeSet;

use passerelle_nextcloud::{Client, NewUser, ProvisioningError, RefusalReason, Secret as NcSecret};
use ring::rand::{SecureRandom, SystemRandom};
use serde::Serialize;
use ts_rs::TS;

use super::plan::{AccountPlan, MembersRequest, PasswordMode, PlannedAccount, SpaceState};
use super::records::{self, AccountState, PracticeAccount};
use crate::workshop::error::WorkshopError;
use crate::{CoreError, Localizer, Store};

impl SpaceState {
    /// Asks the server (admin or group admin). `limit` is what the trainer says the space
    /// allows: Nextcloud does not publish it.
    pub async fn read(client: &Client, limit: Option<usize>) -> Result<SpaceState, CoreError> {
        let group_admin_of = match client.current_user().await {
            Ok(me) if !me.groups.iter().any(|g| g == "admin") => Some(me.subadmin),
            _ => None,
        };
        let users = client.all_user_ids(200).await?;
        let groups = client
            .list_groups("", passerelle_nextcloud::Page::default())
            .await?;
        Ok(SpaceState {
            users,
            groups,
            limit,
            group_admin_of,
        })
    }
}

/// Reads what the space holds (with the trainer's `members.limit`), then plans `members`:
/// what the Workshop screen and the CLI both call before showing or creating anything.
pub async fn plan_members(
    client: &Client,
    members: &MembersRequest,
    l10n: &Localizer,
) -> Result<AccountPlan, CoreError> {
    let space = SpaceState::read(client, members.limit).await?;
    Ok(members.plan(&space, &l10n.t("workshop-participant-name")))
}

/// Letters and digits that cannot be mistaken for one another when read off paper (no
/// 0/O/o, 1/l/I/i, 5/S, 2/Z, 8/B, u/v).
const PASSWORD_ALPHABET: &[u8] = b"abcdefghjkmnpqrstwxyz34679";

/// Capitals for the first character, without those that look like digits (B S Z O I).
const PASSWORD_CAPITALS: &[u8] = b"ACDEFGHJKMNPQRTWXY";

/// A strong password that is easy to type from a printed card: four groups of four, the first
/// letter a capital, at least one digit (`Kbtw-7mqa-3hpx-rzd4`, about 74 bits).
pub fn generate_password() -> NcSecret {
    let rng = SystemRandom::new();
    loop {
        let mut raw = [0u8; 16];
        rng.fill(&mut raw)
            .expect("the system random generator works");
        let chars: Vec<char> = raw
            .iter()
            // 256 = 9 * 26 + 22: drop the biased tail instead of taking a modulo.
            .map(|b| *b as usize)
            .filter(|b| *b < 26 * 9)
            .map(|b| PASSWORD_ALPHABET[b % 26] as char)
            .collect();
        if chars.len() < 16 || !chars[1..16].iter().any(char::is_ascii_digit) {
            continue;
        }
        let mut out = String::with_capacity(19);
        out.push(PASSWORD_CAPITALS[raw[0] as usize % PASSWORD_CAPITALS.len()] as char);
        for (i, c) in chars.iter().enumerate().take(16).skip(1) {
            if i % 4 == 0 {
                out.push('-');
            }
            out.push(*c);
        }
        return NcSecret::new(out);
    }
}

/// An account created by a run, with its password (shown once, never stored).
#[derive(Debug, Clone)]
pub struct CreatedAccount {
    /// The planned account.
    pub account: PlannedAccount,
    /// Its generated password (`None` when the server e-mailed a link instead).
    pub password: Option<NcSecret>,
}

/// What a run created.
#[derive(Debug, Clone)]
pub struct CreationReport {
    /// The run's local id (its accounts and groups are recorded under it).
    pub run_id: i64,
    /// The server, as recorded.
    pub server_url: String,
    /// Accounts, in plan order.
    pub accounts: Vec<CreatedAccount>,
    /// Groups that were created.
    pub groups_created: Vec<String>,
}

/// The server address as records keep it (no trailing `/`).
pub fn server_key(client: &Client) -> String {
    client.base_url().as_str().trim_end_matches('/').to_owned()
}

/// Creates the plan's accounts (and missing groups). Refuses a plan with any mistake. On a
/// failure midway, deletes the accounts and groups this run created, then returns
/// [`CoreError::Workshop(WorkshopError::CreateFailed)`]. `progress(done, total)` is called after each account.
pub async fn create_accounts(
    client: &Client,
    store: &Store,
    plan: &AccountPlan,
    label: &str,
    progress: &mut (dyn FnMut(usize, usize) + Send),
) -> Result<CreationReport, CoreError> {
    plan.ensure_valid()?;
    // A blank label (the screen's empty field) is the default one.
    let label = match label.trim() {
        "" => "workshop",
        label => label,
    };
    let server = server_key(client);
    let run_id = records::begin_run(store, &server, label)?;
    let mut groups_created = Vec::new();
    let mut created: Vec<CreatedAccount> = Vec::new();
    let total = plan.accounts.len();

    for group in &plan.groups_to_create {
        match client.create_group(group).await {
            Ok(()) => {
                records::record_group(store, run_id, group)?;
                groups_created.push(group.clone());
            }
            // Created meanwhile by someone else: use it, it is not ours to delete.
            Err(ProvisioningError::Refused(r)) if r.reason == RefusalReason::GroupExists => {}
            Err(e) => {
                let failed = FailedAt {
                    user_id: group.clone(),
                    line: plan.accounts.first().map_or(0, |a| a.line),
                    reason: e.code().to_owned(),
                };
                return Err(
                    rollback(client, store, run_id, &created, &groups_created, failed).await,
                );
            }
        }
    }
    for account in &plan.accounts {
        let password = match plan.passwords {
            PasswordMode::Generated => Some(generate_password()),
            PasswordMode::EmailLink => None,
        };
        let new = NewUser {
            user_id: account.user_id.clone(),
            password: password.clone(),
            display_name: Some(account.display_name.clone()),
            email: account.email.clone(),
            groups: account.groups.clone(),
        };
        let result = client.create_user(&new).await;
        let failure = match result {
            Ok(()) => {
                // Kept in `created` first: whatever fails next, the rollback deletes it.
                created.push(CreatedAccount {
                    account: account.clone(),
                    password,
                });
                match records::record_account(store, run_id, &server, account) {
                    Err(e) => Some(e.code().to_owned()),
                    Ok(()) => match &account.quota {
                        Some(q) => client
                            .set_user_quota(&account.user_id, q)
                            .await
                            .err()
                            .map(|e| e.code().to_owned()),
                        None => None,
                    },
                }
            }
            Err(e) => {
                // The request may have reached the server before the connection broke, or the
                // server may have made the account and then failed a later step of its own
                // (seen on a real Nextcloud whose database was busy: 101 "invalid input", the
                // account there). The plan saw no such account, so one that exists now is this
                // run's — unless the server said it already existed (someone else's, hidden
                // from a group admin's plan: never touched).
                let existed = matches!(
                    &e,
                    ProvisioningError::Refused(r) if r.reason == RefusalReason::UserExists
                );
                if !existed && client.user(&account.user_id).await.is_ok() {
                    created.push(CreatedAccount {
                        account: account.clone(),
                        password,
                    });
                    let _ = records::record_account(store, run_id, &server, account);
                }
                Some(e.code().to_owned())
            }
        };
        if let Some(reason) = failure {
            let failed = FailedAt {
                user_id: account.user_id.clone(),
                line: account.line,
                reason,
            };
            return Err(rollback(client, store, run_id, &created, &groups_created, failed).await);
        }
        progress(created.len(), total);
    }
    Ok(CreationReport {
        run_id,
        server_url: server,
        accounts: created,
        groups_created,
    })
}

struct FailedAt {
    user_id: String,
    line: u32,
    reason: String,
}

/// Deletes what this run created (accounts newest first, then groups) and builds the error.
async fn rollback(
    client: &Client,
    store: &Store,
    run_id: i64,
    created: &[CreatedAccount],
    groups: &[String],
    failed: FailedAt,
) -> CoreError {
    let server = server_key(client);
    let mut rolled_back = 0;
    let mut left_behind = Vec::new();
    for c in created.iter().rev() {
        match client.delete_user(&c.account.user_id).await {
            Ok(()) => {
                rolled_back += 1;
                let _ =
                    records::set_state(store, &server, &c.account.user_id, AccountState::Deleted);
            }
            Err(ProvisioningError::Failed(e)) if e.is_not_found() => {
                let _ =
                    records::set_state(store, &server, &c.account.user_id, AccountState::Deleted);
            }
            Err(_) => left_behind.push(c.account.user_id.clone()),
        }
    }
    for g in groups.iter().rev() {
        match client.delete_group(g).await {
            Ok(()) => {
                rolled_back += 1;
                let _ = records::forget_group(store, run_id, g);
            }
            Err(_) => left_behind.push(format!("group:{g}")),
        }
    }
    CoreError::Workshop(WorkshopError::CreateFailed {
        user_id: failed.user_id,
        line: failed.line,
        reason: failed.reason,
        rolled_back,
        left_behind,
    })
}

/// What clean-up does to each recorded account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum CleanupAction {
    /// Disable (data kept; can be enabled again).
    Disable,
    /// Delete the account and all its data.
    Delete,
}

/// What clean-up did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CleanupReport {
    /// Accounts disabled or deleted.
    pub done: Vec<String>,
    /// Recorded accounts the server no longer had.
    pub already_gone: Vec<String>,
    /// `(account, error code)` for those that failed (still recorded: try again).
    pub failed: Vec<(String, String)>,
    /// Groups the runs had created, deleted once all their accounts were gone and the group
    /// had no member left.
    pub groups_deleted: Vec<String>,
}

/// The recorded practice accounts of this server that clean-up may touch (not yet deleted):
/// show them to the trainer, then pass the confirmed ids to [`cleanup_accounts`].
pub fn cleanup_candidates(
    store: &Store,
    server_url: &str,
) -> Result<Vec<PracticeAccount>, CoreError> {
    Ok(records::practice_accounts(store, Some(server_url))?
        .into_iter()
        .filter(|a| a.state != AccountState::Deleted)
        .collect())
}

/// Disables or deletes the `confirmed` accounts. Every confirmed id must be a recorded
/// practice account of this server (never anyone else's account): otherwise nothing is done
/// and [`CoreError::Workshop(WorkshopError::NotConfirmed)`] is returned.
pub async fn cleanup_accounts(
    client: &Client,
    store: &Store,
    action: CleanupAction,
    confirmed: &[String],
) -> Result<CleanupReport, CoreError> {
    let server = server_key(client);
    let candidates = cleanup_candidates(store, &server)?;
    let recorded: BTreeSet<String> = candidates
        .iter()
        .map(|a| a.user_id.to_lowercase())
        .collect();
    if confirmed.is_empty()
        || confirmed
            .iter()
            .any(|c| !recorded.contains(&c.to_lowercase()))
    {
        return Err(CoreError::Workshop(WorkshopError::NotConfirmed));
    }
    let mut report = CleanupReport::default();
    for account in candidates
        .iter()
        .filter(|a| confirmed.iter().any(|c| c.eq_ignore_ascii_case(&a.user_id)))
    {
        if action == CleanupAction::Disable && account.state == AccountState::Disabled {
            report.done.push(account.user_id.clone());
            continue;
        }
        let result = match action {
            CleanupAction::Disable => client.disable_account(&account.user_id).await,
            CleanupAction::Delete => client.delete_user(&account.user_id).await,
        };
        let gone = |e: &ProvisioningError| match e {
            ProvisioningError::Refused(r) => r.reason == RefusalReason::UnknownUser,
            ProvisioningError::Failed(e) => e.is_not_found(),
        };
        match result {
            Ok(()) => {
                let state = match action {
                    CleanupAction::Disable => AccountState::Disabled,
                    CleanupAction::Delete => AccountState::Deleted,
                };
                records::set_state(store, &server, &account.user_id, state)?;
                report.done.push(account.user_id.clone());
            }
            Err(e) if gone(&e) => {
                records::set_state(store, &server, &account.user_id, AccountState::Deleted)?;
                report.already_gone.push(account.user_id.clone());
            }
            Err(e) => report
                .failed
                .push((account.user_id.clone(), e.code().to_owned())),
        }
    }
    if action == CleanupAction::Delete {
        report.groups_deleted = delete_emptied_groups(client, store, &server).await?;
    }
    Ok(report)
}

/// Deletes the groups runs created whose accounts are all deleted, when the server says the
/// group is empty (someone may have put a real member in it meanwhile: then it stays).
async fn delete_emptied_groups(
    client: &Client,
    store: &Store,
    server: &str,
) -> Result<Vec<String>, CoreError> {
    let all = records::practice_accounts(store, Some(server))?;
    let runs: BTreeSet<i64> = all.iter().map(|a| a.run_id).collect();
    let mut deleted = Vec::new();
    for run in runs {
        if all
            .iter()
            .any(|a| a.run_id == run && a.state != AccountState::Deleted)
        {
            continue;
        }
        for group in records::run_groups(store, run)? {
            let empty = match client.group_user_ids(&group).await {
                Ok(members) => members.is_empty(),
                Err(ProvisioningError::Failed(e)) if e.is_not_found() => {
                    records::forget_group(store, run, &group)?;
                    continue;
                }
                Err(_) => false,
            };
            if empty && client.delete_group(&group).await.is_ok() {
                records::forget_group(store, run, &group)?;
                deleted.push(group);
            }
        }
    }
    Ok(deleted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_readable_and_differ() {
        let a = generate_password();
        let b = generate_password();
        assert_ne!(a.expose(), b.expose());
        for p in [a.expose(), b.expose()] {
            assert_eq!(p.len(), 19, "{p}");
            assert!(p.chars().next().unwrap().is_ascii_uppercase());
            assert!(p.chars().any(|c| c.is_ascii_digit()));
            assert!(!p.chars().any(|c| "0Oo1lIi5S2Z8Buv".contains(c)), "{p}");
        }
    }
}
