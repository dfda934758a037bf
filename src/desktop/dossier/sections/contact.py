"""The consultant's contact card with its vCard QR code, and the list of agency contacts.

Used large on the full dossier's contact page and as a compact strip on the one-pager. E-mail
addresses become ``mailto:`` links; the address goes into the attribute through ``attr()``.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer, Table

from desktop.dossier.brand import markup
from desktop.dossier.brand.styles import Kit
from desktop.dossier.content import i18n
from desktop.dossier.content.model import ContactCard
from desktop.dossier.layout.linebreaks import Paragraph
from desktop.dossier.layout.qrcode import contact_qr


def _email(email: str) -> str:
    return f"<a href={markup.attr('mailto:' + markup.one_line(email))}>{markup.text(email)}</a>"


def contact_lines(contact: ContactCard, kit: Kit, *, with_labels: bool = True) -> list[str]:
    """Markup lines: role, organisation, phone, e-mail, address (those that are present)."""
    language = kit.language
    lines = [markup.text(part) for part in (contact.role, contact.organisation) if part]
    if contact.phone:
        prefix = f"{i18n.label('phone', language)}  " if with_labels else ""
        lines.append(prefix + markup.text(contact.phone))
    if contact.email:
        prefix = f"{i18n.label('email', language)}  " if with_labels else ""
        lines.append(prefix + _email(contact.email))
    if contact.address:
        lines.append(markup.text(contact.address))
    return lines


def consultant_card(contact: ContactCard, kit: Kit, width: float) -> Table:
    """Name, role, organisation, phone, e-mail beside a QR code carrying the same as a vCard
    (the text alone, full width, when the card is too long for any scannable code)."""
    c = kit.colours
    qr_size = 96
    text: list[Flowable] = [Paragraph(markup.text(contact.name), kit.style("contact_name"))]
    for line in contact_lines(contact, kit):
        text.append(Paragraph(line, kit.style("body")))
    drawing = contact_qr(contact, qr_size, c.primary_dark)
    if drawing is None:
        table = Table([[text]], colWidths=[width], hAlign="LEFT")
    else:
        label = markup.text(i18n.label("scan_to_save", kit.language))
        qr = [kit.own_fonts(drawing), Paragraph(label, kit.style("source"))]
        table = Table([[text, qr]], colWidths=[width - qr_size - 40, qr_size + 40], hAlign="LEFT")
    table.setStyle(
        kit.table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, -1), c.primary_tint),
                ("LINEBEFORE", (0, 0), (0, 0), 3, c.accent),
                ("LEFTPADDING", (0, 0), (-1, -1), 16),
                ("RIGHTPADDING", (0, 0), (-1, -1), 16),
                ("TOPPADDING", (0, 0), (-1, -1), 16),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 16),
            ]
        )
    )
    return table


def contacts_grid(contacts: list[ContactCard], kit: Kit, width: float) -> Table:
    """Public agency contacts, two per row."""
    cells: list[list[Flowable]] = []
    for contact in contacts:
        block: list[Flowable] = [Paragraph(markup.text(contact.name), kit.style("why"))]
        block += [Paragraph(line, kit.style("small")) for line in contact_lines(contact, kit)]
        cells.append(block)
    if len(cells) % 2:
        cells.append([Spacer(1, 1)])
    rows = [cells[i : i + 2] for i in range(0, len(cells), 2)]
    table = Table(rows, colWidths=[width / 2, width / 2], hAlign="LEFT")
    table.setStyle(
        kit.table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 14),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
                ("LINEABOVE", (0, 0), (-1, -1), 0.4, kit.colours.rule),
            ]
        )
    )
    return table


def contact_strip(contact: ContactCard, kit: Kit, width: float, footer: str) -> Table:
    """The one-pager's bottom strip: who to call, and a small QR code."""
    c = kit.colours
    qr_size = 72
    heading = markup.text(i18n.label("your_contact", kit.language).upper())
    lines = [
        Paragraph(heading, kit.style("label")),
        Paragraph(
            f"<b>{markup.text(contact.name)}</b>"
            + "".join(f" · {line}" for line in contact_lines(contact, kit, with_labels=False)),
            kit.style("small"),
        ),
        Spacer(1, 3),
        Paragraph(markup.text(footer), kit.style("source")),
    ]
    drawing = contact_qr(contact, qr_size, c.primary_dark)
    if drawing is None:
        table = Table([[lines, ""]], colWidths=[width, 0], hAlign="LEFT")
    else:
        table = Table(
            [[lines, kit.own_fonts(drawing)]],
            colWidths=[width - qr_size - 12, qr_size + 12],
            hAlign="LEFT",
        )
    table.setStyle(
        kit.table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LINEABOVE", (0, 0), (-1, 0), 0.9, c.primary),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ("ALIGN", (1, 0), (1, 0), "RIGHT"),
            ]
        )
    )
    return table
