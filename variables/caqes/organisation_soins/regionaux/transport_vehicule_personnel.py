"""Transports en véhicule personnel (indicateur régional du volet organisation des soins, contrat initial).

Porte aussi les nombres de transports communs à l'indicateur composite de la prorogation. Les montants
de transports du ciblage sont ceux de l'indicateur national (ambulance + TAP :
depense_transport_ambulance_assis).
"""

import numpy as np
from openfisca_core.periods import DateUnit

from openfisca_caqes.base import Variable
from openfisca_caqes.entities import Etablissement
from openfisca_caqes.formules import (
    REFERENCE_POTENTIEL,
    au_moins,
    interessement_indicateur,
    plus_que,
    rapport,
    regles_regionales,
    valeur_a_annees,
)

REFERENCE = [
    "ARS Occitanie 2021, présentation du nouveau CAQES, « Indicateur régional – Véhicule personnel » (Méthodologie ciblage, Indicateur régional)",
    "ARS Occitanie 2024, avenant de prorogation, « Avenant 2024 pour les années 2025-2026 » : « Transport par moyens personnels »",
]


class nombre_transports_prescrits(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "nombre"
    label = "Transports prescrits par l'établissement dans l'année, quel que soit le mode de transport"
    reference = REFERENCE


class nombre_transports_vehicule_personnel(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "nombre"
    label = "Transports prescrits effectués en véhicule personnel (VP) dans l'année"
    reference = REFERENCE


class taux_vehicule_personnel_cible(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = "Cible de la part des transports en véhicule personnel inscrite au contrat (0 : cible par défaut)"
    reference = REFERENCE


class montant_potentiel_transport_vehicule_personnel(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Intéressement potentiel de l'indicateur transports en véhicule personnel fixé par l'ARS (euros ; 0 : répartition par défaut)"
    reference = REFERENCE_POTENTIEL


class taux_transports_vehicule_personnel(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = "Part des transports prescrits effectués en véhicule personnel"
    reference = REFERENCE

    def formula(etablissement, period):
        """Transports en véhicule personnel / transports prescrits ; 0 sans transport."""
        return rapport(etablissement("nombre_transports_vehicule_personnel", period), etablissement("nombre_transports_prescrits", period))


class ciblage_transport_vehicule_personnel(Variable):
    value_type = bool
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "Ciblé sur l'indicateur régional transports en véhicule personnel (dépenses de transports de l'année de référence au-delà du seuil)"
    reference = REFERENCE

    def formula_2022_01_01(etablissement, period, parameters):
        """Ciblé si l'indicateur s'applique dans la région et que la dépense de transports de l'année de référence dépasse le seuil régional."""
        regle = regles_regionales(etablissement, period, parameters, "transport_vehicule_personnel")
        depense = valeur_a_annees(etablissement, "depense_transport_ambulance_assis", regle("annee_reference_ciblage"))
        return (regle("applicable") > 0) & plus_que(depense, regle("seuil_depense_transports"))

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()


class transport_vehicule_personnel_cible(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = "Cible de la part des transports en véhicule personnel (contrat, ou taux de l'année précédente + progression par défaut)"
    reference = REFERENCE

    def formula_2022_01_01(etablissement, period, parameters):
        """La cible du contrat si elle est saisie, sinon le taux de l'année précédente plus la progression par défaut de la région."""
        regle = regles_regionales(etablissement, period, parameters, "transport_vehicule_personnel")
        contrat = etablissement("taux_vehicule_personnel_cible", period)
        par_defaut = etablissement("taux_transports_vehicule_personnel", period.last_year) + regle("progression_par_defaut")
        return np.where(contrat > 0, contrat, par_defaut)

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()


class taux_atteinte_transport_vehicule_personnel(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = "Part de l'intéressement transports en véhicule personnel gagnée (cible atteinte : tout ou rien)"
    reference = REFERENCE

    def formula_2022_01_01(etablissement, period):
        """1 si la part des transports en véhicule personnel atteint sa cible, 0 sinon : l'intéressement est tout ou rien."""
        taux = etablissement("taux_transports_vehicule_personnel", period)
        return au_moins(taux, etablissement("transport_vehicule_personnel_cible", period)) * 1

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()


class interessement_regional_transport_vehicule_personnel(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Intéressement régional gagné sur les transports en véhicule personnel (euros)"
    reference = REFERENCE

    def formula_2022_01_01(etablissement, period, parameters):
        """Potentiel de l'indicateur (saisi, sinon poids × valeur du point régional) × part gagnée, pour un établissement ciblé sous contrat, à l'euro et jamais au-delà d'un potentiel saisi."""
        return interessement_indicateur(etablissement, period, parameters, "transport_vehicule_personnel")

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()
