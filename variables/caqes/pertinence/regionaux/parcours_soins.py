"""Indicateur régional « Parcours de soins » : post-AVC, insuffisance cardiaque et BPCO réunis."""

from openfisca_core.periods import DateUnit

from openfisca_caqes.base import Variable
from openfisca_caqes.entities import Etablissement


class ciblage_parcours_soins(Variable):
    value_type = bool
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "Ciblé sur au moins un parcours de soins régional (post-AVC, IC ou BPCO)"
    reference = "ARS Occitanie 2024, avenant de prorogation, « Avenant 2024 pour les années 2025-2026 » : « Parcours de soins (Post-AVC, IC et BPCO) »"

    def formula_2023_01_01(etablissement, period):
        """Vrai si l'établissement est ciblé sur au moins un parcours régional : post-AVC, IC ou BPCO."""
        return (
            etablissement("ciblage_parcours_avc", period)
            | etablissement("ciblage_parcours_ic", period)
            | etablissement("ciblage_parcours_bpco", period)
        )

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()
