"""Les tests du moteur des formules et de la forme de la loi (imports, docstrings, références, roue)."""


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "lent: test lent (construction et installation du paquet) ; lancé par défaut, écarter avec -m 'not lent'"
    )
