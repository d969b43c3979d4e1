"""Indices de sensibilité : quelle modalité non publiée pèse le plus sur l'argent de la région.

- Plan `sobol` (schéma de Saltelli : matrices A, B, AB_i) : indices de premier ordre S1 et
  d'effet total ST de SALib (`SALib.analyze.sobol`, estimateurs de Saltelli 2010 et Jansen),
  avec leurs intervalles de confiance à 95 % (bootstrap).
- Plan `latin` : S1 seul, par l'estimateur « rapport de corrélation » sur données : les points
  sont rangés en ⌈√n⌉ classes d'effectifs égaux selon l'hypothèse, S1 = Var(moyennes de
  classe pondérées) / Var(Y). L'effet total n'a pas d'estimateur sur un hypercube latin : vide.
- Plan `croise` : aucun indice (pas de tirage) ; voir les effets un à la fois (tornade).
Un résultat constant (variance nulle) n'a pas d'indice : vide, jamais zéro.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd

from openfisca_caqes.balayage.resultats import ENSEMBLE

RESULTATS_ANALYSES = ("solde_net", "penalite_totale", "dotation_totale", "etablissements_au_plafond", "perdants")
COLONNES = ("annee", "region", "resultat", "hypothese", "premier_ordre", "premier_ordre_ic", "effet_total", "effet_total_ic", "methode")


def hypotheses_du_tableau(tableau: pd.DataFrame) -> list[str]:
    """Les colonnes d'hypothèses d'un tableau rangé (entre `region` et les résultats)."""
    colonnes = list(tableau.columns)
    return colonnes[colonnes.index("region") + 1: colonnes.index("dotation_totale")]


def rapport_de_correlation(x: np.ndarray, y: np.ndarray) -> float:
    """S1 estimé sur données : variance des moyennes conditionnelles (⌈√n⌉ classes de même effectif) sur variance totale."""
    variance = y.var()
    if variance == 0:
        return math.nan
    ordre = np.argsort(x, kind="stable")
    classes = np.array_split(y[ordre], max(2, math.ceil(math.sqrt(len(y)))))
    moyennes = np.array([classe.mean() for classe in classes])
    poids = np.array([len(classe) for classe in classes]) / len(y)
    return float(np.sum(poids * (moyennes - y.mean()) ** 2) / variance)


def _sobol(y: np.ndarray, noms: list[str], graine: int) -> dict[str, np.ndarray]:
    from SALib.analyze import sobol  # import tardif : SALib n'est chargé que pour un plan ou des indices de Sobol

    probleme = {"num_vars": len(noms), "names": noms, "bounds": [[0.0, 1.0]] * len(noms)}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return sobol.analyze(probleme, y, calc_second_order=False, seed=graine, print_to_console=False)


def indices(tableau: pd.DataFrame, resultats=RESULTATS_ANALYSES, graine: int = 2027) -> pd.DataFrame:
    """Une ligne par (année, région, résultat, hypothèse) : S1, ST et leur méthode ; vide si pas de plan tiré."""
    noms = hypotheses_du_tableau(tableau)
    lignes = []
    for plan in ("sobol", "latin"):
        tires = tableau[tableau["plan"] == plan]
        if tires.empty:
            continue
        for (annee, region), groupe in tires.groupby(["annee", "region"], sort=True):
            groupe = groupe.sort_values("point", kind="stable")
            for resultat in resultats:
                y = groupe[resultat].to_numpy(dtype="float64", na_value=np.nan)
                if np.isnan(y).any():
                    continue  # résultat sans objet cette année (ex. plafond avant 2027)
                constant = y.var() == 0
                if plan == "sobol" and not constant:
                    analyse = _sobol(y, noms, graine)
                for rang, nom in enumerate(noms):
                    ligne = {"annee": annee, "region": region, "resultat": resultat, "hypothese": nom}
                    if constant:
                        ligne.update(premier_ordre=math.nan, premier_ordre_ic=math.nan, effet_total=math.nan,
                                     effet_total_ic=math.nan, methode="résultat constant : pas d'indice")
                    elif plan == "sobol":
                        ligne.update(premier_ordre=analyse["S1"][rang], premier_ordre_ic=analyse["S1_conf"][rang],
                                     effet_total=analyse["ST"][rang], effet_total_ic=analyse["ST_conf"][rang],
                                     methode="Sobol (SALib, Saltelli 2010 / Jansen)")
                    else:
                        ligne.update(premier_ordre=rapport_de_correlation(groupe[nom].to_numpy(dtype="float64"), y),
                                     premier_ordre_ic=math.nan, effet_total=math.nan, effet_total_ic=math.nan,
                                     methode="rapport de corrélation (hypercube latin) ; effet total non estimable")
                    lignes.append(ligne)
    return pd.DataFrame(lignes, columns=list(COLONNES))


def effets_un_a_un(tableau: pd.DataFrame, resultat: str = "solde_net", region: str = ENSEMBLE) -> pd.DataFrame:
    """Tornade : pour chaque hypothèse, le résultat à ses deux bornes moins la référence (les autres à la loi de base)."""
    noms = hypotheses_du_tableau(tableau)
    lignes = []
    for annee, groupe in tableau[tableau["region"] == region].groupby("annee", sort=True):
        reference = groupe.loc[groupe["plan"] == "reference", resultat]
        if reference.empty or pd.isna(reference.iloc[0]):
            continue
        base = int(reference.iloc[0])
        oat = groupe[groupe["plan"] == "un_a_un"]
        for nom in noms:
            fixes = oat[oat[nom].notna()].sort_values(nom, kind="stable")
            if fixes.empty or fixes[resultat].isna().any():
                continue
            basse, haute = fixes.iloc[0], fixes.iloc[-1]
            lignes.append({
                "annee": annee, "hypothese": nom, "valeur_basse": basse[nom], "valeur_haute": haute[nom],
                "effet_bas": int(basse[resultat]) - base, "effet_haut": int(haute[resultat]) - base, "reference": base,
            })
    effets = pd.DataFrame(lignes, columns=["annee", "hypothese", "valeur_basse", "valeur_haute", "effet_bas", "effet_haut", "reference"])
    ampleur = (effets["effet_haut"] - effets["effet_bas"]).abs()
    return effets.assign(ampleur=ampleur).sort_values(["annee", "ampleur"], ascending=[True, False], kind="stable").reset_index(drop=True)
