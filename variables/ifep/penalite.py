"""La pénalité de l'IFEP (art. L.162-23-14, 2°) : objectifs manqués, plafond de 2 % des financements totaux.

Le plafond est exact : ⌊taux × assiette⌋ en euros, calculé en entiers sur la valeur binaire exacte
de l'assiette ; la pénalité, arrondie à l'euro, lui est ramenée, et ne dépasse donc jamais
taux × assiette, même d'un centime.
"""

import numpy as np
from openfisca_core.periods import DateUnit

from openfisca_caqes.base import Variable
from openfisca_caqes.entities import Etablissement, Region
from openfisca_caqes.formules import objectif_ifep
from openfisca_caqes.montants import arrondi_euro, plafond_en_euros

REFERENCE_PENALITE = [
    "ARS Occitanie, webinaire de janvier 2026 (évaluation 2025 dans e-CARS), « 8 - Les évolutions du dispositif » : pénalité financière, minoration des financements de l'assurance maladie, plafond 2 % des financements totaux",
    "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000053284498",
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
        """Nombre d'indicateurs retenus, avec objectif, dont l'économie est strictement négative."""
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
        """Somme des dérives (économies négatives) des indicateurs retenus avec objectif, à l'euro."""
        retenus = parameters(period).ifep.indicateurs.retenus
        derive = sum(objectif_ifep(etablissement, period, parameters, nom) * np.maximum(-etablissement(f"economie_{nom}", period), 0) for nom in retenus)
        return etablissement("ifep_dans_champ", period) * arrondi_euro(derive)


class ifep_plafond_penalite(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "IFEP : plafond des pénalités, 2 % des financements totaux de l'année évaluée (euros)"
    reference = REFERENCE_PENALITE
    documentation = (
        "⌊taux_plafond × ifep_assiette_plafond_penalite⌋ de l'année évaluée, à l'euro INFÉRIEUR, "
        "calculé exactement (plafond_en_euros) : le plafond légal n'est jamais dépassé, même d'un "
        "centime. Assiette : financements totaux de toutes origines, ou ceux de l'assurance maladie "
        "(ifep.penalite.assiette_toutes_sources, interprétation). Plafond commun ou un par dispositif : "
        "ifep.penalite.plafond_commun (hypothèse)."
    )

    def formula_2027_01_01(etablissement, period, parameters):
        """Taux du plafond × assiette, à l'euro inférieur, exactement."""
        taux = parameters(period).ifep.penalite.taux_plafond
        return plafond_en_euros(taux, etablissement("ifep_assiette_plafond_penalite", period))


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
        """Part de chaque dérive plus forfait en part du plafond si un objectif est manqué, à l'euro."""
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
    reference = ["https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000053284498"]
    documentation = "Décision de l'ARS (donnée d'entrée, faux par défaut) : écarte toute pénalité de l'IFEP de l'année."


class ifep_penalite(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "IFEP : pénalité totale de l'année évaluée, plafonnée à 2 % des financements totaux (euros)"
    reference = REFERENCE_PENALITE + [
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000053284620"
    ]
    documentation = (
        "Hypothèse (ifep.penalite.plafond_commun) : un plafond commun, min(plafond, pénalité "
        "d'efficience + pénalité des atypiques) ; autre lecture, chacune sous son propre plafond. "
        "Nulle si l'ARS l'écarte (ifep_penalite_ecartee). Nulle avant 2027."
    )

    def formula_2027_01_01(etablissement, period, parameters):
        """Pénalité d'efficience puis pénalité des atypiques, sous le plafond commun ou chacune sous le sien."""
        plafond = etablissement("ifep_plafond_penalite", period)
        efficience = etablissement("ifep_penalite_efficience", period)
        atypie_brute = np.asarray(etablissement("ifep_atypie_penalite_brute", period), dtype=np.int64)
        reste = plafond - efficience if parameters(period).ifep.penalite.plafond_commun > 0 else plafond
        atypie = np.minimum(atypie_brute, reste)
        return np.where(etablissement("ifep_penalite_ecartee", period), 0, efficience + atypie)


class ifep_penalite_efficience(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "IFEP : part de la pénalité totale au titre des objectifs d'indicateurs (euros)"
    reference = REFERENCE_PENALITE
    documentation = "Pénalité d'efficience brute ramenée au plafond ; dans un plafond commun, elle est imputée la première."

    def formula_2027_01_01(etablissement, period):
        """Pénalité d'efficience brute, au plus le plafond, nulle si l'ARS écarte la pénalité."""
        brute = etablissement("ifep_penalite_efficience_brute", period)
        plafonnee = np.minimum(brute, etablissement("ifep_plafond_penalite", period))
        return np.where(etablissement("ifep_penalite_ecartee", period), 0, plafonnee)


class ifep_penalite_atypie(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "IFEP : part de la pénalité totale au titre du dispositif des établissements atypiques (euros)"
    reference = "Art. L.162-23-14-1 CSS (LEGIARTI000053284620) ; ARS Occitanie, webinaire de janvier 2026 (évaluation 2025 dans e-CARS), « 8 - Les évolutions du dispositif »"
    documentation = "Ce qui reste de la pénalité totale une fois imputée la pénalité d'efficience."

    def formula_2027_01_01(etablissement, period):
        """Pénalité totale moins la part d'efficience."""
        return etablissement("ifep_penalite", period) - etablissement("ifep_penalite_efficience", period)


class ifep_solde(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    reference = [
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000053271346",
    ]
    unit = "currency-EUR"
    label = "IFEP : dotation complémentaire moins pénalité de l'année évaluée (euros)"

    def formula_2027_01_01(etablissement, period):
        """Dotation complémentaire moins pénalité totale."""
        return etablissement("ifep_dotation_complementaire", period) - etablissement("ifep_penalite", period)


class ifep_penalite_region(Variable):
    value_type = int
    entity = Region
    definition_period = DateUnit.YEAR
    reference = [
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000053271346",
    ]
    unit = "currency-EUR"
    label = "IFEP : pénalités des établissements de la région (euros)"

    def formula_2027_01_01(region, period):
        """Somme des pénalités des établissements de la région."""
        return region.sum(region.members("ifep_penalite", period))


class ifep_solde_annee_caisse(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "IFEP : solde (dotation moins pénalité) versé ou repris dans l'année, au titre de l'année évaluée ifep.calendrier.delai_paiement ans plus tôt (euros)"
    reference = "ARS Occitanie, webinaire de janvier 2026 (évaluation 2025 dans e-CARS), « 8 - Les évolutions du dispositif » : modalités d'application par décret en Conseil d'État (en attente de publication)"
    documentation = (
        "Hypothèse (ifep.calendrier.delai_paiement, 1 an) : le solde de l'année évaluée N est versé "
        "ou repris en N + délai. Nul les années de caisse dont l'année évaluée précède l'IFEP."
    )

    def formula_2027_01_01(etablissement, period, parameters):
        """Le solde de l'IFEP de l'année évaluée délai_paiement ans plus tôt."""
        delai = int(parameters(period).ifep.calendrier.delai_paiement)
        return etablissement("ifep_solde", period.offset(-delai, DateUnit.YEAR))
