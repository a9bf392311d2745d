"""The public pages of the national standards: the version in effect, retired ones, and the
public comment on a draft with its summary."""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from accounts.limits import client_ip

from ..core.errors import WorkflowError
from ..http import status_for
from ..models import StandardsVersion
from ..selectors.comments import (
    comment_counts,
    comment_counts_by_standard,
    comment_period_public,
    comment_periods_public,
    comment_summary_public,
    comments_for_summary,
    comments_published,
)
from ..services.comments import TooManyComments, comment_submit
from .forms import StandardsCommentForm

COMMENTS_PER_PAGE = 20
THANKS = (
    "Thank you: your comment has been received. It will appear on this page once it has been "
    "moderated."
)
TOO_MANY = (
    "You have sent many comments in a short time. Please wait a while, then send this one again."
)


def standards_current(request):
    """The version of the standards in effect, and the list of published versions."""
    return TemplateResponse(
        request,
        "standards/standards_current.html",
        {
            "version": StandardsVersion.current(),
            "versions": StandardsVersion.objects.public(),
            "comment_periods": comment_periods_public(),
        },
    )


def standards_version(request, pk):
    """A retired version of the standards; the current one lives at /standards/, drafts nowhere."""
    version = get_object_or_404(StandardsVersion.objects.public(), pk=pk)
    if version.status == StandardsVersion.Status.CURRENT:
        return redirect("standards:current")
    return TemplateResponse(
        request,
        "standards/standards_version.html",
        {
            "version": version,
            "current_version": StandardsVersion.current(),
            "versions": StandardsVersion.objects.public(),
            "comment_periods": comment_periods_public(),
        },
    )


def standards_comment(request, pk):
    """A draft open for public comment: its standards, the comment form while the period is
    open, and the comments published so far."""
    period = comment_period_public(version_id=pk)
    if period is None:
        raise Http404("No such draft is open for comment.")
    version = period.version
    form = StandardsCommentForm(
        request.POST or None, version=version, initial=_standard_chosen(request, version)
    )
    status, refusal = 200, ""
    if request.method == "POST":
        if not period.is_open():
            status, refusal = 409, period.closed_message()
        elif not form.is_valid():
            status = 400
        elif form.is_bot:  # bots get the answer everyone gets
            messages.success(request, THANKS)
            return redirect(reverse("standards:comment", args=[version.pk]) + "#comment-sent")
        else:
            try:
                _submit(request, version, form.cleaned_data)
            except TooManyComments:
                form.add_error(None, TOO_MANY)
                status = 429
            except WorkflowError as refused:
                form.add_error(None, refused.message)
                status = status_for(refused)
            else:
                messages.success(request, THANKS)
                return redirect(reverse("standards:comment", args=[version.pk]) + "#comment-sent")
    comments = Paginator(comments_published(period=period), COMMENTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return TemplateResponse(
        request,
        "standards/comment.html",
        {
            "version": version,
            "period": period,
            "is_open": period.is_open(),
            "refusal": refusal or ("" if period.is_open() else period.closed_message()),
            "form": form,
            "items": comments,
            "time_zone": settings.TIME_ZONE,
        },
        status=status,
    )


def _standard_chosen(request, version) -> dict:
    """The standard named by ?standard= (from a standard's "Comment on" link), if it is one
    of the draft's; anything else chooses nothing."""
    chosen = request.GET.get("standard", "")
    if not chosen.isdigit() or len(chosen) > 18:
        return {}
    standard = version.standards.filter(pk=int(chosen)).first()
    return {"standard": standard} if standard else {}


def _submit(request, version, data) -> None:
    standard = data["standard"]
    comment_submit(
        version_id=version.pk,
        standard_id=standard.pk if standard else None,
        name=data["name"],
        organization=data["organization"],
        role=data["role"],
        comment=data["comment"],
        client=client_ip(request),
    )


def standards_comment_summary(request, pk):
    """The published summary of a comment period: what was said, and the responses."""
    period = comment_summary_public(version_id=pk)
    if period is None:
        raise Http404("No summary of public comment is published for this version.")
    comments = Paginator(comments_for_summary(period=period), COMMENTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return TemplateResponse(
        request,
        "standards/comment_summary.html",
        {
            "version": period.version,
            "period": period,
            "counts": comment_counts(period=period),
            "by_standard": comment_counts_by_standard(period=period),
            "items": comments,
        },
    )
