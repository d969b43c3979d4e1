"""Le dialecte d'un CSV : séparateur (virgule ou point-virgule) et marque décimale (point ou virgule).

Un CSV d'Excel en français sépare les colonnes par « ; » et écrit 1234,5. Les deux sont détectés
(l'en-tête donne le séparateur, les nombres la marque décimale) ou donnés par l'utilisateur
(`--separateur`, `--decimale`) ; un choix qui ne va pas au fichier est refusé en les nommant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from openfisca_caqes.erreurs import ErreurPopulation, ErreurUtilisateur

SEPARATEURS = {",": "virgule", ";": "point-virgule"}
DECIMALES = {".": "point", ",": "virgule"}
ALIAS = {"virgule": ",", "comma": ",", "point-virgule": ";", "semicolon": ";", "point": ".", "dot": "."}
ECHANTILLON = 1 << 22  # la marque décimale est cherchée dans les 4 premiers Mo


def normaliser_choix(texte: str | None, admis: dict[str, str], option: str) -> str | None:
    """`;`, `point-virgule`, `semicolon`… → le caractère ; refuse un autre choix."""
    if texte is None:
        return None
    caractere = ALIAS.get(texte.strip().lower(), texte.strip())
    if caractere not in admis:
        possibles = ", ".join(f"« {c} » ({n})" for c, n in admis.items())
        raise ErreurUtilisateur(f"{option} « {texte} » : choix possibles {possibles}")
    return caractere


@dataclass(frozen=True)
class Dialecte:
    """Le séparateur des colonnes et la marque décimale d'un CSV."""

    separateur: str = ","
    decimale: str = "."

    def decrire(self) -> str:
        return f"séparateur « {self.separateur} » ({SEPARATEURS[self.separateur]}), décimale « {self.decimale} » ({DECIMALES[self.decimale]})"


def _nombres(contenu: bytes, separateur: str, marque: str) -> bool:
    """Vrai si une cellule du contenu est un nombre écrit avec cette marque décimale."""
    sep = re.escape(separateur.encode())
    motif = rb"(?:^|" + sep + rb")\s*-?\d+" + re.escape(marque.encode()) + rb"\d+(?:[eE][-+]?\d+)?\s*(?=" + sep + rb"|\r?$)"
    return re.search(motif, contenu[:ECHANTILLON], flags=re.MULTILINE) is not None


def detecter(contenu: bytes, nom: str, separateur: str | None = None, decimale: str | None = None) -> Dialecte:
    """Le dialecte du fichier : celui qu'on a donné s'il lui va, celui qu'on détecte sinon."""
    fin = contenu.find(b"\n")
    en_tete = contenu if fin < 0 else contenu[:fin]  # sans recopier le reste du fichier
    presents = [s for s in SEPARATEURS if s.encode() in en_tete]
    if separateur is None:
        if len(presents) > 1:
            raise ErreurPopulation(
                nom, "l'en-tête contient des virgules et des points-virgules : préciser le séparateur "
                "(--separateur virgule ou --separateur point-virgule)", ligne=1,
            )
        separateur = presents[0] if presents else ","
    elif presents and separateur not in presents:
        raise ErreurPopulation(
            nom, f"séparateur « {separateur} » ({SEPARATEURS[separateur]}) indiqué, mais l'en-tête est séparé par "
            f"« {presents[0]} » ({SEPARATEURS[presents[0]]}) : retirer --separateur ou le corriger", ligne=1,
        )
    corps = b"" if fin < 0 else contenu[fin + 1 : fin + 1 + ECHANTILLON]  # `_nombres` ne lit que le début
    if decimale is None:
        virgule = separateur != "," and _nombres(corps, separateur, ",")
        point = virgule and _nombres(corps, separateur, ".")  # ne compte que si des virgules décimales sont vues
        if virgule and point:
            raise ErreurPopulation(
                nom, "des nombres à virgule décimale (1234,5) et à point décimal (1234.5) dans le même fichier : "
                "préciser la marque décimale (--decimale virgule ou --decimale point)",
            )
        decimale = "," if virgule else "."
    return Dialecte(separateur, decimale)


def normaliser_decimale(serie: pd.Series, nom: str, colonne: str, decimale: str) -> pd.Series:
    """Le texte d'une colonne de nombres avec un point décimal ; refuse un point dans un fichier à virgule décimale.

    Dans un fichier à virgule décimale, « 1.234 » est ambigu (séparateur de milliers ou décimale ?) : refusé.
    """
    if decimale == "." or pd.api.types.is_numeric_dtype(serie):
        return serie
    texte = serie.astype(object).where(serie.notna(), "").astype(str).str.strip()
    points = texte.str.contains(".", regex=False).to_numpy()
    if points.any():
        i = int(np.flatnonzero(points)[0])
        raise ErreurPopulation(
            nom, f"valeur « {texte.iloc[i]} » : le fichier a la virgule pour marque décimale ; un point y est ambigu "
            "(séparateur de milliers ?) : écrire 1234,5 (ou --decimale point si le fichier est à point décimal)",
            int(serie.index[i]), colonne,
        )
    return texte.str.replace(",", ".", regex=False).where(texte != "", None)
