"""The stored, weighted tsvector of each offer for the database search fallback, its GIN index, a
trigram index on the folded title for typos, and the triggers that keep the vector current.

PostgreSQL only: on SQLite (`make run`) the column stays null and the fallback scores in Python.
The text is folded with unaccent (ą → a, ł → l), like search.analysis.fold, and split with the
`simple` configuration: the fallback matches folded stems as prefixes, never dictionary lemmas.
"""

import django.contrib.postgres.search
from django.db import migrations

FORWARD = r"""
CREATE OR REPLACE FUNCTION pes_fold(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$;

CREATE OR REPLACE FUNCTION catalog_offer_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('simple', pes_fold(coalesce(NEW.title, ''))), 'A')
        || setweight(to_tsvector('simple', pes_fold(
               coalesce(NEW.tags::text, '') || ' '
               || coalesce((SELECT name_pl FROM catalog_category WHERE id = NEW.category_id), ''))), 'B')
        || setweight(to_tsvector('simple', pes_fold(coalesce(NEW.description, ''))), 'C')
        || setweight(to_tsvector('simple', pes_fold(
               coalesce((SELECT name FROM catalog_organisation WHERE id = NEW.organisation_id), ''))), 'D');
    RETURN NEW;
END $$;

CREATE TRIGGER catalog_offer_search_vector BEFORE INSERT OR UPDATE ON catalog_offer
    FOR EACH ROW EXECUTE FUNCTION catalog_offer_search_vector();

-- A renamed organisation or category re-folds its offers (the offer trigger does the work).
CREATE OR REPLACE FUNCTION catalog_organisation_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.name IS DISTINCT FROM OLD.name THEN
        UPDATE catalog_offer SET search_vector = NULL WHERE organisation_id = NEW.id;
    END IF;
    RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION catalog_category_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.name_pl IS DISTINCT FROM OLD.name_pl THEN
        UPDATE catalog_offer SET search_vector = NULL WHERE category_id = NEW.id;
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER catalog_organisation_search_vector AFTER UPDATE ON catalog_organisation
    FOR EACH ROW EXECUTE FUNCTION catalog_organisation_search_vector();
CREATE TRIGGER catalog_category_search_vector AFTER UPDATE ON catalog_category
    FOR EACH ROW EXECUTE FUNCTION catalog_category_search_vector();

UPDATE catalog_offer SET search_vector = NULL;
CREATE INDEX catalog_offer_search_vector_gin ON catalog_offer USING gin (search_vector);
CREATE INDEX catalog_offer_title_trgm ON catalog_offer USING gin (pes_fold(title) gin_trgm_ops);
"""

BACKWARD = r"""
DROP INDEX IF EXISTS catalog_offer_title_trgm;
DROP INDEX IF EXISTS catalog_offer_search_vector_gin;
DROP TRIGGER IF EXISTS catalog_category_search_vector ON catalog_category;
DROP TRIGGER IF EXISTS catalog_organisation_search_vector ON catalog_organisation;
DROP TRIGGER IF EXISTS catalog_offer_search_vector ON catalog_offer;
DROP FUNCTION IF EXISTS catalog_category_search_vector();
DROP FUNCTION IF EXISTS catalog_organisation_search_vector();
DROP FUNCTION IF EXISTS catalog_offer_search_vector();
DROP FUNCTION IF EXISTS pes_fold(text);
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0003_quote_receipt"),
        ("catalog_search", "0002_postgres_search_extensions"),  # unaccent and pg_trgm
    ]

    operations = [
        migrations.AddField(
            model_name="offer",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(forward, backward),
    ]
