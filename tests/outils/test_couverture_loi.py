"""La couverture de la loi par les cas YAML (scripts/couverture_loi.py) : docs/couverture_loi.md est à
jour, chaque exclusion a sa raison et vise une lacune réelle, les lacunes restent sous leur plafond ;
et l'outil lui-même voit ce qu'un cas lit, et seulement ce qu'il lit de la loi."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from openfisca_caqes.systeme import systeme_de_base

RACINE = Path(__file__).resolve().parents[2]
COMMANDE = "python scripts/couverture_loi.py --ecrire"


def _charger_outil():
    spec = importlib.util.spec_from_file_location("couverture_loi", RACINE / "scripts" / "couverture_loi.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # les dataclasses du module se résolvent par son nom
    spec.loader.exec_module(module)
    return module


outil = _charger_outil()
SANS_EXCLUSION = {"parametres": [], "formules": [], "plafond_lacunes": {}}


@pytest.fixture(scope="module")
def analyse():
    """Tous les cas YAML de tests/, rejoués une fois sous observation."""
    return outil.analyser()


def test_document_a_jour(analyse):
    actuel = outil.DOCUMENT.read_text(encoding="utf-8") if outil.DOCUMENT.exists() else ""
    assert actuel == analyse.texte, f"docs/couverture_loi.md n'est plus à jour : lancer `{COMMANDE}`"


def test_cas_yaml_rejoues_comme_par_openfisca_test(analyse):
    """Le rejeu de l'outil passe les mêmes cas que le greffon YAML : sinon la couverture mentirait."""
    assert analyse.echecs == []


def test_exclusions_raisonnees_et_utiles(analyse):
    assert analyse.problemes == [], "corriger scripts/couverture_exclusions.yaml : " + " ; ".join(analyse.problemes)


def test_lacunes_sous_le_plafond(analyse):
    assert analyse.depassements == [], " ; ".join(analyse.depassements) + f" — puis lancer `{COMMANDE}`"


# ------------------------------------------------------------------ l'outil sur des cas écrits ici

CAS_LOI = """
- name: Refus de signer en 2023
  period: 2023
  input:
    produits_assurance_maladie: {2022: 1000000}
    refus_signature: {2023: true}
  output:
    penalite_refus_signature: 10000
"""

CAS_REFORME = """
- name: Refus de signer en 2027 sous le contrefactuel CAQES prolongé
  reforms:
    - openfisca_caqes.reforms.caqes_2025_prolonge.caqes_2025_prolonge
  period: 2027
  input:
    produits_assurance_maladie: {2026: 1000000}
    refus_signature: {2027: true}
  output:
    penalite_refus_signature: 10000
"""


def _couvrir(tmp_path, texte: str, exclusions=SANS_EXCLUSION):
    (tmp_path / "cas.yaml").write_text(texte, encoding="utf-8")
    periodes, formules, _, problemes = outil.couverture(systeme_de_base(), tmp_path, exclusions)
    return periodes, formules, problemes


def _periode(periodes, chemin, instant):
    return next(p for p in periodes[chemin] if p.debut <= instant and (p.fin is None or instant < p.fin))


def test_un_cas_couvre_ce_qu_il_lit_et_rien_d_autre(tmp_path):
    """Le taux de refus lu en 2023 est couvert, par ce cas ; la formule 2022 de la pénalité aussi ;
    ni la formule 2018, ni les paramètres de l'IFEP, que le cas ne touche pas."""
    periodes, formules, _ = _couvrir(tmp_path, CAS_LOI)
    assert _periode(periodes, "caqes.refus_signature.taux", "2023-01-01").cas == {"cas.yaml#1"}
    assert formules[("penalite_refus_signature", "2022-01-01")].cas == {"cas.yaml#1"}
    assert not formules[("penalite_refus_signature", "2018-01-01")].cas
    assert not any(p.cas for chemin, liste in periodes.items() if chemin.startswith("ifep.") for p in liste)


def test_une_reforme_ne_couvre_pas_la_loi(tmp_path):
    """Sous le contrefactuel, 2027 lit un taux prolongé (la loi n'en a plus) et exécute la formule de
    2022 sous la date 2027 : ni la valeur 2017-2026 du taux, ni aucune formule de la loi n'est couverte."""
    periodes, formules, _ = _couvrir(tmp_path, CAS_REFORME)
    assert not any(p.cas for p in periodes["caqes.refus_signature.taux"])
    assert not any(formules[("penalite_refus_signature", date)].cas for date in ("2018-01-01", "2022-01-01", "2027-01-01"))


def test_exclusions_fautives_signalees(tmp_path):
    exclusions = {
        "parametres": [
            {"chemin": "ifep.ifaq.taux_enveloppe"},  # sans raison
            {"chemin": "caqes.n_existe_pas", "raison": "essai"},  # sans objet
            {"chemin": "caqes.refus_signature.taux", "raison": "essai"},  # couverte par le cas : périmée
        ],
        "formules": [{"variable": "ifep_*", "raison": "essai : les formules IFEP, non couvertes ici"}],
    }
    periodes, formules, problemes = _couvrir(tmp_path, CAS_LOI, exclusions)
    assert [p.split(" :")[0].split(" (")[0] for p in problemes] == [
        "exclusion sans raison", "exclusion sans objet", "exclusion périmée",
    ]
    assert formules[("ifep_penalite", "2027-01-01")].exclusion.startswith("essai")


def test_plafond_des_lacunes():
    trous = {"parametres": [], "formules": ["a.formula", "b.formula"]}
    assert outil.depassements(trous, {"formules": 2}) == []
    assert outil.depassements(trous, {"formules": 1})[0].startswith("2 lacunes de formules pour un plafond de 1")


CAS_PARAMETRES = """
- name: Refus de signer en 2023, taux donné par le cas
  period: 2023
  parameters:
    caqes:
      refus_signature:
        taux:
          values:
            2017-04-23: {taux}
  input:
    produits_assurance_maladie: {{2022: 1000000}}
    refus_signature: {{2023: true}}
  output:
    penalite_refus_signature: {montant}
"""


def test_une_valeur_donnee_par_le_cas_ne_couvre_la_loi_que_si_c_est_la_sienne(tmp_path):
    """`parameters:` d'un cas : 2 % lu en 2023 n'est pas la valeur de la loi (1 %) et ne la couvre
    pas ; la valeur même de la loi, lue par le même chemin, la couvre."""
    loi = _periode(outil.periodes_de_la_loi(systeme_de_base().parameters), "caqes.refus_signature.taux", "2023-01-01").valeur
    autre, _, _ = _couvrir(tmp_path, CAS_PARAMETRES.format(taux=loi * 2, montant=round(2_000_000 * loi)))
    assert not _periode(autre, "caqes.refus_signature.taux", "2023-01-01").cas
    meme, _, _ = _couvrir(tmp_path, CAS_PARAMETRES.format(taux=loi, montant=round(1_000_000 * loi)))
    assert _periode(meme, "caqes.refus_signature.taux", "2023-01-01").cas == {"cas.yaml#1"}
