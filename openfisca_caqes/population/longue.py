"""Des cellules (établissement, variable, année, valeur) vers le tableau large que le chargement valide.

Une table longue (`etablissement, annee, variable, valeur`), une feuille par année
(`etablissement, annee, variable…`) et une feuille large (`variable_AAAA`) d'un classeur par thème
deviennent toutes des *cellules* : une ligne par valeur, avec l'endroit d'où elle vient (fichier ou
feuille, ligne, colonne). Les cellules sont validées là (mêmes règles et mêmes messages que le
tableau large, `cellules.valeurs_colonne`), pour qu'une erreur nomme la ligne du fichier long ; puis
elles sont pivotées en un tableau large. Vectoriel : une boucle sur les variables, jamais sur les
établissements.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

import openfisca_caqes.systeme as systemes  # `systemes.systeme_de_base` lu à l'appel : les tests y substituent une loi d'essai
from openfisca_caqes.erreurs import ErreurPopulation
from openfisca_caqes.population.cellules import JETONS_MANQUANTS, texte_et_vides, valeurs_colonne
from openfisca_caqes.population.dialecte import normaliser_decimale
from openfisca_caqes.population.schema import COLONNES_IDENTITE, MOTIF_ANNUEL, schema

COLONNES_LONGUES = ("etablissement", "annee", "variable", "valeur")
CHAMPS = ["etablissement", "variable", "annee", "valeur", "fichier", "ligne", "colonne"]


def disposition(colonnes) -> str:
    """« longue », « par_annee » ou « large », d'après les noms de colonnes."""
    noms = {str(c).strip() for c in colonnes}
    if {"variable", "valeur"} <= noms:
        return "longue"
    if "annee" in noms and "etablissement" in noms:
        return "par_annee"
    return "large"


def _systeme():
    return systemes.systeme_de_base()


def _relocaliser(erreur: ErreurPopulation, cellules: pd.DataFrame, suffixe: str = "") -> ErreurPopulation:
    """L'erreur d'une cellule (repérée par sa position) rapportée au fichier, à la ligne et à la colonne d'origine."""
    if erreur.ligne is None:
        return erreur
    cellule = cellules.iloc[int(erreur.ligne)]
    return ErreurPopulation(cellule["fichier"], erreur.message + suffixe, int(cellule["ligne"]), cellule["colonne"])


def depuis_longue(tableau: pd.DataFrame, nom: str) -> pd.DataFrame:
    """Les cellules d'une table longue ; l'index du tableau porte les numéros de ligne du fichier."""
    inconnues = [c for c in tableau.columns if str(c).strip() not in COLONNES_LONGUES]
    if inconnues:
        raise ErreurPopulation(nom, f"colonne inconnue dans une table longue (attendu : {', '.join(COLONNES_LONGUES)})",
                               ligne=1, colonne=str(inconnues[0]))
    manquantes = [c for c in COLONNES_LONGUES if c not in tableau.columns and c != "annee"]
    if manquantes:
        raise ErreurPopulation(nom, "colonne obligatoire absente d'une table longue", ligne=1, colonne=manquantes[0])
    annee = tableau["annee"] if "annee" in tableau.columns else pd.Series(None, index=tableau.index, dtype=object)
    variable, _ = texte_et_vides(tableau["variable"])
    cellules = pd.DataFrame({
        "etablissement": tableau["etablissement"].to_numpy(dtype=object), "variable": variable.to_numpy(dtype=object),
        "annee": annee.to_numpy(dtype=object), "valeur": tableau["valeur"].to_numpy(dtype=object),
        "fichier": nom, "ligne": tableau.index.to_numpy(dtype=np.int64), "colonne": "valeur",
    })
    _verifier_variables(cellules, schema(_systeme()))
    return cellules


def depuis_par_annee(tableau: pd.DataFrame, nom: str) -> pd.DataFrame:
    """Les cellules d'une feuille `etablissement, annee, variable…` (une ligne par établissement et par année)."""
    colonnes = schema(_systeme())
    variables = [c for c in tableau.columns if c not in ("etablissement", "annee")]
    for colonne in variables:
        if colonne not in colonnes:
            raise ErreurPopulation(nom, "colonne inconnue (une feuille par année porte des noms de variables, sans _AAAA)",
                                   ligne=1, colonne=str(colonne))
        if not colonnes[colonne].annuelle:
            raise ErreurPopulation(nom, "donnée permanente dans une feuille par année : la mettre dans la feuille "
                                   "d'identité (sans colonne annee)", ligne=1, colonne=str(colonne))
    return _fondre(tableau, nom, {c: (c, "annee") for c in variables})


def depuis_large(tableau: pd.DataFrame, nom: str) -> pd.DataFrame:
    """Les cellules d'une feuille large (`variable`, `variable_AAAA`) d'un classeur par thème."""
    colonnes = schema(_systeme())
    associations = {}
    for colonne in tableau.columns:
        texte = str(colonne)
        motif = MOTIF_ANNUEL.match(texte)
        if texte == "etablissement":
            continue
        if texte in COLONNES_IDENTITE or (texte in colonnes and not colonnes[texte].annuelle):
            associations[texte] = (texte, None)
        elif motif and motif["variable"] in colonnes and colonnes[motif["variable"]].annuelle:
            associations[texte] = (motif["variable"], int(motif["annee"]))
        else:
            raise ErreurPopulation(nom, "colonne inconnue (voir docs/population.md : variable_AAAA pour une donnée annuelle)",
                                   ligne=1, colonne=texte)
    return _fondre(tableau, nom, associations)


def _fondre(tableau: pd.DataFrame, nom: str, associations: dict) -> pd.DataFrame:
    """Une colonne de cellules par colonne du tableau (une boucle sur les colonnes)."""
    if "etablissement" not in tableau.columns:
        raise ErreurPopulation(nom, "colonne obligatoire absente", ligne=1, colonne="etablissement")
    morceaux = []
    lignes = tableau.index.to_numpy(dtype=np.int64)
    for colonne, (variable, annee) in associations.items():
        annees = tableau["annee"].to_numpy(dtype=object) if annee == "annee" else np.full(len(tableau), annee, dtype=object)
        morceaux.append(pd.DataFrame({
            "etablissement": tableau["etablissement"].to_numpy(dtype=object), "variable": variable, "annee": annees,
            "valeur": tableau[colonne].to_numpy(dtype=object), "fichier": nom, "ligne": lignes, "colonne": colonne,
        }))
    return pd.concat(morceaux, ignore_index=True) if morceaux else pd.DataFrame(columns=CHAMPS)


def _verifier_variables(cellules: pd.DataFrame, colonnes: dict) -> None:
    """Refuse une variable inconnue d'une table longue (nommée à sa ligne)."""
    connues = cellules["variable"].isin([*colonnes, "entite_juridique", "region"]).to_numpy()
    if not connues.all():
        i = int(np.flatnonzero(~connues)[0])
        cellule = cellules.iloc[i]
        raise ErreurPopulation(cellule["fichier"], f"variable « {cellule['variable']} » inconnue (voir docs/population.md)",
                               int(cellule["ligne"]), "variable")


def _annees(cellules: pd.DataFrame, colonnes: dict) -> np.ndarray:
    """L'année de chaque cellule (0 pour une donnée permanente) ; refuse une année absente, en trop ou illisible."""
    texte, vides = texte_et_vides(cellules["annee"])
    lues = pd.to_numeric(texte.where(~vides, "0"), errors="coerce").to_numpy(dtype=np.float64)
    annuelle = cellules["variable"].map(lambda v: v in colonnes and colonnes[v].annuelle).to_numpy(dtype=bool)
    fautes = (
        (np.isnan(lues) | (lues != np.round(lues)) | (~vides & ((lues < 1900) | (lues > 2099))),
         "année illisible (quatre chiffres attendus, ex. 2024)"),
        (annuelle & vides, "donnée annuelle sans année : la colonne annee est obligatoire pour cette variable"),
        (~annuelle & ~vides, "donnée permanente : la colonne annee doit rester vide"),
    )
    for masque, message in fautes:
        if masque.any():
            i = int(np.flatnonzero(masque)[0])
            cellule = cellules.iloc[i]
            colonne = "annee" if cellule["colonne"] == "valeur" else cellule["colonne"]
            raise ErreurPopulation(cellule["fichier"], f"{message} (variable {cellule['variable']}, année « {texte.iloc[i]} »)",
                                   int(cellule["ligne"]), colonne)
    return np.nan_to_num(lues).astype(np.int64)


def _verifier_identifiants(cellules: pd.DataFrame) -> pd.Series:
    texte, vides = texte_et_vides(cellules["etablissement"])
    manquants = vides | texte.str.lower().isin(JETONS_MANQUANTS).to_numpy()
    if manquants.any():
        i = int(np.flatnonzero(manquants)[0])
        cellule = cellules.iloc[i]
        colonne = "etablissement"
        raise ErreurPopulation(cellule["fichier"], "ligne sans identifiant d'établissement", int(cellule["ligne"]), colonne)
    return texte


def _valider_valeurs(cellules: pd.DataFrame, colonnes: dict, decimale: str) -> pd.Series:
    """Valide les valeurs, variable par variable, avec les règles du tableau large ; rend les valeurs normalisées."""
    valeurs = cellules["valeur"].copy()
    valeurs.index = pd.RangeIndex(len(cellules))
    for variable, positions in cellules.groupby("variable", sort=False).indices.items():
        serie = valeurs.iloc[positions]
        suffixe = f" (variable {variable})"
        try:
            if variable in colonnes and colonnes[variable].type in ("float", "int"):
                serie = normaliser_decimale(serie, "", variable, decimale)
                valeurs.iloc[positions] = serie.to_numpy(dtype=object)
            if variable in colonnes:
                valeurs_colonne(serie, colonnes[variable], "", variable)
            else:  # entite_juridique, region : une identité obligatoire
                texte, vides = texte_et_vides(serie)
                manque = vides | texte.str.lower().isin(JETONS_MANQUANTS).to_numpy()
                if manque.any():
                    raise ErreurPopulation("", "identité obligatoire : valeur vide ou manquante", int(serie.index[np.flatnonzero(manque)[0]]))
                if variable == "region":
                    _verifier_regions(texte)
        except ErreurPopulation as erreur:
            raise _relocaliser(erreur, cellules, suffixe) from None
    return valeurs


def _verifier_regions(texte: pd.Series) -> None:
    """Un code de région inconnu, refusé à sa ligne (le même message que le tableau large)."""
    codes = tuple(_systeme().variables["code_region"].possible_values._member_names_)
    inconnues = ~texte.isin(codes).to_numpy()
    if inconnues.any():
        i = int(np.flatnonzero(inconnues)[0])
        raise ErreurPopulation("", f"région « {texte.iloc[i]} » inconnue ; codes admis : {', '.join(codes)}", int(texte.index[i]))


def vers_large(cellules: pd.DataFrame, decimale: str = ".") -> pd.DataFrame:
    """Le tableau large (une ligne par établissement) des cellules validées ; l'index est la première ligne de chacun."""
    colonnes = schema(_systeme())
    cellules = cellules.reset_index(drop=True)
    if cellules.empty:
        raise ErreurPopulation(str(cellules.attrs.get("nom", "<fichier>")), "le fichier ne contient aucune valeur")
    etablissements = _verifier_identifiants(cellules)
    annees = _annees(cellules, colonnes)
    noms = np.where(annees > 0, cellules["variable"].astype(str) + "_" + annees.astype(str), cellules["variable"].astype(str))
    cles = pd.DataFrame({"etablissement": etablissements.to_numpy(dtype=object), "colonne": noms})
    doublons = cles.duplicated(keep="first").to_numpy()
    if doublons.any():
        j = int(np.flatnonzero(doublons)[0])
        meme = ((cles["etablissement"] == cles["etablissement"].iloc[j]) & (cles["colonne"] == cles["colonne"].iloc[j])).to_numpy()
        a, b = cellules.iloc[int(np.flatnonzero(meme)[0])], cellules.iloc[j]
        raise ErreurPopulation(
            b["fichier"], f"valeur donnée deux fois pour « {cles['etablissement'].iloc[j]} », {noms[j]} "
            f"(déjà donnée par {a['fichier']}, ligne {a['ligne']}, colonne « {a['colonne']} »)", int(b["ligne"]), b["colonne"],
        )
    valeurs = _valider_valeurs(cellules, colonnes, decimale)
    cles["valeur"] = valeurs.to_numpy(dtype=object)
    cles["position"] = np.arange(len(cles))
    large = cles.pivot(index="etablissement", columns="colonne", values="valeur")
    presentes = cles.pivot(index="etablissement", columns="colonne", values="position")
    _refuser_trous(presentes, cellules, colonnes)
    ordre = presentes.min(axis=1).sort_values()
    large = large.loc[ordre.index]
    large.insert(0, "etablissement", large.index.to_numpy(dtype=object))
    large.index = cellules["ligne"].to_numpy(dtype=np.int64)[ordre.to_numpy(dtype=np.int64)]
    large.columns.name = None
    return large


def _refuser_trous(presentes: pd.DataFrame, cellules: pd.DataFrame, colonnes: dict) -> None:
    """Une valeur qu'un établissement n'a pas et que d'autres ont : refusée (un oubli ne vaut pas 0)."""
    identite = ("entite_juridique", "region", "categorie_etablissement")
    for colonne in sorted(presentes.columns, key=lambda c: (c not in identite, identite.index(c) if c in identite else 0)):
        trous = presentes[colonne].isna().to_numpy()
        if not trous.any():
            continue
        variable = cellules["variable"].iloc[int(presentes[colonne].dropna().iloc[0])]
        if variable in colonnes and (colonnes[variable].surcharge or colonnes[variable].facultative):
            continue  # absente : la règle décide, ou aucune décision (comme une cellule vide)
        etablissement = presentes.index[int(np.flatnonzero(trous)[0])]
        source = cellules.iloc[int(presentes.loc[etablissement].dropna().min())]
        raise ErreurPopulation(
            source["fichier"], f"l'établissement « {etablissement} » (vu ligne {source['ligne']}, colonne « {source['colonne']} ») "
            f"n'a pas de valeur pour {colonne}, que d'autres établissements ont : ajouter la ligne (valeur vide si elle "
            "vaut 0)" + (", ou l'établissement à la feuille d'identité" if colonne in identite else ""), colonne=colonne,
        )
