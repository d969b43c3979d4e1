"""Lister ce que l'on peut demander : les scénarios livrés, les variables, les paramètres (avec leur valeur à une date).

Une seule mise en œuvre pour `caqes lister QUOI [MOTIF]` et `caqes simulate --lister QUOI [MOTIF]` ; le
motif est une expression régulière, casse libre, cherchée dans le nom et le libellé.
"""

from __future__ import annotations

import re

import pandas as pd
import yaml
from openfisca_core.parameters import Parameter, ParameterNode

from openfisca_caqes.erreurs import ErreurUtilisateur
from openfisca_caqes.scenarios import DOSSIER_SCENARIOS

QUOI = ("scenarios", "variables", "parametres")


def filtre(motif: str | None):
    """Le prédicat « un des textes contient le motif » (expression régulière, casse libre) ; tout passe sans motif."""
    if motif is None:
        return lambda *textes: True
    try:
        expression = re.compile(motif, re.IGNORECASE)
    except re.error as erreur:
        raise ErreurUtilisateur(f"motif « {motif} » illisible : {erreur}") from None
    return lambda *textes: any(expression.search(t or "") for t in textes)


def scenarios(motif: str | None = None) -> pd.DataFrame:
    """Les scénarios de reforms/scenarios/ : nom (pour --scenario) et titre."""
    garder = filtre(motif)
    lignes = []
    for chemin in sorted(DOSSIER_SCENARIOS.glob("*.yaml")):
        titre = str((yaml.safe_load(chemin.read_text(encoding="utf-8")) or {}).get("titre", ""))
        if garder(chemin.stem, titre):
            lignes.append({"Scénario": chemin.stem, "Titre": titre})
    return pd.DataFrame(lignes, columns=["Scénario", "Titre"])


def variables(systeme, motif: str | None = None) -> pd.DataFrame:
    """Les variables de la loi : nom (pour --variables, --variable), entité, période, nature, libellé."""
    garder = filtre(motif)
    lignes = [
        {"Variable": nom, "Entité": variable.entity.key, "Période": str(variable.definition_period),
         "Nature": "calculée" if variable.formulas else "entrée", "Libellé": variable.label or ""}
        for nom, variable in sorted(systeme.variables.items())
        if garder(nom, variable.label)
    ]
    return pd.DataFrame(lignes, columns=["Variable", "Entité", "Période", "Nature", "Libellé"])


def parametres(systeme, annee: int, motif: str | None = None) -> pd.DataFrame:
    """Les paramètres de la loi (chemin ou libellé filtré) et leur valeur au 1er janvier de l'année (vide si la loi n'en a pas)."""
    garder = filtre(motif)
    colonne_valeur = f"Valeur au 1er janvier {annee}"
    lignes = []
    pile = [("", systeme.parameters)]
    while pile:  # l'arbre des paramètres (quelques centaines de nœuds), pas les établissements
        chemin, noeud = pile.pop()
        if isinstance(noeud, ParameterNode):
            pile.extend((f"{chemin}.{cle}" if chemin else cle, enfant) for cle, enfant in reversed(list(noeud.children.items())))
        elif isinstance(noeud, Parameter):
            libelle = (noeud.metadata or {}).get("label") or noeud.description or ""
            if not garder(chemin, libelle):
                continue
            try:
                valeur = noeud(f"{annee}-01-01")
            except Exception:  # noqa: BLE001 - pas de valeur à cette date
                valeur = None
            lignes.append({"Paramètre": chemin, colonne_valeur: "" if valeur is None else str(valeur),
                           "Unité": str((noeud.metadata or {}).get("unit", ""))})
    return pd.DataFrame(lignes, columns=["Paramètre", colonne_valeur, "Unité"])


def lister(quoi: str, systeme, annee: int, motif: str | None = None) -> pd.DataFrame:
    """Le tableau de ce qu'on liste (`quoi` parmi QUOI), filtré par le motif."""
    if quoi == "scenarios":
        return scenarios(motif)
    if quoi == "variables":
        return variables(systeme, motif)
    if quoi == "parametres":
        return parametres(systeme, annee, motif)
    raise ErreurUtilisateur(f"--lister {quoi} : attendu un de {', '.join(QUOI)}")
