"""Banc d'essai de performance d'openfisca-caqes (issue 6).

    python benchmarks/bench_performance.py --rapide     # N = 1 000, 10 000, 100 000 ; 3 exécutions
    python benchmarks/bench_performance.py              # N jusqu'à 1 000 000 ; 5 exécutions

Pour chaque phase, le paquet est mesuré contre un plancher, dans la même exécution, chacun dans
un processus neuf (benchmarks/mesures.py) ; le tableau donne la médiane des exécutions, le
rapport paquet / plancher (médiane des rapports de chaque exécution), le pic de mémoire et la
croissance avec N (exposant : 1 = linéaire). Voir docs/performance.md.

La population nationale synthétique (openfisca_caqes.population.generation) est générée une fois
par exécution du banc, dans un dossier temporaire, réduite aux colonnes que lisent les quatre
régimes (benchmarks/population_bench.py).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
if str(RACINE) not in sys.path:
    sys.path.insert(0, str(RACINE))

MESURES = Path(__file__).resolve().parent / "mesures.py"
TAILLES_COMPLETES = (1_000, 10_000, 100_000, 1_000_000)
TAILLES_RAPIDES = (1_000, 10_000, 100_000)
TIRAGES = 10_000
CIBLES = {  # phase : (rapport maximal, taille où il s'applique) — issue 6, puis issue 14 (point 5)
    "chargement": (5.0, 1_000_000),
    "calcul 2025": (2.0, 1_000_000),
    "calcul 2022": (2.0, 1_000_000),
    "calcul 2027": (2.0, 1_000_000),
    "calcul 2018": (2.0, 1_000_000),
    "parquet": (2.0, 1_000_000),
    "comparer / 4 régimes": (1.5, 1_000_000),
    "scénario": (2.0, None),
    "enveloppe": (100.0, None),
}
PIC_MAXIMAL_MO = 4 * 1024  # comparaison des quatre régimes d'un million d'établissements
ECART_EXPOSANT = 0.1  # issue 14 : la pente du paquet au plus 0,1 au-dessus de celle de son plancher


def executer(tache: str, parametres: dict) -> dict:
    """Lance une mesure dans un processus neuf ; rend son résultat (et le temps du processus entier)."""
    debut = time.perf_counter()
    sortie = subprocess.run(
        [sys.executable, str(MESURES), tache, json.dumps(parametres)],
        cwd=str(RACINE), capture_output=True, text=True,
    )
    duree = time.perf_counter() - debut
    if sortie.returncode != 0:
        raise RuntimeError(f"mesure {tache} échouée :\n{sortie.stderr[-3000:]}")
    resultat = json.loads(sortie.stdout.strip().splitlines()[-1])
    resultat["processus_s"] = duree
    return resultat


def mediane(valeurs):
    valeurs = [v for v in valeurs if v is not None and not (isinstance(v, float) and math.isnan(v))]
    return statistics.median(valeurs) if valeurs else float("nan")


def machine() -> dict:
    import numpy
    import openfisca_core  # noqa: F401
    import pandas

    memoire = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3
    modele = ""
    try:
        with open("/proc/cpuinfo") as fichier:
            modele = next((ligne.split(":", 1)[1].strip() for ligne in fichier if ligne.startswith("model name")), "")
    except OSError:
        pass
    from importlib.metadata import version

    return {
        "processeur": modele or platform.processor(),
        "coeurs": os.cpu_count(),
        "memoire_go": round(memoire, 1),
        "systeme": platform.platform(),
        "python": platform.python_version(),
        "numpy": numpy.__version__,
        "pandas": pandas.__version__,
        "openfisca_core": version("openfisca-core"),
    }


def generer_fichiers(tailles, dossier: Path, journal, liante: bool = False) -> dict[int, dict]:
    from benchmarks.population_bench import colonnes_lues, ecrire_population

    colonnes = colonnes_lues()
    journal(f"colonnes lues par les quatre régimes : {len(colonnes)} (identité comprise)")
    fichiers = {}
    for n in tailles:
        chemin, infos = ecrire_population(n, dossier, colonnes, liante)
        cache, parquet = dossier / f"tableau_{n}.pkl", dossier / f"population_{n}.parquet"
        executer("cache", {"fichier": str(chemin), "cache_tableau": str(cache), "parquet": str(parquet)})
        verification = executer("verification.planchers", {"fichier": str(chemin), "cache_tableau": str(cache)})["ecarts"]
        differents = {regime: e for regime, e in verification.items() if "." not in regime and e}
        if differents:
            raise SystemExit(f"Un plancher numpy ne rend pas les nombres du paquet (N = {n}) : {differents}")
        journal(f"N = {n:>9,} : planchers 2018, 2022, 2025, 2027 égaux au paquet ; {verification}")
        infos.update(fichier=str(chemin), cache_tableau=str(cache), parquet=str(parquet))
        fichiers[n] = infos
        journal(
            f"N = {n:>9,} : {infos['etablissements']:,} établissements, {infos['colonnes']} colonnes, "
            f"{infos['octets'] / 1e6:,.0f} Mo (génération {infos['generation_s']:.0f} s, écriture {infos['ecriture_s']:.0f} s)"
        )
    return fichiers


def une_execution(fichiers: dict, tirages: int, journal) -> dict:
    """Toutes les mesures d'une exécution : chaque phase, plancher puis paquet."""
    resultats: dict = {"loi": {}, "scenario": {}, "enveloppe": {}, "par_n": {}}
    resultats["loi"]["plancher"] = executer("loi.plancher", {})
    resultats["loi"]["paquet"] = executer("loi.paquet", {})
    resultats["scenario"]["plancher"] = executer("scenario.plancher", {})
    resultats["scenario"]["paquet"] = executer("scenario.paquet", {})
    enveloppe = {"annee": 2025, "region": "occitanie", "tirages": tirages}
    resultats["enveloppe"]["plancher"] = executer("enveloppe.plancher", enveloppe)
    resultats["enveloppe"]["paquet"] = executer("enveloppe.paquet", enveloppe)
    for n, infos in fichiers.items():
        parametres = {"fichier": infos["fichier"], "cache_tableau": infos["cache_tableau"], "parquet": infos["parquet"]}
        mesures = {}
        for tache in (
            "chargement.plancher", "chargement.paquet", "chargement.parquet_plancher", "chargement.parquet_paquet",
            "calcul.plancher", "calcul.paquet_2025", "calcul.plancher_2022", "calcul.paquet_2022",
            "calcul.plancher_2027", "calcul.paquet_2027", "calcul.plancher_2018", "calcul.paquet_2018", "calcul.paquet_4",
            "calcul.comparer",
        ):
            mesures[tache] = executer(tache, parametres)
            journal(f"  N = {n:>9,} {tache:<20} {mesures[tache]['secondes']:9.3f} s  pic {mesures[tache]['pic_mo']:8,.0f} Mo")
        for tache in ("calcul.paquet_2025", "calcul.comparer"):
            if mesures[tache].get("ecarts"):
                raise SystemExit(
                    f"Le plancher numpy 2025 ne rend pas les mêmes nombres que le paquet (N = {n}, {tache}) : "
                    f"{', '.join(mesures[tache]['ecarts'])}. Mettre benchmarks/plancher_2025.py à jour avec la loi."
                )
        resultats["par_n"][n] = mesures
    return resultats


# --- synthèse ------------------------------------------------------------------------------------

PLANCHERS_4 = ("calcul.plancher_2018", "calcul.plancher_2022", "calcul.plancher", "calcul.plancher_2027")  # le dénominateur des quatre régimes : la somme de leurs planchers
LIGNES = (  # (libellé, clé de phase, tâche du paquet, tâche du plancher)
    ("chargement + construction", "chargement", "chargement.paquet", "chargement.plancher"),
    ("chargement + construction depuis Parquet / lecture pyarrow", "parquet", "chargement.parquet_paquet",
     "chargement.parquet_plancher"),
    ("calcul 2025 (simulation construite)", "calcul 2025", "calcul.paquet_2025", "calcul.plancher"),
    ("calcul 2022 (simulation construite)", "calcul 2022", "calcul.paquet_2022", "calcul.plancher_2022"),
    ("calcul IFEP 2027 (simulation construite)", "calcul 2027", "calcul.paquet_2027", "calcul.plancher_2027"),
    ("calcul 2018 (simulation construite)", "calcul 2018", "calcul.paquet_2018", "calcul.plancher_2018"),
    ("comparer() rapporté au calcul des 4 régimes", "comparer / 4 régimes", "calcul.comparer", "calcul.paquet_4"),
    ("calcul des 4 régimes / somme des 4 planchers", "calcul 4 régimes", "calcul.paquet_4", PLANCHERS_4),
    ("comparer() 4 régimes / somme des 4 planchers", "comparer", "calcul.comparer", PLANCHERS_4),
)


def _plancher_somme(mesures: dict, plancher) -> dict:
    """La mesure d'un plancher, ou la somme (temps) et le maximum (pic) de plusieurs planchers."""
    if isinstance(plancher, str):
        return mesures[plancher]
    parties = [mesures[tache] for tache in plancher]
    return {"secondes": sum(m["secondes"] for m in parties), "pic_mo": max(m["pic_mo"] for m in parties)}


def _propre(mesure: dict) -> float:
    """Le pic de la phase au-dessus de ce que le processus tenait avant (ses entrées)."""
    return mesure["pic_mo"] - mesure["rss_debut_mo"]


def synthese(executions: list[dict], fichiers: dict) -> dict:
    tailles = sorted(fichiers)
    tableau = {"par_n": {}, "fixes": {}}
    for libelle, cle, paquet, plancher in LIGNES:
        lignes = []
        for n in tailles:
            mesures_paquet = [e["par_n"][n][paquet] for e in executions]
            mesures_plancher = [_plancher_somme(e["par_n"][n], plancher) for e in executions]
            lignes.append({
                "n": fichiers[n]["etablissements"], "taille": n,
                "paquet_s": mediane([m["secondes"] for m in mesures_paquet]),
                "plancher_s": mediane([m["secondes"] for m in mesures_plancher]),
                "rapport": mediane([a["secondes"] / b["secondes"] for a, b in zip(mesures_paquet, mesures_plancher)]),
                "pic_paquet_mo": mediane([m["pic_mo"] for m in mesures_paquet]),
                "pic_propre_paquet_mo": mediane([_propre(m) for m in mesures_paquet]),
                "pic_plancher_mo": mediane([m["pic_mo"] for m in mesures_plancher]),
            })
            if cle == "chargement":  # la lecture (pandas) et la construction (le paquet), à part
                lignes[-1]["lecture_s"] = mediane([m.get("lecture_s") for m in mesures_paquet])
                lignes[-1]["construction_s"] = mediane([m.get("construction_s") for m in mesures_paquet])
        for avant, apres in zip(lignes, lignes[1:]):
            facteur = math.log(apres["n"] / avant["n"])
            apres["exposant_paquet"] = math.log(apres["paquet_s"] / avant["paquet_s"]) / facteur
            apres["exposant_plancher"] = math.log(apres["plancher_s"] / avant["plancher_s"]) / facteur
        tableau["par_n"][libelle] = {"cle": cle, "lignes": lignes}

    loi_paquet = [e["loi"]["paquet"] for e in executions]
    loi_plancher = [e["loi"]["plancher"] for e in executions]
    tableau["fixes"]["loi"] = {
        "paquet_s": mediane([m["secondes"] for m in loi_paquet]),
        "plancher_s": mediane([m["secondes"] for m in loi_plancher]),
        "rapport": mediane([a["secondes"] / b["secondes"] for a, b in zip(loi_paquet, loi_plancher)]),
        "processus_paquet_s": mediane([m["processus_s"] for m in loi_paquet]),
        "processus_plancher_s": mediane([m["processus_s"] for m in loi_plancher]),
        "rapport_processus": mediane([a["processus_s"] / b["processus_s"] for a, b in zip(loi_paquet, loi_plancher)]),
        "import_s": mediane([m["import_s"] for m in loi_paquet]),
        "construction_s": mediane([m["construction_s"] for m in loi_paquet]),
        "pic_paquet_mo": mediane([m["pic_mo"] for m in loi_paquet]),
        "pic_plancher_mo": mediane([m["pic_mo"] for m in loi_plancher]),
    }
    scenario_paquet = [e["scenario"]["paquet"] for e in executions]
    scenario_plancher = [e["scenario"]["plancher"] for e in executions]
    tableau["fixes"]["scenario"] = {
        "paquet_s": mediane([m["secondes"] for m in scenario_paquet]),
        "plancher_s": mediane([m["secondes"] for m in scenario_plancher]),
        "rapport": mediane([a["secondes"] / b["secondes"] for a, b in zip(scenario_paquet, scenario_plancher)]),
        "pire": scenario_paquet[-1]["pire"],
        "fichiers_parametres_lus": max(m["fichiers_parametres_lus"] for m in scenario_paquet),
        "par_scenario": {
            nom: mediane([m["par_scenario"][nom]["secondes"] / b["secondes"] for m, b in zip(scenario_paquet, scenario_plancher)])
            for nom in scenario_paquet[0]["par_scenario"]
        },
        "pic_paquet_mo": mediane([m["pic_mo"] for m in scenario_paquet]),
        "pic_propre_paquet_mo": mediane([_propre(m) for m in scenario_paquet]),
        "pic_plancher_mo": mediane([m["pic_mo"] for m in scenario_plancher]),
    }
    env_paquet = [e["enveloppe"]["paquet"] for e in executions]
    env_plancher = [e["enveloppe"]["plancher"] for e in executions]
    tableau["fixes"]["enveloppe"] = {
        "paquet_s": mediane([m["secondes"] for m in env_paquet]),
        "plancher_s": mediane([m["secondes"] for m in env_plancher]),
        "rapport": mediane([a["secondes"] / b["secondes"] for a, b in zip(env_paquet, env_plancher)]),
        "tirages_paquet_s": mediane([m["tirages_s"] for m in env_paquet]),
        "tirages_plancher_s": mediane([m["tirages_s"] for m in env_plancher]),
        "rapport_tirages": mediane([a["tirages_s"] / b["tirages_s"] for a, b in zip(env_paquet, env_plancher)]),
        "pic_paquet_mo": mediane([m["pic_mo"] for m in env_paquet]),
        "pic_propre_paquet_mo": mediane([_propre(m) for m in env_paquet]),
        "pic_plancher_mo": mediane([m["pic_mo"] for m in env_plancher]),
        "etablissements": env_paquet[0]["etablissements"],
        "gagnants": env_paquet[0]["gagnants"],
        "montant": env_paquet[0]["montant"],
        "probabilite_reduction": env_paquet[0]["probabilite_reduction"],
    }
    return tableau


def _ligne(cellules, largeurs) -> str:
    return "| " + " | ".join(f"{c:<{w}}" if i == 0 else f"{c:>{w}}" for i, (c, w) in enumerate(zip(cellules, largeurs))) + " |"


def afficher(resume: dict, executions: int, tirages: int) -> str:
    lignes = [
        f"Médianes de {executions} exécutions ; rapport = paquet / plancher, mesurés dans la même exécution "
        "(médiane des rapports) ; exposant = pente log(temps)/log(N) depuis la taille précédente (1 : linéaire) ; "
        "pic = mémoire résidente maximale du processus pendant la phase, « propre » = au-dessus de ce qu'il tenait avant.",
        "",
    ]
    largeurs = (52, 9, 10, 12, 8, 8, 8, 10, 12, 13)
    entete = ("phase", "N", "paquet (s)", "plancher (s)", "rapport", "exposant", "exp. pl.",
              "pic (Mo)", "pic propre", "pic pl. (Mo)")
    lignes += [_ligne(entete, largeurs), "|" + "|".join("-" * (w + 2) for w in largeurs) + "|"]
    for libelle, bloc in resume["par_n"].items():
        for ligne in bloc["lignes"]:
            exposant = ligne.get("exposant_paquet")
            exposant_plancher = ligne.get("exposant_plancher")
            lignes.append(_ligne((
                libelle, f"{ligne['n']:,}", f"{ligne['paquet_s']:.3f}", f"{ligne['plancher_s']:.4f}", f"{ligne['rapport']:.2f}×",
                "" if exposant is None else f"{exposant:.2f}", "" if exposant_plancher is None else f"{exposant_plancher:.2f}",
                f"{ligne['pic_paquet_mo']:,.0f}", f"{ligne['pic_propre_paquet_mo']:,.0f}", f"{ligne['pic_plancher_mo']:,.0f}",
            ), largeurs))
    chargement = resume["par_n"]["chargement + construction"]["lignes"]
    lignes += ["", "Chargement du paquet, par étape : " + " ; ".join(
        f"N = {ligne['n']:,} : lecture (lire_tableau) {ligne['lecture_s']:.3f} s, construction {ligne['construction_s']:.3f} s"
        for ligne in chargement
    ) + "."]
    loi, scenario, enveloppe = (resume["fixes"][cle] for cle in ("loi", "scenario", "enveloppe"))
    largeurs = (66, 10, 12, 9, 10, 12, 13)
    lignes += [
        "",
        _ligne(("phase (sans N)", "paquet (s)", "plancher (s)", "rapport", "pic (Mo)", "pic propre", "pic pl. (Mo)"), largeurs),
        "|" + "|".join("-" * (w + 2) for w in largeurs) + "|",
        _ligne(("loi : CountryTaxBenefitSystem() / import openfisca_core", f"{loi['paquet_s']:.3f}", f"{loi['plancher_s']:.4f}",
                f"{loi['rapport']:.0f}×", f"{loi['pic_paquet_mo']:,.0f}", "", f"{loi['pic_plancher_mo']:,.0f}"), largeurs),
        _ligne(("  idem, processus entier (python -c …)", f"{loi['processus_paquet_s']:.3f}", f"{loi['processus_plancher_s']:.4f}",
                f"{loi['rapport_processus']:.1f}×", "", "", ""), largeurs),
        _ligne((f"scénario (pire : {scenario['pire']}) / loi de référence", f"{scenario['paquet_s']:.4f}",
                f"{scenario['plancher_s']:.4f}", f"{scenario['rapport']:.3f}×", f"{scenario['pic_paquet_mo']:,.0f}",
                f"{scenario['pic_propre_paquet_mo']:,.0f}", f"{scenario['pic_plancher_mo']:,.0f}"), largeurs),
        _ligne((f"enveloppe : loi + {tirages:,} tirages / loi + 1 tirage", f"{enveloppe['paquet_s']:.4f}",
                f"{enveloppe['plancher_s']:.4f}", f"{enveloppe['rapport']:.2f}×", f"{enveloppe['pic_paquet_mo']:,.0f}",
                f"{enveloppe['pic_propre_paquet_mo']:,.0f}", f"{enveloppe['pic_plancher_mo']:,.0f}"), largeurs),
        _ligne((f"  tirages seuls : simuler({tirages:,}) / simuler(1)", f"{enveloppe['tirages_paquet_s']:.4f}",
                f"{enveloppe['tirages_plancher_s']:.5f}", f"{enveloppe['rapport_tirages']:.0f}×", "", "", ""), largeurs),
        "",
        f"Loi : import {loi['import_s']:.3f} s, construction (variables, paramètres) {loi['construction_s']:.3f} s.",
        "Scénarios (rapport à la loi de référence) : "
        + ", ".join(f"{nom} {valeur:.3f}×" for nom, valeur in scenario["par_scenario"].items())
        + f" ; fichiers de paramètres relus : {scenario['fichiers_parametres_lus']}.",
        f"Enveloppe : Occitanie embarquée, {enveloppe['etablissements']} établissements dont {enveloppe['gagnants']} "
        f"gagnants en 2025, enveloppe {enveloppe['montant']:,} € ; probabilité de réduction {enveloppe['probabilite_reduction']:.3f}.",
    ]
    return "\n".join(lignes)


def verdicts(resume: dict) -> list[str]:
    """Chaque cible de l'issue 6 : tenue ou non, à la plus grande taille mesurée."""
    textes = []
    for libelle, bloc in resume["par_n"].items():
        cle = bloc["cle"]
        derniere = bloc["lignes"][-1]
        if cle in CIBLES:
            maximum, taille = CIBLES[cle]
            note = "" if taille is None or derniere["taille"] == taille else f" (mesuré à {derniere['n']:,}, cible à {taille:,})"
            etat = "tenue" if derniere["rapport"] <= maximum else "NON TENUE"
            textes.append(f"{libelle} ≤ {maximum:g}× : {derniere['rapport']:.2f}× — {etat}{note}")
        if cle == "comparer":
            propre, total = derniere["pic_propre_paquet_mo"], derniere["pic_paquet_mo"]
            etat = "tenue" if propre < PIC_MAXIMAL_MO else "NON TENUE"
            textes.append(
                f"pic mémoire de comparer() à {derniere['n']:,} < 4 Go : {propre:,.0f} Mo au-dessus du tableau d'entrée — {etat} ; "
                f"processus entier, tableau d'entrée compris : {total:,.0f} Mo — {'tenue' if total < PIC_MAXIMAL_MO else 'NON TENUE'}"
            )
        if len(bloc["lignes"]) >= 2 and bloc["lignes"][-2]["taille"] >= 100_000:
            exposant, du_plancher = derniere["exposant_paquet"], derniere["exposant_plancher"]
            etat = "tenue" if exposant <= du_plancher + ECART_EXPOSANT else "NON TENUE"
            textes.append(f"{libelle} : exposant {exposant:.2f} au-delà de 100 000, plancher {du_plancher:.2f} "
                          f"(cible : au plus {ECART_EXPOSANT:g} au-dessus) — {etat}")
    fixes = resume["fixes"]
    for libelle, cle, rapport in (
        ("construction d'un scénario", "scénario", fixes["scenario"]["rapport"]),
        ("enveloppe (loi + tirages)", "enveloppe", fixes["enveloppe"]["rapport"]),
        ("enveloppe, tirages seuls", "enveloppe", fixes["enveloppe"]["rapport_tirages"]),
    ):
        maximum, _ = CIBLES[cle]
        textes.append(f"{libelle} ≤ {maximum:g}× : {rapport:.3g}× — {'tenue' if rapport <= maximum else 'NON TENUE'}")
    lus = fixes["scenario"]["fichiers_parametres_lus"]
    textes.append(f"scénario sans relire de fichier de paramètres : {lus} lu(s) — {'tenue' if lus == 0 else 'NON TENUE'}")
    return textes


def publier(texte: str, verdicts_: list[str], chemin_json: Path | None, mesures: dict) -> None:
    """Le tableau et les verdicts sur la sortie standard ; les mesures brutes et la synthèse en JSON si demandé."""
    print(texte)
    print()
    for verdict in verdicts_:
        print(f"- {verdict}")
    if chemin_json:
        chemin_json.write_text(json.dumps(mesures, indent=1, ensure_ascii=False, default=str), encoding="utf-8")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rapide", action="store_true", help="N jusqu'à 100 000, 3 exécutions")
    parser.add_argument("--n", default=None, help="tailles séparées par des virgules (ex. 1000,100000)")
    parser.add_argument("--executions", type=int, default=None, help="nombre d'exécutions (défaut : 5, ou 3 en --rapide)")
    parser.add_argument("--tirages", type=int, default=TIRAGES, help=f"tirages de l'enveloppe (défaut : {TIRAGES:,})")
    parser.add_argument("--dossier", type=Path, default=None, help="dossier des populations (défaut : temporaire, effacé)")
    parser.add_argument("--json", type=Path, default=None, help="écrire les mesures brutes et la synthèse en JSON")
    parser.add_argument("--liante", action="store_true",
                        help="potentiels saisis : enveloppe d'Occitanie liante, intéressements plafonnés par le potentiel")
    arguments = parser.parse_args(argv)
    tailles = (
        tuple(int(t) for t in arguments.n.split(",")) if arguments.n
        else TAILLES_RAPIDES if arguments.rapide else TAILLES_COMPLETES
    )
    nombre = arguments.executions or (3 if arguments.rapide else 5)

    def journal(texte):
        print(texte, file=sys.stderr, flush=True)

    infos_machine = machine()
    journal(f"Machine : {infos_machine}")
    with tempfile.TemporaryDirectory(prefix="bench_caqes_", dir=arguments.dossier) as dossier:
        fichiers = generer_fichiers(tailles, Path(dossier), journal, arguments.liante)
        executions = []
        for rang in range(nombre):
            journal(f"Exécution {rang + 1}/{nombre}")
            executions.append(une_execution(fichiers, arguments.tirages, journal))
    resume = synthese(executions, fichiers)
    publier(afficher(resume, nombre, arguments.tirages), verdicts(resume), arguments.json,
            {"machine": infos_machine, "fichiers": fichiers, "executions": executions, "synthese": resume})
    return 0


if __name__ == "__main__":
    sys.exit(main())
