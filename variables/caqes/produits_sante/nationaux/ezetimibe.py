"""Indicateur national : ézétimibe et associations en PHEV (supprimé à la prorogation)."""

from openfisca_core import periods
from openfisca_core.periods import DateUnit

from openfisca_caqes.base import Variable
from openfisca_caqes.entities import Etablissement
from openfisca_caqes.formules import baisse_annuelle, part_des_economies

SOURCE = "ARS Occitanie 2021, présentation du nouveau CAQES, « ↘ Indicateur national : Prescription d'Ezétimibe et associations en PHEV »"
SOURCE_SUPPRESSION = "ARS Île-de-France et Assurance Maladie, webinaire du 2 octobre 2024, « Ce qui change à compter du 1er janvier » : suppression des indicateurs EPA et Ezetimibe"


class depense_phev_ezetimibe(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Dépense remboursée d'ézétimibe (et associations) prescrit par l'établissement et exécuté en ville (PHEV)"
    reference = SOURCE


class taux_ezetimibe_ucd(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = "Taux de prescription d'ézétimibe en unités communes de dispensation (UCD)"
    reference = SOURCE
    documentation = "Données Assurance maladie (PHEV), en volumes."


class ciblage_ezetimibe(Variable):
    value_type = bool
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "Établissement ciblé sur l'indicateur national ézétimibe"
    reference = [SOURCE, SOURCE_SUPPRESSION]
    documentation = "Pré-ciblage national : taux en UCD et dépense de l'année de référence au moins égaux aux seuils."

    def formula_2022_01_01(etablissement, period, parameters):
        """Ciblé si, l'année de référence, le taux d'ézétimibe et la dépense prescrite atteignent les seuils nationaux."""
        regles = parameters(period).caqes.produits_sante.nationaux.ezetimibe
        reference = periods.period(int(regles.annee_reference_ciblage))
        taux = etablissement("taux_ezetimibe_ucd", reference)
        depense = etablissement("depense_phev_ezetimibe", reference)
        return (taux >= regles.taux_ezetimibe_minimum) * (depense >= regles.depense_minimum)

    def formula_2025_01_01(etablissement, period):
        """Nul à partir de 2025 : l'avenant de prorogation retire cet indicateur."""
        return etablissement.empty_array()


class economie_ezetimibe(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Économies sur l'ézétimibe prescrit (dépense PHEV de l'année précédente moins celle de l'année), en euros"
    reference = SOURCE
    documentation = "Peut être négatif. Calculé pour toute année de données, y compris après la suppression de l'indicateur."

    def formula_2018_01_01(etablissement, period):
        """Économies : dépense d'ézétimibe prescrit de l'année précédente moins celle de l'année."""
        return baisse_annuelle(etablissement, "depense_phev_ezetimibe", period)


class interessement_ezetimibe(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Intéressement de l'indicateur national ézétimibe (euros)"
    reference = [SOURCE, SOURCE_SUPPRESSION]
    documentation = "Part des économies de l'année pour un établissement ciblé aux économies positives ; nul après la suppression."

    def formula_2022_01_01(etablissement, period, parameters):
        """La part d'intéressement de l'indicateur (paramètre part_interessement) appliquée aux économies positives d'un établissement ciblé sous contrat, à l'euro."""
        part = parameters(period).caqes.produits_sante.nationaux.ezetimibe.part_interessement
        return part_des_economies(etablissement, "ezetimibe", period, part)

    def formula_2025_01_01(etablissement, period):
        """Nul à partir de 2025 : l'avenant de prorogation retire cet indicateur."""
        return etablissement.empty_array()
