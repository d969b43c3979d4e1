"""L'écran : un résumé d'abord, puis des tableaux compacts à la largeur du terminal (rich).

Une seule façon d'écrire les nombres : séparateur de milliers espace, virgule décimale, années
sans séparateur (« 2025 », jamais « 2 025 »), cellules vides écrites `vide` (« non modélisé »).
Un tableau montre ses premières lignes et une ligne de totaux ; une phrase dit comment tout
obtenir (`--tout` à l'écran, `--sortie FICHIER`). Trop de colonnes pour la largeur : le tableau
est coupé en blocs de colonnes qui répètent la première (l'identifiant). Les fichiers écrits
(openfisca_caqes.sorties) ne passent pas par ici : leurs en-têtes restent stables.
"""

from __future__ import annotations

import shutil
import sys

import numpy as np
import pandas as pd
from rich import box
from rich.console import Console
from rich.table import Table

LARGEUR_PAR_DEFAUT = 100  # hors terminal (fichier, tube) et sans COLUMNS
LIGNES_PAR_DEFAUT = 15
MARGE_COLONNE = 3  # une espace de chaque côté de la cellule (padding rich) et le séparateur de colonnes
LARGEUR_TEXTE = 26  # une colonne de texte plus longue est repliée sur plusieurs lignes
INCOMPLET = "incomplet"  # le total d'une colonne qui a des cellules vides (non modélisées)
INDICATION_TOUT = "--tout pour tout afficher, --sortie FICHIER pour tout écrire"


def largeur() -> int:
    """La largeur du terminal (COLUMNS si donnée), 100 colonnes hors terminal."""
    return max(40, shutil.get_terminal_size((LARGEUR_PAR_DEFAUT, 24)).columns)


def console() -> Console:
    """Une console rich qui écrit sur la sortie standard du moment (capturable), sans couleurs ni balisage."""
    return Console(file=sys.stdout, width=largeur(), highlight=False, markup=False, emoji=False,
                   color_system=None, soft_wrap=False)


def nombre(valeur, decimales: int = 2, separateur: bool = True) -> str:
    """Un nombre à la française : « 1 234 567 », « 0,87 » ; entier sans décimales."""
    if valeur is None or (isinstance(valeur, float) and np.isnan(valeur)) or valeur is pd.NA:
        return ""
    if isinstance(valeur, (bool, np.bool_)):
        return "oui" if valeur else "non"
    if isinstance(valeur, (int, np.integer)) or (isinstance(valeur, (float, np.floating)) and float(valeur).is_integer()
                                                   and abs(valeur) >= 1000):
        texte = f"{int(valeur):,}" if separateur else f"{int(valeur)}"
    else:
        texte = f"{float(valeur):,.{decimales}f}" if separateur else f"{float(valeur):.{decimales}f}"
    return texte.replace(",", " ").replace(".", ",")


def euros(valeur) -> str:
    """Un montant : « 1 234 567 € »."""
    return f"{nombre(valeur)} €"


def _est_annee(nom: str) -> bool:
    texte = str(nom).lower()
    return "année" in texte or "annee" in texte or texte in ("graine", "seed")


def _numerique(serie: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(serie) and not pd.api.types.is_bool_dtype(serie)


def cellules(tableau: pd.DataFrame, vide: str) -> dict[str, list[str]]:
    """Chaque colonne en textes formatés (nombres à la française, années sans séparateur, vides nommés)."""
    textes = {}
    for nom in tableau.columns:
        serie = tableau[nom]
        annee = _est_annee(nom)
        if _numerique(serie) or pd.api.types.is_bool_dtype(serie):
            decimales = 4 if serie.dtype.kind == "f" and serie.abs().max(skipna=True) < 10 else 2
            valeurs = [nombre(v, decimales, separateur=not annee) for v in serie.astype(object)]
        else:
            valeurs = ["" if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)) else str(v)
                       for v in serie.astype(object)]
        textes[str(nom)] = [v if v != "" else vide for v in valeurs]
    return textes


def _largeur_utile(nom: str, valeurs: list[str], numerique: bool) -> int:
    """La largeur dont une colonne a besoin : ses nombres entiers, ou le plus long mot de l'en-tête."""
    mots = max((len(mot) for mot in str(nom).split()), default=1)
    contenu = max((len(v) for v in valeurs), default=1)
    if not numerique:
        contenu = min(contenu, max(LARGEUR_TEXTE, mots))
    return max(mots, contenu) + MARGE_COLONNE


def blocs_colonnes(noms: list[str], besoins: dict[str, int], disponible: int) -> list[list[str]]:
    """Les colonnes réparties en blocs qui tiennent dans `disponible`, chacun ouvert par la première colonne."""
    if not noms:
        return []
    premiere, reste = noms[0], noms[1:]
    blocs, courant, occupe = [], [premiere], besoins[premiere]
    for nom in reste:
        if occupe + besoins[nom] > disponible and len(courant) > 1:
            blocs.append(courant)
            courant, occupe = [premiere], besoins[premiere]
        courant.append(nom)
        occupe += besoins[nom]
    blocs.append(courant)
    return blocs


NON_ADDITIFS = ("quantile", "probabilité", "coefficient", "taux", "part ", "écart /", "score", "bonus", "partie ")


def _additive(nom) -> bool:
    """Vrai si la colonne s'additionne (montants, effectifs) ; ni une année, ni un taux, ni un quantile, ni un score."""
    texte = str(nom).lower()
    return not _est_annee(nom) and not any(mot in texte for mot in NON_ADDITIFS)


def _elargir(textes_: list[str], besoins: dict[str, int], textes: dict[str, list[str]], disponible: int) -> None:
    """S'il reste de la place, les colonnes de texte s'élargissent vers leur largeur entière, à parts égales d'abord."""
    manques = {nom: max(max((len(v) for v in textes[nom]), default=0) + MARGE_COLONNE - besoins[nom], 0) for nom in textes_}
    for equitable in (True, False):
        reste = disponible - sum(besoins.values())
        demandeurs = [nom for nom in textes_ if manques[nom] > 0]
        for rang, nom in enumerate(demandeurs):
            part = reste // (len(demandeurs) - rang) if equitable else reste
            ajout = min(manques[nom], max(part, 0))
            besoins[nom] += ajout
            manques[nom] -= ajout
            reste -= ajout


def totaux(tableau: pd.DataFrame, libelle: str) -> dict[str, object]:
    """La ligne de totaux : la somme exacte (int64 pour les entiers) des colonnes de montants et d'effectifs."""
    ligne: dict[str, object] = {}
    for nom in tableau.columns:
        serie = tableau[nom]
        if not _additive(nom):
            ligne[nom] = None
        elif _numerique(serie) and serie.isna().any():  # une cellule non modélisée : pas de total (il serait partiel)
            ligne[nom] = INCOMPLET
        elif _numerique(serie) and serie.dtype.kind in "iu":
            ligne[nom] = int(serie.to_numpy(np.int64).sum())
        elif _numerique(serie) and ("€" in str(nom) or "euros" in str(nom).lower()):
            ligne[nom] = float(serie.sum())
        else:
            ligne[nom] = None
    ligne[tableau.columns[0]] = libelle
    return ligne


def tableau(
    donnees: pd.DataFrame, titre: str, *, lignes_max: int | None = LIGNES_PAR_DEFAUT, tout: bool = False,
    total: bool = False, vide: str = "", indication: str = INDICATION_TOUT,
) -> None:
    """Affiche `donnees` : premières lignes (toutes avec `tout`), ligne de totaux, blocs de colonnes à la largeur."""
    sortie = console()
    sortie.print()
    sortie.print(titre)
    if donnees.empty:
        sortie.print("  (aucune ligne)")
        return
    donnees = donnees.reset_index(drop=True)
    montrees = donnees if tout or lignes_max is None or len(donnees) <= lignes_max else donnees.head(lignes_max)
    textes = cellules(montrees, vide)
    ligne_totaux = None
    if total:
        brute = totaux(donnees, "Total")
        ligne_totaux = {str(nom): ["" if valeur is None else valeur if isinstance(valeur, str) else nombre(valeur)]
                        for nom, valeur in brute.items()}
    noms = [str(nom) for nom in donnees.columns]
    numeriques = {str(nom): _numerique(donnees[nom]) for nom in donnees.columns}
    besoins = {
        nom: _largeur_utile(nom, textes[nom] + (ligne_totaux[nom] if ligne_totaux else []), numeriques[nom]) for nom in noms
    }
    _elargir([nom for nom in noms if not numeriques[nom]], besoins, textes, largeur())
    for bloc in blocs_colonnes(noms, besoins, largeur()):
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False, show_footer=False)
        for nom in bloc:
            table.add_column(nom, justify="right" if numeriques[nom] else "left", overflow="fold",
                             width=besoins[nom] - MARGE_COLONNE)
        for rang in range(len(montrees)):
            table.add_row(*(textes[nom][rang] for nom in bloc))
        if ligne_totaux:
            table.add_section()
            table.add_row(*(ligne_totaux[nom][0] for nom in bloc))
        sortie.print(table)
    if len(montrees) < len(donnees):
        sortie.print(f"… {nombre(len(donnees) - len(montrees))} lignes de plus ({nombre(len(donnees))} en tout) : {indication}.")


def lignes(textes: list[str]) -> None:
    """Des phrases, repliées à la largeur du terminal."""
    sortie = console()
    for texte in textes:
        sortie.print(texte, overflow="fold")


def resume(titre: str, paires: list[tuple[str, str]]) -> None:
    """Le résumé : « libellé : valeur », une paire par ligne, repliée à la largeur."""
    sortie = console()
    sortie.print(titre)
    for libelle, valeur in paires:
        sortie.print(f"  {libelle} : {valeur}", overflow="fold")
