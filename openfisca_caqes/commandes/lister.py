"""`caqes lister scenarios|variables|parametres [motif]` : ce que la loi encodée connaît, pour le trouver."""

from __future__ import annotations

import re

import openfisca_caqes.systeme as systemes  # `systemes.systeme_de_base` lu à l'appel : les tests y substituent une loi d'essai
from openfisca_caqes.erreurs import ErreurUtilisateur
from openfisca_caqes.scenarios import lire_scenario, scenarios_disponibles

QUOI = ("scenarios", "variables", "parametres")


def declarer(sous) -> None:
    parser = sous.add_parser("lister", help="lister les scénarios, variables ou paramètres (filtrés par un motif)")
    parser.add_argument("quoi", choices=QUOI, help="ce qu'il faut lister")
    parser.add_argument("motif", nargs="?", default=None,
                        help="ne garder que les noms ou libellés qui contiennent ce motif (expression régulière, casse libre)")
    parser.set_defaults(executer=executer)


def _filtre(motif: str | None):
    if motif is None:
        return lambda *textes: True
    try:
        expression = re.compile(motif, re.IGNORECASE)
    except re.error as erreur:
        raise ErreurUtilisateur(f"motif « {motif} » illisible : {erreur}") from None
    return lambda *textes: any(expression.search(t or "") for t in textes)


def elements(quoi: str, motif: str | None = None) -> list[tuple[str, str]]:
    """Les (nom, description) de ce qu'on liste, triés, filtrés par le motif."""

    garder = _filtre(motif)
    if quoi == "scenarios":
        lignes = []
        for nom in scenarios_disponibles():
            scenario = lire_scenario(nom)
            lignes.append((nom, getattr(scenario, "titre", "") or ""))
    elif quoi == "variables":
        systeme = systemes.systeme_de_base()
        lignes = [(nom, f"{v.label or ''} [{v.entity.key}, {v.definition_period}, "
                   f"{'calculée' if v.formulas else 'entrée'}]") for nom, v in systeme.variables.items()]
    else:
        systeme = systemes.systeme_de_base()
        lignes = [(p.name, p.metadata.get("label") or p.description or "")
                  for p in systeme.parameters.get_descendants() if not hasattr(p, "children")]
    return sorted((nom, texte) for nom, texte in lignes if garder(nom, texte))


def executer(arguments) -> int:
    lignes = elements(arguments.quoi, arguments.motif)
    if not lignes:
        raise ErreurUtilisateur(f"aucun élément de « {arguments.quoi} » ne correspond au motif « {arguments.motif} »")
    largeur = min(60, max(len(nom) for nom, _ in lignes))
    for nom, texte in lignes:
        print(f"{nom:<{largeur}}  {texte}")
    return 0
