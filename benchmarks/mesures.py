"""Une mesure = un processus neuf : `python benchmarks/mesures.py TACHE PARAMETRES_JSON`.

Chaque tâche prépare ce dont elle a besoin (hors mesure), puis chronomètre une seule opération
et relève le pic de mémoire résidente du processus PENDANT cette opération (VmHWM remis à zéro
juste avant, via /proc/self/clear_refs ; à défaut, le pic depuis le lancement). Elle écrit une
ligne JSON sur la sortie standard : {"secondes", "pic_mo", "rss_debut_mo", ...}.

Le plancher et le paquet d'une phase sont mesurés dans deux processus distincts, l'un après
l'autre, dans la même exécution du banc : ni cache partagé, ni mémoire héritée.
"""

from __future__ import annotations

import gc
import json
import os
import re
import sys
import time

RACINE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if RACINE not in sys.path:
    sys.path.insert(0, RACINE)


# --- mémoire ---------------------------------------------------------------------------------------

def _statut(cle: str) -> float:
    with open("/proc/self/status") as fichier:
        valeur = re.search(rf"^{cle}:\s+(\d+) kB", fichier.read(), re.MULTILINE)
    return int(valeur.group(1)) / 1024 if valeur else float("nan")


def _remettre_pic() -> bool:
    try:
        with open("/proc/self/clear_refs", "w") as fichier:
            fichier.write("5")  # remet VmHWM à la mémoire résidente actuelle (Linux ≥ 4.0)
        return True
    except OSError:
        return False


def mesurer(operation):
    """Chronomètre `operation()` et relève le pic de mémoire résidente pendant son exécution."""
    gc.collect()
    remis = _remettre_pic()
    rss_debut = _statut("VmRSS")
    debut = time.perf_counter()
    resultat = operation()
    secondes = time.perf_counter() - debut
    pic = _statut("VmHWM")
    return resultat, {"secondes": secondes, "pic_mo": pic, "rss_debut_mo": rss_debut, "pic_depuis_debut": not remis}


# --- préparations partagées -----------------------------------------------------------------------

def _tableau(parametres):
    """Le tableau lu par le chargeur du paquet (lire_tableau), mis en cache par le banc (pickle)."""
    import pandas as pd

    cache = parametres.get("cache_tableau")
    if cache and os.path.exists(cache):
        return pd.read_pickle(cache), parametres["fichier"]
    from openfisca_caqes.population import lire_tableau

    return lire_tableau(parametres["fichier"])


def _colonnes(systeme, regimes):
    from openfisca_caqes.comparaison import REGIMES, Colonne

    return [(Colonne(libelle, REGIMES[libelle]), systeme) for libelle in regimes]


# --- tâches ----------------------------------------------------------------------------------------

def loi_plancher(parametres):
    debut = time.perf_counter()
    import openfisca_core  # noqa: F401

    return {"secondes": time.perf_counter() - debut, "pic_mo": _statut("VmHWM"), "rss_debut_mo": float("nan")}


def loi_paquet(parametres):
    debut = time.perf_counter()
    from openfisca_caqes import CountryTaxBenefitSystem

    importe = time.perf_counter()
    CountryTaxBenefitSystem()
    fin = time.perf_counter()
    return {
        "secondes": fin - debut, "import_s": importe - debut, "construction_s": fin - importe,
        "pic_mo": _statut("VmHWM"), "rss_debut_mo": float("nan"),
    }


def chargement_plancher(parametres):
    """La lecture seule : `pandas.read_csv` du CSV (ou `pyarrow.parquet.read_table` du Parquet), chaque colonne en numpy."""
    def lire_csv():
        import pandas as pd

        tableau = pd.read_csv(parametres["fichier"])
        return {colonne: tableau[colonne].to_numpy() for colonne in tableau.columns}

    def lire_parquet():
        import pyarrow.parquet as pq

        table = pq.read_table(parametres["fichier"])
        return {nom: table.column(nom).to_numpy() for nom in table.column_names}

    colonnes, mesure = mesurer(lire_parquet if str(parametres["fichier"]).endswith(".parquet") else lire_csv)
    mesure["colonnes"] = len(colonnes)
    return mesure


def _du_parquet(parametres):
    """Les mêmes paramètres, le fichier Parquet (écrit par la tâche `cache`) à la place du CSV."""
    return dict(parametres, fichier=parametres["parquet"])


def chargement_paquet(parametres):
    """`charger_population` (lecture par `lire_tableau` du CSV ou du Parquet, puis `construire_simulation`), chaque
    étape chronométrée."""
    from openfisca_caqes.population import construire_simulation, lire_tableau
    from openfisca_caqes.systeme import systeme_de_base

    systeme = systeme_de_base()
    etapes = {}

    def charger():  # le corps de charger_population, étape par étape
        debut = time.perf_counter()
        tableau, nom = lire_tableau(parametres["fichier"])
        etapes["lecture_s"] = time.perf_counter() - debut
        debut = time.perf_counter()
        simulation = construire_simulation(systeme, tableau, nom)
        etapes["construction_s"] = time.perf_counter() - debut
        return simulation

    simulation, mesure = mesurer(charger)
    mesure.update(etapes, etablissements=int(simulation.populations["etablissement"].count))
    return mesure


def _plancher(regime: str):
    """Le module du plancher d'un régime et l'année évaluée : 2018 (plancher_2018, 2019), 2022 et 2025 (plancher_2025), 2027 (plancher_2027)."""
    from benchmarks import plancher_2018, plancher_2025, plancher_2027

    if regime == "2018":
        return plancher_2018, 2019
    return (plancher_2027, 2027) if regime == "2027" else (plancher_2025, int(regime))


def calcul_plancher(parametres):
    """Le plancher numpy d'un régime (`regime` : 2018, 2022, 2025 par défaut, 2027), opération seule."""
    from openfisca_caqes.systeme import systeme_de_base

    module, annee = _plancher(str(parametres.get("regime", "2025")))
    systeme = systeme_de_base()
    tableau, _ = _tableau(parametres)
    donnees, regles = module.preparer(systeme, tableau, annee)
    del tableau
    _, mesure = mesurer(lambda: module.calculer(donnees, regles))
    mesure.update(module.STATISTIQUES)
    return mesure


def verification_planchers(parametres):
    """Égalité de chaque plancher avec la colonne de son régime dans `comparer` (hors mesure) : écarts par régime."""
    from benchmarks import plancher_2025
    from openfisca_caqes.comparaison import comparer
    from openfisca_caqes.systeme import systeme_de_base

    systeme = systeme_de_base()
    tableau, nom = _tableau(parametres)
    comparaison = comparer(tableau, _colonnes(systeme, list(REGIMES_PLANCHERS)), REGIMES_PLANCHERS[0], nom)
    ecarts = {}
    for evaluation in comparaison.evaluations:
        module, annee = _plancher(evaluation.colonne.libelle)
        donnees, regles = module.preparer(systeme, tableau, annee)
        ecarts[evaluation.colonne.libelle] = plancher_2025.ecarts(module.calculer(donnees, regles), evaluation.valeurs)
        ecarts[f"{evaluation.colonne.libelle}.statistiques"] = dict(module.STATISTIQUES)
    return {"secondes": 0.0, "pic_mo": _statut("VmHWM"), "rss_debut_mo": float("nan"), "ecarts": ecarts}


REGIMES_PLANCHERS = ("2018", "2022", "2025", "2027")  # un plancher par régime (docs/performance.md)


def calcul_paquet_regime(parametres):
    """Un régime seul (`regime`), sur une simulation déjà construite, sans trace."""
    from openfisca_caqes.comparaison import Evaluateur
    from openfisca_caqes.systeme import systeme_de_base

    systeme = systeme_de_base()
    tableau, nom = _tableau(parametres)
    evaluateur = Evaluateur(tableau, nom, tracer=False)
    evaluateur.simulation(systeme, 0)
    (colonne, _), = _colonnes(systeme, [str(parametres["regime"])])
    _, mesure = mesurer(lambda: evaluateur.evaluer(systeme, colonne))
    return mesure


def _verifier(systeme, tableau, valeurs_2025) -> list[str]:
    """Le plancher numpy rend-il les mêmes nombres que la colonne 2025 de la comparaison ?"""
    from benchmarks import plancher_2025

    donnees, regles = plancher_2025.preparer(systeme, tableau)
    return plancher_2025.ecarts(plancher_2025.calculer(donnees, regles), valeurs_2025)


def calcul_paquet_2025(parametres):
    """Le régime 2025 seul, sur une simulation déjà construite (la construction est la phase 2)."""
    from openfisca_caqes.comparaison import Evaluateur
    from openfisca_caqes.systeme import systeme_de_base

    systeme = systeme_de_base()
    tableau, nom = _tableau(parametres)
    evaluateur = Evaluateur(tableau, nom, tracer=False)
    evaluateur.simulation(systeme, 0)
    (colonne, _), = _colonnes(systeme, ["2025"])
    evaluation, mesure = mesurer(lambda: evaluateur.evaluer(systeme, colonne))
    mesure["ecarts"] = _verifier(systeme, tableau, evaluation.valeurs)
    return mesure


def calcul_paquet_4(parametres):
    """Les quatre régimes, sur une simulation déjà construite, sans trace."""
    from openfisca_caqes.comparaison import Evaluateur
    from openfisca_caqes.systeme import systeme_de_base

    systeme = systeme_de_base()
    tableau, nom = _tableau(parametres)
    evaluateur = Evaluateur(tableau, nom, tracer=False)
    evaluateur.simulation(systeme, 0)
    colonnes = _colonnes(systeme, ["2018", "2022", "2025", "2027"])
    _, mesure = mesurer(lambda: [evaluateur.evaluer(loi, colonne) for colonne, loi in colonnes])
    return mesure


def calcul_comparer(parametres):
    """`comparaison.comparer` tel que `caqes compare` l'appelle : construction, quatre régimes, trace, tableaux."""
    from openfisca_caqes.comparaison import comparer
    from openfisca_caqes.systeme import systeme_de_base

    systeme = systeme_de_base()
    tableau, nom = _tableau(parametres)
    colonnes = _colonnes(systeme, ["2018", "2022", "2025", "2027"])
    comparaison, mesure = mesurer(lambda: comparer(tableau, colonnes, "2018", nom))
    evaluation = next(e for e in comparaison.evaluations if e.colonne.libelle == "2025")
    mesure["ecarts"] = _verifier(systeme, tableau, evaluation.valeurs)
    mesure["lignes_detail"] = len(comparaison.detail)
    return mesure


def preparer_cache(parametres):
    """Lit le fichier avec le chargeur du paquet et garde le tableau (pickle) pour les autres mesures."""
    from openfisca_caqes.population import lire_tableau

    tableau, _ = lire_tableau(parametres["fichier"])
    tableau.to_pickle(parametres["cache_tableau"])
    if parametres.get("parquet"):  # le même contenu en Parquet, pour le chargement depuis Parquet
        tableau.to_parquet(parametres["parquet"], index=False)
    return {"secondes": 0.0, "pic_mo": _statut("VmHWM"), "rss_debut_mo": float("nan")}


def scenario_plancher(parametres):
    """La construction de la loi de référence (modules déjà importés)."""
    from openfisca_caqes import CountryTaxBenefitSystem

    _, mesure = mesurer(CountryTaxBenefitSystem)
    return mesure


def scenario_paquet(parametres):
    """Chaque scénario livré, construit à partir de la loi de référence déjà chargée.

    Un crochet d'audit compte les fichiers de paramètres (YAML) ouverts pendant la construction.
    """
    from openfisca_caqes import DOSSIER_PARAMETRES, scenarios
    from openfisca_caqes.systeme import systeme_de_base

    systeme_de_base()
    ouverts: list[str] = []
    dossier = str(DOSSIER_PARAMETRES)

    def audit(evenement, arguments):
        if evenement == "open" and arguments and isinstance(arguments[0], str) and arguments[0].startswith(dossier):
            ouverts.append(arguments[0])

    sys.addaudithook(audit)
    par_scenario = {}
    for nom in scenarios.scenarios_disponibles():
        avant = len(ouverts)
        _, mesure = mesurer(lambda nom=nom: scenarios.charger_scenario(nom))
        par_scenario[nom] = dict(mesure, fichiers_parametres_lus=len(ouverts) - avant)
    pire = max(par_scenario, key=lambda nom: par_scenario[nom]["secondes"])
    plus_lourd = max(par_scenario.values(), key=lambda mesure: mesure["pic_mo"] - mesure["rss_debut_mo"])
    return {
        "secondes": par_scenario[pire]["secondes"], "pire": pire, "par_scenario": par_scenario,
        "fichiers_parametres_lus": len(ouverts), "pic_mo": plus_lourd["pic_mo"], "rss_debut_mo": plus_lourd["rss_debut_mo"],
    }


def _enveloppe(parametres, tirages: int):
    """`caqes envelope` sur la population embarquée : la loi calcule le centre (intéressement régional
    gagné de chaque établissement de la région), puis `simuler` tire et répartit.

    Deux mesures : la simulation complète (préparation par la loi + tirages), et les tirages seuls
    (`simulation_enveloppe.simuler`). Un tirage seul dure ~0,1 ms : sa mesure est la médiane de
    onze appels ; tout est précédé d'un échauffement identique pour les deux variantes.
    """
    import argparse
    import statistics

    from openfisca_caqes.commandes.envelope import preparer
    from openfisca_caqes.population import lire_tableau
    from openfisca_caqes.population.defaut import resoudre
    from openfisca_caqes.simulation_enveloppe import DISPERSION_COMMUNE, DISPERSION_ETABLISSEMENT, simuler
    from openfisca_caqes.systeme import systeme_de_base

    systeme = systeme_de_base()
    tableau, nom = lire_tableau(resoudre("default"))

    def preparer_region():
        arguments = argparse.Namespace(year=parametres["annee"], annee_caisse=None, region=parametres["region"])
        return preparer(arguments, tableau, nom, systeme)

    def tirer(centre, contexte, nombre):
        return simuler(
            centre, contexte["enveloppe_population"], nombre, 0, DISPERSION_ETABLISSEMENT, DISPERSION_COMMUNE,
            contexte["plafond_part_enveloppe"], contexte["repartition_integrale"], progression=False,
        )

    def complete():
        _, centre, contexte = preparer_region()
        return tirer(centre, contexte, tirages)

    _, centre, contexte = preparer_region()  # échauffement : imports paresseux, caches du schéma
    tirer(centre, contexte, 1)
    _, mesure = mesurer(complete)
    repetitions = 11 if tirages == 1 else 1
    noyau = []
    for _ in range(repetitions):
        resultat, mesure_noyau = mesurer(lambda: tirer(centre, contexte, tirages))
        noyau.append(mesure_noyau["secondes"])
    return {
        "secondes": mesure["secondes"], "pic_mo": mesure["pic_mo"], "rss_debut_mo": mesure["rss_debut_mo"],
        "tirages_s": statistics.median(noyau), "pic_tirages_mo": mesure_noyau["pic_mo"],
        "etablissements": len(centre), "gagnants": int((centre > 0).sum()), "montant": int(contexte["enveloppe_population"]),
        "probabilite_reduction": resultat.probabilite_reduction,
    }


def enveloppe_plancher(parametres):
    return _enveloppe(parametres, 1)


def enveloppe_paquet(parametres):
    return _enveloppe(parametres, parametres["tirages"])


TACHES = {
    "loi.plancher": loi_plancher,
    "loi.paquet": loi_paquet,
    "chargement.plancher": chargement_plancher,
    "chargement.paquet": chargement_paquet,
    "chargement.parquet_plancher": lambda p: chargement_plancher(_du_parquet(p)),
    "chargement.parquet_paquet": lambda p: chargement_paquet(_du_parquet(p)),
    "calcul.plancher": calcul_plancher,
    **{f"calcul.plancher_{r}": (lambda p, r=r: calcul_plancher(dict(p, regime=r))) for r in REGIMES_PLANCHERS},
    **{f"calcul.paquet_{r}": (lambda p, r=r: calcul_paquet_regime(dict(p, regime=r))) for r in ("2018", "2022", "2027")},
    "verification.planchers": verification_planchers,
    "calcul.paquet_2025": calcul_paquet_2025,
    "calcul.paquet_4": calcul_paquet_4,
    "calcul.comparer": calcul_comparer,
    "cache": preparer_cache,
    "scenario.plancher": scenario_plancher,
    "scenario.paquet": scenario_paquet,
    "enveloppe.plancher": enveloppe_plancher,
    "enveloppe.paquet": enveloppe_paquet,
}


if __name__ == "__main__":
    tache, parametres = sys.argv[1], json.loads(sys.argv[2])
    print(json.dumps(TACHES[tache](parametres)))
