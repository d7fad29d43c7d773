//! `passerelle-cli doctor`: the state of this installation, with no display needed.

use passerelle_core::{DataPaths, Localizer, Store, doctor};

use crate::Outcome;
use crate::input::print_json;

pub fn run(l10n: &Localizer, json: bool) -> Outcome {
    let paths = DataPaths::from_env()?;
    let store = Store::open(&paths)?;
    let report = doctor::report(&paths, &store)?;
    if json {
        print_json(&report);
        return Ok(());
    }
    let about = &report.about;
    let version = about.version.as_str();
    println!(
        "{}",
        l10n.t_args("cli-doctor-title", &[("version", version.into())])
    );
    println!(
        "{}",
        l10n.t_args(
            "cli-doctor-data-dir",
            &[("path", about.data_dir.as_str().into())]
        )
    );
    println!(
        "{}",
        l10n.t_args(
            "cli-doctor-database",
            &[
                ("path", about.database_path.as_str().into()),
                ("version", about.schema_version.into()),
                ("latest", report.latest_schema_version.into()),
            ],
        )
    );
    let langs = doctor::language_tags(&about.locales).join(", ");
    println!(
        "{}",
        l10n.t_args("cli-doctor-locales", &[("list", langs.into())])
    );
    println!(
        "{}",
        l10n.t_args("cli-doctor-profiles", &[("count", report.profiles.into())])
    );
    println!(
        "{}",
        l10n.t_args(
            "cli-doctor-tours",
            &[
                ("count", report.tours.len().into()),
                ("list", report.tours.join(", ").into())
            ],
        )
    );
    if let Some(notice) = &report.store_notice {
        let id = format!("notice-{}", notice.code);
        println!(
            "{}",
            l10n.t_args(&id, &[("path", notice.moved_to.as_str().into())])
        );
    } else {
        println!("{}", l10n.t("cli-doctor-ok"));
    }
    Ok(())
}
