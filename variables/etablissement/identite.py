"""Ce qu'est un établissement : catégorie, statut, région, capacités."""

from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import DateUnit

from openfisca_caqes.base import Variable
from openfisca_caqes.entities import Etablissement


class CategorieEtablissement(Enum):
    __order__ = "mco_public mco_prive ssr_public ssr_prive psy_public psy_prive had had_sans_pui dialyse"
    mco_public = "MCO public ou ESPIC"
    mco_prive = "MCO privé lucratif"
    ssr_public = "SSR public ou ESPIC"
    ssr_prive = "SSR privé lucratif"
    psy_public = "PSY public ou ESPIC"
    psy_prive = "PSY privé lucratif"
    had = "HAD"
    had_sans_pui = "HAD sans pharmacie à usage intérieur (PUI)"
    dialyse = "Dialyse"


class categorie_etablissement(Variable):
    value_type = Enum
    possible_values = CategorieEtablissement
    default_value = CategorieEtablissement.mco_public
    entity = Etablissement
    definition_period = DateUnit.ETERNITY
    label = "Catégorie d'établissement de la grille 2018 (annexe 1)"
    reference = "ARS Occitanie 2017, réunions d'information sur le volet obligatoire, « Répartition des indicateurs selon la catégorie d'ES »"


class StatutJuridique(Enum):
    __order__ = "public espic prive_lucratif"
    public = "Public"
    espic = "Privé d'intérêt collectif (ESPIC)"
    prive_lucratif = "Privé lucratif"


class statut_juridique(Variable):
    value_type = Enum
    possible_values = StatutJuridique
    default_value = StatutJuridique.public
    entity = Etablissement
    definition_period = DateUnit.ETERNITY
    label = "Statut juridique de l'établissement"
    reference = "ARS Occitanie 2021, présentation du nouveau CAQES, « A noter » : les publics signent par EJ, les privés par EG"


class est_public(Variable):
    value_type = bool
    entity = Etablissement
    definition_period = DateUnit.ETERNITY
    reference = [
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000041398036",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000044102681",
    ]
    label = "Établissement public ou ESPIC"

    def formula(etablissement, period):
        """Vrai sauf pour un établissement privé lucratif."""
        return etablissement("statut_juridique", period) != StatutJuridique.prive_lucratif


class est_chu(Variable):
    value_type = bool
    entity = Etablissement
    definition_period = DateUnit.ETERNITY
    label = "Centre hospitalier universitaire (CHU)"
    reference = "ARS Occitanie 2021, présentation du nouveau CAQES, conciliation médicamenteuse : taux cibles CHU distincts"


class est_clcc(Variable):
    value_type = bool
    entity = Etablissement
    definition_period = DateUnit.ETERNITY
    reference = [
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000041398036",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000044102681",
    ]
    label = "Centre de lutte contre le cancer (CLCC)"


class autorisation_traitement_cancer(Variable):
    value_type = bool
    entity = Etablissement
    definition_period = DateUnit.ETERNITY
    label = "Autorisé au traitement du cancer (TMSC)"
    reference = "ARS Occitanie 2021, présentation du nouveau CAQES, entretiens pharmaceutiques : ciblage des ES autorisés TMSC"


class Region(Enum):
    __order__ = (
        "auvergne_rhone_alpes bourgogne_franche_comte bretagne centre_val_de_loire corse "
        "grand_est hauts_de_france ile_de_france normandie nouvelle_aquitaine occitanie "
        "pays_de_la_loire provence_alpes_cote_d_azur guadeloupe martinique guyane la_reunion mayotte"
    )
    auvergne_rhone_alpes = "Auvergne-Rhône-Alpes"
    bourgogne_franche_comte = "Bourgogne-Franche-Comté"
    bretagne = "Bretagne"
    centre_val_de_loire = "Centre-Val de Loire"
    corse = "Corse"
    grand_est = "Grand Est"
    hauts_de_france = "Hauts-de-France"
    ile_de_france = "Île-de-France"
    normandie = "Normandie"
    nouvelle_aquitaine = "Nouvelle-Aquitaine"
    occitanie = "Occitanie"
    pays_de_la_loire = "Pays de la Loire"
    provence_alpes_cote_d_azur = "Provence-Alpes-Côte d'Azur"
    guadeloupe = "Guadeloupe"
    martinique = "Martinique"
    guyane = "Guyane"
    la_reunion = "La Réunion"
    mayotte = "Mayotte"


class code_region(Variable):
    value_type = Enum
    possible_values = Region
    default_value = Region.occitanie
    entity = Etablissement
    definition_period = DateUnit.ETERNITY
    reference = [
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000041398036",
    ]
    label = "Région de l'établissement (sélectionne les règles régionales)"
    documentation = "Rempli par le chargeur à partir de la colonne `region`, qui désigne aussi l'entité région."


class lits_mco(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    reference = [
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000041398036",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000044102681",
    ]
    unit = "lits"
    label = "Lits et places MCO installés"


class lits_ssr(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    reference = [
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000041398036",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000044102681",
    ]
    unit = "lits"
    label = "Lits et places SSR (SMR) installés"


class lits_psy(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    reference = [
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000041398036",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000044102681",
    ]
    unit = "lits"
    label = "Lits et places de psychiatrie installés"


class places_had(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    reference = [
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000041398036",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000044102681",
    ]
    unit = "lits"
    label = "Places d'hospitalisation à domicile"
