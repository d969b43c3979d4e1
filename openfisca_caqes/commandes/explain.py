"""`caqes explain` : le calcul d'une variable pour un établissement, étape par étape, avec ses textes."""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from openfisca_caqes import couverture_regionale as cr
from openfisca_caqes import ecran
from openfisca_caqes.comparaison import erreur_utilisateur, libelles, systeme_du_scenario
from openfisca_caqes.explication import expliquer, suggerer
from openfisca_caqes.options import ajouter_option_tout, annee
from openfisca_caqes.population import charger_population
from openfisca_caqes.population.besoins import Question, ajouter_option_completer, exiger
from openfisca_caqes.population.defaut import resoudre
from openfisca_caqes.population.options_lecture import ajouter_options_lecture, options_lecture
from openfisca_caqes.rapport import ecrire_texte
from openfisca_caqes.sorties import verifier_sortie
from openfisca_caqes.systeme import systeme_de_base

FORMATS_TEXTE = (".txt", ".md")
PROFONDEUR_ECRAN = 2  # à l'écran, sans --tout ni --profondeur : le résultat et deux niveaux d'étapes

DESCRIPTION = """\
Calcule une variable pour toute la population avec le traceur d'OpenFisca et écrit, pour un
établissement, chaque étape du calcul avec sa valeur, les paramètres lus (valeur à la date) et le
texte qui fonde chacun (référence de la variable : seed et diapositive, article de loi ; source
du paramètre). Les étapes en retrait sont celles dont dépend l'étape au-dessus."""


def declarer(sous) -> None:
    parser = sous.add_parser(
        "explain",
        help="expliquer le calcul d'une variable pour un établissement (étapes, paramètres, textes)",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--etablissement", required=True, help="identifiant de l'établissement (colonne `etablissement`)")
    parser.add_argument("--variable", required=True, help="variable à expliquer (ex. solde_financier)")
    parser.add_argument("--annee", "--year", dest="year", type=annee, required=True, metavar="AAAA",
                        help="année évaluée (année de performance)")
    ajouter_options_lecture(parser)
    parser.add_argument("--scenario", default=None, help="la loi d'un scénario (nom ou fichier YAML)")
    parser.add_argument("--profondeur", type=int, default=None,
                        help=f"ne détailler que N niveaux d'étapes (écran sans --tout : {PROFONDEUR_ECRAN})")
    parser.add_argument("--sortie", "--output", dest="output", default=None, metavar="FICHIER",
                        help="écrire toute l'explication dans un fichier .txt ou .md ; l'écran ne montre alors que le résultat")
    ajouter_option_tout(parser)
    ajouter_option_completer(parser)
    parser.set_defaults(executer=executer)


def _sortie(chemin: str | None) -> Path | None:
    return verifier_sortie(chemin, FORMATS_TEXTE)


def avertissement_couverture(simulation, etablissement: str, annee: int) -> str | None:
    """Une phrase si la région de l'établissement n'a pas (tous) ses indicateurs régionaux encodés l'année."""
    population = simulation.populations["etablissement"]
    rang = np.flatnonzero(population.ids == etablissement)
    if not len(rang):
        return None
    regions = simulation.populations["region"]
    region = str(regions.ids[regions.members_entity_id[rang[0]]])
    couverture = cr.couverture(simulation.tax_benefit_system, annee, [region]).get(region)
    if couverture is None or couverture.statut == cr.STATUT_COMPLET:
        return None
    nom = libelles(simulation.tax_benefit_system).get("region", {}).get(region, region)
    if couverture.statut == cr.STATUT_ABSENT:
        return (f"indicateurs régionaux non modélisés pour {nom} en {annee} : les montants régionaux de {etablissement} "
                "valent 0 faute de règle encodée, pas par calcul ; ses intéressements nationaux et pénalités sont calculés.")
    return (f"indicateurs régionaux partiellement modélisés pour {nom} en {annee} : seuls {', '.join(couverture.modelises)} "
            "sont encodés ; les autres indicateurs régionaux valent 0 faute de règle, pas par calcul.")


def executer(arguments) -> int:
    sortie = _sortie(arguments.output)
    if arguments.profondeur is not None and arguments.profondeur < 0:
        raise erreur_utilisateur("--profondeur doit être positive")
    systeme = systeme_du_scenario(arguments.scenario) if arguments.scenario else systeme_de_base()
    if arguments.variable not in systeme.variables:
        raise erreur_utilisateur(
            f"variable inconnue : « {arguments.variable} »{suggerer(arguments.variable, systeme.variables)}"
        )
    simulation = charger_population(systeme, resoudre(arguments.population), arguments.sheet, **options_lecture(arguments))
    exiger(simulation, [Question.de([arguments.variable], arguments.year)], arguments.completer_par_defaut)
    avertissement = avertissement_couverture(simulation, arguments.etablissement, arguments.year)
    entete = f"Attention : {avertissement}\n\n" if avertissement else ""
    if sortie is not None:
        texte = entete + expliquer(simulation, arguments.etablissement, arguments.variable, arguments.year,
                                   arguments.profondeur)
        ecrire_texte(texte, sortie)
        ecran.lignes(resume(texte) + ["", f"Écrit : {sortie}"])
        return 0
    profondeur = arguments.profondeur if arguments.profondeur is not None or arguments.tout else PROFONDEUR_ECRAN
    texte = entete + expliquer(simulation, arguments.etablissement, arguments.variable, arguments.year, profondeur)
    ecran.lignes(texte.rstrip("\n").split("\n"))
    if profondeur is not None and arguments.profondeur is None:
        ecran.lignes(["", f"Étapes détaillées sur {PROFONDEUR_ECRAN} niveaux : --tout ou --profondeur N pour plus, "
                      "--sortie FICHIER pour tout écrire."])
    return 0


def resume(texte: str) -> list[str]:
    """Le résumé d'une explication : l'en-tête et la ligne du résultat (jusqu'à la première étape)."""
    lignes = texte.split("\n")
    fin = next((rang for rang, ligne in enumerate(lignes) if " = " in ligne and "[" in ligne), len(lignes) - 1)
    return lignes[: fin + 1]
