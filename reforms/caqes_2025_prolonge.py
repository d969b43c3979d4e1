"""Contrefactuel : les règles du CAQES 2025-2026 prolongées en 2027 et au-delà, sans IFEP.

La loi abroge le CAQES au 1er janvier 2027 (LFSS 2026, art. 79) : ses variables s'arrêtent par une
`formula_2027_01_01` (zéro, ou bascule vers l'IFEP pour les totaux) et ses paramètres par une
valeur `null` au 1er janvier 2027. Ce contrefactuel, construit sur les seuls noms et dates (sans
connaître chaque indicateur) :
- rend à chaque variable qui change au 1er janvier 2027 (hors IFEP) sa dernière formule d'avant ;
- prolonge chaque paramètre de `caqes.` qui change à partir du 1er janvier 2027 (abrogation `null`
  ou nouvelle valeur) avec sa valeur du 31 décembre 2026 ;
- neutralise les variables calculées de l'IFEP (dotation, pénalité, atypiques) : elles valent 0.
L'enveloppe régionale fermée reste une donnée : la population doit donner `enveloppe_regionale_AAAA`
pour les années prolongées (la population embarquée la donne jusqu'en 2027), faute de quoi les
intéressements régionaux versés sont nuls.
"""

from openfisca_core import periods
from openfisca_core.parameters import Parameter
from openfisca_core.reforms import Reform

from openfisca_caqes.base import Variable

FIN_CAQES = "2027-01-01"
DERNIER_JOUR_CAQES = "2026-12-31"


def est_ifep(nom: str) -> bool:
    return nom.startswith(("ifep_", "ciblage_ifep_"))


def prolonger_parametres(parametres):
    """Chaque paramètre de `caqes.` garde à partir de 2027 sa valeur du 31 décembre 2026."""
    debut = periods.instant(FIN_CAQES)
    for descendant in parametres.caqes.get_descendants():
        if not isinstance(descendant, Parameter):
            continue
        change = any(valeur.instant_str >= FIN_CAQES for valeur in descendant.values_list)
        valeur_2026 = descendant(DERNIER_JOUR_CAQES)
        if change and valeur_2026 is not None:
            descendant.update(start=debut, value=valeur_2026)
    return parametres


def formules_prolongees(variables) -> dict:
    """Variables (hors IFEP) dont une formule commence le 1er janvier 2027 : leur formule d'avant."""
    prolongees = {}
    for nom, variable in variables.items():
        dates = list(variable.formulas.keys())
        anterieures = [date for date in dates if date < FIN_CAQES]
        if est_ifep(nom) or FIN_CAQES not in dates or not anterieures:
            continue
        prolongees[nom] = variable.formulas[anterieures[-1]]
    return prolongees


class caqes_2025_prolonge(Reform):
    """Les règles du CAQES 2025-2026 continuées en 2027, IFEP éteinte (contrefactuel)."""

    name = "CAQES 2025-2026 prolongé en 2027 (sans IFEP)"

    def apply(self) -> None:
        self.modify_parameters(prolonger_parametres)
        for nom, formule in formules_prolongees(self.variables).items():
            classe = type(nom, (Variable,), {"formula_2027_01_01": formule, "__module__": __name__})
            self.update_variable(classe)
        calculees = [nom for nom, variable in self.variables.items() if est_ifep(nom) and variable.formulas]
        for nom in calculees:
            libelle = self.variables[nom].label
            self.neutralize_variable(nom)
            self.variables[nom].label = f"[Neutralisée : contrefactuel CAQES prolongé] {libelle}"
