"""The admin start page: apps that show one model each are gathered in one section "Sonstiges" (issue 28)."""

from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from kernel.admin import RecordAdmin


def test_it_gathers_the_apps_with_one_model_in_one_section(client, secretariat):
    client.force_login(secretariat)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    app_list = response.context["app_list"]
    names = [str(app["name"]) for app in app_list]
    assert names[-1] == "Sonstiges"
    # No other section holds a single entry; the merged one holds at least two.
    assert all(len(app["models"]) > 1 for app in app_list)
    assert len(app_list[-1]["models"]) >= 2
    html = response.content.decode()
    assert '<div class="app-other module">' in html
    # Every model of the merged section links its own list.
    for model in app_list[-1]["models"]:
        assert f'href="{model["admin_url"]}"' in html


def test_an_app_page_keeps_its_single_model(secretariat):
    request = RequestFactory().get("/admin/defus/")
    request.user = secretariat
    app_list = admin.site.get_app_list(request, app_label="defus")
    assert [model["object_name"] for app in app_list for model in app["models"]] == ["OutboxTask"]
    assert isinstance(admin.site._registry[app_list[0]["models"][0]["model"]], RecordAdmin)
