"""AAPP sur la prescription de pansements (bon usage des dispositifs médicaux, indicateur régional)."""

from openfisca_core.periods import DateUnit

from openfisca_caqes.base import Variable
from openfisca_caqes.entities import Etablissement
from openfisca_caqes.formules import (
    REFERENCE_POTENTIEL,
    au_moins,
    donnee_ciblage,
    interessement_indicateur,
    regles_regionales,
)

REFERENCE = [
    "ARS Occitanie 2021, présentation du nouveau CAQES, « Indicateur régional : AAPP Pansements »",
    "ARS Occitanie 2024, avenant de prorogation, « Indicateur AAPP Pansements »",
    "ARS Occitanie, webinaire de janvier 2026 (évaluation 2025 dans e-CARS), « Indicateurs AAPP Perfadom et AAPP Pansements »",
]


class nombre_patients_pansements_categories_ciblees(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "nombre"
    label = "Patients ayant des dépenses PHEV de pansements des catégories ciblées par l'AAPP régionale"
    reference = REFERENCE
    documentation = "Sous-ensemble des pansements PHEV (catégories ciblées) ; l'indicateur national porte sur nombre_patients_pansements."


class depense_phev_pansements_categories_ciblees(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Dépense PHEV de pansements des catégories ciblées par l'AAPP régionale"
    reference = REFERENCE
    documentation = "Sous-ensemble de depense_phev_pansements (indicateur national)."


class aapp_pansements_realisee(Variable):
    value_type = bool
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "Étape de l'année de l'AAPP Pansements réalisée et suivie (plan d'actions actualisé validé à l'évaluation)"
    reference = REFERENCE


class montant_potentiel_aapp_pansements(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Intéressement potentiel de l'indicateur AAPP Pansements fixé par l'ARS (euros ; 0 : répartition par défaut)"
    reference = REFERENCE_POTENTIEL


class ciblage_aapp_pansements(Variable):
    value_type = bool
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "Ciblé sur l'AAPP Pansements (patients ou dépenses de pansements de l'année de référence au-delà des seuils)"
    reference = REFERENCE

    def formula_2022_01_01(etablissement, period, parameters):
        """Ciblé si l'établissement est dans le périmètre régional produits de santé, l'indicateur s'applique et ses patients ou sa dépense de pansements de l'année de référence atteignent un seuil."""
        regle = regles_regionales(etablissement, period, parameters, "aapp_pansements")
        patients = donnee_ciblage(etablissement, period, parameters, "nombre_patients_pansements_categories_ciblees")
        depense = donnee_ciblage(etablissement, period, parameters, "depense_phev_pansements_categories_ciblees")
        seuils = au_moins(patients, regle("seuil_patients")) | au_moins(depense, regle("seuil_depense"))
        perimetre = etablissement("ciblage_volet_regional_produits_sante", period)
        return perimetre & (regle("applicable") > 0) & seuils

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()


class taux_atteinte_aapp_pansements(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = "Part de l'intéressement AAPP Pansements gagnée (étape de l'année réalisée : tout ou rien)"
    reference = REFERENCE

    def formula_2022_01_01(etablissement, period):
        """1 si l'étape de l'AAPP Pansements de l'année est réalisée, 0 sinon : l'intéressement est tout ou rien."""
        return etablissement("aapp_pansements_realisee", period) * 1

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()


class interessement_regional_aapp_pansements(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Intéressement régional gagné sur l'AAPP Pansements (euros)"
    reference = REFERENCE

    def formula_2022_01_01(etablissement, period, parameters):
        """Potentiel de l'indicateur (saisi, sinon poids × valeur du point régional) × part gagnée, pour un établissement ciblé sous contrat, à l'euro et jamais au-delà d'un potentiel saisi."""
        return interessement_indicateur(etablissement, period, parameters, "aapp_pansements")

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()
