"""CSV of attendees, safe to open in a spreadsheet."""

import io

from pages.csvsafe import csv_writer


def attendees_csv(registrations) -> str:
    buffer = io.StringIO()
    writer = csv_writer(buffer)
    writer.writerow(["name", "agency", "role", "email", "status", "confirmed_at"])
    for registration in registrations:
        writer.writerow(
            [
                registration.name,
                registration.agency,
                registration.role,
                registration.email,
                registration.status,
                registration.confirmed_at.isoformat() if registration.confirmed_at else "",
            ]
        )
    return buffer.getvalue()
