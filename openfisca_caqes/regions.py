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
    noms = [membre.name for membre in modalites.possible_values]
    presentes, rangs = _rangs(modalites, len(noms))
    table = np.array([_lire(noeud, (noms[i], *chemin), repli) for i in presentes])
    return table[rangs]


_DERNIERS: list[tuple[object, np.ndarray, np.ndarray]] = []  # (tableau de modalités, présentes, rangs), les plus récents


def _rangs(modalites, nombre: int) -> tuple[np.ndarray, np.ndarray]:
    """Les modalités présentes et le rang de chacune pour chaque établissement ; calculés une fois par tableau.

    Le même tableau de modalités (celui que garde la simulation, `code_region` d'une année) est lu
    par des centaines de paramètres : ses rangs sont gardés pour les quatre derniers tableaux vus, avec
    une référence au tableau lui-même (son identité ne peut donc pas resservir à un autre).
    """
    for tableau, presentes, rangs in _DERNIERS:
        if tableau is modalites:
            return presentes, rangs
    indices = np.asarray(modalites)
    presentes = np.flatnonzero(np.bincount(indices, minlength=nombre))  # sans tri : une passe
    rang = np.zeros(nombre, dtype=np.intp)
    rang[presentes] = np.arange(len(presentes))
    rangs = rang[indices]
    _DERNIERS.insert(0, (modalites, presentes, rangs))
    del _DERNIERS[4:]
    return presentes, rangs


par_region = par_modalite
