"""Les outils des formules : ce que plusieurs fichiers de variables partagent, dans le moteur et non dans la loi.

Un fichier de variables n'importe que le moteur (`openfisca_caqes.*`), jamais un autre fichier de
variables : OpenFisca charge chaque fichier de `variables/` sous un nom de module qui lui est propre,
si bien qu'un import croisé exécuterait le fichier deux fois. Un module par sujet :

- `indicateurs` : les listes d'indicateurs nationaux et régionaux ;
- `comparaisons` : comparer des taux à des cibles (≥, >, écart, rapport) ;
- `regional` : la règle de la région de chaque établissement, les années de référence régionales ;
- `atteinte` : la part gagnée d'un objectif et l'intéressement d'un indicateur régional ;
- `national` : les économies et l'intéressement des indicateurs nationaux ;
- `ifep` : les objectifs de l'IFEP ;
- `references` : les références citées par plusieurs fichiers.
"""

from openfisca_caqes.formules.atteinte import interessement_indicateur, part_atteinte
from openfisca_caqes.formules.comparaisons import DECIMALES_COMPARAISON, au_moins, difference, plus_que, rapport
from openfisca_caqes.formules.ifep import objectif_ifep
from openfisca_caqes.formules.indicateurs import INDICATEURS_NATIONAUX, INDICATEURS_REGIONAUX, chemin_indicateur
from openfisca_caqes.formules.national import baisse_annuelle, part_des_economies, reciblage_prorogation
from openfisca_caqes.formules.references import ARTICLE_D162_16_V, REFERENCE_POTENTIEL
from openfisca_caqes.formules.regional import (
    donnee_ciblage,
    ecart_a_la_region,
    regles_regionales,
    taux_regional,
    valeur_a_annees,
)

__all__ = [
    "ARTICLE_D162_16_V",
    "DECIMALES_COMPARAISON",
    "INDICATEURS_NATIONAUX",
    "INDICATEURS_REGIONAUX",
    "REFERENCE_POTENTIEL",
    "au_moins",
    "baisse_annuelle",
    "chemin_indicateur",
    "difference",
    "donnee_ciblage",
    "ecart_a_la_region",
    "interessement_indicateur",
    "objectif_ifep",
    "part_atteinte",
    "part_des_economies",
    "plus_que",
    "rapport",
    "reciblage_prorogation",
    "regles_regionales",
    "taux_regional",
    "valeur_a_annees",
]
