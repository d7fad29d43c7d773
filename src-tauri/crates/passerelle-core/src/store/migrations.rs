//! Numbered schema migrations, embedded in the binary. Each runs in its own transaction together
//! with the `user_version` bump, so a crash leaves the database at the previous version.

use rusqlite::Connection;

/// `(version, sql)`, in order. Append only: never edit a migration that has shipped.
const MIGRATIONS: &[(u32, &str)] = &[
    (1, include_str!("../../migrations/0001_init.sql")),
    (
        2,
        include_str!("../../migrations/0002_accounts_secrets_pins.sql"),
    ),
    (3, include_str!("../../migrations/0003_tours.sql")),
    (4, include_str!("../../migrations/0004_handover.sql")),
    (5, include_str!("../../migrations/0005_workshop.sql")),
    (6, include_str!("../../migrations/0006_tour_health.sql")),
    (7, include_str!("../../migrations/0007_strategy_state.sql")),
];

/// The schema version this build writes.
pub const LATEST_SCHEMA_VERSION: u32 = MIGRATIONS[MIGRATIONS.len() - 1].0;

pub(super) fn run(conn: &mut Connection) -> rusqlite::Result<()> {
    let current: u32 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    for (version, sql) in MIGRATIONS.iter().filter(|(v, _)| *v > current) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", version)?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_consecutive_from_one() {
        for (i, (v, _)) in MIGRATIONS.iter().enumerate() {
            assert_eq!(*v as usize, i + 1);
        }
    }
}
