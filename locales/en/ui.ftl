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
# $server: the server’s address.
insecure-body = The address { $server } starts with “http://”: what goes between Passerelle and this server, your access included, is not encrypted and could be read by others.
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
tours-intro = Tours help you discover your Nextcloud space at your own pace, one step at a time.
tours-empty-title = Tours will appear here.
tours-empty-body = They come in a future version of Passerelle.

## Hand-over

handover-title = Hand-over
handover-intro = When a member leaves the association, their documents should not get lost. This screen will help give them to another member:
handover-files = their files and folders;
handover-calendars = their calendars;
handover-contacts = their address books.
handover-admins = The hand-over is done by the administrators of the association’s Nextcloud space.
handover-soon-title = Coming soon
handover-soon-body = This comes in a future version of Passerelle.

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
