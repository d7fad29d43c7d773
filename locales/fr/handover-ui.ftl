# Écrans de passation (administrateur·ices) : qui part, qui reçoit, accès, choix, plan,
# progression, rapport.

handover-intro = Quand un·e membre quitte l’association, ses fichiers, agendas et contacts ne doivent pas se perdre : confiez-les à un·e autre membre, tout ou partie, et gardez le rapport de ce qui a été fait.
handover-step-count = Étape { $n } sur { $total }
handover-step-who = Qui part, qui reçoit
handover-step-access = Accès
handover-step-what = Ce qui est transmis
handover-step-plan = Ce qui va se passer
handover-step-run = Passation en cours
handover-step-report = Rapport
handover-next = Continuer
handover-back = Retour
handover-none = Aucun.

handover-no-account-title = Connectez d’abord un compte
handover-no-account-body = La passation se fait avec le compte d’un·e administrateur·ice de l’espace. Connectez ce compte, puis revenez ici.
handover-connect-account = Connecter un compte

## Qui part, qui reçoit

handover-who-intro = Choisissez la personne qui part, puis celle qui reçoit ses données. La recherche se fait sur le serveur : tapez un nom, un identifiant ou une adresse e-mail.
handover-source-legend = Membre qui part
handover-target-legend = Membre qui reçoit
handover-source-search = Chercher la personne qui part
handover-target-search = Chercher la personne qui reçoit
handover-search-placeholder = Nom, identifiant ou e-mail
handover-more-members = Afficher plus de membres
handover-members-shown = { $count ->
    [one] 1 membre affiché.
   *[other] { $count } membres affichés.
}
handover-no-member-found = Aucun·e membre ne correspond.
handover-last-login = dernière connexion le { $date }
handover-never-logged-in = jamais connecté·e
handover-quota-used = { $size } utilisés
handover-target-elsewhere = La personne qui reçoit est dans un autre espace (un de vos comptes connectés)
handover-same-member = La personne qui part et celle qui reçoit doivent être différentes.
handover-not-admin-title = Cet écran est réservé aux administrateur·ices
handover-not-admin-body = Seul·es les administrateur·ices (ou administrateur·ices de groupe) de { $space } peuvent voir la liste des membres et transmettre les données de quelqu’un. Demandez à l’un·e d’entre elles ou eux, ou connectez ici leur compte.

## Accès

handover-checking-access = Passerelle regarde ce que le serveur permet…
handover-access-summary = Données de { $from }, transmises à { $to }.
handover-why-nothing-yet = Aucune méthode n’est possible pour l’instant : suivez les indications ci-dessous.
handover-todo-connect-source = Il faut que { $from } autorise Passerelle dans son navigateur (connexion de son compte sur cet ordinateur), par exemple lors d’un dernier rendez-vous.
handover-todo-connect-target = Il faut que { $to } autorise Passerelle dans son navigateur (connexion de son compte sur cet ordinateur).
handover-todo-how = Sur l’écran Comptes, ajoutez un compte sur { $space } : la personne se connecte elle-même dans son navigateur, Passerelle ne voit jamais son mot de passe. Revenez ensuite ici : vos choix sont gardés.
handover-todo-connect = Connecter le compte de { $name }
handover-other-ways = Les autres méthodes, et pourquoi elles ne sont pas utilisées

## Ce qui est transmis

handover-everything = Tout ce qui appartient à { $name }
handover-files-title = Fichiers
handover-files-tree = Fichiers de { $name }
handover-tree-help = Flèches haut et bas pour se déplacer, droite pour ouvrir un dossier, gauche pour le fermer, Espace pour cocher.
handover-no-files = Aucun fichier.
handover-shared = partagé
handover-calendars-title = Agendas
handover-address-books-title = Carnets d’adresses
handover-events-count = { $count ->
    [one] 1 événement
   *[other] { $count } événements
}
handover-contacts-count = { $count ->
    [one] 1 contact
   *[other] { $count } contacts
}
handover-destination-label = Dossier de destination chez la personne qui reçoit (facultatif)
handover-destination-default = Transféré depuis { $name } le …
handover-see-plan = Voir ce qui va se passer

## Plan

handover-planning = Passerelle prépare le plan (rien n’est encore écrit)…
handover-plan-sentence-copy = Passerelle va copier les éléments choisis de { $from } chez { $to }, dans « { $destination } ». Rien n’est changé ni supprimé chez { $from }.
handover-plan-sentence-move = Le serveur va déplacer les éléments choisis de { $from } chez { $to }, dans « { $destination } ». Ils ne seront plus chez { $from }.
handover-plan-files = Fichiers
handover-plan-files-value = { $files ->
    [one] 1 fichier
   *[other] { $files } fichiers
} ({ $size })
handover-plan-calendars = Agendas
handover-plan-calendars-value = { $calendars ->
    [one] 1 agenda
   *[other] { $calendars } agendas
}, { $events ->
    [one] 1 événement ou tâche
   *[other] { $events } événements et tâches
}
handover-plan-contacts = Contacts
handover-plan-contacts-value = { $books ->
    [one] 1 carnet d’adresses
   *[other] { $books } carnets d’adresses
}, { $contacts ->
    [one] 1 contact
   *[other] { $contacts } contacts
}
handover-plan-quota = Place chez la personne qui reçoit
handover-plan-quota-fits = { $needed } nécessaires, { $available } disponibles : ça tient.
handover-plan-quota-too-small = { $needed } nécessaires mais seulement { $available } disponibles : libérez de la place ou demandez plus d’espace avant de commencer.
handover-plan-quota-unknown = { $needed } nécessaires ; le serveur n’indique pas de limite.
handover-plan-duration = Durée estimée
handover-plan-duration-value = environ { $minutes } min
handover-plan-excluded = { $count ->
    [one] 1 élément ne sera pas transmis
   *[other] { $count } éléments ne seront pas transmis
}
handover-plan-cannot-start = La passation ne peut pas commencer ainsi.
handover-start = Commencer la passation

## Progression

handover-starting = Démarrage…
handover-run-intro = Passation de { $from } vers { $to }.
handover-run-safe = Vous pouvez fermer Passerelle : la passation reprendra là où elle en était, sans rien copier deux fois.
handover-progress-overall = Progression de la passation
handover-progress-items = { $done } sur { $total }
handover-progress-line = { $done } éléments sur { $total } ({ $failed } en échec) — { $bytes } sur { $bytesTotal }, { $speed }/s, encore { $eta }
handover-progress-current = En cours : { $item }
handover-group-files = Fichiers
handover-group-calendars = Agendas
handover-group-contacts = Contacts
handover-cancel = Annuler sans rien perdre
handover-finished-announce = La passation est terminée.
handover-running-banner = Une passation est en cours : { $from } → { $to }.
handover-follow = Suivre
handover-interrupted = La passation de { $from } vers { $to } s’est arrêtée avant la fin.
handover-resume = Reprendre la passation

## Rapport

handover-export-html = Enregistrer le rapport (page web)
handover-export-csv = Enregistrer en tableau (CSV)
handover-export-json = Enregistrer en JSON
handover-exported = Rapport enregistré : { $path }
handover-after-title = Et ensuite ?
handover-after-body = Tout a été vérifié chez la personne qui reçoit. Vous pouvez désactiver le compte de { $name } : ses données restent sur le serveur et le compte peut être réactivé.
handover-disable = Désactiver le compte de { $name }…
handover-disable-confirm-title = Désactiver le compte de { $name } ?
handover-disable-confirm-body = { $name } ne pourra plus se connecter. Rien n’est supprimé : un·e administrateur·ice peut réactiver le compte.
handover-disable-confirm = Désactiver le compte
handover-disable-keep = Garder le compte actif
handover-disabled = Le compte de { $name } est désactivé.
handover-new = Nouvelle passation
handover-past = { $count ->
    [one] 1 passation précédente
   *[other] { $count } passations précédentes
}
handover-past-job = { $from } → { $to }, le { $date }
handover-open-report = Voir le rapport

## Erreurs et raisons propres à l’écran

handover-reason-no-recipient = Choisissez la personne qui reçoit.
handover-reason-same-member = La personne qui part et celle qui reçoit doivent être différentes.
handover-reason-unknown-format = Format de rapport inconnu.
error-handover-already-running = Cette passation est déjà en cours.

## Notification du bureau à la fin

handover-notify-title = Passerelle — passation
handover-notify-complete = La passation est terminée : tout a été vérifié chez la personne qui reçoit.
handover-notify-incomplete = La passation s’est arrêtée avec des éléments manquants. Ouvrez Passerelle pour la reprendre.
handover-notify-cancelled = La passation est annulée. Elle peut être reprise plus tard.
handover-notify-failed = La passation s’est arrêtée sur une erreur. Ouvrez Passerelle pour voir quoi faire.

## Compte qui agit

handover-acting-as = Avec le compte de { $name } sur { $space }. Il reste celui de la passation même si vous connectez d’autres comptes en chemin.

## Étape d’accès : compte à reconnecter, méthodes possibles

handover-lost-source = L’accès au compte de { $name } ({ $user } sur { $space }) était gardé seulement jusqu’à la fermeture de Passerelle : Passerelle ne peut plus agir en son nom pour l’instant.
handover-lost-target = L’accès au compte de { $name } ({ $user } sur { $space }) était gardé seulement jusqu’à la fermeture de Passerelle : Passerelle ne peut plus agir en son nom pour l’instant.
handover-lost-other-ways = La passation peut se faire sans ce compte, avec la méthode ci-dessous. Le reconnecter ouvrirait d’autres méthodes.
handover-lost-needed = Aucune méthode ne marche sans ce compte : reconnectez-le (la personne se connecte elle-même dans son navigateur).
handover-reconnect = Reconnecter le compte de { $name }
handover-routes-legend = Méthodes possibles avec les comptes connectés
handover-route-admin-only = Avec votre seul compte d’administration

## Ce qui se règle en reprenant, et ce qui demande quelqu’un

handover-plan-calendars-value-uncounted = { $calendars ->
    [one] 1 agenda
   *[other] { $calendars } agendas
}, nombre d’événements inconnu
handover-plan-contacts-value-uncounted = { $books ->
    [one] 1 carnet d’adresses
   *[other] { $books } carnets d’adresses
}, nombre de contacts inconnu
handover-report-todo = À faire avant de relancer
handover-retry-after-action = C’est fait : relancer la passation
