"""La commande `caqes` : l'aide, et `simulate` qui écrit ses résultats en CSV et en Excel."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from donnees_fondations import PENALITES_ATTENDUES

from openfisca_caqes.cli import main

CAQES = Path(sys.executable).parent / "caqes"
PENALITE = "Pénalité pour refus de signature (euros)"
ENVELOPPE = "Enveloppe régionale fermée des intéressements régionaux de l'année évaluée (euros)"


@pytest.fixture
def fichier_population(tmp_path, population) -> Path:
    chemin = tmp_path / "population.csv"
    population.to_csv(chemin, index=False)
    return chemin


def test_aide_generale(capsys):
    with pytest.raises(SystemExit) as fin:
        main(["--help"])
    assert fin.value.code == 0
    assert "simulate" in capsys.readouterr().out


def test_aide_simulate(capsys):
    with pytest.raises(SystemExit) as fin:
        main(["simulate", "--help"])
    assert fin.value.code == 0
    aide = capsys.readouterr().out
    for option in ("--population", "--sheet", "--year", "--variables", "--output"):
        assert option in aide


@pytest.mark.parametrize("arguments", [["--help"], ["simulate", "--help"]])
def test_aide_du_script_installe(arguments):
    """Le point d'entrée `caqes` déclaré dans pyproject.toml est installé et répond."""
    resultat = subprocess.run([str(CAQES), *arguments], capture_output=True, text=True, timeout=120)
    assert resultat.returncode == 0, resultat.stderr
    assert "utilisation : caqes" in resultat.stdout


def test_simulate_ecrit_un_csv(tmp_path, fichier_population, population, capsys):
    sortie = tmp_path / "resultats.csv"
    code = main(["simulate", "--population", str(fichier_population), "--year", "2025",
                 "--variables", "penalite_refus_signature", "refus_signature", "--output", str(sortie)])
    assert code == 0
    assert f"Écrit : {sortie}" in capsys.readouterr().out
    lu = pd.read_csv(sortie, encoding="utf-8")
    # En-têtes du CSV : les noms des variables (stables pour les scripts), le libellé de la région à côté du code.
    assert list(lu.columns) == ["etablissement", "entite_juridique", "region", "region_libelle",
                                "penalite_refus_signature", "refus_signature"]
    assert lu["etablissement"].tolist() == population["etablissement"].tolist()
    assert lu["entite_juridique"].tolist() == population["entite_juridique"].tolist()
    assert lu["region"].tolist() == population["region"].tolist()
    assert set(lu["region_libelle"]) <= {"Occitanie", "Île-de-France", "Ile-de-France"}
    assert lu["penalite_refus_signature"].tolist() == PENALITES_ATTENDUES["2025"]


def test_simulate_ecrit_un_classeur_excel(tmp_path, fichier_population, population):
    """Une feuille par entité : les établissements d'abord, puis les régions."""
    sortie = tmp_path / "resultats.xlsx"
    code = main(["simulate", "--population", str(fichier_population), "--year", "2022",
                 "--variables", "enveloppe_regionale", "refus_signature", "--output", str(sortie),
                 "--completer-par-defaut"])
    assert code == 0
    feuilles = pd.read_excel(sortie, sheet_name=None, engine="openpyxl")
    assert list(feuilles) == ["etablissements", "regions"]
    # Deux lignes d'en-tête : les libellés, puis les noms des variables.
    assert feuilles["regions"].loc[0, ENVELOPPE] == "enveloppe_regionale"
    assert feuilles["etablissements"].loc[0, "Identifiant"] == "etablissement"
    feuilles = {nom: feuille.iloc[1:] for nom, feuille in feuilles.items()}
    assert feuilles["etablissements"]["Identifiant"].tolist() == population["etablissement"].tolist()
    regions = feuilles["regions"].set_index("Identifiant")[ENVELOPPE]
    assert regions.to_dict() == {"ile_de_france": 2_500_000, "occitanie": 1_000_000}


def test_simulate_sans_sortie_affiche(fichier_population, capsys):
    code = main(["simulate", "--population", str(fichier_population), "--year", "2025",
                 "--variables", "penalite_refus_signature"])
    assert code == 0
    sortie = capsys.readouterr().out
    assert "2025 — etablissements" in sortie
    assert "123 457" in sortie  # chu_purpan, 1 % × 12 345 678 = 123 456,78 → 123 457 (séparateur de milliers)


@pytest.mark.parametrize(
    ("sortie", "extrait"),
    [("resultats.json", "format de sortie non reconnu"), ("absent/resultats.csv", "n'existe pas")],
)
def test_sortie_impossible_refusee_avant_calcul(tmp_path, fichier_population, capsys, sortie, extrait):
    code = main(["simulate", "--population", str(fichier_population), "--year", "2025",
                 "--variables", "penalite_refus_signature", "--output", str(tmp_path / sortie)])
    erreur = capsys.readouterr().err
    assert code == 2
    assert extrait in erreur and "Traceback" not in erreur
    assert sorted(p.name for p in tmp_path.iterdir()) == ["population.csv"]


def test_variable_inconnue(fichier_population, capsys):
    code = main(["simulate", "--population", str(fichier_population), "--year", "2025", "--variables", "penalite_inventee"])
    assert code == 2
    assert "variable inconnue : penalite_inventee" in capsys.readouterr().err


def test_simulate_variable_permanente_calculee(tmp_path, fichier_population, population):
    sortie = tmp_path / "resultats.csv"
    code = main(["simulate", "--population", str(fichier_population), "--year", "2025",
                 "--variables", "est_public", "--output", str(sortie)])
    assert code == 0
    # public et ESPIC : vrai ; privé lucratif : faux
    attendu = (population["statut_juridique"] != "prive_lucratif").tolist()
    assert pd.read_csv(sortie)["est_public"].tolist() == attendu
