"""L'empreinte de la loi (paramètres, variables, réformes) liée à la version du paquet.

    python scripts/empreinte_loi.py            # affiche l'empreinte et la version enregistrées
    python scripts/empreinte_loi.py --ecrire   # enregistre l'empreinte courante pour la version courante

`tests/test_qualite.py` échoue si la loi a changé sans que la version ait augmenté (comme le
`is-version-number-acceptable.sh` de country-template) : changer la loi, c'est monter la version
(majeure : variable ou paramètre retiré ou renommé ; mineure : nouveau ; correctif : résultat
corrigé), écrire l'entrée du CHANGELOG, puis lancer ce script avec `--ecrire`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
FICHIER = RACINE / "docs" / "empreinte_loi.json"
DOSSIERS_LOI = ("parameters", "variables", "reforms")


def empreinte() -> str:
    """sha256 des fichiers de la loi (chemin relatif et contenu), dans l'ordre des chemins."""
    condensat = hashlib.sha256()
    for dossier in DOSSIERS_LOI:
        for chemin in sorted((RACINE / dossier).rglob("*")):
            if chemin.is_file() and chemin.suffix in {".py", ".yaml", ".yml"} and "__pycache__" not in chemin.parts:
                condensat.update(chemin.relative_to(RACINE).as_posix().encode())
                condensat.update(b"\0")
                condensat.update(chemin.read_bytes())
    return condensat.hexdigest()


def version() -> str:
    """La version déclarée dans pyproject.toml."""
    texte = (RACINE / "pyproject.toml").read_text(encoding="utf-8")
    return re.search(r'^version = "([^"]+)"', texte, re.MULTILINE).group(1)


def enregistree() -> dict:
    return json.loads(FICHIER.read_text(encoding="utf-8"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ecrire", action="store_true", help="enregistrer l'empreinte courante pour la version courante")
    arguments = parser.parse_args()
    courant = {"version": version(), "empreinte": empreinte()}
    if arguments.ecrire:
        FICHIER.write_text(json.dumps(courant, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        print(f"empreinte de la loi enregistrée pour la version {courant['version']} : {FICHIER}")
        return 0
    print(json.dumps({"courant": courant, "enregistre": enregistree()}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
