"""Entretiens pharmaceutiques (bon usage du médicament, indicateur régional).

Première année : état des lieux et plan d'actions ; puis nombre d'entretiens, cibles fixées par
établissement par avenant, en chimiothérapie orale (établissements autorisés au traitement du
cancer) et dans les autres domaines (activité de médecine) ; avec la prorogation, cibles de la
dernière année du contrat initial prorogées, la chimiothérapie orale ayant pour plancher les
entretiens réalisés l'année plancher (paramètres datés).
"""

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
    rapport,
    regles_regionales,
    valeur_a_annees,
)

REFERENCE = [
    "ARS Occitanie 2021, présentation du nouveau CAQES, « Indicateur régional : Entretien pharmaceutique » (Indicateur, Ciblage, Cible)",
    "ARS Occitanie 2024, avenant de prorogation, « Indicateur Entretien Pharmaceutique » (Rappel, Définition Cibles 2025 et 2026)",
    "ARS Occitanie, webinaire de janvier 2026 (évaluation 2025 dans e-CARS), « Indicateur Entretien Pharmaceutique » ; « Avenant 2023 qui a fixé les cibles 2023/2024 pour l'Entretien Pharm »",
]


class entretiens_etat_des_lieux_realise(Variable):
    value_type = bool
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "État des lieux des pratiques et plan d'actions des entretiens pharmaceutiques remis (objectif de la première année)"
    reference = REFERENCE


class entretiens_chimio_orale_cible_avenant(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "nombre"
    label = "Cible d'entretiens pharmaceutiques « chimiothérapie orale » de l'année inscrite à l'avenant"
    reference = REFERENCE


class entretiens_autres_domaines_cible_avenant(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "nombre"
    label = "Cible d'entretiens pharmaceutiques « autres domaines » de l'année inscrite à l'avenant"
    reference = REFERENCE


class entretiens_chimio_orale_realises(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "nombre"
    label = "Entretiens pharmaceutiques « chimiothérapie orale » réalisés dans l'année (hors conciliations)"
    reference = REFERENCE


class entretiens_autres_domaines_realises(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "nombre"
    label = "Entretiens pharmaceutiques « autres domaines » réalisés dans l'année (hors conciliations)"
    reference = REFERENCE
    documentation = "Webinaire d'évaluation : les entretiens faits au cours d'une conciliation comptent pour la conciliation, pas ici."


class montant_potentiel_entretiens_pharmaceutiques(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Intéressement potentiel de l'indicateur entretiens pharmaceutiques fixé par l'ARS (euros ; 0 : répartition par défaut)"
    reference = REFERENCE_POTENTIEL


class ciblage_entretiens_chimio_orale(Variable):
    value_type = bool
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "Ciblé sur les entretiens pharmaceutiques « chimiothérapie orale » (autorisé au traitement du cancer)"
    reference = REFERENCE

    def formula_2022_01_01(etablissement, period, parameters):
        """Ciblé si l'établissement est dans le périmètre régional produits de santé, l'indicateur s'applique et il est autorisé au traitement du cancer."""
        regle = regles_regionales(etablissement, period, parameters, "entretiens_pharmaceutiques")
        perimetre = etablissement("ciblage_volet_regional_produits_sante", period)
        return perimetre & (regle("applicable") > 0) & etablissement("autorisation_traitement_cancer", period)

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()


class ciblage_entretiens_autres_domaines(Variable):
    value_type = bool
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "Ciblé sur les entretiens pharmaceutiques « autres domaines » (séjours de médecine de l'année de référence au-delà du seuil)"
    reference = REFERENCE

    def formula_2022_01_01(etablissement, period, parameters):
        """Ciblé si l'établissement est dans le périmètre régional produits de santé, l'indicateur s'applique et ses séjours de médecine de l'année de référence atteignent le seuil."""
        regle = regles_regionales(etablissement, period, parameters, "entretiens_pharmaceutiques")
        medecine = donnee_ciblage(etablissement, period, parameters, "sejours_medecine_domaines_cibles")
        perimetre = etablissement("ciblage_volet_regional_produits_sante", period)
        return perimetre & (regle("applicable") > 0) & au_moins(medecine, regle("seuil_sejours_medecine"))

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()


class ciblage_entretiens_pharmaceutiques(Variable):
    value_type = bool
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "Ciblé sur les entretiens pharmaceutiques (chimiothérapie orale ou autres domaines)"
    reference = REFERENCE

    def formula_2022_01_01(etablissement, period):
        """Vrai si l'établissement est ciblé sur la chimiothérapie orale ou sur les autres domaines."""
        return etablissement("ciblage_entretiens_chimio_orale", period) | etablissement("ciblage_entretiens_autres_domaines", period)

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()


def _cible_avenant(etablissement, period, parameters, variable):
    """La cible de l'avenant de l'année, ou celle de l'année prorogée (paramètre annee_cible_prorogee)."""
    annee = regles_regionales(etablissement, period, parameters, "entretiens_pharmaceutiques")("annee_cible_prorogee")
    return np.where(annee > 0, valeur_a_annees(etablissement, variable, annee), etablissement(variable, period))


class entretiens_chimio_orale_cible(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "nombre"
    label = "Cible d'entretiens pharmaceutiques « chimiothérapie orale » de l'année"
    reference = REFERENCE
    documentation = "Cible de l'avenant ; avec la prorogation, cible prorogée ou, si supérieur, entretiens réalisés l'année plancher."

    def formula_2023_01_01(etablissement, period, parameters):
        """La cible de l'avenant, jamais moins que les entretiens réalisés l'année plancher."""
        regle = regles_regionales(etablissement, period, parameters, "entretiens_pharmaceutiques")
        cible = _cible_avenant(etablissement, period, parameters, "entretiens_chimio_orale_cible_avenant")
        plancher = valeur_a_annees(etablissement, "entretiens_chimio_orale_realises", regle("annee_plancher_realise_chimio_orale"))
        return np.maximum(cible, plancher)

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()


class entretiens_autres_domaines_cible(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "nombre"
    label = "Cible d'entretiens pharmaceutiques « autres domaines » de l'année"
    reference = REFERENCE
    documentation = "Cible de l'avenant ; avec la prorogation, cible prorogée."

    def formula_2023_01_01(etablissement, period, parameters):
        """La cible d'entretiens « autres domaines » inscrite à l'avenant."""
        return _cible_avenant(etablissement, period, parameters, "entretiens_autres_domaines_cible_avenant")

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()


class taux_atteinte_entretiens_pharmaceutiques(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = "Part de l'intéressement entretiens pharmaceutiques gagnée"
    reference = REFERENCE
    documentation = (
        "Première année : état des lieux remis (tout ou rien). Ensuite : moyenne des parts gagnées sur les objectifs "
        "chiffrés qui s'appliquent (ciblé sur le domaine et cible > 0) ; 0 sans objectif chiffré."
    )

    def formula_2022_01_01(etablissement, period):
        """1 si l'état des lieux des entretiens est réalisé, 0 sinon : l'intéressement est tout ou rien."""
        return etablissement("entretiens_etat_des_lieux_realise", period) * 1

    def formula_2023_01_01(etablissement, period, parameters):
        """Part gagnée sur les objectifs des domaines ciblés : 1 si la cible est atteinte, réalisé / cible au-delà du seuil de paiement proportionnel, 0 sinon."""
        seuil = regles_regionales(etablissement, period, parameters, "entretiens_pharmaceutiques")("seuil_paiement_proportionnel", 1)

        def objectif(domaine):
            cible = etablissement(f"entretiens_{domaine}_cible", period)
            actif = etablissement(f"ciblage_entretiens_{domaine}", period) & (cible > 0)
            return actif, actif * part_atteinte(etablissement(f"entretiens_{domaine}_realises", period), cible, seuil)

        (chimio_actif, chimio), (autres_actif, autres) = objectif("chimio_orale"), objectif("autres_domaines")
        return rapport(chimio + autres, chimio_actif * 1 + autres_actif * 1)

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()


class interessement_regional_entretiens_pharmaceutiques(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Intéressement régional gagné sur les entretiens pharmaceutiques (euros)"
    reference = REFERENCE

    def formula_2022_01_01(etablissement, period, parameters):
        """Potentiel de l'indicateur (saisi, sinon poids × valeur du point régional) × part gagnée, pour un établissement ciblé sous contrat, à l'euro et jamais au-delà d'un potentiel saisi."""
        return interessement_indicateur(etablissement, period, parameters, "entretiens_pharmaceutiques")

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()
