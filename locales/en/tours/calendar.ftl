# Tour "Plan with the calendar" (tours/calendar/tour.toml).
# Variables: $space = the space's name (or "your space"); $name = the person's first name.
# Nextcloud 29 / Calendar 4.7 labels in English.

tour-calendar-title = Plan with the calendar
tour-calendar-summary = Create an event, invite someone, share a calendar and see it on your phone.

tour-calendar-welcome =
    Open the "Calendar" app: the calendar icon at the top of the page.

    On the left you see your calendars. "Personal" is yours, created with your account. You can create others, for example for opening hours or meetings, and share them with the other members who use { $space }.

tour-calendar-create-event =
    Create an event in the next four weeks:
    top left, click "+ Event";
    in "Event title", type for example Test meeting;
    pick the day and the time;
    click "Save".

    Tip: you can also click a day in the calendar directly.
tour-calendar-create-event-hint =
    Passerelle looks for an event starting in the next 31 days: check the date you picked.

    The event does not show? Check that the "Personal" calendar is displayed: in the left-hand list, its small coloured circle must be filled.

tour-calendar-email-first =
    To invite someone, the space sends the invitation from your email address. Check that it is filled in: the menu of your circle, top right → "Settings" → "Personal info" → "Email".

    Without an address, Calendar shows: "To send out invitations and handle responses, add your email address in personal settings."

tour-calendar-invite =
    Invite a person to your event:
    click the event in the calendar, then "More details": a panel opens on the right;
    open the "Attendees" tab;
    in "Search for emails, users, contacts or groups", type a name or an email address, then pick the person;
    click "Update".

    The person gets an invitation and can answer yes, no or maybe.
tour-calendar-invite-hint =
    No search field under "Attendees"? Add your email address first (previous step), then reload the page.

    For a test, invite the workshop's trainer, or another email address of yours: type the whole address, then pick it in the list.

tour-calendar-create-calendar =
    Create a calendar for the association, for example "Opening hours":
    in the left-hand list, click "+ New calendar";
    in the small menu, click "New calendar";
    type its name, then press Enter.
tour-calendar-create-calendar-hint = The new calendar shows in the left-hand list, with its colour. Passerelle looks for a calendar created since this step started: if yours already existed, create another one, or click "Skip this step".

tour-calendar-share-calendar =
    Share this calendar with a member or a group:
    in the left-hand list, move the mouse over the calendar: a pencil appears ("Edit and share calendar"); click it;
    under "Share calendar", in "Share with users or groups", type a name and pick the person or the group;
    tick "can edit" if they should be able to add events;
    click "Save".
tour-calendar-share-calendar-hint = The pencil only shows while the mouse is over the calendar's name: keep it right there. Nobody shows up in the list? Type at least three letters and wait a moment.

tour-calendar-phone =
    To see your calendars on your phone, you need the space's CalDAV address. CalDAV is the standard way to sync calendars.

    In Calendar, at the very bottom left, click "Calendar settings" (the cog). The "Copy primary CalDAV address" button is for Android (with the DAVx⁵ app) or Thunderbird; "Copy iOS/macOS CalDAV address" is for an iPhone or a Mac.

    Passerelle also shows this address and a QR code next to this step. On the phone, use an app password rather than your own password (see the "Keep your account safe" tour).

tour-calendar-quiz-public = Volunteers without an account on the space need to see the opening hours. What do you do?
tour-calendar-quiz-public-a = I share the calendar with them in "Share with users or groups"
tour-calendar-quiz-public-a-feedback = That field only finds people with an account on the space. For the others, you need a share link.
tour-calendar-quiz-public-b = I create a "Share link" for the calendar (in "Edit and share calendar") and send it to them
tour-calendar-quiz-public-b-feedback = Yes! The link shows the calendar read-only, without an account: volunteers see the dates but can't change anything.
tour-calendar-quiz-public-c = I give them my password
tour-calendar-quiz-public-c-feedback = Certainly not: your password is yours alone. A share link does the job perfectly.

tour-calendar-well-done =
    Well done! Your calendar is ready, and you know how to share it with the members who use { $space }.

    To remove a share: open "Edit and share calendar" again, then click the bin next to the person or the group.

tour-calendar-new-event-button = Here is the "+ Event" button, at the top left. It opens a small form for a new event.
tour-calendar-new-event-button-fallback = At the top of the Calendar's left column, above the small month view and the list of your calendars, click "+ Event". You can also click a day in the grid directly.
tour-calendar-edit-share-button = Here is the pencil "Edit and share calendar". It only shows when the mouse is over the calendar's name, in the list on the left.
tour-calendar-edit-share-button-fallback = In the left column, move the mouse over the calendar's name: a small pencil appears at the end of the line. Click it to open the edit and share window.
