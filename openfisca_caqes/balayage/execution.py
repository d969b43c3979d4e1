"""Lancer les points d'un balayage : dans ce processus, sur un cluster Dask local, ou sur un cluster existant.

Chaque tâche est petite et sérialisable : (numéro, valeurs, {feuille: valeur}, année, décalage) et
le `Contexte` commun (chemin et sha256 de la population, scénario de base). Chaque processus de
travail construit la population une fois (`travail.etat`) et enchaîne les points par branches.
Les lignes sont rangées par point et année : le tableau ne dépend pas du nombre de processus.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from openfisca_caqes.balayage import points as module_points
from openfisca_caqes.balayage.resultats import RESULTATS
from openfisca_caqes.balayage.specification import Balayage
from openfisca_caqes.balayage.travail import Contexte, empreinte, evaluer_tache
from openfisca_caqes.erreurs import ErreurUtilisateur


def contexte(balayage: Balayage, population: str | Path, feuille: str | None = None, reutiliser: bool = True) -> Contexte:
    """Le contexte commun des tâches (la population est identifiée par son chemin absolu et son sha256)."""
    chemin = Path(population).resolve()
    if not chemin.is_file():
        raise ErreurUtilisateur(f"{population} : fichier de population introuvable")
    chemins = tuple(feuille_ for hypothese in balayage.hypotheses for feuille_ in hypothese.feuilles)
    return Contexte(
        population=str(chemin), sha256=empreinte(chemin), feuille=feuille, scenario=balayage.scenario,
        fichier=balayage.fichier, depuis=balayage.depuis, annees=balayage.annees, chemins=chemins, reutiliser=reutiliser,
    )


def taches(balayage: Balayage, tableau_points: pd.DataFrame) -> list[tuple]:
    """Une tâche par point et année évaluée."""
    sortie = []
    for _, ligne in tableau_points.iterrows():  # les points (quelques centaines), pas les établissements
        valeurs = module_points.valeurs_du_point(ligne, balayage)
        changements = balayage.changements(valeurs)
        for annee in balayage.annees:
            decalage = 0 if balayage.annee_donnees is None else annee - balayage.annee_donnees
            sortie.append((int(ligne["point"]), valeurs, changements, annee, decalage))
    return sortie


@contextmanager
def client_dask(travailleurs: int, ordonnanceur: str | None):
    """Un client Dask : sur l'ordonnanceur donné (tcp://hôte:8786, ou `scheduler-address` de la configuration Dask), sinon un cluster local sur la boucle locale."""
    import dask  # import tardif : dask n'est chargé que pour un balayage
    from distributed import Client, LocalCluster  # import tardif : dask n'est chargé que pour un balayage

    ordonnanceur = ordonnanceur or dask.config.get("scheduler-address", None)  # DASK_SCHEDULER_ADDRESS
    if ordonnanceur:
        try:
            client = Client(ordonnanceur, timeout="20s")
        except (OSError, TimeoutError) as erreur:
            raise ErreurUtilisateur(f"--scheduler {ordonnanceur} : ordonnanceur Dask injoignable ({erreur})") from None
        try:
            yield client
        finally:
            client.close()
        return
    with LocalCluster(n_workers=travailleurs, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None, silence_logs=40) as cluster, Client(cluster) as client:
        yield client


def evaluer(contexte_: Contexte, liste: list[tuple], client=None, travailleurs: list[str] | None = None,
            progression: bool = False) -> list[dict]:
    """Évalue les tâches (dans ce processus si `client` est None), lignes dans l'ordre des tâches."""
    if client is None:
        lignes = []
        for tache in _barre(liste, progression):
            lignes += evaluer_tache(contexte_, tache)
        return lignes
    from distributed import as_completed  # import tardif : dask n'est chargé que pour un balayage

    futurs = client.map(evaluer_tache, [contexte_] * len(liste), liste, pure=False, workers=travailleurs)
    for _ in _barre(as_completed(futurs), progression, total=len(futurs)):
        pass
    try:
        resultats = client.gather(futurs)
    finally:
        for futur in futurs:
            futur.release()
    return [ligne for lignes in resultats for ligne in lignes]


def _ordonnanceur_configure() -> bool:
    import dask  # import tardif : dask n'est chargé que pour un balayage

    return bool(dask.config.get("scheduler-address", None))


def _barre(iterable, active: bool, total: int | None = None):
    if not active:
        return iterable
    from tqdm import tqdm  # import tardif : la barre de progression n'est chargée que si elle s'affiche

    return tqdm(iterable, total=total, desc="points", unit="tâche", file=sys.stderr)


def tableau(balayage: Balayage, tableau_points: pd.DataFrame, lignes: list[dict]) -> pd.DataFrame:
    """Le tableau rangé : une ligne par point × année × région, valeurs des hypothèses et résultats."""
    resultats = pd.DataFrame(lignes)
    for nom in RESULTATS:
        resultats[nom] = resultats[nom].astype("Int64")
    fusion = tableau_points.merge(resultats, on="point", how="right", validate="one_to_many")
    hypotheses = [h.nom for h in balayage.hypotheses]
    colonnes = ["point", "plan", "annee", "region", *hypotheses, *RESULTATS]
    return fusion[colonnes].sort_values(["point", "annee"], kind="stable").reset_index(drop=True)


def lancer(balayage: Balayage, population: str | Path, feuille: str | None = None, travailleurs: int = 0,
           ordonnanceur: str | None = None, progression: bool = False, reutiliser: bool = True) -> pd.DataFrame:
    """Le balayage complet : points, tâches, évaluation (locale, Dask local ou distant), tableau rangé."""
    tableau_points = module_points.generer(balayage)
    liste = taches(balayage, tableau_points)
    contexte_ = contexte(balayage, population, feuille, reutiliser)
    if travailleurs == 0 and not ordonnanceur and not _ordonnanceur_configure():
        lignes = evaluer(contexte_, liste, progression=progression)
    else:
        with client_dask(travailleurs, ordonnanceur) as client:
            lignes = evaluer(contexte_, liste, client, progression=progression)
    return tableau(balayage, tableau_points, lignes)
