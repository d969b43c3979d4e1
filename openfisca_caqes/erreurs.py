"""Les erreurs que l'utilisateur peut corriger : message clair, code de sortie 2, aucune trace.

Ce module n'importe rien du paquet : tous les autres l'importent (moteur, commandes, API web).
"""

from __future__ import annotations

from dataclasses import dataclass


class ErreurUtilisateur(Exception):
    """Une demande impossible à satisfaire (option, fichier, question hors du domaine encodé)."""


@dataclass
class ErreurPopulation(ErreurUtilisateur):
    """Une erreur dans les données fournies, localisée (fichier, ligne, colonne)."""

    fichier: str
    message: str
    ligne: int | None = None
    colonne: str | None = None

    def __str__(self) -> str:
        lieu = [self.fichier]
        if self.ligne is not None:
            lieu.append(f"ligne {self.ligne}")
        if self.colonne is not None:
            lieu.append(f"colonne « {self.colonne} »")
        return f"{', '.join(lieu)} : {self.message}"
