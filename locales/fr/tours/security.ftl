# Parcours « Sécuriser votre compte » (tours/security/tour.toml).
# Variables : $space = le nom de l’espace (ou « votre espace ») ; $name = le prénom de la personne.
# Libellés de Nextcloud 29 en français. Le nom « Passerelle-test » est celui que l’étape demande.

tour-security-title = Sécuriser votre compte
tour-security-summary = Trouver vos réglages de sécurité, essayer un mot de passe d’application et découvrir la double authentification.

tour-security-welcome =
    Votre compte sur { $space } ouvre des documents de l’association, parfois des données personnelles de membres. Trois bonnes habitudes le protègent :
    un mot de passe solide, que vous n’utilisez nulle part ailleurs ;
    un mot de passe d’application pour chaque appareil ou logiciel ;
    la double authentification, si votre espace la propose.

tour-security-where =
    Vos réglages de sécurité : menu de votre rond en haut à droite → « Paramètres » (« Paramètres personnels » si vous administrez l’espace) → « Sécurité », dans la colonne de gauche.

    En haut de cette page, vous pouvez changer votre mot de passe : « Mot de passe actuel », « Nouveau mot de passe », puis « Changer de mot de passe ». Une bonne idée : une phrase de quatre ou cinq mots pris au hasard, longue mais facile à retenir.

tour-security-what-app-password =
    Plus bas, la partie « Appareils & sessions » liste tout ce qui est connecté à votre compte : navigateurs, téléphones, ordinateurs… et Passerelle.

    Un mot de passe d’application est un mot de passe à part, créé par l’espace pour un seul appareil ou logiciel (l’agenda du téléphone, Thunderbird…). Si l’appareil est perdu, vous supprimez ce mot de passe-là et rien d’autre ne change : votre vrai mot de passe reste secret.

tour-security-create-app-password =
    Essayons sans risque :
    dans « Appareils & sessions », tout en bas, tapez Passerelle-test dans le champ « Nom de l’application » ;
    cliquez sur « Créer un nouveau mot de passe d’application » ;
    une fenêtre montre votre « Login » et un « Mot de passe » : copiez le mot de passe avec le bouton de copie, à droite du champ ;
    collez-le dans le champ ci-dessous, puis cliquez sur « Vérifier ».
tour-security-create-app-password-hint =
    Le mot de passe ressemble à cinq groupes de cinq lettres et chiffres, séparés par des tirets : copiez-le en entier, sans espace avant ni après.

    L’espace vous redemande votre mot de passe ? C’est normal, c’est une confirmation. Vous avez fermé la fenêtre trop tôt ? Le mot de passe ne s’affiche qu’une fois : créez-en simplement un autre, avec le même nom.

tour-security-revoke =
    L’essai est réussi : supprimez maintenant ce mot de passe d’essai :
    fermez la fenêtre avec la croix ;
    dans la liste « Appareils & sessions », trouvez la ligne « Passerelle-test » ;
    cliquez sur « … » au bout de la ligne (« Paramètres de l’appareil »), puis sur « Révoquer ».

    Attention à ne révoquer que « Passerelle-test » : la ligne de Passerelle elle-même, ou celles de vos téléphones, les déconnecteraient.

tour-security-quiz-lost-phone = Vous avez perdu votre téléphone, qui était connecté à l’espace. Que faites-vous ?
tour-security-quiz-lost-phone-a = Rien, il est verrouillé
tour-security-quiz-lost-phone-a-feedback = Un verrouillage ne suffit pas toujours. Mieux vaut couper l’accès du téléphone à l’espace.
tour-security-quiz-lost-phone-b = Dans « Sécurité » → « Appareils & sessions », je révoque la ligne du téléphone
tour-security-quiz-lost-phone-b-feedback = Oui ! Le téléphone perd l’accès à l’espace, et vos autres appareils continuent de marcher. Changez aussi votre mot de passe s’il était enregistré dans le téléphone.
tour-security-quiz-lost-phone-c = Je supprime mon compte
tour-security-quiz-lost-phone-c-feedback = C’est beaucoup trop ! Révoquer la ligne du téléphone dans « Appareils & sessions » suffit.

tour-security-what-2fa =
    La double authentification (on dit aussi « authentification à deux facteurs ») ajoute une deuxième preuve à votre mot de passe : un code à 6 chiffres, qui change toutes les 30 secondes, affiché par une application sur votre téléphone. Même si quelqu’un devine votre mot de passe, il lui manque ce code.

    Deux applications libres affichent ces codes : Aegis (Android, sur F-Droid ou le Play Store) et FreeOTP (Android et iPhone).

tour-security-enable-2fa =
    Dans « Sécurité », cherchez la partie « Authentification à deux facteurs ». Elle n’y est pas ? Votre espace ne la propose pas : parlez-en aux personnes qui gèrent l’espace.

    Si elle y est :
    cochez « Activer les mots de passe à usage unique (TOTP) » ;
    scannez le QR code avec Aegis ou FreeOTP ;
    tapez le code à 6 chiffres affiché par l’application, puis cliquez sur « Vérifier » ;
    cliquez sur « Générer des codes de récupération » et gardez-les en lieu sûr (imprimés, par exemple) : ils vous dépannent si vous perdez votre téléphone.

    Avant d’activer : les logiciels qui se connectent avec votre mot de passe (agenda du téléphone, Thunderbird…) devront passer à un mot de passe d’application.

tour-security-well-done = Bravo ! Votre compte est mieux protégé. Ne donnez jamais votre mot de passe, même aux personnes qui gèrent l’espace : elles n’en ont pas besoin.

tour-security-app-password-field = Voici le champ « Nom de l’application », dans la partie « Appareils et sessions ». Tapez-y un nom qui vous dira plus tard à quoi sert ce mot de passe, par exemple « Téléphone ».
tour-security-app-password-field-fallback = Ouvrez le menu de votre avatar en haut à droite, puis « Paramètres », puis « Sécurité » dans la colonne de gauche. Descendez jusqu’à « Appareils et sessions » : le champ « Nom de l’application » et le bouton « Créer un nouveau mot de passe d’application » sont en bas de cette partie.
