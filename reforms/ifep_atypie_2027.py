"""Premiers objectifs des établissements atypiques en 2027 (scénario reforms/scenarios/atypie_2027.yaml)."""

from openfisca_caqes.scenarios import ReformeScenario


class ifep_atypie_2027(ReformeScenario):
    """Premiers objectifs des établissements atypiques en 2027 : valeurs dans reforms/scenarios/atypie_2027.yaml."""

    scenario = "atypie_2027"
