# Tour "Keep your account safe" (tours/security/tour.toml).
# Variables: $space = the space's name (or "your space"); $name = the person's first name.
# Nextcloud 29 labels in English. "Passerelle-test" is the name the step asks for.

tour-security-title = Keep your account safe
tour-security-summary = Find your security settings, try an app password and discover two-factor authentication.

tour-security-welcome =
    Your account on { $space } opens the association's documents, sometimes members' personal data. Three good habits protect it:
    a strong password that you use nowhere else;
    an app password for each device or program;
    two-factor authentication, if your space offers it.

tour-security-where =
    Your security settings: the menu of your circle, top right → "Settings" ("Personal settings" if you look after the space) → "Security", in the left column.

    At the top of that page you can change your password: "Current password", "New password", then "Change password". A good idea: a sentence of four or five words picked at random, long but easy to remember.

tour-security-what-app-password =
    Further down, the "Devices & sessions" part lists everything connected to your account: browsers, phones, computers… and Passerelle.

    An app password is a separate password that the space creates for one device or program only (the phone's calendar, Thunderbird…). If the device is lost, you delete that one password and nothing else changes: your real password stays secret.

tour-security-create-app-password =
    Let's try it safely:
    in "Devices & sessions", at the bottom, type Passerelle-test in the "App name" field;
    click "Create new app password";
    a window shows your "Login" and a "Password": copy the password with the copy button to the right of the field;
    paste it in the field below, then click "Check".
tour-security-create-app-password-hint =
    The password looks like five groups of five letters and digits, separated by dashes: copy all of it, with no space before or after.

    The space asks for your password again? That is normal, it is a confirmation. Closed the window too soon? The password is shown only once: just create another one with the same name.

tour-security-revoke =
    The test worked: now delete this test password:
    close the window with the cross;
    in the "Devices & sessions" list, find the "Passerelle-test" row;
    click "…" at the end of the row ("Device settings"), then "Revoke".

    Careful to revoke only "Passerelle-test": revoking Passerelle's own row, or your phones' rows, would disconnect them.

tour-security-quiz-lost-phone = You lost your phone, which was connected to the space. What do you do?
tour-security-quiz-lost-phone-a = Nothing, it is locked
tour-security-quiz-lost-phone-a-feedback = A lock is not always enough. Better cut the phone's access to the space.
tour-security-quiz-lost-phone-b = In "Security" → "Devices & sessions", I revoke the phone's row
tour-security-quiz-lost-phone-b-feedback = Yes! The phone loses access to the space, and your other devices keep working. Also change your password if it was saved on the phone.
tour-security-quiz-lost-phone-c = I delete my account
tour-security-quiz-lost-phone-c-feedback = That is far too much! Revoking the phone's row in "Devices & sessions" is enough.

tour-security-what-2fa =
    Two-factor authentication adds a second proof to your password: a 6-digit code that changes every 30 seconds, shown by an app on your phone. Even if someone guesses your password, they don't have the code.

    Two free software apps show these codes: Aegis (Android, from F-Droid or the Play Store) and FreeOTP (Android and iPhone).

tour-security-enable-2fa =
    In "Security", look for the "Two-Factor Authentication" part. Not there? Your space does not offer it: talk to the people who look after the space.

    If it is there:
    tick "Enable TOTP";
    scan the QR code with Aegis or FreeOTP;
    type the 6-digit code shown by the app, then click "Verify";
    click "Generate backup codes" and keep them somewhere safe (printed, for example): they get you in if you lose your phone.

    Before you turn it on: programs that log in with your password (the phone's calendar, Thunderbird…) will need an app password instead.

tour-security-well-done = Well done! Your account is better protected. Never give your password to anyone, not even to the people who look after the space: they don't need it.

tour-security-app-password-field = Here is the "App name" field, in the "Devices & sessions" part. Type a name there that will tell you later what this password is for, for example "Phone".
tour-security-app-password-field-fallback = Open the menu of your avatar at the top right, then "Settings", then "Security" in the left column. Scroll down to "Devices & sessions": the "App name" field and the "Create new app password" button are at the bottom of that part.
