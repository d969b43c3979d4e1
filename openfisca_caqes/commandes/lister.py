"""`caqes lister scenarios|variables|parametres [motif]` : ce que la loi encodée connaît, pour le trouver."""

from __future__ import annotations

from datetime import date

import openfisca_caqes.systeme as systemes  # `systemes.systeme_de_base` lu à l'appel : les tests y substituent une loi d'essai
from openfisca_caqes import lister as listes
from openfisca_caqes.erreurs import ErreurUtilisateur


def declarer(sous) -> None:
    parser = sous.add_parser("lister", help="lister les scénarios, variables ou paramètres (filtrés par un motif)")
    parser.add_argument("quoi", choices=listes.QUOI, help="ce qu'il faut lister")
    parser.add_argument("motif", nargs="?", default=None,
                        help="ne garder que les noms ou libellés qui contiennent ce motif (expression régulière, casse libre)")
    parser.set_defaults(executer=executer)


def executer(arguments) -> int:
    """Une ligne par élément : le nom, puis le reste de sa description (valeur des paramètres au 1er janvier de cette année)."""
    tableau = listes.lister(arguments.quoi, systemes.systeme_de_base(), date.today().year, arguments.motif)
    if tableau.empty:
        raise ErreurUtilisateur(f"aucun élément de « {arguments.quoi} » ne correspond au motif « {arguments.motif} »")
    noms = tableau.iloc[:, 0].astype(str)
    largeur = min(60, int(noms.str.len().max()))
    for nom, reste in zip(noms, tableau.iloc[:, 1:].astype(str).agg(" · ".join, axis=1)):
        print(f"{nom:<{largeur}}  {reste}")
    return 0
