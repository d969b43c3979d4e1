"""Plafond de 2 % des seuls financements de l'assurance maladie (scénario reforms/scenarios/plafond_assurance_maladie.yaml)."""

from openfisca_caqes.scenarios import ReformeScenario


class ifep_plafond_assurance_maladie(ReformeScenario):
    """Plafond de 2 % des seuls financements de l'assurance maladie : valeurs dans reforms/scenarios/plafond_assurance_maladie.yaml."""

    scenario = "plafond_assurance_maladie"
