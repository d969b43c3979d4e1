"""`caqes envelope` : la distribution de l'usage d'une enveloppe régionale fermée, par tirages."""

from __future__ import annotations

import argparse
import sys

import pandas as pd

from openfisca_caqes import ecran
from openfisca_caqes.comparaison import erreur_utilisateur, libelles, systeme_du_scenario
from openfisca_caqes.enveloppe_region import (  # noqa: F401 - noms repris par les tests et par d'autres modules
    ANNEE_PAR_DEFAUT,
    VARIABLE_GAGNE,
    avertissement_couverture,
    lecture_nationaux,
    lire_montant,
    modele,
    preparer,
)
from openfisca_caqes.options import ajouter_option_tout, annee, graine, reel_fini
from openfisca_caqes.population import lire_tableau
from openfisca_caqes.population.besoins import ajouter_option_completer
from openfisca_caqes.population.chargement import schema_region
from openfisca_caqes.population.defaut import resoudre
from openfisca_caqes.population.options_lecture import ajouter_options_lecture, options_lecture
from openfisca_caqes.rapport import ecrire_classeur
from openfisca_caqes.simulation_enveloppe import (
    DISPERSION_COMMUNE,
    DISPERSION_ETABLISSEMENT,
    ResultatEnveloppe,
    simuler,
)
from openfisca_caqes.sorties import verifier_sortie
from openfisca_caqes.systeme import systeme_de_base

TIRAGES_PAR_DEFAUT = 1000

DESCRIPTION = """\
Tire les intéressements régionaux gagnés par les établissements d'une région autour de ce que
la loi calcule sur leurs données (aléa lognormal propre à chaque établissement et choc commun à
la région, d'espérance 1), répartit l'enveloppe dans chaque tirage selon la règle de la loi
(prorata, à l'euro près) et rend la distribution de l'usage de l'enveloppe : quantiles,
probabilité de réduction au prorata, versement espéré par établissement.
L'année évaluée (année de performance, --year) est payée l'année suivante (année de caisse) :
en 2027, l'enveloppe paie les résultats CAQES 2026 alors que l'IFEP démarre."""


def declarer(sous) -> None:
    parser = sous.add_parser(
        "envelope",
        help="simuler l'usage de l'enveloppe régionale fermée (tirages des résultats)",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--region", required=True, help="code de la région (ex. occitanie)")
    parser.add_argument(
        "--montant", "--amount", dest="amount", required=True, metavar="EUROS",
        help="montant de l'enveloppe régionale, en euros (ex. 3500000) : il remplace celle du fichier pour tout le "
        "calcul, valeur du point (répartition par défaut des potentiels) comprise, comme une enveloppe donnée "
        "dans le fichier",
    )
    parser.add_argument("--tirages", "--draws", dest="draws", type=int, default=TIRAGES_PAR_DEFAUT, metavar="N",
                        help=f"nombre de tirages (défaut : {TIRAGES_PAR_DEFAUT})")
    annee_ = parser.add_mutually_exclusive_group()
    annee_.add_argument(
        "--annee", "--year", dest="year", type=annee, default=None, metavar="AAAA",
        help=f"année évaluée (année de performance ; défaut : {ANNEE_PAR_DEFAUT})",
    )
    annee_.add_argument("--annee-caisse", type=annee, default=None, metavar="AAAA",
                        help="ou l'année de paiement (année de caisse)")
    parser.add_argument("--graine", "--seed", dest="seed", type=graine, default=0, metavar="N",
                        help="graine des tirages (défaut : 0)")
    ajouter_options_lecture(parser)
    parser.add_argument("--scenario", default=None, help="la loi d'un scénario (nom ou fichier YAML) au lieu de la loi de référence")
    parser.add_argument(
        "--dispersion", type=reel_fini, default=DISPERSION_ETABLISSEMENT,
        help=f"σ de l'aléa lognormal propre à chaque établissement (défaut : {DISPERSION_ETABLISSEMENT})",
    )
    parser.add_argument(
        "--dispersion-commune", type=reel_fini, default=DISPERSION_COMMUNE,
        help=f"σ du choc lognormal commun à la région (défaut : {DISPERSION_COMMUNE})",
    )
    parser.add_argument("--sortie", "--output", dest="output", metavar="FICHIER",
                        help="fichier de sortie .xlsx (synthèse, établissements, tirages) ou .csv (établissements) ; "
                        "l'écran ne montre alors que le résumé")
    ajouter_option_tout(parser)
    ajouter_option_completer(parser)
    parser.set_defaults(executer=executer)


def verifier(arguments, systeme) -> None:
    if arguments.draws < 1:
        raise erreur_utilisateur(f"--tirages {arguments.draws} : au moins un tirage")
    if arguments.dispersion < 0 or arguments.dispersion_commune < 0:
        raise erreur_utilisateur("--dispersion et --dispersion-commune doivent être positives ou nulles")
    regions = schema_region(systeme)
    if arguments.region not in regions:
        raise erreur_utilisateur(f"région « {arguments.region} » inconnue ; codes admis : {', '.join(regions)}")


def executer(arguments) -> int:
    sortie = verifier_sortie(arguments.output)
    systeme = systeme_du_scenario(arguments.scenario) if arguments.scenario else systeme_de_base()
    verifier(arguments, systeme)
    montant_total = lire_montant(arguments.amount)
    tableau, nom = lire_tableau(resoudre(arguments.population), arguments.sheet, **options_lecture(arguments))
    etablissements, centre, contexte = preparer(arguments, tableau, nom, systeme, montant=montant_total)
    montant, contexte["ligne_nationaux"] = lecture_nationaux(contexte, montant_total)
    resultat = simuler(
        centre, montant, arguments.draws, arguments.seed, arguments.dispersion, arguments.dispersion_commune,
        contexte["plafond_part_enveloppe"], contexte["repartition_integrale"],
    )
    avertissement = avertissement_couverture(contexte, systeme)
    if avertissement:
        print(f"caqes : attention : {avertissement}", file=sys.stderr)
    noms = libelles(systeme)
    lisibles = etablissements.assign(
        categorie=etablissements["categorie"].map(lambda c: noms.get("categorie", {}).get(c, c)),
        region=etablissements["region"].map(lambda c: noms.get("region", {}).get(c, c)),
    ).rename(columns={"etablissement": "Établissement", "entite_juridique": "Entité juridique",
                      "region": "Région", "categorie": "Catégorie"})
    par_etablissement = resultat.par_etablissement(lisibles)
    resume(arguments, contexte, centre, montant_total, resultat)
    if sortie is None:
        ecran.tableau(quantiles(resultat), "Quantiles sur les tirages", tout=True)
        gagnants = par_etablissement[par_etablissement["Gagné au centre (€)"] > 0].drop(columns=["Entité juridique", "Région"])
        ecran.tableau(
            gagnants.sort_values("Versement espéré (€)", ascending=False, kind="stable"),
            "Versement espéré par établissement (ceux qui gagnent un intéressement régional ; plus grands d'abord)",
            tout=arguments.tout, total=True,
        )
    if sortie is not None:
        feuilles = {"Établissements": par_etablissement}
        if sortie.suffix.lower() == ".xlsx":
            feuilles = {
                "Synthèse": resultat.synthese(),
                "Établissements": par_etablissement,
                "Tirages": resultat.par_tirage(),
                "Modèle": modele(resultat, contexte, arguments),
            }
        ecrits = ecrire_classeur(feuilles, sortie)
        ecran.lignes(["", *(f"Écrit : {chemin}" for chemin in ecrits)])
    return 0


def quantiles(resultat: ResultatEnveloppe) -> pd.DataFrame:
    """Les quantiles de la synthèse en tableau compact : une ligne par grandeur, une colonne par quantile."""
    synthese = resultat.synthese_lisible().iloc[RESUME_SYNTHESE:]
    parties = synthese["Indicateur"].str.extract(r"^(?P<grandeur>.*), quantile (?P<quantile>\d+ %)")
    tableau = synthese.assign(**parties).pivot(index="grandeur", columns="quantile", values="Valeur")
    ordre = list(dict.fromkeys(parties["grandeur"]))
    colonnes = sorted(tableau.columns, key=lambda texte: int(texte.split()[0]))
    return tableau.loc[ordre, colonnes].rename_axis(index="Sur les tirages", columns=None).reset_index()


RESUME_SYNTHESE = 7  # les premières lignes de la synthèse (enveloppe … reliquat moyen) vont au résumé


def resume(arguments, contexte: dict, centre, montant_total: int, resultat: ResultatEnveloppe) -> None:
    """Le résumé : la région, les années, l'enveloppe et ce qu'elle ouvre, puis l'usage moyen sur les tirages."""
    lignes = [
        f"Région {arguments.region} : {ecran.nombre(len(centre))} établissements, dont {ecran.nombre(int((centre > 0).sum()))} "
        f"gagnent un intéressement régional en {contexte['annee_performance']} (année de performance), payé en "
        f"{contexte['annee_caisse']} (année de caisse).",
        f"Enveloppe régionale (--montant) : {ecran.euros(montant_total)}, pour tout le calcul (valeur du point comprise).",
    ]
    if contexte["annee_caisse"] >= 2027:
        lignes.append(f"En {contexte['annee_caisse']}, l'enveloppe paie le CAQES {contexte['annee_performance']} ; l'IFEP, "
                      "qui démarre en 2027, a sa propre dotation (caqes compare, régime 2027).")
    if contexte["enveloppe_population"] is not None and contexte["enveloppe_population"] != montant_total:
        lignes.append(f"Le fichier portait une enveloppe de {ecran.euros(contexte['enveloppe_population'])} pour "
                      f"{contexte['annee_performance']} : remplacée par --montant.")
    lignes.append(contexte["ligne_nationaux"])
    ecran.lignes(lignes)
    synthese = resultat.synthese_lisible().iloc[:RESUME_SYNTHESE]
    libelles_resume = {"Enveloppe (€)": "Ouvert aux intéressements régionaux"}
    ecran.resume("", [(libelles_resume.get(indicateur, indicateur.replace(" (€)", "")), valeur)
                      for indicateur, valeur in zip(synthese["Indicateur"], synthese["Valeur"])])
    ecran.lignes([f"({ecran.nombre(arguments.draws)} tirages, graine {arguments.seed})"])
