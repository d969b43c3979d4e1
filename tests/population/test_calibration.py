"""La population embarquée reproduit les effectifs ciblés des seeds (à ±10 %) et reste à jour."""

import numpy as np
import pandas as pd
import pytest

from openfisca_caqes.population import charger_population, lire_tableau
from openfisca_caqes.population.defaut import chemin_population_defaut
from openfisca_caqes.population.generation import ciblages_attendus, generer
from openfisca_caqes.systeme import systeme_de_base

TOLERANCE = 0.10


@pytest.fixture(scope="module")
def simulation():
    return charger_population(systeme_de_base(), chemin_population_defaut())


def test_effectifs_cibles_conformes_aux_seeds(simulation, capsys):
    lignes = []
    for variable, annee, attendu, source in ciblages_attendus():
        obtenu = int(np.sum(simulation.calculate(variable, str(annee))))
        lignes.append((variable, annee, attendu, obtenu, abs(obtenu - attendu) <= TOLERANCE * attendu, source))
    tableau = pd.DataFrame(lignes, columns=["ciblage", "année", "attendu", "obtenu", "à ±10 %", "source"])
    with capsys.disabled():
        print("\nCalage de l'Occitanie synthétique sur les seeds :")
        print(tableau.to_string(index=False))
    assert len(tableau) > 0
    assert tableau["à ±10 %"].all(), tableau[~tableau["à ±10 %"]].to_string(index=False)


def test_population_embarquee_regeneree_a_l_identique():
    """Le fichier livré est celui que produit le générateur (python scripts/generer_population.py)."""
    livre, _ = lire_tableau(chemin_population_defaut())
    regenere = generer()
    assert list(livre.columns) == list(regenere.columns)
    assert len(livre) == len(regenere)
    assert (livre["etablissement"].to_numpy() == regenere["etablissement"].to_numpy()).all()
    numeriques = regenere.select_dtypes("number").columns
    ecart = np.abs(livre[numeriques].astype(float).to_numpy() - regenere[numeriques].to_numpy(dtype=float))
    assert ecart.max() <= 0.01


def test_identifiants_synthetiques():
    """Aucun identifiant ne peut être pris pour un FINESS (9 chiffres)."""
    population = generer()
    for colonne in ("etablissement", "entite_juridique"):
        assert population[colonne].str.startswith("SYN-").all()
        assert not population[colonne].str.fullmatch(r"\d{9}").any()


def test_generateur_national_deterministe_et_multiregional():
    premiere, seconde = generer(2000), generer(2000)
    pd.testing.assert_frame_equal(premiere, seconde)
    assert premiere["region"].nunique() == 13
    assert "ile_de_france" in set(premiere["region"])
