"""Partie 2 du volet obligatoire : pratiques pluridisciplinaires et en réseau (atteinte des indicateurs, non-concernement par l'activité)."""

from openfisca_core.periods import DateUnit

from openfisca_caqes.base import Variable
from openfisca_caqes.entities import Etablissement

SOURCE = (
    "ARS Occitanie 2017, réunions d'information sur le volet obligatoire, « Présentation Partie 2 Développement des pratiques "
    "pluridisciplinaires et en réseau » (annexe 1, grille d'engagement)"
)
CIBLE = (
    "1 si la cible de l'année est atteinte, 0 sinon, entre les deux pour une atteinte "
    "partielle retenue par l'évaluation. Année de l'état des lieux : cible de la colonne "
    "« Cible » de la grille (état des lieux, propositions de cibles pluriannuelles, plan "
    "d'actions) ; années suivantes : cible contractualisée par avenant. Définition et "
    "cible : paramètre caqes.contrat_2018.volet_obligatoire.grille.partie_2.<indicateur>."
    " Sans évaluation renseignée, l'indicateur est réputé atteint (aucune sanction sans "
    "constat)."
)


class atteinte_volet_obligatoire_conciliation_medicamenteuse(Variable):
    value_type = float
    default_value = 1
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = (
        "Atteinte de l'indicateur « Déploiement de la conciliation médicamenteuse chez les "
        "patients priorisés »"
    )
    reference = [SOURCE + " — objectif « Conciliation médicamenteuse »"]
    documentation = CIBLE


class atteinte_volet_obligatoire_antibiotherapies_plus_7_jours_non_justifiees(Variable):
    value_type = float
    default_value = 1
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = (
        "Atteinte de l'indicateur « Taux de traitements antibiotiques de plus de 7 jours non "
        "justifiés »"
    )
    reference = [SOURCE + " — objectif « Vigilance et bon usage des ATB »"]
    documentation = CIBLE


class atteinte_volet_obligatoire_reevaluation_antibiotherapie(Variable):
    value_type = float
    default_value = 1
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = (
        "Atteinte de l'indicateur « Taux de traitements antibiotiques réévalués à "
        "quarante-huit à soixante-douze heures »"
    )
    reference = [SOURCE + " — objectif « Maitriser les consommations d'ATB et les résistances bactériennes »"]
    documentation = CIBLE


class atteinte_volet_obligatoire_consommation_antibiotiques_ddj(Variable):
    value_type = float
    default_value = 1
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = (
        "Atteinte de l'indicateur « Évolution de la consommation d'antibiotiques en DDJ pour "
        "mille journées d'hospitalisation »"
    )
    reference = [SOURCE + " — objectif « Suivi des indicateurs du PROPIAS – Stabilisation ou réduction »"]
    documentation = CIBLE


class atteinte_volet_obligatoire_analyse_pharmaceutique_niveau_1(Variable):
    value_type = float
    default_value = 1
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = (
        "Atteinte de l'indicateur « Lits et places bénéficiant d'une analyse pharmaceutique "
        "de niveau 1 de la totalité du traitement »"
    )
    reference = [SOURCE + " — objectif « Déploiement de la pharmacie clinique »"]
    documentation = CIBLE


class atteinte_volet_obligatoire_analyse_pharmaceutique_niveau_2(Variable):
    value_type = float
    default_value = 1
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = (
        "Atteinte de l'indicateur « Lits et places bénéficiant d'une analyse pharmaceutique "
        "de niveau 2 de la totalité du traitement »"
    )
    reference = [SOURCE + " — objectif « Déploiement de la pharmacie clinique »"]
    documentation = CIBLE


class atteinte_volet_obligatoire_analyse_pharmaceutique_niveau_3(Variable):
    value_type = float
    default_value = 1
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = (
        "Atteinte de l'indicateur « Lits et places bénéficiant d'une analyse pharmaceutique "
        "de niveau 3 de la totalité du traitement »"
    )
    reference = [SOURCE + " — objectif « Déploiement de la pharmacie clinique »"]
    documentation = CIBLE


class atteinte_volet_obligatoire_participation_enquetes(Variable):
    value_type = float
    default_value = 1
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = (
        "Atteinte de l'indicateur « Participation aux enquêtes nationales et régionales sur "
        "les produits de santé »"
    )
    reference = [SOURCE + " — objectif « Participation aux enquêtes relatives aux produits de santé »"]
    documentation = CIBLE


class aucune_antibiotherapie(Variable):
    value_type = bool
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "Aucun traitement antibiotique dans l'année (indicateurs antibiotiques NC)"
    reference = [SOURCE + (
        " — objectif(s) « Vigilance et bon usage des ATB ; Maitriser les consommations d'ATB et "
        "les résistances bactériennes »"
    )]
    documentation = (
        "« Si aucun ttt ATB = ES NC » : rend NC la réévaluation des antibiotiques et les "
        "traitements de plus de 7 jours non justifiés. Au-delà de sa catégorie, un "
        "établissement peut être NC du fait de son activité (« Présentation de l'annexe 1 = "
        "Grille d'engagement »)."
    )


class aucune_antibiotherapie_plus_7_jours(Variable):
    value_type = bool
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "Aucun traitement antibiotique de plus de 7 jours dans l'année (indicateur NC)"
    reference = [SOURCE + " — objectif(s) « Vigilance et bon usage des ATB »"]
    documentation = (
        "« Si aucun ttt ATB de + de 7 jours = ES NC » : rend NC l'indicateur des traitements "
        "de plus de 7 jours non justifiés. Au-delà de sa catégorie, un établissement peut "
        "être NC du fait de son activité (« Présentation de l'annexe 1 = Grille d'engagement "
        "»)."
    )


class activite_exclusivement_ambulatoire(Variable):
    value_type = bool
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = (
        "Activité exclusivement ambulatoire, sans journées d'hospitalisation (indicateur DDJ "
        "NC)"
    )
    reference = [SOURCE + " — objectif(s) « Suivi des indicateurs du PROPIAS – Stabilisation ou réduction »"]
    documentation = (
        "« DIA et Ambu = NC » : rend NC l'évolution de la consommation d'antibiotiques en DDJ"
        " par journées d'hospitalisation. Au-delà de sa catégorie, un établissement peut être"
        " NC du fait de son activité (« Présentation de l'annexe 1 = Grille d'engagement »)."
    )
