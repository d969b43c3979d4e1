"""Propriétés des indicateurs régionaux du volet produits de santé (hypothesis).

Sur des établissements tirés au hasard : intéressements positifs ou nuls, nuls sans atteinte,
bornés par le potentiel ; un meilleur réalisé ne baisse jamais l'intéressement ; les cibles de
la prorogation respectent la règle « ou, si supérieur, le réalisé de l'année plancher ».
"""

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openfisca_core.reforms import Reform

from openfisca_caqes.population import construire_simulation
from openfisca_caqes.systeme import systeme_de_base

INDICATEURS = (
    "conciliation",
    "analyse_pharmaceutique",
    "entretiens_pharmaceutiques",
    "aapp_mpi",
    "suivi_liste_en_sus",
    "aapp_perfadom",
    "aapp_pansements",
)
ANNEES = (2022, 2023, 2024, 2025, 2026)
REGLAGES = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def simulation(colonnes: dict, systeme=None):
    n = len(next(iter(colonnes.values())))
    tableau = pd.DataFrame(
        {
            "etablissement": [f"e{i}" for i in range(n)],
            "entite_juridique": [f"j{i}" for i in range(n)],
            "region": ["occitanie"] * n,
            "categorie_etablissement": ["mco_public"] * n,
        }
        | colonnes
    )
    return construire_simulation(systeme or systeme_de_base(), tableau)


@st.composite
def etablissements(draw):
    n = draw(st.integers(1, 8))

    def entiers(bas, haut):
        return draw(st.lists(st.integers(bas, haut), min_size=n, max_size=n))

    def euros(bas, haut):  # montants non arrondis
        return draw(st.lists(st.floats(bas, haut, allow_nan=False), min_size=n, max_size=n))

    def taux():
        return draw(st.lists(st.floats(0, 1, allow_nan=False), min_size=n, max_size=n))

    def booleens():
        return draw(st.lists(st.booleans(), min_size=n, max_size=n))

    colonnes = {
        "est_chu": booleens(),
        "autorisation_traitement_cancer": booleens(),
        "depense_liste_en_sus_2019": euros(0, 1_200_000),
        "depense_molecules_onereuses_2019": euros(0, 300_000),
        "nombre_patients_perfadom_2019": entiers(0, 400),
        "nombre_patients_pansements_categories_ciblees_2019": entiers(0, 3000),
        "depense_phev_pansements_categories_ciblees_2019": euros(0, 120_000),
        "enveloppe_regionale_2022": [draw(st.integers(0, 500_000))] * n,
    }
    for annee in (2019, 2023):
        colonnes[f"sejours_medecine_domaines_cibles_{annee}"] = entiers(0, 4000)
        colonnes[f"sejours_chirurgie_domaines_cibles_{annee}"] = entiers(0, 3000)
        colonnes[f"sejours_ssr_{annee}"] = entiers(0, 800)
    colonnes["entretiens_chimio_orale_realises_2023"] = entiers(0, 300)
    colonnes["entretiens_chimio_orale_cible_avenant_2024"] = entiers(0, 300)
    colonnes["entretiens_autres_domaines_cible_avenant_2024"] = entiers(0, 300)
    colonnes["conciliations_realisees_2023"] = entiers(0, 2000)
    for annee in ANNEES:
        colonnes[f"enveloppe_regionale_{annee}"] = colonnes["enveloppe_regionale_2022"]
        colonnes[f"conciliations_realisees_{annee}"] = entiers(0, 2000) if annee != 2023 else colonnes["conciliations_realisees_2023"]
        colonnes[f"taux_lits_analyse_pharmaceutique_{annee}"] = taux()
        colonnes[f"entretiens_chimio_orale_cible_avenant_{annee}"] = entiers(0, 300) if annee != 2024 else colonnes["entretiens_chimio_orale_cible_avenant_2024"]
        colonnes[f"entretiens_autres_domaines_cible_avenant_{annee}"] = entiers(0, 300) if annee != 2024 else colonnes["entretiens_autres_domaines_cible_avenant_2024"]
        colonnes[f"entretiens_chimio_orale_realises_{annee}"] = entiers(0, 300) if annee != 2023 else colonnes["entretiens_chimio_orale_realises_2023"]
        colonnes[f"entretiens_autres_domaines_realises_{annee}"] = entiers(0, 300)
        colonnes[f"entretiens_etat_des_lieux_realise_{annee}"] = booleens()
        for nom in ("aapp_mpi_realisee", "aapp_perfadom_realisee", "aapp_pansements_realisee", "fichier_liste_en_sus_transmis"):
            colonnes[f"{nom}_{annee}"] = booleens()
        for indicateur in INDICATEURS:
            colonnes[f"montant_potentiel_{indicateur}_{annee}"] = draw(st.lists(st.one_of(st.just(0.0), st.floats(0.01, 20_000, allow_nan=False)), min_size=n, max_size=n))
    return colonnes


def _ameliore(colonnes: dict, annee: int, draw_gain) -> dict:
    """Le même établissement, avec un meilleur réalisé l'année évaluée (rien d'autre ne change)."""
    meilleur = {cle: list(valeurs) for cle, valeurs in colonnes.items()}
    n = len(colonnes["est_chu"])
    for nom in ("conciliations_realisees", "entretiens_chimio_orale_realises", "entretiens_autres_domaines_realises"):
        meilleur[f"{nom}_{annee}"] = [v + g for v, g in zip(colonnes[f"{nom}_{annee}"], draw_gain(n, 500))]
    cle = f"taux_lits_analyse_pharmaceutique_{annee}"
    meilleur[cle] = [min(1.0, v + g / 1000) for v, g in zip(colonnes[cle], draw_gain(n, 1000))]
    for nom in ("aapp_mpi_realisee", "aapp_perfadom_realisee", "aapp_pansements_realisee", "fichier_liste_en_sus_transmis", "entretiens_etat_des_lieux_realise"):
        meilleur[f"{nom}_{annee}"] = [v or g > 0 for v, g in zip(colonnes[f"{nom}_{annee}"], draw_gain(n, 1))]
    return meilleur


@REGLAGES
@given(etablissements())
def test_interessements_positifs_nuls_sans_atteinte_et_bornes(colonnes):
    sim = simulation(colonnes)
    for annee in ANNEES:
        for indicateur in INDICATEURS:
            gagne = sim.calculate(f"interessement_regional_{indicateur}", str(annee))
            part = sim.calculate(f"taux_atteinte_{indicateur}", str(annee))
            cible = sim.calculate(f"ciblage_{indicateur}", str(annee))
            potentiel = np.asarray(colonnes[f"montant_potentiel_{indicateur}_{annee}"])
            assert (gagne >= 0).all()
            assert ((part >= 0) & (part <= 1)).all()
            assert (gagne[(part == 0) | ~cible] == 0).all()
            saisi = potentiel > 0
            assert (gagne[saisi] <= potentiel[saisi]).all()
        # Les potentiels par défaut se partagent l'enveloppe : le total gagné ne la dépasse que des potentiels saisis.
        total = sim.calculate("interessement_regional", str(annee))
        saisis = sum(np.sum(colonnes[f"montant_potentiel_{i}_{annee}"]) for i in INDICATEURS)
        assert (total >= 0).all()
        assert total.sum() <= colonnes[f"enveloppe_regionale_{annee}"][0] + saisis + len(total) * len(INDICATEURS)


@REGLAGES
@given(etablissements(), st.sampled_from(ANNEES), st.data())
def test_un_meilleur_realise_ne_baisse_jamais_l_interessement(colonnes, annee, data):
    def gains(n, haut):
        return data.draw(st.lists(st.integers(0, haut), min_size=n, max_size=n))

    avant, apres = simulation(colonnes), simulation(_ameliore(colonnes, annee, gains))
    for indicateur in INDICATEURS:
        variable = f"interessement_regional_{indicateur}"
        assert (apres.calculate(variable, str(annee)) >= avant.calculate(variable, str(annee))).all(), indicateur


@REGLAGES
@given(etablissements())
def test_cibles_de_la_prorogation_respectent_la_regle_du_maximum(colonnes):
    sim = simulation(colonnes)
    loi = systeme_de_base().parameters
    for annee in (2025, 2026):
        regles = loi(f"{annee}-01-01").caqes.produits_sante.regionaux.conciliation.occitanie
        cible = sim.calculate("conciliation_cible", str(annee))
        sejours = sim.calculate("sejours_conciliables", str(annee))
        taux = np.where(colonnes["est_chu"], regles.taux_cible_chu, regles.taux_cible_hors_chu)
        realise_2023 = np.asarray(colonnes["conciliations_realisees_2023"])
        attendu = np.maximum(taux * sejours, realise_2023)
        assert np.allclose(cible, attendu, rtol=1e-6)
        assert (cible >= realise_2023 - 1e-3).all() and (cible >= taux * sejours - 1e-3).all()
        # Séjours de la prorogation : PMSI 2023.
        attendus = sum(np.asarray(colonnes[f"{nom}_2023"]) for nom in ("sejours_medecine_domaines_cibles", "sejours_chirurgie_domaines_cibles", "sejours_ssr"))
        assert np.allclose(sejours, attendus)
        chimio = sim.calculate("entretiens_chimio_orale_cible", str(annee))
        assert np.allclose(chimio, np.maximum(colonnes["entretiens_chimio_orale_cible_avenant_2024"], colonnes["entretiens_chimio_orale_realises_2023"]))
        autres = sim.calculate("entretiens_autres_domaines_cible", str(annee))
        assert np.allclose(autres, colonnes["entretiens_autres_domaines_cible_avenant_2024"])


def test_lecture_du_seed_001_pour_l_aapp_mpi():
    """Interprétation alternative (médecine seule) : un paramètre, pas une règle codée en dur."""

    class MedecineSeule(Reform):
        def apply(self):
            def modifier(parametres):
                parametres.caqes.produits_sante.regionaux.aapp_mpi.occitanie.inclut_chirurgie.update(start="2022-01-01", value=0)
                return parametres

            self.modify_parameters(modifier_function=modifier)

    colonnes = {
        "depense_liste_en_sus_2019": [600_000, 600_000],
        "sejours_medecine_domaines_cibles_2019": [400, 1000],
        "sejours_chirurgie_domaines_cibles_2019": [600, 0],
    }
    assert simulation(colonnes).calculate("ciblage_aapp_mpi", "2022").tolist() == [True, True]
    assert simulation(colonnes, MedecineSeule(systeme_de_base())).calculate("ciblage_aapp_mpi", "2022").tolist() == [False, True]
