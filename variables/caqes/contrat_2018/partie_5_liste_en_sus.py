"""Partie 5 du volet obligatoire : liste en sus (atteinte des indicateurs, non-concernement par l'activité)."""

from openfisca_core.periods import DateUnit

from openfisca_caqes.base import Variable
from openfisca_caqes.entities import Etablissement

SOURCE = (
    "ARS Occitanie 2017, réunions d'information sur le volet obligatoire, « Présentation Partie 5 Engagements relatifs aux "
    "spécialités pharmaceutiques et produits et prestations de la « liste en sus » » "
    "(annexe 1, grille d'engagement)"
)
CIBLE = (
    "1 si la cible de l'année est atteinte, 0 sinon, entre les deux pour une atteinte "
    "partielle retenue par l'évaluation. Année de l'état des lieux : cible de la colonne "
    "« Cible » de la grille (état des lieux, propositions de cibles pluriannuelles, plan "
    "d'actions) ; années suivantes : cible contractualisée par avenant. Définition et "
    "cible : paramètre caqes.contrat_2018.volet_obligatoire.grille.partie_5.<indicateur>."
    " Sans évaluation renseignée, l'indicateur est réputé atteint (aucune sanction sans "
    "constat)."
)


class atteinte_volet_obligatoire_evolution_liste_en_sus_medicaments(Variable):
    value_type = float
    default_value = 1
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = (
        "Atteinte de l'indicateur « Taux d'évolution des dépenses de médicaments de la liste "
        "en sus »"
    )
    reference = [SOURCE + " — objectif « Suivi des dépenses des médicaments et DMI de la liste en sus (1/2) »"]
    documentation = CIBLE


class atteinte_volet_obligatoire_evolution_liste_en_sus_dispositifs(Variable):
    value_type = float
    default_value = 1
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = (
        "Atteinte de l'indicateur « Taux d'évolution des dépenses de produits et prestations "
        "de la liste en sus »"
    )
    reference = [SOURCE + " — objectif « Suivi des dépenses des médicaments et DMI de la liste en sus (1/2) »"]
    documentation = CIBLE


class atteinte_volet_obligatoire_hors_referentiel_medicaments(Variable):
    value_type = float
    default_value = 1
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = (
        "Atteinte de l'indicateur « Taux de prescriptions hors référentiels (RTU, AMM) des "
        "médicaments de la liste en sus »"
    )
    reference = [SOURCE + " — objectif « Suivi des dépenses des médicaments et DMI de la liste en sus (2/2) »"]
    documentation = CIBLE


class atteinte_volet_obligatoire_hors_referentiel_dispositifs(Variable):
    value_type = float
    default_value = 1
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = (
        "Atteinte de l'indicateur « Taux de prescriptions hors référentiels (LPP) des "
        "produits et prestations de la liste en sus »"
    )
    reference = [SOURCE + " — objectif « Suivi des dépenses des médicaments et DMI de la liste en sus (2/2) »"]
    documentation = CIBLE


class atteinte_volet_obligatoire_suivi_medicaments_hors_ghs(Variable):
    value_type = float
    default_value = 1
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = (
        "Atteinte de l'indicateur « Suivi annuel de la répartition des prescriptions des "
        "médicaments hors GHS, avec leur argumentaire »"
    )
    reference = [SOURCE + (
        " — objectif « Suivi des indications des médicaments et des dispositifs médicaux hors "
        "GHS »"
    )]
    documentation = CIBLE


class atteinte_volet_obligatoire_suivi_dispositifs_hors_ghs(Variable):
    value_type = float
    default_value = 0  # bonus sans donnée : non atteint (interprétation)
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = (
        "Atteinte de l'indicateur « Suivi annuel de la répartition des prescriptions des "
        "dispositifs médicaux hors GHS (bonus) »"
    )
    reference = [SOURCE + (
        " — objectif « Suivi des indications des médicaments et des dispositifs médicaux hors "
        "GHS »"
    )]
    documentation = CIBLE + (
        " Interprétation : indicateur bonus, non atteint (0) sans donnée saisie — un bonus se prouve ; "
        "autre lecture : atteint (1) par défaut, comme les autres indicateurs de la grille."
    )


class aucun_medicament_liste_en_sus(Variable):
    value_type = bool
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = (
        "Aucune prescription de médicaments de la liste en sus dans l'année (indicateurs MO "
        "NC)"
    )
    reference = [SOURCE + (
        " — objectif(s) « Suivi des dépenses des médicaments et DMI de la liste en sus ; Suivi "
        "des indications des médicaments et des dispositifs médicaux hors GHS »"
    )]
    documentation = (
        "« NC = SSR, PSY et ES avec 0 € / 0 prescription liste en sus » ; « 1 ES MCO sans "
        "consommation de MO => NC par les indicateurs MO » : rend NC l'évolution des "
        "dépenses, le taux hors référentiel et le suivi hors GHS des médicaments. Au-delà de "
        "sa catégorie, un établissement peut être NC du fait de son activité (« Présentation "
        "de l'annexe 1 = Grille d'engagement »)."
    )


class aucun_dispositif_liste_en_sus(Variable):
    value_type = bool
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = (
        "Aucune prescription de produits et prestations (DMI) de la liste en sus dans l'année"
        " (indicateurs DMI NC)"
    )
    reference = [SOURCE + (
        " — objectif(s) « Suivi des dépenses des médicaments et DMI de la liste en sus ; Suivi "
        "des indications des médicaments et des dispositifs médicaux hors GHS »"
    )]
    documentation = (
        "« NC = SSR, PSY et ES avec 0 € / 0 prescription liste en sus » : rend NC l'évolution"
        " des dépenses, le taux hors référentiel et le suivi hors GHS des dispositifs. "
        "Au-delà de sa catégorie, un établissement peut être NC du fait de son activité (« "
        "Présentation de l'annexe 1 = Grille d'engagement »)."
    )
