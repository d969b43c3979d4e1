"""Indicateur national : recours à l'ambulance par rapport au transport assis professionnalisé (VSL, taxi)."""

import numpy
from openfisca_core import periods
from openfisca_core.periods import DateUnit

from openfisca_caqes.base import Variable
from openfisca_caqes.entities import Etablissement
from openfisca_caqes.formules import baisse_annuelle, part_des_economies, reciblage_prorogation
from openfisca_caqes.regions import par_region

SOURCE = "ARS Occitanie 2021, présentation du nouveau CAQES, « ↘ Indicateur national : Taux de recours à l'ambulance »"
SOURCE_FORMULE = "ARS Occitanie 2021, présentation du nouveau CAQES, « Indicateur transport » : Recours aux ambulances par rapport au transport assis »"
SOURCE_EXCLUSION = "ARS Occitanie 2021, présentation du nouveau CAQES, « ↘ Proposition d'écarter du ciblage national l'ensemble des établissements privés »"
SOURCE_EVALUATION = "ARS Occitanie, webinaire de janvier 2026 (évaluation 2025 dans e-CARS), « Indicateurs Organisation des soins » : part des économies générées (AMB Vs TAP)"


class depense_transport_ambulance(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Montants remboursés par l'Assurance maladie des transports en ambulance prescrits par l'établissement (enveloppe de ville)"
    reference = [SOURCE, SOURCE_FORMULE]
    documentation = "DCIR, en date de liquidation, tous régimes. Mamb dans la formule du seed."


class depense_transport_assis(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Montants remboursés des transports assis professionnalisés (TAP : VSL et taxi) prescrits par l'établissement"
    reference = [SOURCE, SOURCE_FORMULE]
    documentation = "DCIR, en date de liquidation, tous régimes. M − Mamb dans la formule du seed."


class depense_transport_ambulance_assis(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Montants remboursés des transports prescrits en ambulance et en TAP (M dans la formule du seed)"
    reference = SOURCE_FORMULE

    def formula(etablissement, period):
        """Dépense remboursée de transports prescrits en ambulance plus celle en transport assis professionnel (M)."""
        return etablissement("depense_transport_ambulance", period) + etablissement("depense_transport_assis", period)


class part_transport_ambulance(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = "Part de l'ambulance dans les montants remboursés de transports prescrits, ambulance + TAP (R = Mamb / M)"
    reference = [SOURCE, SOURCE_FORMULE]
    documentation = "Nulle sans transport prescrit."

    def formula(etablissement, period):
        """Part de l'ambulance dans la dépense de transports prescrits (R = Mamb / M) ; 0 sans dépense."""
        total = etablissement("depense_transport_ambulance_assis", period)
        ambulance = etablissement("depense_transport_ambulance", period)
        return numpy.divide(ambulance, total, out=numpy.zeros(len(total)), where=total > 0)


class ciblage_transport_ambulance(Variable):
    value_type = bool
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "Établissement ciblé sur l'indicateur national de recours à l'ambulance"
    reference = [SOURCE, SOURCE_EXCLUSION]
    documentation = (
        "Pré-ciblage national sur l'année de référence : part de l'ambulance et dépense d'ambulance au moins "
        "égales aux seuils ; une région peut écarter les établissements privés lucratifs (l'Occitanie l'a fait)."
    )

    def formula_2022_01_01(etablissement, period, parameters):
        """Ciblé si, l'année de référence, la part de l'ambulance et la dépense d'ambulance atteignent les seuils nationaux, hors établissements privés là où la région les exclut."""
        regles = parameters(period).caqes.organisation_soins.nationaux.transport_ambulance
        reference = periods.period(int(regles.annee_reference_ciblage))
        national = (etablissement("part_transport_ambulance", reference) >= regles.part_ambulance_minimum) * (
            etablissement("depense_transport_ambulance", reference) >= regles.depense_ambulance_minimum
        )
        exclusion = par_region(regles.exclusion_etablissements_prives, etablissement("code_region", period))
        exclu = (exclusion > 0) * numpy.logical_not(etablissement("est_public", period))
        return national * numpy.logical_not(exclu)

    def formula_2025_01_01(etablissement, period, parameters):
        """Re-ciblage de la prorogation : mêmes seuils sur les données 2023, sans nouvel établissement si le paramètre l'exclut."""
        recalcule = ciblage_transport_ambulance.formula_2022_01_01(etablissement, period, parameters)
        return reciblage_prorogation(etablissement, period, parameters, "transport_ambulance", recalcule)

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()


class economie_transport_ambulance(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Dépenses évitées de transport en ambulance au profit du TAP dans l'année, en euros"
    reference = [SOURCE_FORMULE, SOURCE_EVALUATION]
    documentation = (
        "(R1 − R2) × M2 × (coût moyen d'un trajet en ambulance − coût moyen d'un trajet TAP) / coût moyen "
        "d'un trajet TAP, R et M de l'année précédente (1) et de l'année (2), telle que le seed l'écrit. "
        "Négatif si la part de l'ambulance monte. Calculé pour toute année de données, y compris pour l'IFEP."
    )

    def formula_2018_01_01(etablissement, period, parameters):
        """Économies : baisse de la part de l'ambulance × dépense de transports de l'année × écart relatif de coût moyen entre un trajet en ambulance et en transport assis."""
        regles = parameters(period).caqes.organisation_soins.nationaux.transport_ambulance
        baisse_part = baisse_annuelle(etablissement, "part_transport_ambulance", period)
        ecart_relatif = (regles.cout_moyen_trajet_ambulance - regles.cout_moyen_trajet_assis) / regles.cout_moyen_trajet_assis
        return baisse_part * etablissement("depense_transport_ambulance_assis", period) * ecart_relatif


class interessement_transport_ambulance(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Intéressement de l'indicateur national de recours à l'ambulance (euros)"
    reference = [SOURCE_FORMULE, SOURCE_EVALUATION]
    documentation = "Cas 1 du seed (R2 < R1) : part des dépenses évitées ; cas 2 (R2 ≥ R1) : rien. Établissement ciblé seulement."

    def formula_2022_01_01(etablissement, period, parameters):
        """La part d'intéressement de l'indicateur (paramètre part_interessement) appliquée aux économies positives d'un établissement ciblé sous contrat, à l'euro."""
        part = parameters(period).caqes.organisation_soins.nationaux.transport_ambulance.part_interessement
        return part_des_economies(etablissement, "transport_ambulance", period, part)

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()
