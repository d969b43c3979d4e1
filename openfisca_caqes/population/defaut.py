"""La population embarquée : une Occitanie synthétique (identifiants fictifs)."""

from importlib import resources
from pathlib import Path

NOM_DEFAUT = "default"


def chemin_population_defaut() -> Path:
    return Path(str(resources.files("openfisca_caqes.population") / "donnees" / "occitanie_synthetique.csv"))


def resoudre(population: str | None) -> Path | str:
    """`default` (ou rien) désigne la population embarquée ; sinon un chemin de fichier."""
    if population in (None, NOM_DEFAUT):
        return chemin_population_defaut()
    return population
