"""The review team's screens of public comment on draft standards: the periods, opening one,
a period's comments (with their export and the summary), and one comment to moderate and
answer."""

import logging

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control

from pages.csvsafe import csv_writer

from ..core.errors import WorkflowError
from ..core.permissions import can_moderate_comments, can_open_comment_period, can_view_comments
from ..http import status_for
from ..models import CommentPeriod, StandardsComment, StandardsVersion
from ..selectors.comments import (
    comment_counts,
    comment_for_staff,
    comment_list_for_staff,
    comment_period_for_staff,
    comment_periods_for_staff,
    drafts_without_comment_period,
)
from ..services.comments import (
    comment_answer,
    comment_moderate,
    comment_period_open,
    comment_summary_publish,
)
from .comment_forms import (
    CommentModerationForm,
    CommentPeriodForm,
    CommentResponseForm,
    CommentSummaryForm,
)

logger = logging.getLogger(__name__)

COMMENTS_PER_PAGE = 25


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _period_or_404(request, pk) -> CommentPeriod:
    _require(can_view_comments(request.user))
    period = comment_period_for_staff(user=request.user, version_id=pk)
    if period is None:
        raise Http404("This version has no comment period.")
    return period


def comment_periods(request):
    """Every comment period with its counts, and the drafts that could open one."""
    _require(can_view_comments(request.user))
    return TemplateResponse(
        request,
        "review_workflow/admin/comment_periods.html",
        {
            "periods": comment_periods_for_staff(user=request.user),
            "drafts": drafts_without_comment_period(user=request.user),
        },
    )


def comment_period_edit(request, pk):
    """Open a draft version for public comment, or move the days of its period."""
    _require(can_open_comment_period(request.user))
    version = get_object_or_404(StandardsVersion, pk=pk)
    period = CommentPeriod.objects.filter(version=version).first()
    form = CommentPeriodForm(
        request.POST or None,
        initial=CommentPeriodForm.initial_for(period, timezone.localdate()),
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                comment_period_open(
                    version_id=version.pk,
                    user=request.user,
                    opens_on=form.cleaned_data["opens_on"],
                    closes_on=form.cleaned_data["closes_on"],
                )
            except WorkflowError as refused:
                form.add_error(None, refused.message)
                status = status_for(refused)
            else:
                messages.success(request, f"Public comment on “{version}” is set.")
                return redirect("standards_comments:period", pk=version.pk)
        else:
            status = 400
    return TemplateResponse(
        request,
        "review_workflow/admin/comment_period_form.html",
        {
            "version": version,
            "period": period,
            "form": form,
            "is_draft": version.status == StandardsVersion.Status.DRAFT,
        },
        status=status,
    )


def comment_list(request, pk):
    """A period's comments, all or those in one state, with the way to the summary."""
    period = _period_or_404(request, pk)
    status = request.GET.get("status", "")
    if status and status not in StandardsComment.Status.values:
        return HttpResponseBadRequest("Unknown status: choose one of the tabs.")
    comments = Paginator(
        comment_list_for_staff(user=request.user, period=period, status=status),
        COMMENTS_PER_PAGE,
    ).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "review_workflow/admin/comment_list.html",
        {
            "period": period,
            "version": period.version,
            "items": comments,
            "elided_page_range": comments.paginator.get_elided_page_range(comments.number),
            "status": status,
            "statuses": StandardsComment.Status.choices,
            "counts": comment_counts(period=period),
            "summary_problems": period.summary_problems(),
            "events": period.events.filter(comment__isnull=True).select_related("actor"),
            "can_moderate": can_moderate_comments(request.user),
            "can_change_dates": can_open_comment_period(request.user)
            and period.version.status == StandardsVersion.Status.DRAFT
            and not period.summary_published,
        },
    )


EXPORT_COLUMNS = [
    ("Comment number", lambda c: c.pk),
    ("Received", lambda c: _local(c.submitted_at)),
    ("About", lambda c: c.standard_label),
    ("Name", lambda c: c.name),
    ("Organization", lambda c: c.organization),
    ("Role", lambda c: c.get_role_display()),
    ("Comment", lambda c: c.comment),
    ("Status", lambda c: c.get_status_display()),
    ("Moderated by", lambda c: _person(c.moderated_by)),
    ("Moderated at", lambda c: _local(c.moderated_at)),
    ("Reason not published", lambda c: c.moderation_note),
    ("Response", lambda c: c.response),
    ("Responded by", lambda c: _person(c.responded_by)),
    ("Responded at", lambda c: _local(c.responded_at)),
]


def _local(moment) -> str:
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else ""


def _person(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def comment_export(request, pk):
    """Every comment of the period as CSV, cells a spreadsheet would run made plain text."""
    period = _period_or_404(request, pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="public-comment-{period.version.pk}.csv"'
    )
    patch_cache_control(response, private=True, no_store=True)
    writer = csv_writer(response)
    writer.writerow([heading for heading, _ in EXPORT_COLUMNS])
    for comment in comment_list_for_staff(user=request.user, period=period):
        writer.writerow([value(comment) for _, value in EXPORT_COLUMNS])
    logger.info("Public comment on version %s exported by user %s", pk, request.user.pk)
    return response


def comment_summary(request, pk):
    """Write and publish the summary of the comments, with the final version."""
    period = _period_or_404(request, pk)
    _require(can_moderate_comments(request.user))
    form = CommentSummaryForm(request.POST or None, initial={"summary": period.summary})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                comment_summary_publish(
                    period_id=period.pk, user=request.user, summary=form.cleaned_data["summary"]
                )
            except WorkflowError as refused:
                form.add_error(None, refused.message)
                status = status_for(refused)
            else:
                messages.success(request, "The summary is published on the public site.")
                return redirect("standards_comments:period", pk=period.version_id)
        else:
            status = 400
    return TemplateResponse(
        request,
        "review_workflow/admin/comment_summary_form.html",
        {
            "period": period,
            "version": period.version,
            "form": form,
            "problems": period.summary_problems(),
            "counts": comment_counts(period=period),
        },
        status=status,
    )


FORMS = {"moderate": CommentModerationForm, "answer": CommentResponseForm}


def comment_detail(request, pk):
    """One comment: what was said and by whom, its moderation and its response."""
    _require(can_view_comments(request.user))
    comment = comment_for_staff(user=request.user, pk=pk)
    if comment is None:
        raise Http404("No such comment.")
    bound = {}
    status, refusal = 200, ""
    if request.method == "POST":
        _require(can_moderate_comments(request.user))
        which = request.POST.get("form", "")
        if which not in FORMS:
            return HttpResponseBadRequest("Unknown form.")
        form = bound[which] = FORMS[which](request.POST)
        if form.is_valid():
            try:
                _act(request, comment, which, form.cleaned_data)
            except WorkflowError as refused:
                refusal, status = refused.message, status_for(refused)
            else:
                return redirect("standards_comments:comment", pk=comment.pk)
        else:
            status = 400
    return TemplateResponse(
        request,
        "review_workflow/admin/comment_detail.html",
        {
            "comment": comment,
            "heading": f"Comment #{comment.pk}",
            "refusal": refusal,
            "period": comment.period,
            "version": comment.period.version,
            "moderation_form": bound.get("moderate") or CommentModerationForm(),
            "response_form": bound.get("answer")
            or CommentResponseForm(initial={"response": comment.response}),
            "can_moderate": can_moderate_comments(request.user)
            and not comment.period.summary_published,
            "events": comment.events.select_related("actor"),
        },
        status=status,
    )


def _act(request, comment, which, data) -> None:
    if which == "moderate":
        comment_moderate(
            comment_id=comment.pk, user=request.user, decision=data["decision"], note=data["note"]
        )
        published = data["decision"] == "approve"
        messages.success(
            request, "The comment is published." if published else "The comment is not published."
        )
    else:
        comment_answer(comment_id=comment.pk, user=request.user, response=data["response"])
        messages.success(request, "The response is saved; it is published with the summary.")
