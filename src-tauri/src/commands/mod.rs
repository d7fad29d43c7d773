//! Commands, one module per screen or topic. Each is a few lines: state in, core call, error out
//! as `{ code, message }`. Each is marked `#[passerelle_ipc::command]` and named once in
//! [`list!`], which both registers them (`generate_handler!` in `lib.rs`) and gives the bindings
//! test their signatures for `ui/src/bindings/commands.ts`.

pub mod accounts;
pub mod app;
pub mod handover;
pub mod profiles;
pub mod settings;
pub mod tours;
pub mod updates;
pub mod workshop;

/// Every command the UI can call, in `commands.ts` order, handed to the macro named by the
/// caller: `list!(tauri::generate_handler)` registers them, `list!(passerelle_ipc::signatures)`
/// describes them.
macro_rules! list {
    ($($callback:ident)::+) => {
        $($callback)::+![
            crate::commands::app::app_bootstrap,
            crate::commands::app::about_info,
            crate::commands::settings::settings_update,
            crate::commands::profiles::profile_create,
            crate::commands::profiles::profile_select,
            crate::commands::profiles::profile_delete,
            crate::commands::accounts::keyring_status,
            crate::commands::accounts::server_check,
            crate::commands::accounts::certificate_trust,
            crate::commands::accounts::login_flow_start,
            crate::commands::accounts::login_flow_cancel,
            crate::commands::accounts::account_add_app_password,
            crate::commands::accounts::accounts_list,
            crate::commands::accounts::accounts_to_reconnect,
            crate::commands::accounts::account_select,
            crate::commands::accounts::account_overview,
            crate::commands::accounts::account_sign_out,
            crate::commands::tours::tours_list,
            crate::commands::tours::tour_open,
            crate::commands::tours::tour_step_seen,
            crate::commands::tours::tour_step_skip,
            crate::commands::tours::tour_check,
            crate::commands::tours::tour_reset,
            crate::commands::tours::tour_hide,
            crate::commands::tours::tour_pack_load,
            crate::commands::tours::tours_broken,
            crate::commands::tours::tour_messages,
            crate::space::commands::space_open,
            crate::space::commands::space_show_step,
            crate::space::commands::space_forget,
            crate::space::commands::space_language,
            crate::space::commands::space_set_language,
            crate::commands::tours::tour_health_list,
            crate::commands::tours::tour_health_export,
            crate::commands::tours::tour_health_clear,
            crate::commands::handover::handover_members,
            crate::commands::handover::handover_access,
            crate::commands::handover::handover_browse,
            crate::commands::handover::handover_collections,
            crate::commands::handover::handover_plan,
            crate::commands::handover::handover_start,
            crate::commands::handover::handover_resume,
            crate::commands::handover::handover_cancel,
            crate::commands::handover::handover_follow,
            crate::commands::handover::handover_jobs,
            crate::commands::handover::handover_report,
            crate::commands::handover::handover_export,
            crate::commands::handover::handover_disable_source,
            crate::commands::updates::updates_status,
            crate::commands::updates::updates_set_mirror,
            crate::commands::updates::update_check,
            crate::commands::updates::update_check_at_start,
            crate::commands::updates::update_download,
            crate::commands::updates::update_install,
            crate::commands::updates::update_restart,
            crate::commands::workshop::workshop_overview,
            crate::commands::workshop::workshop_plan_save,
            crate::commands::workshop::workshop_pack_export,
            crate::commands::workshop::workshop_pack_import,
            crate::commands::workshop::workshop_accounts_plan,
            crate::commands::workshop::workshop_accounts_create,
            crate::commands::workshop::workshop_accounts_list,
            crate::commands::workshop::workshop_accounts_cleanup,
            crate::commands::workshop::workshop_sheet_render,
            crate::commands::workshop::workshop_sheet_save,
            crate::commands::workshop::workshop_progress_export,
            crate::commands::workshop::workshop_progress_import,
            crate::commands::workshop::workshop_progress_table,
            crate::commands::workshop::workshop_progress_csv,
            crate::commands::workshop::workshop_progress_clear,
            crate::commands::workshop::workshop_reset,
        ]
    };
}
pub(crate) use list;
