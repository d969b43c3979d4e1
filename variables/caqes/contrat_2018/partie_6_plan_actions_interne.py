"""Partie 6 du volet obligatoire : plan d'actions interne (atteinte de l'indicateur)."""

from openfisca_core.periods import DateUnit

from openfisca_caqes.base import Variable
from openfisca_caqes.entities import Etablissement

SOURCE = (
    "ARS Occitanie 2017, réunions d'information sur le volet obligatoire, « Au-delà des 5 parties correspondant aux engagements"
    " généraux du CAQES (contrat type) » (annexe 1, grille d'engagement)"
)
CIBLE = (
    "1 si la cible de l'année est atteinte, 0 sinon, entre les deux pour une atteinte "
    "partielle retenue par l'évaluation. Année de l'état des lieux : cible de la colonne "
    "« Cible » de la grille (état des lieux, propositions de cibles pluriannuelles, plan "
    "d'actions) ; années suivantes : cible contractualisée par avenant. Définition et "
    "cible : paramètre caqes.contrat_2018.volet_obligatoire.grille.partie_6.<indicateur>."
    " Sans évaluation renseignée, l'indicateur est réputé atteint (aucune sanction sans "
    "constat)."
)


class atteinte_volet_obligatoire_plan_actions_interne(Variable):
    value_type = float
    default_value = 1
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = (
        "Atteinte de l'indicateur « Plan d'actions interne rédigé, avec calendrier de "
        "déploiement »"
    )
    reference = [SOURCE + (
        " — objectif « Rédaction d'un plan d'actions « interne » et définition d'un calendrier "
        "de déploiement »"
    )]
    documentation = CIBLE
