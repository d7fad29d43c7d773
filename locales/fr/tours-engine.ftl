# Messages du moteur de parcours, quel que soit l’endroit où ils s’affichent (application ou ligne de commande).

## Pourquoi un parcours n’est pas proposé sur un espace (TourSummary.unavailableReason)
tour-unavailable-app = Ce parcours a besoin d’une application que votre espace ne propose pas. Les personnes qui gèrent votre espace peuvent l’activer.
tour-unavailable-version = Ce parcours a été écrit pour une autre version de Nextcloud que celle de votre espace.
tour-unavailable-admin = Ce parcours est destiné aux administrateurs et administratrices de votre espace.

## Vérifications
tour-check-offline = Votre espace n’est pas joignable pour le moment. La vérification se fera quand il sera de retour.
# $evidence : ce qui a été trouvé, par exemple « /Bureau ».
tour-check-done = C’est fait : { $evidence }

## États
tour-status-new = pas commencé
tour-status-in-progress = en cours
tour-status-done = terminé
tour-step-state-seen = vue
tour-step-state-done = faite
tour-step-state-skipped = passée
tour-step-state-none = pas encore atteinte

## passerelle-cli tours
# $count : nombre de parcours vérifiés.
cli-tours-valid = { $count ->
    [one] Un parcours vérifié : aucun problème.
   *[other] { $count } parcours vérifiés : aucun problème.
}
# $count : nombre de problèmes.
cli-tours-problems = { $count ->
    [one] Un problème trouvé.
   *[other] { $count } problèmes trouvés.
}
cli-tours-none = Aucun parcours.
cli-tours-source-bundled = intégré
cli-tours-source-pack = pack
# $minutes : durée estimée.
cli-tours-minutes = { $minutes } min
# $reason : pourquoi (une phrase).
cli-tours-unavailable = non proposé ici : { $reason }
cli-tours-hidden = masqué par la personne
# $name : le nom de profil introuvable.
cli-tours-no-profile = Aucun profil nommé « { $name } » sur cet ordinateur.
