"""La simulation de l'enveloppe régionale : jamais plus que l'enveloppe, fidèle à la règle de la loi."""

from __future__ import annotations

import numpy as np
import pandas as pd
from donnees_outils import loi_essai
from hypothesis import given, settings
from hypothesis import strategies as st

from openfisca_caqes import simulation_enveloppe
from openfisca_caqes.population import construire_simulation
from openfisca_caqes.repartition import repartir
from openfisca_caqes.simulation_enveloppe import annees, simuler, tirer
from openfisca_caqes.systeme import systeme_de_base

montants = st.integers(min_value=0, max_value=5_000_000)
centres = st.lists(st.integers(min_value=0, max_value=2_000_000), min_size=1, max_size=25)


@settings(max_examples=60, deadline=None)
@given(
    centre=centres,
    montant=montants,
    tirages=st.integers(min_value=1, max_value=40),
    graine=st.integers(min_value=0, max_value=2**32 - 1),
    dispersion=st.floats(min_value=0, max_value=1.5),
    dispersion_commune=st.floats(min_value=0, max_value=0.8),
    plafond=st.sampled_from([1.0, 0.5, 0.2]),
)
def test_jamais_plus_que_l_enveloppe(centre, montant, tirages, graine, dispersion, dispersion_commune, plafond):
    resultat = simuler(centre, montant, tirages, graine, dispersion, dispersion_commune, plafond_part=plafond)
    assert (resultat.verses_totaux <= montant).all()
    assert (resultat.verses >= 0).all()
    assert (resultat.verses <= np.floor(plafond * montant)).all()
    assert (resultat.verses_totaux == resultat.verses.sum(axis=1)).all()
    if plafond == 1.0:  # sans plafond ni réduction, chacun reçoit ce qu'il a gagné
        suffisante = resultat.demandes_totales <= montant
        assert (resultat.verses_totaux[suffisante] == resultat.demandes_totales[suffisante]).all()
        assert not resultat.reduits[suffisante].any()
    assert (resultat.taux_utilisation <= 1 + 1e-12).all()
    assert ((resultat.coefficient >= 0) & (resultat.coefficient <= 1 + 1e-12)).all()


@settings(max_examples=30, deadline=None)
@given(centre=centres, montant=montants, tirages=st.integers(min_value=1, max_value=20))
def test_repartition_integrale_distribue_toute_l_enveloppe(centre, montant, tirages):
    resultat = simuler(centre, montant, tirages, integrale=True)
    gagne = resultat.demandes_totales > 0
    assert (resultat.verses_totaux[gagne] == montant).all()
    assert (resultat.verses_totaux[~gagne] == 0).all()


@settings(max_examples=30, deadline=None)
@given(centre=st.lists(st.floats(min_value=1, max_value=1e6), min_size=1, max_size=10), graine=st.integers(0, 1000))
def test_les_tirages_ont_pour_esperance_le_centre(centre, graine):
    """E[C·E] = 1 : sur 20 000 tirages, la moyenne tirée reste à ±3 % du centre (σ = 0,3 et 0,1)."""
    tires = tirer(np.array(centre), 20_000, np.random.default_rng(graine), 0.3, 0.1)
    np.testing.assert_allclose(tires.mean(axis=0), centre, rtol=0.03)


def test_cas_calcule_a_la_main():
    """Sans aléa (σ = 0) : gagnés 100 000 + 200 000 + 300 000 = 600 000 € pour une enveloppe de
    450 000 € → coefficient 0,75 : versés 75 000, 150 000, 225 000 € dans chaque tirage ;
    réduction certaine (probabilité 1), enveloppe utilisée à 100 %, reliquat 0."""
    resultat = simuler([100_000, 200_000, 300_000], 450_000, 5, dispersion=0, dispersion_commune=0)
    assert resultat.verses.tolist() == [[75_000, 150_000, 225_000]] * 5
    assert resultat.probabilite_reduction == 1.0
    assert resultat.taux_utilisation.tolist() == [1.0] * 5
    np.testing.assert_allclose(resultat.coefficient, 0.75)
    assert resultat.reduits.all()
    synthese = resultat.synthese().set_index("Indicateur")["Valeur"]
    assert synthese["Reliquat moyen (€)"] == 0
    par_etablissement = resultat.par_etablissement(pd.DataFrame({"id": ["a", "b", "c"]}))
    assert par_etablissement["Versement espéré (€)"].tolist() == [75_000, 150_000, 225_000]


def test_enveloppe_suffisante_sans_reduction():
    """Gagnés 50 000 € pour 100 000 € : versés en entier, utilisation 50 %, aucune réduction."""
    resultat = simuler([20_000, 30_000], 100_000, 3, dispersion=0, dispersion_commune=0)
    assert resultat.verses_totaux.tolist() == [50_000] * 3
    assert resultat.probabilite_reduction == 0.0
    np.testing.assert_allclose(resultat.taux_utilisation, 0.5)


def test_meme_graine_memes_tirages_quelle_que_soit_la_taille_des_blocs(monkeypatch):
    premier = simuler([10_000, 50_000, 7_000], 40_000, 50, graine=3)
    monkeypatch.setattr(simulation_enveloppe, "CELLULES_PAR_BLOC", 7)  # blocs de 2 tirages
    second = simuler([10_000, 50_000, 7_000], 40_000, 50, graine=3)
    np.testing.assert_array_equal(premier.verses, second.verses)
    np.testing.assert_array_equal(premier.demandes_totales, second.demandes_totales)
    autre = simuler([10_000, 50_000, 7_000], 40_000, 50, graine=4)
    assert not np.array_equal(premier.verses, autre.verses)


def test_conforme_a_la_regle_de_la_loi():
    """Sans aléa, la simulation verse ce que verse la loi (interessement_regional_verse) pour la même
    enveloppe : même règle, mêmes paramètres de l'année."""
    loi = loi_essai()
    gagnes = [12_345, 67_890, 250_000, 0, 99_999]
    tableau = pd.DataFrame({
        "etablissement": list("abcde"), "entite_juridique": list("abcde"), "region": "occitanie",
        "categorie_etablissement": "mco_public", "interessement_regional_2025": gagnes,
        "enveloppe_regionale_2025": 300_000,
    })
    simulation = construire_simulation(loi, tableau)
    verse_loi = simulation.calculate("interessement_regional_verse", "2025")
    resultat = simuler(gagnes, 300_000, 2, dispersion=0, dispersion_commune=0)
    np.testing.assert_array_equal(resultat.verses[0], verse_loi)
    assert resultat.verses[0].sum() == 300_000
    np.testing.assert_array_equal(
        resultat.verses[1], repartir(np.array(gagnes, float), np.zeros(5, int), np.array([300_000.0]))
    )


def test_annee_de_performance_et_annee_de_caisse():
    """Délai de paiement d'un an (parameters/calendrier/delai_paiement.yaml) : 2026 est payé en
    2027, l'année où l'IFEP démarre ; l'année de caisse 2027 porte sur la performance 2026."""
    systeme = systeme_de_base()
    assert annees(systeme, 2026, None) == (2026, 2027)
    assert annees(systeme, None, 2027) == (2026, 2027)
    assert annees(systeme, 2022, None) == (2022, 2023)
