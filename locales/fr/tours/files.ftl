# Parcours « Ranger vos fichiers » (tours/files/tour.toml).
# Variables : $space = le nom de l’espace (ou « votre espace ») ; $name = le prénom de la personne.
# Libellés de Nextcloud 29 en français. Le dossier « Bureau » est vérifié tel quel : ne pas le traduire.

tour-files-title = Ranger vos fichiers
tour-files-summary = Envoyer un fichier dans l’espace, créer un dossier, y ranger le fichier et le retrouver.

tour-files-welcome =
    Sur { $space }, l’application « Fichiers » garde les documents de l’association : comptes-rendus, affiches, photos… Ouvrez-la avec l’icône en forme de dossier, en haut de la page.

    À gauche se trouve le menu : « Tous les fichiers », « Récents », « Favoris », « Partages »… Au milieu, la liste de vos fichiers et dossiers.

tour-files-already-know = Savez-vous déjà envoyer un fichier de votre ordinateur vers l’espace ?
tour-files-already-know-skip = Oui, je sais déjà le faire
tour-files-already-know-more = Non, montrez-moi

tour-files-new-menu =
    En haut de la liste, le bouton « + Nouveau » ouvre un petit menu :
    « Téléverser des fichiers » envoie des fichiers de votre ordinateur vers l’espace (sur certaines versions, cette ligne s’appelle « Téléchargement des fichiers ») ;
    « Nouveau dossier » crée un dossier à l’endroit où vous êtes.

    Téléverser, c’est envoyer une copie : le fichier reste aussi sur votre ordinateur.

tour-files-upload =
    Cliquez sur « + Nouveau » puis sur « Téléverser des fichiers ». Choisissez un fichier sur votre ordinateur (un document, une photo…), puis cliquez sur « Ouvrir ».

    Vous pouvez aussi faire glisser le fichier sur la liste. Attendez la fin de la barre de progression, puis cliquez sur « Vérifier ».
tour-files-upload-hint =
    Vérifiez que vous êtes bien dans « Tous les fichiers », et pas dans un sous-dossier : c’est là que Passerelle regarde. Cliquez sur « Tous les fichiers » dans le menu de gauche, puis envoyez le fichier à nouveau.

    Un gros fichier prend du temps : avec une connexion lente, commencez par un petit document.

tour-files-create-folder =
    Créez maintenant un dossier « Bureau », pour ranger par exemple les documents du bureau de l’association.

    Dans « Tous les fichiers », cliquez sur « + Nouveau » puis sur « Nouveau dossier ». Dans « Nom du dossier », tapez Bureau, puis cliquez sur « Créer » (ou appuyez sur Entrée).
tour-files-create-folder-hint =
    Écrivez le nom exactement ainsi : Bureau, avec un B majuscule et sans espace à la fin. Vous l’avez écrit autrement ? Cliquez sur « … » (« Actions ») au bout de sa ligne, puis sur « Renommer ».

    Le dossier doit se trouver dans « Tous les fichiers », pas à l’intérieur d’un autre dossier.

tour-files-move-file =
    Rangez un fichier dans « Bureau », par exemple celui que vous venez d’envoyer :
    au bout de la ligne du fichier, cliquez sur « … » (« Actions ») ;
    choisissez « Déplacer ou copier » ;
    dans la fenêtre « Choisir la destination », cliquez sur « Bureau » ;
    cliquez sur « Déplacer vers Bureau ».

    Plus rapide : faites glisser le fichier et lâchez-le sur le dossier « Bureau ».
tour-files-move-file-hint =
    Ouvrez le dossier « Bureau » : le fichier doit y apparaître. S’il est toujours à l’extérieur, vous avez peut-être choisi « Copier » : recommencez en cliquant sur « Déplacer vers Bureau ».

    Passerelle vérifie qu’un fichier de vos Fichiers se trouve maintenant dans « Bureau » et plus à l’extérieur (une copie laisserait l’original en place).

tour-files-find-file =
    Un fichier égaré ? Voici trois façons de le retrouver :
    la loupe en haut à droite (« Recherche unifiée ») : tapez quelques lettres de son nom, puis cliquez sur le résultat ;
    « Récents », dans le menu de gauche : les derniers fichiers modifiés ;
    « Favoris » : sur un fichier important, cliquez sur « … » puis « Ajouter aux favoris », et retrouvez-le ensuite en un clic.

    Essayez : cherchez le fichier que vous venez de ranger dans « Bureau ».

tour-files-quiz-deleted = Vous avez supprimé un fichier par erreur. Que faites-vous ?
tour-files-quiz-deleted-a = Rien : il est perdu pour toujours
tour-files-quiz-deleted-a-feedback = Rassurez-vous : un fichier supprimé est gardé un moment dans « Fichiers supprimés », en bas du menu de gauche.
tour-files-quiz-deleted-b = J’ouvre « Fichiers supprimés », en bas du menu de gauche, et je le restaure
tour-files-quiz-deleted-b-feedback = Bravo ! Sur la ligne du fichier, cliquez sur « Restaurer » : il revient à sa place. Ne tardez pas trop : la corbeille se vide au bout d’un certain temps.
tour-files-quiz-deleted-c = Je le cherche dans « Récents »
tour-files-quiz-deleted-c-feedback = Un fichier supprimé n’apparaît plus dans « Récents ». Regardez plutôt dans « Fichiers supprimés », en bas du menu de gauche.

tour-files-well-done =
    Bien joué ! Vous savez envoyer, ranger et retrouver vos fichiers sur { $space }.

    Un conseil : mettez-vous d’accord entre membres sur quelques dossiers communs (« Bureau », « Comptes-rendus », « Photos »…) : tout le monde s’y retrouvera plus vite. Prochaine étape : le parcours « Partager des fichiers ».

tour-files-new-button = Voici le bouton « + Nouveau », au-dessus de la liste des fichiers. Cliquez dessus pour ouvrir son menu.
tour-files-new-button-fallback = Il se trouve en haut de la page Fichiers, juste au-dessus de la liste, à côté du chemin du dossier (« Tous les fichiers »). Il porte un « + » et le mot « Nouveau ».
tour-files-new-folder-entry = Dans ce menu, « Nouveau dossier » crée un dossier là où vous êtes. « Téléverser des fichiers » envoie des fichiers de votre ordinateur.
tour-files-new-folder-entry-fallback = Cliquez d’abord sur « + Nouveau » au-dessus de la liste : un petit menu s’ouvre, avec « Téléverser des fichiers » en haut et « Nouveau dossier » juste en dessous.
