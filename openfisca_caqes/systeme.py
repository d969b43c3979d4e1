"""Le système construit une fois par processus : la loi se lit une seule fois."""

from functools import lru_cache

from openfisca_caqes import CountryTaxBenefitSystem


@lru_cache(maxsize=1)
def systeme_de_base() -> CountryTaxBenefitSystem:
    """Le système de référence, partagé (ne jamais modifier ses paramètres en place)."""
    return CountryTaxBenefitSystem()
