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


def graine(texte: str) -> int:
    """Une graine de tirage : entier positif ou nul."""
    try:
        valeur = int(texte)
    except ValueError:
        raise argparse.ArgumentTypeError(f"entier positif ou nul attendu, reçu « {texte} »") from None
    if valeur < 0:
        raise argparse.ArgumentTypeError(f"graine {valeur} : entier positif ou nul attendu")
    return valeur


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
