"""Les types des options de la ligne de commande : une valeur impossible est refusée par argparse (code 2)."""

from __future__ import annotations

import argparse
import math

ANNEE_MIN, ANNEE_MAX = 1000, 9999  # une année à quatre chiffres (OpenFisca) ; le domaine encodé est vérifié au chargement


def annee(texte: str) -> int:
    """Une année à quatre chiffres (le domaine de la loi et des données est vérifié plus loin)."""
    try:
        valeur = int(texte)
    except ValueError:
        raise argparse.ArgumentTypeError(f"année attendue (ex. 2025), reçu « {texte} »") from None
    if not ANNEE_MIN <= valeur <= ANNEE_MAX:
        raise argparse.ArgumentTypeError(f"année {valeur} impossible (quatre chiffres attendus, ex. 2025)")
    return valeur


def entier(texte: str, minimum: int, maximum: int | None = None, quoi: str = "valeur") -> int:
    """Un entier dans [minimum, maximum] (sans maximum : au moins `minimum`), sinon une erreur d'argparse (code 2)."""
    try:
        valeur = int(texte)
    except ValueError:
        raise argparse.ArgumentTypeError(f"entier attendu, reçu « {texte} »") from None
    if maximum is not None and not minimum <= valeur <= maximum:
        raise argparse.ArgumentTypeError(f"{quoi} hors de [{minimum}, {maximum}] : {valeur}")
    if valeur < minimum:
        attendu = {0: "entier positif ou nul", 1: "entier strictement positif"}.get(minimum, f"entier d'au moins {minimum}")
        raise argparse.ArgumentTypeError(f"{quoi} {valeur} : {attendu} attendu")
    return valeur


def graine(texte: str) -> int:
    """Une graine de tirage : entier positif ou nul."""
    return entier(texte, 0, quoi="graine")


def reel_fini(texte: str) -> float:
    """Un nombre réel fini (ni nan ni inf)."""
    try:
        valeur = float(texte)
    except ValueError:
        raise argparse.ArgumentTypeError(f"nombre attendu, reçu « {texte} »") from None
    if not math.isfinite(valeur):
        raise argparse.ArgumentTypeError(f"nombre fini attendu, reçu « {texte} »")
    return valeur


def ajouter_option_tout(parser) -> None:
    """`--tout` : afficher toutes les lignes et colonnes à l'écran (sinon les premières et les totaux)."""
    parser.add_argument("--tout", action="store_true",
                        help="afficher à l'écran toutes les lignes (sinon : les premières, les totaux, et comment tout obtenir)")
