"""L'autre lecture de chaque interprétation encodée, en petites réformes : un cas YAML la référence
(`reforms: - tests.caqes.autres_lectures.<nom>`) pour montrer la valeur qu'elle donnerait, sans la
clé `parameters:` qui remplacerait tout l'arbre des paramètres."""

from openfisca_core import periods
from openfisca_core.reforms import Reform


def _fixer(chemin: str, valeur, debut: str, fin: str):
    """Une modification de paramètres : `chemin` (pointé depuis la racine) vaut `valeur` de `debut` à `fin`."""

    def modifier(parametres):
        noeud = parametres
        for morceau in chemin.split("."):
            noeud = noeud.children[morceau] if hasattr(noeud, "children") else getattr(noeud, morceau)
        noeud.update(start=periods.instant(debut), stop=periods.instant(fin), value=valeur)
        return parametres

    return modifier


class _AutreLecture(Reform):
    chemin: str
    valeur: object
    debut: str
    fin = "2026-12-31"

    def apply(self) -> None:
        self.modify_parameters(_fixer(self.chemin, self.valeur, self.debut, self.fin))


class assiette_exercice_precedent(_AutreLecture):
    """Sanctions 2018-2021 assises sur les produits de N-1 (et non de l'année évaluée N)."""

    name = "Autre lecture : assiette des sanctions de non-atteinte = produits de N-1"
    chemin, valeur, debut, fin = "caqes.contrat_2018.penalites.decalage_exercice_clos", 1, "2018-01-01", "2021-12-31"


class bornes_tranche_superieure(_AutreLecture):
    """Transport composite : une référence égale à la borne haute (7 %, 25 %) dans la tranche supérieure."""

    name = "Autre lecture : borne haute des tranches du transport composite dans la tranche supérieure"
    chemin = "caqes.organisation_soins.regionaux.transport_composite.occitanie.bornes_incluses_tranche_intermediaire"
    valeur, debut = 0, "2025-01-01"


class ic_baisse_patients_des_2022(_AutreLecture):
    """Insuffisance cardiaque : la baisse du nombre de patients réhospitalisés exigée dès 2022."""

    name = "Autre lecture : IC, baisse des patients réhospitalisés exigée dès 2022"
    chemin = "caqes.pertinence.nationaux.insuffisance_cardiaque.exige_baisse_patients_rehospitalises"
    valeur, debut, fin = 1, "2022-01-01", "2024-12-31"


class transport_composite_bareme_seul(_AutreLecture):
    """Transport composite : le barème de points seul, sans les conditions nécessaires du webinaire 2026."""

    name = "Autre lecture : transport composite, barème de points seul"
    chemin = "caqes.organisation_soins.regionaux.transport_composite.occitanie.conditions_necessaires"
    valeur, debut = 0, "2025-01-01"


class reciblage_sans_nouvel_etablissement(_AutreLecture):
    """Re-ciblage national 2025 : seuls les établissements déjà ciblés en 2022-2024 peuvent le rester."""

    name = "Autre lecture : le re-ciblage national 2025 n'ajoute pas d'établissement"
    chemin = "caqes.ciblage_national.reciblage_ajoute_etablissements"
    valeur, debut = 0, "2025-01-01"


class nationaux_hors_enveloppe(_AutreLecture):
    """Enveloppe régionale 2025-2026 : les intéressements nationaux financés à part (l'enveloppe ne paie que les régionaux)."""

    name = "Autre lecture : intéressements nationaux hors de l'enveloppe régionale"
    chemin = "caqes.enveloppe_regionale.interessement_national_dans_enveloppe"
    valeur, debut = 0, "2025-01-01"


class perfadom_sans_gravite(_AutreLecture):
    """PERFADOM : économies mesurées sur les seuls systèmes actifs et diffuseurs (sans la gravité)."""

    name = "Autre lecture : PERFADOM, économies sans la gravité"
    chemin = "caqes.produits_sante.nationaux.perfadom.economie_inclut_gravite"
    valeur, debut = 0, "2018-01-01"


class aapp_mpi_medecine_seule(_AutreLecture):
    """AAPP MPI : ciblage sur les séjours de médecine seuls (présentation de fin 2021)."""

    name = "Autre lecture : AAPP MPI, ciblage sur la médecine seule"
    chemin = "caqes.produits_sante.regionaux.aapp_mpi.occitanie.inclut_chirurgie"
    valeur, debut = 0, "2022-01-01"
