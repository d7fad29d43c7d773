# Tour "Discover your space" (tours/discover/tour.toml).
# Variables: $space = the space's name (or "your space"); $name = the person's first name.
# Nextcloud 29 labels in English.

tour-discover-title = Discover your space
tour-discover-summary = A short walk around your Nextcloud space: the apps, your personal menu and your settings.

tour-discover-welcome =
    Hello { $name }! Welcome to { $space }, your association's Nextcloud space.

    Open your web browser at the space's address (it looks like monasso.frama.space) and log in. Keep Passerelle next to it: we will go one step at a time.

tour-discover-top-bar =
    At the very top of the page, a bar shows the space's apps as small icons. Move the mouse over an icon to see its name.

    Depending on your space, you will find for example "Files" (documents), "Photos", "Activity" (what changed recently), "Calendar", "Contacts" and "Talk" (chats).

    The logo, on the far left, takes you back to the "Dashboard", the home page.

tour-discover-search-bell =
    On the right of that bar there are three small icons:
    the magnifying glass ("Unified search") searches the whole space: files, events, contacts…;
    the bell shows your notifications, for example when someone shares a file with you;
    the address book ("Search contacts") quickly finds a person of the space.

tour-discover-user-menu = On the far right, the circle with your initial or your photo opens your personal menu. Click it.
tour-discover-user-menu-fallback = Can't see it? Make the browser window bigger: the circle is always in the top right corner of the page.

tour-discover-menu-entries =
    This menu has:
    "View profile": what other members see about you;
    "Set status": online, away, do not disturb…;
    "Appearance and accessibility": dark theme, easier-to-read font;
    "Settings": your account's settings;
    "Help & privacy";
    "Log out": remember it when you use a shared computer!

tour-discover-settings =
    In "Settings", the left column sorts your settings by topic:
    "Personal info": your name, your email address (to receive notifications and invitations), your language;
    "Security": your password and the devices that are connected;
    "Notifications", "Sharing", "Appearance and accessibility"…

    If you look after the space, this entry is called "Personal settings", and you also see "Administration settings" and "Accounts".

tour-discover-first-file =
    Your turn! Open "Files" (the folder icon at the top of the page). Then drag a file from your computer (a photo, a document…) and drop it on the list of files.

    When it shows up in the list, come back here and click "Check".
tour-discover-first-file-hint =
    Drag and drop does not work? Click "+ New" above the list, then "Upload files", and pick a file. Uploading means sending a file from your computer to the space.

    A message says the space is full? Tell the people who look after the space.

tour-discover-quiz-settings = You want to change your account's email address. Where do you go?
tour-discover-quiz-settings-a = To the "Files" app
tour-discover-quiz-settings-a-feedback = Not quite: "Files" holds your documents. Your personal settings are in the menu of your circle, top right.
tour-discover-quiz-settings-b = The circle's menu, top right → "Settings" → "Personal info"
tour-discover-quiz-settings-b-feedback = Exactly! All your personal settings are there.
tour-discover-quiz-settings-c = I have to ask the people who look after the space
tour-discover-quiz-settings-c-feedback = You can do it yourself: the circle's menu, top right → "Settings" → "Personal info".

tour-discover-next-tours =
    Well done, { $name }! You now know your way around { $space }.

    What next? The "Organise your files" tour shows how to sort your documents, then "Share files" how to share them with other members. Come back whenever you like: Passerelle keeps your progress.
