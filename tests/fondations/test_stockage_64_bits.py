"""Montants exacts : toutes les variables sont stockées sur 64 bits (docs/conventions.md, « Exact money »).

openfisca-core 46 stocke `float` en float32 et `int` en int32 (openfisca-core#1378). Ces tests
échouent si une variable, du système de référence ou d'un scénario, retombe en 32 bits, et
vérifient l'exactitude à l'échelle de 10 milliards d'euros sur le chemin entrée → formule → somme.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from openfisca_core.simulations import SimulationBuilder

from openfisca_caqes.systeme import systeme_de_base

SCENARIOS = sorted(p.stem for p in (Path(__file__).resolve().parents[2] / "reforms" / "scenarios").glob("*.yaml"))


def _stockages_trop_etroits(systeme) -> list[str]:
    attendu = {float: np.dtype(np.float64), int: np.dtype(np.int64)}
    return sorted(
        f"{nom} ({variable.dtype})"
        for nom, variable in systeme.variables.items()
        if variable.value_type in attendu and np.dtype(variable.dtype) != attendu[variable.value_type]
    )


def test_toutes_les_variables_du_systeme_de_reference_sont_sur_64_bits():
    systeme = systeme_de_base()
    nombres = [v for v in systeme.variables.values() if v.value_type in (float, int)]
    assert len(nombres) > 200  # le test porte bien sur les montants, taux et effectifs
    assert _stockages_trop_etroits(systeme) == []


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_les_variables_des_scenarios_sont_sur_64_bits(scenario):
    from openfisca_caqes.comparaison import systeme_du_scenario

    assert _stockages_trop_etroits(systeme_du_scenario(scenario)) == []


def _simulation(produits: list[float], refus: list[bool], annee: str = "2025"):
    etablissements = {
        f"e{i}": {
            "categorie_etablissement": {"ETERNITY": "mco_public"},
            "produits_assurance_maladie": {str(int(annee) - 1): montant, annee: montant},
            "refus_signature": {annee: r},
        }
        for i, (montant, r) in enumerate(zip(produits, refus))
    }
    situation = {
        "etablissements": etablissements,
        "entites_juridiques": {f"ej{i}": {"etablissements": [f"e{i}"]} for i in range(len(produits))},
        "regions": {"occitanie": {"etablissements": list(etablissements)}},
    }
    return SimulationBuilder().build_from_entities(systeme_de_base(), situation)


def test_un_produit_au_centime_se_relit_exactement():
    """459 534 580,30 € se relisait 459 534 592 € en float32."""
    simulation = _simulation([459_534_580.30], [False])
    relu = simulation.calculate("produits_assurance_maladie", "2025")
    assert relu.dtype == np.float64
    assert relu[0] == 459_534_580.30


def test_une_enveloppe_de_trois_milliards_ne_deborde_pas():
    """3 000 000 000 € (au-delà de 2^31) devenait −2 147 483 648 en int32."""
    simulation = _simulation([1e6], [False])
    simulation.set_input("enveloppe_regionale", "2025", np.array([3_000_000_000]))
    enveloppe = simulation.calculate("enveloppe_regionale", "2025")
    assert enveloppe.dtype == np.int64
    assert enveloppe[0] == 3_000_000_000


def test_penalite_de_refus_exacte_a_10_milliards():
    """1 % de 1 234 567 850 € = 12 345 678,50 € → 12 345 679 € (demi-euro vers le haut) ;
    1 % de 9 999 999 999,99 € = 99 999 999,9999 € → 100 000 000 € ; la somme est exacte.
    (1 % de 1 234 567 850 € sortait 1 € trop court en float32.)"""
    produits = [1_234_567_850.0, 9_999_999_999.99, 3e11 / 30]
    simulation = _simulation(produits, [True, True, True])
    penalite = simulation.calculate("penalite_refus_signature", "2025")
    assert penalite.dtype == np.int64
    assert penalite.tolist()[:2] == [12_345_679, 100_000_000]
    assert penalite[2] == 100_000_000  # 1 % de 10 000 000 000 €
    assert int(penalite.sum()) == 12_345_679 + 100_000_000 + 100_000_000
