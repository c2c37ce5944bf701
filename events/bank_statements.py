"""Reading bank statements uploaded by staff: MT940 (the mt-940 parser) and ISO 20022 camt.053.

camt.053 is read with lxml along the ISO 20022 structure (Document/BkToCstmrStmt/Stmt/Ntry), matching
elements by local name so every camt.053.001.xx version Polish banks export reads the same. The camt053
package on PyPI was considered and not taken: it is a 0.0.x release that pins exact versions of
unrelated libraries and pulls in a web server. The XML parser resolves no entities and fetches nothing.

Each entry gets a key from the statement's account and identifier and the entry's position and data:
importing the same statement again yields the same keys (events.services.statements stores each once).
"""

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

import mt940
from django.utils.translation import gettext as _
from lxml import etree

CAMT053_NAMESPACE = "urn:iso:std:iso:20022:tech:xsd:camt.053"
# The transfer title of an application (services.transfers.transfer_reference), as banks pass it on:
# any case, spaces around the dashes.
REFERENCE = re.compile(r"PES\s*-\s*(\d+)\s*-\s*(\d+)", re.IGNORECASE)


class StatementError(ValueError):
    """The file is not a statement we can read; the message is shown to staff."""


@dataclass(frozen=True)
class StatementEntry:
    key: str
    source_format: str
    account: str
    statement_id: str
    booked_on: date | None
    amount: int  # grosze; negative for money going out
    currency: str
    title: str
    counterparty: str


def find_reference(title: str) -> str:
    """The application's transfer reference in a transfer title, normalised; "" when there is none."""
    match = REFERENCE.search(title or "")
    if match is None:
        return ""
    return f"PES-{int(match.group(1))}-{int(match.group(2)):05d}"


def _grosze(value) -> int:
    try:
        return int((Decimal(str(value)) * 100).quantize(Decimal(1)))
    except (InvalidOperation, ValueError) as error:
        raise StatementError(_("The statement has an amount that is not a number.")) from error


def _key(*parts) -> str:
    return hashlib.sha256("|".join(str(part) for part in parts).encode()).hexdigest()


def parse(data: bytes) -> list[StatementEntry]:
    """The entries of an MT940 or camt.053 statement. Raises StatementError for anything else."""
    head = data.lstrip()[:200]
    if head.startswith(b"<"):
        return parse_camt053(data)
    return parse_mt940(data)


def parse_mt940(data: bytes) -> list[StatementEntry]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1250", errors="replace")  # Polish banks' legacy exports
    if ":61:" not in text or ":25:" not in text:
        raise StatementError(_("This file is neither an MT940 nor a camt.053 bank statement."))
    transactions = mt940.models.Transactions()
    try:
        transactions.parse(text)
    except Exception as error:  # the parser raises several kinds for broken files
        raise StatementError(_("The MT940 statement could not be read.")) from error
    header = transactions.data
    account = str(header.get("account_identification", ""))
    statement_id = f"{header.get('transaction_reference', '')}/{header.get('statement_number', '')}"
    entries = []
    for index, transaction in enumerate(transactions):
        values = transaction.data
        amount = values.get("amount")
        if amount is None:
            continue
        grosze = _grosze(amount.amount)
        title = " ".join(str(values.get("transaction_details") or "").split())
        booked = values.get("date")
        booked_on = date(booked.year, booked.month, booked.day) if booked else None
        currency = str(values.get("currency") or amount.currency or "")
        reference = values.get("bank_reference") or ""
        entries.append(
            StatementEntry(
                key=_key(account, statement_id, index, booked_on, grosze, currency, reference, title),
                source_format="mt940",
                account=account,
                statement_id=statement_id[:64],
                booked_on=booked_on,
                amount=grosze,
                currency=currency.upper()[:3],
                title=title,
                counterparty="",
            )
        )
    return entries


def _child(node, *names):
    for name in names:
        if node is None:
            return None
        node = next((child for child in node if etree.QName(child).localname == name), None)
    return node


def _children(node, name):
    return [
        child for child in node.iter() if isinstance(child.tag, str) and etree.QName(child).localname == name
    ]


def _text(node, *names) -> str:
    found = _child(node, *names)
    return (found.text or "").strip() if found is not None else ""


def parse_camt053(data: bytes) -> list[StatementEntry]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise StatementError(_("The camt.053 statement is not well-formed XML.")) from error
    if not etree.QName(root).namespace or not etree.QName(root).namespace.startswith(CAMT053_NAMESPACE):
        raise StatementError(_("This file is neither an MT940 nor a camt.053 bank statement."))
    entries = []
    for statement in _children(root, "Stmt"):
        account = _text(statement, "Acct", "Id", "IBAN") or _text(statement, "Acct", "Id", "Othr", "Id")
        statement_id = _text(statement, "Id")
        for index, entry in enumerate(child for child in statement if etree.QName(child).localname == "Ntry"):
            amount_node = _child(entry, "Amt")
            if amount_node is None:
                raise StatementError(_("The camt.053 statement has an entry without an amount."))
            grosze = _grosze((amount_node.text or "").strip())
            if _text(entry, "CdtDbtInd") == "DBIT":
                grosze = -grosze
            booked_text = _text(entry, "BookgDt", "Dt") or _text(entry, "BookgDt", "DtTm")[:10]
            try:
                booked_on = date.fromisoformat(booked_text) if booked_text else None
            except ValueError as error:
                raise StatementError(_("The camt.053 statement has an invalid booking date.")) from error
            title = " ".join(" ".join(node.text or "" for node in _children(entry, "Ustrd")).split())
            debtor = next(iter(_children(entry, "Dbtr")), None)
            counterparty = (
                " ".join(node.text or "" for node in _children(debtor, "Nm")) if debtor is not None else ""
            )
            currency = amount_node.get("Ccy", "")
            reference = _text(entry, "AcctSvcrRef") or _text(entry, "NtryRef")
            entries.append(
                StatementEntry(
                    key=_key(account, statement_id, index, booked_on, grosze, currency, reference, title),
                    source_format="camt053",
                    account=account[:64],
                    statement_id=statement_id[:64],
                    booked_on=booked_on,
                    amount=grosze,
                    currency=currency.upper()[:3],
                    title=title,
                    counterparty=counterparty.strip()[:255],
                )
            )
    if not entries and not _children(root, "Stmt"):
        raise StatementError(_("The camt.053 file holds no statement."))
    return entries
