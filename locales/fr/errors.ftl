# Messages d’erreur. Chaque code d’erreur `<code>` a ici un message `error-<code>`
# qui dit ce qui s’est passé et quoi faire ensuite.

error-unknown = Quelque chose s’est mal passé. Réessayez ; si cela recommence, notez ce que vous faisiez et écrivez à la personne qui vous accompagne.
error-profile-name-empty = Écrivez un prénom ou un nom pour ce profil.
error-profile-name-taken = Ce nom est déjà pris sur cet ordinateur. Choisissez ce profil dans la liste, ou ajoutez une initiale (par exemple « Camille D. »).
error-profile-not-found = Ce profil n’existe plus sur cet ordinateur. Choisissez-en un autre ou créez-en un.
error-store = Passerelle n’arrive pas à lire ou écrire ses données sur cet ordinateur. Vérifiez qu’il reste de la place sur le disque, puis redémarrez Passerelle.
error-data-dir = Passerelle ne peut pas utiliser son dossier de données. Vérifiez qu’il reste de la place sur le disque et que vous avez le droit d’y écrire.
error-no-data-dir = Passerelle ne trouve pas de dossier personnel où ranger ses données sur cet ordinateur.
error-invalid-value = Cette valeur n’est pas acceptée. Vérifiez ce que vous avez saisi (un nom de profil compte au plus 80 caractères).

# Avis affichés une fois au démarrage. `$path` : l’endroit où l’ancien fichier est gardé.
notice-store-damaged = Les données locales de Passerelle étaient abîmées. Rien n’a été effacé : l’ancien fichier est gardé ici : { $path }. Passerelle repart avec des données neuves.
notice-store-newer = Ces données locales viennent d’une version plus récente de Passerelle. Rien n’a été effacé : elles sont gardées ici : { $path }. Installez la version la plus récente pour les retrouver.

## Connexion à un espace Nextcloud

error-offline = Passerelle n’arrive pas à joindre ce serveur. Vérifiez que cet ordinateur est connecté à Internet (Wi-Fi ou câble) et que l’adresse est juste, puis réessayez.
error-dns = Cette adresse est introuvable. Vérifiez qu’il n’y a pas de faute de frappe (pour Framaspace, elle ressemble à monasso.frama.space).
error-tls = La connexion sécurisée avec ce serveur n’a pas pu être établie. Vérifiez l’adresse, ainsi que la date et l’heure de cet ordinateur, puis réessayez. Si cela continue, prévenez les personnes qui gèrent votre espace.
error-tls-untrusted = Passerelle ne peut pas confirmer l’identité de ce serveur. Si vous aviez déjà fait confiance à son certificat, il a peut-être changé : demandez aux personnes qui gèrent votre espace avant d’aller plus loin.
error-timeout = Le serveur met trop de temps à répondre. Vérifiez votre connexion à Internet, puis réessayez dans un moment.
error-auth = L’identifiant ou le mot de passe d’application est incorrect, ou cet accès a été retiré de votre espace. Vérifiez-les et réessayez, ou connectez-vous avec votre navigateur.
error-forbidden = Votre compte n’a pas le droit de faire cela dans votre espace. Si vous en avez besoin, demandez aux administrateur·ices de votre espace.
error-throttled = Votre espace a reçu trop de tentatives et vous fait patienter, par sécurité. Attendez quelques minutes avant de réessayer.
error-maintenance = Votre espace est en cours de mise à jour par ses hébergeurs. Réessayez dans quelques minutes.
error-not-nextcloud = Cette adresse ne mène pas à un espace Nextcloud. Vérifiez l’adresse que votre association vous a donnée (pour Framaspace, elle ressemble à monasso.frama.space).
# $minimum : la plus ancienne version de Nextcloud acceptée, par exemple « 27 ».
error-server-too-old = Cet espace utilise une version de Nextcloud trop ancienne pour Passerelle (il faut la version { $minimum } ou plus récente). Prévenez les personnes qui gèrent votre espace.
error-server-not-installed = Nextcloud est bien présent à cette adresse, mais son installation n’a jamais été terminée : aucun compte ne peut encore s’y connecter. Prévenez les personnes qui gèrent votre espace (ou vérifiez l’adresse).
error-server-needs-upgrade = Votre espace attend la fin d’une mise à jour que ses hébergeurs ont commencée : il ne peut pas servir de compte pour l’instant. Réessayez plus tard ; si cela dure, prévenez les personnes qui gèrent votre espace.
error-not-found = Ce que Passerelle cherchait n’existe pas (ou plus) sur le serveur : cela a peut-être été déplacé ou supprimé. Actualisez, puis réessayez.
error-quota = Votre espace de stockage est plein. Libérez de la place (par exemple en vidant la corbeille), ou demandez plus d’espace aux administrateur·ices.
error-locked = Ce fichier est utilisé en ce moment (il est verrouillé). Attendez un peu, puis réessayez.
error-conflict = Quelque chose a changé sur le serveur au même moment. Actualisez, puis réessayez.
error-not-allowed = Votre espace n’autorise pas cette action, par exemple parce qu’une application y est désactivée. Demandez aux administrateur·ices de votre espace.
error-rejected = Le serveur a refusé la demande. Vérifiez ce que vous avez saisi, puis réessayez. Si cela continue, prévenez les personnes qui gèrent votre espace.
error-insecure-http = Cette adresse commence par « http:// » : la connexion ne serait pas chiffrée. Passerelle ne l’accepte que sur un réseau local. Utilisez l’adresse en « https:// » de votre espace.
error-invalid-address = Cette adresse n’est pas valide. Écrivez l’adresse de votre espace, sans espace, par exemple monasso.frama.space.
error-invalid-name = Ce nom ne peut pas être utilisé (il est vide, trop long, ou contient un caractère comme « / »). Choisissez un autre nom.
error-protocol = Le serveur a répondu de façon inattendue. Il est peut-être mal configuré. Réessayez plus tard ; si cela continue, prévenez les personnes qui gèrent votre espace.
error-server-error = Le serveur a rencontré un problème de son côté. Réessayez dans quelques minutes ; si cela continue, prévenez les personnes qui gèrent votre espace.
error-login-flow-timeout = La connexion n’a pas été terminée à temps dans le navigateur. Cliquez à nouveau sur « Me connecter avec mon navigateur » pour recommencer.
error-login-flow-cancelled = La connexion a été annulée. Vous pouvez recommencer quand vous voulez.
error-login-flow-downgrade = Par sécurité, Passerelle a arrêté la connexion : le serveur voulait continuer sans chiffrement (« http:// »). Prévenez les personnes qui gèrent votre espace ; en attendant, vous pouvez utiliser un mot de passe d’application.
error-href-escape = Le serveur a envoyé une adresse de fichier inattendue, que Passerelle a ignorée par sécurité. Réessayez ; si cela continue, prévenez les personnes qui gèrent votre espace.
error-keyring-unavailable = Cet ordinateur n’a pas de coffre-fort à mots de passe (trousseau) disponible. Vous pouvez quand même vous connecter, en gardant l’accès seulement jusqu’à la fermeture de Passerelle.
error-keyring = Passerelle n’a pas pu utiliser le coffre-fort à mots de passe (trousseau) de cet ordinateur. Vérifiez qu’il est déverrouillé (votre mot de passe de session peut être demandé), puis réessayez.
error-account-not-found = Ce compte n’existe plus dans Passerelle sur cet ordinateur. Retournez à l’écran Comptes pour en choisir un autre.
error-account-exists = Ce compte est déjà connecté dans ce profil. Choisissez-le dans l’écran Comptes.
error-session-secret-lost = L’accès à ce compte était gardé seulement jusqu’à la fermeture de Passerelle, et Passerelle a redémarré depuis. Connectez-vous à nouveau : écran Comptes, puis « Connecter un compte ».
error-secret-not-found = Le mot de passe d’application de ce compte n’est plus dans le trousseau de cet ordinateur. Connectez ce compte à nouveau.

## Parcours
error-tour-not-found = Ce parcours n’est plus disponible dans Passerelle. Revenez à la liste des parcours.
error-tour-step-not-found = Cette étape n’existe plus dans le parcours (il a peut-être été mis à jour). Rouvrez le parcours depuis la liste.
error-tour-step-no-check = Cette étape n’a rien à vérifier. Passez à l’étape suivante.
error-tour-pack-unreadable = Passerelle ne peut pas lire ce pack de parcours. Vérifiez que c’est un dossier ou un fichier .zip qui contient pack.toml, et que vous avez le droit de l’ouvrir.
error-tour-pack-unsafe = Ce pack de parcours a été refusé : il contient un fichier trop gros ou qui serait écrit hors du pack. Demandez une nouvelle copie à la personne qui l’a fait.

## Passation

error-handover-job-not-found = Cette passation n’est pas enregistrée sur cet ordinateur. Vérifiez son numéro dans la liste des passations.
error-handover-selection = Un élément choisi pour la passation ne peut pas être transmis : il manque, son nom n’est pas accepté, ou l’un des serveurs ne peut pas le recevoir. Vérifiez la sélection.
error-handover-empty = Il n’y a rien à transmettre dans cette sélection. Choisissez au moins un dossier, un agenda ou un carnet d’adresses.
error-handover-quota = Le destinataire n’a pas assez d’espace de stockage pour cette passation. Libérez de l’espace ou demandez un quota plus grand aux administrateurs de l’espace, puis refaites le plan.
error-handover-strategy-unavailable = Cette façon de transmettre ne peut pas être utilisée ici, ou n’est pas encore disponible dans cette version de Passerelle. Choisissez « automatique » pour que Passerelle en prenne une qui fonctionne.
error-handover-incomplete = La passation n’est pas encore terminée : des éléments manquent à la destination. Reprenez-la ; ce qui est déjà arrivé n’est pas recopié.
error-handover-disable-not-confirmed = Le compte du membre qui part n’est désactivé qu’après une confirmation explicite. Rien n’a été changé.

## Ateliers

error-workshop-plan-invalid = La liste des comptes contient des erreurs, indiquées ligne par ligne. Aucun compte n’a été créé : corrigez la liste puis recommencez.
error-workshop-create-failed = La création des comptes s’est arrêtée en cours de route. Les comptes déjà créés par cette opération ont été supprimés ; ceux qui n’ont pas pu l’être sont notés pour le nettoyage.
error-workshop-not-confirmed = Cette action supprime des données : elle demande une confirmation qui liste exactement ce qui sera supprimé. Rien n’a été changé.
error-workshop-plan-not-found = Aucun programme d’atelier ne porte ce nom.
error-workshop-pack-invalid = Ce paquet d’atelier a des problèmes (fichier et ligne indiqués). Rien n’a été importé.
error-workshop-progress-invalid = Ce fichier de progression ne peut pas être lu : il est abîmé, trop gros ou ne vient pas de Passerelle.

## Mises à jour

error-update-not-configured = Cette version de Passerelle ne sait pas où chercher ses mises à jour. Indiquez l’adresse d’un miroir dans Réglages → Mises à jour, ou installez une version officielle.
error-update-mirror-invalid = L’adresse du miroir de mises à jour n’est pas utilisable : elle doit commencer par https:// (ou http:// seulement sur cet ordinateur). Corrigez-la dans Réglages → Mises à jour ou dans le fichier update-mirror.txt.
error-update-offline = Pas de connexion : le serveur de mises à jour ne répond pas. Réessayez quand cet ordinateur sera connecté à Internet.
error-update-server = Le serveur de mises à jour a donné une réponse inutilisable. Réessayez plus tard ; si cela dure, prévenez la personne qui gère ce miroir.
error-update-no-platform = Une nouvelle version existe, mais pas encore pour ce système. Passerelle reste dans sa version actuelle ; réessayez plus tard.
error-update-signature = La mise à jour téléchargée a été refusée : sa signature ne correspond pas (fichier modifié en route ou qui ne vient pas de Passerelle). Rien n’a été installé, Passerelle reste dans sa version actuelle.
error-update-format = La mise à jour téléchargée ne peut pas être installée sur ce système. Rien n’a été changé ; installez la nouvelle version depuis le site de Passerelle.
error-update-install = La mise à jour n’a pas pu être installée. Passerelle reste dans sa version actuelle ; réessayez, ou installez la nouvelle version depuis le site de Passerelle.
error-update-none-pending = Aucune mise à jour n’est en attente. Cherchez d’abord les mises à jour.
error-space-window = Passerelle n’a pas pu ouvrir ou mettre à jour la fenêtre de votre espace. Fermez-la et réessayez ; si cela recommence, déconnectez-vous de l’espace en ligne puis rouvrez-le.
error-space-address = L’adresse du serveur de ce compte ne peut pas être ouverte comme une page web. Déconnectez le compte puis reconnectez-le avec l’adresse que vous utilisez dans votre navigateur.
error-tour-health-export = La liste de santé des visites n’a pas pu être enregistrée dans le dossier de données de Passerelle. Vérifiez qu’il reste de la place sur le disque, puis réessayez.
error-password-login-forbidden = Ce compte n’accepte pas son mot de passe de connexion dans une application (la double authentification est activée, ou votre espace l’exige). Connectez-vous avec votre navigateur, ou créez un mot de passe d’application dans votre espace : Paramètres → Sécurité.

error-handover-needs-action = La passation s’est arrêtée sur des éléments qu’une reprise ne réglera pas : chaque cause est indiquée avec ce qu’il faut faire. Une fois cela fait, relancez la passation ; ce qui est déjà arrivé n’est pas recopié.
error-handover-member-disabled = Le compte du membre qui part est désactivé : sa connexion est refusée, donc Passerelle ne peut pas lire ses données par ce chemin. Utilisez l’application OwnershipTransfer avec un compte administrateur, ou réactivez son compte le temps de la passation.
