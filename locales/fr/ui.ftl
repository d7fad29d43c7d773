# Textes de l’interface de Passerelle (dossier ui/).
# Style : des mots simples et bienveillants, pour des personnes qui ne sont
# pas forcément à l’aise avec l’informatique. Écriture inclusive avec le
# point médian (membres, adhérent·es, bénévoles).
# Les noms des langues (« Français », « English ») sont écrits dans le code.

app-name = Passerelle
# Titre de la fenêtre. $screen : le titre de l’écran affiché.
window-title = { $screen } – Passerelle
loading = Chargement…
skip-to-content = Aller au contenu
dialog-cancel = Annuler

## Annonces pour les lecteurs d’écran

# $screen : le titre de l’écran qui vient de s’afficher.
announce-screen = Écran : { $screen }
announce-profile-deleted = Le profil { $name } a été supprimé.

## Accueil

welcome-title = Bienvenue dans Passerelle
welcome-intro = Passerelle vous guide pas à pas dans l’espace Nextcloud de votre association, et aide à transmettre les données d’un·e membre qui s’en va.
welcome-language-legend = Langue
welcome-profiles-title = Qui êtes-vous ?
welcome-profiles-why = Cet ordinateur peut servir à plusieurs personnes, par exemple pendant un atelier : chacun·e a son profil, qui garde ses réglages et son avancement.
welcome-no-profiles = Aucun profil pour l’instant. Créez le vôtre juste en dessous.
welcome-create-title = Première fois ici ?
welcome-name-label = Votre prénom ou un surnom
welcome-name-hint = Il sert seulement à vous retrouver sur cet ordinateur.
welcome-create-button = Créer mon profil

## En-tête et menu

header-profile-label = Profil :
header-account-label = Compte :
header-space-label = Espace :
header-change-profile = Changer de profil
nav-label = Menu principal
nav-accounts = Comptes
nav-tours = Parcours
nav-handover = Passation
nav-settings = Réglages
nav-about = À propos

## Avis au démarrage : fichier de données mis de côté

store-notice-title = Vos données ont été mises à l’abri
# $path : l’endroit où l’ancien fichier est gardé.
store-moved-aside = Le fichier où Passerelle range ses données sur cet ordinateur était abîmé, ou venait d’une version plus récente. Rien n’a été effacé : il est gardé ici : { $path }. Passerelle a créé un nouveau fichier, vous pouvez continuer normalement.
store-notice-dismiss = J’ai compris

## Comptes

accounts-title = Comptes Nextcloud
accounts-intro = Un compte relie Passerelle à l’espace Nextcloud de votre association.
accounts-empty-title = Aucun compte Nextcloud pour l’instant.
accounts-empty-body = Connectez le compte que vous utilisez dans l’espace Nextcloud de votre association. Il vous faut seulement l’adresse de l’espace.
accounts-connect = Connecter un compte
accounts-list-title = Vos comptes
# $userId : l’identifiant du compte sur le serveur.
account-user-id = Identifiant : { $userId }
# $server : l’adresse de l’espace, sans « https:// ».
account-server = Espace : { $server }
account-current-badge = Compte utilisé
account-session-badge = Jusqu’à la fermeture de Passerelle
account-session-hint = L’accès à ce compte est gardé seulement en mémoire, car cet ordinateur n’a pas de coffre-fort à mots de passe. Quand vous fermerez Passerelle, il faudra vous reconnecter.
account-select = Utiliser ce compte
# $name : le nom de la personne sur ce compte.
announce-account-selected = Vous utilisez maintenant le compte de { $name }.
account-connected = Vous êtes connecté·e en tant que { $name }.
overview-loading = Passerelle demande les informations de ce compte à votre espace…
overview-account = Nom
overview-user-id = Identifiant
overview-address = Adresse de l’espace
overview-email = Adresse e-mail
overview-email-none = Aucune adresse e-mail renseignée
overview-groups = Groupes
overview-groups-none = Aucun groupe
overview-version = Version de Nextcloud
overview-admin-badge = Administrateur·ice de l’espace
overview-quota = Espace de stockage
# $used, $total : des tailles, par exemple « 2,1 Go ».
overview-quota-used = { $used } utilisés sur { $total }
overview-quota-unlimited = { $used } utilisés, sans limite
overview-quota-unknown = Votre espace n’indique pas la place utilisée.
account-sign-out = Se déconnecter…
# $space : le nom de l’espace Nextcloud.
sign-out-title = Se déconnecter de { $space } ?
sign-out-body = Passerelle va retirer son accès à votre compte sur le serveur, puis oublier ce compte sur cet ordinateur. Vos fichiers et vos données restent dans votre espace. Vous pourrez vous reconnecter quand vous voulez.
sign-out-confirm = Se déconnecter
signed-out = Vous êtes déconnecté·e. Passerelle a retiré son accès sur le serveur.
signed-out-not-revoked-title = L’accès existe encore sur le serveur
# $server : l’adresse de l’espace.
signed-out-not-revoked = Passerelle a oublié ce compte sur cet ordinateur, mais n’a pas pu joindre votre espace ({ $server }) pour y retirer son accès. Cet accès fonctionne donc toujours.
signed-out-not-revoked-how = Pour le retirer vous-même : connectez-vous à votre espace dans votre navigateur, ouvrez Paramètres → Sécurité, puis supprimez « Passerelle » dans la liste des appareils et sessions.

## Connecter un compte

# $step : le numéro de l’étape (1 ou 2).
connect-step = Étape { $step } sur 2
# $title : le titre de l’étape qui vient de s’afficher.
announce-step = Étape : { $title }
connect-title = Connecter un compte
connect-intro = Passerelle a besoin de l’adresse de l’espace Nextcloud de votre association. Vous la trouverez dans le message d’invitation, ou en demandant aux personnes qui gèrent l’espace.
connect-address-label = Adresse de votre espace
connect-address-hint = Par exemple : monasso.frama.space
connect-check = Continuer
connect-checking = Passerelle cherche votre espace…
connect-preparing = Un instant…
connect-cancel = Annuler
connect-change-address = Changer d’adresse
connecting = Connexion en cours…
cert-title = Vérifier l’identité du serveur
cert-intro = Passerelle ne peut pas confirmer automatiquement l’identité de ce serveur. Cela arrive souvent avec les serveurs installés par une association elle-même : ce n’est pas forcément un problème, mais il vaut mieux vérifier avant de continuer.
cert-host = Serveur
cert-fingerprint = Empreinte du certificat (SHA-256)
cert-advice = Comparez cette empreinte avec celle que vous donne la personne qui gère votre espace. Si elles sont identiques, vous pouvez faire confiance à ce certificat : Passerelle s’en souviendra pour ce serveur.
cert-doubt = Si elles sont différentes, ou en cas de doute, annulez et demandez conseil.
cert-trust = Faire confiance à ce certificat pour ce serveur
insecure-title = Connexion non chiffrée
insecure-advice = Ce n’est acceptable que sur un réseau local, par exemple le serveur d’un atelier. Sur Internet, utilisez une adresse en « https:// ».
insecure-continue = Continuer quand même
insecure-reminder = Attention : connexion non chiffrée, à utiliser seulement sur un réseau local.
# $space : le nom de l’espace Nextcloud.
method-title = Se connecter à { $space }
method-preview-label = Votre espace
# $product : « Nextcloud » en général ; $version : par exemple « 29.0.4 ».
method-version = { $product } { $version }
method-address = Adresse : { $server }
method-browser-title = Avec votre navigateur (conseillé)
method-browser = Me connecter avec mon navigateur
method-browser-hint = Passerelle ouvre la page de connexion de votre espace dans votre navigateur. Connectez-vous comme d’habitude, puis autorisez Passerelle. Votre mot de passe reste dans le navigateur : Passerelle ne le voit jamais.
method-app-password = Utiliser un mot de passe d’application
app-password-where = Pour en créer un : dans votre espace, ouvrez Paramètres → Sécurité, puis « Créer un nouveau mot de passe d’application ».
login-name-label = Identifiant de connexion
app-password-label = Mot de passe d’application
app-password-submit = Me connecter
app-password-empty = Remplissez l’identifiant de connexion et le mot de passe d’application.
keyring-title = Pas de coffre-fort à mots de passe sur cet ordinateur
keyring-body = D’habitude, Passerelle range l’accès à votre compte dans le coffre-fort à mots de passe de l’ordinateur (on l’appelle aussi « trousseau »). Sur cet ordinateur, il n’y en a pas, ou il n’est pas disponible.
keyring-session-explain = Vous pouvez quand même vous connecter : Passerelle gardera l’accès seulement en mémoire, jusqu’à sa fermeture. Rien ne sera écrit sur le disque. La prochaine fois, il faudra vous reconnecter.
keyring-session-accept = Garder l’accès seulement jusqu’à la fermeture de Passerelle
waiting-title = Terminez la connexion dans votre navigateur
waiting-opening = Passerelle ouvre la page de connexion dans votre navigateur…
waiting-body = La page de connexion de votre espace s’est ouverte dans votre navigateur. Connectez-vous, puis cliquez sur « Autoriser l’accès ». Revenez ensuite ici : Passerelle continue tout seul.
waiting-countdown-label = Temps restant :
waiting-countdown-hint = Passé ce délai, il faudra recommencer. Rien de grave : il suffira de cliquer à nouveau.
waiting-link-label = Rien ne s’est ouvert ? Copiez ce lien dans votre navigateur :
waiting-copy = Copier le lien
waiting-copied = Le lien est copié. Collez-le dans la barre d’adresse de votre navigateur.
waiting-copy-select = Le lien est sélectionné : copiez-le avec Ctrl+C (ou Cmd+C sur Mac).
waiting-cancel = Annuler la connexion
# $minutes : le nombre de minutes restantes (au moins 1).
waiting-remaining =
    { $minutes ->
        [one] Il reste { $minutes } minute pour terminer la connexion.
       *[other] Il reste { $minutes } minutes pour terminer la connexion.
    }

## Parcours

tours-title = Parcours guidés
tours-intro = Les parcours vous font découvrir votre espace Nextcloud à votre rythme, une étape après l’autre. Passerelle vérifie avec vous ce que vous faites.
tours-retry = Réessayer
tours-empty-title = Aucun parcours à vous proposer pour l’instant.
tours-empty-body = Votre association peut vous donner un pack de parcours : vous pourrez le charger en bas de cette page.
tours-empty-hidden = Vous avez masqué des parcours : vous pouvez les afficher à nouveau en bas de cette page.
tours-no-account = Aucun compte n’est connecté. Vous pouvez lire les parcours, mais Passerelle ne pourra pas vérifier ce que vous faites dans votre espace.
tours-section-in-progress = En cours
tours-section-new = À découvrir
tours-section-done = Terminés
# $count : le nombre de parcours.
tours-section-unavailable = Pas disponibles sur votre espace ({ $count })
tours-unavailable-intro = Ces parcours ont besoin de quelque chose que votre espace n’a pas. Les personnes qui gèrent l’espace pourront peut-être l’ajouter.
tours-section-hidden = Parcours masqués
# Le nom de l’espace quand Passerelle ne le connaît pas (dans les textes des parcours).
tour-space-generic = votre espace
# $minutes : la durée estimée.
tour-minutes =
    { $minutes ->
        [one] Environ { $minutes } minute
       *[other] Environ { $minutes } minutes
    }
tour-audience-admin = Pour les administrateur·ices
tour-source-pack = Pack de parcours
# $title : le titre du parcours.
tour-progress-label = Avancement : { $title }
# $done : les étapes faites ; $total : toutes les étapes.
tour-progress-text =
    { $done ->
        [0] Aucune étape faite sur { $total }
        [one] { $done } étape faite sur { $total }
       *[other] { $done } étapes faites sur { $total }
    }
tour-start = Commencer
tour-resume = Reprendre
tour-replay = Refaire
tour-menu = Options
tour-menu-label = Options pour « { $title } »
tour-reset = Recommencer à zéro…
tour-hide = Ne plus me le proposer
tour-unhide = Me le proposer à nouveau
tour-reset-title = Recommencer « { $title } » à zéro ?
tour-reset-body = Votre avancement dans ce parcours sera effacé. Ce que vous avez déjà fait dans votre espace Nextcloud reste en place.
tour-reset-confirm = Effacer l’avancement
tour-reset-done = L’avancement de « { $title } » a été effacé.
tour-hidden-done = « { $title } » ne vous sera plus proposé. Vous pouvez le retrouver avec « Afficher les parcours masqués », en bas de la page.
tour-unhidden-done = « { $title } » vous est de nouveau proposé.
tours-progress-title = Votre avancement
# $count : le nombre de parcours masqués.
tours-show-hidden = Afficher les parcours masqués ({ $count })
tours-reset-all = Effacer tout mon avancement…
tours-reset-all-title = Effacer tout votre avancement ?
tours-reset-all-body = L’avancement de tous les parcours sera effacé, pour ce profil et ce compte. Ce que vous avez fait dans votre espace Nextcloud reste en place. On ne pourra pas revenir en arrière.
tours-reset-all-confirm = Tout effacer
tours-reset-all-done = Tout votre avancement a été effacé.
# Quand la raison donnée par Passerelle est inconnue (les autres sont dans tours-engine.ftl).
tour-unavailable-other = Ce parcours ne correspond pas à votre espace.

## Packs de parcours

tour-pack-title = Charger un pack de parcours
tour-pack-intro = Un pack de parcours est un dossier ou un fichier .zip préparé par votre association, ou par la personne qui anime un atelier.
tour-pack-path-label = Chemin du dossier ou du fichier .zip sur cet ordinateur
tour-pack-path-hint = Par exemple : /home/camille/Téléchargements/parcours-asso.zip
tour-pack-load = Charger le pack
tour-pack-empty-path = Indiquez d’abord le chemin du dossier ou du fichier .zip.
tour-pack-loading = Passerelle lit le pack…
# $count : le nombre de parcours chargés.
tour-pack-loaded =
    { $count ->
        [one] Un parcours a été chargé :
       *[other] { $count } parcours ont été chargés :
    }
tour-pack-nothing = Aucun parcours n’a pu être chargé depuis ce pack.
# $count : le nombre de parcours abîmés.
tour-broken-title =
    { $count ->
        [one] Un parcours n’a pas pu être chargé :
       *[other] { $count } parcours n’ont pas pu être chargés :
    }
tour-problem-english = Les détails sont en anglais, pour les personnes qui écrivent les parcours.
# $source : le dossier, le fichier ou le nom du parcours.
tour-broken-source = Dans { $source } :
tour-problem-fix = Pour corriger :

## Lecteur de parcours

tour-player-title = Parcours
# $step : le numéro de l’étape ; $total : le nombre d’étapes.
tour-step-counter = Étape { $step } sur { $total }
tour-position-label = Avancement dans ce parcours
tour-kind-task = À vous de jouer
tour-kind-choice = À vous de choisir
tour-kind-quiz = Petite question
tour-nav-label = Étapes du parcours
tour-back = Précédent
tour-next = Suivant
tour-finish = Terminer
tour-close = Fermer (votre avancement est gardé)
tour-next-blocked-task = Pour continuer, faites cette étape puis choisissez « Vérifier », ou passez-la.
tour-next-blocked-quiz = Pour continuer, répondez à la question puis choisissez « Vérifier ma réponse ».
tour-hint = Besoin d’un coup de pouce ?
tour-check = Vérifier
tour-checking = Passerelle vérifie dans votre espace…
tour-check-auto = Passerelle vérifie aussi tout seul, de temps en temps, tant que cette étape est affichée.
tour-check-success = Bravo, c’est fait ! Vous pouvez passer à la suite.
# $evidence : ce que Passerelle a trouvé dans l’espace, par exemple « /Bureau ».
tour-check-evidence = Passerelle a trouvé : { $evidence }
tour-check-already-done = Cette étape est déjà faite.
tour-check-not-yet = Ce n’est pas encore fait. Prenez votre temps, puis vérifiez à nouveau.
tour-offline-wait = Nous vérifierons dès que votre espace sera de nouveau joignable. Vous pouvez continuer tranquillement.
tour-input-label = Votre nouveau mot de passe d’application
tour-input-hint = Collez-le ici. Passerelle l’essaie une seule fois, puis l’oublie : il n’est enregistré nulle part.
tour-input-empty = Collez d’abord le mot de passe d’application.
tour-skip = Passer cette étape
tour-no-account = Passerelle vérifie cette étape dans votre espace Nextcloud : il faut pour cela un compte connecté. En attendant, vous pouvez lire la suite.
tour-no-account-link = Connecter un compte pour vérifier
tour-quiz-legend = Votre réponse
tour-quiz-check = Vérifier ma réponse
tour-quiz-pick = Choisissez d’abord une réponse.
tour-quiz-right = Bonne réponse !
tour-quiz-wrong = Pas tout à fait.
tour-finished-title = Parcours terminé !
# $title : le titre du parcours.
tour-finished-body = Bravo, vous avez terminé « { $title } ».
tour-finished-tasks = Ce que vous avez fait dans votre espace
# Une tâche du parcours, sur l’écran de fin. $step : son numéro d’étape dans le parcours.
tour-finished-step = Étape { $step }
# $evidence : ce que Passerelle a trouvé dans l’espace (un dossier, un fichier, un agenda…), par exemple « /Bureau ».
tour-finished-evidence = Vérifié sur votre espace : { $evidence }
# Une tâche faite, sans rien à montrer (par exemple un mot de passe d’application qui fonctionne).
tour-finished-checked = Fait et vérifié sur votre espace.
tour-finished-skipped = Passée
tour-finished-todo = Pas encore faite
tour-finished-unchecked = Pas vérifiée (aucun compte connecté)
tour-finished-back = Retour aux parcours
## Passation

handover-title = Passation

## Réglages

settings-title = Réglages
settings-intro = Les changements s’appliquent tout de suite.
settings-language-legend = Langue
# $language : le nom de la langue de l’ordinateur, par exemple « Français ».
settings-language-system = Comme l’ordinateur ({ $language })
settings-theme-legend = Apparence
settings-theme-system = Comme l’ordinateur
settings-theme-light = Claire
settings-theme-dark = Sombre
settings-text-size-legend = Taille du texte
settings-text-size-hint = Pour lire plus confortablement.
settings-text-size-normal = Normale
settings-text-size-large = Grande
settings-text-size-larger = Très grande
settings-profile-title = Votre profil
settings-profile-current = Vous utilisez le profil { $name }.
settings-profile-delete-hint = Supprimer ce profil efface ses réglages et son avancement sur cet ordinateur. Vos fichiers sur Nextcloud ne sont pas touchés.
settings-profile-delete = Supprimer ce profil…
delete-profile-title = Supprimer le profil { $name } ?
delete-profile-body = Ses réglages et son avancement seront effacés de cet ordinateur. Les fichiers sur Nextcloud ne sont pas touchés. On ne pourra pas revenir en arrière.
delete-profile-confirm = Supprimer le profil

## À propos

about-title = À propos
about-intro = Passerelle aide les membres, adhérent·es et bénévoles des associations à prendre en main leur espace Nextcloud.
about-version = Version
about-data-dir = Dossier des données
about-database = Base de données
about-schema = Version du schéma
about-locales = Langues disponibles
about-privacy-title = Vie privée
about-privacy = Passerelle ne collecte aucune statistique et n’envoie rien nulle part sans vous. Vos réglages restent sur cet ordinateur.
about-licence-title = Licence
about-licence = Passerelle est un logiciel libre, publié sous la licence AGPL-3.0-or-later.

## Erreur au démarrage

fatal-title = Passerelle n’a pas pu démarrer
fatal-retry = Réessayer

## Étape de visite : l’adresse à saisir dans un téléphone (CalDAV, CardDAV)

dav-address-caldav-label = Adresse du serveur d’agendas (CalDAV), à saisir dans votre téléphone
dav-address-carddav-label = Adresse du serveur de contacts (CardDAV), à saisir dans votre téléphone
dav-address-server-label = Adresse de votre espace Nextcloud, à saisir dans votre téléphone
dav-address-copy = Copier l’adresse
dav-address-copied = Adresse copiée.
dav-address-copy-select = L’adresse est sélectionnée : copiez-la avec Ctrl+C (ou Cmd+C sur un Mac).
dav-address-user-label = Nom d’utilisateur :
dav-address-password-hint = Comme mot de passe, utilisez un mot de passe d’application (créé dans la partie Sécurité des paramètres de votre espace) plutôt que votre mot de passe habituel.
dav-address-qr-alt = QR code de l’adresse { $address }
dav-address-qr-hint = Scannez ce code avec l’appareil photo de votre téléphone pour obtenir l’adresse sans la taper.
dav-address-no-account = Connectez d’abord un compte : Passerelle affichera alors ici l’adresse à saisir dans votre téléphone.
dav-address-connect = Connecter un compte

## Accès à reconnecter après un redémarrage (compte gardé jusqu’à la fermeture de Passerelle)

header-account-reconnect = à reconnecter
reconnect-notice-title =
    { $count ->
        [one] Un compte à reconnecter
       *[other] { $count } comptes à reconnecter
    }
reconnect-notice-body =
    { $count ->
        [one] L’accès à ce compte était gardé seulement jusqu’à la fermeture de Passerelle, car cet ordinateur n’a pas de coffre-fort à mots de passe. Reconnectez-vous quand vous en avez besoin : vos parcours et vos réglages sont gardés.
       *[other] L’accès à ces comptes était gardé seulement jusqu’à la fermeture de Passerelle, car cet ordinateur n’a pas de coffre-fort à mots de passe. Reconnectez-les quand vous en avez besoin : vos parcours et vos réglages sont gardés.
    }
reconnect-me = Me reconnecter
reconnect-account = Reconnecter le compte de { $name }
reconnect-later = Plus tard
reconnect-needed = L’accès au compte { $name } sur { $space } était gardé seulement jusqu’à la fermeture de Passerelle. Reconnectez-vous pour continuer : rien n’est perdu.
reconnect-waiting = Passerelle a demandé à votre navigateur d’ouvrir la page de connexion de { $space }. Connectez-vous avec le compte « { $user } », puis cliquez sur « Autoriser l’accès ». Passerelle continue tout seul.
reconnect-other-account = Vous vous êtes connecté·e avec le compte { $other }, pas avec celui de { $name }. Dans votre navigateur, déconnectez-vous de l’espace, puis recommencez avec le bon compte.
reconnect-done = L’accès au compte { $name } fonctionne à nouveau.
account-reconnect-badge = À reconnecter

## Réglages : mode formateur·rice

settings-trainer-title = Animation d’ateliers
settings-trainer-label = Mode formateur·rice
settings-trainer-hint = Affiche ce qui sert à animer un atelier : l’écran Atelier et le chargement de packs de parcours. Inutile pour suivre les parcours soi-même.

## À propos : détails techniques

about-technical = Détails techniques

## Connecter un compte (ticket #16)

app-password-exchanged = Votre mot de passe de connexion a été échangé contre un mot de passe d’application propre à Passerelle ; il n’est pas conservé. Ce mot de passe d’application apparaît dans votre espace (Paramètres → Sécurité) et sera révoqué quand vous vous déconnecterez de Passerelle.
# $server : l’adresse du serveur, sans « http:// ».
insecure-body-typed = Vous avez tapé une adresse en « http:// » : la connexion avec { $server } ne sera pas chiffrée. Ce qui passe entre Passerelle et ce serveur, y compris votre accès, pourrait être lu par d’autres.
insecure-body-no-https = Ce serveur ({ $server }) ne propose pas de connexion chiffrée (https). Ce qui passe entre Passerelle et lui, y compris votre accès, n’est pas chiffré et pourrait être lu par d’autres.
waiting-no-browser = Passerelle n’a pas pu ouvrir votre navigateur. Copiez ce lien, collez-le dans la barre d’adresse de votre navigateur, connectez-vous, puis cliquez sur « Autoriser l’accès ». Revenez ensuite ici : Passerelle continue tout seul.
waiting-no-browser-link = Lien de connexion :
# $name : le compte qui vient d’être ajouté ; $current : le compte utilisé.
account-added = Le compte { $name } est ajouté à ce profil.
account-added-question = Passerelle utilise toujours le compte { $current }. Voulez-vous utiliser { $name } maintenant ?
account-added-switch = Utiliser { $name }
account-added-keep = Garder { $current }
account-added-kept = Passerelle utilise toujours le compte { $current }.
# $size : la taille du texte choisie, nommée comme dans les Réglages.
announce-text-size = Taille du texte : { $size }
