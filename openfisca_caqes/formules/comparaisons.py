"""Comparer des taux saisis à des cibles de la loi sans être trompé par la dernière décimale binaire."""

import numpy as np

# Décimales gardées quand on compare des taux : 0,9 saisi doit atteindre une cible de 0,9 même si
# le taux calculé vaut 0,8999999999 (division, valeur lue en simple précision dans un fichier).
DECIMALES_COMPARAISON = 6


def au_moins(valeur, seuil) -> np.ndarray:
    """valeur ≥ seuil, à la précision des taux (DECIMALES_COMPARAISON décimales)."""
    return np.round(np.asarray(valeur, dtype=np.float64) - seuil, DECIMALES_COMPARAISON) >= 0


def plus_que(valeur, seuil) -> np.ndarray:
    """valeur > seuil (strictement), à la précision des taux."""
    return np.round(np.asarray(valeur, dtype=np.float64) - seuil, DECIMALES_COMPARAISON) > 0


def difference(valeur, reference) -> np.ndarray:
    """valeur − reference (taux), arrondie à la précision des taux : une hausse de cinq points vaut exactement cinq points."""
    return np.round(np.asarray(valeur, dtype=np.float64) - np.asarray(reference, dtype=np.float64), DECIMALES_COMPARAISON)


def rapport(numerateur, denominateur) -> np.ndarray:
    """numérateur / dénominateur, 0 quand le dénominateur est nul."""
    denominateur = np.asarray(denominateur, dtype=np.float64)
    return np.where(denominateur > 0, numerateur / np.where(denominateur > 0, denominateur, 1), 0)
