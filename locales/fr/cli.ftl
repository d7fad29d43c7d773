# Textes de passerelle-cli.

cli-doctor-title = Passerelle { $version } — état de cette installation
cli-doctor-data-dir = Dossier de données : { $path }
cli-doctor-database = Base de données : { $path } (schéma { $version } ; cette version écrit le schéma { $latest })
cli-doctor-locales = Langues trouvées : { $list }
cli-doctor-profiles = { $count ->
    [0] Aucun profil local
    [one] { $count } profil local
   *[other] { $count } profils locaux
}
cli-doctor-tours = { $count ->
    [0] Aucun parcours trouvé
    [one] { $count } parcours trouvé : { $list }
   *[other] { $count } parcours trouvés : { $list }
}
cli-doctor-ok = Tout va bien.
cli-error = Erreur : { $message }
