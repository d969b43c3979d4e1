"""Variante de l'IFEP sur le modèle de l'IFAQ : enveloppe fermée, valeur du point, niveau et évolution.

Éteinte dans la loi centrale (ifep.ifaq.taux_enveloppe = 0), allumée par le scénario « ifaq ».
Par région : enveloppe = taux × Σ valorisation économique (financement total N-1) des
établissements dans le champ ; score = poids_niveau × niveau + poids_evolution × évolution ;
dotation = score × valorisation × valeur du point, la valeur du point épuisant l'enveloppe.
"""

import numpy as np
from openfisca_core.periods import DateUnit

from openfisca_caqes.base import Variable
from openfisca_caqes.entities import Etablissement, Region
from openfisca_caqes.formules.comparaisons import DECIMALES_COMPARAISON
from openfisca_caqes.montants import arrondi_euro
from openfisca_caqes.repartition import repartir

REFERENCE_IFAQ = [
    "ARS Occitanie, webinaire de janvier 2026 (évaluation 2025 dans e-CARS), « 8 - Les évolutions du dispositif » : dotation complémentaire de l'IFEP",
    "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000053283479", "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000053285505",
]


class ifep_ifaq_score_niveau(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = "Variante IFAQ : niveau rémunéré (1) si le taux d'actes suivis est au plus au seuil de sa catégorie"
    reference = REFERENCE_IFAQ
    documentation = (
        "Hypothèse (ifep.ifaq.part_etablissements_remuneres) : parmi les établissements de même "
        "catégorie dans le champ et mesurés (activité > 0), le seuil est le taux d'actes par unité "
        "d'activité (ifep_atypie_taux) de rang ⌈0,7 × n⌉ par ordre croissant ; un taux au plus égal "
        "au seuil est rémunéré (les ex aequo aussi). Non mesuré : 0."
    )

    def formula_2027_01_01(etablissement, period, parameters):
        """Taux au plus égal au seuil de rang ⌈part × n⌉ de sa catégorie : niveau rémunéré."""
        part = parameters(period).ifep.ifaq.part_etablissements_remuneres
        taux = np.asarray(etablissement("ifep_atypie_taux", period), dtype=np.float64)
        activite = etablissement("ifep_atypie_activite", period)
        mesure = etablissement("ifep_dans_champ", period) & (activite > 0)
        categorie = etablissement("categorie_etablissement", period)
        nombre = len(categorie.possible_values)
        groupe = np.where(mesure, np.asarray(categorie.view(np.ndarray), dtype=np.int64), nombre)
        ordre = np.lexsort((taux, groupe))
        effectifs = np.bincount(groupe, minlength=nombre + 1)
        debuts = np.cumsum(effectifs) - effectifs
        rang_seuil = np.ceil(np.round(part * effectifs, DECIMALES_COMPARAISON)).astype(np.int64)
        position = np.clip(debuts + rang_seuil - 1, 0, len(taux) - 1)
        seuil = np.where(rang_seuil > 0, taux[ordre][position], -np.inf)
        return np.where(mesure & (taux <= seuil[groupe]), 1, 0)


class ifep_ifaq_score_evolution(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = "Variante IFAQ : évolution rémunérée (1) si les économies des indicateurs retenus sont positives au total"
    reference = REFERENCE_IFAQ

    def formula_2027_01_01(etablissement, period, parameters):
        """Économies des indicateurs retenus positives au total : évolution rémunérée."""
        retenus = parameters(period).ifep.indicateurs.retenus
        economies = sum(retenus[nom] * etablissement(f"economie_{nom}", period) for nom in retenus)
        return np.where(etablissement("ifep_dans_champ", period) & (economies > 0), 1, 0)


class ifep_ifaq_score(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = "Variante IFAQ : score (poids du niveau × niveau + poids de l'évolution × évolution)"
    reference = REFERENCE_IFAQ

    def formula_2027_01_01(etablissement, period, parameters):
        """Poids du niveau × niveau + poids de l'évolution × évolution."""
        ifaq = parameters(period).ifep.ifaq
        niveau = etablissement("ifep_ifaq_score_niveau", period)
        evolution = etablissement("ifep_ifaq_score_evolution", period)
        return ifaq.poids_niveau * niveau + ifaq.poids_evolution * evolution


class ifep_ifaq_valorisation(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Variante IFAQ : valorisation économique, financement total de l'assurance maladie de l'année précédente (euros)"
    reference = ["https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000053285505"]

    def formula_2027_01_01(etablissement, period):
        """Financement de l'assurance maladie de l'année précédente, dans le champ."""
        financement = etablissement("financement_assurance_maladie_total", period.last_year)
        return etablissement("ifep_dans_champ", period) * financement


class ifep_ifaq_enveloppe(Variable):
    value_type = int
    entity = Region
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Variante IFAQ : enveloppe régionale fermée (euros)"
    reference = REFERENCE_IFAQ
    documentation = "ifep.ifaq.taux_enveloppe × Σ valorisations de la région, à l'euro inférieur (0 dans la loi centrale)."

    def formula_2027_01_01(region, period, parameters):
        """Taux de l'enveloppe × Σ valorisations de la région, à l'euro inférieur."""
        taux = parameters(period).ifep.ifaq.taux_enveloppe
        valorisations = region.sum(np.asarray(region.members("ifep_ifaq_valorisation", period), dtype=np.float64))
        return arrondi_euro(np.floor(taux * valorisations))


class ifep_dotation_ifaq(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Variante IFAQ : part de l'enveloppe régionale, score × valorisation × valeur du point (euros)"
    reference = REFERENCE_IFAQ
    documentation = (
        "Valeur du point = enveloppe / Σ (score × valorisation) de la région : l'enveloppe est "
        "entièrement répartie, à l'euro près (plus fort reste, openfisca_caqes.repartition)."
    )

    def formula_2027_01_01(etablissement, period):
        """Part de l'enveloppe régionale au prorata de score × valorisation, à l'euro près."""
        regions = etablissement.simulation.populations["region"]
        points = etablissement("ifep_ifaq_score", period) * etablissement("ifep_ifaq_valorisation", period)
        enveloppe = regions("ifep_ifaq_enveloppe", period)
        return repartir(points, regions.members_entity_id, enveloppe, integrale=True)
