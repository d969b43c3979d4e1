"""Les cellules d'une feuille xlsx écrites colonne par colonne (numpy, pandas), pas cellule par cellule.

xlsxwriter écrit le classeur (styles, largeurs, volets figés, filtre, paquet zip) mais ses cellules
passent une à une par Python : ~10 µs chacune, 15 s pour 50 000 établissements × 30 colonnes.
Ici, le XML de chaque colonne est fabriqué d'un bloc (texte de chaque valeur, échappement, référence
de cellule), puis les colonnes sont concaténées ligne à ligne ; xlsxwriter n'écrit que l'en-tête et
reçoit le reste tel quel au moment d'assembler la feuille (`Worksheet._write_rows`, appelé une fois
par feuille à la fermeture du classeur).

Mêmes cellules que `write_column` d'xlsxwriter : nombre (`<v>`, écriture la plus courte qui relit
le même float64), booléen (`t="b"`), texte en ligne (`t="inlineStr"`, échappé, espaces gardés),
vide (None, NaN, NA : pas de cellule), ±inf en erreur visible `#DIV/0!` (option `nan_inf_to_errors`) ;
le style de chaque cellule est celui de sa colonne.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from xlsxwriter.utility import xl_col_to_name

LONGUEUR_MAX_TEXTE = 32_767  # la limite d'Excel pour une cellule


def _echapper(textes: pd.Series) -> pd.Series:
    """& < > échappés (les caractères de contrôle sont déjà remplacés par `sorties.preparer_excel`)."""
    return textes.str.slice(0, LONGUEUR_MAX_TEXTE).str.replace("&", "&amp;", regex=False) \
        .str.replace("<", "&lt;", regex=False).str.replace(">", "&gt;", regex=False)


def _textes(valeurs: pd.Series) -> np.ndarray:
    """Le XML `<c …>` (sans l'ouverture) de cellules texte, dont les espaces de tête ou de fin sont gardés."""
    textes = valeurs.astype(str)
    garder = (textes.str.strip() != textes).to_numpy()
    ouverture = np.where(garder, ' t="inlineStr"><is><t xml:space="preserve">', ' t="inlineStr"><is><t>').astype(object)
    return ouverture + _echapper(textes).to_numpy(object) + "</t></is></c>"


def _nombres(valeurs: np.ndarray) -> np.ndarray:
    """Le XML de cellules nombres ; ±inf en erreur `#DIV/0!`, comme xlsxwriter avec `nan_inf_to_errors`."""
    cellules = "><v>" + valeurs.astype(str).astype(object) + "</v></c>"
    if valeurs.dtype.kind == "f":
        infinis = np.isinf(valeurs)
        if infinis.any():
            cellules[infinis] = np.where(valeurs[infinis] > 0, '><f>1/0</f><v>#DIV/0!</v></c>',
                                         '><f>-1/0</f><v>#DIV/0!</v></c>')
    return cellules


def _colonne_homogene(serie: pd.Series) -> tuple[np.ndarray, np.ndarray] | None:
    """(XML après les attributs, vide ?) d'une colonne d'un seul genre (nombres, booléens, textes), sinon None."""
    vides = serie.isna().to_numpy(bool)
    if pd.api.types.is_bool_dtype(serie):
        return ' t="b"><v>' + serie.fillna(False).to_numpy(bool).astype(np.int8).astype(str).astype(object) + "</v></c>", vides
    if pd.api.types.is_integer_dtype(serie):
        return _nombres(serie.fillna(0).to_numpy(np.int64)), vides
    if pd.api.types.is_float_dtype(serie):
        return _nombres(serie.to_numpy(np.float64, na_value=np.nan)), vides
    if pd.api.types.infer_dtype(serie, skipna=True) in ("string", "empty"):
        return _textes(serie.fillna("")), vides
    return None


def _colonne_melangee(serie: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Une colonne d'objets de genres mêlés : chaque valeur selon son type (rare, petites feuilles)."""
    cellules, vides = [], []
    for valeur in serie.tolist():
        vide = valeur is None or valeur is pd.NA or (isinstance(valeur, float) and valeur != valeur)
        vides.append(vide)
        if vide:
            cellules.append("")
        elif isinstance(valeur, (bool, np.bool_)):
            cellules.append(f' t="b"><v>{int(valeur)}</v></c>')
        elif isinstance(valeur, (int, float, np.integer, np.floating)):
            cellules.append(_nombres(np.asarray([valeur]))[0])
        else:
            cellules.append(_textes(pd.Series([str(valeur)]))[0])
    return np.asarray(cellules, dtype=object), np.asarray(vides, dtype=bool)


def xml_lignes(tableau: pd.DataFrame, styles: list[int | None], premiere: int = 2) -> str:
    """Les lignes `<row>` des données (numérotées à partir de `premiere`), une colonne à la fois."""
    if tableau.empty:
        return ""
    numeros = np.arange(premiere, premiere + len(tableau)).astype(str).astype(object)
    lignes = ('<row r="' + numeros + '">').astype(object)
    for rang, (nom, style) in enumerate(zip(tableau.columns, styles)):
        serie = tableau[nom]
        genre = _colonne_homogene(serie)
        cellules, vides = genre if genre is not None else _colonne_melangee(serie.astype(object))
        attribut = "" if style is None else f' s="{style}"'
        xml = ('<c r="' + xl_col_to_name(rang) + numeros + '"' + attribut) + cellules
        if vides.any():
            xml[vides] = ""
        lignes = lignes + xml
    return "".join((lignes + "</row>").tolist())


def ecrire_donnees_rapides(feuille, tableau: pd.DataFrame, formats_colonnes: list) -> None:
    """Les lignes 2 et suivantes de `feuille` seront `tableau`, écrites d'un bloc à la fermeture du classeur.

    `formats_colonnes` : le format xlsxwriter de chaque colonne (ou None). L'en-tête (ligne 1) est
    écrit avant, par xlsxwriter.
    """
    lignes, colonnes = tableau.shape
    if not lignes or not colonnes:
        return
    feuille._check_dimensions(lignes, colonnes - 1)  # la plage <dimension> couvre les données
    ecrire_entete = feuille._write_rows

    def ecrire_lignes() -> None:
        derniere = feuille.dim_rowmax
        feuille.dim_rowmax = 0  # xlsxwriter écrit l'en-tête (ses styles, ses textes partagés)
        try:
            ecrire_entete()
        finally:
            feuille.dim_rowmax = derniere
        styles = [None if f is None else f._get_xf_index() for f in formats_colonnes]
        feuille.fh.write(xml_lignes(tableau, styles))

    feuille._write_rows = ecrire_lignes
