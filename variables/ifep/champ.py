"""Le champ de l'IFEP : les établissements des 1°, 2° et 4° de l'article L.162-22 CSS."""

import numpy as np
from openfisca_core.periods import DateUnit
from openfisca_core.variables import Variable

from openfisca_caqes.entities import Etablissement


class ifep_dans_champ(Variable):
    value_type = bool
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "L'établissement est dans le champ de l'IFEP (activités des 1°, 2° et 4° de l'article L.162-22 CSS)"
    reference = [
        "seed 002_4f0875d0a44b943c.txt, « 8 - Les évolutions du dispositif » : établissements concernés, art. L.162-22 1°, 2°, 4°",
        "Art. L.162-23-14 CSS (LEGIARTI000053271346 ; version 2027 LEGIARTI000053284498)",
    ]
    documentation = (
        "Par catégorie d'établissement (parameters/ifep/champ/categories.yaml) : MCO, psychiatrie et "
        "SMR dans le champ ; HAD et dialyse lues comme des activités de MCO du 1° (interprétation). "
        "Faux avant 2027."
    )

    def formula_2027_01_01(etablissement, period, parameters):
        categorie = etablissement("categorie_etablissement", period)
        return par_categorie(parameters(period).ifep.champ.categories, categorie) > 0


def par_categorie(noeud, categorie) -> np.ndarray:
    """`noeud[categorie]` : la valeur de chaque catégorie présente, projetée sur les établissements.

    Mêmes valeurs que l'indexation vectorielle d'OpenFisca, qui cherche le nœud établissement par
    établissement (une seconde par million d'établissements) ; ici une lecture par catégorie.
    """
    noms = categorie.possible_values.names
    presentes = np.bincount(np.asarray(categorie), minlength=len(noms)) > 0
    table = np.array([noeud[nom] if presente else False for nom, presente in zip(noms, presentes)])
    return table[np.asarray(categorie)]
