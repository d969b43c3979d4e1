"""Les résultats d'un point, par région et pour l'ensemble : totaux exacts (int64) et effectifs.

Pour chaque région (et la ligne `ensemble`, somme exacte des régions) : dotation (intéressements
et dotations de l'année, `interessement_total`), pénalités (`penalite_totale`), solde net
(`solde_financier`), établissements pénalisés (pénalité > 0), au plafond (pénalité égale au
plafond IFEP > 0 ; vide quand la loi de l'année n'a pas de plafond de pénalité), gagnants et
perdants (solde de l'établissement plus haut ou plus bas que dans le scénario de base), et
l'écart du solde net au scénario de base.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

ENSEMBLE = "ensemble"
MONTANTS = ("dotation_totale", "penalite_totale", "solde_net", "ecart_solde_base")
EFFECTIFS = ("etablissements", "etablissements_penalises", "etablissements_au_plafond", "gagnants", "perdants")
RESULTATS = MONTANTS + EFFECTIFS


@dataclass
class ResultatsEtablissements:
    """Les montants d'une loi, établissement par établissement (euros entiers)."""

    dotation: np.ndarray
    penalite: np.ndarray
    solde: np.ndarray
    plafond: np.ndarray | None  # None : pas de plafond de pénalité dans la loi de l'année
    region: np.ndarray  # rang de la région de chaque établissement
    noms_regions: tuple[str, ...]


def sommer(valeurs: np.ndarray, region: np.ndarray, nombre: int) -> np.ndarray:
    """Sommes exactes par région (int64, sans passer par des flottants)."""
    totaux = np.zeros(nombre, dtype=np.int64)
    np.add.at(totaux, region, valeurs.astype(np.int64))
    return totaux


def resumer(point: ResultatsEtablissements, base: ResultatsEtablissements) -> list[dict]:
    """Une ligne par région puis `ensemble` : montants et effectifs du point, comparé à la base."""
    nombre = len(point.noms_regions)
    colonnes = {
        "dotation_totale": point.dotation,
        "penalite_totale": point.penalite,
        "solde_net": point.solde,
        "ecart_solde_base": point.solde - base.solde,
        "etablissements": np.ones_like(point.solde),
        "etablissements_penalises": point.penalite > 0,
        "gagnants": point.solde > base.solde,
        "perdants": point.solde < base.solde,
    }
    if point.plafond is not None:
        colonnes["etablissements_au_plafond"] = (point.penalite > 0) & (point.penalite >= point.plafond)
    par_region = {nom: sommer(np.asarray(valeurs), point.region, nombre) for nom, valeurs in colonnes.items()}
    lignes = []
    for rang, region in enumerate((*point.noms_regions, ENSEMBLE)):
        ligne = {"region": region}
        for nom in RESULTATS:
            if nom not in par_region:
                ligne[nom] = None
            elif region == ENSEMBLE:
                ligne[nom] = int(par_region[nom].sum())
            else:
                ligne[nom] = int(par_region[nom][rang])
        lignes.append(ligne)
    return lignes
