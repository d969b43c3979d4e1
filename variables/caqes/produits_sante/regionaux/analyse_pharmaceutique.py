"""Analyse pharmaceutique (bon usage du médicament, indicateur régional)."""

from openfisca_core.periods import DateUnit

from openfisca_caqes.base import Variable
from openfisca_caqes.entities import Etablissement
from openfisca_caqes.formules import (
    REFERENCE_POTENTIEL,
    interessement_indicateur,
    part_atteinte,
    regles_regionales,
)

REFERENCE = [
    "ARS Occitanie 2021, présentation du nouveau CAQES, « Indicateur régional : Analyse pharmaceutique » (Ciblage, Cibles)",
    "ARS Occitanie 2024, avenant de prorogation, « Indicateur Analyse Pharmaceutique » (Définition Cibles 2025 et 2026)",
    "ARS Occitanie, webinaire de janvier 2026 (évaluation 2025 dans e-CARS), « Indicateur Analyse Pharmaceutique » : situation en fin d'année, en nombre de lits",
]


class taux_lits_analyse_pharmaceutique(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = "Part des lits (hors réanimation, surveillance continue, UHCD, néonatalogie) bénéficiant d'une analyse pharmaceutique de niveau 2 ou 3 en fin d'année"
    reference = REFERENCE


class montant_potentiel_analyse_pharmaceutique(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Intéressement potentiel de l'indicateur analyse pharmaceutique fixé par l'ARS (euros ; 0 : répartition par défaut)"
    reference = REFERENCE_POTENTIEL


class ciblage_analyse_pharmaceutique(Variable):
    value_type = bool
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "Ciblé sur l'analyse pharmaceutique (tout établissement de la partie régionale du volet produits de santé)"
    reference = REFERENCE

    def formula_2022_01_01(etablissement, period, parameters):
        """Ciblé si l'établissement est dans le périmètre régional produits de santé et que l'indicateur s'applique dans la région."""
        regle = regles_regionales(etablissement, period, parameters, "analyse_pharmaceutique")
        return etablissement("ciblage_volet_regional_produits_sante", period) & (regle("applicable") > 0)

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()


class analyse_pharmaceutique_cible(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = "Cible de la part des lits bénéficiant d'une analyse pharmaceutique de niveau 2 ou 3"
    reference = REFERENCE

    def formula_2022_01_01(etablissement, period, parameters):
        """Le taux cible de lits avec analyse pharmaceutique fixé par la région."""
        return regles_regionales(etablissement, period, parameters, "analyse_pharmaceutique")("taux_cible")

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()


class taux_atteinte_analyse_pharmaceutique(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = "Part de l'intéressement analyse pharmaceutique gagnée (degré d'atteinte de la cible)"
    reference = REFERENCE

    def formula_2022_01_01(etablissement, period, parameters):
        """1 si la cible est atteinte, réalisé / cible si ce rapport atteint le seuil de paiement proportionnel, 0 sinon."""
        regle = regles_regionales(etablissement, period, parameters, "analyse_pharmaceutique")
        return part_atteinte(
            etablissement("taux_lits_analyse_pharmaceutique", period),
            etablissement("analyse_pharmaceutique_cible", period),
            regle("seuil_paiement_proportionnel", 1),
        )

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()


class interessement_regional_analyse_pharmaceutique(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Intéressement régional gagné sur l'analyse pharmaceutique (euros)"
    reference = REFERENCE

    def formula_2022_01_01(etablissement, period, parameters):
        """Potentiel de l'indicateur (saisi, sinon poids × valeur du point régional) × part gagnée, pour un établissement ciblé sous contrat, à l'euro et jamais au-delà d'un potentiel saisi."""
        return interessement_indicateur(etablissement, period, parameters, "analyse_pharmaceutique")

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()
