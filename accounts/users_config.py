from wagtail.users.apps import WagtailUsersAppConfig


class UsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user and group admin, with the platform's rule on granting roles."""

    user_viewset = "accounts.user_admin.UserViewSet"
    group_viewset = "accounts.user_admin.GroupViewSet"
