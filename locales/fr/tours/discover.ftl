# Parcours « Découvrir votre espace » (tours/discover/tour.toml).
# Variables : $space = le nom de l’espace (ou « votre espace ») ; $name = le prénom de la personne.
# Libellés de Nextcloud 29 en français.

tour-discover-title = Découvrir votre espace
tour-discover-summary = Un petit tour de votre espace Nextcloud : les applications, votre menu personnel et vos paramètres.

tour-discover-welcome =
    Bonjour { $name } ! Bienvenue sur { $space }, l’espace Nextcloud de votre association.

    Ouvrez votre navigateur web à l’adresse de l’espace (elle ressemble à monasso.frama.space) et connectez-vous. Gardez Passerelle à côté : nous avançons ensemble, une étape à la fois.

tour-discover-top-bar =
    Tout en haut de la page, une barre montre les applications de l’espace sous forme de petites icônes. Passez la souris sur une icône pour voir son nom.

    Selon votre espace, vous y trouverez par exemple « Fichiers » (les documents), « Photos », « Activité » (ce qui a changé récemment), « Agenda », « Contacts » et « Talk » (les discussions).

    Le logo, tout à gauche, vous ramène au « Tableau de bord », la page d’accueil.

tour-discover-search-bell =
    À droite de cette barre, il y a trois petites icônes :
    la loupe (« Recherche unifiée ») cherche dans tout l’espace : fichiers, événements, contacts… ;
    la cloche montre vos notifications, par exemple quand quelqu’un partage un fichier avec vous ;
    le carnet (« Rechercher des contacts ») retrouve vite une personne de l’espace.

tour-discover-user-menu = Tout à droite, le rond avec votre initiale ou votre photo ouvre votre menu personnel. Cliquez dessus.
tour-discover-user-menu-fallback = Vous ne le voyez pas ? Agrandissez la fenêtre du navigateur : ce rond est toujours dans le coin en haut à droite de la page.

tour-discover-menu-entries =
    Ce menu contient :
    « Voir le profil » : ce que les autres membres voient de vous ;
    « Définir le statut » : disponible, absent·e, ne pas déranger… ;
    « Apparence et accessibilité » : thème sombre, police plus lisible ;
    « Paramètres » : les réglages de votre compte ;
    « Aide & confidentialité » ;
    « Se déconnecter » : pensez-y quand vous utilisez un ordinateur partagé !

tour-discover-settings =
    Dans « Paramètres », la colonne de gauche range vos réglages par thème :
    « Informations personnelles » : votre nom, votre adresse e-mail (pour recevoir les notifications et les invitations), votre langue ;
    « Sécurité » : votre mot de passe et les appareils connectés ;
    « Notifications », « Partage », « Apparence et accessibilité »…

    Si vous administrez l’espace, ce menu s’appelle « Paramètres personnels », et vous voyez aussi « Paramètres d’administration » et « Comptes ».

tour-discover-first-file =
    À vous ! Ouvrez « Fichiers » (l’icône en forme de dossier, en haut de la page). Puis faites glisser un fichier de votre ordinateur (une photo, un document…) et lâchez-le sur la liste des fichiers.

    Quand il apparaît dans la liste, revenez ici et cliquez sur « Vérifier ».
tour-discover-first-file-hint =
    Le glisser-déposer ne marche pas ? Cliquez sur « + Nouveau », en haut de la liste, puis sur « Téléverser des fichiers » (sur certaines versions : « Téléchargement des fichiers »), et choisissez un fichier. Téléverser veut dire envoyer un fichier de votre ordinateur vers l’espace.

    Un message dit que l’espace est plein ? Prévenez les personnes qui s’occupent de l’espace.

tour-discover-quiz-settings = Vous voulez changer l’adresse e-mail de votre compte. Où allez-vous ?
tour-discover-quiz-settings-a = Dans l’application « Fichiers »
tour-discover-quiz-settings-a-feedback = Pas tout à fait : « Fichiers » range vos documents. Vos réglages personnels sont dans le menu de votre rond, en haut à droite.
tour-discover-quiz-settings-b = Menu du rond en haut à droite → « Paramètres » → « Informations personnelles »
tour-discover-quiz-settings-b-feedback = Exactement ! Tous vos réglages personnels sont là.
tour-discover-quiz-settings-c = Il faut le demander aux personnes qui gèrent l’espace
tour-discover-quiz-settings-c-feedback = Vous pouvez le faire vous-même : menu du rond en haut à droite → « Paramètres » → « Informations personnelles ».

tour-discover-next-tours =
    Bravo { $name } ! Vous savez maintenant vous repérer sur { $space }.

    Et ensuite ? Le parcours « Ranger vos fichiers » vous apprend à organiser vos documents, puis « Partager des fichiers » à les partager avec les autres membres. Revenez quand vous voulez : Passerelle garde votre avancement.
