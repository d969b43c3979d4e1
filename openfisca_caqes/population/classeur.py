"""Lire un classeur Excel de population : une feuille, ou une feuille par thème.

Sans `--feuille`, les feuilles de données sont celles dont l'en-tête porte `etablissement` (une
feuille « Lisez-moi » est ignorée). Une seule feuille de données, la première : c'est un tableau
(large, long ou par année). Plusieurs : un classeur par thème, dont chaque feuille (identité,
finances, chaque volet…) est large, longue ou par année ; leurs cellules sont réunies, une valeur
donnée deux fois est refusée. Aucune feuille de données, ou une seule qui n'est pas la première :
refus, qui nomme les feuilles et propose `--feuille`.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
from openpyxl.utils import get_column_letter

from openfisca_caqes.erreurs import ErreurPopulation
from openfisca_caqes.population import longue
from openfisca_caqes.population.lecture import _en_large, filtrer_cellules, refuser_doublons


def _ouvrir(chemin: Path):
    try:
        return openpyxl.load_workbook(chemin, read_only=True, data_only=True)
    except Exception as erreur:  # openpyxl raises several types for a damaged file
        raise ErreurPopulation(str(chemin), f"classeur Excel illisible : {erreur}") from None


def _en_tete(feuille) -> list[str]:
    for ligne in feuille.iter_rows(values_only=True, max_row=1):
        return [str(v).strip() for v in ligne if v is not None]
    return []


def _tableau(lignes: list[tuple]) -> pd.DataFrame:
    """Une feuille en tableau : une cellule d'erreur (`#N/A`, `#DIV/0!`) garde son texte, qui sera refusé.

    `pandas.read_excel` ferait d'une cellule d'erreur une cellule vide (donc 0) ; openpyxl rend son texte.
    """
    if not lignes:
        raise pd.errors.EmptyDataError
    en_tete = list(lignes[0])
    largeur = max((len(ligne) for ligne in lignes), default=0)
    en_tete += [None] * (largeur - len(en_tete))
    tableau = pd.DataFrame(lignes[1:], columns=range(largeur), dtype=object)
    occupees = [j for j in range(largeur) if en_tete[j] is not None or tableau[j].notna().any()]
    tableau = tableau[occupees]
    tableau.columns = [
        str(en_tete[j]).strip() if en_tete[j] is not None else f"(colonne {get_column_letter(j + 1)} sans nom)" for j in occupees
    ]
    tableau.index = range(2, len(tableau) + 2)
    return tableau[~tableau.isna().all(axis=1)]


def lire_classeur(chemin: Path, feuille: str | None, garder=None) -> pd.DataFrame:
    """Le tableau large d'un classeur : la feuille désignée, la seule feuille de données, ou toutes les feuilles par thème."""

    nom = str(chemin)
    classeur = _ouvrir(chemin)
    try:
        noms = classeur.sheetnames
        if feuille is not None:
            if feuille not in noms:
                raise ErreurPopulation(nom, f"la feuille « {feuille} » n'existe pas (feuilles : {', '.join(noms)})")
            choisies = [feuille]
        else:
            donnees = [n for n in noms if "etablissement" in _en_tete(classeur[n])]
            if not donnees:
                raise ErreurPopulation(
                    nom, f"aucune feuille n'a de colonne « etablissement » en première ligne (feuilles : {', '.join(noms)}) ; "
                    "désigner la feuille des données avec --sheet NOM (--feuille)", colonne="etablissement",
                )
            if len(donnees) == 1 and donnees[0] != noms[0]:
                raise ErreurPopulation(
                    nom, f"la première feuille (« {noms[0]} ») n'est pas un tableau d'établissements ; les données sont-elles "
                    f"dans « {donnees[0]} » ? Relancer avec --sheet « {donnees[0]} » (--feuille)",
                )
            choisies = donnees
        lues = {n: _tableau(list(classeur[n].iter_rows(values_only=True))) for n in choisies}
    finally:
        classeur.close()
    if len(lues) == 1:
        tableau = next(iter(lues.values()))
        refuser_doublons(tableau.columns, nom)
        return _en_large(tableau, nom, ".", garder)
    return filtrer_cellules(longue.vers_large(_cellules_des_feuilles(lues, nom)), garder)


def _cellules_des_feuilles(feuilles: dict[str, pd.DataFrame], nom: str) -> pd.DataFrame:
    """Les cellules de chaque feuille d'un classeur par thème ; la feuille d'identité d'abord (elle numérote les établissements)."""

    identite = sorted(feuilles, key=lambda n: "entite_juridique" not in feuilles[n].columns)
    morceaux = []
    for feuille in identite:
        tableau = feuilles[feuille]
        lieu = f"{nom} [feuille {feuille}]"
        refuser_doublons(tableau.columns, lieu)
        genre = longue.disposition(tableau.columns)
        lire = {"longue": longue.depuis_longue, "par_annee": longue.depuis_par_annee, "large": longue.depuis_large}[genre]
        morceaux.append(lire(tableau, lieu))
    return pd.concat(morceaux, ignore_index=True)
