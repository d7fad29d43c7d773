# Hand-over: moving a departing member's files, calendars and contacts to another member.

# Default destination folder, like Nextcloud's own transfers. $name: the departing member;
# $date: YYYY-MM-DD.
handover-destination-folder = Transferred from { $name } on { $date }

## Strategies

handover-strategy-ownership-transfer = OwnershipTransfer server app
handover-strategy-share-copy = Server-side copy through a share
handover-strategy-native-transfer = Nextcloud’s own transfer
handover-strategy-streamed-copy = Copy through Passerelle

handover-why-copy-two-sessions = Passerelle holds a session for both members on this server: it copies everything through this computer, without changing the departing member’s data.
handover-why-copy-two-servers = The two members are on different servers: Passerelle copies everything from one to the other through this computer, without changing the departing member’s data.
handover-why-copy-needs-sessions = Copying needs Passerelle to be connected to both members’ accounts.
handover-why-not-implemented = Not available yet in this version of Passerelle.

## Notes shown with a plan or a report

handover-note-copies-data = The data is copied: the departing member’s files, calendars and contacts stay as they are until their account is deleted.
handover-note-moves-data = The data is moved, the way Nextcloud does it: it will no longer be in the departing member’s account.
handover-note-creation-limit = The recipient’s server limits how many calendars and address books can be created per hour. If it makes Passerelle wait, resume the hand-over later: nothing is lost.
handover-note-no-calendar = One of the two servers has no calendars: calendars are not handed over.
handover-note-no-address-book = One of the two servers has no address books: contacts are not handed over.
handover-note-mtime-not-kept = The recipient’s server did not keep the files’ modification dates: they show the date of the copy.
handover-note-collections-copied = This way of handing over only takes files: the calendars and address books are copied through this computer, and the departing member keeps theirs.

## Why something is not handed over, or failed

handover-reason-shared-with-member = Shared with the departing member by someone else: it stays with its owner.
handover-reason-group-folder = In a group folder: it belongs to the group, not to the member.
handover-reason-external-storage = On external storage: it is not kept in this space.
handover-reason-other-storage = On a storage that is not the member’s own.
handover-reason-encrypted = End-to-end encrypted: the server only holds it scrambled. The member must move it from one of their own devices.
handover-reason-locked = Locked (being edited, or locked by someone): the server cannot move it now. Unlock it in Nextcloud, then resume.
handover-reason-birthday-calendar = The automatic birthday calendar: Nextcloud makes it again from the contacts.
handover-reason-system-collection = Managed by the server (for example the list of the space’s members).
handover-reason-app-generated = Made and kept up to date by an app of the server (for example “Recently contacted”): it is read only, and the app makes it again for the recipient.
handover-reason-duplicate-name = Two names that differ only in how accents are written: only the first one is handed over.
handover-reason-duplicate-uid = Two entries with the same identifier: only the first one is handed over.
handover-reason-unsafe-name = This name or address would land outside the destination: it was refused.
handover-reason-exists-at-destination = Something with this name is already at the destination: it was left as it is.
handover-reason-collection-renamed = A calendar or address book with this address already exists at the destination: this one gets another address.
handover-reason-destination-renamed = A folder with this name already exists at the destination: the files go to a new folder.
handover-reason-parent-failed = Its folder, calendar or address book could not be created.
handover-reason-missing-at-destination = Not found at the destination.
handover-reason-size-mismatch = Its size at the destination differs from what was copied.
handover-reason-checksum-mismatch = Its content at the destination differs from what was copied.
handover-reason-changed-during-copy = It changed while it was being copied.
handover-reason-throttled-long = The server asks to wait a long time before going on. Resume the hand-over later.
handover-reason-cancelled = The hand-over was cancelled before this item.
handover-reason-name-windows-characters = Its name has a character Windows does not accept (< > : " \ | ? *).
handover-reason-name-windows-reserved = Its name is reserved on Windows (CON, PRN, AUX, NUL, COM1…, LPT1…).
handover-reason-name-trailing-dot-or-space = Its name ends with a dot or a space, which Windows does not accept.
handover-reason-name-too-long = Its name is longer than most systems accept (255 bytes).
handover-reason-path-too-long = Its path is longer than some Windows programs accept.
handover-reason-name-control-characters = Its name has invisible control characters.

## States and kinds

handover-job-planned = Planned, not started.
handover-job-running = In progress (or interrupted: resume it).
handover-job-cancelled = Cancelled. Resume it to finish.
handover-job-incomplete = Not complete: some items are missing. Resume it to finish.
handover-job-verified = Complete: everything was found at the destination.

handover-item-planned = To do
handover-item-copied = Copied
handover-item-verified = Verified
handover-item-failed = Failed
handover-item-skipped = Not handed over

handover-kind-folder = Folder
handover-kind-file = File
handover-kind-calendar = Calendar
handover-kind-calendar-object = Event or task
handover-kind-address-book = Address book
handover-kind-contact = Contact

## Report (HTML page)

handover-report-title = Hand-over of { $name }’s data
handover-report-complete = Complete: everything that was to be handed over is at the destination.
handover-report-incomplete = Not complete: some items are missing at the destination. Resume the hand-over.
handover-report-from = From
handover-report-to = To
handover-report-destination = Destination folder
handover-report-strategy = How
handover-report-state = State
handover-report-created = Planned on
handover-report-finished = Last run ended on
handover-report-duration = Duration
handover-report-runs = runs
handover-report-bytes = Data copied
handover-report-totals = Totals
handover-report-kind = Kind
handover-report-verification = Verification, side by side
handover-report-verify-quick = sizes and listings compared
handover-report-verify-deep = contents downloaded again and compared
handover-report-source = Departing member
handover-report-target = Recipient
handover-report-source-count = Items planned
handover-report-target-count = Items found
handover-report-source-bytes = Size planned
handover-report-target-bytes = Size found
handover-report-hashes = Contents compared
handover-report-mismatches = Missing or different
handover-report-not-handed-over = Not handed over or failed
handover-report-reason = Why
handover-report-name-warnings = Names other systems may refuse
handover-report-name-warnings-help = These names were kept as they are. They may cause trouble on Windows or USB drives.
handover-report-items = Every item
handover-report-size = Size
handover-report-generated = Report made on

## Command line (passerelle-cli transfer)

cli-transfer-plan-title = Hand-over from { $from } to { $to }:
cli-transfer-plan-files = { $files } files in { $folders } folders ({ $size }) → { $destination }
cli-transfer-plan-calendar = Calendar “{ $name }”: { $count } events and tasks → “{ $targetName }” ({ $uri })
cli-transfer-plan-address-book = Address book “{ $name }”: { $count } contacts → “{ $targetName }” ({ $uri })
cli-transfer-plan-excluded = Not handed over: { $item } — { $reason }
cli-transfer-plan-name-warning = Name kept as is: { $item } — { $reason }
cli-transfer-plan-quota = Space at the destination: { $needed } needed, { $available } available.
cli-transfer-plan-quota-unknown = Space at the destination: not known (no limit given by the server).
cli-transfer-plan-duration = Estimated duration: about { $minutes } min.
cli-transfer-job-started = Hand-over job { $id } started. If it stops, run: passerelle-cli transfer resume { $id }
cli-transfer-job-resumed = Resuming hand-over job { $id }.
cli-transfer-progress = { $done }/{ $total } items ({ $failed } failed), { $bytes } of { $bytesTotal }, { $speed }/s, { $eta } left — { $current }
cli-transfer-outcome = Job { $id }: { $copied } copied, { $failed } failed, { $verified } verified, { $skipped } not handed over; { $size } in { $seconds } s.
cli-transfer-compare = { $source } → { $target }: { $sourceCount } planned, { $targetCount } found, { $mismatches } missing or different
cli-transfer-job = { $id }. { $from } → { $to } — { $state } ({ $created })
cli-transfer-no-jobs = No hand-over yet.
cli-transfer-disabled = { $name }’s account is disabled. Its data stays on the server and it can be enabled again.
cli-transfer-report-kind = { $kind }: { $verified } verified, { $copied } copied, { $planned } to do, { $failed } failed, { $skipped } not handed over
cli-transfer-report-item = { $item } — { $state }: { $reason }
handover-why-ot-admin = The OwnershipTransfer app answers for this administrator account: the server moves the data itself, with only the administrator’s account.
handover-why-ot-not-admin = The OwnershipTransfer app only answers administrators, and this account is not one.
handover-why-ot-absent = The OwnershipTransfer app is not installed on this server.
handover-why-ot-unknown = Not checked: the OwnershipTransfer app needs an administrator account on the server.
handover-note-ot-moves = With the OwnershipTransfer app, the files, calendars and address books are moved: the departing member loses them. Calendars and address books are renamed at the recipient, and the files land in a “transferred from …” folder once the server’s background jobs have run.
handover-reason-background-jobs-not-running = Nothing moved within the wait: the server’s background jobs do not seem to run (cron).
handover-reason-transfer-refused = The server refused to move this item.

# Strategy 2: server-side copy through a share.
handover-why-share-same-server = Both members are on the same Nextcloud server and Passerelle holds both sessions: the departing member shares each folder, the recipient copies it on the server, then the share is removed. Nothing goes through this computer and the departing member’s data does not change.
handover-why-share-needs-sessions = Copying through a share needs Passerelle to be connected to both members’ accounts.
handover-why-share-two-servers = The two members are not on the same server: a share cannot be used here.
handover-why-share-no-api = File sharing is not enabled on this server, or does not answer.
handover-reason-share-failed = The server refused to let the departing member share this item with the recipient: nothing was copied.
handover-reason-share-left = A temporary share could not be removed. Resuming the hand-over removes it; otherwise remove it by hand in Nextcloud.
handover-reason-files-only-strategy = This way of handing over only copies files. Choose the copy through this computer for calendars and address books.

# Strategy 3: Nextcloud's own ownership transfer.
handover-why-native-member-session = Passerelle holds a session for both members on the same Nextcloud server: the departing member asks for Nextcloud’s ownership transfer and the recipient accepts it. The server moves the files and keeps their shares; they arrive in a “transferred from …” folder once the server’s background jobs (cron) have run.
handover-why-native-needs-sessions = Nextcloud’s transfer needs Passerelle to be connected to both members’ accounts: the departing member asks for it, the recipient accepts it.
handover-why-native-two-servers = The two members are not on the same server: Nextcloud’s transfer only works within one server.
handover-why-native-no-notifications = Nextcloud’s notifications do not answer for the recipient: that is where the transfer has to be accepted.

## What a resume fixes, and what needs someone (issue #13)

handover-job-needs-action = Stopped: what is left needs someone to act (see the report). Resuming it as it is would fail the same way.
handover-note-ot-names = The server renames the calendars and address books it moves: the recipient sees them under the name shown, followed by the date of the move (the administrator cannot rename them on their behalf). They can give them a simpler name in the Calendar or Contacts app.
handover-note-ot-one-folder = All the files arrive together in one folder that the server names itself: “transferred from <name> on <date and time>” up to Nextcloud 29, “Transferred from …” translated into the recipient’s language after that. The report gives its exact name.
handover-note-ot-folder-per-path = The app moves each chosen file or folder on its own: the recipient will find one “transferred from <name> on <date and time>” folder per chosen item, each holding that item. To receive everything in one folder, hand over the member’s whole space. The report gives each folder’s exact name.
handover-note-ot-calendars-unseen = The OwnershipTransfer app does not show the administrator the calendars shared with this member, nor their birthday calendar: they are not moved. Shared calendars stay with the person who shares them; the server makes the birthday calendar from the contacts: the recipient’s will show the birthdays of the address books moved.
handover-why-member-disabled = The departing member’s account is disabled: Passerelle can no longer read their data with their own connection. The OwnershipTransfer app, with an administrator account, can.
cli-transfer-plan-calendar-uncounted = Calendar “{ $name }”: number of events and tasks unknown → “{ $targetName }” ({ $uri })
cli-transfer-plan-address-book-uncounted = Address book “{ $name }”: number of contacts unknown → “{ $targetName }” ({ $uri })
cli-transfer-action = To do ({ $count } items): { $todo }
handover-todo-auth = Reconnect the refused account (Accounts screen, or a new app password). If it is the departing member’s and it is disabled, enable it for the time of the hand-over, or use the OwnershipTransfer app. Then run the hand-over again.
handover-todo-tls-untrusted = The server’s certificate changed: check it with the people who run the space before trusting it again, then run the hand-over again.
handover-todo-forbidden = The account used does not have this right: check that it is an administrator of the space (or that the member may share), then run the hand-over again.
handover-todo-not-found = This item is no longer the departing member’s: check whether it was deleted, moved or already handed over. If the recipient already has it, there is nothing to do.
handover-todo-conflict = An item with the same name changed at the destination during the hand-over: check the recipient’s, then run the hand-over again.
handover-todo-not-allowed = The server does not allow this action (an app may be disabled): ask the people who run the space.
handover-todo-quota = The recipient has no room left: free space in their account or raise their quota (Users, Quota column), then run the hand-over again.
handover-todo-rejected = The server refuses this request as it is: note the item and the report’s technical detail, and pass them on to the people who run the space.
handover-todo-protocol = The server answered in an unexpected way: pass the report’s technical detail on to the people who run the space.
handover-todo-invalid-name = This name is not accepted: rename the item in the departing member’s files, then plan again.
handover-todo-unsafe-name = This name is not accepted: rename the item in the departing member’s files, then plan again.
handover-todo-transfer-refused = The server refuses to move this item: it may no longer be the departing member’s, or it is in a group folder or on external storage. Check in Nextcloud (the technical detail is in the report).
handover-todo-share-failed = Allow sharing for the departing member (Administration settings, Sharing), or choose another way to hand over.
handover-todo-files-only-strategy = This way of handing over only takes files: make another hand-over for the calendars and address books, by copy or with the OwnershipTransfer app.
handover-todo-background-jobs-not-running = Ask the host to check that the server’s background jobs (cron) run. The requested files will then arrive by themselves; run the hand-over again afterwards to confirm it.
handover-todo-other = Read the reason and the technical detail in the report, fix what blocks it, then run the hand-over again.
