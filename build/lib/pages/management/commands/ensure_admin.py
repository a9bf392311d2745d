"""Create the first administrator with a generated password, printed once."""

import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create an 'admin' superuser with a random password if no superuser exists yet."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--email", default="admin@localhost")

    def handle(self, *args, username, email, **options):
        User = get_user_model()
        if User.objects.filter(is_superuser=True).exists():
            self.stdout.write("An administrator account already exists; no password printed.")
            return
        password = secrets.token_urlsafe(15)
        User.objects.create_superuser(username=username, email=email, password=password)
        self.stdout.write(
            self.style.WARNING(
                f"Administrator created. Username: {username}  Password: {password}\n"
                "This password is shown only once: keep it now."
            )
        )
