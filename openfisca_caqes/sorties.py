"""Écrire un tableau en CSV ou Excel sans jamais laisser de fichier partiel, et l'afficher."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd

FORMATS = (".csv", ".xlsx")


def verifier_sortie(chemin: str | None) -> Path | None:
    """Refuse tôt (avant tout calcul) un format ou un dossier de sortie impossibles."""
    from openfisca_caqes.cli import ErreurUtilisateur

    if chemin is None:
        return None
    sortie = Path(chemin)
    if sortie.suffix.lower() not in FORMATS:
        raise ErreurUtilisateur(f"{chemin} : format de sortie non reconnu (attendu : {', '.join(FORMATS)})")
    if not sortie.parent.exists():
        raise ErreurUtilisateur(f"{chemin} : le dossier {sortie.parent} n'existe pas")
    return sortie


def ecrire(feuilles: dict[str, pd.DataFrame], sortie: Path) -> None:
    """Écrit dans un fichier temporaire puis le renomme : pas de sortie partielle."""
    descripteur, temporaire = tempfile.mkstemp(suffix=sortie.suffix, dir=sortie.parent)
    os.close(descripteur)
    try:
        if sortie.suffix.lower() == ".csv":
            next(iter(feuilles.values())).to_csv(temporaire, index=False, encoding="utf-8")
        else:
            with pd.ExcelWriter(temporaire, engine="openpyxl") as classeur:
                for nom, tableau in feuilles.items():
                    tableau.to_excel(classeur, sheet_name=nom[:31], index=False)
        os.replace(temporaire, sortie)
    except BaseException:
        Path(temporaire).unlink(missing_ok=True)
        raise


def afficher(tableau: pd.DataFrame, titre: str, lignes_max: int | None = None) -> None:
    print(f"\n{titre}")
    with pd.option_context(
        "display.max_rows", lignes_max or len(tableau) + 1,
        "display.max_columns", None,
        "display.width", 200,
        "display.float_format", lambda x: f"{x:,.2f}".replace(",", " "),
    ):
        print(tableau.to_string(index=False))
