"""Hospitalisation à domicile (indicateur régional du volet pertinence).

Première année : pertinence des refus, non-admissions et réhospitalisations ; puis mise en place
de l'administration des anticancéreux injectables à domicile (documents) ; enfin, à partir des
cibles fixées par avenant, objectifs d'activité (HAD active l'année précédente : patients en
hausse et un nouveau protocole ; sinon démarrer l'activité) et transmission des documents. Les
dates de chaque règle sont celles des formules.
"""

import numpy as np
from openfisca_core.periods import DateUnit

from openfisca_caqes.base import Variable
from openfisca_caqes.entities import Etablissement
from openfisca_caqes.formules import (
    REFERENCE_POTENTIEL,
    au_moins,
    interessement_indicateur,
    regles_regionales,
)

REFERENCE = [
    "ARS Occitanie 2021, présentation du nouveau CAQES, « Indicateur régional : HAD » ; « Evolution des indicateurs régionaux : Réalisation de séances de chimiothérapie injectable en HAD »",
    "ARS Occitanie 2024, avenant de prorogation, « Indicateur Régional HAD (depuis 2023) » (Ciblage ES, Cibles)",
    "ARS Occitanie, webinaire de janvier 2026 (évaluation 2025 dans e-CARS), « 6. Indicateurs Pertinence : HAD – développement des TMSC à domicile »",
]


class journees_had(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "nombre"
    label = "Journées d'hospitalisation à domicile réalisées dans l'année"
    reference = REFERENCE
    documentation = "Une structure d'HAD sans activité dans l'année (fermée, fusionnée, pas encore ouverte) n'est pas ciblée."


class had_evaluation_refus_realisee(Variable):
    value_type = bool
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "Participation à l'évaluation de la pertinence des refus, non-admissions et réhospitalisations en HAD (objectif de la première année)"
    reference = REFERENCE


class had_documents_transmis(Variable):
    value_type = bool
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "Documents de l'administration des anticancéreux à domicile transmis (protocoles, procédures, conventions)"
    reference = REFERENCE


class nombre_patients_had_anticancereux(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "nombre"
    label = "Patients ayant reçu un traitement anticancéreux injectable à domicile dans l'année"
    reference = REFERENCE


class nombre_nouveaux_protocoles_had(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "nombre"
    label = "Nouveaux protocoles d'administration d'anticancéreux injectables mis en place dans l'année"
    reference = REFERENCE


class montant_potentiel_had(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Intéressement potentiel de l'indicateur HAD fixé par l'ARS (euros ; 0 : répartition par défaut)"
    reference = REFERENCE_POTENTIEL


class ciblage_had(Variable):
    value_type = bool
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "Ciblé sur l'indicateur régional HAD (tout établissement d'HAD actif dans l'année)"
    reference = REFERENCE

    def formula_2022_01_01(etablissement, period, parameters):
        """Ciblé si l'indicateur s'applique dans la région et que l'établissement est une HAD active dans l'année (journées réalisées)."""
        regle = regles_regionales(etablissement, period, parameters, "had")
        categorie = etablissement("categorie_etablissement", period)
        est_had = (categorie == categorie.possible_values.had) | (categorie == categorie.possible_values.had_sans_pui)
        return (regle("applicable") > 0) & est_had & (etablissement("journees_had", period) > 0)

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()


class had_objectif_activite_atteint(Variable):
    value_type = bool
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "Objectif d'activité anticancéreuse à domicile atteint (hausse des patients et nouveau protocole, ou démarrage)"
    reference = REFERENCE

    def formula_2024_01_01(etablissement, period, parameters):
        """Objectif atteint : patients en traitement anticancéreux à domicile en hausse de la progression exigée et nouveaux protocoles en nombre suffisant, ou premiers patients pris en charge."""
        regle = regles_regionales(etablissement, period, parameters, "had")
        patients = etablissement("nombre_patients_had_anticancereux", period)
        patients_avant = etablissement("nombre_patients_had_anticancereux", period.last_year)
        hausse = au_moins(patients, (1 + regle("progression_patients")) * patients_avant)
        protocoles = au_moins(etablissement("nombre_nouveaux_protocoles_had", period), regle("nouveaux_protocoles_minimum"))
        return np.where(patients_avant > 0, hausse & protocoles, patients > 0)

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()


class taux_atteinte_had(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = "Part de l'intéressement HAD gagnée (tout ou rien)"
    reference = REFERENCE
    documentation = (
        "Interprétation. Première année : participation à l'évaluation des refus ; année de la modification de "
        "l'indicateur (avant que ses cibles soient fixées) : documents transmis ; ensuite : documents transmis ET "
        "objectif d'activité (avenant de prorogation et webinaire d'évaluation)."
    )

    def formula_2022_01_01(etablissement, period):
        """1 si l'évaluation des refus de prise en charge est réalisée, 0 sinon : l'intéressement est tout ou rien."""
        return etablissement("had_evaluation_refus_realisee", period) * 1

    def formula_2023_01_01(etablissement, period):
        """1 si les documents demandés sont transmis, 0 sinon : l'intéressement est tout ou rien."""
        return etablissement("had_documents_transmis", period) * 1

    def formula_2024_01_01(etablissement, period):
        """1 si les documents sont transmis et l'objectif d'activité est atteint, 0 sinon : l'intéressement est tout ou rien."""
        return (etablissement("had_documents_transmis", period) & etablissement("had_objectif_activite_atteint", period)) * 1

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()


class interessement_regional_had(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Intéressement régional gagné sur l'indicateur HAD (euros)"
    reference = REFERENCE

    def formula_2022_01_01(etablissement, period, parameters):
        """Potentiel de l'indicateur (saisi, sinon poids × valeur du point régional) × part gagnée, pour un établissement ciblé sous contrat, à l'euro et jamais au-delà d'un potentiel saisi."""
        return interessement_indicateur(etablissement, period, parameters, "had")

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()
