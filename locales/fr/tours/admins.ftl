# Parcours « Administrer l’espace » (tours/admins/tour.toml), pour les administrateur·ices.
# Variables : $space = le nom de l’espace (ou « votre espace ») ; $name = le prénom de la personne.
# Libellés de Nextcloud 29 en français. Le dossier « Commun » est vérifié tel quel.

tour-admins-title = Administrer l’espace
tour-admins-summary = Pour les personnes qui gèrent l’espace : comptes des membres, groupes, droits d’administration et dossier commun.

tour-admins-welcome =
    Ce parcours est pour vous si vous gérez { $space } : vous créez les comptes des membres, vous organisez les groupes et vous veillez à ce que rien ne se perde.

    Rassurez-vous : tout se fait depuis le navigateur, sans ligne de commande.

tour-admins-accounts-page =
    Les comptes se gèrent dans la page « Comptes » : menu de votre rond en haut à droite → « Comptes » (« Utilisateurs » sur les versions plus anciennes).

    À gauche, le bouton « + Nouveau compte », puis les listes « Comptes actifs », « Administrateurs », « Comptes désactivés » et vos groupes. Au milieu, un compte par ligne.

    Sur Framaspace, un espace peut avoir jusqu’à 50 comptes : gardez de la place pour les nouveaux membres.

tour-admins-create-group =
    Les groupes rassemblent des membres : « Bureau », « Bénévoles », « Atelier vélo »… Un dossier ou un agenda partagé avec un groupe arrive d’un coup chez toutes et tous.

    Pour en créer un : dans la page « Comptes », à côté de « Groupes » dans la colonne de gauche, cliquez sur + (« Créer un groupe »), tapez le nom dans « Nom du groupe », puis appuyez sur Entrée. Créez par exemple le groupe « Membres ».

tour-admins-create-account =
    Pour créer le compte d’un·e adhérent·e :
    cliquez sur « + Nouveau compte » ;
    remplissez « Nom d’utilisateur » (l’identifiant, sans espace ni accent, par exemple camille.martin) et « Nom d’affichage » (Camille Martin) ;
    laissez « Mot de passe » vide et remplissez « E-mail » : la personne recevra un e-mail pour choisir elle-même son mot de passe ;
    dans « Groupes », ajoutez-la au groupe « Membres » ;
    cliquez sur « Ajouter un nouvel utilisateur » (ou « Ajouter le nouveau compte », selon la version).

    L’identifiant ne pourra plus être changé : choisissez-le bien.

tour-admins-welcome-members =
    Prévenez chaque nouveau membre, par e-mail ou de vive voix :
    l’adresse de l’espace (par exemple monasso.frama.space) ;
    son identifiant ;
    l’e-mail de bienvenue à guetter (regardez aussi dans les indésirables) pour choisir son mot de passe ;
    Passerelle, pour découvrir l’espace pas à pas.

    L’e-mail n’est jamais arrivé ? Dans la liste des comptes, le menu « … » de la ligne propose « Renvoyer l’e-mail de bienvenue ».

tour-admins-give-admin =
    Ne restez pas seul·e à administrer l’espace : donnez les droits d’administration à au moins une autre personne de confiance.

    Dans la liste des comptes, sur la ligne de la personne, cliquez sur le crayon (« Editer »). Dans la colonne « Groupes », ajoutez le groupe « admin », puis cliquez sur « Terminé ». La personne apparaît alors dans « Administrateurs », à gauche.

tour-admins-team-folder =
    Un dossier commun, partagé avec tout un groupe, évite que les documents restent dans le compte d’une seule personne.

    Dans « Fichiers », créez un dossier nommé « Commun » : cliquez sur « + Nouveau » puis « Nouveau dossier », tapez Commun, puis cliquez sur « Créer ».
tour-admins-team-folder-hint = Écrivez le nom exactement ainsi : Commun, avec un C majuscule. Le dossier doit se trouver dans « Tous les fichiers », pas dans un autre dossier.

tour-admins-share-team-folder =
    Partagez « Commun » avec un groupe :
    sur la ligne du dossier, cliquez sur l’icône de partage ;
    dans le champ de recherche de l’onglet « Partage », tapez Membres (ou le nom d’un autre groupe) ;
    cliquez sur la ligne marquée « (groupe) », puis choisissez « Autoriser le téléversement et la modification » ;
    cliquez sur « Enregistrer le partage ».
tour-admins-share-team-folder-hint = Le groupe n’apparaît pas ? Vérifiez dans la page « Comptes » qu’il existe, et tapez son nom exact. Si le partage avec les groupes est désactivé, vous pouvez le permettre dans « Paramètres d’administration » → « Partage ».

tour-admins-quiz-two-admins = Pourquoi donner les droits d’administration à au moins deux personnes ?
tour-admins-quiz-two-admins-a = Pour que l’espace reste gérable si l’une d’elles part, oublie son mot de passe ou n’est pas disponible
tour-admins-quiz-two-admins-a-feedback = Exactement ! Deux personnes de confiance, c’est l’assurance de ne jamais rester bloqué·es.
tour-admins-quiz-two-admins-b = Ce n’est pas utile : une seule personne suffit
tour-admins-quiz-two-admins-b-feedback = C’est risqué : si cette personne part ou perd son accès, plus personne ne peut créer de comptes ni aider les membres.

tour-admins-member-leaves =
    Quand un·e membre quitte l’association :
    transmettez d’abord ses fichiers, agendas et contacts à une autre personne, avec l’écran « Passation » de Passerelle ;
    puis, dans la page « Comptes », menu « … » de sa ligne → « Désactiver le compte » : la personne ne peut plus se connecter, mais rien n’est effacé ;
    plus tard, quand tout est transmis, « Supprimer le compte » libère une place parmi les 50 comptes de Framaspace.

    Attention : supprimer un compte efface aussi ses fichiers. Faites toujours la passation avant.
