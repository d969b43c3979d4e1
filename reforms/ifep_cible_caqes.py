"""L'IFEP ciblée : les objectifs vont aux seuls établissements que le CAQES ciblait en 2026."""

from openfisca_caqes.scenarios import ReformeScenario


class ifep_cible_caqes(ReformeScenario):
    """IFEP ciblée : valeurs dans reforms/scenarios/cible_caqes.yaml."""

    scenario = "cible_caqes"
