"""L'assiette du plafond : des financements totaux absents ou inférieurs à ceux de l'assurance maladie sont refusés, jamais un plafond nul."""

from __future__ import annotations

import pandas as pd
import pytest
from openfisca_web_api.app import create_app

from openfisca_caqes.cli import main
from openfisca_caqes.erreurs import ErreurUtilisateur
from openfisca_caqes.population import construire_simulation
from openfisca_caqes.population.defaut import chemin_population_defaut
from openfisca_caqes.scenarios import charger_scenario
from openfisca_caqes.systeme import systeme_de_base

SITUATION = {
    "etablissements": {
        "a": {"categorie_etablissement": {"ETERNITY": "mco_public"}, "financement_assurance_maladie_total": {"2027": 1_000_000},
              "economie_insuffisance_cardiaque": {"2027": -100_000}, "ifep_penalite": {"2027": None}},
    },
    "entites_juridiques": {"ej": {"etablissements": ["a"]}},
    "regions": {"occitanie": {"etablissements": ["a"]}},
}


@pytest.fixture(scope="module")
def sans_totaux():
    """Huit sites de la population embarquée, sans les colonnes financements_totaux_AAAA."""
    tableau = pd.read_csv(chemin_population_defaut()).head(8)
    tableau = tableau.drop(columns=[c for c in tableau.columns if c.startswith("financements_totaux_")])
    return tableau


def test_colonne_absente_refusee_en_nommant_etablissements_et_colonne(sans_totaux):
    simulation = construire_simulation(systeme_de_base(), sans_totaux)
    with pytest.raises(ErreurUtilisateur) as erreur:
        simulation.calculate("ifep_penalite", "2027")
    message = str(erreur.value)
    assert "financements_totaux_2027" in message and "8 établissement(s)" in message
    assert sans_totaux["etablissement"].iloc[0] in message and "plafond_assurance_maladie" in message


def test_montant_inferieur_refuse_egal_accepte(sans_totaux):
    tableau = sans_totaux.copy()
    tableau["financements_totaux_2027"] = tableau["financement_assurance_maladie_total_2027"]
    simulation = construire_simulation(systeme_de_base(), tableau)
    assert (simulation.calculate("ifep_assiette_plafond_penalite", "2027") == tableau["financements_totaux_2027"].to_numpy()).all()
    tableau.loc[3, "financements_totaux_2027"] -= 0.01
    with pytest.raises(ErreurUtilisateur, match=f"1 établissement\\(s\\) \\({tableau['etablissement'].iloc[3]}\\)"):
        construire_simulation(systeme_de_base(), tableau).calculate("ifep_plafond_penalite", "2027")


def test_autre_lecture_sans_financements_totaux(sans_totaux):
    """Assiette « assurance maladie » (scénario plafond_assurance_maladie) : la colonne n'est pas requise."""
    simulation = construire_simulation(charger_scenario("plafond_assurance_maladie"), sans_totaux)
    assiette = simulation.calculate("ifep_assiette_plafond_penalite", "2027")
    assert (assiette == sans_totaux["financement_assurance_maladie_total_2027"].to_numpy()).all()


def test_cli_code_2_sans_sortie_partielle(sans_totaux, tmp_path, capsys):
    chemin = tmp_path / "sans_totaux.csv"
    sans_totaux.to_csv(chemin, index=False)
    assert main(["simulate", "--year", "2027", "--population", str(chemin)]) == 2
    sortie = capsys.readouterr()
    assert sortie.out == ""
    assert sortie.err.startswith("caqes : erreur : financements_totaux 2027 absents") and "Traceback" not in sortie.err


def test_api_web_400_nommant_l_etablissement():
    client = create_app(systeme_de_base()).test_client()
    reponse = client.post("/calculate", json=SITUATION)
    assert reponse.status_code == 400
    assert "financements_totaux_2027" in reponse.get_json()["etablissements"]["a"]["financements_totaux"]
    situation = {**SITUATION, "etablissements": {"a": {**SITUATION["etablissements"]["a"], "financements_totaux": {"2027": 1_250_000}}}}
    reponse = client.post("/calculate", json=situation)
    assert reponse.status_code == 200
    assert reponse.get_json()["etablissements"]["a"]["ifep_penalite"]["2027"] == 25_000  # 2 % × 1 250 000
