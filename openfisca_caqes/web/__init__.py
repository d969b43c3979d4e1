"""L'API web du CAQES : l'application d'OpenFisca, enveloppée pour échouer sans danger (`caqes serve`).

Voir docs/api_web.md. `creer_application` rend l'application WSGI (Flask) ; `Limites` ses bornes.
Flask et gunicorn ne sont importés qu'à l'usage : `caqes --help` ne les charge pas.
"""

from openfisca_caqes.web.requete import ErreurRequete, Limites

__all__ = ["creer_application", "ErreurRequete", "Limites"]


def __getattr__(nom: str):
    if nom == "creer_application":
        from openfisca_caqes.web.application import creer_application  # import tardif : Flask n'est chargé qu'à l'usage

        return creer_application
    raise AttributeError(f"module {__name__!r} has no attribute {nom!r}")
