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
accounts-connect = Connecter un compte
accounts-connect-soon = Bientôt, vous pourrez connecter ici votre compte Nextcloud. Cela arrive dans une prochaine version.

## Parcours

tours-title = Parcours guidés
tours-intro = Les parcours vous font découvrir votre espace Nextcloud à votre rythme, une étape après l’autre.
tours-empty-title = Les parcours guidés apparaîtront ici.
tours-empty-body = Ils arrivent dans une prochaine version de Passerelle.

## Passation

handover-title = Passation
handover-intro = Quand un·e membre quitte l’association, ses documents ne doivent pas se perdre. Cet écran aidera à les confier à un·e autre membre :
handover-files = ses fichiers et dossiers ;
handover-calendars = ses agendas ;
handover-contacts = ses carnets de contacts.
handover-admins = Cette passation est faite par les administrateur·ices de l’espace Nextcloud de l’association.
handover-soon-title = Bientôt disponible
handover-soon-body = Cette fonction arrive dans une prochaine version de Passerelle.

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
