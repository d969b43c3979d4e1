"""Le refus de signer le contrat et sa sanction (2018-2026)."""

from openfisca_core.periods import DateUnit

from openfisca_caqes.base import Variable
from openfisca_caqes.entities import Etablissement
from openfisca_caqes.montants import arrondi_euro


class refus_signature(Variable):
    value_type = bool
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "L'établissement a refusé, cette année, la proposition de contrat (ou d'avenant) qui lui a été faite (événement daté)"
    reference = [
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000041398036",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000044102672",
    ]
    documentation = (
        "Un refus est un événement : le saisir l'année de la proposition refusée (2018, 2022, 2025 : "
        "paramètre caqes.refus_signature.annee_proposition), pas chaque année sans contrat. "
        "Chaque refus saisi ouvre une pénalité ; l'absence de contrat qui en découle est `sous_contrat`."
    )


class sanction_refus_liste_en_sus(Variable):
    value_type = bool
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "Refus du volet obligatoire sanctionné par la réduction de 30 % de la liste en sus plutôt que par 1 % des produits (2018-2021)"
    reference = "Art. D.162-15 CSS version 2017 (LEGIARTI000034459846) ; ARS Occitanie 2017, réunions d'information sur le volet obligatoire, « Sanctions »"


class penalite_refus_signature(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Pénalité pour refus de signature (euros)"
    reference = [
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000034459846", "ARS Occitanie 2017, réunions d'information sur le volet obligatoire, « Sanctions »",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000041398036", "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000044102672", "ARS Occitanie 2021, présentation du nouveau CAQES",
    ]
    documentation = (
        "Une pénalité par proposition refusée, l'année du refus (Interprétation, voir "
        "caqes.refus_signature.annee_proposition) ; assise sur les produits du dernier exercice clos "
        "à la date du refus (N-1) ; arrondie à l'euro."
    )

    def formula_2018_01_01(etablissement, period, parameters):
        """En cas de refus : taux de pénalité × produits d'assurance maladie de l'année précédente, ou, si l'ARS retient cette sanction, taux de réduction × produits liste en sus de l'année précédente, à l'euro."""
        refus = parameters(period).caqes.refus_signature
        sur_produits = refus.taux * etablissement("produits_assurance_maladie", period.last_year)
        sur_liste_en_sus = refus.taux_reduction_liste_en_sus * etablissement(
            "produits_liste_en_sus_part_assurance_maladie", period.last_year
        )
        alternative = etablissement("sanction_refus_liste_en_sus", period)  # 2018-2021 seulement
        montant = alternative * sur_liste_en_sus + (1 - alternative) * sur_produits
        return etablissement("refus_signature", period) * arrondi_euro(montant)

    def formula_2022_01_01(etablissement, period, parameters):
        """En cas de refus l'année de la proposition : taux de pénalité × produits d'assurance maladie de l'année précédente, à l'euro."""
        taux = parameters(period).caqes.refus_signature.taux
        montant = taux * etablissement("produits_assurance_maladie", period.last_year)
        return etablissement("refus_signature", period) * arrondi_euro(montant)

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()


class sous_contrat(Variable):
    value_type = bool
    default_value = True
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "L'établissement est sous contrat : il n'a refusé aucune proposition depuis celle qui ouvre la période en cours"
    reference = [
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000041398036",
        "ARS Occitanie 2021, présentation du nouveau CAQES — « Cadre général du nouveau CAQES » : seuls les établissements signataires sont intéressés",
    ]
    documentation = (
        "Interprétation (caqes.refus_signature.annee_proposition) : un refus prive de contrat de l'année "
        "du refus jusqu'à la proposition suivante (2018, 2022, 2025). Sans contrat signé, pas "
        "d'intéressement ni de sanction de non-atteinte ; un refus n'ouvre que la pénalité de refus."
    )

    def formula_2018_01_01(etablissement, period, parameters):
        """Aucun refus saisi entre l'année de la proposition en vigueur et l'année évaluée."""
        debut = int(parameters(period).caqes.refus_signature.annee_proposition)
        annees = range(debut, period.start.year + 1)  # au plus quatre années, pas une boucle sur les sites
        refus = sum(etablissement("refus_signature", str(annee)).astype(int) for annee in annees)
        return refus == 0

    def formula_2027_01_01(etablissement, period):
        """CAQES abrogé au 1er janvier 2027 : plus de contrat."""
        return etablissement.filled_array(False)
