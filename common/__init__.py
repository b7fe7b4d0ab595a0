"""Saima's shared app: what the contest (``review``) and the apps beside it have in common.
Feature apps import ``common``; ``common`` imports no feature app."""
