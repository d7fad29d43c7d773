# Texts of passerelle-cli.

cli-doctor-title = Passerelle { $version } — state of this installation
cli-doctor-data-dir = Data folder: { $path }
cli-doctor-database = Database: { $path } (schema { $version }; this version writes schema { $latest })
cli-doctor-locales = Languages found: { $list }
cli-doctor-profiles = { $count ->
    [0] No local profile
    [one] { $count } local profile
   *[other] { $count } local profiles
}
cli-doctor-tours = { $count ->
    [0] No tour found
    [one] { $count } tour found: { $list }
   *[other] { $count } tours found: { $list }
}
cli-doctor-ok = All is well.
cli-error = Error: { $message }
cli-server-found = { $product } { $version } at { $url }
cli-server-ready = Ready: you can connect an account.
cli-server-insecure-http = Warning: unencrypted connection (http). Only use it on a local network, for example during a workshop.
cli-server-untrusted = The certificate of { $url } is not recognised by this computer. SHA-256 fingerprint: { $fingerprint }. Compare it with the one the server's administrator gives you, then run: passerelle-cli server trust { $url } { $fingerprint }
cli-server-trusted = This certificate is now accepted for this server.
cli-account-added = Account added: { $name } on { $url }
cli-account-none = No account for this profile.
cli-account-removed = Account removed; its access was deleted on the server.
cli-account-removed-locally = Account removed from this computer, but the server could not be told: delete the “Passerelle” access in your space's Settings → Security.

## tours new

cli-tours-new-created = Tour “{ $id }” created in { $path }: edit tour.toml and the texts in locales/fr and locales/en, then run tours validate on the pack.
error-tours-new-invalid-id = A tour id may only hold lower-case unaccented letters, digits and dashes (for example “first-steps”).
error-tours-new-exists = This tour already exists in this pack: nothing was written, your work is untouched.
cli-account-password-exchanged = Your login password was exchanged for an app password of Passerelle’s own; it is not kept (it is listed in your space, Settings → Security, and “account remove” revokes it).
