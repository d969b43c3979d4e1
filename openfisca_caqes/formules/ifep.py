"""Les objectifs de l'IFEP (art. L.162-23-14 CSS, version 2027) : quels indicateurs engagent quel établissement."""

import numpy as np
from openfisca_core import periods


def objectif_ifep(etablissement, period, parameters, nom: str) -> np.ndarray:
    """L'établissement a-t-il un objectif IFEP sur l'indicateur `nom` (retenu, et ciblé si la variante le veut) ?"""
    indicateurs = parameters(period).ifep.indicateurs
    cible_caqes = etablissement(f"ciblage_{nom}", periods.period(int(indicateurs.annee_ciblage_caqes)))
    return indicateurs.retenus[nom] * np.where(indicateurs.objectifs_etablissements_cibles > 0, cible_caqes, True)
