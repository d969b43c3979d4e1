"""Un balayage sur la population embarquée : tableau rangé, sommes exactes, branches = calcul complet."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from openfisca_caqes.balayage.execution import lancer
from openfisca_caqes.balayage.graphiques import ecrire_tableau, lire_tableau_balayage
from openfisca_caqes.balayage.resultats import ENSEMBLE, RESULTATS
from openfisca_caqes.balayage.section import section_balayage
from openfisca_caqes.balayage.specification import valider
from openfisca_caqes.population import charger_population
from openfisca_caqes.population.defaut import chemin_population_defaut
from openfisca_caqes.scenarios import Intervalle, construire, lire_scenario
from openfisca_caqes.systeme import systeme_de_base

POPULATION = chemin_population_defaut()
HYPOTHESES = {
    "plafond": {"parametre": "ifep.penalite.taux_plafond", "valeurs": [0.004, 0.03]},
    "part": {"parametre": "ifep.penalite.part_derive", "valeurs": [0.1, 0.4]},
    "seuil": {"parametre": "ifep.atypie.seuil_ecart_niveau", "valeurs": [0.15]},
}


@pytest.fixture(scope="module")
def balayage():
    return valider({"titre": "essai", "scenario": "central", "annees": [2026, 2027], "plan": "croise", "hypotheses": HYPOTHESES},
                   systeme_de_base().parameters, "essai.yaml")


@pytest.fixture(scope="module")
def tableau(balayage):
    return lancer(balayage, POPULATION, travailleurs=0)


def test_une_ligne_par_point_annee_region(tableau):
    regions = pd.read_csv(POPULATION, usecols=["region"], dtype=str)["region"].unique()
    # 1 référence + 2 + 2 + 1 (un à la fois) + 2 × 2 × 1 croisés = 10 points ; 2 années ; régions + ensemble
    assert tableau["point"].nunique() == 10
    assert len(tableau) == 10 * 2 * (len(regions) + 1)
    assert not tableau.duplicated(["point", "annee", "region"]).any()
    assert list(tableau.columns) == ["point", "plan", "annee", "region", "plafond", "part", "seuil", *RESULTATS]
    for nom in RESULTATS:
        assert str(tableau[nom].dtype) == "Int64"


def test_ensemble_somme_exacte_des_regions(tableau):
    regions = tableau[tableau["region"] != ENSEMBLE].groupby(["point", "annee"])[list(RESULTATS)].sum(min_count=1)
    ensemble = tableau[tableau["region"] == ENSEMBLE].set_index(["point", "annee"])[list(RESULTATS)]
    pd.testing.assert_frame_equal(regions.sort_index(), ensemble.sort_index(), check_dtype=False)


def test_plafond_vide_avant_2027_jamais_zero(tableau):
    avant = tableau[tableau["annee"] == 2026]
    assert avant["etablissements_au_plafond"].isna().all()
    assert tableau.loc[tableau["annee"] == 2027, "etablissements_au_plafond"].notna().all()


def test_hypotheses_ifep_sans_effet_en_2026(tableau):
    avant = tableau[tableau["annee"] == 2026]
    assert (avant["ecart_solde_base"] == 0).all() and (avant["gagnants"] == 0).all() and (avant["perdants"] == 0).all()


def test_reference_egale_la_base(tableau):
    reference = tableau[tableau["plan"] == "reference"]
    assert (reference["ecart_solde_base"] == 0).all() and (reference["gagnants"] + reference["perdants"] == 0).all()


def _calcul_independant(parametres: dict, annee: int) -> pd.DataFrame:
    """Le point recalculé sans balayage : loi du scénario, population relue, sommes par région en pandas."""
    central = lire_scenario("central")
    from dataclasses import replace

    intervalles = {chemin: (Intervalle("2026-01-01", None, valeur),) for chemin, valeur in parametres.items()}
    systeme = construire(replace(central, parametres=intervalles))
    simulation = charger_population(systeme, POPULATION)
    regions = pd.read_csv(POPULATION, usecols=["region"], dtype=str)["region"]
    valeurs = pd.DataFrame({
        "region": regions,
        "dotation_totale": simulation.calculate("interessement_total", str(annee)).astype(np.int64),
        "penalite_totale": simulation.calculate("penalite_totale", str(annee)).astype(np.int64),
        "solde_net": simulation.calculate("solde_financier", str(annee)).astype(np.int64),
    })
    return valeurs


def test_un_point_egal_au_calcul_independant(tableau):
    # Point croisé plafond 0,004, part 0,4, seuil 0,15 ; la date d'effet est le 1er janvier de la 1re année (2026).
    ligne = tableau[(tableau["plan"] == "croise") & (tableau["plafond"] == 0.004) & (tableau["part"] == 0.4) & (tableau["annee"] == 2027)]
    parts = {f"ifep.penalite.part_derive.{i}": 0.4 for i in ("ipp", "perfadom", "pansements", "insuffisance_cardiaque", "transport_ambulance")}
    point = _calcul_independant({"ifep.penalite.taux_plafond": 0.004, "ifep.atypie.seuil_ecart_niveau": 0.15, **parts}, 2027)
    base = _calcul_independant({}, 2027)
    attendu = point.groupby("region")[["dotation_totale", "penalite_totale", "solde_net"]].sum()
    obtenu = ligne[ligne["region"] != ENSEMBLE].set_index("region")[["dotation_totale", "penalite_totale", "solde_net"]]
    pd.testing.assert_frame_equal(obtenu.sort_index().astype("int64"), attendu.sort_index(), check_names=False)
    ensemble = ligne[ligne["region"] == ENSEMBLE].iloc[0]
    assert ensemble["etablissements_penalises"] == int((point["penalite_totale"] > 0).sum())
    assert ensemble["gagnants"] == int((point["solde_net"] > base["solde_net"]).sum())
    assert ensemble["perdants"] == int((point["solde_net"] < base["solde_net"]).sum())
    assert ensemble["ecart_solde_base"] == int(point["solde_net"].sum() - base["solde_net"].sum())
    assert ensemble["perdants"] > 0  # la part de dérive relevée à 0,4 pénalise davantage


def test_branches_egales_au_recalcul_complet(balayage, tableau):
    complet = lancer(balayage, POPULATION, travailleurs=0, reutiliser=False)
    pd.testing.assert_frame_equal(tableau, complet)


def test_parquet_csv_et_section_html(tableau, tmp_path):
    for extension in (".parquet", ".csv"):
        chemin = tmp_path / f"r{extension}"
        ecrire_tableau(tableau, chemin)
        relu = lire_tableau_balayage(chemin)
        assert len(relu) == len(tableau) and list(relu.columns) == list(tableau.columns)
        assert (relu["solde_net"].astype("int64").to_numpy() == tableau["solde_net"].astype("int64").to_numpy()).all()
    fragment = section_balayage(tmp_path / "r.parquet")
    assert fragment.startswith('<section class="balayage">') and fragment.endswith("</section>")
    assert "data:image/png;base64," in fragment and "part" in fragment


def test_branche_agrege_ses_propres_etablissements():
    # Une variable de région (somme des établissements) calculée sur une branche lit les établissements
    # de la branche, pas ceux de la simulation de base (`GroupPopulation.clone` garde les anciens membres).
    from openfisca_caqes.balayage.travail import Contexte, EtatTravailleur, empreinte

    chemin = str(POPULATION)
    contexte = Contexte(chemin, empreinte(chemin), None, "central", "essai.yaml", "2027-01-01", (2027,), ("ifep.penalite.part_derive.ipp",))
    etat = EtatTravailleur(contexte, 0)
    branche = etat.branche(etat.systeme_du_point({"ifep.penalite.part_derive.ipp": 0.9}))
    par_region = branche.calculate("ifep_penalite_region", "2027")
    etablissements = branche.calculate("ifep_penalite", "2027")
    attendu = pd.Series(etablissements).groupby(branche.populations["region"].members_entity_id).sum().to_numpy()
    assert (par_region.astype(np.int64) == attendu.astype(np.int64)).all()
    base = etat.simulation.calculate("ifep_penalite", "2027")
    assert etablissements.sum() > base.sum()  # la branche a bien sa propre loi
