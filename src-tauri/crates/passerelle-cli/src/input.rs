//! What the CLI reads and prints besides its arguments: secrets from the environment or from
//! standard input (never from the command line, where other users of the computer could see
//! them), and the `--json` output. Written once for every subcommand.

use std::io::Read;

use passerelle_core::IpcError;
use passerelle_core::secrets::Secret;

/// The app password of subcommands that need one account's.
pub const APP_PASSWORD_ENV: &str = "PASSERELLE_APP_PASSWORD";

/// Prints `value` as pretty JSON on standard output.
pub fn print_json(value: &impl serde::Serialize) {
    println!(
        "{}",
        serde_json::to_string_pretty(value).expect("serialises")
    );
}

/// Secrets from environment variables, else from standard input (read once, one line each).
#[derive(Default)]
pub struct SecretInput {
    stdin: Option<Vec<String>>,
}

impl SecretInput {
    /// The value of `env`, else line `line` of standard input (its first line when there are
    /// fewer), trimmed; `None` when neither gives one.
    pub fn secret(&mut self, env: &str, line: usize) -> Result<Option<Secret>, IpcError> {
        if let Ok(v) = std::env::var(env)
            && !v.trim().is_empty()
        {
            return Ok(Some(Secret::from(v.trim().to_owned())));
        }
        if self.stdin.is_none() {
            let mut input = String::new();
            std::io::stdin().read_to_string(&mut input).map_err(|e| {
                IpcError::new("invalid-value", format!("cannot read standard input: {e}"))
            })?;
            self.stdin = Some(input.lines().map(|l| l.trim().to_owned()).collect());
        }
        let lines = self.stdin.as_deref().unwrap_or_default();
        Ok(lines
            .get(line)
            .or_else(|| lines.first())
            .filter(|l| !l.is_empty())
            .map(|l| Secret::from(l.clone())))
    }

    /// As [`Self::secret`], an app password that must be there.
    pub fn app_password(&mut self, env: &str, line: usize) -> Result<Secret, IpcError> {
        self.secret(env, line)?.ok_or_else(|| {
            IpcError::new(
                "invalid-value",
                format!("no app password: set {env} or give it on standard input"),
            )
        })
    }
}
