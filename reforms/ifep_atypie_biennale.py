"""Le dispositif des établissements atypiques avec une période d'objectif de deux ans."""

from openfisca_caqes.scenarios import ReformeScenario


class ifep_atypie_biennale(ReformeScenario):
    """Période d'objectif de deux ans : valeurs dans reforms/scenarios/atypie_biennale.yaml."""

    scenario = "atypie_biennale"
