"""A ``multipart/form-data`` body (an HTML form with a file input) split into its fields.

The standard library's e-mail parser reads such a body too, but line by line: 10 s for a
30 MB CSV here. Browsers write a simple form (RFC 7578: one part per field, no nesting, no
transfer encoding), which splits on its boundary in one pass over the bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from email.message import Message
from email.parser import HeaderParser

from milbalance.errors import UserError


class FormError(UserError):
    """A body that is not the form the page sends."""


@dataclass(frozen=True)
class Field:
    """One form field: its bytes and, for a file input, the file's name as the user had it."""

    name: str
    content: bytes
    filename: str | None = None


def boundary(content_type: str) -> bytes:
    """The boundary a ``multipart/form-data`` content type names."""
    header = Message()
    header["content-type"] = content_type
    found = header.get_param("boundary")
    if header.get_content_type() != "multipart/form-data" or not isinstance(found, str) \
            or not found:
        raise FormError(f"send the form as multipart/form-data with a boundary; got content "
                        f"type {content_type!r}")
    return found.encode("latin-1")


def fields(body: bytes, content_type: str) -> dict[str, Field]:
    """The form's fields by name (the first of a repeated name)."""
    delimiter = b"--" + boundary(content_type)
    chunks = body.split(delimiter)
    if len(chunks) < 3 or not chunks[-1].startswith(b"--"):
        raise FormError("the form body is cut short or not multipart/form-data; send it again")
    out: dict[str, Field] = {}
    for chunk in chunks[1:-1]:
        head, sep, content = chunk.removeprefix(b"\r\n").partition(b"\r\n\r\n")
        if not sep:
            raise FormError("a form part has no blank line after its headers")
        # browsers write a file's name in UTF-8, unescaped
        headers = HeaderParser().parsestr(head.decode("utf-8", "replace") + "\r\n\r\n")
        name = headers.get_param("name", header="content-disposition")
        if not isinstance(name, str):
            raise FormError("a form part has no field name")
        filename = headers.get_param("filename", header="content-disposition")
        out.setdefault(name, Field(name, content.removesuffix(b"\r\n"),
                                   filename if isinstance(filename, str) else None))
    return out
