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
