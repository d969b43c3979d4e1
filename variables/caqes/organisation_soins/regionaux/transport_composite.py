"""Transports partagés en TAP et transports par moyens personnels (indicateur composite régional de la prorogation)."""

import functools

import numpy as np
from openfisca_core.periods import DateUnit

from openfisca_caqes.base import Variable
from openfisca_caqes.entities import Etablissement
from openfisca_caqes.formules import (
    au_moins,
    interessement_indicateur,
    plus_que,
    rapport,
    regles_regionales,
    valeur_a_annees,
)

REFERENCE = [
    "ARS Occitanie 2024, avenant de prorogation, « Indicateur régional « Transports partagés en TAP et transports par moyens personnels » » (Etablissements ciblés, Objectifs annuels, Intéressement potentiel)",
    "ARS Occitanie, webinaire de janvier 2026 (évaluation 2025 dans e-CARS), « 7. Indicateurs Organisation des soins 2025 »",
]


class nombre_transports_en_commun(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "nombre"
    label = "Transports prescrits effectués en transports en commun dans l'année"
    reference = REFERENCE


class nombre_trajets_vsl(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "nombre"
    label = "Trajets en véhicule sanitaire léger (VSL) prescrits dans l'année"
    reference = REFERENCE


class nombre_trajets_vsl_partages(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "nombre"
    label = "Trajets en VSL partagés (transport partagé) prescrits dans l'année"
    reference = REFERENCE


class transport_reference_taux_moyens_personnels(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.ETERNITY
    unit = "/1"
    label = "Valeur de référence (premier semestre précédant la prorogation, inscrite à l'avenant) du taux de transports en moyens personnels"
    reference = REFERENCE


class transport_reference_taux_vsl_partages(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.ETERNITY
    unit = "/1"
    label = "Valeur de référence (premier semestre précédant la prorogation, inscrite à l'avenant) du taux de transports partagés en VSL"
    reference = REFERENCE


class transport_plan_actions(Variable):
    value_type = bool
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "Plan d'actions transports communiqué dans les délais, qualitatif et suivi"
    reference = REFERENCE


class montant_potentiel_transport_composite(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Intéressement potentiel de l'indicateur transports partagés et moyens personnels fixé par l'ARS (euros ; 0 : répartition par défaut)"
    reference = "ARS Occitanie 2024, avenant de prorogation, « Transports partagés … » (Intéressement potentiel) ; art. D.162-16 V CSS (LEGIARTI000044102658)"


class taux_transports_moyens_personnels(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = "Taux de transports en moyens personnels (véhicule personnel ou transports en commun) sur les transports prescrits"
    reference = REFERENCE

    def formula(etablissement, period):
        """Transports en véhicule personnel ou en commun / transports prescrits ; 0 sans transport."""
        personnels = etablissement("nombre_transports_vehicule_personnel", period) + etablissement("nombre_transports_en_commun", period)
        return rapport(personnels, etablissement("nombre_transports_prescrits", period))


class taux_trajets_vsl_partages(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = "Taux de trajets partagés sur l'ensemble des trajets en VSL"
    reference = REFERENCE

    def formula(etablissement, period):
        """Trajets partagés en VSL / trajets en VSL ; 0 sans trajet."""
        return rapport(etablissement("nombre_trajets_vsl_partages", period), etablissement("nombre_trajets_vsl", period))


class ciblage_transport_composite(Variable):
    value_type = bool
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "Ciblé sur l'indicateur transports partagés et moyens personnels (transports prescrits de l'année de référence, taux de VSL partagés)"
    reference = REFERENCE

    def formula_2025_01_01(etablissement, period, parameters):
        """Ciblé selon la dépense de transports de l'année de référence (tranches régionales) et un taux de VSL partagés sous le seuil, pour les catégories d'établissement concernées."""
        regle = regles_regionales(etablissement, period, parameters, "transport_composite")
        annee = regle("annee_reference_ciblage")
        depense = valeur_a_annees(etablissement, "depense_transport_ambulance_assis", annee)
        vsl_peu_partages = plus_que(regle("seuil_taux_vsl_partages") - valeur_a_annees(etablissement, "taux_trajets_vsl_partages", annee), 0)
        tranche_basse = au_moins(depense, regle("seuil_depense_bas")) & ~plus_que(depense, regle("seuil_depense_haut")) & vsl_peu_partages
        categorie = etablissement("categorie_etablissement", period)
        concernee = functools.reduce(
            lambda acc, nom: acc | ((categorie == categorie.possible_values[nom]) & (regle(f"categories.{nom}") > 0)),
            categorie.possible_values._member_names_,
            np.zeros(len(depense), dtype=bool),
        )  # une passe par catégorie (neuf), pas par établissement
        return (regle("applicable") > 0) & concernee & (plus_que(depense, regle("seuil_depense_haut")) | tranche_basse)

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()


def _cible(etablissement, period, parameters, reference, bareme):
    """Valeur de référence + progression de sa tranche (bornes selon bornes_incluses_tranche_intermediaire)."""
    regle = regles_regionales(etablissement, period, parameters, "transport_composite")
    valeur = etablissement(reference, period)
    seuil_haut = regle(f"{bareme}.seuil_haut")
    haut = np.where(regle("bornes_incluses_tranche_intermediaire") > 0, plus_que(valeur, seuil_haut), au_moins(valeur, seuil_haut))
    progression = np.select(
        [haut, au_moins(valeur, regle(f"{bareme}.seuil_bas"))],
        [regle(f"{bareme}.progression_haut"), regle(f"{bareme}.progression_milieu")],
        regle(f"{bareme}.progression_bas"),
    )
    return valeur + progression


def _conditions_necessaires(etablissement, period):
    """Plan d'actions communiqué et au moins un des deux taux cibles atteint."""
    moyens_personnels = au_moins(
        etablissement("taux_transports_moyens_personnels", period), etablissement("transport_composite_cible_moyens_personnels", period)
    )
    vsl_partages = au_moins(etablissement("taux_trajets_vsl_partages", period), etablissement("transport_composite_cible_vsl_partages", period))
    return etablissement("transport_plan_actions", period) & (moyens_personnels | vsl_partages)


class transport_composite_cible_moyens_personnels(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = "Taux cible de transports en moyens personnels de l'année (valeur de référence + progression de sa tranche)"
    reference = REFERENCE

    def formula_2025_01_01(etablissement, period, parameters):
        """Taux de référence des moyens personnels plus la progression fixée pour la tranche de l'établissement."""
        return _cible(etablissement, period, parameters, "transport_reference_taux_moyens_personnels", "progression_moyens_personnels")

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()


class transport_composite_cible_vsl_partages(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = "Taux cible de trajets partagés en VSL de l'année (valeur de référence + progression de sa tranche)"
    reference = REFERENCE

    def formula_2025_01_01(etablissement, period, parameters):
        """Taux de référence des VSL partagés plus la progression fixée pour la tranche de l'établissement."""
        return _cible(etablissement, period, parameters, "transport_reference_taux_vsl_partages", "progression_vsl_partages")

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()


class transport_composite_points(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "nombre"
    label = "Points de l'indicateur transports : taux cible des moyens personnels atteint, taux cible des VSL partagés atteint, plan d'actions"
    reference = REFERENCE

    def formula_2025_01_01(etablissement, period, parameters):
        """Points de chaque critère rempli : cible des moyens personnels atteinte, cible des VSL partagés atteinte, plan d'actions réalisé."""
        regle = regles_regionales(etablissement, period, parameters, "transport_composite")
        moyens_personnels = au_moins(
            etablissement("taux_transports_moyens_personnels", period), etablissement("transport_composite_cible_moyens_personnels", period)
        )
        vsl_partages = au_moins(etablissement("taux_trajets_vsl_partages", period), etablissement("transport_composite_cible_vsl_partages", period))
        return (
            regle("points_moyens_personnels") * moyens_personnels
            + regle("points_vsl_partages") * vsl_partages
            + regle("points_plan_actions") * etablissement("transport_plan_actions", period)
        )

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()


class transport_composite_taux_interessement(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = "Part de l'intéressement potentiel accordée : 0 sous le seuil de points, points / total au-delà"
    reference = REFERENCE

    def formula_2025_01_01(etablissement, period, parameters):
        """Points / total des points (au plus 1) si le seuil de points et les conditions nécessaires sont remplis, 0 sinon."""
        regle = regles_regionales(etablissement, period, parameters, "transport_composite")
        points = etablissement("transport_composite_points", period)
        part = np.minimum(rapport(points, regle("points_total")), 1)
        conditions = _conditions_necessaires(etablissement, period) | ~(regle("conditions_necessaires") > 0)
        return np.where(au_moins(points, regle("seuil_points")) & conditions, part, 0)

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()


class taux_atteinte_transport_composite(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = "Part de l'intéressement transports partagés et moyens personnels gagnée"
    reference = REFERENCE

    def formula_2025_01_01(etablissement, period):
        """La part de l'intéressement accordée par le barème de points de l'indicateur composite transport."""
        return etablissement("transport_composite_taux_interessement", period)

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()


class interessement_regional_transport_composite(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Intéressement régional gagné sur les transports partagés et moyens personnels (euros)"
    reference = REFERENCE

    def formula_2025_01_01(etablissement, period, parameters):
        """Potentiel de l'indicateur (saisi, sinon poids × valeur du point régional) × part gagnée, pour un établissement ciblé sous contrat, à l'euro et jamais au-delà d'un potentiel saisi."""
        return interessement_indicateur(etablissement, period, parameters, "transport_composite")

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()
