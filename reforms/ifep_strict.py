"""L'IFEP stricte : la pénalité est portée au plafond (2 %) dès qu'un objectif est manqué."""

from openfisca_caqes.scenarios import ReformeScenario


class ifep_strict(ReformeScenario):
    """IFEP stricte : valeurs dans reforms/scenarios/strict.yaml."""

    scenario = "strict"
