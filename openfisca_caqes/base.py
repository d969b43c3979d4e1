"""Ce que les fichiers de variables importent du moteur : une `Variable` stockée sur 64 bits.

openfisca-core 46 stocke `value_type = float` en float32 (7 chiffres significatifs) et
`value_type = int` en int32 (plafond 2 147 483 647) : un produit de 459 534 580,30 € se relit
459 534 592 €, une enveloppe de 3 milliards d'euros devient négative (openfisca-core#1378).
Le type de stockage d'une variable est son attribut `dtype` : `Holder.set_input` y convertit les
entrées, `Simulation._cast_formula_result` les résultats de formule, `Variable.default_array`
les valeurs par défaut. Cette classe le porte à float64 et int64 ; les autres types sont inchangés.
Voir `docs/conventions.md`, « Montants exacts ».
"""

import numpy
from openfisca_core.variables import Variable as _VariableOpenFisca

TYPES_64_BITS = {float: numpy.float64, int: numpy.int64}


class Variable(_VariableOpenFisca):
    """Une variable OpenFisca dont les `float` sont des float64 et les `int` des int64."""

    def __init__(self, baseline_variable=None) -> None:
        super().__init__(baseline_variable)
        self.dtype = TYPES_64_BITS.get(self.value_type, self.dtype)
