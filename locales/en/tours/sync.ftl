# Tour "Your files on computer and phone" (tours/sync/tour.toml).
# Variables: $space = the space's name (or "your space"); $name = the person's first name.

tour-sync-title = Your files on computer and phone
tour-sync-summary = Install the Nextcloud apps to have the space's files on your computer and your phone.

tour-sync-welcome =
    Syncing means keeping the same files in two places: on { $space } and on your computer or phone. What you add or change on one side shows up on the other by itself.

    All you need is the space's address (for example monasso.frama.space), your login and your password.

tour-sync-which-device = What would you like to start with?
tour-sync-which-device-computer = My computer
tour-sync-which-device-phone = My phone

tour-sync-desktop-install =
    On the computer, install the "Nextcloud" app (also called the desktop client):
    on the Nextcloud website, in the download part, pick the version for Windows, macOS or Linux;
    on Linux, it is often in the software centre too, named "Nextcloud Desktop".

    Then install it like any other program. It is a small app that works quietly, even on an old computer.

tour-sync-desktop-connect =
    Open the Nextcloud app, then:
    click "Log in";
    type the space's address (for example monasso.frama.space), then "Next";
    your browser opens on the space: log in if needed, then click "Grant access";
    go back to the app: choose the folder on your computer and what to sync, then confirm.

    This trip through the browser is called "Login Flow": you never type your password into the app, and the space creates an app password for it.

tour-sync-desktop-folder =
    A "Nextcloud" folder appears on your computer, in your home folder, and a small Nextcloud icon sits near the clock. Everything you put in that folder is sent to the space, and the other way round.

    Low-powered computer or nearly full disk? In the app's settings, sync only some folders ("Choose what to sync"). On Windows, "virtual files" download a file only when you open it.

tour-sync-phone-install =
    On the phone, install the "Nextcloud" app (Nextcloud Files):
    on Android, from F-Droid or the Play Store;
    on iPhone, from the App Store.

    Open it, tap "Log in", type the space's address, log in, then tap "Grant access". The space's files show up. Automatic photo upload exists, but think about it first: all your photos would go to the association's space.

tour-sync-phone-calendars =
    For the calendar and contacts on the phone:
    on Android, install DAVx⁵ (F-Droid or Play Store). The Nextcloud app's settings offer to sync calendar and contacts: they set up DAVx⁵ for you;
    on iPhone, open Settings → Calendar (or Apps → Calendar) → Accounts → Add Account → Other → "Add CalDAV Account"; for contacts, "Add CardDAV Account". Enter the space's address, your login and an app password.

    The "Plan with the calendar" and "Keep your account safe" tours give the details.

tour-sync-add-file =
    Your turn: add a file to the space from your phone or your computer:
    on the phone, in the Nextcloud app, tap the + button and send a photo or a document;
    on the computer, copy a file into the "Nextcloud" folder.

    Put it in the main folder, not in a sub-folder. Wait a few seconds, then click "Check".
tour-sync-add-file-hint =
    Syncing sometimes takes a minute. On the computer, the Nextcloud icon near the clock shows a green tick when everything is sent. On the phone, check that you are online.

    The file must be right in the main folder ("All files" on the space). You can check in your browser, in "Files".

tour-sync-quiz-delete = You delete a file in the Nextcloud folder on your computer. What happens?
tour-sync-quiz-delete-a = It only disappears from the computer; it stays on the space
tour-sync-quiz-delete-a-feedback = No: syncing works both ways. The file is deleted from the space too.
tour-sync-quiz-delete-b = It is deleted from the space too, but it can be brought back from "Deleted files"
tour-sync-quiz-delete-b-feedback = Exactly! Deleting on one side deletes on the other. Luckily, "Deleted files" keeps it for a while: you can restore it from the browser.

tour-sync-well-done =
    Well done! The files you have on { $space } now follow you on your devices.

    A tip: on a shared computer (a workshop, the association's premises), don't sync your account. Use the browser instead, and log out when you leave.
