//! A real CalDAV/CardDAV server: Radicale (Debian package `radicale`) on 127.0.0.1 with a
//! temporary storage folder. Fails, never skips, when Radicale is missing.

use url::Url;

use crate::support::client;
use crate::support::process::radicale;
use passerelle_nextcloud::dav::RemotePath;
use passerelle_nextcloud::dav::caldav::{CalDav, Ownership, PutMode};
use passerelle_nextcloud::dav::carddav::CardDav;
use passerelle_nextcloud::dav::files::{Files, UploadOptions};

fn event(uid: &str, summary: &str) -> String {
    format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//passerelle//tests//EN\r\nBEGIN:VEVENT\r\n\
         UID:{uid}\r\nDTSTAMP:20261121T060000Z\r\nDTSTART:20261201T090000Z\r\n\
         DTEND:20261201T100000Z\r\nSUMMARY:{summary}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
}

fn card(uid: &str, name: &str) -> String {
    format!("BEGIN:VCARD\r\nVERSION:4.0\r\nUID:{uid}\r\nFN:{name}\r\nEND:VCARD\r\n")
}

#[tokio::test]
async fn calendars_objects_and_create_only() {
    let server = radicale();
    let c = client(&server.base, "alice", "any-password");
    let home = Url::parse(&format!("{}/alice/", server.base)).unwrap();
    let caldav = CalDav::at(&c, home.clone());

    let url = caldav
        .create_calendar("asso", "Réunions de l'asso", Some("#0082C9"), &["VEVENT"])
        .await
        .unwrap();
    let e = caldav
        .create_calendar("asso", "again", None, &[])
        .await
        .unwrap_err();
    assert!(!e.is_auth(), "{e:?}");

    let cals = caldav.calendars().await.unwrap();
    assert_eq!(cals.len(), 1, "{cals:?}");
    let cal = &cals[0];
    assert_eq!(cal.uri, "asso");
    assert_eq!(cal.display_name.as_deref(), Some("Réunions de l'asso"));
    assert!(cal.color.as_deref().unwrap().starts_with("#0082C9"));
    assert_eq!(cal.ownership, Ownership::Owned);
    assert!(cal.writable);
    assert_eq!(cal.components, vec!["VEVENT"]);
    assert_eq!(cal.url, url);

    let first = caldav
        .put(
            &url,
            &event("meeting-1@passerelle.test", "AG"),
            &PutMode::Create,
        )
        .await
        .unwrap();
    assert_eq!(first.name, "meeting-1@passerelle.test.ics");
    // If-None-Match: * refuses a second write of the same UID.
    let e = caldav
        .put(
            &url,
            &event("meeting-1@passerelle.test", "AG bis"),
            &PutMode::Create,
        )
        .await
        .unwrap_err();
    assert!(e.is_conflict(), "{e:?}");

    // An object stored under a foreign name is still found by UID (calendar-query REPORT).
    Files::at(&c, url.clone())
        .upload_bytes(
            &RemotePath::parse("foreign-name.ics").unwrap(),
            event("meeting-2@passerelle.test", "CA"),
            &UploadOptions {
                content_type: Some("text/calendar".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let found = caldav
        .get_by_uid(&url, "meeting-2@passerelle.test")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found.name, "foreign-name.ics");

    let objects = caldav.objects(&url).await.unwrap();
    let mut uids: Vec<_> = objects.iter().filter_map(|o| o.uid.clone()).collect();
    uids.sort();
    assert_eq!(
        uids,
        vec!["meeting-1@passerelle.test", "meeting-2@passerelle.test"]
    );
    assert_eq!(caldav.count_objects(&url).await.unwrap(), 2);
    let counted = caldav.calendars_with_counts().await.unwrap();
    assert_eq!(counted[0].object_count, Some(2));

    // Replace with the right ETag works; with a stale one it is a conflict.
    let current = caldav
        .get_by_uid(&url, "meeting-1@passerelle.test")
        .await
        .unwrap()
        .unwrap();
    let etag = current.etag.clone().unwrap();
    let replaced = caldav
        .put(
            &url,
            &event("meeting-1@passerelle.test", "AG (moved)"),
            &PutMode::Replace { etag: etag.clone() },
        )
        .await
        .unwrap();
    assert_eq!(replaced.name, "meeting-1@passerelle.test.ics");
    let e = caldav
        .put(
            &url,
            &event("meeting-1@passerelle.test", "stale"),
            &PutMode::Replace { etag },
        )
        .await
        .unwrap_err();
    assert!(e.is_conflict(), "{e:?}");
    let now = caldav
        .get_by_uid(&url, "meeting-1@passerelle.test")
        .await
        .unwrap()
        .unwrap();
    assert!(now.data.unwrap().contains("AG (moved)"));

    caldav.delete_object(&found, None).await.unwrap();
    assert!(
        caldav
            .get_by_uid(&url, "meeting-2@passerelle.test")
            .await
            .unwrap()
            .is_none()
    );
    caldav.delete_calendar(&url, true).await.unwrap();
    assert!(caldav.calendars().await.unwrap().is_empty());
}

#[tokio::test]
async fn address_books_by_extended_mkcol() {
    let server = radicale();
    let c = client(&server.base, "bob", "any-password");
    let carddav = CardDav::at(&c, Url::parse(&format!("{}/bob/", server.base)).unwrap());
    let url = carddav
        .create_address_book("membres", "Membres & bénévoles", Some("Les membres"))
        .await
        .unwrap();
    let books = carddav.address_books().await.unwrap();
    assert_eq!(books.len(), 1);
    assert_eq!(
        books[0].display_name.as_deref(),
        Some("Membres & bénévoles")
    );
    assert_eq!(books[0].description.as_deref(), Some("Les membres"));
    assert_eq!(books[0].ownership, Ownership::Owned);

    let uid = "urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1";
    let created = carddav
        .put(&url, &card(uid, "Zoé Martin"), &PutMode::Create)
        .await
        .unwrap();
    assert!(created.name.ends_with(".vcf") && !created.name.contains(':'));
    assert!(
        carddav
            .put(&url, &card(uid, "Zoé Martin"), &PutMode::Create)
            .await
            .unwrap_err()
            .is_conflict()
    );
    carddav
        .put(
            &url,
            &card("emile@passerelle.test", "Émile Dupont"),
            &PutMode::Create,
        )
        .await
        .unwrap();
    let cards = carddav.objects(&url).await.unwrap();
    assert_eq!(cards.len(), 2);
    let zoe = carddav.get_by_uid(&url, uid).await.unwrap().unwrap();
    assert!(zoe.data.unwrap().contains("FN:Zoé Martin"));
    assert_eq!(carddav.count_objects(&url).await.unwrap(), 2);
    carddav.delete_address_book(&url).await.unwrap();
    assert!(carddav.address_books().await.unwrap().is_empty());
}
