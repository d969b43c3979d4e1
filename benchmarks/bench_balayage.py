"""Banc d'essai des balayages (issue 13) : points par seconde avec 1 et 2 processus Dask, contre une évaluation ordinaire.

    python benchmarks/bench_balayage.py --n 2000                    # essai rapide
    python benchmarks/bench_balayage.py --n 100000                  # la mesure de docs/balayage.md

La population nationale synthétique (réduite aux colonnes que lisent les régimes, comme le banc
de performance) est générée une fois dans un dossier temporaire. Mesures, dans l'ordre :
1. l'évaluation ordinaire : lire et construire la population, calculer l'année 2027 (scénario central) ;
2. le calcul seul d'un point sur la population construite (une branche, `travail.EtatTravailleur`) ;
3. le balayage reforms/balayages/ifep_trois_hypotheses.yaml par `caqes balayage --workers k`
   (cluster local démarré, construction de la population dans chaque processus, tous les points).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
if str(RACINE) not in sys.path:
    sys.path.insert(0, str(RACINE))

FICHIER = RACINE / "reforms" / "balayages" / "ifep_trois_hypotheses.yaml"


def evaluation_ordinaire(population: Path) -> float:
    """Secondes d'une évaluation sans balayage : construire la simulation et calculer 2027."""
    from openfisca_caqes.comparaison import systeme_du_scenario
    from openfisca_caqes.population import charger_population

    systeme = systeme_du_scenario("central")
    debut = time.perf_counter()
    simulation = charger_population(systeme, population)
    for variable in ("interessement_total", "penalite_totale", "solde_financier", "ifep_plafond_penalite"):
        simulation.calculate(variable, "2027")
    return time.perf_counter() - debut


def point_sur_branche(population: Path, repetitions: int = 5) -> tuple[float, float]:
    """(secondes de la première construction avec trace, secondes médianes d'un point sur une branche)."""
    from openfisca_caqes.balayage.execution import contexte
    from openfisca_caqes.balayage.specification import lire_fichier
    from openfisca_caqes.balayage.travail import EtatTravailleur
    from openfisca_caqes.comparaison import systeme_du_scenario

    balayage = lire_fichier(FICHIER, systeme_du_scenario("central").parameters)
    debut = time.perf_counter()
    etat = EtatTravailleur(contexte(balayage, population), 0)
    construction = time.perf_counter() - debut
    durees = []
    for rang in range(repetitions):
        valeurs = {h.nom: h.tirer((rang + 0.5) / repetitions) for h in balayage.hypotheses}
        debut = time.perf_counter()
        etat.evaluer(balayage.changements(valeurs), 2027)
        durees.append(time.perf_counter() - debut)
    return construction, sorted(durees)[len(durees) // 2]


def balayage_cli(population: Path, travailleurs: int, dossier: Path) -> tuple[float, int]:
    """(secondes, points) de `caqes balayage` avec k processus Dask locaux."""
    import pandas as pd

    from openfisca_caqes.cli import main

    sortie = dossier / f"balayage_{travailleurs}.parquet"
    debut = time.perf_counter()
    code = main(["balayage", str(FICHIER), "--population", str(population), "--workers", str(travailleurs), "--output", str(sortie)])
    duree = time.perf_counter() - debut
    if code != 0:
        raise SystemExit(f"caqes balayage a échoué (code {code})")
    return duree, int(pd.read_parquet(sortie)["point"].nunique())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=2000, help="nombre d'établissements de la population nationale synthétique")
    parser.add_argument("--population", type=Path, default=None, help="un fichier de population existant (sinon généré)")
    parser.add_argument("--travailleurs", default="1,2", help="nombres de processus Dask à mesurer")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-balayage-") as temporaire:
        dossier = Path(temporaire)
        population = arguments.population
        infos = {}
        if population is None:
            from benchmarks.population_bench import colonnes_lues, ecrire_population

            population, infos = ecrire_population(arguments.n, dossier, colonnes_lues())
        mesures = {"etablissements": infos.get("etablissements"), "coeurs": os.cpu_count(), "population": infos}
        mesures["evaluation_ordinaire_s"] = evaluation_ordinaire(population)
        construction, point = point_sur_branche(population)
        mesures["construction_avec_trace_s"] = construction
        mesures["point_sur_branche_s"] = point
        mesures["point_sur_evaluation"] = point / mesures["evaluation_ordinaire_s"]
        for travailleurs in (int(k) for k in arguments.travailleurs.split(",")):
            duree, points = balayage_cli(population, travailleurs, dossier)
            mesures[f"balayage_{travailleurs}_processus"] = {"secondes": duree, "points": points, "points_par_seconde": points / duree}
        print(json.dumps(mesures, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
