"""Période de deux ans, pénalité sur tout l'excès de la période (scénario reforms/scenarios/atypie_biennale_exces_2026.yaml)."""

from openfisca_caqes.scenarios import ReformeScenario


class ifep_atypie_biennale_exces_2026(ReformeScenario):
    """Période de deux ans, excès de 2026 compté : valeurs dans reforms/scenarios/atypie_biennale_exces_2026.yaml."""

    scenario = "atypie_biennale_exces_2026"
