"""News goes through moderation: communications editors submit, moderators approve; scheduled
items go live when `publish_scheduled` runs."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone

from pages.models import NewsIndexPage, NewsPage


def _user(username, group):
    user = get_user_model().objects.create_user(username=username, password="x" * 16)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def news_index(demo_site):
    return NewsIndexPage.objects.get()


def _draft(news_index, editor, **fields):
    page = NewsPage(
        title="Regional training dates", intro="Dates announced.", live=False, **fields
    )
    news_index.add_child(instance=page)
    page.save_revision(user=editor)
    return page


def test_editors_submit_news_and_moderators_approve_it(news_index):
    editor = _user("editor", "Communications editor")
    moderator = _user("moderator", "Moderators")
    page = _draft(news_index, editor)
    assert page.permissions_for_user(editor).can_edit()
    assert not page.permissions_for_user(editor).can_publish()
    state = page.get_workflow().start(page, editor)
    assert state.status == "in_progress"
    page.refresh_from_db()
    assert not page.live
    task_state = state.current_task_state
    assert task_state.task.specific.user_can_access_editor(page, moderator)
    task_state.task.on_action(task_state, moderator, "approve")
    page.refresh_from_db()
    assert page.live


def test_a_scheduled_news_item_goes_live_when_publish_scheduled_runs(news_index, client):
    editor = _user("editor", "Communications editor")
    page = _draft(news_index, editor, go_live_at=timezone.now() + datetime.timedelta(hours=1))
    page.get_latest_revision().publish()
    page.refresh_from_db()
    assert not page.live  # approved, waiting for its time
    call_command("publish_scheduled", verbosity=0)
    page.refresh_from_db()
    assert not page.live
    # An hour passes: move the schedule instead of waiting for it.
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision = page.get_latest_revision()
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save()
    call_command("publish_scheduled", verbosity=0)
    page.refresh_from_db()
    assert page.live
    assert "Regional training dates" in client.get("/news/").content.decode()
