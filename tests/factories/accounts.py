"""Accounts and logged-in clients."""

from django.contrib.auth import get_user_model
from django.test import Client

PASSWORD = "test-pass-123"


def make_user(username, *, staff=False, superuser=False):
    return get_user_model().objects.create_user(
        username, password=PASSWORD, is_staff=staff or superuser, is_superuser=superuser
    )


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client
