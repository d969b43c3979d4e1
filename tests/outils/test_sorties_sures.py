"""Des sorties qui ne peuvent pas nuire, chaque erreur de l'utilisateur une erreur claire, les régions
non modélisées dites (issue #9, points 3 et 4).

Chaque test vise un défaut constaté en 0.1.0 :
- un identifiant qui commence par `=` devenait une formule active dans chaque classeur xlsx, et
  une cellule `=…`, `+…`, `-…`, `@…` d'un CSV une formule du tableur (injection CSV, OWASP) ;
- un dossier de sortie en lecture seule, plein, ou `--output` qui nomme un dossier échouaient
  par une trace Python *après* tout le calcul ; `--output-dir a/b` échouait si `a` manquait ;
- SIGTERM laissait des fichiers temporaires `.caqes-*` ;
- une région dont les indicateurs régionaux ne sont pas encodés montrait un intéressement
  régional de 0, comme calculé.
"""

from __future__ import annotations

import datetime
import errno
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import yaml

import openfisca_caqes.commandes.simulate as simulate
from openfisca_caqes.cli import main
from openfisca_caqes.population.defaut import chemin_population_defaut

RACINE = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
GAGNE = "interessement_regional"  # en-têtes du CSV de simulate : les noms des variables
NATIONAL = "interessement_national"


def _temporaires(dossier: Path) -> list[Path]:
    return [p for p in dossier.rglob(".caqes-*")]


def _erreur(capsys, arguments: list[str], motif: str | None = None) -> str:
    code = main(arguments)
    sortie = capsys.readouterr()
    assert code == 2, (code, sortie.err)
    assert sortie.err.startswith("caqes : erreur : "), sortie.err
    assert "Traceback" not in sortie.err + sortie.out
    if motif:
        assert motif in sortie.err, sortie.err
    return sortie.err


@pytest.fixture(scope="module")
def population_piegee(tmp_path_factory) -> Path:
    """La population embarquée, deux identifiants changés en formules de tableur."""
    tableau = pd.read_csv(chemin_population_defaut())
    tableau.loc[0, "etablissement"] = "=HYPERLINK(\"http://exemple.invalid\",\"x\")"
    tableau.loc[1, "etablissement"] = "@SUM(1+1)"
    tableau.loc[2, "etablissement"] = "+33-1"
    chemin = tmp_path_factory.mktemp("piege") / "population.csv"
    tableau.to_csv(chemin, index=False)
    return chemin


@pytest.fixture(scope="module")
def population_nationale(tmp_path_factory) -> Path:
    """La population embarquée, un tiers des entités juridiques en Bretagne, un cinquième en Île-de-France."""
    tableau = pd.read_csv(chemin_population_defaut())
    entites = sorted(tableau["entite_juridique"].unique())
    tableau.loc[tableau["entite_juridique"].isin(entites[::3]), "region"] = "bretagne"
    tableau.loc[tableau["entite_juridique"].isin(entites[1::5]), "region"] = "ile_de_france"
    chemin = tmp_path_factory.mktemp("nationale") / "population.csv"
    tableau.to_csv(chemin, index=False)
    return chemin


# ----- B. Aucune formule dans ce qu'on écrit ------------------------------------------------------


def test_xlsx_identifiants_ecrits_comme_texte(population_piegee, tmp_path, capsys):
    sortie = tmp_path / "resultats.xlsx"
    assert main(["simulate", "--population", str(population_piegee), "--year", "2025", "--output", str(sortie)]) == 0
    capsys.readouterr()
    classeur = openpyxl.load_workbook(sortie)
    formules = [(f.title, c.coordinate) for f in classeur.worksheets for ligne in f.iter_rows() for c in ligne
                if c.data_type == "f"]
    assert formules == []
    identifiants = [c.value for c in classeur["etablissements"]["A"]]
    assert "=HYPERLINK(\"http://exemple.invalid\",\"x\")" in identifiants
    assert "@SUM(1+1)" in identifiants


def test_csv_cellules_texte_neutralisees_nombres_intacts(population_piegee, tmp_path, capsys):
    sortie = tmp_path / "resultats.csv"
    assert main(["simulate", "--population", str(population_piegee), "--year", "2022", "--output", str(sortie)]) == 0
    capsys.readouterr()
    lu = pd.read_csv(sortie, dtype=str, keep_default_na=False)
    identifiants = lu["etablissement"].tolist()  # en-têtes du CSV : les noms des variables
    assert "'=HYPERLINK(\"http://exemple.invalid\",\"x\")" in identifiants
    assert "'@SUM(1+1)" in identifiants
    assert "'+33-1" in identifiants
    actifs = [v for colonne in lu.columns if not colonne.startswith(("solde", "penalite"))
              for v in lu[colonne] if v[:1] in ("=", "@", "+")]
    assert actifs == []
    # les nombres négatifs restent des nombres : SYN-OCC-000083 refuse la proposition de 2022,
    # son solde 2022 est −130 552 € (1 % de ses produits 2021)
    assert lu.loc[lu["etablissement"] == "SYN-OCC-000083", "solde_financier"].tolist() == ["-130552"]


def test_rapport_et_compare_xlsx_sans_formule(population_piegee, tmp_path, capsys):
    sortie = tmp_path / "comparaison.xlsx"
    assert main(["compare", "--population", str(population_piegee), "--regimes", "2025", "--output", str(sortie)]) == 0
    capsys.readouterr()
    classeur = openpyxl.load_workbook(sortie)
    assert not [c for f in classeur.worksheets for ligne in f.iter_rows() for c in ligne if c.data_type == "f"]


# ----- B. La destination vérifiée avant tout calcul ------------------------------------------------


@pytest.fixture
def aucun_calcul(monkeypatch):
    """Tout chargement de population échoue : une erreur de sortie doit venir avant."""
    def interdit(*_args, **_kwargs):
        raise AssertionError("calcul lancé avant la vérification de la sortie")

    monkeypatch.setattr(simulate, "charger_population", interdit)


def test_output_qui_nomme_un_dossier(tmp_path, capsys, aucun_calcul):
    _erreur(capsys, ["simulate", "--year", "2025", "--output", str(tmp_path)], "c'est un dossier")
    assert list(tmp_path.iterdir()) == []


def test_dossier_en_lecture_seule(tmp_path, capsys, aucun_calcul, monkeypatch):
    dossier = tmp_path / "lecture_seule"
    dossier.mkdir()
    dossier.chmod(0o555)
    if os.geteuid() == 0:  # root écrit partout : on simule le refus du système
        import openfisca_caqes.sorties as sorties

        vrai = sorties.tempfile.mkstemp

        def refuse(*args, dir=None, **kwargs):
            if Path(dir) == dossier:
                raise PermissionError(errno.EACCES, "Permission denied", str(dir))
            return vrai(*args, dir=dir, **kwargs)

        monkeypatch.setattr(sorties.tempfile, "mkstemp", refuse)
    try:
        _erreur(capsys, ["simulate", "--year", "2025", "--output", str(dossier / "r.csv")], "écriture impossible")
        _erreur(capsys, ["report", "--output-dir", str(dossier / "rapport")], "écriture impossible")
        assert list(dossier.iterdir()) == []
    finally:
        dossier.chmod(0o755)


def test_disque_plein_pendant_l_ecriture(tmp_path, capsys, monkeypatch):
    import openfisca_caqes.sorties as sorties

    def plein(_tableau, chemin):
        Path(chemin).write_text("début")
        raise OSError(errno.ENOSPC, "No space left on device", str(chemin))

    monkeypatch.setattr(sorties, "ecrire_csv", plein)
    _erreur(capsys, ["simulate", "--year", "2025", "--output", str(tmp_path / "r.csv")], "No space left on device")
    assert list(tmp_path.iterdir()) == []


def test_output_dir_cree_ses_parents(tmp_path, capsys):
    dossier = tmp_path / "a" / "b"
    assert main(["report", "--regimes", "2025", "--draws", "5", "--output-dir", str(dossier)]) == 0
    capsys.readouterr()
    assert sorted(p.name for p in dossier.iterdir()) == [
        "rapport_caqes.html", "rapport_caqes.xlsx", "rapport_caqes_execution.json"]


def test_output_dir_qui_est_un_fichier(tmp_path, capsys):
    fichier = tmp_path / "pas_un_dossier"
    fichier.write_text("x")
    _erreur(capsys, ["report", "--output-dir", str(fichier / "sous")], "n'est pas un dossier")
    _erreur(capsys, ["report", "--output-dir", str(fichier)], "ce n'est pas un dossier")


SCRIPT_LENT = textwrap.dedent("""
    import sys, time
    import openfisca_caqes.sorties as sorties
    vrai = sorties.ecrire_csv
    def lent(tableau, chemin):
        vrai(tableau, chemin)
        print("ECRITURE EN COURS", flush=True)
        time.sleep(120)
    sorties.ecrire_csv = lent
    from openfisca_caqes.cli import main
    sys.exit(main(["simulate", "--year", "2025", "--output", sys.argv[1]]))
""")


@pytest.mark.parametrize("signal_envoye", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_interruption_efface_les_temporaires(tmp_path, signal_envoye):
    sortie = tmp_path / "r.csv"
    environnement = {**os.environ, "PYTHONPATH": os.pathsep.join([str(RACINE), os.environ.get("PYTHONPATH", "")])}
    processus = subprocess.Popen([PYTHON, "-c", SCRIPT_LENT, str(sortie)], stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True, env=environnement, cwd=tmp_path)
    try:
        for ligne in processus.stdout:
            if "ECRITURE EN COURS" in ligne:
                break
        assert _temporaires(tmp_path), "le temporaire devrait exister pendant l'écriture"
        processus.send_signal(signal_envoye)
        _, erreurs = processus.communicate(timeout=60)
    finally:
        if processus.poll() is None:
            processus.kill()
    assert processus.returncode == 130, erreurs
    assert erreurs.startswith("caqes : interrompu"), erreurs
    assert "Traceback" not in erreurs
    assert _temporaires(tmp_path) == []
    assert not sortie.exists()


# ----- A. Une région non modélisée est dite, jamais un 0 calculé -----------------------------------


def _valeur_a(chemin: Path, annee: int):
    """La valeur d'un paramètre YAML à une date (lu dans le fichier, sans le code testé)."""
    valeurs = yaml.safe_load(chemin.read_text(encoding="utf-8"))["values"]
    dates = sorted((datetime.date.fromisoformat(str(d)), v["value"]) for d, v in valeurs.items())
    en_vigueur = [v for d, v in dates if d <= datetime.date(annee, 1, 1)]
    return en_vigueur[-1] if en_vigueur else None


def indicateurs_encodes_attendus(region: str, annee: int) -> set[str]:
    """Lu dans parameters/ : les indicateurs (dossiers avec poids de répartition) applicables à la région."""
    trouves = set()
    for dossier in (RACINE / "parameters" / "caqes").glob("*/regionaux/*"):
        if not any(dossier.glob("*/poids_repartition.yaml")):
            continue  # pas un indicateur (ex. le périmètre du volet produits de santé)
        for cle in (region, "defaut"):
            fichier = dossier / cle / "applicable.yaml"
            if fichier.exists():
                valeur = _valeur_a(fichier, annee)
                if valeur:
                    trouves.add(dossier.name)
                break
    return trouves


@pytest.mark.parametrize("annee", [2022, 2024, 2025, 2026, 2027])
def test_couverture_lue_dans_les_parametres(annee):
    from openfisca_caqes import couverture_regionale as cr
    from openfisca_caqes.systeme import systeme_de_base

    regions = ["occitanie", "ile_de_france", "bretagne"]
    couvertures = cr.couverture(systeme_de_base(), annee, regions)
    attendus = {region: indicateurs_encodes_attendus(region, annee) for region in regions}
    connus = set().union(*attendus.values())
    if not connus:
        assert couvertures == {}
        return
    for region in regions:
        assert set(couvertures[region].modelises) == attendus[region], region
        statut = "modélisés" if attendus[region] == connus else (
            "partiellement modélisés" if attendus[region] else "non modélisés")
        assert couvertures[region].statut == statut
    assert couvertures["bretagne"].statut == "non modélisés"
    assert couvertures["occitanie"].statut == "modélisés"


def test_simulate_region_non_modelisee(population_nationale, tmp_path, capsys):
    sortie = tmp_path / "r.csv"
    assert main(["simulate", "--population", str(population_nationale), "--year", "2025", "--output", str(sortie)]) == 0
    ecran = " ".join(capsys.readouterr().out.split())  # l'écran replie les phrases à la largeur du terminal
    assert "Indicateurs régionaux non modélisés pour Bretagne (2025)" in ecran
    assert "Indicateurs régionaux partiellement modélisés pour Île-de-France (2025) : seuls chirurgie_ambulatoire" in ecran
    lu = pd.read_csv(sortie, dtype={"etablissement": str})
    bretagne = lu[lu["region"] == "bretagne"]
    occitanie = lu[lu["region"] == "occitanie"]
    assert len(bretagne) == 78
    assert set(bretagne["statut_indicateurs_regionaux"]) == {"non modélisés"}
    assert bretagne[GAGNE].isna().all()  # vide, pas 0
    assert bretagne[NATIONAL].notna().all() and (bretagne[NATIONAL] > 0).any()  # le national reste calculé
    assert set(occitanie["statut_indicateurs_regionaux"]) == {"modélisés"}
    assert occitanie[GAGNE].notna().all() and (occitanie[GAGNE] > 0).any()
    idf = lu[lu["region"] == "ile_de_france"]
    assert idf[GAGNE].notna().all()
    assert set(idf["statut_indicateurs_regionaux"]) == {"partiellement modélisés (chirurgie_ambulatoire seulement)"}
    had = "interessement_regional_had"
    chirurgie = "interessement_regional_chirurgie_ambulatoire"
    assert idf[had].isna().all() and occitanie[had].notna().all()  # HAD : non encodé en Île-de-France
    assert idf[chirurgie].notna().all()  # chirurgie ambulatoire : encodée en Île-de-France en 2025


def test_simulate_xlsx_regions_et_signataires_signalent(population_nationale, tmp_path, capsys):
    sortie = tmp_path / "r.xlsx"
    assert main(["simulate", "--population", str(population_nationale), "--year", "2025", "--output", str(sortie)]) == 0
    capsys.readouterr()
    regions = pd.read_excel(sortie, sheet_name="regions").set_index("Identifiant")
    assert regions.loc["bretagne", "Indicateurs régionaux"] == "non modélisés"
    verse = [c for c in regions.columns if c.startswith("Intéressements régionaux versés")][0]
    assert pd.isna(regions.loc["bretagne", verse])
    assert regions.loc["occitanie", verse] > 0
    signataires = pd.read_excel(sortie, sheet_name="signataires")
    assert "non modélisés" in set(signataires["Indicateurs régionaux"])


def test_compare_envelope_explain_report_region_non_modelisee(population_nationale, tmp_path, capsys):
    sortie = tmp_path / "c.xlsx"
    assert main(["compare", "--population", str(population_nationale), "--regimes", "2018,2025",
                 "--output", str(sortie)]) == 0
    ecran = " ".join(capsys.readouterr().out.split())  # l'écran replie les phrases à la largeur du terminal
    assert "2025 : Indicateurs régionaux non modélisés pour Bretagne (2025)" in ecran
    par_region = pd.read_excel(sortie, sheet_name="Par région").set_index("Région")
    assert par_region.loc["Bretagne", "Indicateurs régionaux 2025"] == "non modélisés"
    assert par_region.loc["Occitanie", "Indicateurs régionaux 2025"] == "modélisés"
    totaux = pd.read_excel(sortie, sheet_name="Totaux").set_index("Régime")
    assert "Bretagne (non modélisés)" in totaux.iloc[:, -1].loc[2025]

    _erreur(capsys, ["envelope", "--population", str(population_nationale), "--region", "bretagne",
                     "--amount", "100000", "--year", "2025"], "indicateurs régionaux non modélisés pour Bretagne en 2025")

    assert main(["explain", "--population", str(population_nationale), "--etablissement", "SYN-OCC-000001",
                 "--variable", "interessement_regional", "--year", "2025", "--profondeur", "0"]) == 0
    assert "Attention : indicateurs régionaux non modélisés pour Bretagne en 2025" in " ".join(capsys.readouterr().out.split())

    dossier = tmp_path / "rapport"
    assert main(["report", "--population", str(population_nationale), "--regimes", "2025", "--draws", "5",
                 "--output-dir", str(dossier)]) == 0
    capsys.readouterr()
    page = (dossier / "rapport_caqes.html").read_text(encoding="utf-8")
    assert "Indicateurs régionaux non modélisés pour Bretagne (2025)" in page


# ----- B. Balayage : chaque mauvaise option, une erreur claire -----------------------------------

BASE = {
    "simulate": ["--year", "2025"],
    "compare": ["--regimes", "2025"],
    "envelope": ["--region", "occitanie", "--amount", "3500000", "--draws", "20"],
    "explain": ["--etablissement", "SYN-OCC-000001", "--variable", "solde_financier", "--year", "2025"],
    "report": ["--regimes", "2025", "--draws", "20"],
}
MAUVAISES = {
    "simulate": [["--year", "0"], ["--year", "99999"], ["--year", "-3"], ["--year", "abc"], ["--year", "1500"],
                 ["--variables", "inconnue"], ["--population", "/nulle/part.csv"], ["--frobnicate"]],
    "compare": [["--regimes", "abc"], ["--regimes", "2018=99999"], ["--scenario", "inconnu"],
                ["--scenario", "central@0"], ["--baseline", "inconnue"], ["--seuil-bande", "2"],
                ["--seuil-bande", "nan"], ["--annee-donnees", "0"], ["--annee-donnees", "99999"]],
    "envelope": [["--amount", "abc"], ["--amount", "-5"], ["--amount", "nan"], ["--draws", "0"], ["--draws", "-1"],
                 ["--region", "atlantide"], ["--region", "bretagne"], ["--year", "0"], ["--year", "99999"],
                 ["--annee-caisse", "0"], ["--scenario", "inconnu"], ["--dispersion", "-1"],
                 ["--dispersion", "nan"], ["--dispersion-commune", "inf"], ["--seed", "-1"]],
    "explain": [["--etablissement", "INCONNU"], ["--variable", "inconnue"], ["--profondeur", "-1"],
                ["--year", "0"], ["--year", "99999"], ["--scenario", "inconnu"]],
    "report": [["--draws", "0"], ["--draws", "-1"], ["--amount", "abc"], ["--amount", "-5"],
               ["--region", "atlantide"], ["--scenario", "inconnu"], ["--annee-enveloppe", "0"],
               ["--annee-enveloppe", "99999"], ["--seed", "-1"]],
}
CAS = [(commande, mauvaise) for commande, liste in MAUVAISES.items() for mauvaise in liste]


@pytest.mark.parametrize("commande,mauvaise", CAS, ids=[f"{c} {' '.join(m)}" for c, m in CAS])
def test_balayage_options(commande, mauvaise, tmp_path, capsys):
    arguments = [commande, *BASE[commande]]
    for rang in range(0, len(mauvaise), 2):
        option = mauvaise[rang:rang + 2]
        if option[0] in arguments and len(option) == 2:
            arguments[arguments.index(option[0]) + 1] = option[1]
        else:
            arguments += option
    if commande == "report":
        arguments += ["--output-dir", str(tmp_path / "rapport")]
    else:
        arguments += ["--output", str(tmp_path / ("sortie.txt" if commande == "explain" else "sortie.xlsx"))]
    _erreur(capsys, arguments)
    assert list(tmp_path.iterdir()) == [], "aucune sortie, pas même un dossier ou un temporaire"


def test_erreur_imprevue_sans_trace(monkeypatch, capsys):
    """Dernier recours : une exception imprévue devient une ligne claire (code 1), sans trace Python."""
    def casse(*_args, **_kwargs):
        raise RuntimeError("panne simulée")

    monkeypatch.setattr(simulate, "charger_population", casse)
    code = main(["simulate", "--year", "2025"])
    sortie = capsys.readouterr()
    assert code == 1
    assert sortie.err.startswith("caqes : erreur imprévue dans « caqes simulate »"), sortie.err
    assert "signaler" in sortie.err and "Traceback" not in sortie.err
