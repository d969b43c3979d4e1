"""L'enregistrement de l'exécution : noms relatifs et sha256, empreintes de la loi, des réformes et du
moteur, version, git describe, JSON canonique (clés triées, sans espace)."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from openfisca_caqes.population.defaut import chemin_population_defaut
from openfisca_caqes.rapport import execution as module


def _sha(chemin: Path) -> str:
    return hashlib.sha256(chemin.read_bytes()).hexdigest()


def test_json_canonique_et_complet(rapport):
    texte = (rapport / "rapport_caqes_execution.json").read_text(encoding="utf-8")
    record = json.loads(texte)
    assert texte == json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
    assert record["version"] and record["outil"] == "openfisca-caqes"
    for cle in ("loi", "reformes", "moteur"):
        assert len(record[cle]["sha256"]) == 64, cle
    assert record["population"]["sha256"] == _sha(chemin_population_defaut())
    assert record["population"]["source"] == "openfisca_caqes/population/donnees/occitanie_synthetique.csv"
    assert record["balayage"]["fichier"].endswith("balayage.csv")
    assert record["balayage"]["sha256"] == _sha(rapport.parent / "balayage.csv")
    assert record["options"]["graine"] == 3 and record["options"]["tirages"] == 30


def test_aucun_chemin_absolu(rapport):
    record = json.loads((rapport / "rapport_caqes_execution.json").read_text(encoding="utf-8"))
    textes = []

    def parcourir(valeur):
        if isinstance(valeur, dict):
            for sous in valeur.values():
                parcourir(sous)
        elif isinstance(valeur, list):
            for sous in valeur:
                parcourir(sous)
        elif isinstance(valeur, str):
            textes.append(valeur)

    parcourir({k: v for k, v in record.items() if k != "environnement"})
    assert not [t for t in textes if t.startswith("/")]
    assert record["options"]["dossier_sortie"] == module.nom_relatif(rapport) and not Path(record["options"]["dossier_sortie"]).is_absolute()


def test_git_describe_dans_un_depot():
    if shutil.which("git") is None or not (Path(module.PAQUET).parent / ".git").exists():
        pytest.skip("pas de dépôt git autour du paquet (paquet installé) : git_describe vaut None")
    assert module.git_describe()


def test_empreintes_suivent_le_contenu(tmp_path, monkeypatch):
    (tmp_path / "reforms" / "scenarios").mkdir(parents=True)
    (tmp_path / "reforms" / "ifep.py").write_text("A = 1\n")
    (tmp_path / "reforms" / "scenarios" / "central.yaml").write_text("x: 1\n")
    monkeypatch.setattr(module, "RACINE_LOI", tmp_path)
    avant = module.empreinte_reformes()
    (tmp_path / "reforms" / "ifep.py").write_text("A = 2\n")
    assert module.empreinte_reformes() != avant
    (tmp_path / "reforms" / "ifep.py").write_text("A = 1\n")
    assert module.empreinte_reformes() == avant
    (tmp_path / "reforms" / "scenarios" / "central.yaml").rename(tmp_path / "reforms" / "scenarios" / "autre.yaml")
    assert module.empreinte_reformes() != avant  # le nom compte aussi


def test_moteur_couvre_le_code_et_les_gabarits(tmp_path, monkeypatch):
    (tmp_path / "rapport" / "gabarits").mkdir(parents=True)
    (tmp_path / "parameters").mkdir()
    (tmp_path / "moteur.py").write_text("X = 1\n")
    (tmp_path / "rapport" / "gabarits" / "page.html.j2").write_text("<p>a</p>\n")
    (tmp_path / "parameters" / "loi.py").write_text("Y = 1\n")
    monkeypatch.setattr(module, "PAQUET", tmp_path)
    avant = module.empreinte_moteur()
    (tmp_path / "parameters" / "loi.py").write_text("Y = 2\n")  # la loi embarquée a sa propre empreinte
    assert module.empreinte_moteur() == avant
    (tmp_path / "rapport" / "gabarits" / "page.html.j2").write_text("<p>b</p>\n")
    assert module.empreinte_moteur() != avant
    (tmp_path / "rapport" / "gabarits" / "page.html.j2").write_text("<p>a</p>\n")
    (tmp_path / "moteur.py").write_text("X = 2\n")
    assert module.empreinte_moteur() != avant


def test_nom_relatif(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d").mkdir()
    assert module.nom_relatif(tmp_path / "d" / "p.csv") == "d/p.csv"
    assert module.nom_relatif("d/p.csv") == "d/p.csv"
    assert not Path(module.nom_relatif("/elsewhere/p.csv")).is_absolute()
