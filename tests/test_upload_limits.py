"""Uploads: only real raster images of sane size are accepted; bombs, SVG and disguised files are refused."""

import io
import warnings

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form

ImageForm = get_image_form(get_image_model())


def _png(size=(40, 30), mode="RGB") -> bytes:
    buffer = io.BytesIO()
    PILImage.new(mode, size).save(buffer, "PNG")
    return buffer.getvalue()


def _form(name: str, content: bytes, content_type: str = "image/png"):
    upload = SimpleUploadedFile(name, content, content_type=content_type)
    return ImageForm(data={"title": name}, files={"file": upload})


@pytest.mark.django_db
def test_a_real_png_is_accepted():
    form = _form("logo.png", _png())
    assert form.is_valid(), form.errors


@pytest.mark.django_db
def test_a_text_file_disguised_as_png_is_refused():
    form = _form("logo.png", b"<html><body>not an image</body></html>")
    assert not form.is_valid()
    assert "file" in form.errors


@pytest.mark.django_db
def test_svg_with_a_script_is_refused():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    form = _form("logo.svg", svg, "image/svg+xml")
    assert not form.is_valid()
    assert "file" in form.errors


@pytest.mark.django_db
def test_decompression_bomb_is_refused_before_it_is_decoded():
    bomb = _png(size=(9_000, 9_000), mode="1")  # 81 Mpx in a file of a few hundred kB
    assert len(bomb) < 2_000_000
    form = _form("bomb.png", bomb)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # Pillow must never get as far as warning about decoding it
        assert not form.is_valid()
    assert "file" in form.errors


@pytest.mark.django_db
def test_oversized_request_body_is_refused_with_400():
    from django.test import Client

    body = "csrfmiddlewaretoken=x&x=" + "a" * (6 * 1024 * 1024)
    # The CSRF check reads the form body, which is where DATA_UPLOAD_MAX_MEMORY_SIZE is enforced.
    client = Client(enforce_csrf_checks=True)
    client.cookies["csrftoken"] = "a" * 32
    response = client.post("/health/live/", data=body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
