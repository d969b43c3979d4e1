"""Servir l'API avec gunicorn : plusieurs processus, plusieurs fils chacun, la loi lue une fois.

La commande construit le système et l'application avant de lancer gunicorn ; les processus de
travail en héritent (`preload_app`). Chaque processus sert `fils` requêtes à la fois (travailleur `gthread`) :
une grosse requête occupe un fil, pas le serveur.
"""

from __future__ import annotations

from dataclasses import dataclass

from gunicorn.app.base import BaseApplication


@dataclass(frozen=True)
class Configuration:
    """Adresse, parallélisme et délais du serveur."""

    hote: str = "127.0.0.1"
    port: int = 5000
    processus: int = 2
    fils: int = 8
    delai: int = 120  # secondes : une requête plus longue est interrompue et son processus relancé


class ServeurCaqes(BaseApplication):
    """L'application gunicorn qui sert `creer_application`."""

    def __init__(self, configuration: Configuration, application) -> None:
        self.configuration = configuration
        self.application = application  # construite avant le démarrage : une erreur de loi sort en code 2
        super().__init__()

    def load_config(self) -> None:
        c = self.configuration
        for cle, valeur in {
            "bind": f"{c.hote}:{c.port}",
            "workers": c.processus,
            "threads": c.fils,
            "worker_class": "gthread",
            "timeout": c.delai,
            "graceful_timeout": 10,
            "keepalive": 5,
            "preload_app": True,
            "limit_request_line": 8190,
            "limit_request_fields": 100,
            "accesslog": "-",
        }.items():
            self.cfg.set(cle, valeur)

    def load(self):
        return self.application
