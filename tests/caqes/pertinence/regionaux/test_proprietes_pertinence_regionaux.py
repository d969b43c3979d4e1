"""Propriétés des indicateurs régionaux du volet pertinence (hypothesis) : HAD, post-AVC, IC, BPCO.

Intéressements positifs ou nuls, nuls sans atteinte (ni bonus) ; un meilleur résultat de l'année
évaluée (plus de patients, d'inclusions, de suivi, moins de réhospitalisations) ne baisse jamais
l'intéressement.
"""

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from openfisca_caqes.population import construire_simulation
from openfisca_caqes.systeme import systeme_de_base

INDICATEURS = ("had", "parcours_avc", "parcours_ic", "parcours_bpco")
ANNEES = (2022, 2023, 2024, 2025, 2026)
REGLAGES = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
COMPTES = (
    "nombre_patients_had_anticancereux",
    "nombre_nouveaux_protocoles_had",
    "nombre_patients_inclus_prado_avc",
    "nombre_patients_ic_generaliste",
    "nombre_patients_ic_cardiologue",
    "nombre_patients_bpco_generaliste",
    "nombre_patients_bpco_pneumologue",
)


def simulation(colonnes: dict, categories):
    n = len(categories)
    tableau = pd.DataFrame(
        {"etablissement": [f"e{i}" for i in range(n)], "entite_juridique": [f"j{i}" for i in range(n)], "region": ["occitanie"] * n, "categorie_etablissement": categories}
        | colonnes
    )
    return construire_simulation(systeme_de_base(), tableau)


@st.composite
def etablissements(draw):
    n = draw(st.integers(1, 8))
    categories = draw(st.lists(st.sampled_from(["had", "had_sans_pui", "mco_public", "mco_prive"]), min_size=n, max_size=n))

    def liste(strategie):
        return draw(st.lists(strategie, min_size=n, max_size=n))

    colonnes = {"annee_convention_cpts_msp": liste(st.sampled_from([0, 2023, 2024, 2025, 2026]))}
    enveloppe = draw(st.integers(0, 300_000))
    for annee in range(2021, 2027):
        colonnes[f"enveloppe_regionale_{annee}"] = [enveloppe] * n
        colonnes[f"journees_had_{annee}"] = liste(st.integers(0, 20_000))
        colonnes[f"nombre_sejours_avc_{annee}"] = liste(st.integers(0, 200))
        colonnes[f"nombre_patients_eligibles_prado_avc_{annee}"] = liste(st.integers(50, 100))
        colonnes[f"nombre_sejours_ic_{annee}"] = liste(st.integers(100, 200))
        colonnes[f"nombre_rehospitalisations_ic_{annee}"] = liste(st.integers(0, 60))
        colonnes[f"nombre_patients_bpco_{annee}"] = liste(st.integers(100, 200))
        colonnes[f"nombre_patients_bpco_rehospitalises_{annee}"] = liste(st.integers(0, 60))
        colonnes[f"nombre_sejours_bpco_trois_trimestres_{annee}"] = liste(st.integers(0, 150))
        colonnes[f"nombre_patients_had_anticancereux_{annee}"] = liste(st.integers(0, 40))
        colonnes[f"nombre_nouveaux_protocoles_had_{annee}"] = liste(st.integers(0, 3))
        colonnes[f"nombre_patients_inclus_prado_avc_{annee}"] = liste(st.integers(0, 50))
        for nom in ("nombre_patients_ic_generaliste", "nombre_patients_ic_cardiologue", "nombre_patients_bpco_generaliste", "nombre_patients_bpco_pneumologue"):
            colonnes[f"{nom}_{annee}"] = liste(st.integers(0, 50))
        for nom in ("unite_neurovasculaire", "etablissement_reference_avc", "convention_prado_signee", "had_evaluation_refus_realisee",
                    "had_documents_transmis", "plan_actions_parcours_ic", "plan_actions_parcours_bpco", "ciblage_insuffisance_cardiaque"):
            colonnes[f"{nom}_{annee}"] = liste(st.booleans())
        for indicateur in INDICATEURS:
            colonnes[f"montant_potentiel_{indicateur}_{annee}"] = liste(st.sampled_from([0, 4000, 9999]))
    return colonnes, categories


@REGLAGES
@given(etablissements())
def test_interessements_positifs_et_nuls_sans_atteinte(donnees):
    colonnes, categories = donnees
    sim = simulation(colonnes, categories)
    for annee in ANNEES:
        for indicateur in INDICATEURS:
            gagne = sim.calculate(f"interessement_regional_{indicateur}", str(annee))
            part = sim.calculate(f"taux_atteinte_{indicateur}", str(annee))
            assert (gagne >= 0).all() and ((part >= 0) & (part <= 1)).all()
            sans_bonus = ~sim.calculate("bonus_convention_cpts_msp", str(annee)) if indicateur == "parcours_avc" else True
            assert (gagne[(part == 0) & sans_bonus] == 0).all(), indicateur
            assert (gagne[~sim.calculate(f"ciblage_{indicateur}", str(annee))] == 0).all()


@REGLAGES
@given(etablissements(), st.sampled_from(ANNEES), st.data())
def test_un_meilleur_resultat_ne_baisse_jamais_l_interessement(donnees, annee, data):
    colonnes, categories = donnees
    n = len(categories)
    meilleur = {cle: list(valeurs) for cle, valeurs in colonnes.items()}
    for nom in COMPTES:
        meilleur[f"{nom}_{annee}"] = [v + g for v, g in zip(colonnes[f"{nom}_{annee}"], data.draw(st.lists(st.integers(0, 30), min_size=n, max_size=n)))]
    for nom in ("nombre_patients_bpco_rehospitalises", "nombre_rehospitalisations_ic"):
        meilleur[f"{nom}_{annee}"] = [max(0, v - g) for v, g in zip(colonnes[f"{nom}_{annee}"], data.draw(st.lists(st.integers(0, 30), min_size=n, max_size=n)))]
    for nom in ("convention_prado_signee", "had_evaluation_refus_realisee", "had_documents_transmis", "plan_actions_parcours_ic", "plan_actions_parcours_bpco"):
        meilleur[f"{nom}_{annee}"] = [v or g for v, g in zip(colonnes[f"{nom}_{annee}"], data.draw(st.lists(st.booleans(), min_size=n, max_size=n)))]
    avant, apres = simulation(colonnes, categories), simulation(meilleur, categories)
    for indicateur in INDICATEURS:
        variable = f"interessement_regional_{indicateur}"
        assert (apres.calculate(variable, str(annee)) >= avant.calculate(variable, str(annee))).all(), indicateur


def test_ciblage_parcours_soins_est_l_union():
    colonnes = {
        "etablissement_reference_avc_2024": [True, False, False],
        "ciblage_parcours_ic_2024": [False, True, False],
        "ciblage_parcours_bpco_2024": [True, False, False],
    }
    sim = simulation(colonnes, ["mco_public"] * 3)
    assert sim.calculate("ciblage_parcours_soins", "2024").tolist() == [True, True, False]
    assert not np.any(sim.calculate("ciblage_parcours_soins", "2027"))
