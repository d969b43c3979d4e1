"""Lire les cellules d'une colonne : vides, valeurs manquantes, nombres, booléens, bornes.

Une seule règle pour une cellule vide (`SENS_DU_VIDE`, recopié dans docs/population.md) : elle
vaut 0 pour un nombre, faux pour un booléen ; dans une colonne de ciblage imposé, elle laisse la
règle décider ; dans une décision facultative (schema.DECISIONS_FACULTATIVES), elle vaut « aucune
décision » ; dans une colonne de code (catégorie), elle est refusée. Un vide ne vaut donc jamais
« atteint » (1), quelle que soit la valeur par défaut de la variable. Une valeur manquante écrite
(`#N/A`, `NA`, `null`, `NaN`…) n'est pas un vide : elle est refusée, car 0 n'est pas « inconnu ».
Tout est vectoriel : une colonne à la fois, jamais un établissement à la fois.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from openfisca_caqes.erreurs import ErreurPopulation

# Ce qu'une cellule vide veut dire, par nature de colonne : la documentation le recopie.
SENS_DU_VIDE = {
    "nombre": "0",
    "bool": "faux",
    "Enum": "refusée (la valeur est obligatoire)",
    "surcharge": "la règle décide (le ciblage calculé s'applique à cet établissement)",
    "facultative": "aucune décision (la valeur par défaut de la variable)",
    "identite": "refusée (l'identifiant est obligatoire)",
}

# Jetons de valeur manquante des tableurs, de R, de pandas, de SQL et des exports usuels ; comparés
# sans tenir compte de la casse ni des espaces autour.
JETONS_ECRITS = (
        "#N/A", "#NA", "#N/A N/A", "N/A", "NA", "n.a.", "null", "NaN", "-NaN", "+NaN", "None", "<NA>", "NaT",
        "-1.#IND", "1.#IND", "-1.#QNAN", "1.#QNAN", "#VALUE!", "#VALEUR!", "#DIV/0!", "#REF!", "#NAME?",
        "#NOM?", "#NUM!", "#NOMBRE!", "#NULL!", "#NUL!", "missing", "nd", "n.d.", "n/d", "nr", "n.r.",
        "?", "-", "–", "—", ".",
)
JETONS_MANQUANTS = frozenset(jeton.lower() for jeton in JETONS_ECRITS)


def _premiere(masque) -> int:
    return int(np.flatnonzero(np.asarray(masque))[0])


def _ligne(serie: pd.Series, position: int) -> int:
    """Numéro de la ligne dans le fichier (porté par l'index) de la position donnée."""
    return int(serie.index[position])


def texte_et_vides(serie: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """Le texte de chaque cellule (sans espaces autour) et le masque des cellules vides."""
    if isinstance(serie.dtype, pd.StringDtype):  # le texte d'un CSV : les opérations restent vectorielles
        texte = serie.fillna("").str.strip()
    else:
        texte = serie.astype(object).where(serie.notna(), "").astype(str).str.strip()
    return texte, (texte == "").to_numpy(dtype=bool)


def refuser_manquants(serie: pd.Series, texte: pd.Series, nom: str, colonne: str) -> None:
    """Refuse la première valeur manquante écrite (`#N/A`, `NA`, `null`…), qui n'est pas un vide."""
    manquants = texte.str.lower().isin(JETONS_MANQUANTS).to_numpy()
    if manquants.any():
        i = _premiere(manquants)
        raise ErreurPopulation(
            nom,
            f"valeur manquante « {texte.iloc[i]} » : la donnée doit être saisie (une cellule vide vaut "
            "0, ou faux pour un booléen : voir docs/population.md)",
            _ligne(serie, i),
            colonne,
        )


def valeurs_enum(serie: pd.Series, possibles, nom: str, colonne: str) -> np.ndarray:
    """Un code parmi les valeurs admises ; un vide est refusé."""
    texte, vides = texte_et_vides(serie)
    if vides.any():
        i = _premiere(vides)
        raise ErreurPopulation(
            nom, f"cellule vide : valeur obligatoire ; valeurs admises : {', '.join(possibles)}", _ligne(serie, i), colonne
        )
    refuser_manquants(serie, texte, nom, colonne)
    mauvais = ~texte.isin(possibles).to_numpy()
    if mauvais.any():
        i = _premiere(mauvais)
        raise ErreurPopulation(
            nom, f"valeur « {texte.iloc[i]} » inconnue ; valeurs admises : {', '.join(possibles)}", _ligne(serie, i), colonne
        )
    return texte.to_numpy(dtype=str)


VRAIS = ("1", "1.0", "true", "vrai", "oui", "yes")
FAUX = ("0", "0.0", "false", "faux", "non", "no")


def booleens(serie: pd.Series, nom: str, colonne: str) -> tuple[np.ndarray, np.ndarray]:
    """(valeurs, vides) d'une colonne de booléens : 0/1, vrai/faux, oui/non, true/false."""
    if pd.api.types.is_bool_dtype(serie):
        return serie.to_numpy(dtype=bool), np.zeros(len(serie), dtype=bool)
    if pd.api.types.is_numeric_dtype(serie):
        valeurs = serie.to_numpy(dtype=np.float64, na_value=np.nan)
        vides = np.isnan(valeurs)
        mauvais = ~vides & (valeurs != 0) & (valeurs != 1)
        if mauvais.any():
            i = _premiere(mauvais)
            raise ErreurPopulation(nom, f"valeur « {serie.iloc[i]} » : booléen attendu (0/1, vrai/faux)", _ligne(serie, i), colonne)
        return valeurs == 1, vides
    texte, vides = texte_et_vides(serie)
    minuscule = texte.str.lower()
    vrai = minuscule.isin(VRAIS).to_numpy()
    mauvais = ~(vrai | minuscule.isin(FAUX).to_numpy() | vides)
    if mauvais.any():
        refuser_manquants(serie, texte, nom, colonne)
        i = _premiere(mauvais)
        raise ErreurPopulation(nom, f"valeur « {texte.iloc[i]} » : booléen attendu (0/1, vrai/faux)", _ligne(serie, i), colonne)
    return vrai, vides


def nombres(serie: pd.Series, nom: str, colonne: str) -> np.ndarray:
    """Les nombres d'une colonne en float64 ; un vide vaut 0 ; un texte, un jeton ou l'infini sont refusés."""
    if pd.api.types.is_bool_dtype(serie):
        return serie.to_numpy(dtype=np.float64)
    if pd.api.types.is_numeric_dtype(serie):
        valeurs = serie.to_numpy(dtype=np.float64, na_value=0.0)  # NaN d'une colonne numérique : une cellule vide
        if pd.api.types.is_integer_dtype(serie):
            return valeurs
    else:
        texte, vides = texte_et_vides(serie)
        lus = pd.to_numeric(texte.where(~vides, "0"), errors="coerce")
        mauvais = lus.isna().to_numpy() | texte.str.lower().isin(JETONS_MANQUANTS).to_numpy()
        if mauvais.any():
            refuser_manquants(serie, texte, nom, colonne)
            i = _premiere(mauvais)
            raise ErreurPopulation(nom, _pourquoi_pas_un_nombre(texte.iloc[i]), _ligne(serie, i), colonne)
        valeurs = lus.to_numpy(dtype=np.float64)
    if not np.isfinite(valeurs).all():
        i = _premiere(~np.isfinite(valeurs))
        raise ErreurPopulation(nom, f"valeur « {serie.iloc[i]} » : nombre fini attendu", _ligne(serie, i), colonne)
    return valeurs


def _pourquoi_pas_un_nombre(texte: str) -> str:
    """Le message d'un texte qui n'est pas un nombre, avec la correction la plus probable."""
    if texte.endswith("%"):
        return f"valeur « {texte} » : nombre attendu ; un taux s'écrit sans % (0.25 pour 25 %)"
    if "," in texte and pd.notna(pd.to_numeric(texte.replace(",", ".", 1), errors="coerce")):
        return f"valeur « {texte} » : nombre attendu ; le séparateur décimal est le point (1234.5)"
    return f"valeur « {texte} » : nombre attendu"


def verifier_bornes(valeurs: np.ndarray, serie: pd.Series, description, nom: str, colonne: str) -> None:
    """Refuse la première valeur hors des bornes que l'unité de la variable donne (schema.BORNES_PAR_UNITE)."""
    if description.minimum is not None and (valeurs < description.minimum).any():
        i = _premiere(valeurs < description.minimum)
        quoi = "montant négatif" if description.unite == "currency-EUR" else "valeur négative"
        raise ErreurPopulation(nom, f"{quoi} ({serie.iloc[i]})", _ligne(serie, i), colonne)
    if description.maximum is not None and (valeurs > description.maximum).any():
        i = _premiere(valeurs > description.maximum)
        if description.unite == "/1":
            message = f"taux hors de [0, 1] ({serie.iloc[i]}) : un taux s'écrit 0.25 pour 25 %"
        else:
            message = (
                f"valeur {valeurs[i]:,.0f} au-delà du plafond de vraisemblance ({description.maximum:,.0f}) : ".replace(",", " ")
                + "faute de saisie ? (voir docs/population.md)"
            )
        raise ErreurPopulation(nom, message, _ligne(serie, i), colonne)
    if description.type == "int":
        fractions = valeurs != np.round(valeurs)
        if fractions.any():
            i = _premiere(fractions)
            raise ErreurPopulation(nom, f"valeur « {serie.iloc[i]} » : nombre entier attendu", _ligne(serie, i), colonne)


def valeurs_colonne(serie: pd.Series, description, nom: str, colonne: str) -> tuple[np.ndarray, np.ndarray | None]:
    """(valeurs, vides) d'une colonne dans le type de sa variable ; `vides` seulement pour un ciblage imposé."""
    if description.type == "Enum":
        return valeurs_enum(serie, description.valeurs_possibles, nom, colonne), None
    if description.type == "bool":
        valeurs, vides = booleens(serie, nom, colonne)
        return valeurs, (vides if description.surcharge else None)
    valeurs = nombres(serie, nom, colonne)
    if description.facultative and description.defaut != 0:  # ex. coefficient de révision : vide = 1, pas 0
        valeurs = np.where(texte_et_vides(serie)[1], description.defaut, valeurs)
    verifier_bornes(valeurs, serie, description, nom, colonne)
    return valeurs, None
