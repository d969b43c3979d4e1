"""Propriétés des huit indicateurs nationaux et de l'intéressement national (CAQES 2022-2026).

- un intéressement n'est jamais négatif ;
- pas d'intéressement sans économies (économies ≤ 0 → 0) ni au-delà de la part des économies ;
- un meilleur résultat l'année N (plus d'économies, le reste égal) ne baisse jamais l'intéressement ;
- indicateurs supprimés (IEC/ARA II, ézétimibe et EPA en 2025) et CAQES abrogé (2027) : 0.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from openfisca_core.simulations import SimulationBuilder

from openfisca_caqes.systeme import systeme_de_base

N = 6  # établissements par exemple
ANNEES = st.integers(min_value=2022, max_value=2027)

# Entrées par indicateur : (variable, nature) ; les natures fixent les bornes tirées.
ENTREES = {
    "iec_ara2": [("depense_phev_ara2", "euros"), ("depense_phev_iec", "euros"), ("taux_ara2_ucd", "taux")],
    "ezetimibe": [("depense_phev_ezetimibe", "euros"), ("taux_ezetimibe_ucd", "taux")],
    "ipp": [("depense_phev_ipp", "euros"), ("nombre_boites_ipp", "nombre")],
    "perfadom": [
        ("depense_perfadom_gravite", "euros"),
        ("depense_perfadom_diffuseurs", "euros"),
        ("depense_perfadom_systemes_actifs", "euros"),
    ],
    "pansements": [
        ("depense_phev_pansements", "euros"),
        ("nombre_patients_pansements", "nombre"),
        ("montant_moyen_pansements_categorie", "euros_petits"),
    ],
    "epa": [
        ("nombre_epa", "nombre"),
        ("part_sejours_epa_inutiles", "taux"),
        ("part_actes_epa_evitables", "taux"),
        ("depense_evitable_epa_hemostase_enfant", "euros_petits"),
        ("depense_evitable_epa_hemostase_adulte", "euros"),
        ("depense_evitable_epa_groupe_sanguin", "euros_petits"),
        ("depense_evitable_epa_ionogramme", "euros_petits"),
    ],
    "insuffisance_cardiaque": [
        ("nombre_sejours_ic", "nombre"),
        ("nombre_rehospitalisations_ic", "nombre_petit"),
        ("depense_rehospitalisations_ic", "euros"),
        ("sejours_ic_premier_quartile_national", "nombre_petit"),
        ("sejours_ic_mediane_nationale", "nombre_petit"),
        ("taux_rehospitalisation_ic_mediane_nationale", "taux"),
        ("taux_rehospitalisation_ic_troisieme_quartile_national", "taux"),
    ],
    "transport_ambulance": [("depense_transport_ambulance", "euros"), ("depense_transport_assis", "euros")],
}
INDICATEURS = tuple(ENTREES)
VOLETS = {
    "iec_ara2": "produits_sante", "ezetimibe": "produits_sante", "ipp": "produits_sante",
    "perfadom": "produits_sante", "pansements": "produits_sante", "epa": "pertinence",
    "insuffisance_cardiaque": "pertinence", "transport_ambulance": "organisation_soins",
}


PARAMETRES = Path(__file__).resolve().parents[4] / "parameters"


def valeur_yaml(chemin: str, annee: int, defaut=0.0):
    """La valeur d'un paramètre au 1er janvier `annee`, lue dans son fichier YAML (pas dans le code testé) ;
    `defaut` si le fichier n'existe pas, si l'année précède la première valeur ou si la valeur est nulle."""
    fichier = PARAMETRES / f"{chemin.replace('.', '/')}.yaml"
    if not fichier.exists():
        return defaut
    valeurs = yaml.safe_load(fichier.read_text(encoding="utf-8"))["values"]
    dates = sorted(str(date) for date in valeurs if str(date) <= f"{annee}-01-01")
    if not dates:
        return defaut
    valeur = {str(date): v for date, v in valeurs.items()}[dates[-1]]["value"]
    return defaut if valeur is None else valeur


def part_en_vigueur(indicateur: str, annee: int) -> float:
    """La part des économies reversée l'année `annee` (0 si l'indicateur n'en a pas ou plus), lue dans le YAML."""
    return float(valeur_yaml(f"caqes.{VOLETS[indicateur]}.nationaux.{indicateur}.part_interessement", annee))


def arrondi(montant):
    """L'euro le plus proche, le demi-euro vers le haut (règle de la loi, réécrite ici)."""
    return np.floor(np.asarray(montant, dtype=np.float64) + 0.5)


BORNES = {  # (minimum, maximum, entier)
    "euros": (0, 2_000_000, False),
    "euros_petits": (0, 50_000, False),
    "taux": (0, 1, False),
    "nombre": (0, 30_000, True),
    "nombre_petit": (0, 300, True),
}


@st.composite
def donnees(draw):
    """Une année évaluée N et, pour chaque entrée, ses valeurs en 2019, 2023, N-1 et N.

    Hypothesis tire l'année, la graine et la part de valeurs remarquables (nulles, répétées d'une
    année sur l'autre) ; les valeurs viennent d'un générateur numpy (600 nombres par exemple).
    """
    annee = draw(ANNEES)
    rng = np.random.default_rng(draw(st.integers(min_value=0, max_value=2**32 - 1)))
    part_nulle, part_repetee = draw(st.sampled_from([0.0, 0.2])), draw(st.sampled_from([0.0, 0.3]))
    annees = sorted({2019, 2023, annee - 1, annee})
    valeurs = {}
    for indicateur in INDICATEURS:
        for variable, nature in ENTREES[indicateur]:
            minimum, maximum, entier = BORNES[nature]
            precedent = None
            valeurs[variable] = {}
            for a in annees:
                tirage = rng.uniform(minimum, maximum, N)
                tirage = np.where(rng.random(N) < part_nulle, 0, tirage)
                if precedent is not None:
                    tirage = np.where(rng.random(N) < part_repetee, precedent, tirage)
                valeurs[variable][a] = np.round(tirage) if entier else tirage
                precedent = valeurs[variable][a]
    cibles = rng.random(N) < 0.5
    return annee, valeurs, cibles


def simuler(valeurs, cibles=None, annee=None):
    simulation = SimulationBuilder().build_default_simulation(systeme_de_base(), N)
    for variable, par_annee in valeurs.items():
        for a, tableau in par_annee.items():
            simulation.set_input(variable, str(a), tableau)
    if cibles is not None:  # une décision de l'ARS impose le ciblage (colonne ciblage_* d'une population)
        for indicateur in INDICATEURS:
            simulation.set_input(f"ciblage_{indicateur}", str(annee), cibles)
    return simulation


@settings(max_examples=40, deadline=None)
@given(donnees())
def test_interessements_jamais_negatifs(exemple):
    annee, valeurs, _ = exemple
    simulation = simuler(valeurs)
    for indicateur in INDICATEURS:
        assert (simulation.calculate(f"interessement_{indicateur}", str(annee)) >= 0).all()
    assert (simulation.calculate("interessement_national", str(annee)) >= 0).all()


@settings(max_examples=40, deadline=None)
@given(donnees())
def test_pas_d_interessement_sans_economies_ni_au_dela_de_la_part(exemple):
    annee, valeurs, cibles = exemple
    simulation = simuler(valeurs, cibles, annee)
    for indicateur in INDICATEURS:
        economie = simulation.calculate(f"economie_{indicateur}", str(annee)).astype(np.float64)
        interessement = simulation.calculate(f"interessement_{indicateur}", str(annee))
        assert (interessement[economie <= 0] == 0).all(), indicateur
        assert (interessement <= arrondi(part_en_vigueur(indicateur, annee) * np.maximum(economie, 0))).all(), indicateur
        assert (interessement[~cibles] == 0).all(), indicateur


def _meilleur_resultat(valeurs, annee, gain):
    """Les mêmes données, avec un meilleur résultat l'année N (dépenses plus basses, moins d'ambulance)."""
    meilleures = {variable: dict(par_annee) for variable, par_annee in valeurs.items()}

    def baisser(variable, facteur):
        meilleures[variable][annee] = valeurs[variable][annee] * facteur

    facteur = 1 - gain
    for variable in (
        "depense_phev_ara2", "depense_phev_iec", "depense_phev_ezetimibe", "depense_phev_ipp",
        "depense_perfadom_gravite", "depense_perfadom_diffuseurs", "depense_perfadom_systemes_actifs",
        "depense_phev_pansements", "depense_evitable_epa_hemostase_enfant", "depense_evitable_epa_hemostase_adulte",
        "depense_evitable_epa_groupe_sanguin", "depense_evitable_epa_ionogramme", "depense_rehospitalisations_ic",
    ):
        baisser(variable, facteur)
    # Transport : M2 inchangé, une part des trajets passe de l'ambulance au transport assis.
    transfert = valeurs["depense_transport_ambulance"][annee] * gain
    meilleures["depense_transport_ambulance"][annee] = valeurs["depense_transport_ambulance"][annee] - transfert
    meilleures["depense_transport_assis"][annee] = valeurs["depense_transport_assis"][annee] + transfert
    return meilleures


@settings(max_examples=40, deadline=None)
@given(donnees(), st.floats(min_value=0.01, max_value=0.9))
def test_un_meilleur_resultat_ne_baisse_jamais_l_interessement(exemple, gain):
    annee, valeurs, cibles = exemple
    base = simuler(valeurs, cibles, annee)
    meilleur = simuler(_meilleur_resultat(valeurs, annee, gain), cibles, annee)
    for indicateur in INDICATEURS:
        avant = base.calculate(f"interessement_{indicateur}", str(annee))
        apres = meilleur.calculate(f"interessement_{indicateur}", str(annee))
        assert (apres >= avant).all(), (indicateur, avant, apres)
        economie_avant = base.calculate(f"economie_{indicateur}", str(annee)).astype(np.float64)
        economie_apres = meilleur.calculate(f"economie_{indicateur}", str(annee)).astype(np.float64)
        assert (economie_apres >= economie_avant - 1e-3 * np.abs(economie_avant) - 1).all(), indicateur
    assert (meilleur.calculate("interessement_national", str(annee)) >= base.calculate("interessement_national", str(annee))).all()


@settings(max_examples=25, deadline=None)
@given(donnees())
def test_indicateurs_supprimes_et_caqes_abroge(exemple):
    _, valeurs, cibles = exemple
    for annee in (2025, 2026, 2027):
        simulation = simuler(valeurs, None, annee)
        for indicateur in ("iec_ara2", "ezetimibe", "epa"):
            assert not simulation.calculate(f"ciblage_{indicateur}", str(annee)).any()
            assert (simulation.calculate(f"interessement_{indicateur}", str(annee)) == 0).all()
    simulation = simuler(valeurs, None, 2027)
    for indicateur in INDICATEURS:
        assert not simulation.calculate(f"ciblage_{indicateur}", "2027").any()
        assert (simulation.calculate(f"interessement_{indicateur}", "2027") == 0).all()
    assert (simulation.calculate("interessement_national", "2027") == 0).all()
    # IEC/ARA II : même imposé par une décision, aucun intéressement (supprimé pour 2022).
    simulation = simuler(valeurs, cibles, 2022)
    assert (simulation.calculate("interessement_iec_ara2", "2022") == 0).all()


def _economies_attendues(valeurs, annee):
    """Économies recalculées ici, depuis les données et les paramètres YAML : baisse de la dépense
    (IPP, ézétimibe, IC) et formule du transport en ambulance (seed ARS Occitanie, fin 2021)."""
    precedente, courante = annee - 1, annee

    def baisse(variable):
        return valeurs[variable][precedente] - valeurs[variable][courante]

    def part_ambulance(a):
        ambulance, assis = valeurs["depense_transport_ambulance"][a], valeurs["depense_transport_assis"][a]
        total = ambulance + assis
        return np.divide(ambulance, total, out=np.zeros_like(total), where=total > 0), total

    r1, _ = part_ambulance(precedente)
    r2, m2 = part_ambulance(courante)
    chemin = "caqes.organisation_soins.nationaux.transport_ambulance"
    ambulance, assis = valeur_yaml(f"{chemin}.cout_moyen_trajet_ambulance", annee), valeur_yaml(f"{chemin}.cout_moyen_trajet_assis", annee)
    return {
        "ipp": baisse("depense_phev_ipp"),
        "ezetimibe": baisse("depense_phev_ezetimibe"),
        "insuffisance_cardiaque": baisse("depense_rehospitalisations_ic"),
        "transport_ambulance": (r1 - r2) * m2 * (ambulance - assis) / assis,
    }


@settings(max_examples=40, deadline=None)
@given(donnees())
def test_interessement_exact_au_centime_calcule_independamment(exemple):
    """Établissements ciblés par décision (colonnes ciblage_*), sous contrat : intéressement = arrondi à l'euro
    de part × économies positives, part et coûts lus dans les YAML, économies recalculées ici ; IC : nul
    si la baisse des patients réhospitalisés est exigée (YAML) et absente."""
    annee, valeurs, cibles = exemple
    simulation = simuler(valeurs, cibles, annee)
    chemin_ic = "caqes.pertinence.nationaux.insuffisance_cardiaque.exige_baisse_patients_rehospitalises"
    patients = valeurs["nombre_rehospitalisations_ic"]
    condition_ic = (patients[annee - 1] > patients[annee]) | (valeur_yaml(chemin_ic, annee) == 0)
    for indicateur, economie in _economies_attendues(valeurs, annee).items():
        attendu = cibles * arrondi(part_en_vigueur(indicateur, annee) * np.maximum(economie, 0))
        if indicateur == "insuffisance_cardiaque":
            attendu = attendu * condition_ic
        calcule = simulation.calculate(f"interessement_{indicateur}", str(annee))
        np.testing.assert_array_equal(calcule, attendu, err_msg=f"{indicateur} {annee}")
        np.testing.assert_allclose(
            simulation.calculate(f"economie_{indicateur}", str(annee)), economie, rtol=0, atol=0.005, err_msg=indicateur
        )
