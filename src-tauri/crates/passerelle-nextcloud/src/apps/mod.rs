//! Server apps beyond Nextcloud's core, one file each, named so they cannot be confused:
//! [`ownership_transfer`] is Framasoft's OwnershipTransfer app (an administrator moves a member's
//! files, calendars and contacts), [`files_transfer`] is Nextcloud's own "transfer ownership"
//! of the files app (asked by the member, accepted by the recipient through a notification).
//! Each only speaks its app's API; choosing between them is the core's hand-over's job.

pub mod files_transfer;
pub mod ownership_transfer;
