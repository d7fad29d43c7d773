//! Workshops (trainer mode), without Tauri: practice accounts and bulk welcome of members
//! (checked by `plan`, created and cleaned up by `accounts`, recorded in `records`), the printable sign-in sheet (`sheet`), workshop plans
//! and packs for USB keys (`pack`), participants' progress exported on each laptop and merged
//! on the trainer's (`progress`), and resetting a shared laptop (`reset`).
//!
//! Everything works offline except what must ask the server (creating and cleaning up
//! accounts). Texts are Fluent ids (`workshop.ftl`); nothing here prints.

pub mod accounts;
mod csv;
pub mod error;
pub mod pack;
pub mod plan;
pub mod progress;
pub mod records;
pub mod reset;
pub mod sheet;

pub use accounts::{
    CleanupAction, CleanupReport, CreatedAccount, CreationReport, cleanup_accounts,
    cleanup_candidates, create_accounts, plan_members,
};
pub use error::WorkshopError;
pub use plan::{
    AccountPlan, CsvBytes, LineProblem, LineReason, MemberSource, MembersRequest, PasswordMode,
    PlannedAccount, SpaceState, plan_accounts, plan_accounts_with,
};
pub use records::{AccountState, PracticeAccount, WorkshopPlan};

use passerelle_nextcloud::ProvisioningError;

use crate::CoreError;

impl From<ProvisioningError> for CoreError {
    fn from(err: ProvisioningError) -> Self {
        match err {
            ProvisioningError::Refused(r) => CoreError::Nextcloud(r.into()),
            ProvisioningError::Failed(e) => CoreError::Nextcloud(e),
        }
    }
}
