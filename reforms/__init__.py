"""Les scénarios de l'IFEP et les contrefactuels, en réformes OpenFisca."""
