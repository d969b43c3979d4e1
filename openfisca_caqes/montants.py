"""Les montants versés ou repris sont des euros entiers, exacts une fois additionnés.

Toutes les variables sont stockées sur 64 bits (`openfisca_caqes.base.Variable`) : les `float`
en float64 (exacts au centime jusqu'à des milliers de milliards d'euros), les `int` en int64.
Les montants de sortie (intéressements, pénalités, soldes) sont des `int` arrondis à l'euro le
plus proche (demi-euro vers le haut), là où la loi arrondit ; leurs sommes sont exactes.
"""

from fractions import Fraction

import numpy as np

from openfisca_caqes.erreurs import ErreurUtilisateur


def arrondi_euro(montant) -> np.ndarray:
    """Arrondit à l'euro le plus proche, le demi-euro vers le haut ; rend des entiers."""
    return np.floor(np.asarray(montant, dtype=np.float64) + 0.5).astype(np.int64)


def plafond_en_euros(taux: float, assiette) -> np.ndarray:
    """⌊taux × assiette⌋ exactement : le taux lu comme la fraction décimale écrite dans la loi, l'assiette comme le rationnel binaire qu'elle est."""
    fraction = Fraction(str(taux))
    numerateur, denominateur = fraction.numerator, fraction.denominator
    assiette = np.maximum(np.asarray(assiette, dtype=np.float64), 0.0)
    if (assiette >= 2.0**62).any():
        raise ErreurUtilisateur("assiette d'un plafond (produits ou financements) supérieure à 2^62 euros : donnée aberrante")
    mantisse, exposant = np.frexp(assiette)  # assiette = entier × 2^(exposant − 53), exactement
    entier = np.ldexp(mantisse, 53).astype(np.int64)
    decalage = 53 - exposant.astype(np.int64)
    # assiette ≥ 2^53 € : un entier ; assiette < 2^-9 € : plafond nul
    entier = np.where(decalage < 0, assiette.astype(np.int64), np.where(decalage > 62, 0, entier))
    decalage = np.clip(decalage, 0, 62)
    unites = entier >> decalage  # partie entière de l'assiette
    reste = entier - (unites << decalage)  # partie fractionnaire × 2^decalage, < 2^53
    if numerateur < 2**11:  # reste × numérateur < 2^64 : entiers machine non signés
        fractionnaire = ((reste.astype(np.uint64) * np.uint64(numerateur)) >> decalage.astype(np.uint64)).astype(np.int64)
        return (unites * numerateur + fractionnaire) // denominateur
    fractionnaire = (reste.astype(object) * numerateur) >> decalage.astype(object)
    return np.asarray((unites.astype(object) * numerateur + fractionnaire) // denominateur, dtype=np.int64)
