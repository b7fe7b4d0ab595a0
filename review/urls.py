from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from review.views import judge, pages, results

urlpatterns = [
    path("", pages.home, name="home"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("events/<int:event_pk>/judge/", judge.running_order, name="judge-running-order"),
    path(
        "events/<int:event_pk>/judge/<int:submission_pk>/",
        judge.score_sheet,
        name="judge-sheet",
    ),
    path("events/<int:event_pk>/results/", results.leaderboard, name="results"),
    path("events/<int:event_pk>/results.xlsx", results.export_xlsx, name="results-xlsx"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
