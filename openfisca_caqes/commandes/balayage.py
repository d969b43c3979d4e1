"""`caqes balayage` (alias `sweep`) : faire varier les modalités non publiées de l'IFEP, sur Dask."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import yaml

import openfisca_caqes.systeme as systemes  # `systemes.systeme_de_base` lu à l'appel : les tests y substituent une loi d'essai
from openfisca_caqes import ecran
from openfisca_caqes.balayage import graphiques, specification
from openfisca_caqes.balayage.execution import lancer
from openfisca_caqes.balayage.resultats import ENSEMBLE
from openfisca_caqes.balayage.sensibilite import effets_un_a_un, indices
from openfisca_caqes.comparaison import systeme_du_scenario
from openfisca_caqes.erreurs import ErreurUtilisateur
from openfisca_caqes.options import annee
from openfisca_caqes.population.defaut import resoudre
from openfisca_caqes.sorties import verifier_sortie

MOTIF_OPTION = re.compile(r"^(?P<chemin>[a-z0-9_.]+)=(?P<valeurs>.+)$")


def declarer(sous) -> None:
    parser = sous.add_parser("balayage", aliases=["sweep"], help="balayer des hypothèses (paramètres) sur une population, sur Dask")
    parser.add_argument("fichier", nargs="?", help="fichier de balayage YAML, ou nom d'un balayage livré (reforms/balayages/) ; sinon --parametre")
    parser.add_argument("--population", default="default", help="fichier CSV/XLSX, ou `default` (Occitanie synthétique)")
    parser.add_argument("--feuille", "--sheet", dest="sheet", default=None, metavar="FEUILLE", help="feuille du classeur Excel")
    parser.add_argument("--annee", "--year", dest="year", type=annee, action="append", metavar="AAAA", help="année évaluée (répétable) ; remplace `annees` du fichier")
    parser.add_argument("--scenario", default=None, help="scénario de base (sans fichier)")
    parser.add_argument("--parametre", action="append", metavar="CHEMIN=VALEURS",
                        help="sans fichier : chemin.pointé=0.01,0.02 (liste), =0.01:0.03:0.005 (min:max:pas) ou =U0.01:0.03 (loi uniforme)")
    parser.add_argument("--plan", choices=("croise", "latin", "sobol"), default=None, help="sans fichier : plan (croisé par défaut)")
    parser.add_argument("--points", type=int, default=None, help="sans fichier : nombre de points tirés (latin, sobol)")
    parser.add_argument("--sortie", "--output", dest="output", metavar="FICHIER", help="tableau rangé .parquet ou .csv (une ligne par point × année × région)")
    parser.add_argument("--classeur", "--workbook", dest="workbook", metavar="FICHIER", help="classeur .xlsx (résultats, indices, effets un à la fois, hypothèses)")
    parser.add_argument("--graphiques", "--plots", dest="plots", metavar="DOSSIER", help="dossier où écrire tornade.png et nuages.png")
    parser.add_argument("--processus", "--workers", dest="workers", type=int, metavar="N", default=None, help="processus Dask locaux (défaut : cœurs de la machine ; 0 : dans ce processus)")
    parser.add_argument("--ordonnanceur", "--scheduler", dest="scheduler", default=None, metavar="ADRESSE", help="ordonnanceur Dask existant, ex. tcp://hote:8786")
    parser.add_argument("--sans-branches", action="store_true", help="recalculer chaque point en entier (contrôle)")
    parser.set_defaults(executer=executer)


def _options(arguments) -> dict:
    """Un balayage décrit par les options, au format du fichier YAML."""

    if not arguments.parametre:
        raise ErreurUtilisateur("donner un fichier de balayage ou au moins une option --parametre CHEMIN=VALEURS")
    hypotheses = {}
    for texte in arguments.parametre:
        trouve = MOTIF_OPTION.match(texte)
        if not trouve:
            raise ErreurUtilisateur(f"--parametre « {texte} » : attendu CHEMIN=VALEURS (ex. ifep.penalite.taux_plafond=0.01,0.02)")
        chemin, valeurs = trouve["chemin"], trouve["valeurs"]
        try:
            if valeurs.startswith("U"):
                a, b = (float(x) for x in valeurs[1:].split(":"))
                definition = {"loi": {"uniforme": [a, b]}}
            elif ":" in valeurs:
                a, b, pas = (float(x) for x in valeurs.split(":"))
                definition = {"intervalle": {"min": a, "max": b, "pas": pas}}
            else:
                definition = {"valeurs": [_valeur(x) for x in valeurs.split(",")]}
        except ValueError:
            raise ErreurUtilisateur(f"--parametre « {texte} » : valeurs illisibles (liste a,b,c ; min:max:pas ; Umin:max)") from None
        hypotheses[chemin.replace(".", "_")] = {"parametre": chemin, **definition}
    donnees = {"titre": "balayage en ligne de commande", "annees": arguments.year, "hypotheses": hypotheses,
               "plan": arguments.plan or "croise"}
    if arguments.points is not None:
        donnees["points"] = arguments.points
    if arguments.scenario:
        donnees["scenario"] = arguments.scenario
    return donnees


def _valeur(texte: str):
    texte = texte.strip()
    if texte.lower() in ("true", "false", "vrai", "faux"):
        return texte.lower() in ("true", "vrai")
    nombre = float(texte)
    return int(nombre) if re.fullmatch(r"-?\d+", texte) else nombre


def executer(arguments) -> int:


    sortie = graphiques.verifier_tableau(arguments.output)
    classeur = verifier_sortie(arguments.workbook)
    if classeur is not None and classeur.suffix.lower() != ".xlsx":
        raise ErreurUtilisateur(f"{arguments.workbook} : le classeur doit être un .xlsx")
    dossier = Path(arguments.plots) if arguments.plots else None
    if dossier is not None and not dossier.is_dir():
        raise ErreurUtilisateur(f"--plots {dossier} : dossier introuvable")
    if arguments.workers is not None and arguments.workers < 0:
        raise ErreurUtilisateur("--workers : nombre de processus positif ou nul attendu")
    if arguments.fichier:
        # Le scénario de base du fichier fixe l'arbre de paramètres contre lequel valider les chemins.

        fichier = specification.chemin_balayage(arguments.fichier)
        try:
            brut = yaml.safe_load(fichier.read_text(encoding="utf-8")) if fichier.is_file() else None
        except (yaml.YAMLError, UnicodeDecodeError):
            brut = None
        scenario = brut.get("scenario") if isinstance(brut, dict) and isinstance(brut.get("scenario"), str) else None
        try:
            racine = (systeme_du_scenario(scenario) if scenario else systemes.systeme_de_base()).parameters
        except ErreurUtilisateur as erreur:
            raise specification.ErreurBalayage(fichier, "scenario", str(erreur)) from None
        balayage = specification.lire_fichier(arguments.fichier, racine, arguments.year)
    else:
        donnees = _options(arguments)
        racine = (systeme_du_scenario(arguments.scenario) if arguments.scenario else systemes.systeme_de_base()).parameters
        balayage = specification.valider(donnees, racine, "options de la ligne de commande")
    travailleurs = arguments.workers if arguments.workers is not None else (os.cpu_count() or 1)
    debut = time.perf_counter()
    tableau = lancer(balayage, resoudre(arguments.population), arguments.sheet, travailleurs, arguments.scheduler,
                     progression=True, reutiliser=not arguments.sans_branches)
    duree = time.perf_counter() - debut
    points = tableau["point"].nunique()
    print(f"\n{balayage.titre} : {points} points × {len(balayage.annees)} année(s) en {duree:.1f} s")
    ensemble = tableau[tableau["region"] == ENSEMBLE].drop(columns=["region"])
    ecran.tableau(ensemble, "Ensemble des régions — un point par ligne", lignes_max=60,
                  indication="--sortie ou --classeur pour tous les points")
    effets = effets_un_a_un(tableau)
    if not effets.empty:
        ecran.tableau(effets, "Effets un à la fois sur le solde net (ensemble)", tout=True)
    table = indices(tableau)
    if not table.empty:
        choisis = table[(table["region"] == ENSEMBLE) & (table["resultat"] == "solde_net")]
        ecran.tableau(choisis.drop(columns=["region", "resultat"]), "Indices de sensibilité du solde net (ensemble)",
                      tout=True)
    if sortie is not None:
        graphiques.ecrire_tableau(tableau, sortie)
        print(f"\nÉcrit : {sortie}")
    if classeur is not None:
        graphiques.ecrire_classeur(tableau, classeur, balayage)
        print(f"Écrit : {classeur}")
    if dossier is not None:
        for chemin in graphiques.ecrire_graphiques(tableau, dossier):
            print(f"Écrit : {chemin}")
    return 0
