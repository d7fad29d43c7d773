# Parcours « Gérer les contacts » (tours/contacts/tour.toml).
# Variables : $space = le nom de l’espace (ou « votre espace ») ; $name = le prénom de la personne.
# Libellés de Nextcloud 29 / Contacts 6.0 en français.

tour-contacts-title = Gérer les contacts
tour-contacts-summary = Enregistrer un contact, partager un carnet d’adresses avec d’autres membres et le retrouver sur votre téléphone.

tour-contacts-welcome =
    Ouvrez l’application « Contacts » : l’icône de silhouette, en haut de la page.

    Les contacts sont rangés dans des carnets d’adresses. Le carnet « Contacts » est le vôtre. Partager un carnet évite que chaque personne qui utilise { $space } tienne sa propre liste des partenaires, des fournisseurs ou des bénévoles.

tour-contacts-create-contact =
    Enregistrez un contact, par exemple un partenaire de l’association :
    en haut à gauche, cliquez sur « + Nouveau contact » ;
    dans « Nom », tapez son nom ;
    ajoutez un numéro de « Téléphone » ou une adresse « E-mail » si vous voulez ;
    cliquez sur « Enregistrer ».
tour-contacts-create-contact-hint = Le contact n’apparaît pas dans la liste ? Vérifiez que vous avez bien cliqué sur « Enregistrer », puis regardez dans « Tous les contacts », à gauche. Un nom est indispensable : sans lui, le contact s’appelle « Nouveau contact ».

tour-contacts-address-books =
    Vos carnets d’adresses sont dans les réglages de l’application : tout en bas à gauche, cliquez sur « Paramètres de Contacts ». La partie « Carnets d’adresses » les liste tous.

    Vous pouvez y créer un carnet réservé à l’association avec « Ajouter un nouveau carnet d’adresses », par exemple « Partenaires ». Ensuite, dans la fiche d’un contact, le champ « Carnet d’adresses » permet de choisir où il est rangé.

tour-contacts-share-addressbook =
    Partagez un carnet d’adresses avec un·e membre ou un groupe :
    dans « Paramètres de Contacts », partie « Carnets d’adresses », cliquez sur l’icône de partage à droite du carnet ;
    dans « Partager avec des utilisateurs ou des groupes », tapez un nom ;
    choisissez la personne ou le groupe dans la liste.

    Le partage est enregistré tout de suite.
tour-contacts-share-addressbook-hint = Personne ne s’affiche ? Tapez au moins trois lettres et attendez un instant. Pas d’icône de partage à côté du carnet ? Ce carnet est peut-être partagé avec vous par quelqu’un d’autre : vous ne pouvez partager que les vôtres.

tour-contacts-quiz-who-sees = Qui voit les contacts rangés dans votre carnet « Contacts » ?
tour-contacts-quiz-who-sees-a = Tous les membres de l’espace
tour-contacts-quiz-who-sees-a-feedback = Non : un carnet d’adresses reste privé tant que vous ne le partagez pas.
tour-contacts-quiz-who-sees-b = Vous seul·e, et les personnes avec qui vous l’avez partagé
tour-contacts-quiz-who-sees-b-feedback = Exactement ! Pensez-y avant de partager : les contacts sont des données personnelles, ne partagez un carnet qu’avec les personnes qui en ont besoin.

tour-contacts-phone =
    Pour retrouver vos contacts sur votre téléphone :
    sur Android, installez l’application DAVx⁵ (depuis F-Droid ou le Play Store) et connectez-la à l’adresse de l’espace ;
    sur iPhone, ouvrez Réglages → Contacts (ou Apps → Contacts) → Comptes → Ajouter un compte → Autre → « Ajouter un compte CardDAV », puis indiquez l’adresse de l’espace.

    Dans les deux cas, utilisez un mot de passe d’application plutôt que votre mot de passe (voir le parcours « Sécuriser votre compte »). L’adresse d’un carnet se copie dans « Paramètres de Contacts » : « … » à côté du carnet → « Copier le lien ».

tour-contacts-well-done = Bravo ! Vos contacts sont enregistrés sur { $space } et vous savez les partager. Pour retirer un partage, rouvrez l’icône de partage du carnet et supprimez la personne ou le groupe.

tour-contacts-new-contact-button = Voici le bouton « Nouveau contact », en haut de la colonne de gauche.
tour-contacts-new-contact-button-fallback = Dans l’application Contacts, en haut à gauche, au-dessus de la liste des groupes, cliquez sur « + Nouveau contact ». Une fiche vide s’ouvre à droite.
