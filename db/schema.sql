-- lyncplan schema, version 1.
-- Topology tables hold what the user describes; the catalog holds the
-- port tables of the reference document; the views derive the plan.
-- Loaded by src/store.c inside the migration transaction that sets
-- PRAGMA user_version = 1.

CREATE TABLE catalog (
  id        INTEGER PRIMARY KEY,          -- document order
  section   TEXT    NOT NULL CHECK (section IN ('server', 'hlb-only', 'hlb-dns', 'client')),
  role      TEXT    NOT NULL,             -- see db/catalog.sql for the values
  service   TEXT    NOT NULL,
  port_lo   INTEGER NOT NULL CHECK (port_lo BETWEEN 1 AND 65535),
  port_hi   INTEGER NOT NULL CHECK (port_hi BETWEEN port_lo AND 65535),
  transport TEXT    NOT NULL CHECK (transport IN ('TCP', 'UDP', 'TCP/UDP')),
  protocol  TEXT    NOT NULL,
  notes     TEXT    NOT NULL,
  condition TEXT    NOT NULL CHECK (condition IN ('always', 'collocated-mediation',
                      'cms', 'static-routes', 'e911', 'legacy-clients',
                      'http-without-https')),
  clients   INTEGER NOT NULL DEFAULT 0 CHECK (clients IN (0, 1)),
  source    TEXT    NOT NULL CHECK (source <> '')
) STRICT;

CREATE TABLE site (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  description TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE pool (
  id      INTEGER PRIMARY KEY,
  fqdn    TEXT    NOT NULL UNIQUE COLLATE NOCASE,
  site_id INTEGER NOT NULL REFERENCES site (id) ON DELETE CASCADE,
  role    TEXT    NOT NULL CHECK (role IN ('front-end', 'director', 'mediation',
                    'persistent-chat', 'office-web-apps')),
  edition TEXT    NOT NULL DEFAULT '' CHECK ((role = 'front-end' AND edition IN ('standard', 'enterprise'))
                                           OR (role <> 'front-end' AND edition = '')),
  lb      TEXT    NOT NULL DEFAULT 'none' CHECK (lb IN ('none', 'dns', 'hardware')),
  collocated_mediation INTEGER NOT NULL DEFAULT 0
          CHECK (collocated_mediation IN (0, 1) AND (collocated_mediation = 0 OR role = 'front-end')),
  cms     INTEGER NOT NULL DEFAULT 0 CHECK (cms IN (0, 1) AND (cms = 0 OR role = 'front-end'))
) STRICT;
CREATE INDEX pool_site ON pool (site_id);
CREATE UNIQUE INDEX pool_one_cms ON pool (cms) WHERE cms = 1;

CREATE TABLE server (
  id      INTEGER PRIMARY KEY,
  fqdn    TEXT    NOT NULL UNIQUE COLLATE NOCASE,
  pool_id INTEGER NOT NULL REFERENCES pool (id) ON DELETE CASCADE,
  address TEXT    NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX server_pool ON server (pool_id);

CREATE TABLE load_balancer (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  vip  TEXT NOT NULL
) STRICT;

CREATE TABLE lb_pool (
  lb_id   INTEGER NOT NULL REFERENCES load_balancer (id) ON DELETE CASCADE,
  pool_id INTEGER NOT NULL REFERENCES pool (id) ON DELETE CASCADE,
  PRIMARY KEY (lb_id, pool_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX lb_pool_pool ON lb_pool (pool_id);

CREATE TABLE feature (
  name    TEXT    PRIMARY KEY,
  enabled INTEGER NOT NULL DEFAULT 0 CHECK (enabled IN (0, 1)),
  summary TEXT    NOT NULL
) STRICT;
INSERT INTO feature (name, summary) VALUES
  ('static-routes', 'Static routes to trusted services such as remote call control (TCP 5060)'),
  ('e911', 'Outbound Enhanced 9-1-1 (E9-1-1) gateway'),
  ('legacy-clients', 'Live Meeting and Office Communications Server 2007 / 2007 R2 / LCS 2005 clients'),
  ('http-without-https', 'Web farm FQDNs reached over HTTP when HTTPS is not used');

-- Whether a catalog row's condition holds for a pool.
CREATE VIEW condition_holds AS
  SELECT p.id AS pool_id, c.id AS catalog_id
    FROM pool p JOIN catalog c
   WHERE c.condition = 'always'
      OR (c.condition = 'collocated-mediation' AND p.collocated_mediation = 1)
      OR (c.condition = 'cms' AND p.cms = 1)
      OR (c.condition IN ('static-routes', 'e911', 'legacy-clients', 'http-without-https')
          AND EXISTS (SELECT 1 FROM feature f WHERE f.name = c.condition AND f.enabled = 1));
