"""Model permissions derived from the offices a person holds today."""

from members import bylaws


class BylawsBackend:
    """Grants model permissions from ``members.bylaws``; never authenticates."""

    def authenticate(self, request, **credentials):
        return None

    def get_user(self, user_id):
        return None

    def has_perm(self, user_obj, perm, obj=None):
        # Object rules live in `rules` predicates; this backend grants model rights only.
        return obj is None and perm in bylaws.permissions_of(user_obj)

    def has_module_perms(self, user_obj, app_label):
        prefix = f"{app_label}."
        return any(perm.startswith(prefix) for perm in bylaws.permissions_of(user_obj))

    def get_all_permissions(self, user_obj, obj=None):
        return set() if obj is not None else set(bylaws.permissions_of(user_obj))
