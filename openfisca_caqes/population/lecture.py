"""Lire un fichier de population, quel que soit son format, en un tableau large (une ligne par établissement).

Formats : CSV (séparateur et marque décimale détectés ou donnés, `dialecte.py`), classeur Excel
(une feuille, ou une feuille par thème : `classeur.py`), Parquet, `pandas.DataFrame`. Chaque
tableau est large (`variable_AAAA`), long (`etablissement, annee, variable, valeur`) ou par année
(`etablissement, annee, variable…`) ; les deux derniers passent par `longue.vers_large`, qui situe
une erreur à la ligne du fichier long. Le tableau rendu est ensuite validé par le chargement, le
même pour tous les formats.
"""

from __future__ import annotations

import codecs
import csv
from pathlib import Path

import numpy as np
import pandas as pd

import openfisca_caqes.systeme as systemes  # `systemes.systeme_de_base` lu à l'appel : les tests y substituent une loi d'essai
from openfisca_caqes.erreurs import ErreurPopulation
from openfisca_caqes.population import longue
from openfisca_caqes.population.dialecte import DECIMALES, SEPARATEURS, detecter, normaliser_choix, normaliser_decimale
from openfisca_caqes.population.lignes import verifier_lignes
from openfisca_caqes.population.schema import COLONNES_IDENTITE, MOTIF_ANNUEL, schema

FORMATS_LUS = (".csv", ".xlsx", ".xlsm", ".parquet")
TOUJOURS_LUES = (*COLONNES_IDENTITE, "categorie_etablissement")


def lire_tableau(source, feuille: str | None = None, *, separateur: str | None = None, decimale: str | None = None,
                 colonnes=None) -> tuple[pd.DataFrame, str]:
    """Lit une population (CSV, classeur, Parquet, DataFrame ; large, longue ou par année) ; rend le tableau large et son nom.

    `separateur`, `decimale` : le dialecte d'un CSV (détecté si absent). `colonnes` : si donné, seules
    ces colonnes du tableau large, plus l'identité et la catégorie, sont lues (les autres ne sont ni
    converties ni gardées) ; une liste de noms, ou un objet qui répond à `nom in colonnes`
    (`besoins.ColonnesLues`, qui garde lui-même l'identité).
    """
    separateur = normaliser_choix(separateur, SEPARATEURS, "--separateur")
    decimale = normaliser_choix(decimale, DECIMALES, "--decimale")
    garder = colonnes if colonnes is None or not isinstance(colonnes, (list, tuple, set, frozenset)) \
        else frozenset(colonnes) | frozenset(TOUJOURS_LUES)
    if isinstance(source, pd.DataFrame):
        tableau = _numeroter(source.reset_index(drop=True))
        return _en_large(tableau, "<DataFrame>", decimale or ".", garder), "<DataFrame>"
    chemin = Path(source)
    nom = str(chemin)
    if not chemin.is_file():
        raise ErreurPopulation(nom, "fichier introuvable")
    suffixe = chemin.suffix.lower()
    try:
        if suffixe in (".xlsx", ".xlsm"):
            from openfisca_caqes.population.classeur import (
                lire_classeur,  # import tardif : cycle (classeur lit avec ce module)
            )

            tableau = lire_classeur(chemin, feuille, garder)
        elif suffixe == ".csv":
            tableau = _lire_csv(chemin, separateur, decimale, garder)
        elif suffixe == ".parquet":
            tableau = _lire_parquet(chemin, garder)
        else:
            raise ErreurPopulation(nom, f"format non reconnu : attendu {', '.join(FORMATS_LUS)}")
    except UnicodeDecodeError:
        raise ErreurPopulation(nom, "le texte n'est pas encodé en UTF-8", ligne=_ligne_non_utf8(chemin)) from None
    except pd.errors.EmptyDataError:
        raise ErreurPopulation(nom, "le fichier est vide") from None
    except pd.errors.ParserError as erreur:
        raise ErreurPopulation(nom, f"CSV illisible : {erreur}") from None
    if tableau.empty:
        raise ErreurPopulation(nom, "le fichier ne contient aucun établissement")
    return tableau, nom


def _en_large(tableau: pd.DataFrame, nom: str, decimale: str, garder) -> pd.DataFrame:
    """Le tableau large d'un tableau lu, selon sa disposition ; un tableau large est rendu tel quel (filtré)."""
    genre = longue.disposition(tableau.columns)
    if genre == "large":
        if garder is not None:
            tableau = tableau[[c for c in tableau.columns if c in garder]]
        return tableau
    refuser_doublons(tableau.columns, nom)
    cellules = longue.depuis_longue(tableau, nom) if genre == "longue" else longue.depuis_par_annee(tableau, nom)
    return filtrer_cellules(longue.vers_large(cellules, decimale), garder)


def filtrer_cellules(large: pd.DataFrame, garder) -> pd.DataFrame:
    return large if garder is None else large[[c for c in large.columns if c in garder]]


def _numeroter(tableau: pd.DataFrame) -> pd.DataFrame:
    """L'index porte le numéro de ligne dans le fichier (l'en-tête est la ligne 1)."""
    tableau.index = np.arange(2, len(tableau) + 2)
    return tableau


def _lire_csv(chemin: Path, separateur: str | None, decimale: str | None, garder) -> pd.DataFrame:
    """Lit un CSV : seul un champ vide est une cellule vide ; `NA`, `null`… restent du texte (refusé ensuite)."""
    contenu = chemin.read_bytes()
    _verifier_utf8(contenu)  # UnicodeDecodeError : traitée par l'appelant, qui nomme la ligne
    nom = str(chemin)
    dialecte = detecter(contenu, nom, separateur, decimale)
    verifier_lignes(contenu, nom, dialecte.separateur)
    fin = contenu.find(b"\n")
    premiere_ligne = contenu if fin < 0 else contenu[:fin]
    bruts = _noms_bruts(premiere_ligne, dialecte.separateur)
    en_tete = [c.strip() for c in bruts]
    refuser_doublons(en_tete, nom)
    genre = longue.disposition(en_tete)
    texte = genre != "large" or dialecte.decimale == ","  # lu comme du texte, converti après
    dtypes = str if texte else {c: str for c in COLONNES_IDENTITE}
    usecols = None
    if garder is not None and genre == "large" and not all(c in garder for c in en_tete):
        usecols = [brut for brut, c in zip(bruts, en_tete) if c in garder]
    del contenu  # pandas relit le fichier par blocs : la copie en mémoire n'est plus tenue pendant l'analyse
    tableau = pd.read_csv(
        chemin, encoding="utf-8-sig", dtype=dtypes, sep=dialecte.separateur, usecols=usecols,
        index_col=False, skip_blank_lines=False, keep_default_na=False, na_values=[""],
    )
    tableau.columns = [str(c).strip() for c in tableau.columns]
    tableau = _sans_lignes_vides(_numeroter(tableau))
    if genre != "large":
        return _en_large(tableau, nom, dialecte.decimale, garder)
    if dialecte.decimale == ",":
        tableau = _decimales_larges(tableau, nom)
    return tableau


def _verifier_utf8(contenu: bytes, tranche: int = 1 << 24) -> None:
    """Lève UnicodeDecodeError si `contenu` n'est pas de l'UTF-8, par tranches (pas de copie du fichier en texte)."""
    if contenu.isascii():  # le cas courant, vérifié sans décoder
        return
    decodeur = codecs.getincrementaldecoder("utf-8")()
    vue = memoryview(contenu)
    for debut in range(0, len(contenu), tranche):
        decodeur.decode(vue[debut : debut + tranche])
    decodeur.decode(b"", final=True)


def _noms_bruts(premiere_ligne: bytes, separateur: str) -> list[str]:
    """Les noms de l'en-tête tels que pandas les lit (espaces compris), pour `usecols`."""
    ligne = premiere_ligne.decode("utf-8-sig").rstrip("\r")
    return next(csv.reader([ligne], delimiter=separateur))


def _decimales_larges(tableau: pd.DataFrame, nom: str) -> pd.DataFrame:
    """Les colonnes de nombres d'un tableau large à virgule décimale, réécrites avec un point."""

    colonnes = schema(systemes.systeme_de_base())
    for colonne in tableau.columns:  # une boucle sur les colonnes, pas sur les établissements
        motif = MOTIF_ANNUEL.match(colonne)
        variable = colonne if colonne in colonnes else (motif["variable"] if motif else None)
        if variable in colonnes and colonnes[variable].type in ("float", "int"):
            tableau[colonne] = normaliser_decimale(tableau[colonne], nom, colonne, ",")
    return tableau


def _lire_parquet(chemin: Path, garder) -> pd.DataFrame:
    """Lit un Parquet (pyarrow) : large (seules les colonnes utiles si `garder`), longue ou par année."""
    import pyarrow.parquet as pq  # import tardif : pyarrow (lent) n'est chargé que pour un fichier parquet

    nom = str(chemin)
    try:
        fichier = pq.ParquetFile(chemin)
        noms = fichier.schema_arrow.names
        genre = longue.disposition(noms)
        lues = [c for c in noms if c in garder] if garder is not None and genre == "large" else None
        table = fichier.read(columns=lues)
    except Exception as erreur:  # pyarrow lève plusieurs types pour un fichier abîmé
        raise ErreurPopulation(nom, f"fichier Parquet illisible : {erreur}") from None
    tableau = table.to_pandas()
    del table
    for colonne in COLONNES_IDENTITE:
        if colonne in tableau.columns:
            tableau[colonne] = tableau[colonne].astype(object).where(tableau[colonne].notna(), None)
    tableau = _numeroter(tableau)
    return _en_large(tableau, nom, ".", garder) if genre != "large" else tableau


def _sans_lignes_vides(tableau: pd.DataFrame) -> pd.DataFrame:
    """Les lignes vides sont ignorées, les numéros conservés.

    Une ligne vide l'est dans sa première colonne : on ne teste les autres que sur ces lignes-là,
    et le tableau n'est recopié que s'il y a des lignes à retirer.
    """
    if tableau.shape[1] == 0:
        return tableau
    candidates = tableau.iloc[:, 0].isna().to_numpy()
    if not candidates.any():
        return tableau
    vides = candidates.copy()
    vides[candidates] = tableau[candidates].isna().all(axis=1).to_numpy()
    return tableau[~vides] if vides.any() else tableau


def _ligne_non_utf8(chemin: Path) -> int:
    contenu = chemin.read_bytes()
    try:
        contenu.decode("utf-8")
    except UnicodeDecodeError as erreur:
        return contenu[: erreur.start].count(b"\n") + 1
    return 1


def refuser_doublons(noms, nom: str) -> None:
    """Une colonne nommée deux fois dans l'en-tête : laquelle croire ? (pandas renommerait la seconde « X.1 »)."""
    doublons = pd.Index([str(n).strip() for n in noms])
    if doublons.duplicated().any():
        raise ErreurPopulation(nom, "colonne nommée deux fois dans l'en-tête", ligne=1, colonne=doublons[doublons.duplicated()][0])
