# Tour "Manage contacts" (tours/contacts/tour.toml).
# Variables: $space = the space's name (or "your space"); $name = the person's first name.
# Nextcloud 29 / Contacts 6.0 labels in English.

tour-contacts-title = Manage contacts
tour-contacts-summary = Save a contact, share an address book with other members and see it on your phone.

tour-contacts-welcome =
    Open the "Contacts" app: the person icon at the top of the page.

    Contacts are kept in address books. The "Contacts" address book is yours. Sharing an address book saves each person who uses { $space } from keeping their own list of partners, suppliers or volunteers.

tour-contacts-create-contact =
    Save a contact, for example one of the association's partners:
    top left, click "+ New contact";
    in "Name", type their name;
    add a "Phone" number or an "Email" address if you like;
    click "Save".
tour-contacts-create-contact-hint = The contact does not show in the list? Check that you clicked "Save", then look in "All contacts" on the left. A name is a must: without one, the contact is called "New contact".

tour-contacts-address-books =
    Your address books are in the app's settings: at the very bottom left, click "Contacts settings". The "Address books" part lists them all.

    There you can create an address book just for the association with "Add new address book", for example "Partners". Then, on a contact's card, the "Address book" field lets you choose where it is kept.

tour-contacts-share-addressbook =
    Share an address book with a member or a group:
    in "Contacts settings", "Address books" part, click the share icon to the right of the address book;
    in "Share with users or groups", type a name;
    pick the person or the group in the list.

    The share is saved straight away.
tour-contacts-share-addressbook-hint = Nobody shows up? Type at least three letters and wait a moment. No share icon next to the address book? Someone else may have shared it with you: you can only share your own.

tour-contacts-quiz-who-sees = Who sees the contacts in your "Contacts" address book?
tour-contacts-quiz-who-sees-a = Every member of the space
tour-contacts-quiz-who-sees-a-feedback = No: an address book stays private until you share it.
tour-contacts-quiz-who-sees-b = Only you, and the people you shared it with
tour-contacts-quiz-who-sees-b-feedback = Exactly! Think about it before sharing: contacts are personal data, so share an address book only with the people who need it.

tour-contacts-phone =
    To see your contacts on your phone:
    on Android, install the DAVx⁵ app (from F-Droid or the Play Store) and connect it to the space's address;
    on iPhone, open Settings → Contacts (or Apps → Contacts) → Accounts → Add Account → Other → "Add CardDAV Account", then enter the space's address.

    Either way, use an app password rather than your own password (see the "Keep your account safe" tour). An address book's address can be copied in "Contacts settings": "…" next to the address book → "Copy link".

tour-contacts-well-done = Well done! Your contacts are saved on { $space } and you know how to share them. To remove a share, open the address book's share icon again and remove the person or the group.

tour-contacts-new-contact-button = Here is the "New contact" button, at the top of the left column.
tour-contacts-new-contact-button-fallback = In the Contacts app, at the top left, above the list of groups, click "+ New contact". An empty card opens on the right.
