"""Propriétés des indicateurs régionaux du volet organisation des soins (hypothesis).

Transports (véhicule personnel, composite) et chirurgie ambulatoire : intéressements positifs
ou nuls, nuls sans atteinte ; un meilleur résultat ne baisse jamais l'intéressement ; la part
versée du composite vaut 0 ou au moins la moitié ; la cible de chirurgie ambulatoire de la
prorogation n'est jamais sous celle de la dernière année du contrat initial (Occitanie).
"""

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from openfisca_caqes.population import construire_simulation
from openfisca_caqes.systeme import systeme_de_base

INDICATEURS = ("transport_vehicule_personnel", "transport_composite", "chirurgie_ambulatoire")
ANNEES = (2022, 2023, 2024, 2025, 2026)
REGLAGES = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def simulation(colonnes: dict, regions):
    n = len(regions)
    tableau = pd.DataFrame(
        {"etablissement": [f"e{i}" for i in range(n)], "entite_juridique": [f"j{i}" for i in range(n)], "region": regions, "categorie_etablissement": ["mco_public"] * n}
        | colonnes
    )
    return construire_simulation(systeme_de_base(), tableau)


@st.composite
def etablissements(draw):
    n = draw(st.integers(1, 8))
    regions = draw(st.lists(st.sampled_from(["occitanie", "ile_de_france"]), min_size=n, max_size=n))

    def liste(strategie):
        return draw(st.lists(strategie, min_size=n, max_size=n))

    taux = st.floats(0, 1, allow_nan=False)
    colonnes = {
        "transport_reference_taux_moyens_personnels": liste(st.floats(0, 0.12, allow_nan=False)),
        "transport_reference_taux_vsl_partages": liste(st.floats(0, 0.4, allow_nan=False)),
        "chirurgie_ambulatoire_option": liste(st.sampled_from(["aucune", "ensemble_disciplines", "specialite"])),
        "chirurgie_ambulatoire_potentiel_conversion": liste(st.booleans()),
    }
    for annee in range(2019, 2027):
        colonnes[f"depense_transport_ambulance_{annee}"] = liste(st.floats(0, 800_000, allow_nan=False))  # euros non arrondis
        colonnes[f"depense_transport_assis_{annee}"] = liste(st.floats(0, 2_000_000, allow_nan=False))
        colonnes[f"nombre_transports_prescrits_{annee}"] = liste(st.integers(1000, 2000))
        colonnes[f"nombre_transports_vehicule_personnel_{annee}"] = liste(st.integers(0, 200))
        colonnes[f"nombre_transports_en_commun_{annee}"] = liste(st.integers(0, 50))
        colonnes[f"nombre_trajets_vsl_{annee}"] = liste(st.integers(500, 1000))
        colonnes[f"nombre_trajets_vsl_partages_{annee}"] = liste(st.integers(0, 300))
        colonnes[f"transport_plan_actions_{annee}"] = liste(st.booleans())
        colonnes[f"taux_vehicule_personnel_cible_{annee}"] = liste(st.sampled_from([0, 0.05, 0.1]))
        colonnes[f"taux_chirurgie_ambulatoire_{annee}"] = liste(taux)
        colonnes[f"taux_chirurgie_ambulatoire_specialite_{annee}"] = liste(taux)
        colonnes[f"nombre_sejours_chirurgie_{annee}"] = liste(st.integers(0, 3000))
        colonnes[f"nombre_sejours_chirurgie_specialite_{annee}"] = liste(st.integers(0, 1000))
        colonnes[f"chirurgie_ambulatoire_taux_cible_contrat_{annee}"] = liste(st.sampled_from([0, 0.5, 0.6, 0.7]))
        colonnes[f"enveloppe_regionale_{annee}"] = [draw(st.integers(0, 200_000))] * n
        for indicateur in INDICATEURS:
            colonnes[f"montant_potentiel_{indicateur}_{annee}"] = liste(st.sampled_from([0, 3000, 7777]))
    # L'enveloppe est une donnée de la région : la même sur chaque ligne de la région.
    for annee in range(2019, 2027):
        par_region = {region: valeur for region, valeur in zip(regions, colonnes[f"enveloppe_regionale_{annee}"])}
        colonnes[f"enveloppe_regionale_{annee}"] = [par_region[r] for r in regions]
    return colonnes, regions


@REGLAGES
@given(etablissements())
def test_interessements_positifs_nuls_sans_atteinte_part_composite(donnees):
    colonnes, regions = donnees
    sim = simulation(colonnes, regions)
    for annee in ANNEES:
        for indicateur in INDICATEURS:
            gagne = sim.calculate(f"interessement_regional_{indicateur}", str(annee))
            part = sim.calculate(f"taux_atteinte_{indicateur}", str(annee))
            assert (gagne >= 0).all() and ((part >= 0) & (part <= 1)).all()
            assert (gagne[(part == 0) | ~sim.calculate(f"ciblage_{indicateur}", str(annee))] == 0).all(), indicateur
        part = sim.calculate("transport_composite_taux_interessement", str(annee))
        assert ((part == 0) | (part >= 0.5)).all()


@REGLAGES
@given(etablissements(), st.sampled_from(ANNEES), st.data())
def test_un_meilleur_resultat_ne_baisse_jamais_l_interessement(donnees, annee, data):
    colonnes, regions = donnees
    n = len(regions)

    def gains(haut):
        return data.draw(st.lists(st.integers(0, haut), min_size=n, max_size=n))

    meilleur = {cle: list(valeurs) for cle, valeurs in colonnes.items()}
    for nom in ("nombre_transports_vehicule_personnel", "nombre_transports_en_commun", "nombre_trajets_vsl_partages"):
        meilleur[f"{nom}_{annee}"] = [v + g for v, g in zip(colonnes[f"{nom}_{annee}"], gains(100))]
    meilleur[f"transport_plan_actions_{annee}"] = [v or g > 0 for v, g in zip(colonnes[f"transport_plan_actions_{annee}"], gains(1))]
    for nom in ("taux_chirurgie_ambulatoire", "taux_chirurgie_ambulatoire_specialite"):
        meilleur[f"{nom}_{annee}"] = [min(1.0, v + g / 100) for v, g in zip(colonnes[f"{nom}_{annee}"], gains(30))]
    avant, apres = simulation(colonnes, regions), simulation(meilleur, regions)
    for indicateur in INDICATEURS:
        variable = f"interessement_regional_{indicateur}"
        assert (apres.calculate(variable, str(annee)) >= avant.calculate(variable, str(annee))).all(), indicateur


@REGLAGES
@given(etablissements())
def test_cible_chirurgie_ambulatoire_jamais_sous_celle_de_2024(donnees):
    colonnes, regions = donnees
    sim = simulation(colonnes, regions)
    occitanie = np.asarray(regions) == "occitanie"
    for annee in (2025, 2026):
        cible = sim.calculate("chirurgie_ambulatoire_cible", str(annee))
        contrat = np.asarray(colonnes[f"chirurgie_ambulatoire_taux_cible_contrat_{annee}"])
        # Occitanie : jamais sous la cible 2024 ; l'Ile-de-France n'a pas cette règle (progression sur 2023).
        attendu = np.where(occitanie, np.maximum(contrat, colonnes["chirurgie_ambulatoire_taux_cible_contrat_2024"]), contrat)
        assert np.allclose(cible, attendu, atol=1e-6)
