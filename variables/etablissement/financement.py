"""Ce que l'Assurance maladie verse à l'établissement : l'assiette des pénalités."""

from openfisca_core.periods import DateUnit

from openfisca_caqes.base import Variable
from openfisca_caqes.entities import Etablissement


class produits_assurance_maladie(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Produits reçus des régimes obligatoires d'assurance maladie dans l'année"
    reference = ["https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000041398036", "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000034459846", "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000044102672"]


class financement_assurance_maladie_total(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Financement total de l'établissement par l'assurance maladie dans l'année"
    reference = ["https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000053284498", "ARS Occitanie, webinaire de janvier 2026 (évaluation 2025 dans e-CARS) — « 8 - Les évolutions du dispositif » : la pénalité IFEP est plafonnée à 2 % du financement total"]


class produits_liste_en_sus_part_assurance_maladie(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Part assurance maladie des produits de la liste en sus (art. L.162-22-7) facturés dans l'année"
    reference = ["https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000034459846", "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000034459834"]


class depense_liste_en_sus(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Dépense de la liste en sus (médicaments et DMI) de l'année"
    reference = "ARS Occitanie 2021, présentation du nouveau CAQES, ciblage régional du volet produits de santé : dépenses 2019 de la liste en sus MO/DMI > 500 000 €"
