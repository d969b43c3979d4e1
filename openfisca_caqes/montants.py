"""Les montants versés ou repris sont des euros entiers, exacts une fois additionnés.

Toutes les variables sont stockées sur 64 bits (`openfisca_caqes.base.Variable`) : les `float`
en float64 (exacts au centime jusqu'à des milliers de milliards d'euros), les `int` en int64.
Les montants de sortie (intéressements, pénalités, soldes) sont des `int` arrondis à l'euro le
plus proche (demi-euro vers le haut), là où la loi arrondit ; leurs sommes sont exactes.
"""

import numpy as np


def arrondi_euro(montant) -> np.ndarray:
    """Arrondit à l'euro le plus proche, le demi-euro vers le haut ; rend des entiers."""
    return np.floor(np.asarray(montant, dtype=np.float64) + 0.5).astype(np.int64)
