//! `passerelle-cli server …` and `account …`: check an address, trust a certificate, add,
//! list and remove accounts. App passwords come from `PASSERELLE_APP_PASSWORD` or standard
//! input, never from the command line (it would land in the shell history and `ps`). A login
//! password given there instead is exchanged for an app password and never kept.

use clap::Subcommand;
use passerelle_core::connect;
use passerelle_core::model::{PasswordSignIn, ServerCheck};
use passerelle_core::secrets::{SecretStorage, Secrets};
use passerelle_core::{CoreError, IpcError, Localizer, Store};

use crate::Outcome;
use crate::input::{APP_PASSWORD_ENV, SecretInput, print_json};

/// Environment variable read for the app password.

#[derive(Debug, Subcommand)]
pub enum ServerCommand {
    /// Says whether an address leads to a usable Nextcloud (product, version, maintenance).
    Check {
        /// The address, e.g. monasso.frama.space.
        address: String,
    },
    /// Trusts exactly this certificate (SHA-256 fingerprint) for this server.
    Trust {
        /// The address.
        address: String,
        /// The fingerprint shown by `server check`.
        fingerprint: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum AccountCommand {
    /// Adds an account with an app password (from PASSERELLE_APP_PASSWORD or standard input);
    /// a login password given instead is exchanged for an app password and not kept.
    Add {
        /// The local profile (created when missing).
        #[arg(long)]
        profile: String,
        /// The server address.
        #[arg(long)]
        server: String,
        /// The login name.
        #[arg(long)]
        login: String,
    },
    /// Lists the accounts of a profile.
    List {
        /// The local profile.
        #[arg(long)]
        profile: String,
    },
    /// Signs out: revokes the app password on the server and forgets the account.
    Remove {
        /// The account id (see `account list`).
        id: i64,
    },
}

pub async fn server(cmd: ServerCommand, l10n: &Localizer, json: bool) -> Outcome {
    let store = crate::open_store()?;
    match cmd {
        ServerCommand::Check { address } => {
            let check = connect::check_address(&store, &address).await?;
            if json {
                print_json(&check);
            }
            match check {
                ServerCheck::Ok { server } => {
                    if !json {
                        let args = [
                            ("product", server.product_name.as_str().into()),
                            ("version", server.version.as_str().into()),
                            ("url", server.url.as_str().into()),
                        ];
                        println!("{}", l10n.t_args("cli-server-found", &args));
                        if server.insecure_http {
                            println!("{}", l10n.t("cli-server-insecure-http"));
                        }
                    }
                    if server.maintenance {
                        return Err(IpcError::new(
                            "maintenance",
                            "the server is in maintenance mode",
                        ));
                    }
                    if !json {
                        println!("{}", l10n.t("cli-server-ready"));
                    }
                    Ok(())
                }
                ServerCheck::UntrustedCertificate {
                    url, fingerprint, ..
                } => {
                    if !json {
                        let args = [
                            ("url", url.as_str().into()),
                            ("fingerprint", fingerprint.into()),
                        ];
                        println!("{}", l10n.t_args("cli-server-untrusted", &args));
                    }
                    Err(IpcError::new(
                        "tls-untrusted",
                        "the server's certificate is not trusted",
                    ))
                }
            }
        }
        ServerCommand::Trust {
            address,
            fingerprint,
        } => {
            connect::trust_certificate(&store, &address, &fingerprint)?;
            if !json {
                println!("{}", l10n.t("cli-server-trusted"));
            }
            Ok(())
        }
    }
}

fn profile_id(store: &Store, name: &str) -> Result<i64, CoreError> {
    let existing = store
        .profiles()?
        .into_iter()
        .find(|p| p.name.eq_ignore_ascii_case(name.trim()));
    Ok(match existing {
        Some(p) => p.id,
        None => store.create_profile(name)?.id,
    })
}

pub async fn account(cmd: AccountCommand, l10n: &Localizer, json: bool) -> Outcome {
    let store = crate::open_store()?;
    match cmd {
        AccountCommand::Add {
            profile,
            server,
            login,
        } => {
            let secrets = Secrets::probe();
            let id = profile_id(&store, &profile)?;
            let sign_in = PasswordSignIn::new(
                id,
                server,
                login,
                SecretInput::default().app_password(APP_PASSWORD_ENV, 0)?,
                SecretStorage::Keyring,
            );
            let added = connect::add_with_password(&store, &secrets, &sign_in).await?;
            drop(sign_in);
            let account = &added.account;
            if json {
                // The account as before, with whether a login password was exchanged.
                let mut value = serde_json::to_value(account).expect("serialises");
                value["exchangedLoginPassword"] = added.exchanged_login_password.into();
                print_json(&value);
            } else {
                let name = account
                    .display_name
                    .clone()
                    .unwrap_or_else(|| account.user_id.clone());
                let args = [
                    ("name", name.into()),
                    ("url", account.server_url.as_str().into()),
                ];
                println!("{}", l10n.t_args("cli-account-added", &args));
                if added.exchanged_login_password {
                    println!("{}", l10n.t("cli-account-password-exchanged"));
                }
            }
            Ok(())
        }
        AccountCommand::List { profile } => {
            let id = profile_id(&store, &profile)?;
            let accounts = store.accounts(id)?;
            if json {
                print_json(&accounts);
            } else if accounts.is_empty() {
                println!("{}", l10n.t("cli-account-none"));
            } else {
                for a in accounts {
                    println!("{}\t{}\t{}", a.id, a.user_id, a.server_url);
                }
            }
            Ok(())
        }
        AccountCommand::Remove { id } => {
            let report = connect::sign_out(&store, &Secrets::probe(), id).await?;
            if json {
                print_json(&report);
            } else if report.revoked_on_server {
                println!("{}", l10n.t("cli-account-removed"));
            } else {
                println!("{}", l10n.t("cli-account-removed-locally"));
            }
            Ok(())
        }
    }
}
