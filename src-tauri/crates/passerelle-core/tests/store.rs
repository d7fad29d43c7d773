//! The store on real SQLite files: migrations, WAL, foreign keys, and recovery from damaged or
//! newer databases without losing the old file.

use passerelle_core::model::{Language, SettingsPatch, TextSize, Theme};
use passerelle_core::store::LATEST_SCHEMA_VERSION;
use passerelle_core::{CoreError, DataPaths, Store};

fn fresh() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&DataPaths::at(dir.path())).unwrap();
    (dir, store)
}

#[test]
fn new_database_is_migrated_in_wal_mode_with_foreign_keys() {
    let (dir, store) = fresh();
    assert_eq!(store.schema_version().unwrap(), LATEST_SCHEMA_VERSION);
    assert!(store.notice().is_none());
    let conn = rusqlite::Connection::open(dir.path().join("passerelle.sqlite3")).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    // Foreign keys: deleting a profile deletes its accounts.
    let p = store.create_profile("Camille").unwrap();
    conn.execute_batch(&format!(
        "PRAGMA foreign_keys = ON;
         INSERT INTO accounts (profile_id, server_url, user_id, created_at)
         VALUES ({}, 'https://a.frama.space', 'camille', 'now');",
        p.id
    ))
    .unwrap();
    store.delete_profile(p.id).unwrap();
    let left: i64 = conn
        .query_row("SELECT count(*) FROM accounts", [], |r| r.get(0))
        .unwrap();
    assert_eq!(left, 0);
}

#[test]
fn reopening_keeps_data_and_does_not_migrate_twice() {
    let dir = tempfile::tempdir().unwrap();
    let paths = DataPaths::at(dir.path());
    {
        let store = Store::open(&paths).unwrap();
        store.create_profile("Dominique").unwrap();
        store
            .update_settings(&SettingsPatch {
                language: Some(Some(Language::En)),
                ..Default::default()
            })
            .unwrap();
    }
    let store = Store::open(&paths).unwrap();
    assert!(store.notice().is_none());
    assert_eq!(store.profiles().unwrap()[0].name, "Dominique");
    assert_eq!(store.settings().unwrap().language, Some(Language::En));
}

#[test]
fn profiles_are_validated_and_ordered_by_last_use() {
    let (_dir, store) = fresh();
    assert!(matches!(
        store.create_profile("   "),
        Err(CoreError::ProfileNameEmpty)
    ));
    let a = store.create_profile("  Alix ").unwrap();
    assert_eq!(a.name, "Alix");
    assert!(matches!(
        store.create_profile("ALIX"),
        Err(CoreError::ProfileNameTaken(_))
    ));
    let b = store.create_profile("Basile").unwrap();
    assert!(matches!(
        store.create_profile(&"x".repeat(81)),
        Err(CoreError::InvalidValue { .. })
    ));
    store.select_profile(a.id).unwrap();
    store.select_profile(b.id).unwrap();
    let names: Vec<_> = store
        .profiles()
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert_eq!(names, ["Basile", "Alix"]);
    store.select_profile(a.id).unwrap();
    assert_eq!(store.profiles().unwrap()[0].name, "Alix");
    assert!(matches!(
        store.select_profile(999),
        Err(CoreError::ProfileNotFound(999))
    ));
    assert!(matches!(
        store.delete_profile(999),
        Err(CoreError::ProfileNotFound(999))
    ));
}

#[test]
fn settings_patch_changes_only_what_it_names() {
    let (_dir, store) = fresh();
    let s = store.settings().unwrap();
    assert_eq!(
        (s.language, s.theme, s.text_size),
        (None, Theme::System, TextSize::Normal)
    );
    store
        .update_settings(&SettingsPatch {
            theme: Some(Theme::Dark),
            ..Default::default()
        })
        .unwrap();
    let s = store
        .update_settings(&SettingsPatch {
            language: Some(Some(Language::Fr)),
            ..Default::default()
        })
        .unwrap();
    assert_eq!((s.language, s.theme), (Some(Language::Fr), Theme::Dark));
    let s = store
        .update_settings(&SettingsPatch {
            language: Some(None),
            ..Default::default()
        })
        .unwrap();
    assert_eq!((s.language, s.theme), (None, Theme::Dark));
}

/// Issue #16 (9): trainer features are hidden from members until a trainer turns them on.
#[test]
fn trainer_mode_is_off_by_default_and_kept_when_turned_on() {
    let dir = tempfile::tempdir().unwrap();
    let paths = DataPaths::at(dir.path());
    {
        let store = Store::open(&paths).unwrap();
        assert!(!store.settings().unwrap().trainer_mode);
        let s = store
            .update_settings(&SettingsPatch {
                trainer_mode: Some(true),
                ..Default::default()
            })
            .unwrap();
        assert!(s.trainer_mode);
        assert_eq!(s.theme, Theme::System, "nothing else changed");
    }
    let store = Store::open(&paths).unwrap();
    assert!(store.settings().unwrap().trainer_mode);
    let patch: SettingsPatch = serde_json::from_str(r#"{"trainerMode": false}"#).unwrap();
    assert!(!store.update_settings(&patch).unwrap().trainer_mode);
}

#[test]
fn damaged_database_is_moved_aside_and_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("passerelle.sqlite3");
    let garbage = b"this is not a database, it is a shopping list: bread, milk";
    std::fs::write(&db, garbage).unwrap();
    let store = Store::open(&DataPaths::at(dir.path())).unwrap();
    let notice = store.notice().expect("a notice for the UI").clone();
    assert_eq!(notice.code, "store-damaged");
    // Nothing lost: the old bytes are where the notice says.
    assert_eq!(std::fs::read(&notice.moved_to).unwrap(), garbage);
    assert_eq!(store.schema_version().unwrap(), LATEST_SCHEMA_VERSION);
    store.create_profile("Après").unwrap();
}

#[test]
fn truncated_database_is_moved_aside() {
    let dir = tempfile::tempdir().unwrap();
    let paths = DataPaths::at(dir.path());
    {
        let store = Store::open(&paths).unwrap();
        for i in 0..200 {
            store.create_profile(&format!("Profil {i}")).unwrap();
        }
    }
    // Fold the WAL into the main file, then cut the file in half.
    let conn = rusqlite::Connection::open(paths.database()).unwrap();
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
        .unwrap();
    drop(conn);
    let bytes = std::fs::read(paths.database()).unwrap();
    std::fs::write(paths.database(), &bytes[..bytes.len() / 2]).unwrap();
    let store = Store::open(&paths).unwrap();
    assert_eq!(
        store.notice().map(|n| n.code.as_str()),
        Some("store-damaged")
    );
    assert!(store.profiles().unwrap().is_empty());
}

#[test]
fn newer_database_is_moved_aside_not_downgraded() {
    let dir = tempfile::tempdir().unwrap();
    let paths = DataPaths::at(dir.path());
    {
        let conn = rusqlite::Connection::open(paths.database()).unwrap();
        conn.execute_batch("CREATE TABLE future (x); PRAGMA user_version = 999;")
            .unwrap();
    }
    let store = Store::open(&paths).unwrap();
    let notice = store.notice().unwrap();
    assert_eq!(notice.code, "store-newer");
    let old = rusqlite::Connection::open(&notice.moved_to).unwrap();
    let v: u32 = old
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(v, 999, "the newer file is kept as it was");
}

#[test]
fn two_openings_in_the_same_minute_do_not_overwrite_each_other() {
    let dir = tempfile::tempdir().unwrap();
    let paths = DataPaths::at(dir.path());
    std::fs::write(paths.database(), b"first garbage").unwrap();
    let first = Store::open(&paths)
        .unwrap()
        .notice()
        .unwrap()
        .moved_to
        .clone();
    std::fs::write(paths.database(), b"second garbage").unwrap();
    // Remove the WAL files of the fresh database so the garbage is alone.
    let _ = std::fs::remove_file(format!("{}-wal", paths.database().display()));
    let _ = std::fs::remove_file(format!("{}-shm", paths.database().display()));
    let second = Store::open(&paths)
        .unwrap()
        .notice()
        .unwrap()
        .moved_to
        .clone();
    assert_ne!(first, second);
    assert_eq!(std::fs::read(first).unwrap(), b"first garbage");
    assert_eq!(std::fs::read(second).unwrap(), b"second garbage");
}

// Issue #16, item 10: connecting an admin's account silently made it the profile's account in use.
#[test]
fn adding_an_account_never_changes_the_one_in_use() {
    use passerelle_core::secrets::SecretStorage;
    use passerelle_core::store::NewAccount;

    let (_dir, store) = fresh();
    let profile = store.create_profile("Camille").unwrap().id;
    let add = |user_id: &str| {
        store
            .upsert_account(&NewAccount {
                profile_id: profile,
                server_url: "https://monasso.frama.space",
                user_id,
                login_name: user_id,
                display_name: None,
                secret_storage: SecretStorage::Session,
            })
            .unwrap()
    };
    let in_use = |store: &Store| store.accounts(profile).unwrap()[0].user_id.clone();

    // The first account of a profile is the one in use.
    let first = add("camille");
    assert!(first.last_used_at.is_some());
    assert_eq!(in_use(&store), "camille");

    // A later one waits until the person chooses it.
    let admin = add("admin");
    assert_eq!(admin.last_used_at, None);
    assert_eq!(in_use(&store), "camille");

    // Reconnecting an account keeps its rank, in use or not.
    add("admin");
    add("camille");
    assert_eq!(in_use(&store), "camille");

    store.select_account(admin.id).unwrap();
    assert_eq!(in_use(&store), "admin");
    add("camille");
    assert_eq!(in_use(&store), "admin");
}

/// A journal written before migration 0007 kept each strategy's resumable state as text in
/// `detail`; the migration moves it into typed columns, which a resume then reads.
#[test]
fn the_strategies_notes_of_version_6_move_into_typed_columns() {
    use passerelle_core::handover::{self, TransferState, TransferStep};

    let dir = tempfile::tempdir().unwrap();
    let paths = DataPaths::at(dir.path());
    {
        let conn = rusqlite::Connection::open(paths.database()).unwrap();
        for sql in [
            include_str!("../migrations/0001_init.sql"),
            include_str!("../migrations/0002_accounts_secrets_pins.sql"),
            include_str!("../migrations/0003_tours.sql"),
            include_str!("../migrations/0004_handover.sql"),
            include_str!("../migrations/0005_workshop.sql"),
            include_str!("../migrations/0006_tour_health.sql"),
        ] {
            conn.execute_batch(sql).unwrap();
        }
        conn.execute_batch(
            "PRAGMA user_version = 6;
             INSERT INTO handover_jobs VALUES (1, '{}', '{}', '{}', 'native-transfer', '/d',
                 '{}', 'incomplete', NULL, 't', NULL, NULL, 't');
             INSERT INTO handover_items (id, job_id, kind, source, target, state, detail,
                 updated_at) VALUES
               (1, 1, 'folder', '/a', '/a', 'planned', 'share:17', 't'),
               (2, 1, 'folder', '/b', '/b', 'failed', 'share:18 could not be removed: 500', 't'),
               (3, 1, 'folder', '/', '/', 'failed', 'ot-home:queued timed out', 't'),
               (4, 1, 'folder', '/c', '/c', 'planned', 'transfer:-:requested:42', 't'),
               (5, 1, 'folder', '/e', '/e', 'failed',
                   'transfer:abc12:accepted:43 cron does not run', 't'),
               (6, 1, 'folder', '/f', '/f', 'copied', 'transfer:abc13:landed:44 /d/f', 't'),
               (7, 1, 'file', '/g', '/g', 'failed', 'server said no', 't');",
        )
        .unwrap();
    }
    let store = Store::open(&paths).unwrap();
    assert_eq!(store.schema_version().unwrap(), LATEST_SCHEMA_VERSION);
    let items = handover::items(&store, 1).unwrap();
    let item = |id: i64| items.iter().find(|i| i.id == id).unwrap();
    assert_eq!(item(1).share_id.as_deref(), Some("17"));
    assert_eq!(item(1).detail, None);
    assert_eq!(item(2).share_id.as_deref(), Some("18"));
    assert!(
        item(2)
            .detail
            .as_deref()
            .unwrap()
            .contains("could not be removed")
    );
    assert!(item(3).home_queued);
    assert_eq!(item(3).detail.as_deref(), Some("timed out"));
    let transfer = |id: Option<&str>, step, file_id, landed_at: Option<&str>| TransferState {
        id: id.map(str::to_owned),
        step,
        file_id: Some(file_id),
        landed_at: landed_at.map(str::to_owned),
    };
    assert_eq!(
        item(4).transfer,
        transfer(None, TransferStep::Requested, 42, None)
    );
    assert_eq!(item(4).detail, None);
    assert_eq!(
        item(5).transfer,
        transfer(Some("abc12"), TransferStep::Accepted, 43, None)
    );
    assert_eq!(item(5).detail.as_deref(), Some("cron does not run"));
    assert_eq!(
        item(6).transfer,
        transfer(Some("abc13"), TransferStep::Landed, 44, Some("/d/f"))
    );
    assert_eq!(item(7).detail.as_deref(), Some("server said no"));
    assert!(!item(7).home_queued && item(7).share_id.is_none());
    assert_eq!(item(7).transfer, TransferState::default());
}
