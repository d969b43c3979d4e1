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
    reference = "Art. L.162-30-2 et D.162-15 CSS : assiette de la pénalité de refus de signature (dernier exercice clos)"


class financement_assurance_maladie_total(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Financement total de l'établissement par l'assurance maladie dans l'année"
    reference = "Art. L.162-23-14 CSS (2027) ; seed 002 : la pénalité IFEP est plafonnée à 2 % du financement total"


class produits_liste_en_sus_part_assurance_maladie(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Part assurance maladie des produits de la liste en sus (art. L.162-22-7) facturés dans l'année"
    reference = "Art. D.162-15 (2017) et D.162-16 III CSS : assiette de la réfaction de 30 %"


class depense_liste_en_sus(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Dépense de la liste en sus (médicaments et DMI) de l'année"
    reference = "seed 001, ciblage régional du volet produits de santé : dépenses 2019 de la liste en sus MO/DMI > 500 000 €"
