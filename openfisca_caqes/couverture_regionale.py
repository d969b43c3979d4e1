"""Quels indicateurs régionaux la loi encode pour chaque région et chaque année : dit, jamais un 0 calculé.

Les règles régionales sont des paramètres rangés par région sous
`caqes.<volet>.regionaux.<indicateur>.<region>` (voir `openfisca_caqes.regions`) ; un indicateur
est encodé pour une région une année si son paramètre `applicable` (celui de la région, ou de
`defaut`) y vaut plus que 0. Tout est lu dans les paramètres : ajouter les fichiers d'une région
la fait passer de « non modélisés » à « modélisés » sans toucher au code.

Une région dont aucun indicateur régional n'est encodé a un intéressement régional nul par
construction et non par calcul : les sorties laissent ses montants régionaux vides, avec un
statut, et le disent ; ses intéressements nationaux et ses pénalités restent calculés.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from openfisca_caqes.regions import _lire

PREFIXE_INTERESSEMENT = "interessement_regional_"
STATUT_COMPLET = "modélisés"
STATUT_PARTIEL = "partiellement modélisés"
STATUT_ABSENT = "non modélisés"
COLONNE_STATUT = "Indicateurs régionaux"
VIDE = "non modélisé"  # à l'écran, une cellule laissée vide faute de règle encodée

# Variables régionales agrégées (tous indicateurs) : vides pour une région sans indicateur encodé.
AGREGATS_ETABLISSEMENT = (
    "interessement_regional", "interessement_regional_verse", "nombre_indicateurs_regionaux_cibles",
    "points_interessement_regional", "ciblage_volet_regional_produits_sante",
)
AGREGATS_REGION = (
    "interessement_regional_demande", "interessement_regional_verse_region", "coefficient_enveloppe_regionale",
    "enveloppe_regionale_reliquat", "valeur_point_interessement_regional",
)


@dataclass(frozen=True)
class Couverture:
    """Les indicateurs régionaux encodés pour une région une année, parmi ceux que la loi connaît cette année."""

    region: str
    annee: int
    modelises: tuple[str, ...]
    connus: tuple[str, ...]

    @property
    def statut(self) -> str:
        if not self.connus or set(self.connus) <= set(self.modelises):
            return STATUT_COMPLET
        return STATUT_PARTIEL if self.modelises else STATUT_ABSENT

    @property
    def texte(self) -> str:
        """Le statut, avec la liste des indicateurs encodés quand elle est partielle."""
        if self.statut == STATUT_PARTIEL:
            return f"{STATUT_PARTIEL} ({', '.join(self.modelises)} seulement)"
        return self.statut


def noeuds_indicateurs(systeme, annee: int) -> dict[str, object]:
    """Les nœuds de paramètres des indicateurs régionaux à l'année (ceux qui ont leur `interessement_regional_<nom>`)."""
    racine = systeme.parameters(f"{annee}-01-01")
    trouves = {}
    if "caqes" not in racine:
        return trouves
    for volet in racine.caqes._children.values():
        regionaux = getattr(volet, "_children", {}).get("regionaux")
        for nom, noeud in getattr(regionaux, "_children", {}).items():
            if f"{PREFIXE_INTERESSEMENT}{nom}" in systeme.variables:
                trouves[nom] = noeud
    return dict(sorted(trouves.items()))


def _applicable(noeud, region: str) -> bool:
    valeur = _lire(noeud, (region, "applicable"), None)
    if valeur is None:
        valeur = _lire(noeud, ("defaut", "applicable"), 0)
    return bool(valeur and valeur > 0)


def codes_regions(systeme) -> list[str]:
    variable = systeme.variables.get("code_region")
    return [membre.name for membre in variable.possible_values] if variable is not None else []


def couverture(systeme, annee: int, regions) -> dict[str, Couverture]:
    """La couverture de chaque région demandée ; `connus` : les indicateurs encodés dans au moins une région l'année.

    Vide si la loi de l'année n'a aucun indicateur régional (2018-2021, IFEP) : rien à signaler.
    """
    noeuds = noeuds_indicateurs(systeme, annee)
    par_region = {code: tuple(nom for nom, noeud in noeuds.items() if _applicable(noeud, code)) for code in codes_regions(systeme)}
    connus = tuple(sorted({nom for noms in par_region.values() for nom in noms}))
    if not connus:
        return {}
    return {
        str(region): Couverture(str(region), annee, par_region.get(str(region), ()), connus)
        for region in sorted(set(map(str, regions)))
    }


def a_des_indicateurs_regionaux(systeme, annee: int) -> bool:
    """Vrai si la loi de l'année a au moins un indicateur régional encodé dans une région (2022-2026)."""
    noeuds = noeuds_indicateurs(systeme, annee).values()
    return any(_applicable(noeud, code) for noeud in noeuds for code in codes_regions(systeme))


def incompletes(couvertures: dict[str, Couverture]) -> dict[str, Couverture]:
    return {region: c for region, c in couvertures.items() if c.statut != STATUT_COMPLET}


def notes(couvertures: dict[str, Couverture], libelles_regions: dict[str, str] | None = None) -> list[str]:
    """Les phrases à afficher : régions sans indicateur régional encodé, régions partiellement encodées."""
    libelles_regions = libelles_regions or {}
    nom = lambda code: libelles_regions.get(code, code)  # noqa: E731
    lignes = []
    absentes = [c for c in couvertures.values() if c.statut == STATUT_ABSENT]
    if absentes:
        annee = absentes[0].annee
        lignes.append(
            f"Indicateurs régionaux non modélisés pour {', '.join(nom(c.region) for c in absentes)} ({annee}) : "
            "leurs montants régionaux sont laissés vides (« non modélisé »), pas calculés à 0 ; leurs intéressements "
            "nationaux et pénalités sont calculés, et leurs totaux n'incluent aucun intéressement régional."
        )
    for c in couvertures.values():
        if c.statut == STATUT_PARTIEL:
            lignes.append(
                f"Indicateurs régionaux partiellement modélisés pour {nom(c.region)} ({c.annee}) : seuls "
                f"{', '.join(c.modelises)} sont encodés ; non modélisés : "
                f"{', '.join(sorted(set(c.connus) - set(c.modelises)))}."
            )
    return lignes


def indicateur_de(nom_variable: str, connus: tuple[str, ...], systeme=None) -> str | None:
    """L'indicateur régional dont `nom_variable` est le ciblage ou l'intéressement, sinon None.

    Un ciblage n'est rattaché à l'indicateur régional que si la loi (`systeme`) n'a pas d'indicateur national du même nom.
    """
    for indicateur in connus:
        if nom_variable == f"{PREFIXE_INTERESSEMENT}{indicateur}":
            return indicateur
        if (systeme is not None and nom_variable == f"ciblage_{indicateur}"
                and f"interessement_{indicateur}" not in systeme.variables):
            return indicateur
    return None


def masque_non_modelise(nom_variable: str, regions: np.ndarray, couvertures: dict[str, Couverture], systeme=None) -> np.ndarray | None:
    """Les lignes (établissements ou régions de code `regions`) où `nom_variable` n'est pas modélisée ; None si partout."""
    if not couvertures:
        return None
    connus = next(iter(couvertures.values())).connus
    indicateur = indicateur_de(nom_variable, connus, systeme)
    if indicateur is not None:
        manquantes = [r for r, c in couvertures.items() if indicateur not in c.modelises]
    elif nom_variable in AGREGATS_ETABLISSEMENT + AGREGATS_REGION:
        manquantes = [r for r, c in couvertures.items() if c.statut == STATUT_ABSENT]
    else:
        return None
    masque = np.isin(np.asarray(regions).astype(str), manquantes)
    return masque if masque.any() else None


def statuts(regions, couvertures: dict[str, Couverture]) -> np.ndarray:
    """Le statut (texte) de chaque ligne selon sa région : vectoriel (une table par région présente)."""
    codes = pd.Series(np.asarray(regions).astype(str))
    return codes.map({r: c.texte for r, c in couvertures.items()}).fillna(STATUT_COMPLET).to_numpy(object)


def vider(valeurs, masque: np.ndarray | None):
    """Les valeurs, celles du masque vides (NA) : entiers et booléens gardent leur type (Int64, boolean)."""
    if masque is None:
        return valeurs
    valeurs = np.asarray(valeurs)
    if valeurs.dtype.kind == "b":
        return pd.arrays.BooleanArray(valeurs, masque)
    if valeurs.dtype.kind in "iu":
        return pd.arrays.IntegerArray(valeurs.astype(np.int64), masque)
    if valeurs.dtype.kind == "f":
        return np.where(masque, np.nan, valeurs)
    return np.where(masque, None, valeurs.astype(object))


RANG_STATUT = {STATUT_COMPLET: 0, STATUT_PARTIEL: 1, STATUT_ABSENT: 2}
