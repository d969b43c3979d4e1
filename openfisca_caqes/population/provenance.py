"""Ce qu'une simulation a reçu de son fichier : nom, colonnes fournies, échantillon de vérification."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

# Un échantillon de vérification : un établissement par couple (catégorie, région) présent.
CLES_ECHANTILLON = ("categorie_etablissement", "region")


@dataclass(frozen=True)
class Provenance:
    """Le fichier d'une simulation : son nom, les (variable, période) qu'il fournit, un petit échantillon."""

    nom: str
    fournies: frozenset[tuple[str, str]]
    echantillon: pd.DataFrame
    derniere_annee: int | None

    @classmethod
    def du_tableau(cls, nom: str, tableau: pd.DataFrame, associations: dict[str, tuple[str, int | None]]) -> Provenance:
        """La provenance d'un tableau validé ; l'échantillon garde une ligne par (catégorie, région), au plus ~200."""
        cles = [c for c in CLES_ECHANTILLON if c in tableau.columns]
        echantillon = tableau.drop_duplicates(subset=cles) if cles else tableau.head(1)
        annees = [annee for _, annee in associations.values() if annee is not None]
        return cls(
            nom=nom,
            fournies=frozenset(fournies(associations)),
            echantillon=echantillon.copy(),
            derniere_annee=max(annees) if annees else None,
        )


def fournies(associations: dict[str, tuple[str, int | None]]) -> set[tuple[str, str]]:
    """Les (variable, période) d'un fichier : `ETERNITY` pour une donnée permanente, l'année sinon."""
    return {(variable, "ETERNITY" if annee is None else str(annee)) for variable, annee in associations.values()}
