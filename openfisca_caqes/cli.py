"""La commande `caqes` : chaque sous-commande vit dans son module de openfisca_caqes.commandes."""

from __future__ import annotations

import argparse
import importlib
import sys

from openfisca_caqes.erreurs import ErreurPopulation, ErreurUtilisateur

COMMANDES = ("simulate", "compare", "envelope", "explain", "report", "serve")


def analyseur() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="caqes",
        description="Simuler le CAQES (2018-2026) et l'IFEP (2027) sur une population d'établissements.",
    )
    sous = parser.add_subparsers(dest="commande", required=True, metavar="COMMANDE")
    for nom in COMMANDES:
        module = importlib.import_module(f"openfisca_caqes.commandes.{nom}")
        module.declarer(sous)
    return parser


def main(argv: list[str] | None = None) -> int:
    arguments = analyseur().parse_args(argv)
    try:
        return arguments.executer(arguments) or 0
    except (ErreurPopulation, ErreurUtilisateur) as erreur:
        print(f"caqes : erreur : {erreur}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover - `python -m openfisca_caqes.cli`
    from openfisca_caqes.cli import main as _main  # the module's own classes, not __main__'s copies

    sys.exit(_main())
