"""The stamps' routes, under a season."""

from django.urls import path

from stamps.views import pages

season = "seasons/<id:season_pk>/"
period = season + "periods/<id:period_pk>/stamps/"

urlpatterns = [
    path(period, pages.checker, name="stamps-checker"),
    path(period + "stamp/", pages.stamp_one, name="stamps-stamp"),
    path(period + "rewards/", pages.rewards, name="stamps-rewards"),
    path(period + "take/", pages.take, name="stamps-take"),
    path(period + "stamps.xlsx", pages.month_workbook, name="stamps-workbook"),
    path(season + "subjects/<id:subject_pk>/stamps/", pages.card, name="stamps-card"),
    path(season + "stamps/tiers/", pages.tiers, name="stamps-tiers"),
]
