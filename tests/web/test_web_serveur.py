"""`caqes serve` sur la boucle locale : charge bornée sans aucun 5xx, petite requête servie pendant
que de grosses requêtes calculent, options et erreurs de la commande.

Tout reste sur 127.0.0.1, sur un port libre ; chaque serveur lancé est arrêté à la fin du test.
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import pytest
from donnees_web import RACINE, corps, grosse_situation, situation

HOTE = "127.0.0.1"
DELAI_DEMARRAGE = 120
DELAI_REQUETE = 60


def port_libre() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as prise:
        prise.bind((HOTE, 0))
        return prise.getsockname()[1]


def caqes(*arguments, **options) -> subprocess.Popen:
    environnement = {**os.environ, "PYTHONPATH": os.pathsep.join([str(RACINE), os.environ.get("PYTHONPATH", "")])}
    return subprocess.Popen([sys.executable, "-m", "openfisca_caqes.cli", *arguments], env=environnement, **options)


def requete(port: int, methode: str, chemin: str, corps_: bytes | None = None, type_: str | None = "application/json"):
    """(statut, corps) d'une requête ; (None, erreur) si la connexion échoue."""
    connexion = http.client.HTTPConnection(HOTE, port, timeout=DELAI_REQUETE)
    try:
        entetes = {"Content-Type": type_} if type_ else {}
        if isinstance(corps_, list):  # envoi par morceaux, sans Content-Length
            connexion.request(methode, chemin, body=iter(corps_), headers=entetes, encode_chunked=True)
        else:
            connexion.request(methode, chemin, body=corps_, headers=entetes)
        reponse = connexion.getresponse()
        return reponse.status, reponse.read()
    except (OSError, http.client.HTTPException) as erreur:
        return None, repr(erreur).encode()
    finally:
        connexion.close()


@contextmanager
def serveur(tmp_path, *options):
    port = port_libre()
    journal = (tmp_path / f"serveur_{port}.log").open("w")
    processus = caqes("serve", "--port", str(port), *options, stdout=journal, stderr=subprocess.STDOUT, cwd=tmp_path)
    try:
        fin = time.monotonic() + DELAI_DEMARRAGE
        while requete(port, "GET", "/spec", type_=None)[0] != 200:
            assert processus.poll() is None, f"le serveur s'est arrêté (code {processus.returncode})"
            assert time.monotonic() < fin, f"/spec n'a pas répondu en {DELAI_DEMARRAGE} s"
            time.sleep(0.5)
        yield port
    finally:
        processus.terminate()
        try:
            processus.wait(timeout=30)
        except subprocess.TimeoutExpired:
            processus.kill()
            processus.wait(timeout=10)
        journal.close()


def melange(i: int) -> tuple[str, str, bytes | None, str | None]:
    """La i-ième requête du test de charge : valides et mal formées, en alternance."""
    valide = corps(situation())
    negatif = situation()
    negatif["etablissements"]["chu_purpan"]["produits_assurance_maladie"] = {"2024": -1}
    inconnue = situation()
    inconnue["regions"] = {"atlantide": inconnue["regions"]["occitanie"]}
    requetes = [
        ("POST", "/calculate", valide, "application/json"),
        ("POST", "/trace", valide, "application/json"),
        ("POST", "/calculate", valide, "text/plain"),
        ("POST", "/calculate", b'{"etablissements": NaN}', "application/json"),
        ("POST", "/calculate", corps(negatif), "application/json"),
        ("POST", "/trace", corps(inconnue), "application/json"),
        ("POST", "/calculate", b"[" * 5000, "application/json"),
        ("POST", "/calculate", b"{", "application/json"),
        ("POST", "/calculate", b"[" + b"0," * 300_000 + b"0]", "application/json"),  # 600 Ko > --max-octets
        ("GET", "/calculate", None, None),
        ("GET", "/variable/solde_financier", None, None),
        ("GET", "/nulle_part", None, None),
    ]
    return requetes[i % len(requetes)]


NOMBRE, CONCURRENCE, DUREE_MAX = 300, 8, 240


def test_charge_bornee_sans_aucun_5xx(tmp_path):
    with serveur(tmp_path, "--workers", "2", "--threads", "4", "--max-octets", "500000") as port:
        debut = time.monotonic()
        with ThreadPoolExecutor(max_workers=CONCURRENCE) as executeur:
            resultats = list(executeur.map(lambda i: (i, *requete(port, *melange(i))), range(NOMBRE)))
        duree = time.monotonic() - debut
        # Par morceaux, sans Content-Length : 600 Ko dépassent la limite (Werkzeug tronquerait sans le dire).
        morceaux = requete(port, "POST", "/calculate", [b"["] + [b"0," * 1000] * 300 + [b"0]"])
        valide_par_morceaux = requete(port, "POST", "/calculate", [corps(situation())])
    assert morceaux[0] == 413, morceaux
    assert "trop gros" in json.loads(morceaux[1])["error"]
    assert valide_par_morceaux[0] == 200, valide_par_morceaux
    statuts = Counter(statut for _, statut, _ in resultats)
    echecs = [(i, statut, texte[:200]) for i, statut, texte in resultats if statut is None or statut >= 500]
    assert not echecs, echecs[:5]
    assert sum(statuts.values()) == NOMBRE
    assert statuts[200] == NOMBRE * 3 // 12, statuts  # /calculate, /trace, /variable valides
    assert duree < DUREE_MAX, duree
    for i, statut, texte in resultats:
        if statut >= 400:
            assert "error" in json.loads(texte), (i, texte[:200])
        elif i % 12 == 0:  # /calculate valide : les fils concurrents rendent le même montant
            penalites = {e: v["penalite_refus_signature"]["2025"] for e, v in json.loads(texte)["etablissements"].items()}
            assert penalites == {"chu_purpan": 123_457, "clinique_pasteur": 0}, (i, penalites)


def test_petite_requete_servie_pendant_les_grosses(tmp_path):
    """Trois requêtes de 2 000 établissements n'empêchent pas une requête de deux établissements d'aboutir."""
    grosse = corps(grosse_situation(2_000))
    with serveur(tmp_path, "--workers", "2", "--threads", "4") as port:
        def chronometrer(corps_):
            debut = time.monotonic()
            statut, _ = requete(port, "POST", "/calculate", corps_)
            return statut, debut, time.monotonic()

        with ThreadPoolExecutor(max_workers=4) as executeur:
            grosses = [executeur.submit(chronometrer, grosse) for _ in range(3)]
            time.sleep(0.2)
            petite = executeur.submit(chronometrer, corps(situation())).result()
            grosses = [f.result() for f in grosses]
    assert [g[0] for g in grosses] == [200, 200, 200]
    assert petite[0] == 200
    latence = petite[2] - petite[1]
    assert petite[2] < max(g[2] for g in grosses), "la petite requête a attendu la fin des grosses"
    assert latence < 5, latence


def test_aide_de_la_commande():
    processus = caqes("serve", "--help", stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sortie, _ = processus.communicate(timeout=120)
    assert processus.returncode == 0
    for option in ("--host", "--port", "--workers", "--threads", "--max-octets", "--max-etablissements", "--scenario"):
        assert option in sortie


@pytest.mark.parametrize(("arguments", "message"), [
    (("--port", "70000"), "port hors de [1, 65535]"),
    (("--threads", "0"), "strictement positif"),
    (("--host", "nulle.part.invalid"), "impossible d'écouter sur nulle.part.invalid"),
    (("--scenario", "inexistant"), "scénario « inexistant »"),
])
def test_options_invalides_code_2(arguments, message):
    processus = caqes("serve", *arguments, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _, erreur = processus.communicate(timeout=120)
    assert processus.returncode == 2
    assert message in erreur
    assert "Traceback" not in erreur


def test_port_occupe_code_2():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as prise:
        prise.bind((HOTE, 0))
        prise.listen(1)
        port = prise.getsockname()[1]
        processus = caqes("serve", "--port", str(port), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        _, erreur = processus.communicate(timeout=120)
    assert processus.returncode == 2
    assert f"impossible d'écouter sur {HOTE}:{port}" in erreur
