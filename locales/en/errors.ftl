# Error messages. Each error code `<code>` has a message `error-<code>` here that says what
# happened and what to do next.

error-unknown = Something went wrong. Try again; if it happens again, note what you were doing and tell the person helping you.
error-profile-name-empty = Type a first name or a name for this profile.
error-profile-name-taken = This name is already used on this computer. Pick that profile in the list, or add an initial (for example “Camille D.”).
error-profile-not-found = This profile no longer exists on this computer. Pick another one or create one.
error-store = Passerelle cannot read or write its data on this computer. Check that the disk has free space, then restart Passerelle.
error-data-dir = Passerelle cannot use its data folder. Check that the disk has free space and that you may write there.
error-no-data-dir = Passerelle cannot find a home folder to keep its data on this computer.
error-invalid-value = This value is not accepted. Check what you typed (a profile name has at most 80 characters).

# Notices shown once at start. `$path`: where the old file is kept.
notice-store-damaged = Passerelle’s local data was damaged. Nothing was deleted: the old file is kept here: { $path }. Passerelle starts again with fresh data.
notice-store-newer = This local data comes from a newer version of Passerelle. Nothing was deleted: it is kept here: { $path }. Install the newest version to get it back.

## Connecting to a Nextcloud space

error-offline = Passerelle cannot reach this server. Check that this computer is connected to the Internet (Wi-Fi or cable) and that the address is right, then try again.
error-dns = This address cannot be found. Check for typos (for Framaspace it looks like monasso.frama.space).
error-tls = A secure connection with this server could not be made. Check the address, and the date and time of this computer, then try again. If it keeps happening, tell the people who run your space.
error-tls-untrusted = Passerelle cannot confirm this server’s identity. If you trusted its certificate before, it may have changed: ask the people who run your space before going further.
error-timeout = The server takes too long to answer. Check your Internet connection, then try again in a moment.
error-auth = The login name or the app password is wrong, or this access was removed from your space. Check them and try again, or sign in with your browser.
error-forbidden = Your account may not do this in your space. If you need it, ask the administrators of your space.
error-throttled = Your space received too many attempts and makes you wait, for safety. Wait a few minutes before trying again.
error-maintenance = Your space is being updated by its hosts. Try again in a few minutes.
error-not-nextcloud = This address does not lead to a Nextcloud space. Check the address your association gave you (for Framaspace it looks like monasso.frama.space).
# $minimum: the oldest Nextcloud version accepted, for example “27”.
error-server-too-old = This space uses a Nextcloud version too old for Passerelle (version { $minimum } or newer is needed). Tell the people who run your space.
error-server-not-installed = Nextcloud is at this address, but its installation was never finished: no account can sign in there yet. Tell the people who run your space (or check the address).
error-server-needs-upgrade = Your space is waiting for an update its hosts started to be finished: it cannot serve an account for now. Try again later; if it lasts, tell the people who run your space.
error-not-found = What Passerelle was looking for does not exist (any more) on the server: it may have been moved or deleted. Refresh, then try again.
error-quota = Your storage is full. Free some room (for example by emptying the trash bin), or ask the administrators for more.
error-locked = This file is in use right now (it is locked). Wait a little, then try again.
error-conflict = Something changed on the server at the same time. Refresh, then try again.
error-not-allowed = Your space does not allow this action, for example because an app is disabled there. Ask the administrators of your space.
error-rejected = The server refused the request. Check what you typed, then try again. If it keeps happening, tell the people who run your space.
error-insecure-http = This address starts with “http://”: the connection would not be encrypted. Passerelle accepts that only on a local network. Use your space’s “https://” address.
error-invalid-address = This address is not valid. Type your space’s address, without spaces, for example monasso.frama.space.
error-invalid-name = This name cannot be used (it is empty, too long, or contains a character like “/”). Choose another name.
error-protocol = The server answered in an unexpected way. It may be badly set up. Try again later; if it keeps happening, tell the people who run your space.
error-server-error = The server had a problem on its side. Try again in a few minutes; if it keeps happening, tell the people who run your space.
error-login-flow-timeout = Signing in was not finished in time in the browser. Click “Sign in with my browser” again to start over.
error-login-flow-cancelled = Signing in was cancelled. You can start again whenever you like.
error-login-flow-downgrade = For your safety, Passerelle stopped signing in: the server wanted to go on without encryption (“http://”). Tell the people who run your space; meanwhile, you can use an app password.
error-href-escape = The server sent an unexpected file address, which Passerelle ignored for safety. Try again; if it keeps happening, tell the people who run your space.
error-keyring-unavailable = This computer has no password safe (keyring) available. You can still connect, keeping the access only until Passerelle closes.
error-keyring = Passerelle could not use this computer’s password safe (keyring). Check that it is unlocked (your session password may be asked), then try again.
error-account-not-found = This account no longer exists in Passerelle on this computer. Go back to the Accounts screen to pick another one.
error-account-exists = This account is already connected in this profile. Pick it on the Accounts screen.
error-session-secret-lost = The access to this account was kept only until Passerelle closed, and Passerelle has restarted since. Connect again: Accounts screen, then “Connect an account”.
error-secret-not-found = This account’s app password is no longer in this computer’s keyring. Connect this account again.

## Tours
error-tour-not-found = This tour is not available in Passerelle any more. Go back to the list of tours.
error-tour-step-not-found = This step no longer exists in the tour (it may have been updated). Open the tour again from the list.
error-tour-step-no-check = This step has nothing to check. Go on to the next step.
error-tour-pack-unreadable = Passerelle cannot read this tour pack. Check that it is a folder or a .zip file containing pack.toml, and that you may open it.
error-tour-pack-unsafe = This tour pack was refused: it contains a file that is too big or that would be written outside the pack. Ask the person who made it for a new copy.

## Hand-over

error-handover-job-not-found = This hand-over is not recorded on this computer. Check its number in the list of hand-overs.
error-handover-selection = Something chosen for the hand-over cannot be handed over: it is missing, its name is not accepted, or one of the servers cannot hold it. Check the selection.
error-handover-empty = There is nothing to hand over in this selection. Choose at least one folder, calendar or address book.
error-handover-quota = The recipient does not have enough storage space for this hand-over. Free some space or ask the space’s administrators for a bigger quota, then plan again.
error-handover-strategy-unavailable = This way of handing over cannot be used here, or is not available yet in this version of Passerelle. Choose “automatic” to let Passerelle pick one that works.
error-handover-incomplete = The hand-over is not complete yet: some items are missing at the destination. Resume it; what is already there is not copied again.
error-handover-disable-not-confirmed = The departing member’s account is only disabled after an explicit confirmation. Nothing was changed.

## Workshops

error-workshop-plan-invalid = The list of accounts has mistakes, shown line by line. No account was created: correct the list and try again.
error-workshop-create-failed = Creating the accounts stopped midway. The accounts this run had already created were deleted again; those that could not be are recorded for the clean-up.
error-workshop-not-confirmed = This action deletes data: it needs a confirmation listing exactly what will be removed. Nothing was changed.
error-workshop-plan-not-found = No workshop plan has this name.
error-workshop-pack-invalid = This workshop pack has problems (file and line shown). Nothing was imported.
error-workshop-progress-invalid = This progress file cannot be read: it is damaged, too big or does not come from Passerelle.

## Updates

error-update-not-configured = This build of Passerelle does not know where to look for updates. Enter a mirror address in Settings → Updates, or install an official build.
error-update-mirror-invalid = The update mirror address cannot be used: it must start with https:// (or http:// only on this computer). Correct it in Settings → Updates or in the update-mirror.txt file.
error-update-offline = No connection: the update server does not answer. Try again when this computer is connected to the Internet.
error-update-server = The update server gave an answer Passerelle cannot use. Try again later; if it lasts, tell whoever runs this mirror.
error-update-no-platform = A new version exists, but not yet for this system. Passerelle stays at its current version; try again later.
error-update-signature = The downloaded update was refused: its signature does not match (the file was altered on the way or does not come from Passerelle). Nothing was installed; Passerelle stays at its current version.
error-update-format = The downloaded update cannot be installed on this system. Nothing was changed; install the new version from Passerelle's website.
error-update-install = The update could not be installed. Passerelle stays at its current version; try again, or install the new version from Passerelle's website.
error-update-none-pending = No update is waiting. Check for updates first.
error-space-window = Passerelle could not open or update your space’s window. Close it and try again; if it keeps failing, sign out of the web space and open it again.
error-space-address = This account’s server address cannot be opened as a web page. Sign out and connect the account again with the address you use in your browser.
error-tour-health-export = The tour health list could not be saved in Passerelle’s data folder. Check there is space left on the disk, then try again.
error-password-login-forbidden = This account does not accept its login password in apps (two-factor authentication is on, or your space requires it). Sign in with your browser, or create an app password in your space: Settings → Security.

error-handover-needs-action = The hand-over stopped on items a resume will not fix: each cause is shown with what to do. Once it is done, run the hand-over again; what already arrived is not copied twice.
error-handover-member-disabled = The departing member’s account is disabled: their connection is refused, so Passerelle cannot read their data this way. Use the OwnershipTransfer app with an administrator account, or enable their account for the time of the hand-over.
