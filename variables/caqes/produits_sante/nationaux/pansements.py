"""Indicateur national : prescriptions de pansements exécutées en ville (PHEV)."""

import numpy
from openfisca_core import periods
from openfisca_core.periods import DateUnit

from openfisca_caqes.base import Variable
from openfisca_caqes.entities import Etablissement
from openfisca_caqes.formules import baisse_annuelle, part_des_economies, reciblage_prorogation

SOURCE = "ARS Occitanie 2021, présentation du nouveau CAQES, « ↘ Indicateur national : Prescriptions de pansements »"
SOURCE_PROROGATION = "ARS Occitanie 2024, avenant de prorogation, « Avenant de prorogation », indicateurs nationaux : prescription de pansements maintenue"


class depense_phev_pansements(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Dépense remboursée de pansements prescrits par l'établissement et délivrés en ville (PHEV)"
    reference = SOURCE


class nombre_patients_pansements(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "nombre"
    label = "Nombre de patients ayant une dépense PHEV de pansements prescrits par l'établissement"
    reference = SOURCE


class montant_moyen_pansements_categorie(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Montant moyen national de pansements par patient de la catégorie de l'établissement (donnée Assurance maladie)"
    reference = SOURCE
    documentation = "Moyenne nationale de la catégorie d'établissement, fournie par l'Assurance maladie : même valeur pour les établissements d'une catégorie."


class montant_moyen_pansements_patient(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Montant moyen de pansements par patient prescrits par l'établissement"
    reference = SOURCE
    documentation = "Dépense PHEV de pansements divisée par le nombre de patients ; nul sans patient."

    def formula(etablissement, period):
        """Dépense de pansements prescrits / patients ; 0 sans patient."""
        depense = etablissement("depense_phev_pansements", period)
        patients = etablissement("nombre_patients_pansements", period)
        return numpy.divide(depense, patients, out=numpy.zeros(len(depense)), where=patients > 0)


class ciblage_pansements(Variable):
    value_type = bool
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "Établissement ciblé sur l'indicateur national pansements"
    reference = [SOURCE, SOURCE_PROROGATION]
    documentation = (
        "Pré-ciblage national, sur l'année de référence : plus de patients que le seuil, et un montant moyen "
        "par patient dépassant de plus de l'écart fixé la moyenne de la catégorie d'établissement."
    )

    def formula_2022_01_01(etablissement, period, parameters):
        """Ciblé si, l'année de référence, le nombre de patients et le montant moyen par patient atteignent les seuils nationaux."""
        regles = parameters(period).caqes.produits_sante.nationaux.pansements
        reference = periods.period(int(regles.annee_reference_ciblage))
        patients = etablissement("nombre_patients_pansements", reference)
        moyenne = etablissement("montant_moyen_pansements_patient", reference)
        moyenne_categorie = etablissement("montant_moyen_pansements_categorie", reference)
        surcout = moyenne > (1 + regles.surcout_moyen_categorie_seuil) * moyenne_categorie
        return (patients > regles.nombre_patients_seuil) * surcout

    def formula_2025_01_01(etablissement, period, parameters):
        """Re-ciblage de la prorogation : mêmes seuils sur les données 2023, sans nouvel établissement si le paramètre l'exclut."""
        recalcule = ciblage_pansements.formula_2022_01_01(etablissement, period, parameters)
        return reciblage_prorogation(etablissement, period, parameters, "pansements", recalcule)

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()


class economie_pansements(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Économies sur les pansements prescrits : (montant moyen par patient de l'année précédente − de l'année) × patients de l'année, en euros"
    reference = SOURCE
    documentation = "Le seed écrit l'indicateur dans l'autre sens (année moins année précédente) ; les économies en sont l'opposé. Peut être négatif."

    def formula_2018_01_01(etablissement, period):
        """Économies : baisse du montant moyen par patient depuis l'année précédente × patients de l'année."""
        baisse = baisse_annuelle(etablissement, "montant_moyen_pansements_patient", period)
        return baisse * etablissement("nombre_patients_pansements", period)


class interessement_pansements(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Intéressement de l'indicateur national pansements (euros)"
    reference = [SOURCE, SOURCE_PROROGATION]
    documentation = "Part des économies de l'année pour un établissement ciblé aux économies positives ; arrondi à l'euro."

    def formula_2022_01_01(etablissement, period, parameters):
        """La part d'intéressement de l'indicateur (paramètre part_interessement) appliquée aux économies positives d'un établissement ciblé sous contrat, à l'euro."""
        part = parameters(period).caqes.produits_sante.nationaux.pansements.part_interessement
        return part_des_economies(etablissement, "pansements", period, part)

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()
