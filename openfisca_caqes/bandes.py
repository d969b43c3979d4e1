"""Les bandes de gagnants et perdants (à la PolicyEngine) et les mouvements de champ d'une comparaison."""

from __future__ import annotations

import numpy as np

# Bandes de gagnants et perdants (à la PolicyEngine) : écart du solde rapporté aux produits de
# l'assurance maladie N-1. PolicyEngine coupe à 5 % du revenu ; ici les montants en jeu sont des
# fractions de point des produits (pénalité de refus 1 %, plafond IFEP 2 %) : coupure à 0,1 %.
SEUIL_BANDE = 0.001
ORDRE_BANDES = ("gain_fort", "gain_faible", "aucun", "perte_faible", "perte_forte", "non_mesurable")


def _bornes(seuil: float) -> dict[str, str]:
    texte = f"{seuil * 100:.2g} %".replace(".", ",")
    return {
        "gain_fort": f"Gain > {texte} des produits",
        "gain_faible": f"Gain ≤ {texte}",
        "aucun": "Aucun changement",
        "perte_faible": f"Perte ≤ {texte}",
        "perte_forte": f"Perte > {texte} des produits",
        "non_mesurable": "Écart sans produits connus",
    }


def bandes(ecart: np.ndarray, denominateur: np.ndarray, seuil: float = SEUIL_BANDE) -> np.ndarray:
    """La bande de chaque établissement (codes de ORDRE_BANDES) : vectoriel."""
    return np.array(CODES_BANDES)[_indices_bandes(ecart, denominateur, seuil)]


# Les codes dans l'ordre des conditions de `_indices_bandes` (la dernière : le cas par défaut).
CODES_BANDES = ("aucun", "non_mesurable", "gain_fort", "gain_faible", "perte_faible", "perte_forte")
CODES_MOUVEMENT = ("reste", "entre", "sort", "hors")


def _indices_bandes(ecart, denominateur, seuil: float) -> np.ndarray:
    """Le rang de la bande de chaque établissement dans CODES_BANDES."""
    ecart = np.asarray(ecart, dtype=np.float64)
    denominateur = np.asarray(denominateur, dtype=np.float64)
    mesurable = denominateur > 0
    relatif = np.divide(ecart, denominateur, out=np.zeros_like(ecart), where=mesurable)
    conditions = [ecart == 0, ~mesurable, relatif > seuil, relatif > 0, relatif >= -seuil]
    return np.select(conditions, range(len(conditions)), default=len(conditions))


def _textes(codes: tuple[str, ...], indices: np.ndarray) -> np.ndarray:
    """Les codes des lignes, chaque texte partagé (un pointeur par ligne, pas une chaîne par ligne)."""
    return np.array(codes, dtype=object)[indices]
