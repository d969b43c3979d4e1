"""Indicateur national : prescriptions d'inhibiteurs de la pompe à protons (IPP) exécutées en ville."""

from openfisca_core import periods
from openfisca_core.periods import DateUnit

from openfisca_caqes.base import Variable
from openfisca_caqes.entities import Etablissement
from openfisca_caqes.formules import baisse_annuelle, part_des_economies, reciblage_prorogation

SOURCE = "ARS Occitanie 2021, présentation du nouveau CAQES, « ↘ Indicateur national : Prescription des IPP en PHEV »"
SOURCE_PROROGATION = "ARS Occitanie 2024, avenant de prorogation, « Avenant de prorogation », indicateurs nationaux : IPP maintenu"


class depense_phev_ipp(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Dépense remboursée d'IPP prescrits par l'établissement et exécutés en ville (PHEV)"
    reference = SOURCE
    documentation = "Données Assurance maladie (PHEV). Assiette des économies de l'indicateur IPP."


class nombre_boites_ipp(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "nombre"
    label = "Nombre de boîtes d'IPP prescrites par l'établissement et délivrées en ville (PHEV)"
    reference = SOURCE
    documentation = "Données Assurance maladie (PHEV), lues sur l'année de référence du pré-ciblage."


class ciblage_ipp(Variable):
    value_type = bool
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "Établissement ciblé sur l'indicateur national IPP"
    reference = [SOURCE, SOURCE_PROROGATION]
    documentation = "Pré-ciblage national : boîtes d'IPP de l'année de référence au moins égales au seuil."

    def formula_2022_01_01(etablissement, period, parameters):
        """Ciblé si, l'année de référence, le nombre de boîtes d'IPP prescrites atteint le seuil national."""
        regles = parameters(period).caqes.produits_sante.nationaux.ipp
        reference = periods.period(int(regles.annee_reference_ciblage))
        return etablissement("nombre_boites_ipp", reference) >= regles.nombre_boites_minimum

    def formula_2025_01_01(etablissement, period, parameters):
        """Re-ciblage de la prorogation : mêmes seuils sur les données 2023, sans nouvel établissement si le paramètre l'exclut."""
        recalcule = ciblage_ipp.formula_2022_01_01(etablissement, period, parameters)
        return reciblage_prorogation(etablissement, period, parameters, "ipp", recalcule)

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()


class economie_ipp(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Économies sur les IPP prescrits (dépense PHEV de l'année précédente moins celle de l'année), en euros"
    reference = SOURCE
    documentation = "Peut être négatif (dépense en hausse). Calculé pour toute année de données, y compris pour l'IFEP."

    def formula_2018_01_01(etablissement, period):
        """Économies : dépense d'IPP prescrits de l'année précédente moins celle de l'année."""
        return baisse_annuelle(etablissement, "depense_phev_ipp", period)


class interessement_ipp(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Intéressement de l'indicateur national IPP (euros)"
    reference = [SOURCE, SOURCE_PROROGATION]
    documentation = "Part des économies de l'année, pour un établissement ciblé dont les économies sont positives ; arrondi à l'euro."

    def formula_2022_01_01(etablissement, period, parameters):
        """La part d'intéressement de l'indicateur (paramètre part_interessement) appliquée aux économies positives d'un établissement ciblé sous contrat, à l'euro."""
        part = parameters(period).caqes.produits_sante.nationaux.ipp.part_interessement
        return part_des_economies(etablissement, "ipp", period, part)

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()
