from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class DefusConfig(AppConfig):
    default = True
    name = "defus"
    verbose_name = "DEFUS"
    # The shell's own desk entry: tasks kept while the broker was down (kernel/contributions.py).
    desk = ((90, "defus.desk.pending"),)


class AdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "defus.admin.DefusAdminSite"
