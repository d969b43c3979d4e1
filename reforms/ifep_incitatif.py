"""L'IFEP seulement incitative : la dotation complémentaire sans aucune pénalité."""

from openfisca_caqes.scenarios import ReformeScenario


class ifep_incitatif(ReformeScenario):
    """IFEP incitative seule : valeurs dans reforms/scenarios/incitatif.yaml."""

    scenario = "incitatif"
