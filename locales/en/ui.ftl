# Texts of Passerelle's user interface (ui/ folder).
# Style: plain, kind words for people who may not be at ease with computers.
# Language names ("Français", "English") are written in the code.

app-name = Passerelle
# Window title. $screen: the title of the screen shown.
window-title = { $screen } – Passerelle
loading = Loading…
skip-to-content = Skip to content
dialog-cancel = Cancel

## Announcements for screen readers

# $screen: the title of the screen just shown.
announce-screen = Screen: { $screen }
announce-profile-deleted = The profile { $name } was deleted.

## Welcome

welcome-title = Welcome to Passerelle
welcome-intro = Passerelle guides you step by step through your association’s Nextcloud space, and helps hand over the data of a member who is leaving.
welcome-language-legend = Language
welcome-profiles-title = Who are you?
welcome-profiles-why = This computer may be shared, for example during a workshop: each person has a profile that keeps their settings and progress.
welcome-no-profiles = No profile yet. Create yours just below.
welcome-create-title = First time here?
welcome-name-label = Your first name or a nickname
welcome-name-hint = It is only used to find you again on this computer.
welcome-create-button = Create my profile

## Header and menu

header-profile-label = Profile:
header-account-label = Account:
header-space-label = Space:
header-change-profile = Change profile
nav-label = Main menu
nav-accounts = Accounts
nav-tours = Tours
nav-handover = Hand-over
nav-settings = Settings
nav-about = About

## Notice at start: data file moved aside

store-notice-title = Your data was put somewhere safe
# $path: where the old file is kept.
store-moved-aside = The file where Passerelle keeps its data on this computer was damaged, or came from a newer version. Nothing was deleted: it is kept here: { $path }. Passerelle created a new file, you can carry on as usual.
store-notice-dismiss = Got it

## Accounts

accounts-title = Nextcloud accounts
accounts-intro = An account links Passerelle to your association’s Nextcloud space.
accounts-empty-title = No Nextcloud account yet.
accounts-empty-body = Connect the account you use in your association’s Nextcloud space. All you need is the address of the space.
accounts-connect = Connect an account
accounts-list-title = Your accounts
# $userId: the account’s id on the server.
account-user-id = User id: { $userId }
# $server: the space’s address, without “https://”.
account-server = Space: { $server }
account-current-badge = Account in use
account-session-badge = Until Passerelle closes
account-session-hint = The access to this account is kept in memory only, because this computer has no password safe. When you close Passerelle, you will need to connect again.
account-select = Use this account
# $name: the name of the person on this account.
announce-account-selected = You now use the account of { $name }.
account-connected = You are connected as { $name }.
overview-loading = Passerelle is asking your space about this account…
overview-account = Name
overview-user-id = User id
overview-address = Address of the space
overview-email = Email address
overview-email-none = No email address given
overview-groups = Groups
overview-groups-none = No group
overview-version = Nextcloud version
overview-admin-badge = Administrator of the space
overview-quota = Storage
# $used, $total: sizes, for example “2.1 GB”.
overview-quota-used = { $used } used of { $total }
overview-quota-unlimited = { $used } used, no limit
overview-quota-unknown = Your space does not say how much room is used.
account-sign-out = Sign out…
# $space: the name of the Nextcloud space.
sign-out-title = Sign out of { $space }?
sign-out-body = Passerelle will remove its access to your account on the server, then forget this account on this computer. Your files and data stay in your space. You can connect again whenever you like.
sign-out-confirm = Sign out
signed-out = You are signed out. Passerelle removed its access on the server.
signed-out-not-revoked-title = The access still exists on the server
# $server: the space’s address.
signed-out-not-revoked = Passerelle forgot this account on this computer, but could not reach your space ({ $server }) to remove its access there. So that access still works.
signed-out-not-revoked-how = To remove it yourself: sign in to your space in your browser, open Settings → Security, then delete “Passerelle” from the list of devices and sessions.

## Connect an account

# $step: the number of the step (1 or 2).
connect-step = Step { $step } of 2
# $title: the title of the step just shown.
announce-step = Step: { $title }
connect-title = Connect an account
connect-intro = Passerelle needs the address of your association’s Nextcloud space. You will find it in your invitation message, or ask the people who run the space.
connect-address-label = Address of your space
connect-address-hint = For example: monasso.frama.space
connect-check = Continue
connect-checking = Passerelle is looking for your space…
connect-preparing = One moment…
connect-cancel = Cancel
connect-change-address = Change the address
connecting = Connecting…
cert-title = Check the server’s identity
cert-intro = Passerelle cannot confirm this server’s identity automatically. This often happens with servers an association installed itself: it is not necessarily a problem, but it is better to check before going on.
cert-host = Server
cert-fingerprint = Certificate fingerprint (SHA-256)
cert-advice = Compare this fingerprint with the one given by the person who runs your space. If they are the same, you can trust this certificate: Passerelle will remember it for this server.
cert-doubt = If they differ, or if in doubt, cancel and ask for advice.
cert-trust = Trust this certificate for this server
insecure-title = Unencrypted connection
insecure-advice = This is only acceptable on a local network, for example a workshop’s server. On the Internet, use an address starting with “https://”.
insecure-continue = Continue anyway
insecure-reminder = Warning: unencrypted connection, only for a local network.
# $space: the name of the Nextcloud space.
method-title = Sign in to { $space }
method-preview-label = Your space
# $product: usually “Nextcloud”; $version: for example “29.0.4”.
method-version = { $product } { $version }
method-address = Address: { $server }
method-browser-title = With your browser (recommended)
method-browser = Sign in with my browser
method-browser-hint = Passerelle opens your space’s sign-in page in your browser. Sign in as usual, then allow Passerelle. Your password stays in the browser: Passerelle never sees it.
method-app-password = Use an app password
app-password-where = To create one: in your space, open Settings → Security, then “Create new app password”.
login-name-label = Login name
app-password-label = App password
app-password-submit = Sign in
app-password-empty = Fill in the login name and the app password.
keyring-title = No password safe on this computer
keyring-body = Passerelle usually keeps the access to your account in the computer’s password safe (also called “keyring”). This computer has none, or it is not available.
keyring-session-explain = You can still connect: Passerelle will keep the access in memory only, until it closes. Nothing is written to disk. Next time, you will need to connect again.
keyring-session-accept = Keep the access only until Passerelle closes
waiting-title = Finish signing in in your browser
waiting-opening = Passerelle is opening the sign-in page in your browser…
waiting-body = Your space’s sign-in page opened in your browser. Sign in, then click “Grant access”. Then come back here: Passerelle carries on by itself.
waiting-countdown-label = Time left:
waiting-countdown-hint = After that, you will need to start again. Nothing serious: just click again.
waiting-link-label = Nothing opened? Copy this link into your browser:
waiting-copy = Copy the link
waiting-copied = The link is copied. Paste it in your browser’s address bar.
waiting-copy-select = The link is selected: copy it with Ctrl+C (or Cmd+C on a Mac).
waiting-cancel = Cancel signing in
# $minutes: the number of minutes left (at least 1).
waiting-remaining =
    { $minutes ->
        [one] { $minutes } minute left to finish signing in.
       *[other] { $minutes } minutes left to finish signing in.
    }

## Tours

tours-title = Guided tours
tours-intro = Tours help you discover your Nextcloud space at your own pace, one step at a time. Passerelle checks what you do along with you.
tours-retry = Try again
tours-empty-title = No tours to suggest for now.
tours-empty-body = Your association can give you a tour pack: you can load it at the bottom of this page.
tours-empty-hidden = You have hidden some tours: you can show them again at the bottom of this page.
tours-no-account = No account is connected. You can read the tours, but Passerelle cannot check what you do in your space.
tours-section-in-progress = In progress
tours-section-new = To discover
tours-section-done = Done
# $count: the number of tours.
tours-section-unavailable = Not available on your space ({ $count })
tours-unavailable-intro = These tours need something your space does not have. The people who run the space may be able to add it.
tours-section-hidden = Hidden tours
# The space's name when Passerelle does not know it (in tour texts).
tour-space-generic = your space
# $minutes: the estimated duration.
tour-minutes =
    { $minutes ->
        [one] About { $minutes } minute
       *[other] About { $minutes } minutes
    }
tour-audience-admin = For administrators
tour-source-pack = Tour pack
# $title: the tour's title.
tour-progress-label = Progress: { $title }
# $done: the steps done; $total: all the steps.
tour-progress-text =
    { $done ->
        [0] No steps done out of { $total }
        [one] { $done } step done out of { $total }
       *[other] { $done } steps done out of { $total }
    }
tour-start = Start
tour-resume = Resume
tour-replay = Replay
tour-menu = Options
tour-menu-label = Options for “{ $title }”
tour-reset = Start over…
tour-hide = Don’t suggest this again
tour-unhide = Suggest it again
tour-reset-title = Start “{ $title }” over?
tour-reset-body = Your progress in this tour will be erased. What you already did in your Nextcloud space stays as it is.
tour-reset-confirm = Erase the progress
tour-reset-done = The progress of “{ $title }” has been erased.
tour-hidden-done = “{ $title }” will not be suggested any more. You can find it again with “Show hidden tours”, at the bottom of the page.
tour-unhidden-done = “{ $title }” is suggested again.
tours-progress-title = Your progress
# $count: the number of hidden tours.
tours-show-hidden = Show hidden tours ({ $count })
tours-reset-all = Erase all my progress…
tours-reset-all-title = Erase all your progress?
tours-reset-all-body = The progress of every tour will be erased, for this profile and this account. What you did in your Nextcloud space stays as it is. This cannot be undone.
tours-reset-all-confirm = Erase everything
tours-reset-all-done = All your progress has been erased.
# When Passerelle gives an unknown reason (the others are in tours-engine.ftl).
tour-unavailable-other = This tour does not suit your space.

## Tour packs

tour-pack-title = Load a tour pack
tour-pack-intro = A tour pack is a folder or a .zip file prepared by your association, or by the person leading a workshop.
tour-pack-path-label = Path of the folder or .zip file on this computer
tour-pack-path-hint = For example: /home/camille/Downloads/association-tours.zip
tour-pack-load = Load the pack
tour-pack-empty-path = First enter the path of the folder or .zip file.
tour-pack-loading = Passerelle is reading the pack…
# $count: the number of tours loaded.
tour-pack-loaded =
    { $count ->
        [one] One tour was loaded:
       *[other] { $count } tours were loaded:
    }
tour-pack-nothing = No tour could be loaded from this pack.
# $count: the number of broken tours.
tour-broken-title =
    { $count ->
        [one] One tour could not be loaded:
       *[other] { $count } tours could not be loaded:
    }
tour-problem-english = The details are in English, for the people who write tours.
# $source: the folder, file or tour name.
tour-broken-source = In { $source }:
tour-problem-fix = To fix it:

## Tour player

tour-player-title = Tour
# $step: the step's number; $total: the number of steps.
tour-step-counter = Step { $step } of { $total }
tour-position-label = Progress in this tour
tour-kind-task = Your turn
tour-kind-choice = Your choice
tour-kind-quiz = A quick question
tour-nav-label = Tour steps
tour-back = Back
tour-next = Next
tour-finish = Finish
tour-close = Close (your progress is kept)
tour-next-blocked-task = To go on, do this step then choose “Check”, or skip it.
tour-next-blocked-quiz = To go on, answer the question then choose “Check my answer”.
tour-hint = Need a hint?
tour-check = Check
tour-checking = Passerelle is checking in your space…
tour-check-auto = Passerelle also checks by itself now and then, while this step is shown.
tour-check-success = Well done, that’s it! You can go on.
# $evidence: what Passerelle found in the space, for example “/Bureau”.
tour-check-evidence = Passerelle found: { $evidence }
tour-check-already-done = This step is already done.
tour-check-not-yet = Not done yet. Take your time, then check again.
tour-offline-wait = We’ll check as soon as your space is reachable again. You can carry on calmly.
tour-input-label = Your new app password
tour-input-hint = Paste it here. Passerelle tries it once, then forgets it: it is not saved anywhere.
tour-input-empty = First paste the app password.
tour-skip = Skip this step
tour-no-account = Passerelle checks this step in your Nextcloud space, which needs a connected account. Meanwhile, you can read on.
tour-no-account-link = Connect an account to check this
tour-quiz-legend = Your answer
tour-quiz-check = Check my answer
tour-quiz-pick = First choose an answer.
tour-quiz-right = Right answer!
tour-quiz-wrong = Not quite.
tour-finished-title = Tour finished!
# $title: the tour's title.
tour-finished-body = Well done, you finished “{ $title }”.
tour-finished-tasks = What you did in your space
# A task of the tour, on the finished screen. $step: its step number in the tour.
tour-finished-step = Step { $step }
# $evidence: what Passerelle found in the space (a folder, a file, a calendar…), for example “/Bureau”.
tour-finished-evidence = Checked in your space: { $evidence }
# A task done, with nothing to show (for example an app password that works).
tour-finished-checked = Done and checked in your space.
tour-finished-skipped = Skipped
tour-finished-todo = Not done yet
tour-finished-unchecked = Not checked (no account connected)
tour-finished-back = Back to tours
## Hand-over

handover-title = Hand-over

## Settings

settings-title = Settings
settings-intro = Changes apply right away.
settings-language-legend = Language
# $language: the name of the computer's language, for example "English".
settings-language-system = Same as the computer ({ $language })
settings-theme-legend = Appearance
settings-theme-system = Same as the computer
settings-theme-light = Light
settings-theme-dark = Dark
settings-text-size-legend = Text size
settings-text-size-hint = For easier reading.
settings-text-size-normal = Normal
settings-text-size-large = Large
settings-text-size-larger = Larger
settings-profile-title = Your profile
settings-profile-current = You are using the profile { $name }.
settings-profile-delete-hint = Deleting this profile erases its settings and progress on this computer. Your files on Nextcloud are not touched.
settings-profile-delete = Delete this profile…
delete-profile-title = Delete the profile { $name }?
delete-profile-body = Its settings and progress will be erased from this computer. Files on Nextcloud are not touched. This cannot be undone.
delete-profile-confirm = Delete the profile

## About

about-title = About
about-intro = Passerelle helps members and volunteers of associations get to grips with their Nextcloud space.
about-version = Version
about-data-dir = Data folder
about-database = Database
about-schema = Schema version
about-locales = Available languages
about-privacy-title = Privacy
about-privacy = Passerelle collects no statistics and sends nothing anywhere without you. Your settings stay on this computer.
about-licence-title = Licence
about-licence = Passerelle is free software, published under the AGPL-3.0-or-later licence.

## Error at start

fatal-title = Passerelle could not start
fatal-retry = Try again

## Tour step: the address to type in a phone (CalDAV, CardDAV)

dav-address-caldav-label = Calendar server address (CalDAV), to type in your phone
dav-address-carddav-label = Contacts server address (CardDAV), to type in your phone
dav-address-server-label = Address of your Nextcloud space, to type in your phone
dav-address-copy = Copy the address
dav-address-copied = Address copied.
dav-address-copy-select = The address is selected: copy it with Ctrl+C (or Cmd+C on a Mac).
dav-address-user-label = User name:
dav-address-password-hint = For the password, use an app password (created in the Security part of your space’s settings) rather than your usual password.
dav-address-qr-alt = QR code of the address { $address }
dav-address-qr-hint = Scan this code with your phone’s camera to get the address without typing it.
dav-address-no-account = Connect an account first: Passerelle will then show here the address to type in your phone.
dav-address-connect = Connect an account

## Access to reconnect after a restart (account kept until Passerelle closes)

header-account-reconnect = to reconnect
reconnect-notice-title =
    { $count ->
        [one] An account to reconnect
       *[other] { $count } accounts to reconnect
    }
reconnect-notice-body =
    { $count ->
        [one] Access to this account was kept only until Passerelle closed, because this computer has no password safe. Reconnect when you need it: your tours and settings are kept.
       *[other] Access to these accounts was kept only until Passerelle closed, because this computer has no password safe. Reconnect them when you need them: your tours and settings are kept.
    }
reconnect-me = Reconnect me
reconnect-account = Reconnect { $name }’s account
reconnect-later = Later
reconnect-needed = Access to the account { $name } on { $space } was kept only until Passerelle closed. Reconnect to go on: nothing is lost.
reconnect-waiting = Passerelle asked your browser to open the sign-in page of { $space }. Sign in with the account “{ $user }”, then click “Grant access”. Passerelle goes on by itself.
reconnect-other-account = You signed in with the account { $other }, not { $name }’s. In your browser, sign out of the space, then try again with the right account.
reconnect-done = Access to the account { $name } works again.
account-reconnect-badge = To reconnect

## Settings: trainer mode

settings-trainer-title = Running workshops
settings-trainer-label = Trainer mode
settings-trainer-hint = Shows what is used to run a workshop: the Workshop screen and loading tour packs. Not needed to take the tours yourself.

## About: technical details

about-technical = Technical details

## Connecting an account (issue #16)

app-password-exchanged = Your login password was exchanged for an app password of Passerelle’s own; it is not kept. This app password is listed in your space (Settings → Security) and will be revoked when you sign out of Passerelle.
# $server: the server’s address, without http://.
insecure-body-typed = You typed an address starting with “http://”: the connection with { $server } will not be encrypted. What goes between Passerelle and this server, your access included, could be read by others.
insecure-body-no-https = This server ({ $server }) offers no encrypted connection (https). What goes between Passerelle and it, your access included, is not encrypted and could be read by others.
waiting-no-browser = Passerelle could not open your browser. Copy this link, paste it into your browser’s address bar, sign in, then click “Grant access”. Then come back here: Passerelle carries on by itself.
waiting-no-browser-link = Sign-in link:
# $name: the account just added; $current: the account in use.
account-added = The account { $name } is added to this profile.
account-added-question = Passerelle still uses the account { $current }. Do you want to use { $name } now?
account-added-switch = Use { $name }
account-added-keep = Keep { $current }
account-added-kept = Passerelle still uses the account { $current }.
# $size: the text size chosen, as named in Settings.
announce-text-size = Text size: { $size }
