# Workshop screens (trainer mode): prepare, practice accounts, progress, reset, projector view

nav-workshop = Workshop
workshop-ui-title = Workshop
workshop-ui-intro = Everything to run a workshop, even without a connection: prepare the tours, create practice accounts, follow the group's progress and reset the laptops.

## Prepare

workshop-ui-prepare-title = Prepare
workshop-ui-prepare-intro = Choose the workshop's tours, then save them as a workshop pack (folder or .zip) to copy to a USB key and import on each laptop.
workshop-ui-plans-label = Workshops already prepared
workshop-ui-plans-new = New workshop
workshop-ui-plan-option = { $name } ({ $count ->
    [one] one tour
   *[other] { $count } tours
})
workshop-ui-plan-name = Workshop name
workshop-ui-tours-legend = The workshop's tours, in order
workshop-ui-plan-save = Save the workshop
workshop-ui-plan-saved = Workshop “{ $name }” saved ({ $count ->
    [one] one tour
   *[other] { $count } tours
}).
workshop-ui-projector-open = Projector view
workshop-ui-pack-id = Pack id
workshop-ui-pack-id-hint = Lower-case letters, digits and dashes, for example workshop-march.
workshop-ui-pack-dest = Save the pack in
workshop-ui-pack-dest-hint = A name ending in .zip gives one file; otherwise a (new or empty) folder is created.
workshop-ui-pack-export = Export the workshop pack
workshop-ui-pack-exported = Pack written to { $path } ({ $count ->
    [one] one tour
   *[other] { $count } tours
}).
workshop-ui-import-title = Import a workshop pack on this laptop
workshop-ui-pack-path = Pack to import (folder or .zip)
workshop-ui-pack-path-hint = The full path, for example on the USB key. Passerelle keeps a copy.
workshop-ui-pack-import = Import the pack
workshop-ui-pack-imported = Workshop “{ $name }” imported: { $count ->
    [one] its tour is
   *[other] its { $count } tours are
} on offer on this laptop.
workshop-ui-pack-refused = Pack refused, nothing was installed. { $count ->
    [one] One problem to fix:
   *[other] { $count } problems to fix:
}

## Practice accounts

workshop-ui-accounts-title = Practice accounts
workshop-ui-accounts-no-account = To create accounts, first connect an admin (or group admin) account of the practice space. The sign-in sheet below works without one.
workshop-ui-accounts-intro = With the account { $account }. Passerelle checks the whole list first: nothing is created while a mistake remains.
workshop-ui-use-csv = From a list of members (CSV) rather than a number
workshop-ui-count = Number of participants
workshop-ui-prefix = Logins start with
workshop-ui-group = Group
workshop-ui-csv = List of members (CSV)
workshop-ui-csv-hint = A header line (name, and if needed login, email, group, quota), then one person per line; comma, semicolon or tab separated.
workshop-ui-csv-file = Or read a CSV file
workshop-ui-framaspace = The space is on Framaspace (50 accounts at most)
workshop-ui-email-link = The server e-mails each person a link to choose their password (e-mail required)
workshop-ui-run-label = Name of this run (to find it again)
workshop-ui-plan-check = Check the list
workshop-ui-checking = Checking with the space…
workshop-ui-plan-ok = All set: { $count ->
    [one] one account
   *[other] { $count } accounts
} ({ $logins }), { $groups ->
    [0] no group to create
    [one] one group to create
   *[other] { $groups } groups to create
}.
workshop-ui-plan-problems = { $count ->
    [one] One mistake to fix before anything is created:
   *[other] { $count } mistakes to fix before anything is created:
}
workshop-ui-problem-line = Line { $line }: { $reason } ({ $value })
workshop-ui-problem-count = Number asked: { $reason } ({ $value })
workshop-ui-create = Create the accounts
workshop-ui-create-progress = Creating the accounts
workshop-ui-creating = Creating: { $done } of { $total }…
workshop-ui-created = { $count ->
    [one] Account created.
   *[other] { $count } accounts created.
}
workshop-ui-create-failed = Creation stopped; the accounts already created were deleted again.

## Sign-in sheet

workshop-ui-sheet-title = Sign-in sheet to print
workshop-ui-sheet-intro = One card per person with the address, login, password and a QR code for the Nextcloud apps. It holds passwords: it is only written if you save it.
workshop-ui-sheet-server = The space's address
workshop-ui-sheet-name = Title of the sheet (default: the address)
workshop-ui-sheet-list = Accounts made elsewhere (optional)
workshop-ui-sheet-list-hint = One line per account: name, login, password.
workshop-ui-sheet-make = Prepare the sheet
workshop-ui-sheet-list-line = Line { $line } is not name, login, password.
workshop-ui-sheet-ready = Sheet ready: { $count ->
    [one] one card
   *[other] { $count } cards
}.
workshop-ui-sheet-preview = Preview of the sign-in sheet
workshop-ui-sheet-path = Save the sheet in
workshop-ui-sheet-path-hint = An HTML file, then opened in the browser to print it. Delete it after the workshop.
workshop-ui-sheet-save = Save and open to print
workshop-ui-sheet-saved = Sheet saved to { $path } ({ $count ->
    [one] one card
   *[other] { $count } cards
}).
workshop-ui-sheet-empty = Prepare the sheet first.

## Clean-up after the workshop

workshop-ui-cleanup-title = After the workshop
workshop-ui-cleanup-intro = Disable or delete exactly the accounts Passerelle created on this space, and nothing else.
workshop-ui-cleanup-show = Show the practice accounts
workshop-ui-cleanup-none = No practice account to clean up on this space.
workshop-ui-practice-account = { $login } — { $name } ({ $state ->
    [disabled] disabled
    [deleted] deleted
   *[created] active
})
workshop-ui-cleanup-disable = Disable these accounts
workshop-ui-cleanup-delete = Delete these accounts and their data
workshop-ui-disable-title = Disable { $count ->
    [one] this account
   *[other] these { $count } accounts
}?
workshop-ui-delete-title = Delete { $count ->
    [one] this account and its data
   *[other] these { $count } accounts and their data
}?
workshop-ui-cleanup-body = Accounts concerned: { $logins }.
workshop-ui-disable-confirm = Disable
workshop-ui-delete-confirm = Delete for good
workshop-ui-cleanup-done = Done for { $done }, already gone: { $gone }, failed: { $failed }.

## Progress

workshop-ui-progress-title = Progress at a glance
workshop-ui-progress-intro = On each laptop, “Export my progress” (in Settings) writes a small file. Collect them (USB key) and import them here: nothing goes over the internet.
workshop-ui-progress-files = Progress files to import
workshop-ui-progress-files-hint = One full path per line.
workshop-ui-progress-import = Import and merge
workshop-ui-progress-imported = { $files ->
    [one] One file imported
   *[other] { $files } files imported
}: { $participants ->
    [one] one person
   *[other] { $participants } people
}, { $updated ->
    [one] one step updated
   *[other] { $updated } steps updated
}.
workshop-ui-progress-empty = No progress imported yet.
workshop-ui-table-label = Progress per person, tour and step
workshop-ui-col-participant = Person
workshop-ui-col-step = { $n }. { $step }
workshop-ui-col-summary = In short
workshop-ui-row-summary = done: { $done }, skipped: { $skipped }, struggling: { $struggling }
workshop-ui-progress-csv-path = Save the table (CSV) in
workshop-ui-progress-csv = Export as CSV
workshop-ui-progress-csv-written = Table written to { $path } ({ $count ->
    [one] one row
   *[other] { $count } rows
}).
workshop-ui-progress-clear = Empty the table
workshop-ui-progress-clear-title = Empty the progress table?
workshop-ui-progress-clear-body = The imported progress is forgotten; the files stay where they are.
workshop-ui-progress-cleared = Table emptied.

## Export my progress (Settings)

workshop-ui-export-title = Export my progress
workshop-ui-export-intro = For the person running the workshop: a small file with the progress of this laptop's profiles in the tours. It holds no password and no file.
workshop-ui-export-laptop = Name of this laptop (shown in the table)
workshop-ui-export-path = Save in
workshop-ui-export-button = Export my progress
workshop-ui-export-done = Progress saved to { $path } ({ $count ->
    [one] one person
   *[other] { $count } people
}).

## Reset

workshop-ui-reset-section = Reset this laptop
workshop-ui-reset-intro = For the next person: removes at once every profile, its accounts, saved passwords, web sessions and progress. The laptop's settings and workshop packs stay.
workshop-ui-reset = Reset…
workshop-ui-reset-title = Reset this laptop?
workshop-ui-reset-body = { $count ->
    [0] No profile on this laptop; remaining web sessions and passwords will be erased.
    [one] The profile { $names } will be removed, with its accounts, passwords, web sessions and progress.
   *[other] These { $count } profiles will be removed, with their accounts, passwords, web sessions and progress: { $names }.
}
workshop-ui-reset-confirm = Remove everything
workshop-ui-reset-done = Laptop reset: { $profiles ->
    [one] one profile
   *[other] { $profiles } profiles
}, { $accounts ->
    [one] one account
   *[other] { $accounts } accounts
}, { $secrets ->
    [one] one password
   *[other] { $secrets } passwords
} and { $web ->
    [one] one web session item
   *[other] { $web } web session items
} removed.
workshop-ui-reset-secret-failures = { $count ->
    [one] One password could not be removed from the keyring: remove it by hand.
   *[other] { $count } passwords could not be removed from the keyring: remove them by hand.
}
workshop-ui-reset-continue = Welcome the next person

## Projector view

workshop-ui-projector-title = Projector view
workshop-ui-projector-tour = Tour shown
workshop-ui-projector-leave = Leave (Esc)
workshop-ui-projector-counter = Step { $n } of { $total }
workshop-ui-projector-keys = Arrows or Space: next or previous step · Home and End: first and last · Esc: leave
