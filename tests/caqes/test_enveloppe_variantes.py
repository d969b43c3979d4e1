"""Les variantes de l'enveloppe régionale, choisies par un scénario YAML (sans Python)."""

import pandas as pd

from openfisca_caqes.population import construire_simulation
from openfisca_caqes.scenarios import charger_scenario

POPULATION = pd.DataFrame(
    {
        "etablissement": ["a", "b", "c"],
        "entite_juridique": ["ej1", "ej1", "ej2"],
        "region": ["occitanie"] * 3,
        "categorie_etablissement": ["mco_public", "mco_public", "mco_prive"],
        "enveloppe_regionale_2024": [100_000] * 3,
    }
)
GAGNES = [300_000, 100_000, 100_000]


def _verse(tmp_path, parametres: str):
    fichier = tmp_path / "variante.yaml"
    fichier.write_text(f"titre: variante\ndescription: test\nparametres:\n{parametres}", encoding="utf-8")
    simulation = construire_simulation(charger_scenario(fichier), POPULATION)
    simulation.set_input("interessement_regional", "2024", GAGNES)
    return simulation.calculate("interessement_regional_verse", "2024").tolist()


def test_plafond_par_etablissement(tmp_path):
    """Plafond 40 % de 100 000 € : au prorata a = 60 000, plafonné à 40 000 ; les 60 000 € restants
    vont à b et c à parts égales (30 000 chacun) ; somme = 100 000 €."""
    verse = _verse(tmp_path, "  caqes.enveloppe_regionale.plafond_part_enveloppe:\n    2022-01-01: 0.4\n")
    assert verse == [40_000, 30_000, 30_000]


def test_repartition_integrale_par_valeur_du_point(tmp_path):
    """Gagnés 500 000 € pour 100 000 € : réduits au prorata (60 000 / 20 000 / 20 000) dans les deux
    règles ; avec une enveloppe de 1 000 000 €, la valeur du point vaut 1 000 000 / 500 000 = 2."""
    assert _verse(tmp_path, "  caqes.enveloppe_regionale.repartition_integrale:\n    2022-01-01: 1\n") == [
        60_000, 20_000, 20_000,
    ]
    POPULATION["enveloppe_regionale_2024"] = 1_000_000
    try:
        verse = _verse(tmp_path, "  caqes.enveloppe_regionale.repartition_integrale:\n    2022-01-01: 1\n")
    finally:
        POPULATION["enveloppe_regionale_2024"] = 100_000
    assert verse == [600_000, 200_000, 200_000]
