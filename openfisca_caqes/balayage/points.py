"""Les points d'un balayage : la référence, les effets un à la fois, puis le plan (croisé ou tiré).

Chaque point est une ligne : son numéro, son plan et la valeur de chaque hypothèse (vide pour
« la valeur de la loi de base »). Les tirages sont déterministes (graine du fichier) :
hypercube latin ou suite de Sobol de `scipy.stats.qmc` ; le plan « sobol » suit le schéma de
Saltelli (matrices A, B et AB_i de SALib), que `sensibilite.py` analyse.
"""

from __future__ import annotations

import itertools
import warnings

import numpy as np
import pandas as pd

from openfisca_caqes.balayage.specification import Balayage

PLAN_REFERENCE = "reference"
PLAN_UN_A_UN = "un_a_un"


def unites(balayage: Balayage) -> np.ndarray:
    """Les tirages dans le cube unité [0, 1)^D du plan latin ou sobol (lignes dans l'ordre d'analyse)."""
    dimension = len(balayage.hypotheses)
    if balayage.plan == "latin":
        from scipy.stats import qmc  # import tardif : scipy n'est chargé que pour un plan quasi aléatoire

        return qmc.LatinHypercube(d=dimension, seed=balayage.graine).random(balayage.points)
    from SALib.sample import (
        sobol as echantillon_sobol,  # import tardif : SALib n'est chargé que pour un plan ou des indices de Sobol
    )

    base = balayage.points // (dimension + 2)
    probleme = {"num_vars": dimension, "names": [h.nom for h in balayage.hypotheses], "bounds": [[0.0, 1.0]] * dimension}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # SALib préfère une base en puissance de 2 ; toute base est valide
        tirages = echantillon_sobol.sample(probleme, base, calc_second_order=False, scramble=True, seed=balayage.graine)
    return np.minimum(tirages, np.nextafter(1.0, 0.0))


def generer(balayage: Balayage) -> pd.DataFrame:
    """Le tableau des points : point, plan, puis une colonne par hypothèse (NaN : valeur de la loi)."""
    noms = [h.nom for h in balayage.hypotheses]
    lignes: list[tuple[str, dict]] = [(PLAN_REFERENCE, {})]
    for hypothese in balayage.hypotheses:
        for borne in dict.fromkeys(hypothese.bornes):
            lignes.append((PLAN_UN_A_UN, {hypothese.nom: borne}))
    if balayage.plan == "croise":
        for combinaison in itertools.product(*(h.valeurs for h in balayage.hypotheses)):
            lignes.append(("croise", dict(zip(noms, combinaison))))
    else:
        for tirage in unites(balayage):
            lignes.append((balayage.plan, {h.nom: h.tirer(u) for h, u in zip(balayage.hypotheses, tirage)}))
    tableau = pd.DataFrame({
        "point": np.arange(len(lignes), dtype=np.int64),
        "plan": [plan for plan, _ in lignes],
        **{nom: [valeurs.get(nom) for _, valeurs in lignes] for nom in noms},
    })
    for hypothese in balayage.hypotheses:
        colonne = tableau[hypothese.nom]
        tableau[hypothese.nom] = colonne.astype("boolean") if hypothese.genre == "booleen" else colonne.astype("float64")
    return tableau


def valeurs_du_point(ligne: pd.Series, balayage: Balayage) -> dict:
    """{hypothèse: valeur} des hypothèses fixées par la ligne (les vides gardent la loi de base)."""
    return {h.nom: ligne[h.nom] for h in balayage.hypotheses if not pd.isna(ligne[h.nom])}
