"""L'application web construite une fois pour les tests de ce dossier (client de test Flask, sans réseau)."""

from __future__ import annotations

import pytest

from openfisca_caqes.web import creer_application


@pytest.fixture(scope="session")
def application():
    return creer_application()


@pytest.fixture
def client(application):
    return application.test_client()
