"""Lister ce que l'on peut demander : les scénarios livrés, les variables, les paramètres (avec leur valeur à une date)."""

from __future__ import annotations

import pandas as pd
import yaml
from openfisca_core.parameters import Parameter, ParameterNode

from openfisca_caqes.erreurs import ErreurUtilisateur
from openfisca_caqes.scenarios import DOSSIER_SCENARIOS

QUOI = ("scenarios", "variables", "parametres")


def scenarios() -> pd.DataFrame:
    """Les scénarios de reforms/scenarios/ : nom (pour --scenario) et titre."""

    lignes = []
    for chemin in sorted(DOSSIER_SCENARIOS.glob("*.yaml")):
        contenu = yaml.safe_load(chemin.read_text(encoding="utf-8")) or {}
        lignes.append({"Scénario": chemin.stem, "Titre": str(contenu.get("titre", ""))})
    return pd.DataFrame(lignes, columns=["Scénario", "Titre"])


def variables(systeme, motif: str | None = None) -> pd.DataFrame:
    """Les variables de la loi : nom (pour --variables, --variable), entité, libellé."""
    lignes = [
        {"Variable": nom, "Entité": variable.entity.key, "Libellé": variable.label or ""}
        for nom, variable in sorted(systeme.variables.items())
        if motif is None or motif.lower() in nom.lower() or motif.lower() in (variable.label or "").lower()
    ]
    return pd.DataFrame(lignes, columns=["Variable", "Entité", "Libellé"])


def parametres(systeme, annee: int, motif: str | None = None) -> pd.DataFrame:
    """Les paramètres de la loi et leur valeur au 1er janvier de l'année (vide si la loi n'en a pas à cette date)."""
    lignes = []
    pile = [("", systeme.parameters)]
    while pile:  # l'arbre des paramètres (quelques centaines de nœuds), pas les établissements
        chemin, noeud = pile.pop()
        if isinstance(noeud, ParameterNode):
            pile.extend((f"{chemin}.{cle}" if chemin else cle, enfant) for cle, enfant in reversed(list(noeud.children.items())))
        elif isinstance(noeud, Parameter):
            if motif is not None and motif.lower() not in chemin.lower():
                continue
            try:
                valeur = noeud(f"{annee}-01-01")
            except Exception:  # noqa: BLE001 - pas de valeur à cette date
                valeur = None
            lignes.append({"Paramètre": chemin, f"Valeur au 1er janvier {annee}": "" if valeur is None else str(valeur),
                           "Unité": str((noeud.metadata or {}).get("unit", ""))})
    return pd.DataFrame(lignes)


def lister(quoi: str, systeme, annee: int, motif: str | None = None) -> pd.DataFrame:
    """Le tableau demandé par `--lister QUOI [MOTIF]`."""
    if quoi == "scenarios":
        return scenarios()
    if quoi == "variables":
        return variables(systeme, motif)
    if quoi == "parametres":
        return parametres(systeme, annee, motif)
    raise ErreurUtilisateur(f"--lister {quoi} : attendu un de {', '.join(QUOI)}")
