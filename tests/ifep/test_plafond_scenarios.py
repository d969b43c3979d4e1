"""Chaque scénario livré, sur la population embarquée : la pénalité de l'IFEP ne dépasse jamais 2 % de son assiette, exactement.

L'assiette et le taux sont lus dans les fichiers (population CSV, parameters/**.yaml,
reforms/scenarios/<nom>.yaml), pas dans le code sous test ; la comparaison se fait en fractions
exactes, au centime près et en deçà : penalite ≤ taux × assiette, sans aucune tolérance.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from loi_yaml import montant, taux, valeur

from openfisca_caqes.population import charger_population
from openfisca_caqes.population.defaut import chemin_population_defaut
from openfisca_caqes.scenarios import charger_scenario, scenarios_disponibles

ANNEES = ("2027", "2028")


@pytest.fixture(scope="module")
def population():
    return pd.read_csv(chemin_population_defaut())


@pytest.mark.parametrize("scenario", scenarios_disponibles())
def test_penalite_jamais_au_dessus_du_plafond_legal(population, scenario):
    simulation = charger_population(charger_scenario(scenario), chemin_population_defaut())
    mesurees = 0
    for annee in ANNEES:
        date = f"{annee}-01-01"
        taux_plafond = taux(valeur("ifep.penalite.taux_plafond", date, scenario))
        toutes_sources = valeur("ifep.penalite.assiette_toutes_sources", date, scenario) == 1
        commun = valeur("ifep.penalite.plafond_commun", date, scenario) == 1
        colonne = "financements_totaux" if toutes_sources else "financement_assurance_maladie_total"
        assiette = population[f"{colonne}_{annee}"].to_numpy(np.float64)
        penalite = simulation.calculate("ifep_penalite", annee)
        efficience = simulation.calculate("ifep_penalite_efficience", annee)
        atypie = simulation.calculate("ifep_penalite_atypie", annee)
        assert (efficience >= 0).all() and (atypie >= 0).all()
        assert (efficience + atypie == penalite).all()
        for i, base in enumerate(assiette):
            plafond = taux_plafond * montant(base)
            assert Fraction(int(efficience[i])) <= plafond, (scenario, annee, i)
            assert Fraction(int(atypie[i])) <= plafond, (scenario, annee, i)
            assert Fraction(int(penalite[i])) <= (plafond if commun else 2 * plafond), (scenario, annee, i)
        mesurees += int((penalite > 0).sum())
    if scenario not in ("incitatif", "caqes_2025_prolonge"):
        assert mesurees > 0, f"{scenario} : aucune pénalité sur 2027-2028 — la propriété n'a rien vérifié"
