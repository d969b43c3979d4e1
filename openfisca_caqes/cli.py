"""La commande `caqes` : chaque sous-commande vit dans son module de openfisca_caqes.commandes.

Toute erreur de l'utilisateur (option, fichier, donnée) finit par une ligne `caqes : erreur : …`
et le code de sortie 2, sans trace Python ni fichier partiel ; une interruption (Ctrl-C, SIGTERM)
efface les fichiers temporaires ; une erreur imprévue reste une ligne claire (code 1).
"""

from __future__ import annotations

import argparse
import importlib
import re
import signal
import sys
import threading
from contextlib import contextmanager

from openfisca_core.errors import ParameterNotFoundError

from openfisca_caqes.erreurs import ErreurPopulation, ErreurUtilisateur

COMMANDES = ("simulate", "compare", "envelope", "explain", "report", "balayage", "serve", "population", "lister")
CODE_INTERRUPTION = 130
CODE_IMPREVU = 1

# Les messages d'argparse, en français (motif anglais → gabarit).
TRADUCTIONS = (
    (r"the following arguments are required: (.*)", "option(s) obligatoire(s) manquante(s) : {0}"),
    (r"argument (\S+): invalid int value: (.*)", "{0} : nombre entier attendu, reçu {1}"),
    (r"argument (\S+): invalid float value: (.*)", "{0} : nombre attendu, reçu {1}"),
    (r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)", "{0} : choix {1} invalide (possibles : {2})"),
    (r"argument (\S+): expected one argument", "{0} : une valeur attendue"),
    (r"argument (\S+): expected at least one argument", "{0} : au moins une valeur attendue"),
    (r"argument (\S+): not allowed with argument (\S+)", "{0} : incompatible avec {1}"),
    (r"argument (\S+): ignored explicit argument (.*)", "{0} : valeur {1} inattendue"),
    (r"argument (\S+): (.*)", "{0} : {1}"),
    (r"unrecognized arguments: (.*)", "arguments non reconnus : {0}"),
    (r"ambiguous option: (\S+) could match (.*)", "option ambiguë : {0} (possibles : {1})"),
)


def traduire(message: str) -> str:
    """Le message d'argparse en français quand on le connaît, tel quel sinon."""
    for motif, gabarit in TRADUCTIONS:
        trouve = re.fullmatch(motif, message.strip())
        if trouve:
            return gabarit.format(*trouve.groups())
    return message


# Les textes de l'aide d'argparse, en français.
AIDE = (
    ("usage: ", "utilisation : "),
    ("\noptions:\n", "\noptions :\n"),
    ("\npositional arguments:\n", "\narguments :\n"),
)


class Analyseur(argparse.ArgumentParser):
    """Un analyseur dont les erreurs sont des lignes `caqes : erreur : …` (code 2), aide et messages en français."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self.add_argument("-h", "--aide", "--help", action="help", default=argparse.SUPPRESS,
                          help="afficher cette aide et quitter")

    def format_help(self) -> str:
        texte = super().format_help()
        for anglais, francais in AIDE:
            texte = texte.replace(anglais, francais)
        return texte

    def format_usage(self) -> str:
        return super().format_usage().replace("usage: ", "utilisation : ")

    def error(self, message: str):  # noqa: D401 - surcharge d'argparse
        self.exit(2, f"caqes : erreur : {traduire(message)} (voir `{self.prog} --help`)\n")


def analyseur() -> argparse.ArgumentParser:
    parser = Analyseur(
        prog="caqes",
        description="Simuler le CAQES (2018-2026) et l'IFEP (2027) sur une population d'établissements.",
    )
    sous = parser.add_subparsers(dest="commande", required=True, metavar="COMMANDE")
    for nom in COMMANDES:
        module = importlib.import_module(f"openfisca_caqes.commandes.{nom}")
        module.declarer(sous)
    return parser


class Interruption(BaseException):
    """SIGTERM reçu : lève une exception pour que les `finally` effacent les fichiers temporaires."""


def _sur_sigterm(_signal, _cadre):
    raise Interruption()


@contextmanager
def signaux_interruption():
    """Le temps d'une commande, SIGTERM lève `Interruption` (fil principal seulement ; rétabli après)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    precedent = signal.signal(signal.SIGTERM, _sur_sigterm)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, precedent)


def main(argv: list[str] | None = None) -> int:
    try:
        arguments = analyseur().parse_args(argv)
    except SystemExit as sortie:  # --help sort (0) comme d'habitude ; une erreur d'option rend 2, message écrit
        if sortie.code in (0, None):
            raise
        return 2
    try:
        with signaux_interruption():
            return arguments.executer(arguments) or 0
    except (ErreurPopulation, ErreurUtilisateur) as erreur:
        print(f"caqes : erreur : {erreur}", file=sys.stderr)
        return 2
    except ParameterNotFoundError as erreur:  # une année que la loi encodée ne couvre pas
        print(f"caqes : erreur : la loi encodée ne couvre pas la période demandée ({str(erreur).splitlines()[0]})",
              file=sys.stderr)
        return 2
    except (KeyboardInterrupt, Interruption):
        print("caqes : interrompu : aucun fichier écrit (fichiers temporaires effacés)", file=sys.stderr)
        return CODE_INTERRUPTION
    except Exception as erreur:  # noqa: BLE001 - dernier recours : jamais de trace Python
        print(
            f"caqes : erreur imprévue dans « caqes {arguments.commande} » ({type(erreur).__name__} : {erreur}) ; "
            "aucun fichier écrit. Merci de signaler ce problème avec la commande lancée.",
            file=sys.stderr,
        )
        return CODE_IMPREVU


if __name__ == "__main__":  # pragma: no cover - `python -m openfisca_caqes.cli`
    from openfisca_caqes.cli import main as _main  # the module's own classes, not __main__'s copies

    sys.exit(_main())
