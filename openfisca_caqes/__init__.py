"""openfisca-caqes : le CAQES et l'IFEP en droit exécutable sur OpenFisca."""

import importlib.util
import sys
from importlib import metadata
from pathlib import Path

from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from openfisca_caqes import entities

_PAQUET = Path(__file__).resolve().parent
# Installée depuis une roue, la loi est dans le paquet (openfisca_caqes/parameters, …) ; dans un
# dépôt (installation éditable comprise), elle est à la racine, à côté du paquet, et lue sur place.
RACINE_LOI = _PAQUET if (_PAQUET / "parameters").is_dir() else _PAQUET.parent

DOSSIER_PARAMETRES = RACINE_LOI / "parameters"
DOSSIER_VARIABLES = RACINE_LOI / "variables"
DOSSIER_REFORMES = RACINE_LOI / "reforms"
MODULE_REFORMES = f"{__name__}.reforms"


def _monter_reformes() -> None:
    """Rend `reforms/` importable sous le nom `openfisca_caqes.reforms` dans un dépôt, par son chemin.

    Les scénarios et les tests YAML (clé `reforms:`) nomment une réforme `openfisca_caqes.reforms.<module>.<classe>`.
    Dans la roue, `reforms/` est le sous-paquet `openfisca_caqes/reforms` et s'importe normalement. Dans
    un dépôt, il est à la racine : on déclare ce seul dossier comme sous-paquet, comme OpenFisca charge
    `variables/` par chemin. Les variables, elles, ne sont jamais importées par nom de module.
    """
    if MODULE_REFORMES in sys.modules or (_PAQUET / "reforms").is_dir() or not DOSSIER_REFORMES.is_dir():
        return
    spec = importlib.util.spec_from_file_location(
        MODULE_REFORMES, DOSSIER_REFORMES / "__init__.py", submodule_search_locations=[str(DOSSIER_REFORMES)]
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[MODULE_REFORMES] = module
    spec.loader.exec_module(module)


_monter_reformes()

try:
    __version__ = metadata.version("openfisca-caqes")
except metadata.PackageNotFoundError:  # pragma: no cover - running from a bare checkout
    __version__ = "0+checkout"


class CountryTaxBenefitSystem(TaxBenefitSystem):
    """Le système socio-fiscal du CAQES et de l'IFEP."""

    CURRENCY = "€"

    def __init__(self) -> None:
        super().__init__(entities.entities)
        self.add_variables_from_directory(str(DOSSIER_VARIABLES))
        self.load_parameters(str(DOSSIER_PARAMETRES))
        self.open_api_config = {
            "variable_example": "solde_financier",
            "parameter_example": "caqes.refus_signature.taux",
            "simulation_example": _exemple_simulation(),
        }


def _exemple_simulation() -> dict:
    return {
        "etablissements": {
            "etab_1": {
                "categorie_etablissement": {"ETERNITY": "mco_public"},
                "produits_assurance_maladie": {"2024": 50_000_000},
                "refus_signature": {"2025": True},
                "penalite_refus_signature": {"2025": None},
            },
        },
        "entites_juridiques": {"ej_1": {"etablissements": ["etab_1"]}},
        "regions": {"occitanie": {"etablissements": ["etab_1"]}},
    }
