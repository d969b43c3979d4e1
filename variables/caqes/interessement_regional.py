"""L'intéressement régional du CAQES (contrat de deuxième génération et sa prorogation) : la somme des indicateurs régionaux.

Les outils communs aux règles régionales (paramètres par région, part gagnée, intéressement d'un
indicateur) sont dans le moteur : `openfisca_caqes.formules`.
"""

import numpy as np
from openfisca_core.periods import DateUnit

from openfisca_caqes.base import Variable
from openfisca_caqes.entities import Etablissement, Region
from openfisca_caqes.formules import INDICATEURS_REGIONAUX, REFERENCE_POTENTIEL, rapport, regles_regionales


class points_interessement_regional(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "Points de répartition par défaut de l'enveloppe : somme des poids des indicateurs régionaux ciblés"
    reference = REFERENCE_POTENTIEL

    def formula_2022_01_01(etablissement, period, parameters):
        """Somme des poids de répartition des indicateurs régionaux sur lesquels un établissement sous contrat est ciblé."""
        def points(indicateur):
            poids = regles_regionales(etablissement, period, parameters, indicateur)("poids_repartition")
            return poids * etablissement(f"ciblage_{indicateur}", period)

        return etablissement("sous_contrat", period) * sum(map(points, INDICATEURS_REGIONAUX))

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()


class valeur_point_interessement_regional(Variable):
    value_type = float
    entity = Region
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Valeur du point : enveloppe régionale / points des indicateurs régionaux ciblés de la région (euros)"
    reference = "ARS Occitanie, webinaire de janvier 2026 (évaluation 2025 dans e-CARS), « 2 types d'intéressement » : enveloppe régionale fermée"
    documentation = (
        "Interprétation (potentiel par défaut). Les seeds ne publient pas le potentiel de chaque "
        "indicateur : à défaut de `montant_potentiel_<indicateur>` saisi, l'enveloppe est répartie entre "
        "les couples (établissement, indicateur ciblé) de la région au prorata du poids de l'indicateur "
        "(paramètre `poids_repartition` de chaque indicateur, 1 par défaut). Dans une région dont seuls "
        "certains indicateurs régionaux sont écrits (Ile-de-France : la chirurgie ambulatoire), toute l'enveloppe "
        "irait à ceux-ci : y saisir les montants potentiels."
    )

    def formula_2022_01_01(region, period):
        """Enveloppe régionale des intéressements régionaux / somme des points des établissements de la région ; 0 sans point."""
        points = region.sum(region.members("points_interessement_regional", period))
        return rapport(region("enveloppe_regionale_interessements_regionaux", period), points)

    def formula_2027_01_01(region, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return region.empty_array()


class interessement_regional(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Intéressement régional gagné, avant application de l'enveloppe régionale (euros)"
    reference = [
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000044102658",
        "ARS Occitanie 2021, présentation du nouveau CAQES, « Indicateurs régionaux » ; ARS Occitanie, webinaire de janvier 2026 (évaluation 2025 dans e-CARS), « 2 types d'intéressement »",
    ]
    documentation = "Somme des intéressements des indicateurs régionaux ; nul hors des années du contrat. Le versé est interessement_regional_verse."

    def formula_2022_01_01(etablissement, period):
        """Somme des intéressements gagnés sur les indicateurs régionaux."""
        return sum(map(lambda nom: etablissement(f"interessement_regional_{nom}", period).astype(np.int64), INDICATEURS_REGIONAUX))

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()


class nombre_indicateurs_regionaux_cibles(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    reference = [
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000042685227",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000048702783",
    ]
    unit = "nombre"
    label = "Nombre d'indicateurs (ou sous-indicateurs) régionaux sur lesquels l'établissement est ciblé"

    def formula_2022_01_01(etablissement, period):
        """Nombre d'indicateurs régionaux sur lesquels l'établissement est ciblé."""
        return sum(map(lambda nom: etablissement(f"ciblage_{nom}", period).astype(np.int64), INDICATEURS_REGIONAUX))

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()
