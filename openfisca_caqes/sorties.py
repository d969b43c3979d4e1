"""Écrire un tableau en CSV ou Excel sans jamais laisser de fichier partiel, et l'afficher."""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

FORMATS = (".csv", ".xlsx")


def verifier_sortie(chemin: str | None) -> Path | None:
    """Refuse tôt (avant tout calcul) un format ou un dossier de sortie impossibles."""
    from openfisca_caqes.erreurs import ErreurUtilisateur

    if chemin is None:
        return None
    sortie = Path(chemin)
    if sortie.suffix.lower() not in FORMATS:
        raise ErreurUtilisateur(f"{chemin} : format de sortie non reconnu (attendu : {', '.join(FORMATS)})")
    if not sortie.parent.exists():
        raise ErreurUtilisateur(f"{chemin} : le dossier {sortie.parent} n'existe pas")
    return sortie


@contextmanager
def fichiers_atomiques(sorties: list[Path]):
    """Un chemin temporaire par sortie, renommés une fois tout écrit ; sinon tout est effacé."""
    temporaires = []
    masque = os.umask(0)
    os.umask(masque)
    try:
        for sortie in sorties:
            descripteur, temporaire = tempfile.mkstemp(prefix=".caqes-", suffix=sortie.suffix, dir=sortie.parent)
            os.close(descripteur)
            os.chmod(temporaire, 0o666 & ~masque)  # les droits d'un fichier ordinaire, pas 0600
            temporaires.append(Path(temporaire))
        yield temporaires
        for temporaire, sortie in zip(temporaires, sorties):
            os.replace(temporaire, sortie)
    finally:
        for temporaire in temporaires:
            temporaire.unlink(missing_ok=True)


def ecrire(feuilles: dict[str, pd.DataFrame], sortie: Path) -> None:
    """Écrit un CSV (le premier tableau) ou un classeur Excel (une feuille par tableau), sans sortie partielle."""
    with fichiers_atomiques([sortie]) as (temporaire,):
        if sortie.suffix.lower() == ".csv":
            next(iter(feuilles.values())).to_csv(temporaire, index=False, encoding="utf-8")
        else:
            with pd.ExcelWriter(temporaire, engine="openpyxl") as classeur:
                for nom, tableau in feuilles.items():
                    tableau.to_excel(classeur, sheet_name=nom[:31], index=False)


def afficher(tableau: pd.DataFrame, titre: str, lignes_max: int | None = None) -> None:
    print(f"\n{titre}")
    with pd.option_context(
        "display.max_rows", lignes_max or len(tableau) + 1,
        "display.max_columns", None,
        "display.width", 200,
        "display.float_format", lambda x: f"{x:,.2f}".replace(",", " "),
    ):
        print(tableau.to_string(index=False))
