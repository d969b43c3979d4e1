"""Les erreurs que l'utilisateur peut corriger : message clair, code de sortie 2, aucune trace.

Ce module n'importe rien du paquet : tous les autres l'importent (moteur, commandes, API web, variables).
"""

from __future__ import annotations

from dataclasses import dataclass

from openfisca_core.errors import SituationParsingError


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


class FinancementsIncoherents(ErreurUtilisateur, SituationParsingError):
    """Des financements totaux absents ou inférieurs à ceux de l'assurance maladie : refus, jamais un plafond nul.

    Une `ErreurUtilisateur` (la commande `caqes` l'affiche et sort avec le code 2) et une
    `SituationParsingError` (l'API web répond 400 en nommant l'établissement et la variable).
    """

    def __init__(self, etablissement: str, annee: str, message: str) -> None:
        SituationParsingError.__init__(self, ["etablissements", etablissement, "financements_totaux"], message, 400)
        self.message = message

    def __str__(self) -> str:
        return self.message
