## Tours in the live web space (space window, highlight, tour health)

highlight-show-me = Show me in my space
highlight-show-me-hint = Passerelle opens your space in a window of its own and lights up where to click. Sign in there as usual the first time.
highlight-no-account = Connect an account to see this place lit up in your space.
highlight-shown = Look at your space’s window: the place is lit up.
highlight-missed = Passerelle could not find this place on your space’s page. The words below say where to find it.
highlight-clicked = That’s it! Let’s go on.
highlight-check-waiting = Do it in your space: the tour goes on as soon as Passerelle sees it is done.
highlight-forget = Sign out of the web space on this computer
highlight-forgotten = You are signed out of the web space on this computer.
# Name of the bubble shown in the space. $title: the tour's title.
highlight-dialog = Tour “{ $title }”
highlight-close = Close
highlight-not-found = I cannot find this place on this page. Here is where to look:
highlight-click-hint = Click it to go on.
highlight-check-hint = Do it here: the tour goes on as soon as Passerelle sees it is done.

## Tour health (for the people who run workshops)

tour-health-title = Tour health
tour-health-intro = The places tours could not find in the web space (after a Nextcloud update, for example). Export the list to fix the selectors.
tour-health-empty = No missed place so far.
tour-health-col-when = When
tour-health-col-tour = Tour
tour-health-col-step = Step
tour-health-col-version = Nextcloud version
tour-health-col-tried = Selectors tried
tour-health-version-unknown = unknown
tour-health-export-csv = Export as CSV
tour-health-export-json = Export as JSON
# $path: the file written.
tour-health-exported = Saved to { $path }
tour-health-clear = Clear the list
# $count: how many rows were removed.
tour-health-cleared = { $count ->
        [one] One row removed.
       *[other] { $count } rows removed.
    }
tour-health-link = Tour health

## The space window before the step's page (sign-in pages, other pages)

highlight-looking = Passerelle is looking for the place in your space’s window…
highlight-sign-in = Sign in to your space in its window: the place lights up as soon as you are signed in.
# The small strip over Nextcloud's sign-in pages in the space window (keep it short).
highlight-sign-in-strip = Sign in first: the tour goes on afterwards.
# The strip on a page of the space that is not the step's page.
highlight-elsewhere-strip = This step happens on another page of your space.
highlight-go-there = Go there
highlight-language-question = Your account has its own language on the server: once you are signed in, your space’s pages are not in English like Passerelle.
highlight-language-hint = This changes your account’s language on the server, for all your devices. You can change it again in your space’s personal settings.
highlight-language-apply = Show my space in English
highlight-language-done = Done: your space is now shown in English.

## Signing out of the web space: apart, away from the main button

highlight-forget-hint = On a shared computer, once the tour is done: the space window forgets your sign-in.
