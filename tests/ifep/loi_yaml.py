"""La loi lue dans les fichiers YAML eux-mêmes, sans le code sous test (ni OpenFisca, ni openfisca_caqes).

Les tests de propriétés comparent la simulation à des attendus calculés d'ici : valeurs des
paramètres lues dans parameters/**.yaml (et, pour un scénario, dans reforms/scenarios/<nom>.yaml),
arithmétique exacte en fractions.
"""

from __future__ import annotations

import math
from fractions import Fraction
from functools import cache
from pathlib import Path

import yaml

RACINE = Path(__file__).resolve().parents[2]
PARAMETRES = RACINE / "parameters"
SCENARIOS = RACINE / "reforms" / "scenarios"


@cache
def _fichier(chemin: Path) -> dict:
    with open(chemin, encoding="utf-8") as flux:
        return yaml.safe_load(flux)


def _noeud(nom: str) -> dict:
    """Le nœud YAML du paramètre `nom` (« ifep.penalite.taux_plafond », « ifep.champ.categories.had »)."""
    morceaux = nom.split(".")
    for coupure in range(len(morceaux), 0, -1):
        chemin = PARAMETRES.joinpath(*morceaux[:coupure]).with_suffix(".yaml")
        if chemin.is_file():
            noeud = _fichier(chemin)
            for cle in morceaux[coupure:]:
                noeud = noeud[cle]
            return noeud
    raise KeyError(nom)


def _texte(date) -> str:
    return date if isinstance(date, str) else date.isoformat()


def valeur_de_base(nom: str, date: str):
    """La valeur du paramètre `nom` au `date` (AAAA-MM-JJ) dans la loi de référence, ou None."""
    valeurs = sorted((_texte(debut), entree["value"]) for debut, entree in _noeud(nom)["values"].items())
    retenue = None
    for debut, valeur in valeurs:
        if debut <= date:
            retenue = valeur
    return retenue


def valeur(nom: str, date: str, scenario: str | None = None):
    """La valeur au `date`, le scénario (reforms/scenarios/<scenario>.yaml) primant s'il la modifie."""
    if scenario is not None:
        chargeur = type("_SansDates", (yaml.SafeLoader,), {})
        chargeur.yaml_implicit_resolvers = {
            premier: [(e, m) for e, m in resolveurs if e != "tag:yaml.org,2002:timestamp"]
            for premier, resolveurs in yaml.SafeLoader.yaml_implicit_resolvers.items()
        }
        contenu = yaml.load((SCENARIOS / f"{scenario}.yaml").read_text(encoding="utf-8"), Loader=chargeur)
        retenue, trouve = None, False
        for intervalle, valeur_scenario in sorted((contenu.get("parametres") or {}).get(nom, {}).items()):
            debut, _, fin = str(intervalle).partition(".")
            if debut <= date and (not fin or date <= fin):
                retenue, trouve = valeur_scenario, True
        if trouve:
            return retenue
    return valeur_de_base(nom, date)


def taux(nombre) -> Fraction:
    """Un taux de la loi, comme la fraction décimale écrite dans le YAML (0.02 → 1/50)."""
    return Fraction(str(nombre))


def montant(nombre) -> Fraction:
    """Un montant float64, comme le rationnel binaire exact qu'il est."""
    return Fraction(float(nombre))


def arrondi_euro_exact(montant: Fraction) -> int:
    """L'euro le plus proche, le demi-euro vers le haut, en arithmétique exacte."""
    return math.floor(montant + Fraction(1, 2))


def pres_d_un_demi_euro(montant: Fraction, tolerance: Fraction = Fraction(1, 10**6)) -> bool:
    """Le montant exact est-il à moins de `tolerance` d'un demi-euro (là où un calcul en float64 peut arrondir d'un côté ou de l'autre) ?"""
    return abs((montant - Fraction(1, 2)) - round(montant - Fraction(1, 2))) < tolerance
