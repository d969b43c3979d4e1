"""Régénère la population embarquée (Occitanie synthétique) dans openfisca_caqes/population/donnees/.

    python scripts/generer_population.py            # l'Occitanie des seeds
    python scripts/generer_population.py --n 100000 --sortie france.csv   # une France de N sites
"""

import argparse
from pathlib import Path

from openfisca_caqes.population.defaut import chemin_population_defaut
from openfisca_caqes.population.generation import GRAINE, generer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=None, help="nombre de sites (France métropolitaine) ; absent : Occitanie")
    parser.add_argument("--graine", type=int, default=GRAINE)
    parser.add_argument("--sortie", type=Path, default=None)
    arguments = parser.parse_args()
    sortie = arguments.sortie or chemin_population_defaut()
    population = generer(arguments.n, arguments.graine)
    population.to_csv(sortie, index=False, encoding="utf-8", float_format="%.2f")
    print(f"{len(population)} établissements, {population.shape[1]} colonnes → {sortie}")


if __name__ == "__main__":
    main()
