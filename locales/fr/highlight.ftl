## Visites dans l’espace en ligne (fenêtre de l’espace, surlignage, santé des visites)

highlight-show-me = Me montrer dans mon espace
highlight-show-me-hint = Passerelle ouvre votre espace dans une fenêtre à part et éclaire l’endroit où cliquer. Connectez-vous-y comme d’habitude la première fois.
highlight-no-account = Connectez un compte pour voir cet endroit éclairé dans votre espace.
highlight-shown = Regardez la fenêtre de votre espace : l’endroit est éclairé.
highlight-missed = Passerelle n’a pas trouvé cet endroit sur la page de votre espace. Les mots ci-dessous disent où le trouver.
highlight-clicked = C’est bien cela ! On continue.
highlight-check-waiting = Faites-le dans votre espace : la visite continue dès que Passerelle voit que c’est fait.
highlight-forget = Se déconnecter de l’espace en ligne sur cet ordinateur
highlight-forgotten = Vous êtes déconnecté·e de l’espace en ligne sur cet ordinateur.
# Nom de la bulle affichée dans l’espace. $title : le titre de la visite.
highlight-dialog = Visite « { $title } »
highlight-close = Fermer
highlight-not-found = Je ne trouve pas cet endroit sur cette page. Voici où le chercher :
highlight-click-hint = Cliquez dessus pour continuer.
highlight-check-hint = Faites-le ici : la visite continue dès que Passerelle voit que c’est fait.

## Santé des visites (pour les personnes qui animent les ateliers)

tour-health-title = Santé des visites
tour-health-intro = Les endroits que les visites n’ont pas trouvés dans l’espace en ligne (après une mise à jour de Nextcloud, par exemple). Exportez la liste pour corriger les sélecteurs.
tour-health-empty = Aucun endroit manqué pour l’instant.
tour-health-col-when = Quand
tour-health-col-tour = Visite
tour-health-col-step = Étape
tour-health-col-version = Version de Nextcloud
tour-health-col-tried = Sélecteurs essayés
tour-health-version-unknown = inconnue
tour-health-export-csv = Exporter en CSV
tour-health-export-json = Exporter en JSON
# $path : le fichier écrit.
tour-health-exported = Enregistré dans { $path }
tour-health-clear = Vider la liste
# $count : le nombre de lignes effacées.
tour-health-cleared = { $count ->
        [one] Une ligne effacée.
       *[other] { $count } lignes effacées.
    }
tour-health-link = Santé des visites

## The space window before the step's page (sign-in pages, other pages)

highlight-looking = Passerelle cherche l’endroit dans la fenêtre de votre espace…
highlight-sign-in = Connectez-vous dans la fenêtre de votre espace : l’endroit s’éclairera dès que vous serez connecté·e.
# The small strip over Nextcloud's sign-in pages in the space window (keep it short).
highlight-sign-in-strip = Connectez-vous d’abord : la visite reprend ensuite.
# The strip on a page of the space that is not the step's page.
highlight-elsewhere-strip = Cette étape se passe sur une autre page de votre espace.
highlight-go-there = Y aller
highlight-language-question = Votre compte a sa propre langue sur le serveur : une fois connecté·e, les pages de votre espace ne s’affichent pas en français comme Passerelle.
highlight-language-hint = Cela change la langue de votre compte sur le serveur, pour tous vos appareils. Vous pourrez la changer à nouveau dans les paramètres personnels de votre espace.
highlight-language-apply = Afficher mon espace en français
highlight-language-done = C’est fait : votre espace s’affiche maintenant en français.

## Se déconnecter de l’espace en ligne : à part, loin du bouton principal

highlight-forget-hint = Sur un ordinateur partagé, une fois la visite finie : la fenêtre de l’espace oublie votre connexion.
