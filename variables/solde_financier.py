"""Ce que chaque régime verse ou reprend à l'établissement : le solde de l'année évaluée."""

from openfisca_core.periods import DateUnit

from openfisca_caqes.base import Variable
from openfisca_caqes.entities import EntiteJuridique, Etablissement, Region


class interessement_total(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    reference = [
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000041398036",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000042685227",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000048702783",
    ]
    unit = "currency-EUR"
    label = "Intéressements et dotations versés au titre de l'année évaluée (euros)"

    def formula_2018_01_01(etablissement, period):
        """L'intéressement des volets additionnels."""
        return etablissement("interessement_volets_additionnels", period)

    def formula_2022_01_01(etablissement, period):
        """L'intéressement national plus l'intéressement régional versé."""
        return etablissement("interessement_national", period) + etablissement("interessement_regional_verse", period)

    def formula_2027_01_01(etablissement, period):
        """La dotation complémentaire de l'IFEP."""
        return etablissement("ifep_dotation_complementaire", period)


class penalite_totale(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    reference = [
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000041398036",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000042685227",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000048702783",
    ]
    unit = "currency-EUR"
    label = "Pénalités au titre de l'année évaluée (euros)"

    def formula_2018_01_01(etablissement, period):
        """La pénalité de refus de signer plus les sanctions de non-atteinte."""
        return etablissement("penalite_refus_signature", period) + etablissement("penalite_non_atteinte", period)

    def formula_2022_01_01(etablissement, period):
        """La pénalité de refus de signer."""
        return etablissement("penalite_refus_signature", period)

    def formula_2027_01_01(etablissement, period):
        """La pénalité de l'IFEP."""
        return etablissement("ifep_penalite", period)


class solde_financier(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    reference = [
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000041398036",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000042685227",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000048702783",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000053271346",
    ]
    unit = "currency-EUR"
    label = "Solde financier : intéressements moins pénalités de l'année évaluée (euros)"
    documentation = "Année de performance. Le versement a lieu l'année suivante : voir solde_financier_annee_caisse."

    def formula(etablissement, period):
        """Intéressements moins pénalités de l'année évaluée."""
        return etablissement("interessement_total", period) - etablissement("penalite_totale", period)


class solde_financier_annee_caisse(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Solde financier encaissé dans l'année (résultats de l'année évaluée précédente) (euros)"
    reference = "ARS Occitanie, webinaire de janvier 2026 (évaluation 2025 dans e-CARS) : l'année N est évaluée et payée en N+1 ; en 2027 la région paie le CAQES de 2026"
    documentation = (
        "Année de caisse Y : le solde du CAQES de l'année évaluée Y − calendrier.delai_paiement et, à partir "
        "de 2027, celui de l'IFEP de l'année évaluée Y − ifep.calendrier.delai_paiement (hypothèse, 1 an) : "
        "chaque régime a son calendrier de paiement."
    )

    def formula(etablissement, period, parameters):
        """Le solde du CAQES de l'année évaluée calendrier.delai_paiement ans plus tôt."""
        delai = parameters(period).calendrier.delai_paiement
        return etablissement("solde_financier", period.offset(-int(delai), DateUnit.YEAR))

    def formula_2027_01_01(etablissement, period, parameters):
        """Le solde du CAQES de l'année évaluée calendrier.delai_paiement ans plus tôt, s'il en reste, plus celui de l'IFEP de l'année évaluée ifep.calendrier.delai_paiement ans plus tôt."""
        annee_caqes = period.offset(-int(parameters(period).calendrier.delai_paiement), DateUnit.YEAR)
        # Une année évaluée de l'IFEP n'a plus de part CAQES : son solde est celui de l'IFEP (ifep_solde).
        part_caqes = etablissement("solde_financier", annee_caqes) - etablissement("ifep_solde", annee_caqes)
        return part_caqes + etablissement("ifep_solde_annee_caisse", period)


class solde_financier_entite_juridique(Variable):
    value_type = int
    entity = EntiteJuridique
    definition_period = DateUnit.YEAR
    reference = [
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000041398036",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000042685227",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000048702783",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000053271346",
    ]
    unit = "currency-EUR"
    label = "Solde financier de l'entité juridique (somme de ses sites) (euros)"

    def formula(entite_juridique, period):
        """Somme des soldes des sites de l'entité juridique."""
        return entite_juridique.sum(entite_juridique.members("solde_financier", period))


class solde_financier_region(Variable):
    value_type = int
    entity = Region
    definition_period = DateUnit.YEAR
    reference = [
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000041398036",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000042685227",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000048702783",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000053271346",
    ]
    unit = "currency-EUR"
    label = "Solde financier des établissements de la région (euros)"

    def formula(region, period):
        """Somme des soldes des établissements de la région."""
        return region.sum(region.members("solde_financier", period))
