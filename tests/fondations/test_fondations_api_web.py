"""L'API web d'OpenFisca sert la loi : `openfisca serve`, /spec, puis un calcul par /calculate."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

OPENFISCA = Path(sys.executable).parent / "openfisca"
HOTE = "127.0.0.1"
DELAI_DEMARRAGE = 90  # secondes : la loi se lit au démarrage du serveur
DELAI_REQUETE = 30


def port_libre() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as prise:
        prise.bind((HOTE, 0))
        return prise.getsockname()[1]


def attendre_spec(url: str, serveur: subprocess.Popen) -> dict:
    """Interroge /spec jusqu'à ce qu'il réponde, en nombre d'essais borné."""
    fin = time.monotonic() + DELAI_DEMARRAGE
    derniere_erreur = None
    while time.monotonic() < fin:
        if serveur.poll() is not None:
            raise AssertionError(f"le serveur s'est arrêté (code {serveur.returncode})")
        try:
            with urllib.request.urlopen(f"{url}/spec", timeout=5) as reponse:
                return json.load(reponse)
        except (urllib.error.URLError, ConnectionError, TimeoutError) as erreur:
            derniere_erreur = erreur
            time.sleep(0.5)
    raise AssertionError(f"/spec n'a pas répondu en {DELAI_DEMARRAGE} s : {derniere_erreur}")


def test_api_web_calcule_la_penalite_de_refus(tmp_path):
    port = port_libre()
    journal = (tmp_path / "serveur.log").open("w")
    serveur = subprocess.Popen(
        [str(OPENFISCA), "serve", "--country-package", "openfisca_caqes", "--port", str(port), "--workers", "1"],
        stdout=journal, stderr=subprocess.STDOUT, cwd=tmp_path,
    )
    url = f"http://{HOTE}:{port}"
    try:
        spec = attendre_spec(url, serveur)
        assert "/calculate" in spec["paths"]
        situation = {
            "etablissements": {
                "chu_purpan": {
                    "categorie_etablissement": {"ETERNITY": "mco_public"},
                    "produits_assurance_maladie": {"2024": 12_345_678},
                    "refus_signature": {"2025": True},
                    "penalite_refus_signature": {"2025": None},
                },
                "clinique_pasteur": {
                    "categorie_etablissement": {"ETERNITY": "mco_prive"},
                    "produits_assurance_maladie": {"2024": 4_000_050},
                    "refus_signature": {"2025": False},
                    "penalite_refus_signature": {"2025": None},
                },
            },
            "entites_juridiques": {"chu_toulouse": {"etablissements": ["chu_purpan"]},
                                   "clinique_pasteur": {"etablissements": ["clinique_pasteur"]}},
            "regions": {"occitanie": {"etablissements": ["chu_purpan", "clinique_pasteur"]}},
        }
        requete = urllib.request.Request(
            f"{url}/calculate", data=json.dumps(situation).encode("utf-8"),
            headers={"Content-Type": "application/json"}, method="POST",
        )
        with urllib.request.urlopen(requete, timeout=DELAI_REQUETE) as reponse:
            assert reponse.status == 200
            resultat = json.load(reponse)
        etablissements = resultat["etablissements"]
        # 1 % des produits 2024 : 123 456,78 → 123 457 ; pas de refus → 0
        assert etablissements["chu_purpan"]["penalite_refus_signature"]["2025"] == 123_457
        assert etablissements["clinique_pasteur"]["penalite_refus_signature"]["2025"] == 0
    finally:
        serveur.terminate()
        try:
            serveur.wait(timeout=20)
        except subprocess.TimeoutExpired:
            serveur.kill()
            serveur.wait(timeout=10)
        journal.close()
