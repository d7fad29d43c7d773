# Messages d’erreur. Chaque code d’erreur `<code>` a ici un message `error-<code>`
# qui dit ce qui s’est passé et quoi faire ensuite.

error-unknown = Quelque chose s’est mal passé. Réessayez ; si cela recommence, notez ce que vous faisiez et écrivez à la personne qui vous accompagne.
error-profile-name-empty = Écrivez un prénom ou un nom pour ce profil.
error-profile-name-taken = Ce nom est déjà pris sur cet ordinateur. Choisissez ce profil dans la liste, ou ajoutez une initiale (par exemple « Camille D. »).
error-profile-not-found = Ce profil n’existe plus sur cet ordinateur. Choisissez-en un autre ou créez-en un.
error-store = Passerelle n’arrive pas à lire ou écrire ses données sur cet ordinateur. Vérifiez qu’il reste de la place sur le disque, puis redémarrez Passerelle.
error-data-dir = Passerelle ne peut pas utiliser son dossier de données. Vérifiez qu’il reste de la place sur le disque et que vous avez le droit d’y écrire.
error-no-data-dir = Passerelle ne trouve pas de dossier personnel où ranger ses données sur cet ordinateur.
error-invalid-value = Cette valeur n’est pas acceptée. Vérifiez ce que vous avez saisi (un nom de profil compte au plus 80 caractères).

# Avis affichés une fois au démarrage. `$path` : l’endroit où l’ancien fichier est gardé.
notice-store-damaged = Les données locales de Passerelle étaient abîmées. Rien n’a été effacé : l’ancien fichier est gardé ici : { $path }. Passerelle repart avec des données neuves.
notice-store-newer = Ces données locales viennent d’une version plus récente de Passerelle. Rien n’a été effacé : elles sont gardées ici : { $path }. Installez la version la plus récente pour les retrouver.
