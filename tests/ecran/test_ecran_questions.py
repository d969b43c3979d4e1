"""La bonne question par défaut, une enveloppe une réponse, la vue par année de caisse, une langue d'options."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from openfisca_caqes.caisse import vue_caisse
from openfisca_caqes.cli import analyseur
from openfisca_caqes.commandes import compare, envelope
from openfisca_caqes.evaluation import Colonne, evaluer_colonnes
from openfisca_caqes.population import lire_tableau
from openfisca_caqes.population.defaut import chemin_population_defaut
from openfisca_caqes.systeme import systeme_de_base


@pytest.fixture(scope="module")
def population():
    tableau, nom = lire_tableau(chemin_population_defaut())
    return tableau, nom


def test_reference_par_defaut_le_caqes_en_vigueur():
    arguments = analyseur().parse_args(["compare"])
    _, reference = compare.preparer_colonnes(arguments)
    assert reference == "2025"
    arguments = analyseur().parse_args(["compare", "--regimes", "2018,2022"])
    assert compare.preparer_colonnes(arguments)[1] == "2018"  # sans le régime en vigueur : le premier
    arguments = analyseur().parse_args(["compare", "--baseline", "2022"])
    assert compare.preparer_colonnes(arguments)[1] == "2022"


@pytest.mark.parametrize(
    ("francais", "anglais"),
    [
        (["simulate", "--annee", "2025", "--feuille", "f", "--sortie", "x.csv"],
         ["simulate", "--year", "2025", "--sheet", "f", "--output", "x.csv"]),
        (["envelope", "--region", "occitanie", "--montant", "5", "--tirages", "3", "--graine", "2", "--annee", "2024"],
         ["envelope", "--region", "occitanie", "--amount", "5", "--draws", "3", "--seed", "2", "--year", "2024"]),
        (["compare", "--reference", "2022", "--sortie", "x.xlsx"], ["compare", "--baseline", "2022", "--output", "x.xlsx"]),
        (["explain", "--etablissement", "E", "--variable", "v", "--annee", "2025"],
         ["explain", "--etablissement", "E", "--variable", "v", "--year", "2025"]),
    ],
)
def test_options_francaises_et_alias_anglais(francais, anglais):
    a, b = analyseur().parse_args(francais), analyseur().parse_args(anglais)
    assert {k: v for k, v in vars(a).items() if k != "executer"} == {k: v for k, v in vars(b).items() if k != "executer"}


def test_montant_de_l_enveloppe_comme_une_enveloppe_du_fichier(population):
    """--montant X donne le même centre (valeur du point comprise) qu'un fichier qui porte X, et un autre que Y."""
    tableau, nom = population
    systeme = systeme_de_base()
    options = type("Options", (), {"region": "occitanie", "year": 2025, "annee_caisse": None})()
    montant = 2_000_000
    modifie = tableau.copy()
    modifie.loc[modifie["region"] == "occitanie", "enveloppe_regionale_2025"] = montant
    _, centre_fichier, _ = envelope.preparer(options, modifie, nom, systeme)
    _, centre_option, contexte = envelope.preparer(options, tableau, nom, systeme, montant=montant)
    _, centre_sans, _ = envelope.preparer(options, tableau, nom, systeme)
    assert contexte["enveloppe_population"] != montant  # le fichier porte une autre enveloppe
    np.testing.assert_array_equal(centre_option, centre_fichier)
    assert not np.array_equal(centre_option, centre_sans)


def test_vue_par_annee_de_caisse(population):
    """2027 paie les résultats CAQES 2026 ; 2028 paie l'IFEP 2027 (délai d'un an, calendrier.delai_paiement)."""
    tableau, nom = population
    systeme = systeme_de_base()
    vue = vue_caisse(tableau, nom, [2028, 2027], systeme)
    assert vue["Année de caisse"].tolist() == [2027, 2028]
    assert vue["Année évaluée payée"].tolist() == [2026, 2027]
    evaluations, _ = evaluer_colonnes(tableau, [(Colonne("2026", 2026), systeme), (Colonne("2027", 2027), systeme)],
                                      nom, tracer=False, supplementaires=())
    attendus = [int(e.valeurs["solde"].to_numpy(np.int64).sum()) for e in evaluations]
    assert vue["Solde payé par la région (€)"].tolist() == attendus
    assert vue["Solde payé par la région (€)"].dtype == np.int64
    # L'identité intéressements − pénalités = solde tient à l'euro, chaque année de caisse.
    assert (vue["Intéressements versés (€)"] - vue["Pénalités reprises (€)"] == vue["Solde payé par la région (€)"]).all()
    assert isinstance(vue, pd.DataFrame)


def test_messages_d_argparse_en_francais(capsys):
    with pytest.raises(SystemExit):
        analyseur().parse_args(["compare", "--aide"])
    aide = capsys.readouterr().out
    assert aide.startswith("utilisation : caqes compare") and "options :" in aide and "usage:" not in aide
    assert "--reference RÉGIME, --baseline RÉGIME" in aide and "--annee-caisse" in aide and "--tout" in aide
