"""CSV of attendees, safe to open in a spreadsheet."""

import csv
import io

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value) -> str:
    """A cell a spreadsheet will not run as a formula (OWASP CSV injection advice)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def attendees_csv(registrations) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["name", "agency", "role", "email", "status", "confirmed_at"])
    for registration in registrations:
        writer.writerow(
            [
                spreadsheet_safe(value)
                for value in [
                    registration.name,
                    registration.agency,
                    registration.role,
                    registration.email,
                    registration.status,
                    registration.confirmed_at.isoformat() if registration.confirmed_at else "",
                ]
            ]
        )
    return buffer.getvalue()
