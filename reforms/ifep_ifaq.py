"""L'IFEP sur le modèle de l'IFAQ : enveloppe fermée, valeur du point, 60 % niveau et 40 % évolution."""

from openfisca_caqes.scenarios import ReformeScenario


class ifep_ifaq(ReformeScenario):
    """IFEP façon IFAQ : valeurs dans reforms/scenarios/ifaq.yaml."""

    scenario = "ifaq"
