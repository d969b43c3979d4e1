"""Suivi des indications des molécules onéreuses de la liste en sus (indicateur régional)."""

from openfisca_core.periods import DateUnit

from openfisca_caqes.base import Variable
from openfisca_caqes.entities import Etablissement
from openfisca_caqes.formules import (
    REFERENCE_POTENTIEL,
    donnee_ciblage,
    interessement_indicateur,
    plus_que,
    regles_regionales,
)

REFERENCE = [
    "ARS Occitanie 2021, présentation du nouveau CAQES, « Indicateur régional : Suivi des molécules onéreuses liste en sus »",
    "ARS Occitanie 2024, avenant de prorogation, « Indicateur Suivi des indications des MO / Liste en sus »",
    "ARS Occitanie, webinaire de janvier 2026 (évaluation 2025 dans e-CARS), « Indicateur Suivi des indications des molécules onéreuses de la liste en sus »",
]


class depense_molecules_onereuses(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Dépense de molécules onéreuses (médicaments de la liste en sus) prescrites ou facturées dans l'année"
    reference = REFERENCE
    documentation = "Partie médicaments de depense_liste_en_sus (qui compte aussi les dispositifs implantables)."


class fichier_liste_en_sus_transmis(Variable):
    value_type = bool
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "Fichier OMEDIT de recueil des indications des médicaments de la liste en sus transmis, exhaustif"
    reference = REFERENCE


class montant_potentiel_suivi_liste_en_sus(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Intéressement potentiel de l'indicateur suivi de la liste en sus fixé par l'ARS (euros ; 0 : répartition par défaut)"
    reference = REFERENCE_POTENTIEL


class ciblage_suivi_liste_en_sus(Variable):
    value_type = bool
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "Ciblé sur le suivi des indications de la liste en sus (molécules onéreuses prescrites ou facturées l'année de référence)"
    reference = REFERENCE

    def formula_2022_01_01(etablissement, period, parameters):
        """Ciblé si l'établissement est dans le périmètre régional produits de santé, l'indicateur s'applique et sa dépense de molécules onéreuses de l'année de référence dépasse le seuil."""
        regle = regles_regionales(etablissement, period, parameters, "suivi_liste_en_sus")
        depense = donnee_ciblage(etablissement, period, parameters, "depense_molecules_onereuses")
        perimetre = etablissement("ciblage_volet_regional_produits_sante", period)
        return perimetre & (regle("applicable") > 0) & plus_que(depense, regle("seuil_depense_molecules_onereuses"))

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()


class taux_atteinte_suivi_liste_en_sus(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = "Part de l'intéressement suivi de la liste en sus gagnée (fichier transmis : tout ou rien)"
    reference = REFERENCE

    def formula_2022_01_01(etablissement, period):
        """1 si le fichier de suivi est transmis, 0 sinon : l'intéressement est tout ou rien."""
        return etablissement("fichier_liste_en_sus_transmis", period) * 1

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()


class interessement_regional_suivi_liste_en_sus(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Intéressement régional gagné sur le suivi des indications de la liste en sus (euros)"
    reference = REFERENCE

    def formula_2022_01_01(etablissement, period, parameters):
        """Potentiel de l'indicateur (saisi, sinon poids × valeur du point régional) × part gagnée, pour un établissement ciblé sous contrat, à l'euro et jamais au-delà d'un potentiel saisi."""
        return interessement_indicateur(etablissement, period, parameters, "suivi_liste_en_sus")

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()
