//! The printable sign-in sheet: one self-contained HTML page (CSS for A4, no remote asset, no
//! script) with one card per account: the space's address, the login, the password, and a QR
//! code drawn here as inline SVG. The QR holds the Nextcloud apps' login link
//! (`nc://login/user:…&password:…&server:…`), so a phone app can sign in by scanning it.
//!
//! The page holds passwords in clear: it is meant to be printed and handed out, and the
//! callers write it only where the trainer asks. Cards come from a creation run
//! ([`entries`]) or from a CSV the trainer made ([`read_cards`]); nothing here writes a file.
//! Texts come from `workshop.ftl`; the page is the askama template `templates/sign-in-sheet.html`,
//! which escapes every value by default.

use std::path::{Path, PathBuf};

use qrcode::QrCode;
use qrcode::render::svg;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::accounts::CreationReport;
use super::csv;
use crate::{CoreError, Localizer};

/// One sign-in card: who, login and (generated) password.
// (Its `Debug`, below, hides the password.)
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SheetEntry {
    /// Display name.
    pub display_name: String,
    /// Login.
    pub login: String,
    /// Password, when Passerelle generated one.
    pub password: Option<String>,
}

impl std::fmt::Debug for SheetEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SheetEntry")
            .field("display_name", &self.display_name)
            .field("login", &self.login)
            .field("password", &self.password.as_ref().map(|_| "***"))
            .finish()
    }
}

/// The cards of the accounts a run created (passwords shown once, here).
pub fn entries(report: &CreationReport) -> Vec<SheetEntry> {
    report
        .accounts
        .iter()
        .map(|a| SheetEntry {
            display_name: a.account.display_name.clone(),
            login: a.account.user_id.clone(),
            password: a.password.as_ref().map(|p| p.expose().to_owned()),
        })
        .collect()
}

/// Cards from a CSV of `name,login,password` (`;` or tab also understood), header line first,
/// blank lines skipped, fields trimmed. `Err(line)` names the first line without exactly
/// these three fields, or with no login or no password.
pub fn read_cards(text: &str) -> Result<Vec<SheetEntry>, u32> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut cards = Vec::new();
    for record in csv::records(text, csv::guess_separator(text))
        .iter()
        .skip(1)
    {
        let fields: Vec<&str> = record.fields.iter().map(|f| f.trim()).collect();
        match fields.as_slice() {
            [name, login, password] if !login.is_empty() && !password.is_empty() => {
                cards.push(SheetEntry {
                    display_name: (*name).to_owned(),
                    login: (*login).to_owned(),
                    password: Some((*password).to_owned()),
                })
            }
            _ => return Err(record.line),
        }
    }
    Ok(cards)
}

/// The space's address as printed on the cards: trimmed, `https://` added when missing.
pub fn web_address(input: &str) -> Result<String, CoreError> {
    let input = input.trim().trim_end_matches('/');
    if input.is_empty() || input.contains(char::is_whitespace) {
        return Err(CoreError::InvalidValue {
            field: "server",
            value: input.to_owned(),
        });
    }
    Ok(if input.contains("://") {
        input.to_owned()
    } else {
        format!("https://{input}")
    })
}

/// Writes the sheet to `path` (`.html` added when missing, its folder created): for the
/// trainer who asked for it, as it holds the passwords. Returns the file and how many cards.
pub fn write_sheet(
    l10n: &Localizer,
    path: &Path,
    server: &str,
    title: &str,
    cards: &[SheetEntry],
) -> Result<(PathBuf, usize), CoreError> {
    let mut path = path.to_owned();
    if path.extension().is_none_or(|e| e != "html") {
        path.set_extension("html");
    }
    let html = render(l10n, &web_address(server)?, title, cards);
    crate::paths::write_file(&path, html.as_bytes())?;
    Ok((path, cards.iter().filter(|c| c.password.is_some()).count()))
}

/// The Nextcloud apps' login link for an account.
pub fn login_link(server_url: &str, login: &str, password: &str) -> String {
    format!("nc://login/user:{login}&password:{password}&server:{server_url}")
}

/// An inline SVG QR code of `data` (medium error correction, no XML prolog).
pub fn qr_svg(data: &str) -> String {
    match QrCode::with_error_correction_level(data, qrcode::EcLevel::M) {
        Ok(code) => {
            let svg = code
                .render::<svg::Color<'_>>()
                .min_dimensions(160, 160)
                .quiet_zone(true)
                .build();
            match svg.find("<svg") {
                Some(i) => svg[i..].to_owned(),
                None => svg,
            }
        }
        // Longer than a QR code can hold: the card still has the text.
        Err(_) => String::new(),
    }
}

/// A card as the template shows it (only entries with a password get one).
struct Card<'a> {
    name: &'a str,
    login: &'a str,
    password: &'a str,
    /// Inline SVG from [`qr_svg`]: markup this module drew, shown as is.
    qr: String,
}

/// A piece of the address as printed; `wbr` after dots and slashes.
struct AddressPart<'a> {
    text: &'a str,
    wbr: bool,
}

/// `templates/sign-in-sheet.html`: every text is HTML-escaped by the template engine.
#[derive(askama::Template)]
#[template(path = "sign-in-sheet.html")]
struct SheetPage<'a> {
    lang: &'static str,
    title: String,
    intro: String,
    address_label: String,
    login_label: String,
    password_label: String,
    scan: String,
    address: Vec<AddressPart<'a>>,
    cards: Vec<Card<'a>>,
}

/// The address as people type it (no `https://`), with line-break opportunities only after
/// dots and slashes: `monasso.` / `frama.space`, never inside a word.
fn breakable_address(server_url: &str) -> Vec<AddressPart<'_>> {
    server_url
        .trim_start_matches("https://")
        .trim_end_matches('/')
        .split_inclusive(['.', '/'])
        .map(|text| AddressPart {
            text,
            wbr: text.ends_with(['.', '/']),
        })
        .collect()
}

/// The whole page: one card per entry that has a password. `space_name` titles it (the
/// space's name; its address when blank).
pub fn render(
    l10n: &Localizer,
    server_url: &str,
    space_name: &str,
    cards: &[SheetEntry],
) -> String {
    use askama::Template as _;

    let space_name = match space_name.trim() {
        "" => server_url,
        name => name,
    };
    let page = SheetPage {
        lang: l10n.language().tag(),
        title: l10n.t_args("workshop-sheet-title", &[("space", space_name.into())]),
        intro: l10n.t("workshop-sheet-intro"),
        address_label: l10n.t("workshop-sheet-address"),
        login_label: l10n.t("workshop-sheet-login"),
        password_label: l10n.t("workshop-sheet-password"),
        scan: l10n.t("workshop-sheet-scan"),
        address: breakable_address(server_url),
        cards: cards
            .iter()
            .filter_map(|c| {
                let password = c.password.as_deref()?;
                Some(Card {
                    name: &c.display_name,
                    login: &c.login,
                    password,
                    qr: qr_svg(&login_link(server_url, &c.login, password)),
                })
            })
            .collect(),
    };
    let mut html = page.render().expect("the sheet's values always display");
    // The engine drops the template file's last line end; the page has always ended with one.
    html.push('\n');
    html
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Language;

    #[test]
    fn a_card_never_shows_its_password_in_debug() {
        let card = SheetEntry {
            display_name: "Camille".into(),
            login: "camille".into(),
            password: Some("Kbtw-7mqa-3hpx-rzd4".into()),
        };
        for shown in [format!("{card:?}"), format!("{card:#?}")] {
            assert!(!shown.contains("Kbtw"), "{shown}");
            assert!(shown.contains("camille"), "{shown}");
        }
    }

    #[test]
    fn sheet_is_self_contained_and_escaped() {
        for lang in [Language::Fr, Language::En] {
            let l10n = Localizer::new(lang);
            let html = render(
                &l10n,
                "https://asso.frama.space",
                "Asso <b>",
                &[
                    SheetEntry {
                        display_name: "Camille <Martin>".into(),
                        login: "camille.martin".into(),
                        password: Some("Kbtw-7mqa-3hpx-rzd4".into()),
                    },
                    SheetEntry {
                        display_name: "No card".into(),
                        login: "nocard".into(),
                        password: None,
                    },
                ],
            );
            assert!(html.contains("Camille &#60;Martin&#62;"));
            assert!(html.contains("Asso &#60;b&#62;"));
            assert!(html.contains("Kbtw-7mqa-3hpx-rzd4"));
            assert!(html.contains("<svg"), "a QR code is drawn");
            assert!(!html.contains("nocard"), "no card without a password");
            let label =
                askama::filters::escape(l10n.t("workshop-sheet-password"), askama::filters::Html);
            assert!(html.contains(&label.unwrap().to_string()));
            assert!(html.contains("size: A4"));
            // The address as typed, breaking only after dots and slashes.
            assert!(
                html.contains("<dd>asso.<wbr>frama.<wbr>space</dd>"),
                "{html}"
            );
            // No remote asset, no script.
            for bad in [
                "src=\"http",
                "href=\"http",
                "url(http",
                "<script",
                "@import",
            ] {
                assert!(!html.contains(bad), "{bad}");
            }
            assert!(
                !html.contains("workshop-sheet-"),
                "every text is translated"
            );
        }
    }

    #[test]
    fn sheet_rows_need_three_fields() {
        // Moved from the CLI (its own line splitter) to the one CSV reader.
        let rows = read_cards("name,login,password\nAnne,anne,Kbtw-7mqa\n\n").unwrap();
        let row = |c: &SheetEntry| (c.display_name.clone(), c.login.clone(), c.password.clone());
        assert_eq!(
            rows.iter().map(row).collect::<Vec<_>>(),
            [("Anne".into(), "anne".into(), Some("Kbtw-7mqa".into()))]
        );
        assert_eq!(read_cards("n;l;p\nAnne;anne\n"), Err(2));
        let quoted =
            read_cards("\u{feff}nom;identifiant;mot de passe\r\n\"Martin; Camille\";cm;x-1\r\n");
        assert_eq!(quoted.unwrap()[0].display_name, "Martin; Camille");
        assert_eq!(read_cards("n,l,p\nAnne,,pw\n"), Err(2));
    }

    #[test]
    fn addresses_on_cards() {
        assert_eq!(
            web_address(" monasso.frama.space/ ").unwrap(),
            "https://monasso.frama.space"
        );
        assert_eq!(
            web_address("http://127.0.0.1:8029").unwrap(),
            "http://127.0.0.1:8029"
        );
        assert_eq!(
            web_address("not an address").unwrap_err().code(),
            "invalid-value"
        );
    }
}
