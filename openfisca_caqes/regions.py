"""Les règles régionales : un paramètre par région, lu pour chaque établissement sans boucle sur eux.

Un dossier de paramètres régional a un enfant par code de région (voir l'enum `Region`) et peut
avoir un enfant `defaut` pour les régions sans fichier propre : ajouter une région, c'est ajouter
des fichiers.
"""

import functools

import numpy as np


def _lire(noeud, cles, defaut):
    valeur = functools.reduce(lambda n, cle: n[cle] if n is not None and cle in n else None, cles, noeud)
    return defaut if valeur is None else valeur


def par_region(noeud, code_region, cle: str | None = None, defaut=0):
    """La valeur de `noeud.<région>.<cle>` pour chaque établissement.

    Une région sans fichier prend `noeud.defaut.<cle>` s'il existe, sinon `defaut`. La table est
    construite sur les régions présentes (une vingtaine au plus), l'indexation est vectorielle.
    """
    chemin = tuple(cle.split(".")) if cle else ()
    repli = _lire(noeud, ("defaut", *chemin), defaut)
    indices = np.asarray(code_region)
    presentes = np.unique(indices)
    regions = list(code_region.possible_values)
    table = np.array([_lire(noeud, (regions[i].name, *chemin), repli) for i in presentes])
    return table[np.searchsorted(presentes, indices)]
