"""Outils communs des tests des fondations : une petite population valide, calculable à la main."""

from __future__ import annotations

import pandas as pd
import pytest
from donnees_fondations import population_valide
from openfisca_core.periods import DateUnit
from openfisca_core.variables import Variable

from openfisca_caqes.commandes import simulate
from openfisca_caqes.entities import Etablissement
from openfisca_caqes.population import schema
from openfisca_caqes.systeme import systeme_de_base


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "lent: test lent (construction et installation du paquet) ; lancé par défaut, écarter avec -m 'not lent'"
    )


@pytest.fixture
def population() -> pd.DataFrame:
    return population_valide()


@pytest.fixture
def colonne_taux(monkeypatch) -> str:
    """Une colonne de taux (unité « /1 ») : celle de la loi s'il y en a une, sinon une variable
    d'essai ajoutée à une copie du système (le contrôle des bornes dépend de l'unité seule)."""
    systeme = systeme_de_base()
    taux = sorted(c.variable for c in schema(systeme).values() if c.unite == "/1" and c.annuelle and not c.surcharge)
    if taux:
        return f"{taux[0]}_2024"

    class taux_essai(Variable):
        value_type = float
        entity = Etablissement
        definition_period = DateUnit.YEAR
        unit = "/1"
        label = "Taux d'essai"

    copie = systeme.clone()
    copie.add_variable(taux_essai)
    monkeypatch.setattr(simulate, "systeme_de_base", lambda: copie)
    return "taux_essai_2024"
