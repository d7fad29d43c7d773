# Écrans de l’atelier (mode formation) : préparer, comptes d’entraînement, progression, remise à zéro, vue projecteur

nav-workshop = Atelier
workshop-ui-title = Atelier
workshop-ui-intro = Tout ce qu’il faut pour animer un atelier, même sans connexion : préparer les visites, créer des comptes d’entraînement, suivre la progression du groupe et remettre les ordinateurs à zéro.

## Préparer

workshop-ui-prepare-title = Préparer
workshop-ui-prepare-intro = Choisissez les visites de l’atelier, puis enregistrez-les dans un paquet d’atelier (dossier ou .zip) à copier sur une clé USB et à importer sur chaque ordinateur.
workshop-ui-plans-label = Ateliers déjà préparés
workshop-ui-plans-new = Nouvel atelier
workshop-ui-plan-option = { $name } ({ $count ->
    [one] une visite
   *[other] { $count } visites
})
workshop-ui-plan-name = Nom de l’atelier
workshop-ui-tours-legend = Visites de l’atelier, dans l’ordre
workshop-ui-plan-save = Enregistrer l’atelier
workshop-ui-plan-saved = Atelier « { $name } » enregistré ({ $count ->
    [one] une visite
   *[other] { $count } visites
}).
workshop-ui-projector-open = Vue projecteur
workshop-ui-pack-id = Identifiant du paquet
workshop-ui-pack-id-hint = Lettres minuscules, chiffres et tirets, par exemple atelier-mars.
workshop-ui-pack-dest = Enregistrer le paquet dans
workshop-ui-pack-dest-hint = Un nom qui finit par .zip donne un seul fichier ; sinon un dossier (nouveau ou vide) est créé.
workshop-ui-pack-export = Exporter le paquet d’atelier
workshop-ui-pack-exported = Paquet écrit dans { $path } ({ $count ->
    [one] une visite
   *[other] { $count } visites
}).
workshop-ui-import-title = Importer un paquet d’atelier sur cet ordinateur
workshop-ui-pack-path = Paquet à importer (dossier ou .zip)
workshop-ui-pack-path-hint = Le chemin complet, par exemple celui de la clé USB. Passerelle en garde une copie.
workshop-ui-pack-import = Importer le paquet
workshop-ui-pack-imported = Atelier « { $name } » importé : { $count ->
    [one] sa visite est proposée
   *[other] ses { $count } visites sont proposées
} sur cet ordinateur.
workshop-ui-pack-refused = Paquet refusé, rien n’a été installé. { $count ->
    [one] Un problème à corriger :
   *[other] { $count } problèmes à corriger :
}

## Comptes d’entraînement

workshop-ui-accounts-title = Comptes d’entraînement
workshop-ui-accounts-no-account = Pour créer des comptes, connectez d’abord un compte d’administration (ou d’administration de groupe) de l’espace d’entraînement. La fiche de connexion ci-dessous fonctionne sans.
workshop-ui-accounts-intro = Avec le compte { $account }. Passerelle vérifie d’abord toute la liste : rien n’est créé tant qu’une erreur reste.
workshop-ui-use-csv = Depuis une liste de membres (CSV) plutôt qu’un nombre
workshop-ui-count = Nombre de participant·es
workshop-ui-prefix = Début des identifiants
workshop-ui-group = Groupe
workshop-ui-csv = Liste des membres (CSV)
workshop-ui-csv-hint = Une ligne d’en-tête (nom, et si besoin identifiant, courriel, groupe, quota), puis une personne par ligne ; séparateur virgule, point-virgule ou tabulation.
workshop-ui-csv-file = Ou lire un fichier CSV
workshop-ui-framaspace = L’espace est sur Framaspace (50 comptes au plus)
workshop-ui-email-link = Le serveur envoie à chaque personne un lien pour choisir son mot de passe (courriel obligatoire)
workshop-ui-run-label = Nom de cette création (pour s’y retrouver)
workshop-ui-plan-check = Vérifier la liste
workshop-ui-checking = Vérification auprès de l’espace…
workshop-ui-plan-ok = Tout est prêt : { $count ->
    [one] un compte
   *[other] { $count } comptes
} ({ $logins }), { $groups ->
    [0] aucun groupe à créer
    [one] un groupe à créer
   *[other] { $groups } groupes à créer
}.
workshop-ui-plan-problems = { $count ->
    [one] Une erreur à corriger avant de créer quoi que ce soit :
   *[other] { $count } erreurs à corriger avant de créer quoi que ce soit :
}
workshop-ui-problem-line = Ligne { $line } : { $reason } ({ $value })
workshop-ui-problem-count = Nombre demandé : { $reason } ({ $value })
workshop-ui-create = Créer les comptes
workshop-ui-create-progress = Création des comptes
workshop-ui-creating = Création : { $done } sur { $total }…
workshop-ui-created = { $count ->
    [one] Compte créé.
   *[other] { $count } comptes créés.
}
workshop-ui-create-failed = La création s’est arrêtée ; les comptes déjà créés ont été supprimés.

## Fiche de connexion

workshop-ui-sheet-title = Fiche de connexion à imprimer
workshop-ui-sheet-intro = Une carte par personne avec l’adresse, l’identifiant, le mot de passe et un code QR pour les applications Nextcloud. Elle contient des mots de passe : elle n’est écrite que si vous l’enregistrez.
workshop-ui-sheet-server = Adresse de l’espace
workshop-ui-sheet-name = Titre de la fiche (par défaut : l’adresse)
workshop-ui-sheet-list = Comptes créés ailleurs (facultatif)
workshop-ui-sheet-list-hint = Une ligne par compte : nom, identifiant, mot de passe.
workshop-ui-sheet-make = Préparer la fiche
workshop-ui-sheet-list-line = La ligne { $line } n’a pas la forme nom, identifiant, mot de passe.
workshop-ui-sheet-ready = Fiche prête : { $count ->
    [one] une carte
   *[other] { $count } cartes
}.
workshop-ui-sheet-preview = Aperçu de la fiche de connexion
workshop-ui-sheet-path = Enregistrer la fiche dans
workshop-ui-sheet-path-hint = Un fichier HTML, ouvert ensuite dans le navigateur pour l’imprimer. Supprimez-le après l’atelier.
workshop-ui-sheet-save = Enregistrer et ouvrir pour imprimer
workshop-ui-sheet-saved = Fiche enregistrée dans { $path } ({ $count ->
    [one] une carte
   *[other] { $count } cartes
}).
workshop-ui-sheet-empty = Préparez d’abord la fiche.

## Nettoyage après l’atelier

workshop-ui-cleanup-title = Après l’atelier
workshop-ui-cleanup-intro = Désactivez ou supprimez exactement les comptes que Passerelle a créés sur cet espace, et rien d’autre.
workshop-ui-cleanup-show = Voir les comptes d’entraînement
workshop-ui-cleanup-none = Aucun compte d’entraînement à nettoyer sur cet espace.
workshop-ui-practice-account = { $login } — { $name } ({ $state ->
    [disabled] désactivé
    [deleted] supprimé
   *[created] actif
})
workshop-ui-cleanup-disable = Désactiver ces comptes
workshop-ui-cleanup-delete = Supprimer ces comptes et leurs données
workshop-ui-disable-title = Désactiver { $count ->
    [one] ce compte
   *[other] ces { $count } comptes
} ?
workshop-ui-delete-title = Supprimer { $count ->
    [one] ce compte et ses données
   *[other] ces { $count } comptes et leurs données
} ?
workshop-ui-cleanup-body = Comptes concernés : { $logins }.
workshop-ui-disable-confirm = Désactiver
workshop-ui-delete-confirm = Supprimer définitivement
workshop-ui-cleanup-done = Fait pour { $done }, déjà absents : { $gone }, échecs : { $failed }.

## Progression

workshop-ui-progress-title = La progression d’un coup d’œil
workshop-ui-progress-intro = Sur chaque ordinateur, « Exporter ma progression » (dans Paramètres) écrit un petit fichier. Rassemblez-les (clé USB) et importez-les ici : rien ne passe par internet.
workshop-ui-progress-files = Fichiers de progression à importer
workshop-ui-progress-files-hint = Un chemin complet par ligne.
workshop-ui-progress-import = Importer et fusionner
workshop-ui-progress-imported = { $files ->
    [one] Un fichier importé
   *[other] { $files } fichiers importés
} : { $participants ->
    [one] une personne
   *[other] { $participants } personnes
}, { $updated ->
    [one] une étape mise à jour
   *[other] { $updated } étapes mises à jour
}.
workshop-ui-progress-empty = Aucune progression importée pour l’instant.
workshop-ui-table-label = Progression par personne, visite et étape
workshop-ui-col-participant = Personne
workshop-ui-col-step = { $n }. { $step }
workshop-ui-col-summary = En bref
workshop-ui-row-summary = fait : { $done }, passé : { $skipped }, en difficulté : { $struggling }
workshop-ui-progress-csv-path = Enregistrer le tableau (CSV) dans
workshop-ui-progress-csv = Exporter en CSV
workshop-ui-progress-csv-written = Tableau écrit dans { $path } ({ $count ->
    [one] une ligne
   *[other] { $count } lignes
}).
workshop-ui-progress-clear = Vider le tableau
workshop-ui-progress-clear-title = Vider le tableau de progression ?
workshop-ui-progress-clear-body = Les progressions importées sont oubliées ; les fichiers restent où ils sont.
workshop-ui-progress-cleared = Tableau vidé.

## Exporter ma progression (Paramètres)

workshop-ui-export-title = Exporter ma progression
workshop-ui-export-intro = Pour la personne qui anime l’atelier : un petit fichier avec la progression des profils de cet ordinateur dans les visites. Il ne contient ni mot de passe ni fichier.
workshop-ui-export-laptop = Nom de cet ordinateur (affiché dans le tableau)
workshop-ui-export-path = Enregistrer dans
workshop-ui-export-button = Exporter ma progression
workshop-ui-export-done = Progression enregistrée dans { $path } ({ $count ->
    [one] une personne
   *[other] { $count } personnes
}).

## Remise à zéro

workshop-ui-reset-section = Remettre cet ordinateur à zéro
workshop-ui-reset-intro = Pour la personne suivante : supprime en une fois tous les profils, leurs comptes, mots de passe enregistrés, sessions web et progression. Les réglages de l’ordinateur et les paquets d’atelier restent.
workshop-ui-reset = Remettre à zéro…
workshop-ui-reset-title = Remettre cet ordinateur à zéro ?
workshop-ui-reset-body = { $count ->
    [0] Aucun profil sur cet ordinateur ; les sessions web et mots de passe restants seront effacés.
    [one] Le profil { $names } sera supprimé, avec ses comptes, mots de passe, sessions web et progression.
   *[other] Ces { $count } profils seront supprimés, avec leurs comptes, mots de passe, sessions web et progression : { $names }.
}
workshop-ui-reset-confirm = Tout supprimer
workshop-ui-reset-done = Ordinateur remis à zéro : { $profiles ->
    [one] un profil
   *[other] { $profiles } profils
}, { $accounts ->
    [one] un compte
   *[other] { $accounts } comptes
}, { $secrets ->
    [one] un mot de passe
   *[other] { $secrets } mots de passe
} et { $web ->
    [one] un élément de session web
   *[other] { $web } éléments de session web
} supprimés.
workshop-ui-reset-secret-failures = { $count ->
    [one] Un mot de passe n’a pas pu être retiré du trousseau : retirez-le à la main.
   *[other] { $count } mots de passe n’ont pas pu être retirés du trousseau : retirez-les à la main.
}
workshop-ui-reset-continue = Accueillir la personne suivante

## Vue projecteur

workshop-ui-projector-title = Vue projecteur
workshop-ui-projector-tour = Visite affichée
workshop-ui-projector-leave = Quitter (Échap)
workshop-ui-projector-counter = Étape { $n } sur { $total }
workshop-ui-projector-keys = Flèches ou Espace : étape suivante ou précédente · Début et Fin : première et dernière · Échap : quitter
