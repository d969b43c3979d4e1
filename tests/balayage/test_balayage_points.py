"""Les points d'un balayage et les indices de sensibilité, contre des attentes calculées à la main."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from openfisca_caqes.balayage.points import generer
from openfisca_caqes.balayage.resultats import ENSEMBLE
from openfisca_caqes.balayage.sensibilite import effets_un_a_un, indices, rapport_de_correlation
from openfisca_caqes.balayage.specification import valider
from openfisca_caqes.systeme import systeme_de_base

LOI = systeme_de_base().parameters
TROIS = {
    "plafond": {"parametre": "ifep.penalite.taux_plafond", "loi": {"uniforme": [0.005, 0.03]}},
    "part": {"parametre": "ifep.penalite.part_derive", "loi": {"uniforme": [0.1, 0.4]}},
    "seuil": {"parametre": "ifep.atypie.seuil_ecart_niveau", "valeurs": [0.2, 0.3, 0.4]},
}


def _balayage(plan="sobol", points=50, hypotheses=TROIS, graine=2027):
    donnees = {"annees": [2027], "plan": plan, "hypotheses": hypotheses, "graine": graine}
    if plan != "croise":
        donnees["points"] = points
    return valider(donnees, LOI, "f.yaml")


def test_plan_croise_compte_les_points():
    hypotheses = {"plafond": {"parametre": "ifep.penalite.taux_plafond", "valeurs": [0.01, 0.02, 0.03]},
                  "seuil": {"parametre": "ifep.atypie.seuil_ecart_niveau", "intervalle": {"min": 0.2, "max": 0.4, "pas": 0.1}}}
    tableau = generer(_balayage("croise", hypotheses=hypotheses))
    # 1 référence + 2 × 2 bornes (un à la fois) + 3 × 3 croisés = 14
    assert len(tableau) == 14
    assert list(tableau["plan"].value_counts().sort_index().items()) == [("croise", 9), ("reference", 1), ("un_a_un", 4)]
    croises = tableau[tableau["plan"] == "croise"]
    assert set(zip(croises["plafond"], croises["seuil"])) == {(a, b) for a in (0.01, 0.02, 0.03) for b in (0.2, 0.3, 0.4)}
    assert tableau.loc[0, ["plafond", "seuil"]].isna().all()


def test_plan_sobol_schema_de_saltelli():
    tableau = generer(_balayage("sobol", 50))
    tires = tableau[tableau["plan"] == "sobol"]
    # base N = ⌊50 / (3 + 2)⌋ = 10 ; Saltelli sans second ordre : N × (D + 2) = 50 points
    assert len(tires) == 50
    assert tires["plafond"].between(0.005, 0.03).all() and tires["part"].between(0.1, 0.4).all()
    assert set(tires["seuil"]) <= {0.2, 0.3, 0.4}
    # Ligne AB_1 (2e de chaque bloc de D + 2) : A avec la 1re colonne de B
    bloc = tires["plafond"].to_numpy().reshape(10, 5)
    assert np.array_equal(bloc[:, 1], bloc[:, 4])  # AB_plafond prend plafond de B (dernière ligne du bloc)
    assert np.array_equal(tires["part"].to_numpy().reshape(10, 5)[:, 1], tires["part"].to_numpy().reshape(10, 5)[:, 0])


def test_tirages_deterministes_et_dependants_de_la_graine():
    a, b = generer(_balayage("latin", 20)), generer(_balayage("latin", 20))
    pd.testing.assert_frame_equal(a, b)
    c = generer(_balayage("latin", 20, graine=1))
    assert not a["plafond"].equals(c["plafond"])


def test_hypercube_latin_une_valeur_par_strate():
    tires = generer(_balayage("latin", 20))
    tires = tires[tires["plan"] == "latin"]
    strates = np.floor((tires["plafond"].to_numpy() - 0.005) / 0.025 * 20).astype(int)
    assert sorted(strates) == list(range(20))


def _tableau_synthetique(plan, points, fonction):
    """Un tableau rangé dont le résultat est une fonction connue des hypothèses (indépendante du code)."""
    tableau = generer(_balayage(plan, points))
    tableau.insert(2, "annee", 2027)
    tableau.insert(3, "region", ENSEMBLE)
    valeurs = {nom: tableau[nom].to_numpy(dtype="float64", na_value=np.nan) for nom in ("plafond", "part", "seuil")}
    references = {"plafond": 0.02, "part": 0.25, "seuil": 0.3}
    for nom, valeur in references.items():
        valeurs[nom] = np.where(np.isnan(valeurs[nom]), valeur, valeurs[nom])
    y = fonction(**valeurs)
    for nom in ("dotation_totale", "penalite_totale", "solde_net", "etablissements_au_plafond", "perdants"):
        tableau[nom] = pd.array(np.round(y).astype(np.int64), dtype="Int64")
    return tableau


def test_indices_sobol_d_une_fonction_connue():
    # y = 1e6 × part : seule « part » compte ; S1(part) = ST(part) = 1, les autres 0.
    tableau = _tableau_synthetique("sobol", 1024 * 5, lambda plafond, part, seuil: 1e6 * part)
    table = indices(tableau)
    table = table[table["resultat"] == "solde_net"].set_index("hypothese")
    assert table.loc["part", "premier_ordre"] == pytest.approx(1, abs=0.05)
    assert table.loc["part", "effet_total"] == pytest.approx(1, abs=0.05)
    for nom in ("plafond", "seuil"):
        assert abs(table.loc[nom, "premier_ordre"]) < 0.05 and abs(table.loc[nom, "effet_total"]) < 0.05


def test_indices_sobol_additive_ponderee():
    # y = a·U(plafond) + b·U(part), uniformes indépendantes : S1 = a²/(a²+b²) × (variances relatives)
    tableau = _tableau_synthetique("sobol", 2048 * 5, lambda plafond, part, seuil: 1e8 * plafond + 1e6 * part)
    v_plafond, v_part = (1e8 * 0.025) ** 2 / 12, (1e6 * 0.3) ** 2 / 12
    table = indices(tableau)
    table = table[table["resultat"] == "solde_net"].set_index("hypothese")
    assert table.loc["plafond", "premier_ordre"] == pytest.approx(v_plafond / (v_plafond + v_part), abs=0.05)
    assert table.loc["part", "premier_ordre"] == pytest.approx(v_part / (v_plafond + v_part), abs=0.05)


def test_resultat_constant_sans_indice():
    tableau = _tableau_synthetique("sobol", 50, lambda plafond, part, seuil: 0 * part + 7)
    table = indices(tableau)
    assert table["premier_ordre"].isna().all() and (table["methode"] == "résultat constant : pas d'indice").all()


def test_rapport_de_correlation_latin():
    x = np.linspace(0, 1, 400)
    assert rapport_de_correlation(x, 3 * x) == pytest.approx(1, abs=0.01)
    assert rapport_de_correlation(x, np.random.default_rng(1).normal(size=400)) < 0.15  # bruit indépendant : biais ≈ 20 classes / 400
    assert math.isnan(rapport_de_correlation(x, np.ones_like(x)))
    tableau = _tableau_synthetique("latin", 200, lambda plafond, part, seuil: 1e6 * part)
    table = indices(tableau).set_index(["resultat", "hypothese"])
    assert table.loc[("solde_net", "part"), "premier_ordre"] > 0.95
    assert table["effet_total"].isna().all()


def test_tornade_bornes_moins_reference():
    tableau = _tableau_synthetique("sobol", 50, lambda plafond, part, seuil: -1e6 * part)
    effets = effets_un_a_un(tableau).set_index("hypothese")
    # référence : part = 0,25 → −250 000 ; bornes 0,1 et 0,4 → +150 000 et −150 000
    assert effets.loc["part", "reference"] == -250_000
    assert (effets.loc["part", "effet_bas"], effets.loc["part", "effet_haut"]) == (150_000, -150_000)
    assert effets.index[0] == "part"
