"""Office files are zips: one that would inflate too far (a zip bomb) is refused on upload."""

import io
import struct
import zipfile
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from review_workflow.services.submissions import submission_create

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


def office_zip(*, zeros_mb: int, kind_part: str = "word/document.xml") -> bytes:
    """A well-formed Office file with one extra part of `zeros_mb` MiB of zeros (deflated)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(kind_part, "<document/>")
        if zeros_mb:
            chunk = bytes(MB)
            with archive.open("word/media/padding.bin", "w", force_zip64=True) as part:
                for _ in range(zeros_mb):
                    part.write(chunk)
    return buffer.getvalue()


def deflated_zeros(mb: int) -> tuple[bytes, int]:
    """A raw deflate stream of `mb` MiB of zeros, and its CRC, without compressing them all.

    One MiB is compressed and fully flushed (so it refers to nothing before it); that block
    repeated is a valid stream, which a final empty block closes.
    """
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(bytes(MB)) + compressor.flush(zlib.Z_FULL_FLUSH)
    crc, zeros = 0, bytes(64 * MB)
    for _ in range(mb // 64):
        crc = zlib.crc32(zeros, crc)
    return block * mb + b"\x03\x00", crc


def zip_of(parts: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip from already deflated parts: (name, deflated data, CRC, inflated size)."""
    out, directory = io.BytesIO(), io.BytesIO()
    for name, data, crc, size in parts:
        offset = out.tell()
        encoded = name.encode()
        fields = (0, 0, crc, len(data), size, len(encoded), 0)
        out.write(struct.pack("<IHHH", 0x04034B50, 20, 0, 8) + struct.pack("<HHIIIHH", *fields))
        out.write(encoded + data)
        directory.write(
            struct.pack("<IHHHH", 0x02014B50, 20, 20, 0, 8)
            + struct.pack(
                "<HHIIIHHHHHII", 0, 0, crc, len(data), size, len(encoded), 0, 0, 0, 0, 0, offset
            )
            + encoded
        )
    start, listing = out.tell(), directory.getvalue()
    out.write(listing)
    out.write(
        struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(parts), len(parts), len(listing), start, 0)
    )
    return out.getvalue()


def deflated(text: bytes) -> tuple[bytes, int, int]:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(text) + compressor.flush(), zlib.crc32(text), len(text)


@pytest.fixture(scope="module")
def two_gib_bomb() -> bytes:
    zeros, crc = deflated_zeros(2048)
    return zip_of(
        [
            ("[Content_Types].xml", *deflated(b"<Types/>")),
            ("word/document.xml", *deflated(b"<document/>")),
            ("word/media/padding.bin", zeros, crc, 2048 * MB),
        ]
    )


def test_the_generated_bomb_really_inflates_to_two_gib(two_gib_bomb):
    with zipfile.ZipFile(io.BytesIO(two_gib_bomb)) as archive:
        assert archive.getinfo("word/media/padding.bin").file_size == 2048 * MB
        with archive.open("word/media/padding.bin") as part:
            assert part.read(8 * MB) == bytes(8 * MB)


@pytest.fixture
def draft(org_a, provider_a):
    return submission_create(organization=org_a, user=provider_a, title="Calm Contact")


def upload(client, draft, provider, name: str, content: bytes):
    client.force_login(provider)
    return client.post(
        f"/portal/submissions/{draft.pk}/edit/materials/",
        {"file": SimpleUploadedFile(name, content), "upload": ""},
    )


def test_a_docx_inflating_to_two_gib_is_refused_with_a_message(
    client, draft, provider_a, two_gib_bomb
):
    assert len(two_gib_bomb) < 3 * MB  # small on disk
    response = upload(client, draft, provider_a, "handout.docx", two_gib_bomb)
    assert response.status_code == 400
    assert "handout.docx would take more than 500.0 MB once opened" in response.content.decode()
    assert draft.materials.count() == 0


def test_a_spreadsheet_that_inflates_too_many_times_is_refused(client, draft, provider_a):
    bomb = office_zip(zeros_mb=20, kind_part="xl/workbook.xml")
    response = upload(client, draft, provider_a, "budget.xlsx", bomb)
    assert response.status_code == 400
    assert "budget.xlsx expands more than 100 times when opened" in response.content.decode()
    assert draft.materials.count() == 0


def test_the_limits_are_configurable(client, draft, provider_a, settings):
    settings.SUBMISSION_OFFICE_MAX_RATIO = 100_000
    settings.SUBMISSION_OFFICE_MAX_UNPACKED_BYTES = 10 * MB
    response = upload(client, draft, provider_a, "deck.docx", office_zip(zeros_mb=20))
    assert response.status_code == 400
    assert "would take more than 10.0 MB once opened" in response.content.decode()
    settings.SUBMISSION_OFFICE_MAX_UNPACKED_BYTES = 30 * MB
    response = upload(client, draft, provider_a, "deck.docx", office_zip(zeros_mb=20))
    assert response.status_code == 302
    assert draft.materials.get().original_name == "deck.docx"


def test_an_ordinary_docx_is_accepted(client, draft, provider_a):
    response = upload(client, draft, provider_a, "handout.docx", office_zip(zeros_mb=0))
    assert response.status_code == 302
    assert draft.materials.count() == 1
