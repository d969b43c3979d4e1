"""Un plafond de 2 % par dispositif (scénario reforms/scenarios/plafonds_distincts.yaml)."""

from openfisca_caqes.scenarios import ReformeScenario


class ifep_plafonds_distincts(ReformeScenario):
    """Un plafond de 2 % par dispositif : valeurs dans reforms/scenarios/plafonds_distincts.yaml."""

    scenario = "plafonds_distincts"
