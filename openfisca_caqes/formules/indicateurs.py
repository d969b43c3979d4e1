"""Les listes d'indicateurs du CAQES rénové (2022-2026) : une seule source pour les variables, le moteur et le banc d'essai."""

# Les huit indicateurs nationaux (art. D.162-16 V CSS ; ARS Occitanie, présentation du nouveau CAQES fin 2021).
INDICATEURS_NATIONAUX = (
    "iec_ara2",
    "ezetimibe",
    "ipp",
    "perfadom",
    "pansements",
    "epa",
    "insuffisance_cardiaque",
    "transport_ambulance",
)

# Les indicateurs régionaux et leur volet (le chemin de leurs paramètres).
INDICATEURS_REGIONAUX = {
    "conciliation": "produits_sante",
    "analyse_pharmaceutique": "produits_sante",
    "entretiens_pharmaceutiques": "produits_sante",
    "aapp_mpi": "produits_sante",
    "suivi_liste_en_sus": "produits_sante",
    "aapp_perfadom": "produits_sante",
    "aapp_pansements": "produits_sante",
    "had": "pertinence",
    "parcours_avc": "pertinence",
    "parcours_ic": "pertinence",
    "parcours_bpco": "pertinence",
    "transport_vehicule_personnel": "organisation_soins",
    "transport_composite": "organisation_soins",
    "chirurgie_ambulatoire": "organisation_soins",
}


def chemin_indicateur(indicateur: str) -> str:
    """Le chemin des paramètres d'un indicateur régional : `caqes.<volet>.regionaux.<indicateur>`."""
    return f"caqes.{INDICATEURS_REGIONAUX[indicateur]}.regionaux.{indicateur}"
