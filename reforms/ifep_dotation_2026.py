"""Dotation complémentaire attribuée dès 2026 (scénario reforms/scenarios/dotation_2026.yaml)."""

from openfisca_caqes.scenarios import ReformeScenario


class ifep_dotation_2026(ReformeScenario):
    """Dotation complémentaire attribuée dès 2026 : valeurs dans reforms/scenarios/dotation_2026.yaml."""

    scenario = "dotation_2026"
