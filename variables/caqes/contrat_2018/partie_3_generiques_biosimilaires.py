"""Partie 3 du volet obligatoire : génériques et biosimilaires (atteinte des indicateurs)."""

from openfisca_core.periods import DateUnit

from openfisca_caqes.base import Variable
from openfisca_caqes.entities import Etablissement

SOURCE = (
    "ARS Occitanie 2017, réunions d'information sur le volet obligatoire, « Présentation Partie 3 Engagements relatifs aux "
    "prescriptions de médicaments dans le répertoire générique et biosimilaires » (annexe"
    " 1, grille d'engagement)"
)
CIBLE = (
    "1 si la cible de l'année est atteinte, 0 sinon, entre les deux pour une atteinte "
    "partielle retenue par l'évaluation. Année de l'état des lieux : cible de la colonne "
    "« Cible » de la grille (état des lieux, propositions de cibles pluriannuelles, plan "
    "d'actions) ; années suivantes : cible contractualisée par avenant. Définition et "
    "cible : paramètre caqes.contrat_2018.volet_obligatoire.grille.partie_3.<indicateur>."
    " Sans évaluation renseignée, l'indicateur est réputé atteint (aucune sanction sans "
    "constat)."
)


class atteinte_volet_obligatoire_prescription_generiques_phev(Variable):
    value_type = float
    default_value = 1
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = (
        "Atteinte de l'indicateur « Taux de prescription dans le répertoire des génériques en"
        " PHEV »"
    )
    reference = [SOURCE + (
        " — objectif « Promouvoir la prescription de médicaments dans le répertoire générique »"
    )]
    documentation = CIBLE


class atteinte_volet_obligatoire_prescription_biosimilaires_intra_hospitaliere(Variable):
    value_type = float
    default_value = 1
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = (
        "Atteinte de l'indicateur « Taux de prescription des biosimilaires en "
        "intra-hospitalier »"
    )
    reference = [SOURCE + (
        " — objectif « Promouvoir la prescription de médicaments biosimilaires dans les classes "
        "autant que possible (1/2) »"
    )]
    documentation = CIBLE


class atteinte_volet_obligatoire_prescription_biosimilaires_phev(Variable):
    value_type = float
    default_value = 1
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = "Atteinte de l'indicateur « Taux de prescription des biosimilaires en PHEV »"
    reference = [SOURCE + (
        " — objectif « Promouvoir la prescription de médicaments biosimilaires dans les classes "
        "autant que possible (2/2) »"
    )]
    documentation = CIBLE


class atteinte_volet_obligatoire_achat_generiques(Variable):
    value_type = float
    default_value = 1
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = "Atteinte de l'indicateur « Part d'achat de génériques »"
    reference = [SOURCE + " — objectif « Part d'achat de génériques et biosimilaires »"]
    documentation = CIBLE


class atteinte_volet_obligatoire_achat_biosimilaires(Variable):
    value_type = float
    default_value = 1
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = "Atteinte de l'indicateur « Part d'achat de biosimilaires »"
    reference = [SOURCE + " — objectif « Part d'achat de génériques et biosimilaires »"]
    documentation = CIBLE
