"""openfisca-caqes : le CAQES et l'IFEP en droit exécutable sur OpenFisca."""

from importlib import metadata
from pathlib import Path

from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from openfisca_caqes import entities

_PAQUET = Path(__file__).resolve().parent
# Installed from a wheel, the law is inside the package; in a checkout it sits at the root.
RACINE_LOI = _PAQUET if (_PAQUET / "parameters").is_dir() else _PAQUET.parent
if RACINE_LOI != _PAQUET:
    __path__.append(str(RACINE_LOI))  # so that `openfisca_caqes.reforms` resolves in a checkout

DOSSIER_PARAMETRES = RACINE_LOI / "parameters"
DOSSIER_VARIABLES = RACINE_LOI / "variables"

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
