FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_SETTINGS_MODULE=config.settings.production
WORKDIR /app
COPY pyproject.toml README.md ./
COPY config ./config
COPY catalog ./catalog
COPY events ./events
COPY cms ./cms
COPY search ./search
COPY site ./site
COPY manage.py ./
RUN pip install --no-cache-dir . && useradd --system app && mkdir -p /app/var && chown app /app/var
USER app
RUN SECRET_KEY=build ALLOWED_HOSTS=build python manage.py collectstatic --noinput -v0
EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
