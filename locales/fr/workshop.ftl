# Ateliers (mode formateur·ice) : comptes d’entraînement, feuille de connexion, paquets
# d’atelier, progression des participant·es, remise à zéro d’un ordinateur partagé.

## Feuille de connexion imprimable. Variables : $space = nom ou adresse de l’espace.

workshop-sheet-title = Comptes de l’atelier — { $space }
workshop-sheet-intro = Découpez une carte par personne. Gardez cette feuille pour vous : les mots de passe y sont écrits en clair. Après l’atelier, les comptes d’entraînement seront désactivés ou supprimés.
workshop-sheet-address = Adresse de l’espace
workshop-sheet-login = Identifiant
workshop-sheet-password = Mot de passe
workshop-sheet-scan = Ou scannez ce code avec l’application Nextcloud.
workshop-participant-name = Participant·e

## Erreurs ligne par ligne dans la liste des membres

workshop-reason-encoding = le fichier n’est pas en UTF-8 : enregistrez-le en « CSV UTF-8 » depuis votre tableur
workshop-reason-empty = la liste ne contient aucun membre
workshop-reason-too-big = le fichier est trop gros (1 Mo au plus)
workshop-reason-unknown-column = colonne inconnue : utilisez nom, identifiant, courriel, groupe, quota
workshop-reason-missing-name-column = il manque la colonne « nom » sur la première ligne
workshop-reason-too-many-fields = cette ligne a plus de cases que l’en-tête (un séparateur en trop ?)
workshop-reason-mixed-separators = les cases de cette ligne sont séparées par un autre caractère que celles de la première ligne (par exemple « ; » sous un en-tête séparé par « , ») : utilisez le même séparateur sur toutes les lignes
workshop-reason-empty-name = le nom est vide
workshop-reason-invalid-email = l’adresse e-mail n’est pas valable
workshop-reason-bad-id-characters = l’identifiant ne peut contenir que des lettres sans accent, des chiffres et _ . @ -
workshop-reason-id-too-long = l’identifiant est trop long (64 caractères au plus)
workshop-reason-duplicate-in-file = cet identifiant est déjà à la ligne { $other }
workshop-reason-exists-on-server = un compte avec cet identifiant existe déjà dans l’espace
workshop-reason-bad-group = ce nom de groupe ne peut pas être utilisé
workshop-reason-invalid-quota = quota non compris : écrivez par exemple 1 Go, 500 Mo ou illimité
workshop-reason-too-many-accounts = l’espace dépasserait sa limite de comptes
workshop-reason-email-required = il faut une adresse e-mail : le serveur y envoie le lien pour choisir son mot de passe
workshop-reason-group-required = en tant qu’admin de groupe, mettez chaque compte dans un de vos groupes (colonne groupe ou --group)
workshop-reason-group-not-allowed = vous n’administrez pas ce groupe : choisissez un des vôtres

## Ligne de commande

workshop-plan-line = Ligne { $line } : { $reason } ({ $value })
workshop-plan-count-line = Nombre demandé : { $reason } ({ $value })
workshop-plan-problems = { $count ->
    [one] Une erreur : aucun compte ne sera créé.
   *[other] { $count } erreurs : aucun compte ne sera créé.
}
workshop-plan-ok = La liste est correcte. Comptes à créer : { $accounts } ; groupes à créer : { $groups } ; comptes déjà dans l’espace : { $existing }.
workshop-created = Comptes créés : { $count }. Feuille de connexion : { $path }
workshop-accounts-none = Aucun compte d’entraînement n’est enregistré.
workshop-cleanup-list = { $action ->
    [delete] Ces comptes d’entraînement ({ $count }) et toutes leurs données seront supprimés :
   *[disable] Ces comptes d’entraînement ({ $count }) seront désactivés :
}
workshop-confirm-hint = Rien n’a été changé. Relancez avec --yes pour confirmer.
error-workshop-no-app-password = Il faut le mot de passe d’application de la personne qui administre l’espace : dans la variable PASSERELLE_APP_PASSWORD, ou sur l’entrée standard (jamais sur la ligne de commande).
error-workshop-sheet-csv = Le fichier doit avoir une ligne d’en-tête puis, sur chaque ligne, nom, identifiant et mot de passe (la ligne en cause est indiquée).
workshop-cleanup-done = Terminé : { $done } traités, { $gone } déjà absents, { $failed } en échec.
workshop-sheet-written = Feuille de connexion écrite : { $path } (cartes : { $count }).
workshop-pack-exported = Paquet d’atelier écrit : { $path } (parcours : { $tours }, fichiers : { $files }).
workshop-pack-imported = Atelier « { $name } » importé (parcours : { $tours }). Copie gardée dans { $path }.
workshop-pack-watching = Surveillance de { $path } : modifiez et enregistrez, le paquet est revérifié aussitôt. Ctrl+C pour arrêter.
workshop-pack-watch-ok = ✓ Atelier « { $name } » correct (parcours : { $tours }).
workshop-plans-none = Aucun programme d’atelier enregistré : exportez ou importez un paquet d’atelier.
workshop-progress-exported = Progression écrite dans { $path } (participant·es : { $count }).
workshop-progress-imported = { $file } : participant·es { $participants }, étapes mises à jour { $updated }.
workshop-progress-empty = Aucune progression importée pour l’instant.
workshop-state-done = fait
workshop-state-skipped = passé
workshop-state-struggling = en difficulté
workshop-state-seen = vu
workshop-reset-list = Seront supprimés de cet ordinateur tous les profils ({ $count } : { $names }), avec leurs comptes, mots de passe, sessions web et progression.
workshop-reset-done = Ordinateur remis à zéro. Supprimés : profils { $profiles }, comptes { $accounts }, mots de passe { $secrets }, lignes de la base { $rows }, éléments de session web { $web }.
