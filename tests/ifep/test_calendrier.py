"""Le calendrier de l'IFEP est fait de paramètres datés : chaque drapeau commande son mécanisme, seul."""

from __future__ import annotations

import textwrap

import numpy as np
from loi_yaml import valeur
from openfisca_core.simulations import SimulationBuilder

from openfisca_caqes.scenarios import charger_scenario
from openfisca_caqes.systeme import systeme_de_base


def simulation(systeme, economie_ipp: float, economie_ambulance: float):
    constructeur = SimulationBuilder()
    constructeur.create_entities(systeme)
    constructeur.declare_person_entity("etablissement", np.array(["a"]))
    for cle in ("entite_juridique", "region"):
        groupe = constructeur.declare_entity(cle, np.array(["g"]))
        constructeur.join_with_persons(groupe, np.array(["g"]), np.zeros(1, dtype=np.int16))
    resultat = constructeur.build(systeme)
    resultat.set_input("categorie_etablissement", "ETERNITY", np.array(["mco_public"]))
    for annee in ("2026", "2027"):
        resultat.set_input("financements_totaux", annee, np.array([1_000_000.0]))
        resultat.set_input("economie_ipp", annee, np.array([economie_ipp]))
        resultat.set_input("economie_transport_ambulance", annee, np.array([economie_ambulance]))
    return resultat


def test_dotation_suspendue_par_son_seul_drapeau(tmp_path):
    """dotation_complementaire = 0 en 2027 : pas de dotation, mais le champ et la pénalité restent (drapeau penalites)."""
    chemin = tmp_path / "sans_dotation.yaml"
    chemin.write_text(textwrap.dedent("""
        titre: Sans dotation
        description: La dotation suspendue, les pénalités maintenues.
        parametres:
          ifep.calendrier.dotation_complementaire:
            2027-01-01: 0
    """), encoding="utf-8")
    part_ipp = valeur("ifep.dotation_complementaire.part_economies.ipp", "2027-01-01")
    derive_ambulance = valeur("ifep.penalite.part_derive.transport_ambulance", "2027-01-01")
    base = simulation(systeme_de_base(), 10_000.0, -3_000.0)
    suspendue = simulation(charger_scenario(chemin), 10_000.0, -3_000.0)
    assert base.calculate("ifep_dotation_complementaire", "2027")[0] == round(part_ipp * 10_000)
    assert suspendue.calculate("ifep_dotation_complementaire", "2027")[0] == 0
    assert suspendue.calculate("ifep_dans_champ", "2027")[0]
    assert suspendue.calculate("ifep_penalite", "2027")[0] == round(derive_ambulance * 3_000)


def test_chaque_annee_2018_2028_a_une_regle_et_une_seule():
    """Couverture temporelle (à la Catala) : à chaque trimestre, chaque drapeau a une valeur 0/1 ou n'existe pas encore."""
    parametres = systeme_de_base().parameters
    for annee in range(2018, 2029):
        for mois in ("01", "04", "07", "10"):
            calendrier = parametres(f"{annee}-{mois}-01").ifep.calendrier
            for drapeau in ("dotation_complementaire", "objectifs_atypie", "penalites"):
                attendu = valeur(f"ifep.calendrier.{drapeau}", f"{annee}-{mois}-01")
                present = drapeau in calendrier
                assert present == (attendu is not None), (drapeau, annee, mois)
                if present:
                    assert calendrier[drapeau] == attendu in (0, 1)
