# Ce que la vérification d’une tâche n’a pas encore trouvé, affiché sous la tâche. Chaque type
# de vérification `<type>` a `check-<type>-missing`. Tous les arguments sont du texte.

# $name : un chemin ou un modèle de nom comme « *.pdf » ; $folder : où il a été cherché ;
# $reason : none, too-small ou not-new ; $min_size : la taille minimale, en octets.
check-file-exists-missing = { $reason ->
    [too-small] Le fichier « { $name } » est là, mais plus petit que prévu (au moins { $min_size } octets). Vérifiez que c’est le bon fichier.
    [not-new] « { $name } » est là, mais n’a pas changé depuis le début de cette étape. Ajoutez ou enregistrez à nouveau le fichier, puis vérifiez.
   *[none] Pas encore de fichier « { $name } » dans « { $folder } » de vos Fichiers.
}
# $path : le dossier.
check-folder-exists-missing = Pas encore de dossier « { $path } » dans vos Fichiers.
# $name : le fichier ; $from : où il était ; $to : où il doit aller.
check-file-moved-missing = « { $name } » n’est pas encore dans « { $to } », ou se trouve encore dans « { $from } ».
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
