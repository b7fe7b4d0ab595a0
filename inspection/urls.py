"""The cross-inspections' routes, under a season's period."""

from django.urls import path

from inspection.views import draws, inspect, inspectors, problems

period = "seasons/<id:season_pk>/periods/<id:period_pk>/"

urlpatterns = [
    path(period + "draw/", draws.draw_page, name="inspection-draw"),
    path(period + "draw/commit/", draws.draw_commit, name="inspection-draw-commit"),
    path(period + "draw/make/", draws.draw_make, name="inspection-draw-make"),
    path(period + "draw/redraw/", draws.draw_redraw, name="inspection-draw-redraw"),
    path(period + "draw/screen/", draws.draw_screen, name="inspection-draw-screen"),
    path(period + "draw/record.xlsx", draws.draw_record, name="inspection-draw-record"),
    path(period + "draw/counts/", draws.draw_counts, name="inspection-draw-counts"),
]

season = "seasons/<id:season_pk>/"
problem = season + "problems/<id:problem_pk>/"

urlpatterns += [
    path("i/<str:inspector_token>/", inspect.inspector_login, name="inspection-login"),
    path(season + "inspect/", inspect.home, name="inspection-home"),
    path(season + "inspect/sw.js", inspect.service_worker, name="inspection-worker"),
    path(season + "inspect/<id:pair_pk>/new/", inspect.new_problem, name="inspection-new"),
    path(
        season + "inspect/problems/<id:problem_pk>/fix/", inspect.fix_problem, name="inspection-fix"
    ),  # fmt: skip
    path(season + "inspectors/", inspectors.inspectors, name="inspection-inspectors"),
    path(season + "problems/", problems.found_at_us, name="inspection-found"),
    path(period + "review/", problems.review_list, name="inspection-review"),
    path(problem, problems.problem_page, name="inspection-problem"),
    path(problem + "photos/<id:photo_pk>/", problems.photo, name="inspection-photo"),
    path(
        problem + "photos/<id:photo_pk>/thumb/", problems.photo_thumb, name="inspection-thumb"
    ),  # fmt: skip
    path(problem + "review/", problems.review_problem, name="inspection-review-problem"),
    path(problem + "rectify/", problems.rectify_problem, name="inspection-rectify"),
    path(problem + "close/", problems.close_problem, name="inspection-close"),
]
