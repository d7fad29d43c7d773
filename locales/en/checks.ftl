# What a task's check found missing, shown under the task. Each check type `<type>` of the
# tours spec has `check-<type>-missing`. All arguments are text.

# $name: the file's name; $folder: where it was looked for ("/" for the root); $place: root
# (the top of your Files) or folder; $reason: none, too-small or not-new (it was already there,
# unchanged, when the step started); $min_size: the smallest size, in bytes.
check-file-exists-missing = { $reason ->
    [too-small] The file “{ $name }” is there, but smaller than expected (at least { $min_size } bytes). Check that you picked the right file.
    [not-new] “{ $name }” is there, but it was not changed since this step started. Add or save the file again, then check.
   *[none] { $place ->
        [root] No file “{ $name }” yet in your Files.
       *[folder] No file “{ $name }” yet in the folder “{ $folder }”.
    }
}
# Any file (name = "*"): the same arguments, without $name.
check-file-exists-missing-any = { $reason ->
    [too-small] { $place ->
        [root] The files in your Files are smaller than expected (at least { $min_size } bytes). Add a bigger file, then check.
       *[folder] The files in the folder “{ $folder }” are smaller than expected (at least { $min_size } bytes). Add a bigger file, then check.
    }
    [not-new] { $place ->
        [root] No new file yet in your Files: the ones there were already there when this step started. Add a file, then check.
       *[folder] No new file yet in the folder “{ $folder }”: the ones there were already there when this step started. Add a file, then check.
    }
   *[none] { $place ->
        [root] No file yet in your Files.
       *[folder] No file yet in the folder “{ $folder }”.
    }
}
# A name pattern (name = "*.pdf"): the same arguments; $name is the pattern.
check-file-exists-missing-pattern = { $reason ->
    [too-small] The files matching “{ $name }” are smaller than expected (at least { $min_size } bytes). Check that you picked the right file.
    [not-new] { $place ->
        [root] No new file matching “{ $name }” yet in your Files: the ones there were already there when this step started. Add one, then check.
       *[folder] No new file matching “{ $name }” yet in the folder “{ $folder }”: the ones there were already there when this step started. Add one, then check.
    }
   *[none] { $place ->
        [root] No file matching “{ $name }” in your Files yet.
       *[folder] No file matching “{ $name }” in the folder “{ $folder }” yet.
    }
}
# $path: the folder.
check-folder-exists-missing = No folder “{ $path }” yet in your Files.
# $name: the file; $from: where it was; $to: where it should go ("/" for the root);
# $from_place, $to_place: root (the top of your Files) or folder; $reason: none (nothing in
# $to), still-there (still in $from: copied rather than moved) or not-from (it was not in $from
# when the step started).
check-file-moved-missing = { $reason ->
    [still-there] { $from_place ->
        [root] “{ $name }” is still directly in your Files too: you probably copied it instead of moving it. Move it instead (“Move or copy”, then “Move to …”).
       *[folder] “{ $name }” is still in “{ $from }” too: you probably copied it instead of moving it. Move it instead (“Move or copy”, then “Move to …”).
    }
    [not-from] { $from_place ->
        [root] “{ $name }” was not directly in your Files when this step started: move the file that was there.
       *[folder] “{ $name }” was not in “{ $from }” when this step started: move the file that was there.
    }
   *[none] { $to_place ->
        [root] “{ $name }” is not directly in your Files yet.
       *[folder] “{ $name }” is not in “{ $to }” yet.
    }
}
# Any file (name = "*"): the same arguments, without $name.
check-file-moved-missing-any = { $reason ->
    [still-there] { $from_place ->
        [root] The file is still directly in your Files too: you probably copied it instead of moving it. Move it instead (“Move or copy”, then “Move to …”).
       *[folder] The file is still in “{ $from }” too: you probably copied it instead of moving it. Move it instead (“Move or copy”, then “Move to …”).
    }
    [not-from] { $from_place ->
        [root] That file was not directly in your Files when this step started: move a file that was there.
       *[folder] That file was not in “{ $from }” when this step started: move a file that was there.
    }
   *[none] { $to_place ->
        [root] No file moved directly into your Files yet.
       *[folder] No file moved into “{ $to }” yet.
    }
}
# A name pattern (name = "*.pdf"): the same arguments; $name is the pattern.
check-file-moved-missing-pattern = { $reason ->
    [still-there] { $from_place ->
        [root] The file matching “{ $name }” is still directly in your Files too: you probably copied it instead of moving it. Move it instead (“Move or copy”, then “Move to …”).
       *[folder] The file matching “{ $name }” is still in “{ $from }” too: you probably copied it instead of moving it. Move it instead (“Move or copy”, then “Move to …”).
    }
    [not-from] { $from_place ->
        [root] That file matching “{ $name }” was not directly in your Files when this step started: move a file that was there.
       *[folder] That file matching “{ $name }” was not in “{ $from }” when this step started: move a file that was there.
    }
   *[none] { $to_place ->
        [root] No file matching “{ $name }” moved directly into your Files yet.
       *[folder] No file matching “{ $name }” moved into “{ $to }” yet.
    }
}
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
