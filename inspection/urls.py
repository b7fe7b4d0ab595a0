"""The cross-inspections' routes, under a season's period."""

from django.urls import path

from inspection.views import draws

period = "seasons/<id:season_pk>/periods/<id:period_pk>/"

urlpatterns = [
    path(period + "draw/", draws.draw_page, name="inspection-draw"),
    path(period + "draw/commit/", draws.draw_commit, name="inspection-draw-commit"),
    path(period + "draw/make/", draws.draw_make, name="inspection-draw-make"),
    path(period + "draw/redraw/", draws.draw_redraw, name="inspection-draw-redraw"),
    path(period + "draw/screen/", draws.draw_screen, name="inspection-draw-screen"),
    path(period + "draw/record.xlsx", draws.draw_record, name="inspection-draw-record"),
]
