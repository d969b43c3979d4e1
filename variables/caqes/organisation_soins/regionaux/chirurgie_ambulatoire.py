"""Taux de chirurgie ambulatoire (indicateur régional du volet organisation des soins).

Deux règles selon la région (paramètre progression_sur_reference) :
- Occitanie : cible individuelle inscrite au contrat, tout ou rien ; avec la prorogation, ciblage
  reconduit selon les résultats des deux premières années, cible jamais inférieure à celle de la
  dernière année du contrat initial ;
- Ile-de-France (prorogation) : progression sur une année de référence, option 1 toutes
  disciplines ou option 2 une spécialité, la hausse devant représenter plus d'un nombre minimal de
  séjours.
"""

import numpy as np
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import DateUnit

from openfisca_caqes.base import Variable
from openfisca_caqes.entities import Etablissement
from openfisca_caqes.formules import (
    REFERENCE_POTENTIEL,
    au_moins,
    difference,
    interessement_indicateur,
    plus_que,
    regles_regionales,
    valeur_a_annees,
)

REFERENCE = [
    "ARS Occitanie 2021, présentation du nouveau CAQES, « Chirurgie ambulatoire » (Ciblage, Cible, Intéressement)",
    "ARS Occitanie 2024, avenant de prorogation, « Indicateur régional « Chirurgie ambulatoire » » (Ciblage ES, Cibles 2025 – 2026 par ES)",
    "ARS Île-de-France et Assurance Maladie, webinaire du 2 octobre 2024, « Présentation de l'indicateur « chirurgie ambulatoire » » (options 1 et 2)",
]


class OptionChirurgieAmbulatoire(Enum):
    __order__ = "aucune ensemble_disciplines specialite"
    aucune = "Aucune option choisie"
    ensemble_disciplines = "Option 1 : taux de chirurgie ambulatoire toutes disciplines"
    specialite = "Option 2 : taux de chirurgie ambulatoire d'une spécialité choisie"


class chirurgie_ambulatoire_option(Variable):
    value_type = Enum
    possible_values = OptionChirurgieAmbulatoire
    default_value = OptionChirurgieAmbulatoire.aucune
    entity = Etablissement
    definition_period = DateUnit.ETERNITY
    label = "Option de l'indicateur chirurgie ambulatoire choisie par l'établissement (règle de progression, Ile-de-France)"
    reference = REFERENCE


class taux_chirurgie_ambulatoire(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = "Taux de chirurgie ambulatoire de l'année, toutes disciplines (ATIH)"
    reference = REFERENCE


class nombre_sejours_chirurgie(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "nombre"
    label = "Séjours de chirurgie de l'année, toutes disciplines (dénominateur du taux de chirurgie ambulatoire)"
    reference = REFERENCE


class taux_chirurgie_ambulatoire_specialite(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = "Taux de chirurgie ambulatoire de l'année dans la spécialité choisie (option 2)"
    reference = REFERENCE


class nombre_sejours_chirurgie_specialite(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "nombre"
    label = "Séjours de chirurgie de l'année dans la spécialité choisie (option 2)"
    reference = REFERENCE


class chirurgie_ambulatoire_taux_cible_contrat(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = "Cible individuelle du taux de chirurgie ambulatoire de l'année inscrite au contrat (0 : pas de cible)"
    reference = REFERENCE


class chirurgie_ambulatoire_potentiel_conversion(Variable):
    value_type = bool
    entity = Etablissement
    definition_period = DateUnit.ETERNITY
    label = "Faible taux de chirurgie ambulatoire au regard de la moyenne du type d'établissement et fort potentiel de conversion (appréciation ARS sur Visuchir)"
    reference = REFERENCE


class montant_potentiel_chirurgie_ambulatoire(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Intéressement potentiel de l'indicateur chirurgie ambulatoire fixé par l'ARS (euros ; 0 : répartition par défaut)"
    reference = REFERENCE_POTENTIEL


class chirurgie_ambulatoire_cible(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = "Cible individuelle du taux de chirurgie ambulatoire (jamais inférieure à celle de l'année plancher)"
    reference = REFERENCE

    def formula_2022_01_01(etablissement, period, parameters):
        """La cible du contrat de l'année, jamais inférieure à celle de l'année plancher fixée par la région."""
        annee = regles_regionales(etablissement, period, parameters, "chirurgie_ambulatoire")("annee_cible_plancher")
        contrat = etablissement("chirurgie_ambulatoire_taux_cible_contrat", period)
        return np.maximum(contrat, valeur_a_annees(etablissement, "chirurgie_ambulatoire_taux_cible_contrat", annee))

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()


class chirurgie_ambulatoire_cible_au_contrat(Variable):
    value_type = bool
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "L'indicateur chirurgie ambulatoire s'applique et une cible individuelle est inscrite au contrat pour l'année"
    reference = REFERENCE

    def formula_2022_01_01(etablissement, period, parameters):
        """Vrai si l'indicateur s'applique dans la région et qu'une cible individuelle est inscrite au contrat pour l'année."""
        applicable = regles_regionales(etablissement, period, parameters, "chirurgie_ambulatoire")("applicable") > 0
        return applicable & (etablissement("chirurgie_ambulatoire_taux_cible_contrat", period) > 0)

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()


class chirurgie_ambulatoire_objectif_atteint(Variable):
    value_type = bool
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "Objectif de chirurgie ambulatoire de l'année atteint (cible individuelle, ou progression de l'option choisie)"
    reference = REFERENCE

    def formula_2022_01_01(etablissement, period, parameters):
        """Objectif atteint : la cible individuelle, ou, selon l'option régionale, la hausse exigée du taux de chirurgie ambulatoire (et du nombre de séjours convertis) depuis l'année de référence."""
        regle = regles_regionales(etablissement, period, parameters, "chirurgie_ambulatoire")
        cible = etablissement("chirurgie_ambulatoire_cible", period)
        cible_individuelle = (cible > 0) & au_moins(etablissement("taux_chirurgie_ambulatoire", period), cible)

        def progression(suffixe, exigee):
            reference = valeur_a_annees(etablissement, f"taux_chirurgie_ambulatoire{suffixe}", regle("annee_reference"))
            hausse = difference(etablissement(f"taux_chirurgie_ambulatoire{suffixe}", period), reference)
            sejours = hausse * etablissement(f"nombre_sejours_chirurgie{suffixe}", period)
            return au_moins(hausse, regle(exigee)) & plus_que(sejours, regle("seuil_sejours_evolution"))

        option = etablissement("chirurgie_ambulatoire_option", period)
        options = option.possible_values
        sur_reference = np.select(
            [option == options.ensemble_disciplines, option == options.specialite],
            [progression("", "progression_ensemble"), progression("_specialite", "progression_specialite")],
            False,
        )
        return np.where(regle("progression_sur_reference") > 0, sur_reference, cible_individuelle)

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()


class ciblage_chirurgie_ambulatoire(Variable):
    value_type = bool
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "Ciblé sur l'indicateur régional chirurgie ambulatoire"
    reference = REFERENCE
    documentation = (
        "Cible individuelle : une cible au contrat ; avec reconduction (prorogation) : ciblé l'année du ciblage initial ET "
        "(objectif manqué les deux années évaluées, OU manqué une des deux avec un fort potentiel de conversion). "
        "Progression sur référence : une option choisie."
    )

    def formula_2022_01_01(etablissement, period, parameters):
        """Ciblé si l'indicateur s'applique : selon la région, par l'option de progression choisie, ou par une cible au contrat (reconduite si la reconduction est en vigueur : deux objectifs manqués, ou un seul atteint avec un potentiel de conversion)."""
        regle = regles_regionales(etablissement, period, parameters, "chirurgie_ambulatoire")

        def a(variable, cle):
            return valeur_a_annees(etablissement, variable, regle(f"reconduction.{cle}")) > 0

        initial = a("chirurgie_ambulatoire_cible_au_contrat", "annee_ciblage")
        premiere = a("chirurgie_ambulatoire_objectif_atteint", "premiere_annee_evaluee")
        seconde = a("chirurgie_ambulatoire_objectif_atteint", "seconde_annee_evaluee")
        potentiel = etablissement("chirurgie_ambulatoire_potentiel_conversion", period)
        reconduit = initial & ~(premiere & seconde) & ((~premiere & ~seconde) | potentiel)
        individuel = np.where(regle("reconduction.en_vigueur") > 0, reconduit, etablissement("chirurgie_ambulatoire_cible_au_contrat", period))
        option = etablissement("chirurgie_ambulatoire_option", period)
        option_choisie = option != option.possible_values.aucune
        return (regle("applicable") > 0) & np.where(regle("progression_sur_reference") > 0, option_choisie, individuel)

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()


class taux_atteinte_chirurgie_ambulatoire(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = "Part de l'intéressement chirurgie ambulatoire gagnée (objectif atteint : tout ou rien)"
    reference = REFERENCE

    def formula_2022_01_01(etablissement, period):
        """1 si l'objectif de chirurgie ambulatoire de l'année est atteint, 0 sinon : l'intéressement est tout ou rien."""
        return etablissement("chirurgie_ambulatoire_objectif_atteint", period) * 1

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()


class interessement_regional_chirurgie_ambulatoire(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Intéressement régional gagné sur la chirurgie ambulatoire (euros)"
    reference = REFERENCE

    def formula_2022_01_01(etablissement, period, parameters):
        """Potentiel de l'indicateur (saisi, sinon poids × valeur du point régional) × part gagnée, pour un établissement ciblé sous contrat, à l'euro et jamais au-delà d'un potentiel saisi."""
        return interessement_indicateur(etablissement, period, parameters, "chirurgie_ambulatoire")

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()
