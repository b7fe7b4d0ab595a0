"""The season's routes, under ``seasons/<season>/``."""

from django.urls import path

from season.views import entry, grades, pages, people, scorecard, setup, workbooks

season = "seasons/<id:season_pk>/"
period = season + "periods/<id:period_pk>/"

urlpatterns = [
    path("seasons/new/", setup.season_new, name="season-new"),
    path(season, pages.season_page, name="season"),
    path(season + "subjects/<id:subject_pk>/", pages.subject_scorecard, name="season-subject"),
    path(season + "people/", people.people, name="season-people"),
    path(season + "scorecard/", scorecard.scorecard, name="season-scorecard"),
    path(season + "scorecard/save/", scorecard.scorecard_save, name="season-scorecard-save"),
    path(season + "grades/", grades.grades_page, name="season-grades"),
    path(season + "grades/save/", grades.grades_save, name="season-grades-save"),
    path(season + "grades/pick/", grades.grades_pick, name="season-grades-pick"),
    path(season + "workbook/", workbooks.start_workbook, name="season-workbook"),
    path(season + "jobs/<id:job_pk>/", workbooks.job_page, name="season-job"),
    path(season + "jobs/<id:job_pk>/file/", workbooks.job_file, name="season-job-file"),
    path(period, pages.period_page, name="season-period"),
    path(period + "list.xlsx", workbooks.period_list, name="season-list"),
    path(period + "board/", pages.board_print, name="season-board"),
    path(period + "screen/", pages.board_screen, name="season-screen"),
    path(period + "grid/", entry.grid, name="season-grid"),
    path(period + "import/", entry.values_import, name="season-import"),
    path(period + "template.xlsx", entry.template_xlsx, name="season-template"),
    path(period + "publish/", entry.publish_period, name="season-publish"),
    path(period + "event/", entry.take_event, name="season-take-event"),
]
