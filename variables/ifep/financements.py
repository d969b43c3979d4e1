"""L'assiette du plafond de la pénalité de l'IFEP : les financements totaux de l'établissement.

Le seed ARS Occitanie janvier 2026 (ARS Occitanie, webinaire de janvier 2026 (évaluation 2025 dans e-CARS), « 8 - Les évolutions du dispositif »)
écrit « Plafond : 2 % des financements totaux ». Lecture retenue : les financements de toutes
origines (`financements_totaux`) ; autre lecture : les seuls financements de l'assurance maladie
(`financement_assurance_maladie_total`). Le choix est le paramètre
ifep.penalite.assiette_toutes_sources. Les pénalités de refus de signer et celles du régime 2018
restent assises sur les produits de l'assurance maladie (`produits_assurance_maladie`), comme leurs
textes le disent (art. L.162-30-2, D.162-15, D.162-16 CSS).
"""

import numpy as np
from openfisca_core.periods import DateUnit

from openfisca_caqes.base import Variable
from openfisca_caqes.entities import Etablissement
from openfisca_caqes.erreurs import FinancementsIncoherents

REFERENCE_ASSIETTE = [
    "ARS Occitanie, webinaire de janvier 2026 (évaluation 2025 dans e-CARS) — « 8 - Les évolutions du dispositif » : pénalité financière, plafond 2 % des financements totaux",
    "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000053284498",
]
EXEMPLES = 5


class financements_totaux(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Financements totaux de l'établissement dans l'année, toutes origines (assurance maladie, patients et complémentaires, autres)"
    reference = REFERENCE_ASSIETTE
    documentation = (
        "Produits de toute origine de l'année : assurance maladie (financement_assurance_maladie_total, "
        "qu'ils comprennent), participations des patients et des organismes complémentaires, autres "
        "produits. Assiette du plafond de 2 % de la pénalité de l'IFEP dans la lecture retenue "
        "(ifep.penalite.assiette_toutes_sources = 1, interprétation) ; l'autre lecture retient les seuls "
        "financements de l'assurance maladie. Un montant inférieur à celui de l'assurance maladie (colonne "
        "absente comprise) est refusé quand la lecture retenue s'applique."
    )


def _verifier(etablissement, period, totaux, assurance_maladie) -> None:
    """Refuse des financements totaux inférieurs aux financements de l'assurance maladie qu'ils comprennent."""
    incoherents = np.flatnonzero(totaux < assurance_maladie)
    if not len(incoherents):
        return
    ids = [str(i) for i in np.asarray(etablissement.ids)[incoherents]]
    annee = str(period.start.year)
    exemples = ", ".join(ids[:EXEMPLES]) + (" …" if len(ids) > EXEMPLES else "")
    raise FinancementsIncoherents(ids[0], annee, (
        f"financements_totaux {annee} absents ou inférieurs à financement_assurance_maladie_total {annee} "
        f"pour {len(ids)} établissement(s) ({exemples}) : les financements totaux, toutes origines, "
        f"comprennent ceux de l'assurance maladie. Renseigner la colonne financements_totaux_{annee}, "
        "ou retenir l'assiette « assurance maladie » du plafond IFEP (ifep.penalite.assiette_toutes_sources = 0, "
        "scénario plafond_assurance_maladie)."
    ))


class ifep_assiette_plafond_penalite(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "IFEP : assiette du plafond de la pénalité, financements totaux de l'année évaluée (euros)"
    reference = REFERENCE_ASSIETTE
    documentation = (
        "Interprétation (ifep.penalite.assiette_toutes_sources) : financements_totaux, toutes origines "
        "(valeur 1, lecture littérale de « financements totaux ») ; autre lecture (valeur 0) : "
        "financement_assurance_maladie_total, les seuls financements de l'assurance maladie, dont la "
        "pénalité est une « minoration ». Des financements totaux inférieurs à ceux de l'assurance "
        "maladie sont refusés (FinancementsIncoherents)."
    )

    def formula_2027_01_01(etablissement, period, parameters):
        """Les financements totaux (toutes origines) ou ceux de l'assurance maladie, selon la lecture retenue."""
        toutes_sources = parameters(period).ifep.penalite.assiette_toutes_sources > 0
        assurance_maladie = np.asarray(etablissement("financement_assurance_maladie_total", period), dtype=np.float64)
        if not toutes_sources:
            return assurance_maladie
        totaux = np.asarray(etablissement("financements_totaux", period), dtype=np.float64)
        _verifier(etablissement, period, totaux, assurance_maladie)
        return totaux
