"""L'enveloppe régionale fermée : ce qui est gagné, ce qui est versé, ce qui reste."""

import numpy as np
from openfisca_core.periods import DateUnit

from openfisca_caqes.base import Variable
from openfisca_caqes.entities import Etablissement, Region
from openfisca_caqes.repartition import repartir


class enveloppe_regionale(Variable):
    value_type = int
    entity = Region
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Enveloppe régionale fermée des intéressements régionaux de l'année évaluée (euros)"
    reference = [
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000048702783",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000048702923",
        "ARS Occitanie 2021, présentation du nouveau CAQES, « Indicateurs régionaux » : intéressement via une enveloppe FIR",
        "ARS Occitanie, webinaire de janvier 2026 (évaluation 2025 dans e-CARS), « Intéressement total » : enveloppe régionale fermée",
    ]
    documentation = "L'enveloppe qui paie, en N+1, les résultats de l'année N (année de performance)."


class interessement_national_region(Variable):
    value_type = int
    entity = Region
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Somme des intéressements nationaux des établissements de la région (euros)"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000048702783"

    def formula_2022_01_01(region, period):
        """La somme des intéressements nationaux des membres de la région."""
        return region.sum(region.members("interessement_national", period))


class interessement_national_impute_enveloppe(Variable):
    value_type = int
    entity = Region
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Intéressements nationaux payés dans l'enveloppe régionale fermée (euros ; 0 s'ils sont financés à part)"
    reference = [
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000048702783",
        "ARS Occitanie, webinaire de janvier 2026 (évaluation 2025 dans e-CARS) — « 2 types d'intéressement » : « Intéressement total … Enveloppe régionale fermée »",
    ]
    documentation = "Interprétation : paramètre caqes.enveloppe_regionale.interessement_national_dans_enveloppe (1 à partir de 2025)."

    def formula_2022_01_01(region, period, parameters):
        """Les intéressements nationaux de la région si le paramètre les met dans l'enveloppe, sinon 0."""
        dans = parameters(period).caqes.enveloppe_regionale.interessement_national_dans_enveloppe
        return region("interessement_national_region", period) * int(dans)

    def formula_2027_01_01(region, period):
        """CAQES abrogé au 1er janvier 2027 : plus d'imputation."""
        return region.empty_array()


class enveloppe_regionale_interessements_regionaux(Variable):
    value_type = int
    entity = Region
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Part de l'enveloppe régionale ouverte aux intéressements régionaux : enveloppe − nationaux imputés, au moins 0 (euros)"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000048702783"

    def formula_2022_01_01(region, period):
        """L'enveloppe moins les intéressements nationaux qui y sont payés, jamais négative."""
        return np.maximum(region("enveloppe_regionale", period) - region("interessement_national_impute_enveloppe", period), 0)


class enveloppe_regionale_interessements_regionaux_autre_lecture(Variable):
    value_type = int
    entity = Region
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Part de l'enveloppe ouverte aux intéressements régionaux dans l'autre lecture du financement des nationaux (euros)"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000048702783"
    documentation = "Même calcul, le paramètre interessement_national_dans_enveloppe inversé (pour afficher les deux lectures)."

    def formula_2022_01_01(region, period):
        """L'enveloppe moins les nationaux que la lecture en vigueur n'y impute pas (l'autre lecture les y imputerait)."""
        non_imputes = region("interessement_national_region", period) - region("interessement_national_impute_enveloppe", period)
        return np.maximum(region("enveloppe_regionale", period) - non_imputes, 0)

    def formula_2027_01_01(region, period):
        """CAQES abrogé au 1er janvier 2027 : plus d'imputation."""
        return region.empty_array()


class interessement_regional_demande(Variable):
    value_type = int
    entity = Region
    definition_period = DateUnit.YEAR
    reference = [
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000042685227",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000048702783",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000048702923",
    ]
    unit = "currency-EUR"
    label = "Somme des intéressements régionaux gagnés dans la région, avant enveloppe (euros)"

    def formula_2022_01_01(region, period):
        """Somme des intéressements régionaux gagnés par les établissements de la région."""
        return region.sum(region.members("interessement_regional", period))


class interessement_regional_verse(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Intéressement régional versé, après application de l'enveloppe régionale (euros)"
    reference = [
        "ARS Occitanie, webinaire de janvier 2026 (évaluation 2025 dans e-CARS), « Intéressement total » : enveloppe régionale fermée",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000044102658",
    ]

    def formula_2022_01_01(etablissement, period, parameters):
        """Intéressements régionaux gagnés répartis dans l'enveloppe fermée de la région (prorata et plus fort reste), chacun dans le plafond de sa part de l'enveloppe."""
        regles = parameters(period).caqes.enveloppe_regionale
        regions = etablissement.simulation.populations["region"]
        enveloppe = regions("enveloppe_regionale_interessements_regionaux", period)
        return repartir(
            etablissement("interessement_regional", period),
            regions.members_entity_id,
            enveloppe,
            plafond=regles.plafond_part_enveloppe * enveloppe[regions.members_entity_id],
            integrale=bool(regles.repartition_integrale),
        )

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()


class interessement_regional_verse_region(Variable):
    value_type = int
    entity = Region
    definition_period = DateUnit.YEAR
    reference = [
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000042685227",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000048702783",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000048702923",
    ]
    unit = "currency-EUR"
    label = "Intéressements régionaux versés dans la région (euros)"

    def formula_2022_01_01(region, period):
        """Somme des intéressements régionaux versés aux établissements de la région."""
        return region.sum(region.members("interessement_regional_verse", period))


class enveloppe_regionale_reliquat(Variable):
    value_type = int
    entity = Region
    definition_period = DateUnit.YEAR
    reference = [
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000042685227",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000048702783",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000048702923",
    ]
    unit = "currency-EUR"
    label = "Reliquat de l'enveloppe régionale non versé, après intéressements nationaux imputés et régionaux versés (euros)"

    def formula_2022_01_01(region, period):
        """L'enveloppe moins ce qu'elle paie : nationaux imputés et régionaux versés."""
        paye = region("interessement_national_impute_enveloppe", period) + region("interessement_regional_verse_region", period)
        return region("enveloppe_regionale", period) - paye


class coefficient_enveloppe_regionale(Variable):
    value_type = float
    entity = Region
    definition_period = DateUnit.YEAR
    reference = [
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000042685227",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000048702783",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000048702923",
    ]
    unit = "/1"
    label = "Coefficient appliqué aux intéressements régionaux gagnés (1 : versés en entier)"

    def formula_2022_01_01(region, period):
        """Intéressements régionaux versés / gagnés dans la région ; 1 si rien n'est gagné."""
        demande = region("interessement_regional_demande", period)
        verse = region("interessement_regional_verse_region", period)
        entier = np.ones_like(verse, dtype=np.float64)  # rien de gagné : rien à réduire
        return np.divide(verse, demande, out=entier, where=demande > 0)
