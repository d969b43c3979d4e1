"""Les détenteurs (holders) d'une simulation, lus par l'API publique d'OpenFisca (`get_holder`), jamais par `_holders`."""

from __future__ import annotations

from collections.abc import Iterator


def detenteurs(simulation) -> Iterator[tuple[str, str, object]]:
    """(clé de population, nom de variable, holder) de chaque variable du système de la simulation, par entité.

    `population.get_holder` crée un holder vide pour une variable encore jamais lue : sans effet sur
    les résultats (aucune période connue), et quelques centaines de variables au plus.
    """
    variables = simulation.tax_benefit_system.variables
    for cle, population in simulation.populations.items():
        entite = population.entity.key
        for nom, variable in variables.items():
            if variable.entity.key == entite:
                yield cle, nom, population.get_holder(nom)
