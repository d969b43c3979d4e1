"""Le corpus de fichiers fautifs passe par `caqes simulate` (en processus, `cli.main`) : chaque
fichier fautif est refusé proprement (code 2, « caqes : erreur : FICHIER[, ligne N][, colonne « X »] :
… », aucune sortie, aucune trace Python) ; chaque fichier valide mais inhabituel est calculé exactement."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).parent))

from cas import AMOUNT, PENALITES_BASE, Cas, corpus, csv  # noqa: E402

from openfisca_caqes.cli import main  # noqa: E402
from openfisca_caqes.population import charger_population, schema  # noqa: E402
from openfisca_caqes.systeme import systeme_de_base  # noqa: E402

PENALITE = "penalite_refus_signature"  # en-tête du CSV de simulate : le nom de la variable
CAS = corpus()


@pytest.fixture(scope="module")
def taux() -> str:
    """Une colonne de taux (unité « /1 ») de la loi, lue pour une année où le fichier a des données."""
    colonnes = schema(systeme_de_base())
    return sorted(c.variable for c in colonnes.values() if c.unite == "/1" and c.annuelle and not c.surcharge)[0] + "_2024"


def simuler(chemin: Path, sortie: Path, options: list[str]) -> int:
    return main(["simulate", "--population", str(chemin), "--output", str(sortie), *options])


def test_le_corpus_a_au_moins_quarante_fichiers_fautifs():
    assert len({c.nom for c in CAS}) == len(CAS)
    assert sum(c.extrait is not None for c in CAS) >= 40


@pytest.mark.parametrize("cas", CAS, ids=[c.nom for c in CAS])
def test_corpus(cas: Cas, taux, tmp_path, capsys):
    chemin = cas.construire(tmp_path, taux)
    sortie = tmp_path / "sortie" / "resultats.csv"
    sortie.parent.mkdir()
    code = simuler(chemin, sortie, cas.options)
    flux = capsys.readouterr()
    assert "Traceback" not in flux.err + flux.out
    if cas.extrait is None:
        assert code == 0, flux.err
        assert pd.read_csv(sortie)[PENALITE].tolist() == cas.penalites
        return
    assert code == 2, f"{cas.faute} : accepté ({flux.err})"
    lieu = [] if cas.sans_fichier else [str(chemin)]
    if cas.ligne is not None:
        lieu.append(f"ligne {cas.ligne}")
    if cas.colonne is not None:
        lieu.append(f"colonne « {taux if cas.colonne == 'TAUX' else cas.colonne} »")
    debut = "caqes : erreur : " + (", ".join(lieu) + " : " if lieu else "")
    assert flux.err.startswith(debut), f"{cas.faute} : {flux.err}"
    assert cas.extrait in flux.err, f"{cas.faute} : {flux.err}"
    assert len(flux.err.strip().splitlines()) == 1, flux.err
    assert not sortie.exists() and list(sortie.parent.iterdir()) == []


def test_montant_relu_exactement_sur_64_bits(taux, tmp_path):
    """459 534 580,30 € (9 chiffres avant la virgule) : float32 le lirait 459 534 592 ; relu au centime."""
    chemin = csv({(2, AMOUNT): "459534580.30", (3, AMOUNT): "1234567850"})(tmp_path, taux)
    simulation = charger_population(systeme_de_base(), chemin)
    produits = simulation.calculate("produits_assurance_maladie", "2024")
    assert produits.dtype.itemsize == 8
    assert produits.tolist() == [459_534_580.30, 1_234_567_850.0, 2_700_000.0]
    assert simulation.calculate("penalite_refus_signature", "2025").tolist() == [4_595_346, 0, 27_000]


def test_annee_donnees_decalee_sur_des_colonnes_absentes(taux, tmp_path, capsys):
    """compare --annee-donnees 2025 : le régime 2018 lirait des colonnes de 2025 et 2024 que le fichier n'a pas."""
    chemin = csv()(tmp_path, taux)
    sortie = tmp_path / "sortie.xlsx"
    code = main(["compare", "--population", str(chemin), "--regimes", "2018", "--annee-donnees", "2025",
                 "--output", str(sortie)])
    erreur = capsys.readouterr().err
    assert code == 2, erreur
    assert erreur.startswith(f"caqes : erreur : {chemin} : "), erreur
    assert "lue(s) par la question absente(s)" in erreur and "atteinte_volet_obligatoire_plan_actions_interne_2025" in erreur
    assert not sortie.exists() and "Traceback" not in erreur


def test_reference_base_valide(taux, tmp_path, capsys):
    """Le fichier de base est valide : chaque refus du corpus vient de la seule faute introduite."""
    sortie = tmp_path / "r.csv"
    assert simuler(csv()(tmp_path, taux), sortie, ["--year", "2025", "--variables", "penalite_refus_signature"]) == 0
    assert pd.read_csv(sortie)[PENALITE].tolist() == PENALITES_BASE


@pytest.mark.parametrize(
    ("regimes", "extrait"),
    [("2018=2017", "année 2017 : aucune règle avant 2018"), ("2022=2030", "année 2030 au-delà des données du fichier")],
)
def test_compare_annees_hors_regles_ou_donnees(taux, tmp_path, capsys, regimes, extrait):
    chemin = csv()(tmp_path, taux)
    sortie = tmp_path / "sortie.xlsx"
    code = main(["compare", "--population", str(chemin), "--regimes", regimes, "--output", str(sortie)])
    erreur = capsys.readouterr().err
    assert code == 2 and erreur.startswith("caqes : erreur : ") and extrait in erreur, erreur
    assert not sortie.exists() and "Traceback" not in erreur
