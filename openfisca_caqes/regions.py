"""Les règles par modalité (région, catégorie, statut) : un paramètre par modalité, lu pour chaque
établissement sans boucle sur eux.

Un dossier de paramètres régional a un enfant par code de région (voir l'enum `Region`) et peut
avoir un enfant `defaut` pour les régions sans fichier propre : ajouter une région, c'est ajouter
des fichiers. L'indexation vectorielle d'OpenFisca (`noeud[enum]`) cherche le nœud établissement
par établissement ; ici on lit une fois chaque modalité présente, puis on projette.
"""

import functools

import numpy as np


def _lire(noeud, cles, defaut):
    valeur = functools.reduce(lambda n, cle: n[cle] if n is not None and cle in n else None, cles, noeud)
    return defaut if valeur is None else valeur


def par_modalite(noeud, modalites, cle: str | None = None, defaut=0):
    """La valeur de `noeud.<modalité>.<cle>` pour chaque établissement (`modalites` : un tableau d'Enum).

    Une modalité sans fichier prend `noeud.defaut.<cle>` s'il existe, sinon `defaut`.
    """
    chemin = tuple(cle.split(".")) if cle else ()
    repli = _lire(noeud, ("defaut", *chemin), defaut)
    indices = np.asarray(modalites)
    noms = [membre.name for membre in modalites.possible_values]
    presentes = np.flatnonzero(np.bincount(indices, minlength=len(noms)))  # sans tri : une passe
    table = np.array([_lire(noeud, (noms[i], *chemin), repli) for i in presentes])
    rang = np.zeros(len(noms), dtype=np.intp)
    rang[presentes] = np.arange(len(presentes))
    return table[rang[indices]]


par_region = par_modalite
