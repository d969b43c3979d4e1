"""`caqes envelope` : la distribution de l'usage d'une enveloppe régionale fermée, par tirages."""

from __future__ import annotations

import argparse
import math
import sys

import numpy as np
import pandas as pd

from openfisca_caqes import couverture_regionale as cr
from openfisca_caqes import ecran
from openfisca_caqes.comparaison import erreur_utilisateur, identite, libelles, systeme_du_scenario
from openfisca_caqes.options import ajouter_option_tout, annee, graine, reel_fini
from openfisca_caqes.population import construire_simulation, lire_tableau
from openfisca_caqes.population.besoins import Question, ajouter_option_completer, exiger
from openfisca_caqes.population.chargement import schema_region
from openfisca_caqes.population.defaut import resoudre
from openfisca_caqes.population.options_lecture import ajouter_options_lecture, options_lecture
from openfisca_caqes.simulation_enveloppe import (
    DISPERSION_COMMUNE,
    DISPERSION_ETABLISSEMENT,
    ResultatEnveloppe,
    annees,
    regles_enveloppe,
    simuler,
)
from openfisca_caqes.sorties import verifier_sortie
from openfisca_caqes.systeme import systeme_de_base

ANNEE_PAR_DEFAUT = 2025  # dernière évaluation décrite par les seeds (seed 002 : évaluation 2025, payée en 2026)
TIRAGES_PAR_DEFAUT = 1000
VARIABLE_GAGNE = "interessement_regional"

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


def lire_montant(texte: str) -> int:
    nettoye = str(texte).replace(" ", "").replace("\u202f", "").replace("_", "").replace("€", "").replace(",", ".")
    try:
        valeur = float(nettoye)
    except ValueError:
        raise erreur_utilisateur(f"--montant {texte} : montant en euros attendu (ex. 3500000)") from None
    if not math.isfinite(valeur) or valeur < 0:
        raise erreur_utilisateur(f"--montant {texte} : le montant doit être un nombre positif d'euros")
    return int(math.floor(valeur))


def verifier(arguments, systeme) -> None:
    if arguments.draws < 1:
        raise erreur_utilisateur(f"--tirages {arguments.draws} : au moins un tirage")
    if arguments.dispersion < 0 or arguments.dispersion_commune < 0:
        raise erreur_utilisateur("--dispersion et --dispersion-commune doivent être positives ou nulles")
    regions = schema_region(systeme)
    if arguments.region not in regions:
        raise erreur_utilisateur(f"région « {arguments.region} » inconnue ; codes admis : {', '.join(regions)}")


def preparer(arguments, tableau: pd.DataFrame, nom: str, systeme, montant: int | None = None):
    """La simulation de la région, ses établissements et leur intéressement régional gagné (le centre).

    Avec `montant`, l'enveloppe de la région est ce montant pour tout le calcul de la loi (valeur du
    point comprise), comme une enveloppe donnée dans le fichier ; sinon, celle du fichier.
    """
    if arguments.year is None and arguments.annee_caisse is None:
        arguments.year = ANNEE_PAR_DEFAUT
    try:
        annee_performance, annee_caisse = annees(systeme, arguments.year, arguments.annee_caisse)
    except Exception as erreur:  # année hors du calendrier de la loi
        raise erreur_utilisateur(f"année hors du calendrier de paiement de la loi : {erreur}") from None
    regions = tableau["region"].astype(str).str.strip()
    dans_region = (regions == arguments.region).to_numpy()
    if not dans_region.any():
        presentes = ", ".join(sorted(regions.unique()))
        raise erreur_utilisateur(f"aucun établissement de la région « {arguments.region} » dans {nom} (régions : {presentes})")
    couverture = cr.couverture(systeme, annee_performance, [arguments.region]).get(arguments.region)
    if couverture is not None and couverture.statut == cr.STATUT_ABSENT:
        raise erreur_utilisateur(
            f"indicateurs régionaux non modélisés pour {_nom_region(systeme, arguments.region)} en {annee_performance} : "
            "son intéressement régional n'est pas calculé (aucune règle régionale encodée), l'enveloppe ne peut pas "
            "être simulée ; régions encodées : " + ", ".join(_regions_encodees(systeme, annee_performance))
        )
    sous_tableau = tableau[dans_region].reset_index(drop=True)
    simulation = construire_simulation(systeme, sous_tableau, nom)
    exiger(simulation, [Question.de([VARIABLE_GAGNE], annee_performance)], getattr(arguments, "completer_par_defaut", False))
    if VARIABLE_GAGNE not in systeme.variables:
        raise erreur_utilisateur(f"la loi ne définit pas encore « {VARIABLE_GAGNE} » (intéressement régional gagné)")
    enveloppe_fichier = _enveloppe_population(simulation, annee_performance)
    if montant is not None:
        simulation.set_input("enveloppe_regionale", str(annee_performance), np.array([montant], dtype=np.int64))
    try:
        centre = simulation.calculate(VARIABLE_GAGNE, str(annee_performance)).astype(np.float64)
        plafond, integrale = regles_enveloppe(systeme, annee_performance)
    except Exception as erreur:  # la loi de l'année n'a pas d'enveloppe régionale (avant 2022, après 2026)
        raise erreur_utilisateur(
            f"année de performance {annee_performance} : pas d'enveloppe régionale dans la loi ({erreur})"
        ) from None
    if not centre.any():
        conseil = ""
        if annee_performance >= 2027:
            conseil = (
                " ; le CAQES est abrogé au 1er janvier 2027 et 2026 est sa dernière année évaluée : "
                "l'enveloppe payée en 2027 (--annee-caisse 2027) porte sur les résultats 2026"
            )
        partiel = avertissement_couverture({"couverture": couverture}, systeme)
        conseil += f" ; {partiel}" if partiel else ""
        raise erreur_utilisateur(
            f"aucun intéressement régional gagné en {annee_performance} dans la région {arguments.region}{conseil}"
        )
    contexte = {
        "annee_performance": annee_performance,
        "annee_caisse": annee_caisse,
        "plafond_part_enveloppe": plafond,
        "repartition_integrale": integrale,
        "enveloppe_population": enveloppe_fichier,
        "couverture": couverture,
        **_lecture_nationaux(simulation, systeme, annee_performance),
    }
    return identite(sous_tableau), centre, contexte


def _nom_region(systeme, code: str) -> str:
    return libelles(systeme).get("region", {}).get(code, code)


def _regions_encodees(systeme, annee: int) -> list[str]:
    couvertures = cr.couverture(systeme, annee, cr.codes_regions(systeme))
    return [_nom_region(systeme, r) for r, c in couvertures.items() if c.statut != cr.STATUT_ABSENT]


def avertissement_couverture(contexte: dict, systeme) -> str | None:
    """Une phrase si la région n'a qu'une partie de ses indicateurs régionaux encodés (tirages partiels)."""
    couverture = contexte.get("couverture")
    if couverture is None or couverture.statut != cr.STATUT_PARTIEL:
        return None
    manquants = sorted(set(couverture.connus) - set(couverture.modelises))
    return (
        f"indicateurs régionaux partiellement modélisés pour {_nom_region(systeme, couverture.region)} en "
        f"{couverture.annee} : les tirages ne portent que sur {', '.join(couverture.modelises)} ; non modélisés "
        f"(comptés 0, pas calculés) : {', '.join(manquants)}"
    )


def _enveloppe_population(simulation, annee: int) -> int | None:
    try:
        return int(simulation.calculate("enveloppe_regionale", str(annee))[0])
    except Exception:  # la population ne porte pas d'enveloppe
        return None


def _lecture_nationaux(simulation, systeme, annee: int) -> dict:
    """Intéressements nationaux de la région et lecture en vigueur de leur financement (dans l'enveloppe ou à part)."""
    regles = systeme.parameters(f"{annee}-01-01").caqes.enveloppe_regionale
    dans = bool(regles.interessement_national_dans_enveloppe) if "interessement_national_dans_enveloppe" in regles else False
    return {"nationaux": int(simulation.calculate("interessement_national_region", str(annee)).sum()), "nationaux_dans_enveloppe": dans}


def lecture_nationaux(contexte: dict, montant: int) -> tuple[int, str]:
    """Le montant ouvert aux régionaux selon la lecture en vigueur, et la ligne qui nomme les deux lectures."""
    dans, hors = max(montant - contexte["nationaux"], 0), montant
    retenu, autre = (dans, hors) if contexte["nationaux_dans_enveloppe"] else (hors, dans)
    lecture = "payés dans l'enveloppe" if contexte["nationaux_dans_enveloppe"] else "financés hors de l'enveloppe"
    euros = lambda valeur: f"{valeur:,} €".replace(",", " ")  # noqa: E731
    ligne = (f"Intéressements nationaux de la région ({euros(contexte['nationaux'])}) {lecture} (lecture en vigueur, "
             f"caqes.enveloppe_regionale.interessement_national_dans_enveloppe) : {euros(retenu)} pour les régionaux ; "
             f"autre lecture : {euros(autre)}.")
    return retenu, ligne


def executer(arguments) -> int:
    from openfisca_caqes.rapport import ecrire_classeur

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
        ecrire_classeur(feuilles, sortie)
        ecran.lignes(["", f"Écrit : {sortie}"])
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


def _texte_couverture(couverture) -> str:
    if couverture is None:
        return "sans objet"
    return f"{couverture.texte} : {', '.join(couverture.modelises) or 'aucun'}"


def modele(resultat: ResultatEnveloppe, contexte: dict, arguments) -> pd.DataFrame:
    """Les hypothèses du calcul, en clair."""
    return pd.DataFrame(
        [
            ("Région", arguments.region),
            ("Année de performance (évaluée)", contexte["annee_performance"]),
            ("Année de caisse (paiement)", contexte["annee_caisse"]),
            ("Enveloppe ouverte aux régionaux (€)", resultat.montant),
            ("Financement des intéressements nationaux", contexte.get("ligne_nationaux", "")),
            ("Tirages", resultat.tirages),
            ("Graine", resultat.graine),
            ("Centre des tirages", "intéressement régional gagné calculé par la loi sur les données de l'année"),
            ("Aléa propre (σ lognormal, espérance 1)", resultat.dispersion),
            ("Choc commun à la région (σ lognormal, espérance 1)", resultat.dispersion_commune),
            ("Plafond par établissement (part de l'enveloppe)", contexte["plafond_part_enveloppe"]),
            ("Répartition intégrale de l'enveloppe", "oui" if contexte["repartition_integrale"] else "non"),
            ("Loi", arguments.scenario or "référence"),
            ("Indicateurs régionaux de la région", _texte_couverture(contexte.get("couverture"))),
        ],
        columns=["Hypothèse", "Valeur"],
    )
