"""Ce que l'utilisateur lance : les commandes entières, chronométrées comme processus, avec leur pic de mémoire.

    python benchmarks/bench_commandes.py --n 1000,10000 --executions 1
    python benchmarks/bench_commandes.py --n 50000 --executions 5 --seulement compare_xlsx   # cible à 50 000
    python benchmarks/bench_commandes.py --n 1000,10000,100000,1000000 --executions 5       # la mesure complète

Chaque commande (`caqes compare --output x.xlsx`, `--output x.csv`, `caqes report`, `caqes simulate
--year 2025 --output x.csv`) est un processus neuf ; son temps est le temps écoulé du processus
(démarrage de Python et import compris) et son pic le `ru_maxrss` que rend `os.wait4` (le pic
résident du processus enfant). Les planchers sont mesurés dans la même exécution, chacun dans un
processus neuf : la lecture (`pandas.read_csv` du même fichier, processus entier) et le calcul
(les planchers numpy des régimes, `benchmarks/mesures.py calcul.plancher…`, opération seule).

Populations : le générateur national (`openfisca_caqes.population.generation.generer(n)`), toutes
ses colonnes (~1 300, « completes ») jusqu'à `--max-completes` établissements ; au-delà, réduite
aux colonnes que lisent les quatre régimes (« lues », `benchmarks/population_bench.py`) : un
fichier complet d'un million de sites ferait ~10 Go de CSV et ~10 Go de mémoire pour le lire.
Deux variantes : « generateur » telle quelle ; « liante » avec des potentiels saisis
(conciliation 40 000,50 €, analyse pharmaceutique 25 000 €) : la somme des intéressements gagnés
dépasse l'enveloppe d'Occitanie (répartition au prorata, plus fort reste) et chaque potentiel
saisi plafonne l'intéressement de son établissement.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
if str(RACINE) not in sys.path:
    sys.path.insert(0, str(RACINE))

from benchmarks.bench_performance import executer, machine, publier  # noqa: E402
from benchmarks.mesures import REGIMES_PLANCHERS  # noqa: E402

CAQES = [sys.executable, "-m", "openfisca_caqes.cli"]
COMMANDES = {  # nom : arguments après `caqes` (FICHIER : la population ; SORTIE : un dossier neuf)
    "compare_xlsx": ["compare", "--population", "FICHIER", "--output", "SORTIE/comparaison.xlsx"],
    "compare_csv": ["compare", "--population", "FICHIER", "--output", "SORTIE/comparaison.csv"],
    "report": ["report", "--population", "FICHIER", "--output-dir", "SORTIE"],
    "simulate_2025": ["simulate", "--population", "FICHIER", "--year", "2025", "--output", "SORTIE/simulation.csv"],
}
LECTURE_PLANCHER = "import sys, pandas; t = pandas.read_csv(sys.argv[1]); [t[c].to_numpy() for c in t.columns]"
CIBLES = {  # issue 14, point 5
    "compare_sortie": 2.0,  # ≤ 2 × (lecture + planchers du calcul), à 1 000 000
    "pic_compare_mo": 4 * 1024,
    "compare_xlsx_50000": 1.5,  # ≤ 1,5 × une lecture pandas, à 50 000, colonnes complètes
    "pic_compare_xlsx_50000_mo": 1024,
}


def processus(argv: list[str], env: dict | None = None) -> dict:
    """Lance `argv` ; rend le temps écoulé, le pic résident (ru_maxrss de l'enfant) et le code de sortie."""
    debut = time.perf_counter()
    enfant = subprocess.Popen(argv, cwd=str(RACINE), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, statut, usage = os.wait4(enfant.pid, 0)
    secondes = time.perf_counter() - debut
    erreur = enfant.stderr.read().decode("utf-8", "replace")
    enfant.stderr.close()
    code = os.waitstatus_to_exitcode(statut)
    if code != 0:
        raise RuntimeError(f"{' '.join(argv)} : code {code}\n{erreur[-3000:]}")
    return {"secondes": secondes, "pic_mo": usage.ru_maxrss / 1024, "cpu_s": usage.ru_utime + usage.ru_stime}


def _lignes(chemin: Path) -> int:
    """Le nombre de lignes d'un fichier, lu par blocs : le banc ne doit pas grossir (un enfant hérite de son pic)."""
    with chemin.open("rb") as fichier:
        return sum(bloc.count(b"\n") for bloc in iter(lambda: fichier.read(1 << 24), b""))


def environnement() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(RACINE), env.get("PYTHONPATH")]))
    return env


def ecrire(n: int, dossier: Path, completes: bool, variante: str, colonnes_lues: list[str] | None) -> tuple[Path, dict]:
    """Écrit la population de n sites (CSV, comme scripts/generer_population.py)."""
    from benchmarks.population_bench import FORMAT_FLOTTANT, POTENTIELS_LIANTS, generer_reduite
    from openfisca_caqes.population import generation

    debut = time.perf_counter()
    tableau = generation.generer(n) if completes else generer_reduite(n, colonnes_lues)
    if variante == "liante":
        for colonne, valeur in POTENTIELS_LIANTS.items():
            tableau[colonne] = valeur
    chemin = dossier / f"population_{n}_{'completes' if completes else 'lues'}_{variante}.csv"
    tableau.to_csv(chemin, index=False, encoding="utf-8", float_format=FORMAT_FLOTTANT)
    infos = {
        "fichier": str(chemin), "etablissements": len(tableau), "colonnes": tableau.shape[1], "octets": chemin.stat().st_size,
        "colonnes_completes": completes, "variante": variante, "generation_ecriture_s": time.perf_counter() - debut,
    }
    return chemin, infos


def ecrire_a_part(n: int, dossier: Path, completes: bool, variante: str, colonnes_lues: list[str] | None):
    """`ecrire` dans un processus à part : le banc reste petit, et ses enfants n'héritent pas de son pic (`ru_maxrss`
    passe par `fork` et `exec`), sinon le pic d'une commande serait au moins celui de la génération."""
    code = (
        "import json, sys; from pathlib import Path; from benchmarks.bench_commandes import ecrire; "
        "a = json.loads(sys.argv[1]); c, i = ecrire(a['n'], Path(a['dossier']), a['completes'], a['variante'], a['lues']); "
        "print(json.dumps({'chemin': str(c), 'infos': i}))"
    )
    arguments = json.dumps({"n": n, "dossier": str(dossier), "completes": completes, "variante": variante, "lues": colonnes_lues})
    sortie = subprocess.run([sys.executable, "-c", code, arguments], cwd=str(RACINE), env=environnement(),
                            capture_output=True, text=True, check=True)
    resultat = json.loads(sortie.stdout.strip().splitlines()[-1])
    return Path(resultat["chemin"]), resultat["infos"]


def planchers_calcul(fichier: Path, cache: Path) -> dict:
    """Les planchers numpy du calcul (opération seule, processus neuf chacun) ; un régime sans plancher est absent."""
    parametres = {"fichier": str(fichier), "cache_tableau": str(cache)}
    resultats = {}
    for regime in REGIMES_PLANCHERS:  # un plancher par régime
        resultats[regime] = executer(f"calcul.plancher_{regime}", parametres)
    return resultats


def une_execution(fichiers: dict, seulement: list[str], journal) -> dict:
    env = environnement()
    resultats = {}
    for cle, infos in fichiers.items():
        fichier = infos["fichier"]
        mesures = {"lecture_plancher": processus([sys.executable, "-c", LECTURE_PLANCHER, fichier], env)}
        mesures["calcul_plancher"] = planchers_calcul(Path(fichier), Path(infos["cache"]))
        for nom in seulement:
            sortie = Path(tempfile.mkdtemp(prefix=f"sortie_{nom}_", dir=Path(fichier).parent))
            argv = CAQES + [a.replace("FICHIER", fichier).replace("SORTIE", str(sortie)) for a in COMMANDES[nom]]
            mesures[nom] = processus(argv, env)
            mesures[nom]["octets_sortie"] = sum(f.stat().st_size for f in sortie.rglob("*") if f.is_file())
            shutil.rmtree(sortie)
            journal(f"  {cle:<40} {nom:<14} {mesures[nom]['secondes']:9.2f} s  pic {mesures[nom]['pic_mo']:8,.0f} Mo")
        journal(f"  {cle:<40} {'lecture pandas':<14} {mesures['lecture_plancher']['secondes']:9.2f} s  "
                f"pic {mesures['lecture_plancher']['pic_mo']:8,.0f} Mo")
        resultats[cle] = mesures
    return resultats


def mediane(valeurs):
    valeurs = [v for v in valeurs if v is not None and not (isinstance(v, float) and math.isnan(v))]
    return statistics.median(valeurs) if valeurs else float("nan")


def synthese(executions: list[dict], fichiers: dict, seulement: list[str]) -> list[dict]:
    lignes = []
    for cle, infos in fichiers.items():
        mesures = [e[cle] for e in executions]
        lecture = [m["lecture_plancher"]["secondes"] for m in mesures]
        calcul = [sum(p["secondes"] for p in m["calcul_plancher"].values()) for m in mesures]
        for nom in seulement:
            temps = [m[nom]["secondes"] for m in mesures]
            lignes.append({
                "population": cle, "n": infos["etablissements"], "colonnes": infos["colonnes"], "variante": infos["variante"],
                "commande": nom, "secondes": mediane(temps), "pic_mo": mediane([m[nom]["pic_mo"] for m in mesures]),
                "lecture_plancher_s": mediane(lecture), "calcul_plancher_s": mediane(calcul),
                "pic_lecture_plancher_mo": mediane([m["lecture_plancher"]["pic_mo"] for m in mesures]),
                "rapport_lecture": mediane([t / lu for t, lu in zip(temps, lecture)]),
                "rapport_lecture_calcul": mediane([t / (lu + c) for t, lu, c in zip(temps, lecture, calcul)]),
                "planchers_calcul": sorted(mesures[0]["calcul_plancher"]),
            })
    par_commande: dict = {}
    for ligne in lignes:
        par_commande.setdefault((ligne["commande"], ligne["variante"], ligne["colonnes"] > 400), []).append(ligne)
    for suite in par_commande.values():
        suite.sort(key=lambda ligne: ligne["n"])
        for avant, apres in zip(suite, suite[1:]):
            facteur = math.log(apres["n"] / avant["n"])
            apres["exposant"] = math.log(apres["secondes"] / avant["secondes"]) / facteur
            apres["exposant_plancher"] = math.log(
                (apres["lecture_plancher_s"] + apres["calcul_plancher_s"]) / (avant["lecture_plancher_s"] + avant["calcul_plancher_s"])
            ) / facteur
    return lignes


def afficher(lignes: list[dict], executions: int) -> str:
    texte = [
        f"Médianes de {executions} exécution(s). Temps du processus entier (s) ; pic = ru_maxrss du processus (Mo) ; "
        "lecture = pandas.read_csv du même fichier (processus entier) ; calcul = planchers numpy disponibles "
        "(opération seule) ; rapports = médiane des rapports de chaque exécution ; exposant depuis la taille précédente.",
        "",
        "| commande | N | colonnes | variante | commande (s) | pic (Mo) | lecture (s) | calcul pl. (s) | ÷ lecture | ÷ (lecture + calcul) | exposant | exp. plancher |",
        "|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for ligne in lignes:
        exposant = ligne.get("exposant")
        exposant_plancher = ligne.get("exposant_plancher")
        texte.append(
            f"| {ligne['commande']} | {ligne['n']:,} | {ligne['colonnes']} | {ligne['variante']} | {ligne['secondes']:.2f} | "
            f"{ligne['pic_mo']:,.0f} | {ligne['lecture_plancher_s']:.2f} | {ligne['calcul_plancher_s']:.3f} | "
            f"{ligne['rapport_lecture']:.2f}× | {ligne['rapport_lecture_calcul']:.2f}× | "
            f"{'' if exposant is None else f'{exposant:.2f}'} | {'' if exposant_plancher is None else f'{exposant_plancher:.2f}'} |"
        )
    return "\n".join(texte)


def verdicts(lignes: list[dict]) -> list[str]:
    textes = []
    for ligne in lignes:
        if ligne["commande"].startswith("compare") and ligne["n"] >= 900_000:
            etat = "tenue" if ligne["rapport_lecture_calcul"] <= CIBLES["compare_sortie"] else "NON TENUE"
            textes.append(
                f"{ligne['commande']} à {ligne['n']:,} ≤ 2× (lecture + planchers {'+'.join(ligne['planchers_calcul'])}) : "
                f"{ligne['rapport_lecture_calcul']:.2f}× — {etat} ; pic {ligne['pic_mo']:,.0f} Mo ≤ 4 Go — "
                f"{'tenue' if ligne['pic_mo'] <= CIBLES['pic_compare_mo'] else 'NON TENUE'}"
            )
        if ligne["commande"] == "compare_xlsx" and 45_000 <= ligne["n"] <= 55_000 and ligne["colonnes"] > 400:
            etat = "tenue" if ligne["rapport_lecture"] <= CIBLES["compare_xlsx_50000"] else "NON TENUE"
            textes.append(
                f"compare --output xlsx à {ligne['n']:,} ({ligne['variante']}) ≤ 1,5× lecture pandas : {ligne['rapport_lecture']:.2f}× — {etat} ; "
                f"pic {ligne['pic_mo']:,.0f} Mo ≤ 1 Go — {'tenue' if ligne['pic_mo'] <= CIBLES['pic_compare_xlsx_50000_mo'] else 'NON TENUE'}"
            )
    return textes


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", default="1000,10000", help="tailles séparées par des virgules")
    parser.add_argument("--executions", type=int, default=5)
    parser.add_argument("--seulement", default=",".join(COMMANDES), help=f"commandes mesurées parmi {', '.join(COMMANDES)}")
    parser.add_argument("--variantes", default="generateur,liante", help="generateur, liante")
    parser.add_argument("--max-completes", type=int, default=100_000, help="au-delà, colonnes lues seulement (défaut : 100 000)")
    parser.add_argument("--dossier", type=Path, default=None, help="dossier des populations (défaut : temporaire, effacé)")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--fichiers", default=None,
                        help="populations CSV déjà écrites par ce banc (séparées par des virgules), au lieu de --n ; "
                             "la variante se lit dans le nom (…_liante.csv)")
    arguments = parser.parse_args(argv)
    tailles = [int(t) for t in arguments.n.split(",")]
    seulement = [c for c in arguments.seulement.split(",") if c]
    inconnues = [c for c in seulement if c not in COMMANDES]
    if inconnues:
        parser.error(f"commande inconnue : {', '.join(inconnues)}")

    def journal(texte):
        print(texte, file=sys.stderr, flush=True)

    infos_machine = machine()
    journal(f"Machine : {infos_machine}")
    with tempfile.TemporaryDirectory(prefix="bench_commandes_", dir=arguments.dossier) as dossier:
        dossier = Path(dossier)
        lues = None
        if any(n > arguments.max_completes for n in tailles):
            from benchmarks.population_bench import colonnes_lues

            lues = colonnes_lues()
        fichiers = {}
        existants = [Path(f) for f in arguments.fichiers.split(",")] if arguments.fichiers else []
        a_ecrire = [] if existants else [(n, v) for n in tailles for v in arguments.variantes.split(",")]
        for chemin_existant in existants:
            import pandas as pd

            entete = pd.read_csv(chemin_existant, nrows=1)
            a_ecrire.append((chemin_existant, "liante" if chemin_existant.stem.endswith("liante") else "generateur"))
            infos_existant = {
                "fichier": str(chemin_existant), "colonnes": entete.shape[1], "octets": chemin_existant.stat().st_size,
                "colonnes_completes": entete.shape[1] > 400, "generation_ecriture_s": 0.0,
                "etablissements": _lignes(chemin_existant) - 1,
            }
            a_ecrire[-1] = (a_ecrire[-1][0], a_ecrire[-1][1], infos_existant)
        for element in a_ecrire:
            if len(element) == 3:
                chemin, variante, infos = element
                infos["variante"] = variante
                chemin = Path(chemin)
            else:
                n, variante = element
                completes = n <= arguments.max_completes
                chemin, infos = ecrire_a_part(n, dossier, completes, variante, lues)
            infos["cache"] = str(dossier / f"{chemin.stem}.pkl")
            parametres = {"fichier": str(chemin), "cache_tableau": infos["cache"]}
            executer("cache", parametres)
            verification = executer("verification.planchers", parametres)["ecarts"]
            infos["verification_planchers"] = verification
            differents = {regime: e for regime, e in verification.items() if "." not in regime and e}
            if differents:
                raise SystemExit(f"Un plancher ne rend pas les nombres du paquet ({chemin.name}) : {differents}")
            fichiers[chemin.stem] = infos
            journal(f"{chemin.name} : {infos['colonnes']} colonnes, {infos['octets'] / 1e6:,.0f} Mo ({infos['generation_ecriture_s']:.0f} s) ; "
                    f"planchers égaux au paquet ; {verification}")
        executions = []
        for rang in range(arguments.executions):
            journal(f"Exécution {rang + 1}/{arguments.executions}")
            executions.append(une_execution(fichiers, seulement, journal))
    lignes = synthese(executions, fichiers, seulement)
    publier(afficher(lignes, arguments.executions), verdicts(lignes), arguments.json,
            {"machine": infos_machine, "fichiers": fichiers, "executions": executions, "synthese": lignes})
    return 0


if __name__ == "__main__":
    sys.exit(main())
