"""La dotation complémentaire de l'IFEP (art. L.162-23-14, 1°) : calculée sur les économies constatées."""

import numpy as np
from openfisca_core.periods import DateUnit

from openfisca_caqes.base import Variable
from openfisca_caqes.entities import Etablissement, Region
from openfisca_caqes.formules import objectif_ifep
from openfisca_caqes.montants import arrondi_euro

REFERENCE_IFEP = [
    "ARS Occitanie, webinaire de janvier 2026 (évaluation 2025 dans e-CARS), « 8 - Les évolutions du dispositif » : dotation financière complémentaire calculée en fonction des économies réalisées",
    "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000053271346", "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000053284498",
]


class ifep_dotation_economies(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "IFEP : dotation complémentaire calculée sur les économies des indicateurs retenus (euros)"
    reference = REFERENCE_IFEP
    documentation = (
        "Hypothèse (parameters/ifep/indicateurs, parameters/ifep/dotation_complementaire) : somme, sur "
        "les indicateurs retenus, de la part des économies positives (economie_<indicateur>, dépense "
        "N-1 moins dépense N) ; une économie négative ne réduit pas la dotation (elle relève de la "
        "pénalité). Établissements dans le champ seulement ; arrondie à l'euro. Attribuée les années "
        "où ifep.calendrier.dotation_complementaire vaut 1 (2027 dans la lecture retenue)."
    )

    def formula_2026_01_01(etablissement, period, parameters):
        """Part des économies positives de chaque indicateur retenu, l'année où la dotation est attribuée."""
        ifep = parameters(period).ifep
        parts = ifep.dotation_complementaire.part_economies
        economies = {nom: np.maximum(etablissement(f"economie_{nom}", period), 0) for nom in ifep.indicateurs.retenus}
        montant = sum(objectif_ifep(etablissement, period, parameters, nom) * parts[nom] * economies[nom] for nom in economies)
        attribuee = ifep.calendrier.dotation_complementaire > 0
        return attribuee * etablissement("ifep_dans_champ", period) * arrondi_euro(montant)


class ifep_dotation_complementaire(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "IFEP : dotation complémentaire attribuée au titre de l'année évaluée (euros)"
    reference = REFERENCE_IFEP
    documentation = (
        "Dotation sur les économies (loi centrale) plus, si la variante IFAQ est ouverte "
        "(ifep.ifaq.taux_enveloppe > 0), la part de l'enveloppe fermée régionale. Année de "
        "performance ; versée ifep.calendrier.delai_paiement années plus tard (hypothèse : 1). "
        "Nulle les années où ifep.calendrier.dotation_complementaire vaut 0 (2026 dans la lecture retenue)."
    )

    def formula_2026_01_01(etablissement, period):
        """Dotation sur les économies plus part de l'enveloppe IFAQ (variante)."""
        return etablissement("ifep_dotation_economies", period) + etablissement("ifep_dotation_ifaq", period)


class ifep_dotation_complementaire_region(Variable):
    value_type = int
    entity = Region
    definition_period = DateUnit.YEAR
    reference = [
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000053271346",
    ]
    unit = "currency-EUR"
    label = "IFEP : dotations complémentaires des établissements de la région (euros)"

    def formula_2026_01_01(region, period):
        """Somme des dotations des établissements de la région."""
        return region.sum(region.members("ifep_dotation_complementaire", period))
