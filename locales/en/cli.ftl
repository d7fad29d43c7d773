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
