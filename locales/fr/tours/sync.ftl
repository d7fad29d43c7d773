# Parcours « Vos fichiers sur ordinateur et téléphone » (tours/sync/tour.toml).
# Variables : $space = le nom de l’espace (ou « votre espace ») ; $name = le prénom de la personne.

tour-sync-title = Vos fichiers sur ordinateur et téléphone
tour-sync-summary = Installer les applications Nextcloud pour retrouver les fichiers de l’espace sur votre ordinateur et votre téléphone.

tour-sync-welcome =
    Synchroniser, c’est garder les mêmes fichiers à deux endroits : sur { $space } et sur votre ordinateur ou votre téléphone. Ce que vous ajoutez ou modifiez d’un côté apparaît tout seul de l’autre.

    Il vous faut seulement l’adresse de l’espace (par exemple monasso.frama.space), votre identifiant et votre mot de passe.

tour-sync-which-device = Par quoi voulez-vous commencer ?
tour-sync-which-device-computer = Mon ordinateur
tour-sync-which-device-phone = Mon téléphone

tour-sync-desktop-install =
    Sur l’ordinateur, installez l’application « Nextcloud » (on l’appelle aussi le client de bureau) :
    sur le site de Nextcloud, dans la partie téléchargement, choisissez la version pour Windows, macOS ou Linux ;
    sous Linux, elle est souvent aussi dans la logithèque, sous le nom « Nextcloud Desktop ».

    Installez-la ensuite comme n’importe quel logiciel. C’est une petite application qui travaille discrètement, même sur un vieil ordinateur.

tour-sync-desktop-connect =
    Ouvrez l’application Nextcloud, puis :
    cliquez sur « Se connecter » ;
    tapez l’adresse de l’espace (par exemple monasso.frama.space), puis « Suivant » ;
    votre navigateur s’ouvre sur l’espace : connectez-vous si besoin, puis cliquez sur « Autoriser l’accès » ;
    revenez à l’application : choisissez le dossier de votre ordinateur et ce qu’il faut synchroniser, puis validez.

    Ce passage par le navigateur s’appelle le « Login Flow » : vous ne tapez jamais votre mot de passe dans l’application, et l’espace crée pour elle un mot de passe d’application.

tour-sync-desktop-folder =
    Un dossier « Nextcloud » apparaît sur votre ordinateur, dans votre dossier personnel, et une petite icône Nextcloud s’installe près de l’horloge. Tout ce que vous déposez dans ce dossier est envoyé sur l’espace, et inversement.

    Ordinateur peu puissant ou disque presque plein ? Dans les réglages de l’application, ne synchronisez que certains dossiers (« Choisir ce qu’il faut synchroniser »). Sous Windows, les « fichiers virtuels » ne téléchargent un fichier qu’au moment où vous l’ouvrez.

tour-sync-phone-install =
    Sur le téléphone, installez l’application « Nextcloud » (Nextcloud Files) :
    sur Android, depuis F-Droid ou le Play Store ;
    sur iPhone, depuis l’App Store.

    Ouvrez-la, touchez « Se connecter », tapez l’adresse de l’espace, connectez-vous, puis touchez « Autoriser l’accès ». Les fichiers de l’espace s’affichent. L’envoi automatique des photos existe, mais réfléchissez-y : toutes vos photos iraient sur l’espace de l’association.

tour-sync-phone-calendars =
    Pour l’agenda et les contacts sur le téléphone :
    sur Android, installez DAVx⁵ (F-Droid ou Play Store). Les paramètres de l’application Nextcloud proposent de synchroniser agenda et contacts : ils configurent DAVx⁵ pour vous ;
    sur iPhone, ouvrez Réglages → Calendrier (ou Apps → Calendrier) → Comptes → Ajouter un compte → Autre → « Ajouter un compte CalDAV » ; pour les contacts, « Ajouter un compte CardDAV ». Indiquez l’adresse de l’espace, votre identifiant et un mot de passe d’application.

    Les parcours « Organiser avec l’agenda » et « Sécuriser votre compte » donnent les détails.

tour-sync-add-file =
    À vous : ajoutez un fichier à l’espace depuis votre téléphone ou votre ordinateur :
    sur le téléphone, dans l’application Nextcloud, touchez le bouton + et envoyez une photo ou un document ;
    sur l’ordinateur, copiez un fichier dans le dossier « Nextcloud ».

    Mettez-le dans le dossier principal, pas dans un sous-dossier. Attendez quelques secondes, puis cliquez sur « Vérifier ».
tour-sync-add-file-hint =
    La synchronisation prend parfois une minute. Sur l’ordinateur, l’icône Nextcloud près de l’horloge montre une coche verte quand tout est envoyé. Sur le téléphone, vérifiez que vous êtes connecté·e à internet.

    Le fichier doit être directement dans le dossier principal (« Tous les fichiers » sur l’espace). Vous pouvez vérifier dans votre navigateur, dans « Fichiers ».

tour-sync-quiz-delete = Vous supprimez un fichier dans le dossier Nextcloud de votre ordinateur. Que se passe-t-il ?
tour-sync-quiz-delete-a = Il disparaît seulement de l’ordinateur, il reste sur l’espace
tour-sync-quiz-delete-a-feedback = Non : la synchronisation marche dans les deux sens. Le fichier est aussi supprimé de l’espace.
tour-sync-quiz-delete-b = Il est aussi supprimé de l’espace, mais on peut le récupérer dans « Fichiers supprimés »
tour-sync-quiz-delete-b-feedback = Exactement ! Supprimer d’un côté supprime de l’autre. Heureusement, « Fichiers supprimés » le garde un moment : vous pouvez le restaurer depuis le navigateur.

tour-sync-well-done =
    Bravo ! Les fichiers que vous avez sur { $space } vous suivent maintenant sur vos appareils.

    Un conseil : sur un ordinateur partagé (atelier, local de l’association), ne synchronisez pas votre compte. Utilisez plutôt le navigateur, et déconnectez-vous en partant.
