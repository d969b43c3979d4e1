"""Parcours de soins post-AVC (PRADO AVC), indicateur régional du volet pertinence."""

import numpy as np
from openfisca_core.periods import DateUnit

from openfisca_caqes.base import Variable
from openfisca_caqes.entities import Etablissement
from openfisca_caqes.formules import (
    REFERENCE_POTENTIEL,
    au_moins,
    interessement_indicateur,
    rapport,
    regles_regionales,
)

REFERENCE = [
    "ARS Occitanie 2021, présentation du nouveau CAQES, « Evolution des indicateurs régionaux : Parcours post AVC »",
    "ARS Occitanie 2024, avenant de prorogation, « Indicateur Régional Parcours – Post AVC (depuis 2023) » (Ciblage ES, Cibles, Bonus)",
    "ARS Occitanie, webinaire de janvier 2026 (évaluation 2025 dans e-CARS), « 6. Indicateurs Pertinence : Post AVC »",
]


class nombre_sejours_avc(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "nombre"
    label = "Séjours pour accident vasculaire cérébral (AVC) de l'année (PMSI)"
    reference = REFERENCE


class unite_neurovasculaire(Variable):
    value_type = bool
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "L'établissement dispose d'une unité neurovasculaire (UNV) dans l'année"
    reference = REFERENCE


class etablissement_reference_avc(Variable):
    value_type = bool
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "Établissement de référence du parcours post-AVC désigné par l'ARS"
    reference = REFERENCE


class convention_prado_signee(Variable):
    value_type = bool
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "Convention PRADO AVC signée avec l'Assurance maladie (en vigueur dans l'année)"
    reference = REFERENCE


class nombre_patients_eligibles_prado_avc(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "nombre"
    label = "Patients post-AVC éligibles au PRADO AVC sortis dans l'année"
    reference = REFERENCE


class nombre_patients_inclus_prado_avc(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "nombre"
    label = "Patients post-AVC inclus dans le PRADO AVC dans l'année (donnée Assurance maladie)"
    reference = REFERENCE


class annee_convention_cpts_msp(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.ETERNITY
    label = "Année de signature d'une convention de coordination avec une CPTS ou une MSP (0 : aucune)"
    reference = REFERENCE
    documentation = "Le bonus est versé une fois, au titre de l'année de la signature."


class montant_potentiel_parcours_avc(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Intéressement potentiel de l'indicateur parcours post-AVC fixé par l'ARS (euros ; 0 : répartition par défaut)"
    reference = REFERENCE_POTENTIEL


class ciblage_parcours_avc(Variable):
    value_type = bool
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "Ciblé sur le parcours post-AVC (sans UNV avec une activité AVC au-delà du seuil l'année précédente, ou établissement de référence)"
    reference = REFERENCE

    def formula_2023_01_01(etablissement, period, parameters):
        """Ciblé si l'indicateur s'applique dans la région et que l'établissement, sans unité neurovasculaire, a atteint le seuil de séjours AVC l'année précédente, ou est un établissement de référence."""
        regle = regles_regionales(etablissement, period, parameters, "parcours_avc")
        sans_unv = ~etablissement("unite_neurovasculaire", period) & au_moins(
            etablissement("nombre_sejours_avc", period.last_year), regle("seuil_sejours_avc")
        )
        return (regle("applicable") > 0) & (sans_unv | etablissement("etablissement_reference_avc", period))

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()


class taux_inclusion_prado_avc(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = "Taux d'inclusion des patients post-AVC dans le PRADO (inclus / éligibles)"
    reference = REFERENCE

    def formula(etablissement, period):
        """Patients inclus dans le PRADO AVC / patients éligibles ; 0 sans patient éligible."""
        return rapport(etablissement("nombre_patients_inclus_prado_avc", period), etablissement("nombre_patients_eligibles_prado_avc", period))


class prado_avc_objectif_inclusion_atteint(Variable):
    value_type = bool
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "Objectif d'inclusion PRADO AVC atteint (atteindre le seuil, ou faire croître les inclusions si le seuil était atteint)"
    reference = REFERENCE

    def formula_2023_01_01(etablissement, period, parameters):
        """Atteindre le seuil du taux d'inclusion, ou, si l'établissement l'atteignait déjà, accroître les inclusions de la progression exigée."""
        regle = regles_regionales(etablissement, period, parameters, "parcours_avc")
        seuil = regle("seuil_taux_inclusion")
        deja_au_seuil = au_moins(etablissement("taux_inclusion_prado_avc", period.last_year), seuil)
        inclus = etablissement("nombre_patients_inclus_prado_avc", period)
        inclus_avant = etablissement("nombre_patients_inclus_prado_avc", period.last_year)
        croissance = au_moins(inclus, (1 + regle("progression_patients_inclus")) * inclus_avant) & (inclus > 0)
        return np.where(deja_au_seuil, croissance, au_moins(etablissement("taux_inclusion_prado_avc", period), seuil))

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()


class taux_atteinte_parcours_avc(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = "Part de l'intéressement parcours post-AVC gagnée (convention PRADO ET objectif d'inclusion : tout ou rien)"
    reference = REFERENCE

    def formula_2023_01_01(etablissement, period):
        """1 si la convention PRADO est signée et l'objectif d'inclusion atteint, 0 sinon : l'intéressement est tout ou rien."""
        return (etablissement("convention_prado_signee", period) & etablissement("prado_avc_objectif_inclusion_atteint", period)) * 1

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()


class bonus_convention_cpts_msp(Variable):
    value_type = bool
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "Bonus du parcours post-AVC : convention avec une CPTS ou une MSP signée dans l'année (une fois sur la durée du contrat)"
    reference = REFERENCE

    def formula_2023_01_01(etablissement, period):
        """Vrai l'année où la convention avec une CPTS ou une MSP est signée."""
        return etablissement("annee_convention_cpts_msp", period) == period.start.year

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()


class interessement_regional_parcours_avc(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Intéressement régional gagné sur le parcours post-AVC, bonus compris (euros)"
    reference = REFERENCE
    documentation = "Potentiel × (part gagnée + taux du bonus si la convention CPTS/MSP est signée dans l'année)."

    def formula_2023_01_01(etablissement, period, parameters):
        """Potentiel × (part gagnée + taux du bonus si une convention CPTS ou MSP est signée dans l'année), pour un établissement ciblé sous contrat, à l'euro."""
        bonus = regles_regionales(etablissement, period, parameters, "parcours_avc")("taux_bonus_convention")
        part = etablissement("taux_atteinte_parcours_avc", period) + bonus * etablissement("bonus_convention_cpts_msp", period)
        return interessement_indicateur(etablissement, period, parameters, "parcours_avc", part)

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()
