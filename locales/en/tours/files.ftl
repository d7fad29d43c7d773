# Tour "Organise your files" (tours/files/tour.toml).
# Variables: $space = the space's name (or "your space"); $name = the person's first name.
# Nextcloud 29 labels in English. The folder "Bureau" is checked by that exact name: keep it.

tour-files-title = Organise your files
tour-files-summary = Send a file to the space, create a folder, put the file in it and find it again.

tour-files-welcome =
    On { $space }, the "Files" app keeps the association's documents: minutes, posters, photos… Open it with the folder icon at the top of the page.

    On the left is the menu: "All files", "Recent", "Favorites", "Shares"… In the middle, the list of your files and folders.

tour-files-already-know = Do you already know how to send a file from your computer to the space?
tour-files-already-know-skip = Yes, I already know how
tour-files-already-know-more = No, show me

tour-files-new-menu =
    Above the list, the "+ New" button opens a small menu:
    "Upload files" sends files from your computer to the space;
    "New folder" creates a folder where you are.

    Uploading sends a copy: the file also stays on your computer.

tour-files-upload =
    Click "+ New", then "Upload files". Pick a file on your computer (a document, a photo…), then click "Open".

    You can also drag the file onto the list. Wait until the progress bar is finished, then click "Check".
tour-files-upload-hint =
    Make sure you are in "All files" and not in a sub-folder: that is where Passerelle looks. Click "All files" in the left menu, then send the file again.

    A big file takes time: on a slow connection, start with a small document.

tour-files-create-folder =
    Now create a folder called "Bureau" (French for the association's board), for example for the board's documents.

    In "All files", click "+ New", then "New folder". Under "Folder name", type Bureau, then click "Create" (or press Enter).
tour-files-create-folder-hint =
    Write the name exactly like this: Bureau, with a capital B and no space at the end. Typed it differently? Click "…" ("Actions") at the end of its row, then "Rename".

    The folder must be in "All files", not inside another folder.

tour-files-move-file =
    Put a file into "Bureau", for example the one you just sent:
    at the end of the file's row, click "…" ("Actions");
    choose "Move or copy";
    in the "Choose destination" window, click "Bureau";
    click "Move to Bureau".

    Quicker: drag the file and drop it on the "Bureau" folder.
tour-files-move-file-hint =
    Open the "Bureau" folder: the file should be there. If it is still outside, you may have chosen "Copy": do it again and click "Move to Bureau".

    Passerelle checks that a file from your Files is now inside "Bureau" and no longer outside it (a copy would leave the original in place).

tour-files-find-file =
    Lost a file? Here are three ways to find it:
    the magnifying glass, top right ("Unified search"): type a few letters of its name, then click the result;
    "Recent", in the left menu: the files changed last;
    "Favorites": on an important file, click "…" then "Add to favorites", and find it again in one click.

    Try it: search for the file you just put in "Bureau".

tour-files-quiz-deleted = You deleted a file by mistake. What do you do?
tour-files-quiz-deleted-a = Nothing: it is gone for good
tour-files-quiz-deleted-a-feedback = Don't worry: a deleted file is kept for a while in "Deleted files", at the bottom of the left menu.
tour-files-quiz-deleted-b = I open "Deleted files", at the bottom of the left menu, and restore it
tour-files-quiz-deleted-b-feedback = Well done! On the file's row, click "Restore": it goes back where it was. Don't wait too long: the bin is emptied after some time.
tour-files-quiz-deleted-c = I look for it in "Recent"
tour-files-quiz-deleted-c-feedback = A deleted file no longer shows in "Recent". Look in "Deleted files" instead, at the bottom of the left menu.

tour-files-well-done =
    Well played! You can now send, sort and find your files on { $space }.

    A tip: agree with the other members on a few shared folders ("Bureau", "Minutes", "Photos"…): everyone will find things faster. Next: the "Share files" tour.

tour-files-new-button = Here is the "+ New" button, above the list of files. Click it to open its menu.
tour-files-new-button-fallback = It is at the top of the Files page, just above the list, next to the folder's path ("All files"). It shows a "+" and the word "New".
tour-files-new-folder-entry = In this menu, "New folder" creates a folder where you are. "Upload files" sends files from your computer.
tour-files-new-folder-entry-fallback = First click "+ New" above the list: a small menu opens, with "Upload files" at the top and "New folder" just below.
