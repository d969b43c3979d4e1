"""La pénalité de l'IFEP (art. L.162-23-14, 2°) : objectifs manqués, plafond de 2 % des financements totaux."""

import numpy as np
from openfisca_core.periods import DateUnit
from openfisca_caqes.base import Variable

from openfisca_caqes.entities import Etablissement, Region
from openfisca_caqes.montants import arrondi_euro
from openfisca_caqes.variables.ifep.dotation_complementaire import objectif_ifep

REFERENCE_PENALITE = [
    "ARS Occitanie, webinaire de janvier 2026 (évaluation 2025 dans e-CARS), « 8 - Les évolutions du dispositif » : pénalité financière, minoration des financements de l'assurance maladie, plafond 2 % des financements totaux",
    "Art. L.162-23-14, 2° CSS (LEGIARTI000053284498, en vigueur le 1er janvier 2027)",
]


class ifep_nombre_objectifs_manques(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "nombre"
    label = "IFEP : nombre d'indicateurs retenus dont l'objectif (stabilité de la dépense) est manqué"
    reference = REFERENCE_PENALITE
    documentation = (
        "Hypothèse (parameters/ifep/indicateurs) : l'objectif national de chaque indicateur retenu est "
        "une dépense stable (taux d'évolution 0 %) ; il est manqué si l'économie est strictement "
        "négative (la dépense a augmenté). Une économie nulle atteint l'objectif."
    )

    def formula_2027_01_01(etablissement, period, parameters):
        retenus = parameters(period).ifep.indicateurs.retenus
        manques = sum((objectif_ifep(etablissement, period, parameters, nom) > 0) * (etablissement(f"economie_{nom}", period) < 0) for nom in retenus)
        return etablissement("ifep_dans_champ", period) * manques


class ifep_derive_depenses(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "IFEP : dérive de dépense des indicateurs retenus, somme des économies négatives (euros)"
    reference = REFERENCE_PENALITE

    def formula_2027_01_01(etablissement, period, parameters):
        retenus = parameters(period).ifep.indicateurs.retenus
        derive = sum(objectif_ifep(etablissement, period, parameters, nom) * np.maximum(-etablissement(f"economie_{nom}", period), 0) for nom in retenus)
        return etablissement("ifep_dans_champ", period) * arrondi_euro(derive)


class ifep_plafond_penalite(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "IFEP : plafond des pénalités, 2 % des financements totaux de l'assurance maladie de l'année (euros)"
    reference = REFERENCE_PENALITE
    documentation = (
        "taux_plafond × financement_assurance_maladie_total de l'année évaluée, arrondi à l'euro "
        "INFÉRIEUR : le plafond légal n'est jamais dépassé, même d'un demi-euro. Un seul plafond pour "
        "toutes les pénalités de l'IFEP, dispositif des établissements atypiques compris."
    )

    def formula_2027_01_01(etablissement, period, parameters):
        taux = parameters(period).ifep.penalite.taux_plafond
        financement = np.asarray(etablissement("financement_assurance_maladie_total", period), dtype=np.float64)
        return arrondi_euro(np.floor(taux * financement))


class ifep_penalite_efficience_brute(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "IFEP : pénalité pour objectifs d'indicateurs manqués, avant plafond (euros)"
    reference = REFERENCE_PENALITE
    documentation = (
        "Hypothèse (parameters/ifep/penalite) : part_derive × dérive de chaque indicateur retenu, plus "
        "part_plafond_forfaitaire × plafond dès qu'un objectif est manqué (0 dans la loi centrale, 1 "
        "dans le scénario strict)."
    )

    def formula_2027_01_01(etablissement, period, parameters):
        ifep = parameters(period).ifep
        retenus = ifep.indicateurs.retenus
        parts = ifep.penalite.part_derive
        derives = {nom: np.maximum(-etablissement(f"economie_{nom}", period), 0) for nom in retenus}
        proportionnelle = sum(objectif_ifep(etablissement, period, parameters, nom) * parts[nom] * derives[nom] for nom in derives)
        manque = etablissement("ifep_nombre_objectifs_manques", period) > 0
        forfait = ifep.penalite.part_plafond_forfaitaire * etablissement("ifep_plafond_penalite", period) * manque
        return etablissement("ifep_dans_champ", period) * arrondi_euro(proportionnelle + forfait)


class ifep_penalite_ecartee(Variable):
    value_type = bool
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "IFEP : le DG ARS n'applique pas la pénalité de l'année (caractéristiques du territoire ou de l'établissement)"
    reference = "Art. L.162-23-14 CSS : la décision du DG ARS tient compte des caractéristiques du territoire de santé et de l'établissement"
    documentation = "Décision de l'ARS (donnée d'entrée, faux par défaut) : écarte toute pénalité de l'IFEP de l'année."


class ifep_penalite(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "IFEP : pénalité totale de l'année évaluée, plafonnée à 2 % des financements totaux (euros)"
    reference = REFERENCE_PENALITE + [
        "Art. L.162-23-14-1 CSS (LEGIARTI000053284620) : pénalité du dispositif des établissements atypiques, même logique"
    ]
    documentation = (
        "Cumul : min(plafond, pénalité d'efficience + pénalité des atypiques), sauf décision de l'ARS "
        "de l'écarter (ifep_penalite_ecartee). Un seul plafond de 2 % pour les deux dispositifs. "
        "Nulle avant 2027."
    )

    def formula_2027_01_01(etablissement, period):
        brute = etablissement("ifep_penalite_efficience_brute", period) + etablissement("ifep_atypie_penalite_brute", period)
        plafonnee = np.minimum(brute, etablissement("ifep_plafond_penalite", period))
        return np.where(etablissement("ifep_penalite_ecartee", period), 0, plafonnee)


class ifep_penalite_efficience(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "IFEP : part de la pénalité totale au titre des objectifs d'indicateurs (euros)"
    reference = REFERENCE_PENALITE
    documentation = "Dans le total plafonné, la pénalité d'efficience est imputée la première."

    def formula_2027_01_01(etablissement, period):
        return np.minimum(etablissement("ifep_penalite_efficience_brute", period), etablissement("ifep_penalite", period))


class ifep_penalite_atypie(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "IFEP : part de la pénalité totale au titre du dispositif des établissements atypiques (euros)"
    reference = "Art. L.162-23-14-1 CSS (LEGIARTI000053284620) ; ARS Occitanie, webinaire de janvier 2026 (évaluation 2025 dans e-CARS), « 8 - Les évolutions du dispositif »"
    documentation = "Ce qui reste du total plafonné une fois imputée la pénalité d'efficience."

    def formula_2027_01_01(etablissement, period):
        return etablissement("ifep_penalite", period) - etablissement("ifep_penalite_efficience", period)


class ifep_solde(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "IFEP : dotation complémentaire moins pénalité de l'année évaluée (euros)"

    def formula_2027_01_01(etablissement, period):
        return etablissement("ifep_dotation_complementaire", period) - etablissement("ifep_penalite", period)


class ifep_penalite_region(Variable):
    value_type = int
    entity = Region
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "IFEP : pénalités des établissements de la région (euros)"

    def formula_2027_01_01(region, period):
        return region.sum(region.members("ifep_penalite", period))
