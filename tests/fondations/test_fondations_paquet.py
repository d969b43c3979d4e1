"""Le paquet construit (wheel) porte la loi : installé dans un environnement neuf, lancé hors du
dépôt, il lit ses paramètres et variables dans site-packages et calcule une pénalité."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import textwrap
import zipfile
from pathlib import Path

import pandas as pd
import pytest

RACINE = Path(__file__).resolve().parents[2]
DELAI = 300

SCRIPT = textwrap.dedent(
    """
    import json
    import openfisca_caqes
    from openfisca_core.simulation_builder import SimulationBuilder
    from openfisca_caqes.systeme import systeme_de_base

    situation = {
        "etablissements": {"chu_purpan": {
            "categorie_etablissement": {"ETERNITY": "mco_public"},
            "produits_assurance_maladie": {"2024": 12345678},
            "refus_signature": {"2025": True},
        }},
        "entites_juridiques": {"chu_toulouse": {"etablissements": ["chu_purpan"]}},
        "regions": {"occitanie": {"etablissements": ["chu_purpan"]}},
    }
    simulation = SimulationBuilder().build_from_entities(systeme_de_base(), situation)
    print(json.dumps({
        "module": openfisca_caqes.__file__,
        "racine_loi": str(openfisca_caqes.RACINE_LOI),
        "parametres": str(openfisca_caqes.DOSSIER_PARAMETRES),
        "version": openfisca_caqes.__version__,
        "penalite": int(simulation.calculate("penalite_refus_signature", "2025")[0]),
    }))
    """
)


def lancer(commande: list[str], **options) -> subprocess.CompletedProcess:
    environnement = {cle: valeur for cle, valeur in os.environ.items() if cle not in ("PYTHONPATH", "VIRTUAL_ENV")}
    resultat = subprocess.run(commande, capture_output=True, text=True, timeout=DELAI, env=environnement, **options)
    assert resultat.returncode == 0, f"{' '.join(commande)}\n{resultat.stdout}\n{resultat.stderr}"
    return resultat


@pytest.fixture(scope="module")
def roue(tmp_path_factory) -> Path:
    dossier = tmp_path_factory.mktemp("roue")
    lancer([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", str(dossier), str(RACINE)])
    (roue,) = dossier.glob("openfisca_caqes-*.whl")
    return roue


@pytest.fixture(scope="module")
def environnement(roue, tmp_path_factory) -> Path:
    """Un environnement neuf où le paquet est installé depuis la wheel, sans ses dépendances.

    `--system-site-packages` donne accès à l'interpréteur de base ; les dépendances (openfisca-core,
    pandas…) sont celles de l'environnement qui lance les tests, ajoutées par un fichier .pth :
    un simple chemin, donc le .pth d'installation éditable de cet environnement n'est pas lu et
    le dépôt n'est pas sur le chemin.
    """
    dossier = tmp_path_factory.mktemp("env") / "venv"
    lancer([sys.executable, "-m", "venv", "--system-site-packages", str(dossier)])
    python = dossier / "bin" / "python"
    site_neuf = Path(lancer([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).stdout.strip())
    dependances = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (site_neuf / "zz_dependances_de_test.pth").write_text("\n".join(sorted(dependances)) + "\n", encoding="utf-8")
    lancer([str(python), "-m", "pip", "install", "--no-deps", "--quiet", str(roue)])
    return dossier


@pytest.mark.lent
def test_la_roue_contient_la_loi(roue):
    noms = zipfile.ZipFile(roue).namelist()
    for dossier in ("parameters", "variables", "reforms"):
        attendus = sorted(
            f"openfisca_caqes/{p.relative_to(RACINE).as_posix()}"
            for p in (RACINE / dossier).rglob("*")
            if p.is_file() and p.suffix in (".yaml", ".py") and "__pycache__" not in p.parts
        )
        manquants = [nom for nom in attendus if nom not in noms]
        assert attendus and not manquants, f"absents de la wheel : {manquants[:10]}"
    donnees = RACINE / "openfisca_caqes" / "population" / "donnees"
    for fichier in donnees.glob("*.csv"):  # la population embarquée voyage avec le paquet
        assert f"openfisca_caqes/population/donnees/{fichier.name}" in noms
    assert not [nom for nom in noms if nom.startswith("tests/")]
    assert any(nom.endswith("entry_points.txt") for nom in noms)


@pytest.mark.lent
def test_installee_hors_du_depot_lit_la_loi_de_site_packages(environnement, tmp_path):
    python = environnement / "bin" / "python"
    resultat = json.loads(lancer([str(python), "-c", SCRIPT], cwd=tmp_path).stdout.strip().splitlines()[-1])
    module = Path(resultat["module"]).resolve()
    assert environnement.resolve() in module.parents, resultat
    assert RACINE not in module.parents, resultat
    # installée, la loi est dans le paquet, plus à la racine d'un dépôt
    assert Path(resultat["racine_loi"]) == module.parent
    assert Path(resultat["parametres"]) == module.parent / "parameters"
    assert resultat["version"] != "0+checkout"
    # 1 % des produits 2024 : 123 456,78 → 123 457
    assert resultat["penalite"] == 123_457


@pytest.mark.lent
def test_commande_caqes_installee(environnement, tmp_path):
    chemin = tmp_path / "population.csv"
    pd.DataFrame(
        {
            "etablissement": ["chu_purpan", "clinique_pasteur"],
            "entite_juridique": ["chu_toulouse", "clinique_pasteur"],
            "region": ["occitanie", "occitanie"],
            "categorie_etablissement": ["mco_public", "mco_prive"],
            "refus_signature_2025": [1, 1],
            "produits_assurance_maladie_2024": [12_345_678, 4_000_050],
        }
    ).to_csv(chemin, index=False)
    sortie = tmp_path / "resultats.csv"
    lancer(
        [str(environnement / "bin" / "caqes"), "simulate", "--population", str(chemin), "--year", "2025",
         "--variables", "penalite_refus_signature", "--output", str(sortie)],
        cwd=tmp_path,
    )
    # 123 456,78 → 123 457 ; 40 000,50 → 40 001
    assert pd.read_csv(sortie)["penalite_refus_signature"].tolist() == [123_457, 40_001]  # en-têtes CSV : noms des variables
