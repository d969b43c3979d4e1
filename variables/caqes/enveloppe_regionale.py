"""L'enveloppe régionale fermée : ce qui est gagné, ce qui est versé, ce qui reste."""

import numpy as np
from openfisca_core.periods import DateUnit
from openfisca_core.variables import Variable

from openfisca_caqes.entities import Etablissement, Region
from openfisca_caqes.repartition import repartir


class enveloppe_regionale(Variable):
    value_type = int
    entity = Region
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Enveloppe régionale fermée des intéressements régionaux de l'année évaluée (euros)"
    reference = "Art. L.162-30-4 CSS (FIR jusqu'en 2024, puis dotation de l'art. L.162-22-4) ; seeds 001 et 002"
    documentation = "L'enveloppe qui paie, en N+1, les résultats de l'année N (année de performance)."


class interessement_regional_demande(Variable):
    value_type = int
    entity = Region
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Somme des intéressements régionaux gagnés dans la région, avant enveloppe (euros)"

    def formula_2022_01_01(region, period):
        return region.sum(region.members("interessement_regional", period))


class interessement_regional_verse(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Intéressement régional versé, après application de l'enveloppe régionale (euros)"
    reference = "seed 002 : enveloppe régionale fermée ; art. D.162-16 V CSS (LEGIARTI000044102658)"

    def formula_2022_01_01(etablissement, period, parameters):
        regles = parameters(period).caqes.enveloppe_regionale
        regions = etablissement.simulation.populations["region"]
        enveloppe = regions("enveloppe_regionale", period)
        return repartir(
            etablissement("interessement_regional", period),
            regions.members_entity_id,
            enveloppe,
            plafond=regles.plafond_part_enveloppe * enveloppe[regions.members_entity_id],
            integrale=bool(regles.repartition_integrale),
        )

    def formula_2027_01_01(etablissement, period):
        return etablissement.empty_array()


class interessement_regional_verse_region(Variable):
    value_type = int
    entity = Region
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Intéressements régionaux versés dans la région (euros)"

    def formula_2022_01_01(region, period):
        return region.sum(region.members("interessement_regional_verse", period))


class enveloppe_regionale_reliquat(Variable):
    value_type = int
    entity = Region
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Reliquat de l'enveloppe régionale non versé (euros)"

    def formula_2022_01_01(region, period):
        return region("enveloppe_regionale", period) - region("interessement_regional_verse_region", period)


class coefficient_enveloppe_regionale(Variable):
    value_type = float
    entity = Region
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = "Coefficient appliqué aux intéressements régionaux gagnés (1 : versés en entier)"

    def formula_2022_01_01(region, period):
        demande = region("interessement_regional_demande", period)
        verse = region("interessement_regional_verse_region", period)
        return np.where(demande > 0, verse / np.maximum(demande, 1), 1.0)
