"""Le refus de signer le contrat et sa sanction (2018-2026)."""

from openfisca_core.periods import DateUnit
from openfisca_caqes.base import Variable

from openfisca_caqes.entities import Etablissement
from openfisca_caqes.montants import arrondi_euro


class refus_signature(Variable):
    value_type = bool
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "L'établissement ciblé a refusé de signer le contrat pour l'année"
    reference = "Art. L.162-30-2 CSS (LEGIARTI000041398036) ; décision du DG ARS"


class sanction_refus_liste_en_sus(Variable):
    value_type = bool
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "Refus du volet obligatoire sanctionné par la réduction de 30 % de la liste en sus plutôt que par 1 % des produits (2018-2021)"
    reference = "Art. D.162-15 CSS version 2017 (LEGIARTI000034459846) ; seed 004, « Sanctions »"


class penalite_refus_signature(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Pénalité pour refus de signature (euros)"
    reference = [
        "Art. D.162-15 CSS version 2017 (LEGIARTI000034459846) ; seed 004, « Sanctions »",
        "Art. L.162-30-2 CSS (LEGIARTI000041398036) et D.162-15 version 2022 (LEGIARTI000044102672) ; seed 001",
    ]
    documentation = "Assise sur les produits du dernier exercice clos (N-1) ; arrondie à l'euro."

    def formula_2018_01_01(etablissement, period, parameters):
        refus = parameters(period).caqes.refus_signature
        sur_produits = refus.taux * etablissement("produits_assurance_maladie", period.last_year)
        sur_liste_en_sus = refus.taux_reduction_liste_en_sus * etablissement(
            "produits_liste_en_sus_part_assurance_maladie", period.last_year
        )
        alternative = etablissement("sanction_refus_liste_en_sus", period)
        montant = alternative * sur_liste_en_sus + (1 - alternative) * sur_produits
        return etablissement("refus_signature", period) * arrondi_euro(montant)

    def formula_2022_01_01(etablissement, period, parameters):
        taux = parameters(period).caqes.refus_signature.taux
        montant = taux * etablissement("produits_assurance_maladie", period.last_year)
        return etablissement("refus_signature", period) * arrondi_euro(montant)

    def formula_2027_01_01(etablissement, period):
        return etablissement.empty_array()


class sous_contrat(Variable):
    value_type = bool
    default_value = True
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "L'établissement est sous contrat : il n'a pas refusé de signer (il peut alors être intéressé)"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000041398036"
    documentation = "Sans contrat signé, pas d'intéressement : un refus n'ouvre que la pénalité de refus."

    def formula(etablissement, period):
        return ~etablissement("refus_signature", period)
