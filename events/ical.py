"""An event page and its programme as an iCalendar file (RFC 5545)."""

from datetime import UTC

from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page


def _ical_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _ical_time(value) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _fold(line: str) -> str:
    """RFC 5545: lines longer than 75 octets continue on the next line after a space."""
    out, current = [], ""
    for char in line:
        if len((current + char).encode()) > 75:
            out.append(current)
            current = " " + char
        else:
            current += char
    out.append(current)
    return "\r\n".join(out)


def ical_for(page: Page, request=None) -> str:
    """The event and its programme as an iCalendar file (times in UTC)."""
    stamp = _ical_time(timezone.now())
    host = request.get_host() if request else "pes.pomorskie.eu"
    location = _ical_escape(f"{page.venue_name}, {page.venue_address}")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Pomorska Ekonomia Spoleczna//Events//PL",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:event-{page.pk}@{host}",
        f"DTSTAMP:{stamp}",
        f"DTSTART:{_ical_time(page.starts_at)}",
        f"DTEND:{_ical_time(page.ends_at)}",
        f"SUMMARY:{_ical_escape(page.title)}",
        f"LOCATION:{location}",
    ]
    if request is not None:
        lines.append(f"URL:{page.get_full_url(request)}")
    lines.append("END:VEVENT")
    for session in page.programme_sessions():
        room = session.localized_room
        where = f"{room}, {page.venue_name}" if room else page.venue_name
        description = ", ".join(filter(None, [session.speakers, session.localized_description]))
        lines += [
            "BEGIN:VEVENT",
            f"UID:session-{session.pk}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{_ical_time(session.starts_at)}",
            f"DTEND:{_ical_time(session.ends_at)}",
            f"SUMMARY:{_ical_escape(session.localized_title)}",
            f"LOCATION:{_ical_escape(where)}",
        ]
        if description:
            lines.append(f"DESCRIPTION:{_ical_escape(description)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


def meetings_ical(slots, *, for_buyer: bool, host: str = "pes.pomorskie.eu") -> str:
    """A schedule of buyer–supplier meetings: a buyer sees the exhibitors, an exhibitor the buyers."""
    stamp = _ical_time(timezone.now())
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Pomorska Ekonomia Spoleczna//Meetings//PL",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    for slot in slots:
        if for_buyer:
            other = slot.application.organisation_name
            where = slot.application.stand_number or ""
        else:
            other = f"{slot.ticket.name}, {slot.ticket.organisation}".strip(", ")
            where = slot.application.stand_number or ""
        lines += [
            "BEGIN:VEVENT",
            f"UID:meeting-{slot.pk}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{_ical_time(slot.starts_at)}",
            f"DTEND:{_ical_time(slot.ends_at)}",
            f"SUMMARY:{_ical_escape(_('Meeting: %(with)s') % {'with': other})}",
        ]
        if where:
            lines.append(f"LOCATION:{_ical_escape(_('Stand %(number)s') % {'number': where})}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
