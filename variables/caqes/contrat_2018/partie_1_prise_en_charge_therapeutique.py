"""Partie 1 du volet obligatoire : prise en charge thérapeutique et circuit des produits (atteinte des indicateurs)."""

from openfisca_core.periods import DateUnit

from openfisca_caqes.base import Variable
from openfisca_caqes.entities import Etablissement

SOURCE = (
    "ARS Occitanie 2017, réunions d'information sur le volet obligatoire, « Présentation Partie 1: Amélioration et sécurisation"
    " de la prise en charge thérapeutique du patient et du circuit des produits et "
    "prestations » (annexe 1, grille d'engagement)"
)
CIBLE = (
    "1 si la cible de l'année est atteinte, 0 sinon, entre les deux pour une atteinte "
    "partielle retenue par l'évaluation. Année de l'état des lieux : cible de la colonne "
    "« Cible » de la grille (état des lieux, propositions de cibles pluriannuelles, plan "
    "d'actions) ; années suivantes : cible contractualisée par avenant. Définition et "
    "cible : paramètre caqes.contrat_2018.volet_obligatoire.grille.partie_1.<indicateur>."
    " Sans évaluation renseignée, l'indicateur est réputé atteint (aucune sanction sans "
    "constat)."
)


class atteinte_volet_obligatoire_prescriptions_sortie_informatisees(Variable):
    value_type = float
    default_value = 1
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = (
        "Atteinte de l'indicateur « Taux de prescriptions de sortie informatisées, y compris "
        "consultations externes »"
    )
    reference = [SOURCE + " — objectif « Utilisation des LAP (1/2) »"]
    documentation = CIBLE


class atteinte_volet_obligatoire_action_prescriptions_sortie_informatisees(Variable):
    value_type = float
    default_value = 1
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = (
        "Atteinte de l'indicateur « Mise en œuvre d'une action visant à faire progresser les "
        "prescriptions de sortie informatisées »"
    )
    reference = [SOURCE + " — objectif « Utilisation des LAP (1/2) »"]
    documentation = CIBLE


class atteinte_volet_obligatoire_lap_certifie_lits(Variable):
    value_type = float
    default_value = 1
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = (
        "Atteinte de l'indicateur « Taux d'équipement en logiciel d'aide à la prescription "
        "certifié, en lits »"
    )
    reference = [SOURCE + " — objectif « Utilisation des LAP (2/2) »"]
    documentation = CIBLE


class atteinte_volet_obligatoire_lap_certifie_unites_soins(Variable):
    value_type = float
    default_value = 1
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = (
        "Atteinte de l'indicateur « Taux d'équipement en logiciel d'aide à la prescription "
        "certifié, en unités de soins »"
    )
    reference = [SOURCE + " — objectif « Utilisation des LAP (2/2) »"]
    documentation = CIBLE


class atteinte_volet_obligatoire_tracabilite_medicaments(Variable):
    value_type = float
    default_value = 1
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = (
        "Atteinte de l'indicateur « Traçabilité des médicaments : lits informatisés de la "
        "prescription à l'administration »"
    )
    reference = [SOURCE + " — objectif « Informatisation et traçabilité (1/3) »"]
    documentation = CIBLE


class atteinte_volet_obligatoire_tracabilite_dmi(Variable):
    value_type = float
    default_value = 1
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = (
        "Atteinte de l'indicateur « Traçabilité informatique de l'implantation des "
        "dispositifs médicaux implantables (DMI) »"
    )
    reference = [SOURCE + " — objectif « Informatisation et traçabilité (2/3) »"]
    documentation = CIBLE


class atteinte_volet_obligatoire_classification_cladimed(Variable):
    value_type = float
    default_value = 1
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = (
        "Atteinte de l'indicateur « Déploiement de la classification CLADIMED des DMI stockés"
        " »"
    )
    reference = [SOURCE + " — objectif « Informatisation et traçabilité (3/3) »"]
    documentation = CIBLE


class atteinte_volet_obligatoire_rpps_finess_ordonnances_sortie(Variable):
    value_type = float
    default_value = 1
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = (
        "Atteinte de l'indicateur « Ordonnances de sortie portant le numéro RPPS du "
        "prescripteur et le numéro FINESS de l'établissement »"
    )
    reference = [SOURCE + " — objectif « Identification des prescriptions (1/2) »"]
    documentation = CIBLE


class atteinte_volet_obligatoire_rpps_ordonnances_intra_hospitalieres(Variable):
    value_type = float
    default_value = 1
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = (
        "Atteinte de l'indicateur « Ordonnances intra-hospitalières portant le numéro RPPS du"
        " prescripteur »"
    )
    reference = [SOURCE + " — objectif « Identification des prescriptions (2/2) »"]
    documentation = CIBLE


class atteinte_volet_obligatoire_aapp_prise_en_charge_medicamenteuse(Variable):
    value_type = float
    default_value = 1
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = (
        "Atteinte de l'indicateur « Analyse et amélioration des pratiques professionnelles "
        "(AAPP) sur la prise en charge médicamenteuse »"
    )
    reference = [SOURCE + " — objectif « Analyse et Amélioration des Pratiques Professionnelles »"]
    documentation = CIBLE


class atteinte_volet_obligatoire_aapp_dispositifs_medicaux(Variable):
    value_type = float
    default_value = 1
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = (
        "Atteinte de l'indicateur « Analyse et amélioration des pratiques professionnelles "
        "(AAPP) sur la prise en charge d'un patient avec un DM »"
    )
    reference = [SOURCE + " — objectif « Analyse et Amélioration des Pratiques Professionnelles »"]
    documentation = CIBLE


class atteinte_volet_obligatoire_dispensation_nominative(Variable):
    value_type = float
    default_value = 0  # bonus sans donnée : non atteint (interprétation)
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = (
        "Atteinte de l'indicateur « Dispensation à délivrance nominative, déployée à partir "
        "d'une cartographie des risques (bonus) »"
    )
    reference = [SOURCE + " — objectif « Dispensation Nominative »"]
    documentation = CIBLE + (
        " Interprétation : indicateur bonus, non atteint (0) sans donnée saisie — un bonus se prouve ; "
        "autre lecture : atteint (1) par défaut, comme les autres indicateurs de la grille."
    )
