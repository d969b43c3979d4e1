"""Le chargement depuis Parquet : le plancher (lecture pyarrow, colonnes en numpy) et le paquet
(`lire_tableau` d'un fichier .parquet puis `construire_simulation`), chacun opération seule."""

from __future__ import annotations

import time


def chargement_parquet_plancher(parametres):
    """`pyarrow.parquet.read_table` du fichier, puis chaque colonne en tableau numpy : ce que coûte la lecture seule."""
    import pyarrow.parquet as pq

    from benchmarks.mesures import mesurer

    def lire():
        table = pq.read_table(parametres["parquet"])
        return {nom: table.column(nom).to_numpy() for nom in table.column_names}

    colonnes, mesure = mesurer(lire)
    mesure["colonnes"] = len(colonnes)
    return mesure


def chargement_parquet_paquet(parametres):
    """`lire_tableau` du .parquet (pyarrow, identité en textes) puis `construire_simulation`, chaque étape chronométrée."""
    from benchmarks.mesures import mesurer
    from openfisca_caqes.population import construire_simulation, lire_tableau
    from openfisca_caqes.systeme import systeme_de_base

    systeme = systeme_de_base()
    etapes = {}

    def charger():
        debut = time.perf_counter()
        tableau, nom = lire_tableau(parametres["parquet"])
        etapes["lecture_s"] = time.perf_counter() - debut
        debut = time.perf_counter()
        simulation = construire_simulation(systeme, tableau, nom)
        etapes["construction_s"] = time.perf_counter() - debut
        return simulation

    simulation, mesure = mesurer(charger)
    mesure.update(etapes, etablissements=int(simulation.populations["etablissement"].count))
    return mesure


def ecrire_parquet(tableau, chemin: str) -> None:
    """La population lue, réécrite en Parquet (même contenu que le CSV) pour les mesures ci-dessus."""
    tableau.to_parquet(chemin, index=False)
