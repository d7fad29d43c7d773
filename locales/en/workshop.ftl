# Workshops (trainer mode): practice accounts, sign-in sheet, workshop packs, participants'
# progress, resetting a shared laptop.

## Printable sign-in sheet. Variables: $space = the space's name or address.

workshop-sheet-title = Workshop accounts — { $space }
workshop-sheet-intro = Cut out one card per person. Keep this sheet to yourself: the passwords are written in clear. After the workshop, the practice accounts will be disabled or deleted.
workshop-sheet-address = Space address
workshop-sheet-login = Login
workshop-sheet-password = Password
workshop-sheet-scan = Or scan this code with the Nextcloud app.
workshop-participant-name = Participant

## Line-by-line mistakes in the list of members

workshop-reason-encoding = the file is not UTF-8: save it as “CSV UTF-8” from your spreadsheet
workshop-reason-empty = the list holds no member
workshop-reason-too-big = the file is too big (1 MB at most)
workshop-reason-unknown-column = unknown column: use name, login, email, group, quota
workshop-reason-missing-name-column = the “name” column is missing from the first line
workshop-reason-too-many-fields = this line has more cells than the header (one separator too many?)
workshop-reason-mixed-separators = the cells of this line are separated by another character than those of the first line (for example “;” under a header separated by “,”): use the same separator on every line
workshop-reason-empty-name = the name is empty
workshop-reason-invalid-email = the e-mail address is not valid
workshop-reason-bad-id-characters = the login may only hold unaccented letters, digits and _ . @ -
workshop-reason-id-too-long = the login is too long (64 characters at most)
workshop-reason-duplicate-in-file = this login is already on line { $other }
workshop-reason-exists-on-server = an account with this login already exists in the space
workshop-reason-bad-group = this group name cannot be used
workshop-reason-invalid-quota = quota not understood: write for example 1 GB, 500 MB or none
workshop-reason-too-many-accounts = the space would go over its account limit
workshop-reason-email-required = an e-mail address is needed: the server sends the link to choose a password there
workshop-reason-group-required = as a group admin, put each account into one of your groups (group column or --group)
workshop-reason-group-not-allowed = you do not administer this group: choose one of yours

## Command line

workshop-plan-line = Line { $line }: { $reason } ({ $value })
workshop-plan-count-line = Number asked: { $reason } ({ $value })
workshop-plan-problems = { $count ->
    [one] One mistake: no account will be created.
   *[other] { $count } mistakes: no account will be created.
}
workshop-plan-ok = The list is correct. Accounts to create: { $accounts }; groups to create: { $groups }; accounts already in the space: { $existing }.
workshop-created = Accounts created: { $count }. Sign-in sheet: { $path }
workshop-accounts-none = No practice account is recorded.
workshop-cleanup-list = { $action ->
    [delete] These practice accounts ({ $count }) and all their data will be deleted:
   *[disable] These practice accounts ({ $count }) will be disabled:
}
workshop-confirm-hint = Nothing was changed. Run again with --yes to confirm.
error-workshop-no-app-password = The space administrator’s app password is needed: in the PASSERELLE_APP_PASSWORD variable, or on standard input (never on the command line).
error-workshop-sheet-csv = The file needs a header line, then on each line a name, a login and a password (the faulty line is shown).
workshop-cleanup-done = Done: { $done } handled, { $gone } already gone, { $failed } failed.
workshop-sheet-written = Sign-in sheet written: { $path } (cards: { $count }).
workshop-pack-exported = Workshop pack written: { $path } (tours: { $tours }, files: { $files }).
workshop-pack-imported = Workshop “{ $name }” imported (tours: { $tours }). Copy kept in { $path }.
workshop-pack-watching = Watching { $path }: edit and save, the pack is checked again at once. Ctrl+C to stop.
workshop-pack-watch-ok = ✓ Workshop “{ $name }” is correct (tours: { $tours }).
workshop-plans-none = No workshop plan saved: export or import a workshop pack.
workshop-progress-exported = Progress written to { $path } (participants: { $count }).
workshop-progress-imported = { $file }: participants { $participants }, steps updated { $updated }.
workshop-progress-empty = No progress imported yet.
workshop-state-done = done
workshop-state-skipped = skipped
workshop-state-struggling = struggling
workshop-state-seen = seen
workshop-reset-list = This will remove every profile from this laptop ({ $count }: { $names }), with their accounts, passwords, web sessions and progress.
workshop-reset-done = Laptop reset. Removed: profiles { $profiles }, accounts { $accounts }, passwords { $secrets }, database rows { $rows }, web session entries { $web }.
