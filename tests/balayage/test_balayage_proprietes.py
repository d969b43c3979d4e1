"""Propriétés du résumé par région : sommes exactes en entiers, effectifs, ensemble = somme des régions."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from openfisca_caqes.balayage.resultats import ENSEMBLE, ResultatsEtablissements, resumer

MONTANT = st.integers(min_value=0, max_value=10**11)  # plafond de vraisemblance des montants du schéma


@st.composite
def lois(draw):
    n = draw(st.integers(1, 40))
    regions = draw(st.integers(1, 5))
    tableau = lambda: np.array(draw(st.lists(MONTANT, min_size=n, max_size=n)), dtype=np.int64)  # noqa: E731
    rang = np.array(draw(st.lists(st.integers(0, regions - 1), min_size=n, max_size=n)), dtype=np.intp)
    noms = tuple(f"r{i}" for i in range(regions))
    point = ResultatsEtablissements(tableau(), tableau(), None, tableau(), rang, noms)
    base = ResultatsEtablissements(tableau(), tableau(), None, None, rang, noms)
    point.solde, base.solde = point.dotation - point.penalite, base.dotation - base.penalite
    return point, base


@settings(max_examples=80, deadline=None)
@given(lois())
def test_resume_egal_au_calcul_pandas(paire):
    point, base = paire
    lignes = pd.DataFrame(resumer(point, base)).set_index("region")
    cadre = pd.DataFrame({
        "region": np.array(point.noms_regions)[point.region],
        "dotation_totale": [int(x) for x in point.dotation],  # entiers Python : sommes exactes sans borne
        "penalite_totale": [int(x) for x in point.penalite],
        "solde_net": [int(x) for x in point.solde],
        "ecart_solde_base": [int(a) - int(b) for a, b in zip(point.solde, base.solde)],
        "etablissements_penalises": point.penalite > 0,
        "etablissements_au_plafond": (point.penalite > 0) & (point.penalite >= point.plafond),
        "gagnants": point.solde > base.solde,
        "perdants": point.solde < base.solde,
    })
    attendu = cadre.groupby("region").agg(lambda s: sum(int(x) for x in s))
    for region in point.noms_regions:
        for colonne in attendu.columns:
            valeur = attendu.loc[region, colonne] if region in attendu.index else 0
            assert lignes.loc[region, colonne] == valeur, (region, colonne)
        assert lignes.loc[region, "etablissements"] == int((np.array(point.noms_regions)[point.region] == region).sum())
    for colonne in attendu.columns:
        assert lignes.loc[ENSEMBLE, colonne] == sum(int(x) for x in attendu[colonne])


def test_plafond_absent_donne_vide():
    rang = np.zeros(3, dtype=np.intp)
    point = ResultatsEtablissements(np.ones(3, np.int64), np.ones(3, np.int64), np.zeros(3, np.int64), None, rang, ("r",))
    lignes = resumer(point, point)
    assert all(ligne["etablissements_au_plafond"] is None for ligne in lignes)
