"""Servir l'API avec gunicorn : plusieurs processus, plusieurs fils chacun, la loi lue une fois.

La commande construit le système et l'application avant de lancer gunicorn ; les processus de
travail en héritent (`preload_app`). Chaque processus sert `fils` requêtes à la fois (travailleur
`gthread`) : une grosse requête occupe un fil, pas le serveur.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Configuration:
    """Adresse, parallélisme et délais du serveur."""

    hote: str = "127.0.0.1"
    port: int = 5000
    processus: int = 2
    fils: int = 8
    delai: int = 120  # secondes : une requête plus longue est interrompue et son processus relancé

    def reglages_gunicorn(self) -> dict:
        """Les réglages gunicorn correspondants."""
        return {
            "bind": f"{self.hote}:{self.port}",
            "workers": self.processus,
            "threads": self.fils,
            "worker_class": "gthread",
            "timeout": self.delai,
            "graceful_timeout": 10,
            "keepalive": 5,
            "preload_app": True,
            "limit_request_line": 8190,
            "limit_request_fields": 100,
            "accesslog": "-",
        }


def servir(configuration: Configuration, application) -> None:
    """Lance gunicorn sur `application` (construite d'avance : une erreur de loi sort en code 2) ; bloque."""
    from gunicorn.app.base import BaseApplication  # import tardif : gunicorn n'est chargé qu'au lancement du serveur

    class ServeurCaqes(BaseApplication):
        def load_config(self) -> None:
            for cle, valeur in configuration.reglages_gunicorn().items():
                self.cfg.set(cle, valeur)

        def load(self):
            return application

    ServeurCaqes().run()
