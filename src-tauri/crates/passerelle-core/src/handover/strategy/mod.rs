//! Which strategy a hand-over uses. A [`Strategy`] (the trait lives with the run that drives
//! it, in `run.rs`) only executes: it takes the job's pending items from the journal (through
//! [`crate::handover::run::RunContext`]), writes them at the destination its own way and records
//! each state change. Planning, verification and the report are shared by every strategy, since
//! they compare the destination with the journal (which keeps what the source held at planning
//! time — what matters once a transfer strategy has moved the data away).
//!
//! [`choose`] says which strategy a hand-over uses and why. Implemented: the OwnershipTransfer
//! app ([`ownership_transfer::OwnershipTransfer`], preferred when the acting account is an admin
//! and the app answers), the server-side copy through a share ([`share_copy::ShareCopy`],
//! both members' sessions on one Nextcloud), Nextcloud's own transfer
//! ([`files_transfer::NativeTransfer`], both sessions on one Nextcloud with the notifications
//! app) and the streamed copy ([`streamed_copy::StreamedCopy`]).
//!
//! The order `auto` follows ([`StrategyKind::ALL`]): the OwnershipTransfer app first (needs
//! only the admin, moves calendars and contacts too); then the copy through a share, because it
//! is as fast, does not depend on the server's cron and leaves the member's data untouched until
//! the admin checked the result; Nextcloud's own transfer only when no share can be used (or
//! when asked for): it moves the data and keeps its shares, but nothing happens until the
//! server's background jobs run. The streamed copy stays the universal fallback (other servers,
//! plain WebDAV).

pub mod files_transfer;
pub mod ownership_transfer;
pub mod share_copy;
pub mod streamed_copy;

use crate::CoreError;
use crate::handover::error::HandoverError;
use crate::handover::model::{StrategyChoice, StrategyKind, StrategyOption};
pub use crate::handover::run::Strategy;

/// What is known when choosing a strategy.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StrategyContext {
    /// Passerelle holds a session for the departing member.
    pub source_session: bool,
    /// Passerelle holds a session for the recipient.
    pub target_session: bool,
    /// Both members are on the same server.
    pub same_server: bool,
    /// What is known of the OwnershipTransfer app for the acting (admin) account.
    pub ownership_transfer: OtStatus,
    /// Both members are on the same Nextcloud and its sharing API answers (capabilities
    /// `files_sharing.api_enabled`, see [`share_copy::detect`]).
    pub share_api: bool,
    /// Both members are on the same Nextcloud and the recipient's notifications API answers
    /// (where Nextcloud's own transfer gives its id, see [`files_transfer::detect`]).
    pub native_transfer: bool,
    /// The admin's listing says the departing member's account is disabled: their own session
    /// is refused, so only the OwnershipTransfer app (admin only) can read their data.
    pub source_disabled: bool,
}

/// The OwnershipTransfer app as seen by the acting account ([`ownership_transfer::detect`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum OtStatus {
    /// Not checked (no admin account at hand).
    #[default]
    Unknown,
    /// Its routes answer for this admin.
    Available,
    /// Its routes answer 403: the account is not an admin.
    NotAdmin,
    /// Its routes do not exist on the server.
    Absent,
}

/// Whether `kind` can be used here, with the Fluent id of why (or why not).
pub fn availability(kind: StrategyKind, ctx: &StrategyContext) -> StrategyOption {
    let (available, reason) = match kind {
        // Every strategy but the app reads with the member's own session, refused when their
        // account is disabled.
        StrategyKind::StreamedCopy | StrategyKind::ShareCopy | StrategyKind::NativeTransfer
            if ctx.source_disabled =>
        {
            (false, "handover-why-member-disabled")
        }
        StrategyKind::StreamedCopy => {
            if !(ctx.source_session && ctx.target_session) {
                (false, "handover-why-copy-needs-sessions")
            } else if ctx.same_server {
                (true, "handover-why-copy-two-sessions")
            } else {
                (true, "handover-why-copy-two-servers")
            }
        }
        StrategyKind::OwnershipTransfer => match ctx.ownership_transfer {
            OtStatus::Available => (true, "handover-why-ot-admin"),
            OtStatus::NotAdmin => (false, "handover-why-ot-not-admin"),
            OtStatus::Absent => (false, "handover-why-ot-absent"),
            OtStatus::Unknown => (false, "handover-why-ot-unknown"),
        },
        StrategyKind::ShareCopy => {
            if !(ctx.source_session && ctx.target_session) {
                (false, "handover-why-share-needs-sessions")
            } else if !ctx.same_server {
                (false, "handover-why-share-two-servers")
            } else if !ctx.share_api {
                (false, "handover-why-share-no-api")
            } else {
                (true, "handover-why-share-same-server")
            }
        }
        StrategyKind::NativeTransfer => {
            if !(ctx.source_session && ctx.target_session) {
                (false, "handover-why-native-needs-sessions")
            } else if !ctx.same_server {
                (false, "handover-why-native-two-servers")
            } else if !ctx.native_transfer {
                (false, "handover-why-native-no-notifications")
            } else {
                (true, "handover-why-native-member-session")
            }
        }
    };
    StrategyOption {
        kind,
        available,
        reason: reason.to_owned(),
        moves_data: kind.moves_data(),
    }
}

/// The strategy to use: `requested`, or the first available one (`auto`).
pub fn choose(
    requested: Option<StrategyKind>,
    ctx: &StrategyContext,
) -> Result<StrategyChoice, CoreError> {
    let options: Vec<StrategyOption> = StrategyKind::ALL
        .iter()
        .map(|k| availability(*k, ctx))
        .collect();
    let chosen = match requested {
        Some(kind) => options
            .iter()
            .find(|o| o.kind == kind && o.available)
            .ok_or_else(|| {
                CoreError::Handover(HandoverError::StrategyUnavailable(kind.code().to_owned()))
            })?,
        None => options.iter().find(|o| o.available).ok_or_else(|| {
            CoreError::Handover(HandoverError::StrategyUnavailable("auto".to_owned()))
        })?,
    };
    Ok(StrategyChoice {
        chosen: chosen.kind,
        reason: chosen.reason.clone(),
        moves_data: chosen.kind.moves_data(),
        options: options.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_picks_the_copy_and_says_why_the_others_are_not_used() {
        let ctx = StrategyContext {
            source_session: true,
            target_session: true,
            same_server: false,
            ..StrategyContext::default()
        };
        let choice = choose(None, &ctx).unwrap();
        assert_eq!(choice.chosen, StrategyKind::StreamedCopy);
        assert_eq!(choice.reason, "handover-why-copy-two-servers");
        assert!(!choice.moves_data);
        assert_eq!(choice.options.len(), 4);
        assert!(
            choice
                .options
                .iter()
                .filter(|o| o.kind != StrategyKind::StreamedCopy)
                .all(|o| !o.available)
        );
        let ot = StrategyContext {
            ownership_transfer: OtStatus::Available,
            ..ctx
        };
        let choice = choose(None, &ot).unwrap();
        assert_eq!(choice.chosen, StrategyKind::OwnershipTransfer);
        assert_eq!(choice.reason, "handover-why-ot-admin");
        assert!(choice.moves_data);
        let same = StrategyContext {
            same_server: true,
            ..ctx
        };
        assert_eq!(
            choose(None, &same).unwrap().chosen,
            StrategyKind::StreamedCopy
        );
        let share = StrategyContext {
            share_api: true,
            ..same
        };
        let choice = choose(None, &share).unwrap();
        assert_eq!(choice.chosen, StrategyKind::ShareCopy);
        assert_eq!(choice.reason, "handover-why-share-same-server");
        assert!(!choice.moves_data);
        let e = choose(Some(StrategyKind::NativeTransfer), &ctx).unwrap_err();
        assert_eq!(e.code(), "handover-strategy-unavailable");
        // Nextcloud's own transfer: after the share copy (which keeps the member's data and
        // needs no cron), before the streamed copy; always there when asked for.
        let native = StrategyContext {
            native_transfer: true,
            ..share
        };
        assert_eq!(
            choose(None, &native).unwrap().chosen,
            StrategyKind::ShareCopy
        );
        let choice = choose(Some(StrategyKind::NativeTransfer), &native).unwrap();
        assert_eq!(choice.chosen, StrategyKind::NativeTransfer);
        assert_eq!(choice.reason, "handover-why-native-member-session");
        assert!(choice.moves_data);
        let no_share = StrategyContext {
            share_api: false,
            ..native
        };
        assert_eq!(
            choose(None, &no_share).unwrap().chosen,
            StrategyKind::NativeTransfer
        );
        let two = StrategyContext {
            same_server: false,
            ..no_share
        };
        let option = availability(StrategyKind::NativeTransfer, &two);
        assert!(!option.available);
        assert_eq!(option.reason, "handover-why-native-two-servers");
        assert_eq!(
            choose(None, &two).unwrap().chosen,
            StrategyKind::StreamedCopy
        );
        let no_notes = StrategyContext {
            native_transfer: false,
            ..no_share
        };
        let option = availability(StrategyKind::NativeTransfer, &no_notes);
        assert_eq!(option.reason, "handover-why-native-no-notifications");
        let alone = StrategyContext {
            target_session: false,
            ..no_share
        };
        let option = availability(StrategyKind::NativeTransfer, &alone);
        assert_eq!(option.reason, "handover-why-native-needs-sessions");
        let none = StrategyContext::default();
        assert!(choose(None, &none).is_err());
    }

    #[test]
    fn a_disabled_member_leaves_only_the_ownershiptransfer_app() {
        let ctx = StrategyContext {
            source_session: true,
            target_session: true,
            same_server: true,
            share_api: true,
            native_transfer: true,
            source_disabled: true,
            ..StrategyContext::default()
        };
        for kind in [
            StrategyKind::ShareCopy,
            StrategyKind::NativeTransfer,
            StrategyKind::StreamedCopy,
        ] {
            let option = availability(kind, &ctx);
            assert!(!option.available);
            assert_eq!(option.reason, "handover-why-member-disabled");
        }
        assert!(choose(None, &ctx).is_err());
        let ot = StrategyContext {
            ownership_transfer: OtStatus::Available,
            ..ctx
        };
        assert_eq!(
            choose(None, &ot).unwrap().chosen,
            StrategyKind::OwnershipTransfer
        );
    }
}
