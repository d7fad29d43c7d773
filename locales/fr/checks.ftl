# Ce que la vérification d’une tâche n’a pas encore trouvé, affiché sous la tâche. Chaque type
# de vérification `<type>` a `check-<type>-missing`. Tous les arguments sont du texte.

# $name : le nom du fichier demandé ; $folder : le dossier où il a été cherché (« / » pour la
# racine) ; $place : root (la racine de vos Fichiers) ou folder ; $reason : none, too-small ou
# not-new (il était déjà là, inchangé, au début de l’étape) ; $min_size : la taille minimale, en octets.
check-file-exists-missing = { $reason ->
    [too-small] Le fichier « { $name } » est là, mais plus petit que prévu (au moins { $min_size } octets). Vérifiez que c’est le bon fichier.
    [not-new] « { $name } » est là, mais n’a pas changé depuis le début de cette étape. Ajoutez ou enregistrez à nouveau le fichier, puis vérifiez.
   *[none] { $place ->
        [root] Pas encore de fichier « { $name } » dans vos Fichiers.
       *[folder] Pas encore de fichier « { $name } » dans le dossier « { $folder } ».
    }
}
# N’importe quel fichier (name = "*") : mêmes arguments, sans $name.
check-file-exists-missing-any = { $reason ->
    [too-small] { $place ->
        [root] Les fichiers de vos Fichiers sont plus petits que prévu (au moins { $min_size } octets). Ajoutez un fichier plus grand, puis vérifiez.
       *[folder] Les fichiers du dossier « { $folder } » sont plus petits que prévu (au moins { $min_size } octets). Ajoutez un fichier plus grand, puis vérifiez.
    }
    [not-new] { $place ->
        [root] Pas encore de nouveau fichier dans vos Fichiers : ceux qui s’y trouvent y étaient déjà au début de cette étape. Ajoutez un fichier, puis vérifiez.
       *[folder] Pas encore de nouveau fichier dans le dossier « { $folder } » : ceux qui s’y trouvent y étaient déjà au début de cette étape. Ajoutez un fichier, puis vérifiez.
    }
   *[none] { $place ->
        [root] Pas encore de fichier dans vos Fichiers.
       *[folder] Pas encore de fichier dans le dossier « { $folder } ».
    }
}
# Un modèle de nom (name = "*.pdf") : mêmes arguments ; $name est le modèle.
check-file-exists-missing-pattern = { $reason ->
    [too-small] Les fichiers correspondant à « { $name } » sont plus petits que prévu (au moins { $min_size } octets). Vérifiez que c’est le bon fichier.
    [not-new] { $place ->
        [root] Pas encore de nouveau fichier correspondant à « { $name } » dans vos Fichiers : ceux qui s’y trouvent y étaient déjà au début de cette étape. Ajoutez-en un, puis vérifiez.
       *[folder] Pas encore de nouveau fichier correspondant à « { $name } » dans le dossier « { $folder } » : ceux qui s’y trouvent y étaient déjà au début de cette étape. Ajoutez-en un, puis vérifiez.
    }
   *[none] { $place ->
        [root] Aucun fichier correspondant à « { $name } » dans vos Fichiers pour l’instant.
       *[folder] Aucun fichier correspondant à « { $name } » dans le dossier « { $folder } » pour l’instant.
    }
}
# $path : le dossier.
check-folder-exists-missing = Pas encore de dossier « { $path } » dans vos Fichiers.
# $name : le fichier ; $from : où il était ; $to : où il doit aller (« / » pour la racine) ;
# $from_place, $to_place : root (la racine de vos Fichiers) ou folder ; $reason : none (rien
# dans $to), still-there (encore dans $from : copié plutôt que déplacé) ou not-from (il n’était
# pas dans $from au début de l’étape).
check-file-moved-missing = { $reason ->
    [still-there] { $from_place ->
        [root] « { $name } » est aussi encore directement dans vos Fichiers : vous l’avez sans doute copié au lieu de le déplacer. Déplacez-le plutôt (« Déplacer ou copier », puis « Déplacer vers … »).
       *[folder] « { $name } » est aussi encore dans « { $from } » : vous l’avez sans doute copié au lieu de le déplacer. Déplacez-le plutôt (« Déplacer ou copier », puis « Déplacer vers … »).
    }
    [not-from] { $from_place ->
        [root] « { $name } » ne se trouvait pas directement dans vos Fichiers au début de cette étape : déplacez le fichier qui s’y trouvait.
       *[folder] « { $name } » ne se trouvait pas dans « { $from } » au début de cette étape : déplacez le fichier qui s’y trouvait.
    }
   *[none] { $to_place ->
        [root] « { $name } » n’est pas encore directement dans vos Fichiers.
       *[folder] « { $name } » n’est pas encore dans « { $to } ».
    }
}
# N’importe quel fichier (name = "*") : mêmes arguments, sans $name.
check-file-moved-missing-any = { $reason ->
    [still-there] { $from_place ->
        [root] Le fichier est aussi encore directement dans vos Fichiers : vous l’avez sans doute copié au lieu de le déplacer. Déplacez-le plutôt (« Déplacer ou copier », puis « Déplacer vers … »).
       *[folder] Le fichier est aussi encore dans « { $from } » : vous l’avez sans doute copié au lieu de le déplacer. Déplacez-le plutôt (« Déplacer ou copier », puis « Déplacer vers … »).
    }
    [not-from] { $from_place ->
        [root] Ce fichier ne se trouvait pas directement dans vos Fichiers au début de cette étape : déplacez un fichier qui s’y trouvait.
       *[folder] Ce fichier ne se trouvait pas dans « { $from } » au début de cette étape : déplacez un fichier qui s’y trouvait.
    }
   *[none] { $to_place ->
        [root] Pas encore de fichier déplacé directement dans vos Fichiers.
       *[folder] Pas encore de fichier déplacé dans « { $to } ».
    }
}
# Un modèle de nom (name = "*.pdf") : mêmes arguments ; $name est le modèle.
check-file-moved-missing-pattern = { $reason ->
    [still-there] { $from_place ->
        [root] Le fichier correspondant à « { $name } » est aussi encore directement dans vos Fichiers : vous l’avez sans doute copié au lieu de le déplacer. Déplacez-le plutôt (« Déplacer ou copier », puis « Déplacer vers … »).
       *[folder] Le fichier correspondant à « { $name } » est aussi encore dans « { $from } » : vous l’avez sans doute copié au lieu de le déplacer. Déplacez-le plutôt (« Déplacer ou copier », puis « Déplacer vers … »).
    }
    [not-from] { $from_place ->
        [root] Ce fichier correspondant à « { $name } » ne se trouvait pas directement dans vos Fichiers au début de cette étape : déplacez un fichier qui s’y trouvait.
       *[folder] Ce fichier correspondant à « { $name } » ne se trouvait pas dans « { $from } » au début de cette étape : déplacez un fichier qui s’y trouvait.
    }
   *[none] { $to_place ->
        [root] Aucun fichier correspondant à « { $name } » n’a encore été déplacé directement dans vos Fichiers.
       *[folder] Aucun fichier correspondant à « { $name } » n’a encore été déplacé dans « { $to } ».
    }
}
# $path : ce qui doit être partagé ; $to : user, group, link ou any ; $reason : none, wrong-type, no-password ou no-expiry.
check-share-exists-missing = { $reason ->
    [wrong-type] « { $path } » est partagé, mais pas comme le demande cette étape. { $to ->
        [user] Partagez-le avec une personne.
        [group] Partagez-le avec un groupe.
        [link] Créez un lien de partage.
       *[other] Partagez-le.
    }
    [no-password] Le lien de partage de « { $path } » n’a pas encore de mot de passe. Ajoutez-en un dans les réglages du partage.
    [no-expiry] Le partage de « { $path } » n’a pas encore de date d’expiration. Choisissez-en une dans les réglages du partage.
   *[none] « { $path } » n’est pas encore partagé.
}
# $filter : any ou named ; $name : le nom de l’agenda.
check-calendar-exists-missing = { $filter ->
    [any] Pas encore de nouvel agenda dans votre Agenda.
   *[other] Pas encore d’agenda nommé « { $name } » dans votre Agenda.
}
# $filter : any ou named ; $days : combien de jours à venir ; $summary : une partie du titre.
check-event-exists-missing = { $filter ->
    [any] Pas encore d’événement dans vos agendas dans les { $days } prochains jours.
   *[other] Pas encore d’événement avec « { $summary } » dans son titre dans les { $days } prochains jours.
}
# $days : combien de jours à venir.
check-event-has-attendee-missing = Aucun de vos événements des { $days } prochains jours n’a encore d’invité. Ouvrez un événement et ajoutez quelqu’un dans « Participants ».
check-calendar-shared-missing = Aucun de vos agendas n’est encore partagé.
# $filter : any ou named ; $name : une partie du nom du contact.
check-contact-exists-missing = { $filter ->
    [any] Pas encore de contact dans vos carnets d’adresses.
   *[other] Pas encore de contact avec « { $name } » dans son nom.
}
check-addressbook-shared-missing = Aucun de vos carnets d’adresses n’est encore partagé.
check-app-password-valid-missing = Ce mot de passe d’application ne fonctionne pas. Copiez-le à nouveau depuis votre espace (Paramètres → Sécurité) et collez-le en entier.
# $bytes : le seuil ; $used : les octets utilisés maintenant.
check-quota-used-above-missing = Votre espace contient { $used } octets pour l’instant ; cette étape en demande plus de { $bytes }. Ajoutez quelques fichiers, puis vérifiez.
