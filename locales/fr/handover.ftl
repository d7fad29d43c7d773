# Passation : transmettre les fichiers, agendas et contacts d’un membre qui part à un autre membre.

# Dossier de destination par défaut, comme les transferts de Nextcloud. $name : le membre qui
# part ; $date : AAAA-MM-JJ.
handover-destination-folder = Transféré depuis { $name } le { $date }

## Méthodes

handover-strategy-ownership-transfer = Application serveur OwnershipTransfer
handover-strategy-share-copy = Copie sur le serveur via un partage
handover-strategy-native-transfer = Transfert intégré à Nextcloud
handover-strategy-streamed-copy = Copie par Passerelle

handover-why-copy-two-sessions = Passerelle est connecté aux deux comptes sur ce serveur : il copie tout en passant par cet ordinateur, sans rien changer aux données du membre qui part.
handover-why-copy-two-servers = Les deux membres sont sur des serveurs différents : Passerelle copie tout de l’un à l’autre en passant par cet ordinateur, sans rien changer aux données du membre qui part.
handover-why-copy-needs-sessions = Pour copier, Passerelle doit être connecté aux comptes des deux membres.
handover-why-not-implemented = Pas encore disponible dans cette version de Passerelle.

## Remarques affichées avec un plan ou un rapport

handover-note-copies-data = Les données sont copiées : les fichiers, agendas et contacts du membre qui part restent tels quels jusqu’à la suppression de son compte.
handover-note-moves-data = Les données sont déplacées, comme le fait Nextcloud : elles ne seront plus dans le compte du membre qui part.
handover-note-creation-limit = Le serveur de destination limite le nombre d’agendas et de carnets d’adresses créés par heure. S’il fait attendre Passerelle, reprenez la passation plus tard : rien n’est perdu.
handover-note-no-calendar = L’un des deux serveurs n’a pas d’agendas : les agendas ne sont pas transmis.
handover-note-no-address-book = L’un des deux serveurs n’a pas de carnets d’adresses : les contacts ne sont pas transmis.
handover-note-mtime-not-kept = Le serveur de destination n’a pas gardé les dates de modification des fichiers : ils portent la date de la copie.
handover-note-collections-copied = Cette façon de transmettre ne prend que les fichiers : les agendas et les carnets d’adresses sont copiés par cet ordinateur, et le membre qui part garde les siens.

## Pourquoi un élément n’est pas transmis, ou a échoué

handover-reason-shared-with-member = Partagé avec le membre qui part par quelqu’un d’autre : il reste chez son propriétaire.
handover-reason-group-folder = Dans un dossier de groupe : il appartient au groupe, pas au membre.
handover-reason-external-storage = Sur un stockage externe : il n’est pas gardé dans cet espace.
handover-reason-other-storage = Sur un stockage qui n’est pas celui du membre.
handover-reason-encrypted = Chiffré de bout en bout : le serveur ne le garde que brouillé. Le membre doit le déplacer depuis un de ses propres appareils.
handover-reason-locked = Verrouillé (en cours de modification, ou verrouillé par quelqu’un) : le serveur ne peut pas le déplacer maintenant. Déverrouillez-le dans Nextcloud, puis reprenez.
handover-reason-birthday-calendar = L’agenda automatique des anniversaires : Nextcloud le refait à partir des contacts.
handover-reason-system-collection = Géré par le serveur (par exemple la liste des membres de l’espace).
handover-reason-app-generated = Fait et tenu à jour par une application du serveur (par exemple « Contactés récemment ») : il est en lecture seule, et l’application le refait pour la personne qui reçoit.
handover-reason-duplicate-name = Deux noms qui ne diffèrent que par la façon d’écrire les accents : seul le premier est transmis.
handover-reason-duplicate-uid = Deux éléments avec le même identifiant : seul le premier est transmis.
handover-reason-unsafe-name = Ce nom ou cette adresse sortirait de la destination : il a été refusé.
handover-reason-exists-at-destination = Un élément de ce nom existe déjà à la destination : il a été laissé tel quel.
handover-reason-collection-renamed = Un agenda ou carnet d’adresses avec cette adresse existe déjà à la destination : celui-ci reçoit une autre adresse.
handover-reason-destination-renamed = Un dossier de ce nom existe déjà à la destination : les fichiers vont dans un nouveau dossier.
handover-reason-parent-failed = Son dossier, son agenda ou son carnet d’adresses n’a pas pu être créé.
handover-reason-missing-at-destination = Introuvable à la destination.
handover-reason-size-mismatch = Sa taille à la destination diffère de ce qui a été copié.
handover-reason-checksum-mismatch = Son contenu à la destination diffère de ce qui a été copié.
handover-reason-changed-during-copy = Il a changé pendant sa copie.
handover-reason-throttled-long = Le serveur demande d’attendre longtemps avant de continuer. Reprenez la passation plus tard.
handover-reason-cancelled = La passation a été annulée avant cet élément.
handover-reason-name-windows-characters = Son nom contient un caractère refusé par Windows (< > : " \ | ? *).
handover-reason-name-windows-reserved = Son nom est réservé sous Windows (CON, PRN, AUX, NUL, COM1…, LPT1…).
handover-reason-name-trailing-dot-or-space = Son nom finit par un point ou une espace, ce que Windows refuse.
handover-reason-name-too-long = Son nom est plus long que ce qu’acceptent la plupart des systèmes (255 octets).
handover-reason-path-too-long = Son chemin est plus long que ce qu’acceptent certains programmes Windows.
handover-reason-name-control-characters = Son nom contient des caractères de contrôle invisibles.

## États et types

handover-job-planned = Prévue, pas commencée.
handover-job-running = En cours (ou interrompue : reprenez-la).
handover-job-cancelled = Annulée. Reprenez-la pour la terminer.
handover-job-incomplete = Incomplète : des éléments manquent. Reprenez-la pour la terminer.
handover-job-verified = Terminée : tout a été retrouvé à la destination.

handover-item-planned = À faire
handover-item-copied = Copié
handover-item-verified = Vérifié
handover-item-failed = Échec
handover-item-skipped = Non transmis

handover-kind-folder = Dossier
handover-kind-file = Fichier
handover-kind-calendar = Agenda
handover-kind-calendar-object = Événement ou tâche
handover-kind-address-book = Carnet d’adresses
handover-kind-contact = Contact

## Rapport (page HTML)

# « de » + prénom demanderait une élision (« d’Alice ») : formulé sans.
handover-report-title = Passation des données — { $name }
handover-report-complete = Terminée : tout ce qui devait être transmis est à la destination.
handover-report-incomplete = Incomplète : des éléments manquent à la destination. Reprenez la passation.
handover-report-from = De
handover-report-to = À
handover-report-destination = Dossier de destination
handover-report-strategy = Méthode
handover-report-state = État
handover-report-created = Prévue le
handover-report-finished = Dernier passage terminé le
handover-report-duration = Durée
handover-report-runs = passages
handover-report-bytes = Données copiées
handover-report-totals = Totaux
handover-report-kind = Type
handover-report-verification = Vérification, côte à côte
handover-report-verify-quick = tailles et listes comparées
handover-report-verify-deep = contenus téléchargés à nouveau et comparés
handover-report-source = Membre qui part
handover-report-target = Destinataire
handover-report-source-count = Éléments prévus
handover-report-target-count = Éléments trouvés
handover-report-source-bytes = Taille prévue
handover-report-target-bytes = Taille trouvée
handover-report-hashes = Contenus comparés
handover-report-mismatches = Manquants ou différents
handover-report-not-handed-over = Non transmis ou en échec
handover-report-reason = Pourquoi
handover-report-name-warnings = Noms que d’autres systèmes peuvent refuser
handover-report-name-warnings-help = Ces noms ont été gardés tels quels. Ils peuvent poser problème sous Windows ou sur une clé USB.
handover-report-items = Tous les éléments
handover-report-size = Taille
handover-report-generated = Rapport établi le

## Ligne de commande (passerelle-cli transfer)

cli-transfer-plan-title = Passation : { $from } → { $to }
cli-transfer-plan-files = { $files } fichiers dans { $folders } dossiers ({ $size }) → { $destination }
cli-transfer-plan-calendar = Agenda « { $name } » : { $count } événements et tâches → « { $targetName } » ({ $uri })
cli-transfer-plan-address-book = Carnet d’adresses « { $name } » : { $count } contacts → « { $targetName } » ({ $uri })
cli-transfer-plan-excluded = Non transmis : { $item } — { $reason }
cli-transfer-plan-name-warning = Nom gardé tel quel : { $item } — { $reason }
cli-transfer-plan-quota = Espace à la destination : { $needed } nécessaires, { $available } disponibles.
cli-transfer-plan-quota-unknown = Espace à la destination : inconnu (le serveur n’indique pas de limite).
cli-transfer-plan-duration = Durée estimée : environ { $minutes } min.
cli-transfer-job-started = Passation n° { $id } commencée. Si elle s’arrête, lancez : passerelle-cli transfer resume { $id }
cli-transfer-job-resumed = Reprise de la passation n° { $id }.
cli-transfer-progress = { $done }/{ $total } éléments ({ $failed } en échec), { $bytes } sur { $bytesTotal }, { $speed }/s, encore { $eta } — { $current }
cli-transfer-outcome = Passation n° { $id } : { $copied } copiés, { $failed } en échec, { $verified } vérifiés, { $skipped } non transmis ; { $size } en { $seconds } s.
cli-transfer-compare = { $source } → { $target } : { $sourceCount } prévus, { $targetCount } trouvés, { $mismatches } manquants ou différents
cli-transfer-job = { $id }. { $from } → { $to } — { $state } ({ $created })
cli-transfer-no-jobs = Aucune passation pour l’instant.
cli-transfer-disabled = Le compte de { $name } est désactivé. Ses données restent sur le serveur et il peut être réactivé.
cli-transfer-report-kind = { $kind } : { $verified } vérifiés, { $copied } copiés, { $planned } à faire, { $failed } en échec, { $skipped } non transmis
cli-transfer-report-item = { $item } — { $state } : { $reason }
handover-why-ot-admin = L’application OwnershipTransfer répond pour ce compte administrateur : le serveur déplace lui-même les données, avec le seul compte de l’administrateur.
handover-why-ot-not-admin = L’application OwnershipTransfer ne répond qu’aux administrateurs, et ce compte n’en est pas un.
handover-why-ot-absent = L’application OwnershipTransfer n’est pas installée sur ce serveur.
handover-why-ot-unknown = Non vérifié : l’application OwnershipTransfer demande un compte administrateur du serveur.
handover-note-ot-moves = Avec l’application OwnershipTransfer, les fichiers, agendas et carnets d’adresses sont déplacés : le membre qui part les perd. Les agendas et carnets sont renommés chez le destinataire, et les fichiers arrivent dans un dossier « transferred from … » une fois les tâches de fond du serveur exécutées.
handover-reason-background-jobs-not-running = Rien n’a bougé pendant l’attente : les tâches de fond du serveur (cron) ne semblent pas s’exécuter.
handover-reason-transfer-refused = Le serveur a refusé de déplacer cet élément.

# Stratégie 2 : copie sur le serveur au moyen d’un partage.
handover-why-share-same-server = Les deux membres sont sur le même serveur Nextcloud et Passerelle est connecté aux deux comptes : le membre qui part partage chaque dossier, la personne qui reçoit le copie sur le serveur, puis le partage est retiré. Rien ne passe par cet ordinateur et les données du membre qui part ne changent pas.
handover-why-share-needs-sessions = Pour copier au moyen d’un partage, Passerelle doit être connecté aux comptes des deux membres.
handover-why-share-two-servers = Les deux membres ne sont pas sur le même serveur : un partage ne peut pas servir ici.
handover-why-share-no-api = Le partage de fichiers n’est pas activé sur ce serveur, ou ne répond pas.
handover-reason-share-failed = Le serveur a refusé que le membre qui part partage cet élément avec la personne qui reçoit : rien n’a été copié.
handover-reason-share-left = Un partage temporaire n’a pas pu être retiré. La reprise de la passation le retire ; sinon, retirez-le à la main dans Nextcloud.
handover-reason-files-only-strategy = Cette façon de transmettre ne copie que les fichiers. Choisissez la copie par cet ordinateur pour les agendas et les carnets d’adresses.

# Stratégie 3 : le transfert de propriété de Nextcloud lui-même.
handover-why-native-member-session = Passerelle est connecté aux comptes des deux membres sur le même serveur Nextcloud : le membre qui part demande le transfert de propriété de Nextcloud, la personne qui reçoit l’accepte. Le serveur déplace les fichiers et garde leurs partages ; ils arrivent dans un dossier « transferred from … » une fois les tâches de fond du serveur (cron) exécutées.
handover-why-native-needs-sessions = Le transfert de Nextcloud demande que Passerelle soit connecté aux comptes des deux membres : le membre qui part le demande, la personne qui reçoit l’accepte.
handover-why-native-two-servers = Les deux membres ne sont pas sur le même serveur : le transfert de Nextcloud ne fonctionne qu’à l’intérieur d’un serveur.
handover-why-native-no-notifications = Les notifications de Nextcloud ne répondent pas chez la personne qui reçoit : c’est là que le transfert doit être accepté.

## Ce qui se règle en reprenant, et ce qui demande quelqu’un (issue #13)

handover-job-needs-action = Arrêtée : ce qui reste demande une intervention (voir le rapport). La reprendre telle quelle échouerait de la même façon.
handover-note-ot-names = Le serveur renomme les agendas et carnets d’adresses déplacés : la personne qui reçoit les voit sous le nom indiqué, suivi de la date du déplacement (l’administrateur ne peut pas les renommer à sa place). Elle peut leur redonner un nom plus simple dans l’application Agenda ou Contacts.
handover-note-ot-one-folder = Tous les fichiers arrivent ensemble dans un seul dossier que le serveur nomme lui-même : « transferred from <nom> on <date et heure> » jusqu’à Nextcloud 29, « Transferred from … » traduit dans la langue de la personne qui reçoit ensuite. Le rapport donne son nom exact.
handover-note-ot-folder-per-path = L’application déplace chaque fichier ou dossier choisi à part : la personne qui reçoit trouvera un dossier « transferred from <nom> on <date et heure> » par élément choisi, chacun contenant cet élément. Pour tout recevoir dans un seul dossier, transmettez tout l’espace du membre. Le rapport donne le nom exact de chaque dossier.
handover-note-ot-calendars-unseen = L’application OwnershipTransfer ne montre pas à l’administrateur les agendas partagés avec ce membre ni son agenda des anniversaires : ils ne sont pas déplacés. Les agendas partagés restent à la personne qui les partage ; l’agenda des anniversaires est fait par le serveur à partir des contacts : celui de la personne qui reçoit reprendra les anniversaires des carnets déplacés.
handover-why-member-disabled = Le compte du membre qui part est désactivé : Passerelle ne peut plus lire ses données avec sa connexion. L’application OwnershipTransfer, avec un compte administrateur, le peut.
cli-transfer-plan-calendar-uncounted = Agenda « { $name } » : nombre d’événements et de tâches inconnu → « { $targetName } » ({ $uri })
cli-transfer-plan-address-book-uncounted = Carnet d’adresses « { $name } » : nombre de contacts inconnu → « { $targetName } » ({ $uri })
cli-transfer-action = À faire ({ $count } éléments) : { $todo }
handover-todo-auth = Reconnectez le compte refusé (écran Comptes, ou un nouveau mot de passe d’application). Si c’est celui du membre qui part et qu’il est désactivé, réactivez-le le temps de la passation, ou passez par l’application OwnershipTransfer. Relancez ensuite la passation.
handover-todo-tls-untrusted = Le certificat du serveur a changé : vérifiez-le avec les personnes qui gèrent l’espace avant de lui refaire confiance, puis relancez la passation.
handover-todo-forbidden = Le compte utilisé n’a pas ce droit : vérifiez qu’il est bien administrateur de l’espace (ou que le membre a le droit de partager), puis relancez la passation.
handover-todo-not-found = Cet élément n’est plus chez le membre qui part : vérifiez s’il a été supprimé, déplacé ou déjà transmis. S’il est déjà chez la personne qui reçoit, il n’y a rien à faire.
handover-todo-conflict = Un élément du même nom a changé à la destination pendant la passation : vérifiez chez la personne qui reçoit, puis relancez la passation.
handover-todo-not-allowed = Le serveur n’autorise pas cette action (une application est peut-être désactivée) : demandez aux personnes qui gèrent l’espace.
handover-todo-quota = La personne qui reçoit n’a plus de place : libérez de l’espace chez elle ou augmentez son quota (Utilisateurs, colonne Quota), puis relancez la passation.
handover-todo-rejected = Le serveur refuse cette demande telle quelle : notez l’élément et le détail technique du rapport, et transmettez-les aux personnes qui gèrent l’espace.
handover-todo-protocol = Le serveur a répondu de façon inattendue : transmettez le détail technique du rapport aux personnes qui gèrent l’espace.
handover-todo-invalid-name = Ce nom n’est pas accepté : renommez l’élément chez le membre qui part, puis refaites le plan.
handover-todo-unsafe-name = Ce nom n’est pas accepté : renommez l’élément chez le membre qui part, puis refaites le plan.
handover-todo-transfer-refused = Le serveur refuse de déplacer cet élément : il n’est peut-être plus au membre qui part, ou il est dans un dossier de groupe ou un stockage externe. Vérifiez dans Nextcloud (le détail technique est dans le rapport).
handover-todo-share-failed = Autorisez le partage pour le membre qui part (Paramètres d’administration, Partage), ou choisissez une autre façon de transmettre.
handover-todo-files-only-strategy = Cette façon de transmettre ne prend que les fichiers : faites une autre passation pour les agendas et carnets d’adresses, par la copie ou l’application OwnershipTransfer.
handover-todo-background-jobs-not-running = Demandez à l’hébergeur de vérifier que les tâches de fond (cron) du serveur s’exécutent. Les fichiers demandés arriveront alors d’eux-mêmes ; relancez ensuite la passation pour le constater.
handover-todo-other = Lisez la raison et le détail technique dans le rapport, corrigez ce qui bloque, puis relancez la passation.
