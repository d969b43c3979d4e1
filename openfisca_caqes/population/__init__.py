"""Populations d'établissements : schéma, chargement, génération synthétique."""

from openfisca_caqes.population.chargement import (
    ErreurPopulation,
    charger_population,
    construire_simulation,
    lire_tableau,
)
from openfisca_caqes.population.schema import Colonne, schema

__all__ = [
    "Colonne",
    "ErreurPopulation",
    "charger_population",
    "construire_simulation",
    "lire_tableau",
    "schema",
]
