"""L'API web du CAQES : l'application d'OpenFisca, enveloppée pour échouer sans danger (`caqes serve`).

Voir docs/api_web.md. `creer_application` rend l'application WSGI (Flask) ; `Limites` ses bornes.
"""

from openfisca_caqes.web.application import creer_application
from openfisca_caqes.web.requete import ErreurRequete, Limites

__all__ = ["creer_application", "ErreurRequete", "Limites"]
