"""Ce que partagent les vérifications des planchers : la population du générateur, et une loi variante."""

from __future__ import annotations

import pytest

from openfisca_caqes.population import generation
from openfisca_caqes.scenarios import charger_scenario
from openfisca_caqes.systeme import systeme_de_base

N = 1_000


@pytest.fixture(scope="session")
def population():
    return generation.generer(N)


@pytest.fixture
def variante(tmp_path):
    """`variante(parametres)` : la loi de référence, ou un scénario écrit à la volée (texte YAML de `parametres:`)."""

    def systeme(parametres: str | None):
        if parametres is None:
            return systeme_de_base()
        fichier = tmp_path / "variante.yaml"
        fichier.write_text(f"titre: variante du banc\ndescription: test\nparametres:\n{parametres}", encoding="utf-8")
        return charger_scenario(fichier)

    return systeme
