"""L'intéressement national du CAQES rénové : la somme des huit indicateurs nationaux, révisable à la baisse."""

import numpy
from openfisca_core.periods import DateUnit

from openfisca_caqes.base import Variable
from openfisca_caqes.entities import Etablissement
from openfisca_caqes.formules import ARTICLE_D162_16_V, INDICATEURS_NATIONAUX
from openfisca_caqes.montants import arrondi_euro

SEED_CADRE = "ARS Occitanie 2021, présentation du nouveau CAQES — « Cadre général du nouveau CAQES » : intéressement des indicateurs nationaux"


class coefficient_revision_interessement_national(Variable):
    value_type = float
    default_value = float(1)  # pas de révision
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = "Coefficient de révision à la baisse de l'intéressement national décidé par le DG ARS (1 : pas de révision)"
    reference = [ARTICLE_D162_16_V, "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000053220456"]
    documentation = (
        "Le code de la sécurité sociale (article en référence, V 2°) : les intéressements nationaux sont "
        "« révisés le cas échéant à la baisse » par le DG ARS selon le degré de réalisation de l'ensemble "
        "des objectifs du contrat. Borné à [0, 1] : la révision ne peut que baisser l'intéressement."
    )


class nombre_indicateurs_nationaux_cibles(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "nombre"
    label = "Nombre d'indicateurs nationaux sur lesquels l'établissement est ciblé dans l'année"
    reference = SEED_CADRE
    documentation = (
        "Compte les ciblage_* nationaux de l'année. L'indicateur IEC vs ARA II, pré-ciblé pour la "
        "première campagne puis supprimé, compte l'année de cette campagne, comme dans les effectifs "
        "du seed (cinq indicateurs nationaux de produits de santé)."
    )

    def formula_2022_01_01(etablissement, period):
        """Nombre d'indicateurs nationaux sur lesquels l'établissement est ciblé."""
        return sum(etablissement(f"ciblage_{nom}", period).astype(int) for nom in INDICATEURS_NATIONAUX)

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()


class interessement_national_avant_revision(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Somme des intéressements des indicateurs nationaux, avant révision par le DG ARS (euros)"
    reference = [SEED_CADRE, ARTICLE_D162_16_V]

    def formula_2022_01_01(etablissement, period):
        """Somme des intéressements des huit indicateurs nationaux."""
        return sum(etablissement(f"interessement_{nom}", period) for nom in INDICATEURS_NATIONAUX)

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()


class interessement_national(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Intéressement national de l'année évaluée, après révision éventuelle par le DG ARS (euros)"
    reference = [SEED_CADRE, ARTICLE_D162_16_V, "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000053220456"]
    documentation = "Somme des intéressements nationaux multipliée par le coefficient de révision (borné à [0, 1]), arrondie à l'euro."

    def formula_2022_01_01(etablissement, period):
        """Intéressement national avant révision × coefficient de révision du DG ARS (borné à [0, 1]), à l'euro."""
        coefficient = numpy.clip(etablissement("coefficient_revision_interessement_national", period), 0, 1)
        return arrondi_euro(coefficient * etablissement("interessement_national_avant_revision", period))

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()
