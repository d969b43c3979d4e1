"""Les montants versés ou repris sont des euros entiers, exacts une fois additionnés.

OpenFisca stocke les `float` en float32 (7 chiffres significatifs : 20 000 000 € n'y est exact
qu'à 2 € près). Les montants de sortie (intéressements, pénalités, soldes) sont donc des `int`
(int32, exacts jusqu'à 2,1 milliards d'euros), arrondis à l'euro le plus proche (demi-euro vers
le haut) ; leurs sommes se font en int64.
"""

import numpy as np


def arrondi_euro(montant) -> np.ndarray:
    """Arrondit à l'euro le plus proche, le demi-euro vers le haut ; rend des entiers."""
    return np.floor(np.asarray(montant, dtype=np.float64) + 0.5).astype(np.int64)
