"""L'IFEP dans sa conception centrale : la loi de référence (reforms/scenarios/central.yaml ne change rien)."""

from openfisca_caqes.scenarios import ReformeScenario


class ifep_central(ReformeScenario):
    """IFEP, conception centrale : dotation sur les économies, pénalité proportionnelle à la dérive."""

    scenario = "central"
