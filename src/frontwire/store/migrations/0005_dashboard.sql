-- Indexes for the dashboard's reads. Most cover their query, so facet counts,
-- map groups and weekly counts read an index instead of the incidents table.

CREATE INDEX incidents_unit ON incidents (unit);
CREATE INDEX incidents_facets ON incidents (type, side, evidence, lat);
CREATE INDEX incidents_dates ON incidents (date_start, first_report, type);
CREATE INDEX incidents_place ON incidents (lat, lon, type, reports, origins, location);
CREATE INDEX incidents_region ON incidents (country, admin1);
CREATE INDEX entity_aliases_alias ON entity_aliases (alias);
