"""Les options de lecture d'une population, les mêmes pour chaque commande : fichier, feuille, dialecte du CSV."""

from __future__ import annotations


def ajouter_options_lecture(parser, population: bool = True) -> None:
    """`--population`, `--feuille/--sheet`, `--separateur`, `--decimale` (à passer à `lire_tableau` par `options_lecture`)."""
    if population:
        parser.add_argument("--population", default="default",
                            help="fichier CSV, XLSX ou Parquet (large, long ou par thème), ou `default` (Occitanie synthétique)")
    parser.add_argument("--feuille", "--sheet", dest="sheet", default=None, metavar="FEUILLE",
                        help="feuille du classeur Excel (par défaut : la première, ou toutes les feuilles d'établissements)")
    parser.add_argument("--separateur", default=None, metavar="SÉP", help="séparateur du CSV : virgule ou point-virgule (détecté sinon)")
    parser.add_argument("--decimale", default=None, metavar="MARQUE", help="marque décimale du CSV : point ou virgule (détectée sinon)")


def options_lecture(arguments) -> dict:
    """Les arguments nommés de `lire_tableau` / `charger_population` que donnent ces options."""
    return {"separateur": getattr(arguments, "separateur", None), "decimale": getattr(arguments, "decimale", None)}
