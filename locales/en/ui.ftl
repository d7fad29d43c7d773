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
accounts-connect = Connect an account
accounts-connect-soon = Soon you will be able to connect your Nextcloud account here. It comes in a future version.

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
