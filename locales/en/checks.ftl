# What a task's check found missing, shown under the task. Each check type `<type>` of the
# tours spec has `check-<type>-missing`. All arguments are text.

# $name: a path or a name pattern such as “*.pdf”; $folder: where it was looked for;
# $reason: none, too-small or not-new; $min_size: the smallest size, in bytes.
check-file-exists-missing = { $reason ->
    [too-small] The file “{ $name }” is there, but smaller than expected (at least { $min_size } bytes). Check that you picked the right file.
    [not-new] “{ $name }” is there, but it was not changed since this step started. Add or save the file again, then check.
   *[none] No file “{ $name }” yet in “{ $folder }” in your Files.
}
# $path: the folder.
check-folder-exists-missing = No folder “{ $path }” yet in your Files.
# $name: the file; $from: where it was; $to: where it should go.
check-file-moved-missing = “{ $name }” is not in “{ $to }” yet, or is still in “{ $from }”.
# $path: what should be shared; $to: user, group, link or any; $reason: none, wrong-type, no-password or no-expiry.
check-share-exists-missing = { $reason ->
    [wrong-type] “{ $path }” is shared, but not the way this step asks. { $to ->
        [user] Share it with a person.
        [group] Share it with a group.
        [link] Create a share link.
       *[other] Share it.
    }
    [no-password] The share link of “{ $path }” has no password yet. Add one in the share settings.
    [no-expiry] The share of “{ $path }” has no expiry date yet. Set one in the share settings.
   *[none] “{ $path }” is not shared yet.
}
# $filter: any or named; $name: the calendar's name.
check-calendar-exists-missing = { $filter ->
    [any] No new calendar yet in your Calendar.
   *[other] No calendar named “{ $name }” yet in your Calendar.
}
# $filter: any or named; $days: how many days ahead; $summary: part of the title.
check-event-exists-missing = { $filter ->
    [any] No event yet in your calendars in the next { $days } days.
   *[other] No event with “{ $summary }” in its title yet in the next { $days } days.
}
# $days: how many days ahead.
check-event-has-attendee-missing = None of your events in the next { $days } days has a guest yet. Open an event and add someone under “Attendees”.
check-calendar-shared-missing = None of your calendars is shared yet.
# $filter: any or named; $name: part of the contact's name.
check-contact-exists-missing = { $filter ->
    [any] No contact yet in your address books.
   *[other] No contact with “{ $name }” in their name yet.
}
check-addressbook-shared-missing = None of your address books is shared yet.
check-app-password-valid-missing = This app password does not work. Copy it again from your space (Settings → Security) and paste it whole.
# $bytes: the threshold; $used: bytes used now.
check-quota-used-above-missing = Your space holds { $used } bytes so far; this step needs more than { $bytes }. Add a few files, then check.
