# Parcours « Partager des fichiers » (tours/sharing/tour.toml).
# Variables : $space = le nom de l’espace (ou « votre espace ») ; $name = le prénom de la personne.
# Libellés de Nextcloud 29 en français. Le dossier « Essai partage » est vérifié tel quel.

tour-sharing-title = Partager des fichiers
tour-sharing-summary = Partager un dossier avec un·e membre, avec un groupe, ou par un lien protégé par un mot de passe.

tour-sharing-welcome =
    Sur { $space }, partager évite les pièces jointes par e-mail : tout le monde travaille sur le même document, toujours à jour.

    Il y a trois façons de partager :
    avec un·e membre de l’espace ;
    avec un groupe de membres (par exemple le bureau) ;
    avec un lien de partage : une adresse web que vous envoyez à qui vous voulez, même à une personne sans compte.

    Pour vous entraîner sans risque, vous allez partager un dossier d’essai, presque vide.

tour-sharing-create-folder = Dans « Fichiers », créez un dossier nommé « Essai partage » : cliquez sur « + Nouveau » puis « Nouveau dossier », tapez Essai partage, puis cliquez sur « Créer ».
tour-sharing-create-folder-hint = Écrivez le nom exactement ainsi : Essai partage (un E majuscule, une espace entre les deux mots). Le dossier doit se trouver dans « Tous les fichiers », pas dans un autre dossier.

tour-sharing-share-icon = Sur la ligne du dossier « Essai partage », cliquez sur l’icône de partage : une petite silhouette avec un +. Un panneau s’ouvre à droite, sur l’onglet « Partage ».
tour-sharing-share-icon-fallback = Vous ne trouvez pas l’icône ? Cliquez sur « … » (« Actions ») au bout de la ligne, puis sur « Ouvrir les détails », et choisissez l’onglet « Partage » dans le panneau de droite.

tour-sharing-share-input = En haut de l’onglet « Partage », sous « Recherche de destinataires de partages », se trouve un champ de recherche. C’est là que vous tapez le nom d’un·e membre ou d’un groupe.
tour-sharing-share-input-fallback = Ce champ affiche « Nom, adresse e-mail ou ID de Cloud Fédéré… » (ou « Nom ou adresse e-mail… »). Vous ne le voyez pas ? Attendez quelques secondes que le panneau se charge. S’il n’apparaît toujours pas, le partage est peut-être réservé à certains membres : demandez aux personnes qui gèrent l’espace.

tour-sharing-share-member =
    Partagez le dossier avec un·e membre :
    dans le champ de recherche, tapez les premières lettres de son nom ;
    cliquez sur la personne dans la liste ;
    choisissez ce qu’elle pourra faire : « Afficher seulement » ou « Autoriser le téléversement et la modification » ;
    cliquez sur « Enregistrer le partage ».

    Choisissez quelqu’un de prévenu, ou la personne qui anime l’atelier : elle recevra une notification.
tour-sharing-share-member-hint = Personne n’apparaît ? Tapez au moins trois lettres, puis attendez un instant. Essayez aussi le nom complet ou l’adresse e-mail de la personne. Si elle n’a pas de compte sur l’espace, vous ne la trouverez pas ici : un lien de partage conviendra mieux (c’est pour tout à l’heure).

tour-sharing-share-group =
    Partagez maintenant le même dossier avec un groupe : dans le même champ, tapez le nom d’un groupe (par exemple « Bureau » ou « Membres »), cliquez sur la ligne marquée « (groupe) », puis sur « Enregistrer le partage ».

    C’est pratique : les personnes qui rejoindront le groupe plus tard verront aussi le dossier.
tour-sharing-share-group-hint = Aucun groupe ne s’affiche ? Votre espace n’en a peut-être pas encore, ou le partage avec les groupes n’y est pas permis. Demandez aux personnes qui gèrent l’espace, ou cliquez sur « Passer cette étape ».

tour-sharing-what-link =
    Un lien de partage est une adresse web (elle commence par https://) qui ouvre le dossier dans un navigateur, sans compte. Toute personne qui a ce lien peut l’ouvrir : s’il est transféré, d’autres le pourront aussi.

    Deux protections simples :
    un mot de passe, à donner séparément ;
    une date d’expiration : après cette date, le lien ne marche plus.

tour-sharing-share-link =
    Créez un lien protégé pour « Essai partage » :
    dans l’onglet « Partage », à droite de « Lien de partage », cliquez sur + (« Créer un nouveau lien de partage ») : le lien est créé et copié ;
    cliquez sur « … » à côté du lien, puis sur « Personnaliser le lien » ;
    ouvrez « Paramètres avancés » ;
    cochez « Définir un mot de passe » et tapez un mot de passe ;
    cochez « Définir une date d’expiration » et choisissez une date ;
    cliquez sur « Mettre à jour le partage ».
tour-sharing-share-link-hint =
    Une petite fenêtre demande tout de suite un mot de passe ou une date (« Protection par mot de passe (forcée) ») ? Votre espace l’exige : remplissez-la, puis cliquez sur « Créer un partage ».

    Passerelle vérifie que le lien a un mot de passe et une date d’expiration. S’il en manque un, rouvrez « … » → « Personnaliser le lien » et complétez.

tour-sharing-quiz-password = Vous envoyez par e-mail un lien de partage protégé par un mot de passe. Comment donnez-vous le mot de passe ?
tour-sharing-quiz-password-a = Dans le même e-mail, juste sous le lien
tour-sharing-quiz-password-a-feedback = Mieux vaut éviter : si quelqu’un d’autre lit cet e-mail, il a le lien et le mot de passe.
tour-sharing-quiz-password-b = Par un autre moyen : SMS, téléphone ou de vive voix
tour-sharing-quiz-password-b-feedback = Oui ! Séparer le lien et le mot de passe, c’est ce qui rend la protection utile.
tour-sharing-quiz-password-c = Pas besoin, la personne le devinera
tour-sharing-quiz-password-c-feedback = Un bon mot de passe ne se devine pas ! Donnez-le, mais par un autre moyen que le lien : SMS, téléphone…

tour-sharing-tidy-up =
    Bravo, vous savez partager de trois façons !

    Pour retirer un partage d’essai : dans l’onglet « Partage » du dossier, cliquez sur « … » à côté de la personne, du groupe ou du lien, puis sur « Supprimer le partage » ou « Ne plus partager ». Ou supprimez simplement le dossier « Essai partage ».

    Pour retrouver tout ce que vous partagez, ouvrez « Partages » dans le menu de gauche de « Fichiers ».
