# Hand-over screens (admins): who leaves, who receives, access, choice, plan, progress,
# report.

handover-intro = When a member leaves the association, their files, calendars and contacts should not get lost: give them to another member, all or part of them, and keep the report of what was done.
handover-step-count = Step { $n } of { $total }
handover-step-who = Who leaves, who receives
handover-step-access = Access
handover-step-what = What is handed over
handover-step-plan = What will happen
handover-step-run = Hand-over under way
handover-step-report = Report
handover-next = Continue
handover-back = Back
handover-none = None.

handover-no-account-title = Connect an account first
handover-no-account-body = The hand-over is done with the account of an administrator of the space. Connect that account, then come back here.
handover-connect-account = Connect an account

## Who leaves, who receives

handover-who-intro = Choose the person who leaves, then the one who receives their data. The search runs on the server: type a name, a user id or an e-mail address.
handover-source-legend = Member who leaves
handover-target-legend = Member who receives
handover-source-search = Search for the person who leaves
handover-target-search = Search for the person who receives
handover-search-placeholder = Name, user id or e-mail
handover-more-members = Show more members
handover-members-shown = { $count ->
    [one] 1 member shown.
   *[other] { $count } members shown.
}
handover-no-member-found = No member matches.
handover-last-login = last signed in on { $date }
handover-never-logged-in = never signed in
handover-quota-used = { $size } used
handover-target-elsewhere = The person who receives is in another space (one of your connected accounts)
handover-same-member = The person who leaves and the one who receives must be different.
handover-not-admin-title = This screen is for administrators
handover-not-admin-body = Only the administrators (or group administrators) of { $space } can see the list of members and hand someone’s data over. Ask one of them, or connect their account here.

## Access

handover-checking-access = Passerelle is checking what the server allows…
handover-access-summary = Data of { $from }, handed over to { $to }.
handover-why-nothing-yet = No way is possible yet: follow the steps below.
handover-todo-connect-source = { $from } needs to approve Passerelle in their browser (connecting their account on this computer), for instance during a last meeting.
handover-todo-connect-target = { $to } needs to approve Passerelle in their browser (connecting their account on this computer).
handover-todo-how = On the Accounts screen, add an account on { $space }: the person signs in themselves in their browser, Passerelle never sees their password. Then come back here: your choices are kept.
handover-todo-connect = Connect { $name }’s account
handover-other-ways = The other ways, and why they are not used

## What is handed over

handover-everything = Everything that belongs to { $name }
handover-files-title = Files
handover-files-tree = Files of { $name }
handover-tree-help = Up and down arrows to move, right to open a folder, left to close it, Space to check.
handover-no-files = No files.
handover-shared = shared
handover-calendars-title = Calendars
handover-address-books-title = Address books
handover-events-count = { $count ->
    [one] 1 event
   *[other] { $count } events
}
handover-contacts-count = { $count ->
    [one] 1 contact
   *[other] { $count } contacts
}
handover-destination-label = Destination folder at the person who receives (optional)
handover-destination-default = Transferred from { $name } on …
handover-see-plan = See what will happen

## Plan

handover-planning = Passerelle is preparing the plan (nothing is written yet)…
handover-plan-sentence-copy = Passerelle will copy the chosen items of { $from } to { $to }, into “{ $destination }”. Nothing is changed or deleted at { $from }’s.
handover-plan-sentence-move = The server will move the chosen items of { $from } to { $to }, into “{ $destination }”. They will no longer be at { $from }’s.
handover-plan-files = Files
handover-plan-files-value = { $files ->
    [one] 1 file
   *[other] { $files } files
} ({ $size })
handover-plan-calendars = Calendars
handover-plan-calendars-value = { $calendars ->
    [one] 1 calendar
   *[other] { $calendars } calendars
}, { $events ->
    [one] 1 event or task
   *[other] { $events } events and tasks
}
handover-plan-contacts = Contacts
handover-plan-contacts-value = { $books ->
    [one] 1 address book
   *[other] { $books } address books
}, { $contacts ->
    [one] 1 contact
   *[other] { $contacts } contacts
}
handover-plan-quota = Room at the person who receives
handover-plan-quota-fits = { $needed } needed, { $available } available: it fits.
handover-plan-quota-too-small = { $needed } needed but only { $available } available: free some room or ask for more space before starting.
handover-plan-quota-unknown = { $needed } needed; the server sets no limit.
handover-plan-duration = Estimated duration
handover-plan-duration-value = about { $minutes } min
handover-plan-excluded = { $count ->
    [one] 1 item will not be handed over
   *[other] { $count } items will not be handed over
}
handover-plan-cannot-start = The hand-over cannot start like this.
handover-start = Start the hand-over

## Progress

handover-starting = Starting…
handover-run-intro = Hand-over from { $from } to { $to }.
handover-run-safe = You may close Passerelle: the hand-over will go on where it was, without copying anything twice.
handover-progress-overall = Progress of the hand-over
handover-progress-items = { $done } of { $total }
handover-progress-line = { $done } items of { $total } ({ $failed } failed) — { $bytes } of { $bytesTotal }, { $speed }/s, { $eta } left
handover-progress-current = Now: { $item }
handover-group-files = Files
handover-group-calendars = Calendars
handover-group-contacts = Contacts
handover-cancel = Cancel without losing anything
handover-finished-announce = The hand-over has ended.
handover-running-banner = A hand-over is under way: { $from } → { $to }.
handover-follow = Follow it
handover-interrupted = The hand-over from { $from } to { $to } stopped before the end.
handover-resume = Resume the hand-over

## Report

handover-export-html = Save the report (web page)
handover-export-csv = Save as a table (CSV)
handover-export-json = Save as JSON
handover-exported = Report saved: { $path }
handover-after-title = What next?
handover-after-body = Everything was verified at the person who receives. You may disable { $name }’s account: their data stays on the server and the account can be enabled again.
handover-disable = Disable { $name }’s account…
handover-disable-confirm-title = Disable { $name }’s account?
handover-disable-confirm-body = { $name } will no longer be able to sign in. Nothing is deleted: an administrator can enable the account again.
handover-disable-confirm = Disable the account
handover-disable-keep = Keep the account enabled
handover-disabled = { $name }’s account is disabled.
handover-new = New hand-over
handover-past = { $count ->
    [one] 1 earlier hand-over
   *[other] { $count } earlier hand-overs
}
handover-past-job = { $from } → { $to }, on { $date }
handover-open-report = See the report

## Errors and reasons of the screen

handover-reason-no-recipient = Choose the person who receives.
handover-reason-same-member = The person who leaves and the one who receives must be different.
handover-reason-unknown-format = Unknown report format.
error-handover-already-running = This hand-over is already under way.

## Desktop notification at the end

handover-notify-title = Passerelle — hand-over
handover-notify-complete = The hand-over has ended: everything was verified at the person who receives.
handover-notify-incomplete = The hand-over stopped with items missing. Open Passerelle to resume it.
handover-notify-cancelled = The hand-over was cancelled. It can be resumed later.
handover-notify-failed = The hand-over stopped on an error. Open Passerelle to see what to do.

## Account acting

handover-acting-as = With { $name }’s account on { $space }. It stays the hand-over’s account even if you connect other accounts on the way.

## Access step: account to reconnect, possible ways

handover-lost-source = Access to { $name }’s account ({ $user } on { $space }) was kept only until Passerelle closed: Passerelle cannot act on their behalf for now.
handover-lost-target = Access to { $name }’s account ({ $user } on { $space }) was kept only until Passerelle closed: Passerelle cannot act on their behalf for now.
handover-lost-other-ways = The hand-over can be done without this account, with the way below. Reconnecting it would open other ways.
handover-lost-needed = No way works without this account: reconnect it (the person signs in themselves in their browser).
handover-reconnect = Reconnect { $name }’s account
handover-routes-legend = Ways possible with the connected accounts
handover-route-admin-only = With your admin account alone

## What a resume fixes, and what needs someone

handover-plan-calendars-value-uncounted = { $calendars ->
    [one] 1 calendar
   *[other] { $calendars } calendars
}, number of events unknown
handover-plan-contacts-value-uncounted = { $books ->
    [one] 1 address book
   *[other] { $books } address books
}, number of contacts unknown
handover-report-todo = To do before running it again
handover-retry-after-action = Done: run the hand-over again
