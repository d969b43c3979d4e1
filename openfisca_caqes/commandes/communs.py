"""Les options partagées par plusieurs commandes (ce module n'est pas une commande : `cli` ne le déclare pas)."""

from __future__ import annotations

from openfisca_caqes.comparaison import REGIME_EN_VIGUEUR, REGIMES_PAR_DEFAUT, SEUIL_BANDE
from openfisca_caqes.options import annee, reel_fini
from openfisca_caqes.population.besoins import ajouter_option_completer
from openfisca_caqes.population.options_lecture import ajouter_options_lecture


def ajouter_options_comparaison(parser) -> None:
    """Options partagées avec `caqes report` (noms français, alias anglais ; `dest` inchangés)."""
    ajouter_options_lecture(parser)
    parser.add_argument(
        "--regimes", default=REGIMES_PAR_DEFAUT,
        help=f"régimes séparés par des virgules (défaut : {REGIMES_PAR_DEFAUT}) ; LIBELLÉ=ANNÉE choisit l'année évaluée",
    )
    parser.add_argument(
        "--scenario", nargs="+", default=[], metavar="NOM[@ANNÉE]",
        help="scénarios (nom de reforms/scenarios/ ou fichier YAML), chacun une colonne évaluée "
        "l'année donnée après @ (défaut : la dernière année des régimes)",
    )
    parser.add_argument(
        "--reference", "--baseline", dest="baseline", default=None, metavar="RÉGIME",
        help=f"régime ou scénario de référence des écarts (défaut : le CAQES en vigueur, régime {REGIME_EN_VIGUEUR}, "
        "s'il est comparé ; sinon le premier régime)",
    )
    parser.add_argument(
        "--annee-donnees", type=annee, default=None, metavar="AAAA",
        help="évaluer chaque régime sur les données de cette année (colonnes décalées de L − AAAA)",
    )
    parser.add_argument(
        "--seuil-bande", type=reel_fini, default=SEUIL_BANDE, metavar="TAUX",
        help=f"seuil entre petits et grands gains/pertes, en part des produits AM N-1 (défaut : {SEUIL_BANDE})",
    )
    ajouter_option_completer(parser)
