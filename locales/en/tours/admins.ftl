# Tour "Look after the space" (tours/admins/tour.toml), for administrators.
# Variables: $space = the space's name (or "your space"); $name = the person's first name.
# Nextcloud 29 labels in English. The folder "Commun" is checked by that exact name.

tour-admins-title = Look after the space
tour-admins-summary = For the people who run the space: members' accounts, groups, admin rights and a shared folder.

tour-admins-welcome =
    This tour is for you if you run { $space }: you create the members' accounts, organise the groups and make sure nothing gets lost.

    Don't worry: everything happens in the browser, no command line needed.

tour-admins-accounts-page =
    Accounts are managed on the "Accounts" page: the menu of your circle, top right → "Accounts" ("Users" on older versions).

    On the left, the "+ New account" button, then the "Active accounts", "Admins" and "Disabled accounts" lists and your groups. In the middle, one account per row.

    On Framaspace, a space can have up to 50 accounts: keep room for new members.

tour-admins-create-group =
    Groups bring members together: "Board", "Volunteers", "Bike workshop"… A folder or a calendar shared with a group reaches everyone in it at once.

    To create one: on the "Accounts" page, next to "Groups" in the left column, click + ("Create group"), type the name under "Group name", then press Enter. Create for example the group "Members".

tour-admins-create-account =
    To create a member's account:
    click "+ New account";
    fill in "Username" (the login, with no spaces or accents, for example camille.martin) and "Display name" (Camille Martin);
    leave "Password" empty and fill in "Email": the person will get an email to choose their own password;
    under "Groups", add them to the "Members" group;
    click "Add new user" (or "Add new account", depending on the version).

    The login can't be changed afterwards: choose it with care.

tour-admins-welcome-members =
    Tell each new member, by email or in person:
    the space's address (for example monasso.frama.space);
    their login;
    to look out for the welcome email (check the spam folder too) to choose their password;
    about Passerelle, to discover the space step by step.

    The email never arrived? In the list of accounts, the row's "…" menu has "Resend welcome email".

tour-admins-give-admin =
    Don't be the only one running the space: give admin rights to at least one other person you trust.

    In the list of accounts, on that person's row, click the pencil ("Edit"). In the "Groups" column, add the "admin" group, then click "Done". The person then shows under "Admins", on the left.

tour-admins-team-folder =
    A shared folder, shared with a whole group, keeps documents from staying in one person's account.

    In "Files", create a folder called "Commun" (French for "shared"): click "+ New", then "New folder", type Commun, then click "Create".
tour-admins-team-folder-hint = Write the name exactly like this: Commun, with a capital C. The folder must be in "All files", not inside another folder.

tour-admins-share-team-folder =
    Share "Commun" with a group:
    on the folder's row, click the share icon;
    in the search field of the "Sharing" tab, type Members (or another group's name);
    click the line marked "(group)", then choose "Allow upload and editing";
    click "Save share".
tour-admins-share-team-folder-hint = The group does not show? Check on the "Accounts" page that it exists, and type its exact name. If sharing with groups is turned off, you can allow it in "Administration settings" → "Sharing".

tour-admins-quiz-two-admins = Why give admin rights to at least two people?
tour-admins-quiz-two-admins-a = So the space can still be run if one of them leaves, forgets their password or is away
tour-admins-quiz-two-admins-a-feedback = Exactly! Two trusted people means you never get locked out.
tour-admins-quiz-two-admins-b = No need: one person is enough
tour-admins-quiz-two-admins-b-feedback = That is risky: if that person leaves or loses access, nobody can create accounts or help members any more.

tour-admins-member-leaves =
    When a member leaves the association:
    first hand their files, calendars and contacts over to someone else, with Passerelle's "Hand-over" screen;
    then, on the "Accounts" page, their row's "…" menu → "Disable account": they can no longer log in, but nothing is deleted;
    later, once everything is handed over, "Delete account" frees one of Framaspace's 50 places.

    Careful: deleting an account deletes its files too. Always do the hand-over first.
