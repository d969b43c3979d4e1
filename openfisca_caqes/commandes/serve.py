"""`caqes serve` : l'API web d'OpenFisca pour le CAQES, qui échoue sans danger (voir docs/api_web.md)."""

from __future__ import annotations

import argparse
import socket

import openfisca_caqes.systeme as systemes  # `systemes.systeme_de_base` lu à l'appel : les tests y substituent une loi d'essai
from openfisca_caqes.comparaison import systeme_du_scenario
from openfisca_caqes.erreurs import ErreurUtilisateur
from openfisca_caqes.options import entier
from openfisca_caqes.web.requete import Limites
from openfisca_caqes.web.serveur import Configuration, servir

DESCRIPTION = """\
Sert l'API web d'OpenFisca (/spec, /variables, /parameters, /calculate, /trace) avec des
garde-fous : corps borné (413), JSON strict (ni NaN ni Infinity), profondeur et nombre
d'établissements bornés, valeurs contrôlées comme par le chargeur de population (400 nommant
la variable et la valeur), règles régionales choisies par la région de la requête, réponses
sans NaN, jamais de 5xx pour une requête mal formée. Plusieurs processus de plusieurs fils :
une grosse requête ne bloque pas les petites. Écoute par défaut sur 127.0.0.1 seulement."""


def _positif(texte: str) -> int:
    return entier(texte, 1)


def _port(texte: str) -> int:
    return entier(texte, 1, 65535, quoi="port")


def verifier_adresse(hote: str, port: int) -> None:
    """Refuse avant tout chargement une adresse où l'on ne peut pas écouter (port occupé, hôte inconnu)."""

    if not hote.strip():
        raise ErreurUtilisateur("--host ne peut pas être vide")
    try:
        famille = socket.getaddrinfo(hote, port, type=socket.SOCK_STREAM)[0][0]
        with socket.socket(famille, socket.SOCK_STREAM) as prise:
            prise.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            prise.bind((hote, port))
    except OSError as erreur:
        raise ErreurUtilisateur(f"impossible d'écouter sur {hote}:{port} : {erreur.strerror or erreur}") from None


def declarer(sous) -> None:
    defaut, limites = Configuration(), Limites()
    parser = sous.add_parser(
        "serve",
        help="servir l'API web (OpenFisca) avec limites de taille, validation des entrées et plusieurs fils",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--host", default=defaut.hote, help=f"adresse d'écoute (défaut : {defaut.hote}, boucle locale)")
    parser.add_argument("--port", type=_port, default=defaut.port, help=f"port (défaut : {defaut.port})")
    parser.add_argument("--workers", type=_positif, default=defaut.processus, help=f"processus (défaut : {defaut.processus})")
    parser.add_argument("--threads", type=_positif, default=defaut.fils, help=f"fils par processus (défaut : {defaut.fils})")
    parser.add_argument("--timeout", type=_positif, default=defaut.delai, help=f"durée maximale d'une requête, en secondes (défaut : {defaut.delai})")
    parser.add_argument("--max-octets", type=_positif, default=limites.octets, help=f"taille maximale d'un corps de requête (défaut : {limites.octets})")
    parser.add_argument("--max-etablissements", type=_positif, default=limites.etablissements,
                        help=f"établissements au plus par requête (défaut : {limites.etablissements})")
    parser.add_argument("--max-valeurs", type=_positif, default=limites.valeurs, help=f"valeurs JSON au plus par requête (défaut : {limites.valeurs})")
    parser.add_argument("--scenario", default=None, help="servir la loi d'un scénario (nom ou fichier YAML) au lieu de la loi de référence")
    parser.set_defaults(executer=executer)


def executer(arguments) -> int:
    from openfisca_caqes.web.application import (
        creer_application,  # import tardif : Flask n'est chargé qu'au lancement du serveur
    )

    verifier_adresse(arguments.host, arguments.port)
    systeme = systeme_du_scenario(arguments.scenario) if arguments.scenario else systemes.systeme_de_base()
    limites = Limites(octets=arguments.max_octets, etablissements=arguments.max_etablissements, valeurs=arguments.max_valeurs)
    configuration = Configuration(
        hote=arguments.host, port=arguments.port, processus=arguments.workers, fils=arguments.threads, delai=arguments.timeout
    )
    servir(configuration, creer_application(systeme, limites))
    return 0
