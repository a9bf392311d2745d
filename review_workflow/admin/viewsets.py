"""The review's workflow screens in the admin, grouped in ViewSets (registered by
`wagtail_hooks.py`): one for a submission's screens, one for a reviewer's work, one for
oversight, one each for the coordinators' and the reviewers' appeal screens, and one for public
comment on draft standards."""

from django.urls import path
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet

from ..core.permissions import can_view_any_submission, can_view_comments, is_reviewer
from . import (
    appeal_views,
    comment_views,
    coordinator_views,
    onboarding_views,
    oversight_views,
    reviewer_views,
)


class SubmissionScreensViewSet(ViewSet):
    """A submission's file, transitions, versions, panel, reconciliation and export."""

    name = "review_submission"
    url_prefix = "submissions"

    def get_urlpatterns(self):
        return [
            path("<int:pk>/", coordinator_views.submission_file, name="file"),
            path(
                "<int:pk>/action/<slug:action>/",
                coordinator_views.submission_action,
                name="action",
            ),
            path("<int:pk>/compare/", coordinator_views.version_compare, name="compare"),
            path("<int:pk>/panel/", coordinator_views.submission_panel, name="panel"),
            path("<int:pk>/reconcile/", coordinator_views.submission_reconcile, name="reconcile"),
            path(
                "<int:pk>/reconcile/issue/",
                coordinator_views.decision_issue_confirm,
                name="issue",
            ),
            path(
                "<int:pk>/export.json",
                coordinator_views.submission_export_json,
                name="export_json",
            ),
            path(
                "<int:pk>/export.pdf", coordinator_views.submission_export_pdf, name="export_pdf"
            ),
        ]


class ReviewerMenuItem(MenuItem):
    def is_shown(self, request):
        return is_reviewer(request.user)


class CoordinatorMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_any_submission(request.user)


class ReviewerWorkViewSet(ViewSet):
    """A reviewer's assignments and the review form."""

    name = "review_assignments"
    url_prefix = "reviews"
    menu_label = "My reviews"
    icon = "clipboard-list"
    menu_order = 150
    add_to_admin_menu = True
    menu_item_class = ReviewerMenuItem

    def get_urlpatterns(self):
        return [
            path("", reviewer_views.my_reviews, name="index"),
            path("<int:pk>/", reviewer_views.assignment_screen, name="assignment"),
        ]


class OversightViewSet(ViewSet):
    """The coordinators' dashboard of the whole review."""

    name = "review_oversight"
    url_prefix = "review-oversight"
    menu_label = "Review oversight"
    icon = "table"
    menu_order = 250
    add_to_admin_menu = True
    menu_item_class = CoordinatorMenuItem

    def get_urlpatterns(self):
        return [path("", oversight_views.oversight, name="index")]


class InviteMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(onboarding_views.INVITE_PERMISSION)


class ReviewerOnboardingViewSet(ViewSet):
    """Inviting a reviewer: account, profile and welcome in one form."""

    name = "reviewer_onboarding"
    url_prefix = "reviewer-invitations"
    menu_label = "Invite a reviewer"
    icon = "user"
    menu_order = 206
    add_to_admin_menu = True
    menu_item_class = InviteMenuItem

    def get_urlpatterns(self):
        return [path("", onboarding_views.reviewer_invite_screen, name="index")]


class AppealScreensViewSet(ViewSet):
    """The coordinators' appeals: the list, an appeal's file and panel, its outcome."""

    name = "review_appeals"
    url_prefix = "appeals"
    menu_label = "Appeals"
    icon = "warning"
    menu_order = 202
    add_to_admin_menu = True
    menu_item_class = CoordinatorMenuItem

    def get_urlpatterns(self):
        return [
            path("", appeal_views.appeal_index, name="index"),
            path("<int:pk>/", appeal_views.appeal_file, name="file"),
            path("<int:pk>/action/<slug:action>/", appeal_views.appeal_action, name="action"),
            path("<int:pk>/supporting-file/", appeal_views.appeal_file_download, name="download"),
        ]


class AppealReviewsViewSet(ViewSet):
    """A reviewer's places on appeal panels."""

    name = "appeal_reviews"
    url_prefix = "appeal-reviews"
    menu_label = "My appeal reviews"
    icon = "clipboard-list"
    menu_order = 151
    add_to_admin_menu = True
    menu_item_class = ReviewerMenuItem

    def get_urlpatterns(self):
        return [
            path("", appeal_views.my_appeal_reviews, name="index"),
            path("<int:pk>/", appeal_views.appeal_review_screen, name="assignment"),
            path("<int:pk>/supporting-file/", appeal_views.appeal_review_file, name="download"),
        ]


class CommentMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_comments(request.user)


class PublicCommentViewSet(ViewSet):
    """Public comment on draft standards: the periods, opening one, a period's comments with
    their export and summary, and one comment to moderate and answer."""

    name = "standards_comments"
    url_prefix = "public-comment"
    menu_label = "Public comment"
    icon = "comment"
    menu_order = 221
    add_to_admin_menu = True
    menu_item_class = CommentMenuItem

    def get_urlpatterns(self):
        return [
            path("", comment_views.comment_periods, name="index"),
            path("versions/<int:pk>/", comment_views.comment_list, name="period"),
            path("versions/<int:pk>/days/", comment_views.comment_period_edit, name="dates"),
            path("versions/<int:pk>/comments.csv", comment_views.comment_export, name="export"),
            path("versions/<int:pk>/summary/", comment_views.comment_summary, name="summary"),
            path("comments/<int:pk>/", comment_views.comment_detail, name="comment"),
        ]
