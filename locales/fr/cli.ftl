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
cli-server-found = { $product } { $version } à l’adresse { $url }
cli-server-ready = Prêt : vous pouvez connecter un compte.
cli-server-insecure-http = Attention : connexion non chiffrée (http). À n’utiliser que sur un réseau local, par exemple pendant un atelier.
cli-server-untrusted = Le certificat de { $url } n’est pas reconnu par cet ordinateur. Empreinte SHA-256 : { $fingerprint }. Comparez-la avec celle que vous donne la personne qui gère le serveur, puis lancez : passerelle-cli server trust { $url } { $fingerprint }
cli-server-trusted = Ce certificat est désormais accepté pour ce serveur.
cli-account-added = Compte ajouté : { $name } sur { $url }
cli-account-none = Aucun compte pour ce profil.
cli-account-removed = Compte retiré ; son accès a été supprimé sur le serveur.
cli-account-removed-locally = Compte retiré de cet ordinateur, mais le serveur n’a pas pu être prévenu : supprimez l’accès « Passerelle » dans Paramètres → Sécurité de votre espace.

## tours new

cli-tours-new-created = Parcours « { $id } » créé dans { $path } : modifiez tour.toml et les textes de locales/fr et locales/en, puis lancez tours validate sur le paquet.
error-tours-new-invalid-id = L’identifiant d’un parcours ne peut contenir que des lettres minuscules sans accent, des chiffres et des tirets (par exemple « premiers-pas »).
error-tours-new-exists = Ce parcours existe déjà dans ce paquet : rien n’a été écrit, votre travail est intact.
cli-account-password-exchanged = Votre mot de passe de connexion a été échangé contre un mot de passe d’application propre à Passerelle ; il n’est pas conservé (il apparaît dans votre espace, Paramètres → Sécurité, et sera révoqué par « account remove »).
