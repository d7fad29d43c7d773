# Tour "Share files" (tours/sharing/tour.toml).
# Variables: $space = the space's name (or "your space"); $name = the person's first name.
# Nextcloud 29 labels in English. The folder "Essai partage" is checked by that exact name.

tour-sharing-title = Share files
tour-sharing-summary = Share a folder with a member, with a group, or through a link protected by a password.

tour-sharing-welcome =
    On { $space }, sharing saves you email attachments: everyone works on the same document, always up to date.

    There are three ways to share:
    with a member of the space;
    with a group of members (the board, for example);
    with a share link: a web address you send to anyone, even a person without an account.

    To practise safely, you will share a test folder that is almost empty.

tour-sharing-create-folder = In "Files", create a folder called "Essai partage" (French for "sharing test"): click "+ New", then "New folder", type Essai partage, then click "Create".
tour-sharing-create-folder-hint = Write the name exactly like this: Essai partage (a capital E, one space between the two words). The folder must be in "All files", not inside another folder.

tour-sharing-share-icon = On the row of the "Essai partage" folder, click the share icon: a small person with a +. A panel opens on the right, on the "Sharing" tab.
tour-sharing-share-icon-fallback = Can't find the icon? Click "…" ("Actions") at the end of the row, then "Open details", and choose the "Sharing" tab in the right-hand panel.

tour-sharing-share-input = At the top of the "Sharing" tab, under "Search for share recipients", there is a search field. This is where you type the name of a member or a group.
tour-sharing-share-input-fallback = The field shows "Name, email, or Federated Cloud ID …" (or "Name or email …"). Can't see it? Wait a few seconds for the panel to load. If it still does not show, sharing may be limited to some members: ask the people who look after the space.

tour-sharing-share-member =
    Share the folder with a member:
    in the search field, type the first letters of their name;
    click the person in the list;
    choose what they may do: "View only" or "Allow upload and editing";
    click "Save share".

    Pick someone who knows about it, or the workshop's trainer: they will get a notification.
tour-sharing-share-member-hint = Nobody shows up? Type at least three letters, then wait a moment. Try the person's full name or email address too. If they have no account on the space, you won't find them here: a share link fits better (that comes later).

tour-sharing-share-group =
    Now share the same folder with a group: in the same field, type a group's name (for example "Board" or "Members"), click the line marked "(group)", then "Save share".

    It is handy: people who join the group later will see the folder too.
tour-sharing-share-group-hint = No group shows up? Your space may not have any yet, or sharing with groups may not be allowed. Ask the people who look after the space, or click "Skip this step".

tour-sharing-what-link =
    A share link is a web address (starting with https://) that opens the folder in a browser, without an account. Anyone who has the link can open it: if it is forwarded, others can too.

    Two simple protections:
    a password, given separately;
    an expiration date: after that date, the link stops working.

tour-sharing-share-link =
    Create a protected link for "Essai partage":
    in the "Sharing" tab, to the right of "Share link", click + ("Create a new share link"): the link is created and copied;
    click "…" next to the link, then "Customize link";
    open "Advanced settings";
    tick "Set password" and type a password;
    tick "Set expiration date" and pick a date;
    click "Update share".
tour-sharing-share-link-hint =
    A small form asks for a password or a date straight away ("Password protection (enforced)")? Your space requires it: fill it in, then click "Create share".

    Passerelle checks that the link has a password and an expiration date. If one is missing, open "…" → "Customize link" again and complete it.

tour-sharing-quiz-password = You email someone a share link protected by a password. How do you give them the password?
tour-sharing-quiz-password-a = In the same email, just below the link
tour-sharing-quiz-password-a-feedback = Better not: if someone else reads that email, they have both the link and the password.
tour-sharing-quiz-password-b = Another way: text message, phone call or in person
tour-sharing-quiz-password-b-feedback = Yes! Keeping the link and the password apart is what makes the protection useful.
tour-sharing-quiz-password-c = No need, they will guess it
tour-sharing-quiz-password-c-feedback = A good password can't be guessed! Give it, but another way than the link: text message, phone…

tour-sharing-tidy-up =
    Well done, you can share in three ways!

    To remove a test share: in the folder's "Sharing" tab, click "…" next to the person, the group or the link, then "Delete share" or "Unshare". Or simply delete the "Essai partage" folder.

    To see everything you share, open "Shares" in the left menu of "Files".
