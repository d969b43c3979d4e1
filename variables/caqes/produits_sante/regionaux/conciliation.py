"""Conciliation médicamenteuse (bon usage du médicament, indicateur régional)."""

import numpy as np
from openfisca_core.periods import DateUnit

from openfisca_caqes.base import Variable
from openfisca_caqes.entities import Etablissement
from openfisca_caqes.formules import (
    REFERENCE_POTENTIEL,
    au_moins,
    donnee_ciblage,
    interessement_indicateur,
    part_atteinte,
    regles_regionales,
    valeur_a_annees,
)

REFERENCE = [
    "ARS Occitanie 2021, présentation du nouveau CAQES, « Indicateur régional : Conciliation médicamenteuse » (Méthodologie, Ciblage, Cibles)",
    "ARS Occitanie 2024, avenant de prorogation, « Indicateur Conciliation médicamenteuse » (Définition Cibles 2025 et 2026)",
    "ARS Occitanie, webinaire de janvier 2026 (évaluation 2025 dans e-CARS), « Indicateur Conciliation médicamenteuse »",
]


class conciliations_realisees(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "nombre"
    label = "Conciliations médicamenteuses réalisées dans l'année (entrée ou sortie : 1 ; entrée et sortie : 2)"
    reference = REFERENCE


class montant_potentiel_conciliation(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Intéressement potentiel de l'indicateur conciliation médicamenteuse fixé par l'ARS (euros ; 0 : répartition par défaut)"
    reference = REFERENCE_POTENTIEL


class ciblage_conciliation(Variable):
    value_type = bool
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "Ciblé sur la conciliation médicamenteuse (séjours de médecine et chirurgie, ou de médecine, de l'année de référence au-delà des seuils)"
    reference = REFERENCE

    def formula_2022_01_01(etablissement, period, parameters):
        """Ciblé si l'établissement est dans le périmètre régional produits de santé, l'indicateur s'applique et ses séjours de médecine et chirurgie, ou de médecine, de l'année de référence atteignent les seuils."""
        regle = regles_regionales(etablissement, period, parameters, "conciliation")
        medecine = donnee_ciblage(etablissement, period, parameters, "sejours_medecine_domaines_cibles")
        chirurgie = donnee_ciblage(etablissement, period, parameters, "sejours_chirurgie_domaines_cibles")
        seuils = au_moins(medecine + chirurgie, regle("seuil_sejours_medecine_chirurgie")) | au_moins(
            medecine, regle("seuil_sejours_medecine")
        )
        perimetre = etablissement("ciblage_volet_regional_produits_sante", period)
        return perimetre & (regle("applicable") > 0) & seuils

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()


class sejours_conciliables(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "nombre"
    label = "Séjours potentiellement conciliables de l'année PMSI de référence (médecine et chirurgie des domaines ciblés, SSR, PSY)"
    reference = REFERENCE
    documentation = "Année de référence : paramètre daté annee_reference_sejours (voir ses valeurs datées)."

    def formula_2022_01_01(etablissement, period, parameters):
        """Séjours de l'année PMSI de référence : médecine et chirurgie des domaines ciblés, SSR et psychiatrie."""
        annee = regles_regionales(etablissement, period, parameters, "conciliation")("annee_reference_sejours")
        return sum(
            map(
                lambda variable: valeur_a_annees(etablissement, variable, annee),
                ("sejours_medecine_domaines_cibles", "sejours_chirurgie_domaines_cibles", "sejours_ssr", "sejours_psy"),
            )
        )

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()


class conciliation_cible(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "nombre"
    label = "Cible de conciliations médicamenteuses de l'année"
    reference = REFERENCE
    documentation = (
        "Taux (CHU ou hors CHU) × séjours conciliables ; avec la prorogation, ou (si supérieur) le nombre de "
        "conciliations réalisées l'année du paramètre annee_plancher_realise. Non arrondie."
    )

    def formula_2022_01_01(etablissement, period, parameters):
        """Taux cible (CHU ou hors CHU) × séjours conciliables, jamais moins que les conciliations réalisées l'année plancher."""
        regle = regles_regionales(etablissement, period, parameters, "conciliation")
        taux = np.where(etablissement("est_chu", period), regle("taux_cible_chu"), regle("taux_cible_hors_chu"))
        plancher = valeur_a_annees(etablissement, "conciliations_realisees", regle("annee_plancher_realise"))
        return np.maximum(taux * etablissement("sejours_conciliables", period), plancher)

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()


class taux_atteinte_conciliation(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = "Part de l'intéressement conciliation médicamenteuse gagnée (degré d'atteinte de la cible)"
    reference = REFERENCE

    def formula_2022_01_01(etablissement, period, parameters):
        """1 si la cible est atteinte, réalisé / cible si ce rapport atteint le seuil de paiement proportionnel, 0 sinon."""
        regle = regles_regionales(etablissement, period, parameters, "conciliation")
        return part_atteinte(
            etablissement("conciliations_realisees", period),
            etablissement("conciliation_cible", period),
            regle("seuil_paiement_proportionnel", 1),
        )

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()


class interessement_regional_conciliation(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Intéressement régional gagné sur la conciliation médicamenteuse (euros)"
    reference = REFERENCE

    def formula_2022_01_01(etablissement, period, parameters):
        """Potentiel de l'indicateur (saisi, sinon poids × valeur du point régional) × part gagnée, pour un établissement ciblé sous contrat, à l'euro et jamais au-delà d'un potentiel saisi."""
        return interessement_indicateur(etablissement, period, parameters, "conciliation")

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()
