from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class DefusConfig(AppConfig):
    default = True
    name = "defus"
    verbose_name = "DEFUS"


class AdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "defus.admin.DefusAdminSite"
