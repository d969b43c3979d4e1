"""Le balayage sur un cluster Dask local : mêmes résultats avec 1 ou 2 processus, et dans ce processus."""

from __future__ import annotations

import pandas as pd
import pytest

from openfisca_caqes.balayage import points as module_points
from openfisca_caqes.balayage.execution import contexte, evaluer, lancer, tableau, taches
from openfisca_caqes.balayage.specification import valider
from openfisca_caqes.cli import main
from openfisca_caqes.population.defaut import chemin_population_defaut
from openfisca_caqes.systeme import systeme_de_base

POPULATION = chemin_population_defaut()
DONNEES = {
    "titre": "essai dask", "scenario": "central", "annees": [2027], "plan": "latin", "points": 6, "graine": 7,
    "hypotheses": {
        "plafond": {"parametre": "ifep.penalite.taux_plafond", "loi": {"uniforme": [0.003, 0.03]}},
        "part": {"parametre": "ifep.penalite.part_derive", "loi": {"uniforme": [0.1, 0.4]}},
        "seuil": {"parametre": "ifep.atypie.seuil_ecart_niveau", "loi": {"uniforme": [0.1, 0.5]}},
    },
}


@pytest.fixture(scope="module")
def client():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None, silence_logs=40) as cluster, distributed.Client(cluster) as client:
        yield client


def test_un_ou_deux_processus_meme_tableau(client):
    balayage = valider(DONNEES, systeme_de_base().parameters, "essai.yaml")
    tableau_points = module_points.generer(balayage)
    liste = taches(balayage, tableau_points)
    contexte_ = contexte(balayage, POPULATION)
    adresses = sorted(client.scheduler_info()["workers"])
    assert len(adresses) == 2
    un = tableau(balayage, tableau_points, evaluer(contexte_, liste, client, travailleurs=adresses[:1]))
    deux = tableau(balayage, tableau_points, evaluer(contexte_, liste, client))
    local = lancer(balayage, POPULATION, travailleurs=0)
    pd.testing.assert_frame_equal(un, deux)
    pd.testing.assert_frame_equal(un, local)
    assert un["point"].nunique() == 1 + 6 + 6  # référence, 2 bornes × 3, 6 tirages


def test_erreur_dans_un_processus_redevient_erreur_utilisateur(client, tmp_path, capsys):
    copie = tmp_path / "population.csv"
    copie.write_bytes(POPULATION.read_bytes())
    balayage = valider(DONNEES, systeme_de_base().parameters, "essai.yaml")
    contexte_ = contexte(balayage, copie)
    copie.write_bytes(POPULATION.read_bytes() + b"\n")  # le fichier change après le lancement
    from openfisca_caqes.erreurs import ErreurUtilisateur

    with pytest.raises(ErreurUtilisateur, match="sha256 différent"):
        evaluer(contexte_, taches(balayage, module_points.generer(balayage))[:1], client)


def test_cli_scheduler_et_sorties(client, tmp_path, capsys):
    import yaml

    fichier = tmp_path / "b.yaml"
    fichier.write_text(yaml.safe_dump(DONNEES, allow_unicode=True), encoding="utf-8")
    sortie, classeur = tmp_path / "r.csv", tmp_path / "r.xlsx"
    code = main(["balayage", str(fichier), "--scheduler", client.scheduler.address, "--output", str(sortie),
                 "--workbook", str(classeur), "--plots", str(tmp_path)])
    assert code == 0, capsys.readouterr().err
    relu = pd.read_csv(sortie)
    assert relu["point"].nunique() == 13 and (tmp_path / "tornade.png").stat().st_size > 1000
    feuilles = pd.read_excel(classeur, sheet_name=None)
    assert set(feuilles) == {"ensemble", "regions", "sensibilite", "un_a_un", "hypotheses"}
    assert (feuilles["sensibilite"]["methode"].str.startswith("rapport de corrélation")
            | feuilles["sensibilite"]["methode"].str.startswith("résultat constant")).all()


def _etats_des_processus():
    from openfisca_caqes.balayage import travail

    return len(travail._ETATS)


def _oublier_etats():
    from openfisca_caqes.balayage import travail

    travail._ETATS.clear()


def test_adresse_de_la_configuration_dask(client):
    import dask

    balayage = valider(DONNEES, systeme_de_base().parameters, "essai.yaml")
    client.run(_oublier_etats)
    with dask.config.set({"scheduler-address": client.scheduler.address}):
        distant = lancer(balayage, POPULATION, travailleurs=0)  # 0 processus locaux, mais l'adresse configurée gagne
    assert sum(client.run(_etats_des_processus).values()) >= 1  # les points ont bien été évalués sur le cluster
    pd.testing.assert_frame_equal(distant, lancer(balayage, POPULATION, travailleurs=0))
