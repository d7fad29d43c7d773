# Parcours « Organiser avec l’agenda » (tours/calendar/tour.toml).
# Variables : $space = le nom de l’espace (ou « votre espace ») ; $name = le prénom de la personne.
# Libellés de Nextcloud 29 / Agenda 4.7 en français (dont « Paramètres de Agenda », tel qu’affiché).

tour-calendar-title = Organiser avec l’agenda
tour-calendar-summary = Créer un événement, inviter quelqu’un, partager un agenda et le retrouver sur votre téléphone.

tour-calendar-welcome =
    Ouvrez l’application « Agenda » : l’icône de calendrier, en haut de la page.

    À gauche, vous voyez vos agendas. « Personnel » est le vôtre, créé avec votre compte. Vous pouvez en créer d’autres, par exemple pour les permanences ou les réunions, et les partager avec les autres membres qui utilisent { $space }.

tour-calendar-create-event =
    Créez un événement dans les quatre semaines qui viennent :
    en haut à gauche, cliquez sur « + Événement » ;
    dans « Titre de l’événement », tapez par exemple Réunion d’essai ;
    choisissez le jour et l’heure ;
    cliquez sur « Enregistrer ».

    Astuce : vous pouvez aussi cliquer directement sur un jour du calendrier.
tour-calendar-create-event-hint =
    Passerelle cherche un événement qui commence dans les 31 prochains jours : vérifiez la date choisie.

    L’événement n’apparaît pas ? Vérifiez que l’agenda « Personnel » est affiché : dans la liste de gauche, son petit rond de couleur doit être plein.

tour-calendar-email-first =
    Pour inviter quelqu’un, l’espace envoie l’invitation depuis votre adresse e-mail. Vérifiez qu’elle est renseignée : menu de votre rond en haut à droite → « Paramètres » → « Informations personnelles » → « E-mail ».

    Sans adresse, l’Agenda affiche : « Pour envoyer des invitations et en gérer les réponses, ajoutez votre adresse e-mail dans vos paramètres personnels. »

tour-calendar-invite =
    Invitez une personne à votre événement :
    cliquez sur l’événement dans le calendrier, puis sur « Plus de détails » : un panneau s’ouvre à droite ;
    ouvrez l’onglet « Participants » ;
    dans « Rechercher des e-mails, des utilisateurs, des contacts ou des groupes », tapez un nom ou une adresse e-mail, puis choisissez la personne ;
    cliquez sur « Mettre à jour ».

    La personne reçoit une invitation et peut répondre oui, non ou peut-être.
tour-calendar-invite-hint =
    Pas de champ de recherche dans « Participants » ? Ajoutez d’abord votre adresse e-mail (étape précédente), puis rechargez la page.

    Pour un essai, invitez la personne qui anime l’atelier, ou une autre de vos adresses e-mail : tapez l’adresse en entier, puis choisissez-la dans la liste.

tour-calendar-create-calendar =
    Créez un agenda pour l’association, par exemple « Permanences » :
    dans la liste de gauche, cliquez sur « + Nouvel agenda » ;
    dans le petit menu, cliquez sur « Nouvel agenda » ;
    tapez son nom, puis appuyez sur Entrée.
tour-calendar-create-calendar-hint = Le nouvel agenda apparaît dans la liste de gauche, avec sa couleur. Passerelle cherche un agenda créé depuis le début de cette étape : si le vôtre existait déjà, créez-en un autre, ou cliquez sur « Passer cette étape ».

tour-calendar-share-calendar =
    Partagez cet agenda avec un·e membre ou un groupe :
    dans la liste de gauche, passez la souris sur l’agenda : un crayon apparaît (« Éditer et partager l’agenda ») ; cliquez dessus ;
    sous « Partager l’agenda », dans « Partager avec des utilisateurs ou des groupes », tapez un nom et choisissez la personne ou le groupe ;
    cochez « peut modifier » si elle doit pouvoir ajouter des événements ;
    cliquez sur « Enregistrer ».
tour-calendar-share-calendar-hint = Le crayon n’apparaît qu’au passage de la souris : placez-la bien sur le nom de l’agenda (selon la version, il s’appelle « Modifier et partager l’agenda »). Personne ne s’affiche dans la liste ? Tapez au moins trois lettres et attendez un instant.

tour-calendar-phone =
    Pour voir vos agendas sur votre téléphone, il faut l’adresse CalDAV de l’espace. CalDAV est la façon standard de synchroniser des agendas.

    Dans l’Agenda, tout en bas à gauche, cliquez sur « Paramètres de Agenda » (la roue dentée). Le bouton « Copier l’adresse CalDAV principale » sert pour Android (avec l’application DAVx⁵) ou Thunderbird ; « Copier l’adresse CalDAV pour iOS/macOS » sert pour un iPhone ou un Mac.

    Passerelle affiche aussi cette adresse et un QR code à côté de cette étape. Sur le téléphone, utilisez un mot de passe d’application plutôt que votre mot de passe (voir le parcours « Sécuriser votre compte »).

tour-calendar-quiz-public = Des bénévoles sans compte sur l’espace doivent voir les dates des permanences. Que faites-vous ?
tour-calendar-quiz-public-a = Je partage l’agenda avec eux dans « Partager avec des utilisateurs ou des groupes »
tour-calendar-quiz-public-a-feedback = Ce champ ne trouve que les personnes qui ont un compte sur l’espace. Pour les autres, il faut un lien de partage.
tour-calendar-quiz-public-b = Je crée un « Lien de partage » de l’agenda (dans « Éditer et partager l’agenda ») et je le leur envoie
tour-calendar-quiz-public-b-feedback = Oui ! Ce lien montre l’agenda en lecture seule, sans compte : les bénévoles voient les dates mais ne peuvent rien modifier.
tour-calendar-quiz-public-c = Je leur donne mon mot de passe
tour-calendar-quiz-public-c-feedback = Surtout pas : votre mot de passe est personnel. Un lien de partage fait très bien l’affaire.

tour-calendar-well-done =
    Bravo ! Votre agenda est prêt, et vous savez le partager avec les membres qui utilisent { $space }.

    Pour retirer un partage : rouvrez « Éditer et partager l’agenda », puis cliquez sur la corbeille à côté de la personne ou du groupe.

tour-calendar-new-event-button = Voici le bouton « + Événement », en haut à gauche. Il ouvre un petit formulaire pour un nouvel événement.
tour-calendar-new-event-button-fallback = En haut de la colonne de gauche de l’Agenda, au-dessus du petit calendrier et de la liste de vos agendas, cliquez sur « + Événement ». Vous pouvez aussi cliquer directement sur un jour dans la grille.
tour-calendar-edit-share-button = Voici le crayon « Modifier et partager l’agenda ». Il n’apparaît que lorsque la souris passe sur le nom de l’agenda, dans la liste à gauche.
tour-calendar-edit-share-button-fallback = Dans la colonne de gauche, passez la souris sur le nom de l’agenda : un petit crayon apparaît au bout de la ligne. Cliquez dessus pour ouvrir la fenêtre de modification et de partage.
