"""The fallback's stored tsvector also holds the offer's CPV codes ('#cpv79810000') and category
('#cat12') as lexemes of their own, so that a query's CPV and category hints are one more branch of
the tsquery that the GIN index answers. As conditions beside the tsquery (a LIKE over the JSON text of
the codes, a join on the category's slug) they made PostgreSQL scan every offer.

The lexemes are added verbatim with array_to_tsvector: the '#' keeps them apart from every word a
buyer can type (search words are [0-9a-z]+), and they carry no position, so ts_rank ignores them.
Recomputes every vector (the BEFORE UPDATE trigger does the work).
"""

from django.db import migrations

VECTOR = r"""
CREATE OR REPLACE FUNCTION catalog_offer_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('simple', pes_fold(
               coalesce(NEW.title, '') || ' ' || coalesce(NEW.title_en, '') || ' ' || coalesce(NEW.tags::text, ''))), 'A')
        || setweight(to_tsvector('simple', pes_fold(
               coalesce((SELECT name_pl FROM catalog_category WHERE id = NEW.category_id), ''))), 'B')
        || setweight(to_tsvector('simple', pes_fold(
               coalesce(NEW.description, '') || ' ' || coalesce(NEW.description_en, ''))), 'C')
        || setweight(to_tsvector('simple', pes_fold(
               coalesce((SELECT name FROM catalog_organisation WHERE id = NEW.organisation_id), ''))), 'D')
        || array_to_tsvector(ARRAY(
               SELECT '#cpv' || split_part(code, '-', 1)
               FROM jsonb_array_elements_text(
                   CASE WHEN jsonb_typeof(NEW.cpv_codes) = 'array' THEN NEW.cpv_codes ELSE '[]'::jsonb END
               ) AS code
               WHERE split_part(code, '-', 1) <> ''
           ) || ('#cat' || NEW.category_id));
    RETURN NEW;
END $$;
UPDATE catalog_offer SET search_vector = NULL;
"""

PREVIOUS = r"""
CREATE OR REPLACE FUNCTION catalog_offer_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('simple', pes_fold(
               coalesce(NEW.title, '') || ' ' || coalesce(NEW.title_en, '') || ' ' || coalesce(NEW.tags::text, ''))), 'A')
        || setweight(to_tsvector('simple', pes_fold(
               coalesce((SELECT name_pl FROM catalog_category WHERE id = NEW.category_id), ''))), 'B')
        || setweight(to_tsvector('simple', pes_fold(
               coalesce(NEW.description, '') || ' ' || coalesce(NEW.description_en, ''))), 'C')
        || setweight(to_tsvector('simple', pes_fold(
               coalesce((SELECT name FROM catalog_organisation WHERE id = NEW.organisation_id), ''))), 'D');
    RETURN NEW;
END $$;
UPDATE catalog_offer SET search_vector = NULL;
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(VECTOR)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PREVIOUS)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0007_structured_quote_answers")]

    operations = [migrations.RunPython(forward, backward)]
