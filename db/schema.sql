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

-- Derivation ------------------------------------------------------------
-- The plan is derived by these views; src/plan.c selects from them (and
-- its checks query them and the topology). A "profile" is what selects
-- catalog rows for a pool: its role and its collocated Mediation and
-- Central Management store flags (the features are global). Rows are
-- merged once per profile, a few hundred rows at most, then joined to the
-- servers, so the matrix streams in server order with no sort of the whole.
-- Lists inside a cell keep a defined order (catalog order, or names) by
-- concatenating over ordered windows: group_concat() alone promises none.

-- Lets port_matrix, lb_ports and lb_compare walk the pools of a site in
-- output order; only the rows of one pool at a time are then sorted.
CREATE INDEX pool_site_fqdn ON pool (site_id, fqdn);

-- The pool flag combinations under which a catalog row's condition holds,
-- given the enabled features: the one definition of the conditions.
CREATE VIEW catalog_condition AS
  SELECT c.id AS catalog_id, m.flag AS collocated_mediation, k.flag AS cms
    FROM catalog c, (SELECT 0 AS flag UNION ALL SELECT 1) m,
         (SELECT 0 AS flag UNION ALL SELECT 1) k
   WHERE c.condition = 'always'
      OR (c.condition = 'collocated-mediation' AND m.flag = 1)
      OR (c.condition = 'cms' AND k.flag = 1)
      OR (c.condition IN ('static-routes', 'e911', 'legacy-clients', 'http-without-https')
          AND EXISTS (SELECT 1 FROM feature f WHERE f.name = c.condition AND f.enabled = 1));

-- Whether a catalog row's condition holds for a pool.
CREATE VIEW condition_holds AS
  SELECT p.id AS pool_id, cc.catalog_id
    FROM pool p JOIN catalog_condition cc
      ON cc.collocated_mediation = p.collocated_mediation AND cc.cms = p.cms;

-- The catalog rows that apply to each profile in use: rows of the pool's
-- role in every section, plus the server rows for all servers ('all') and
-- all internal servers ('internal'). Office Web Apps Servers are not Lync
-- servers (no replicated Central Management store copy, no media), so
-- they take only their own rows.
CREATE VIEW profile_catalog AS
  SELECT pr.role AS pool_role, pr.collocated_mediation, pr.cms,
         c.id, c.section, c.role, c.service, c.port_lo, c.port_hi,
         CASE WHEN c.port_lo = c.port_hi THEN CAST(c.port_lo AS TEXT)
              ELSE c.port_lo || '-' || c.port_hi END AS ports,
         c.transport, c.protocol, c.notes, c.clients, c.source
    FROM (SELECT DISTINCT role, collocated_mediation, cms FROM pool) pr
    JOIN catalog_condition cc ON cc.collocated_mediation = pr.collocated_mediation
                             AND cc.cms = pr.cms
    JOIN catalog c ON c.id = cc.catalog_id
   WHERE c.role = pr.role
      OR (c.section = 'server' AND c.role IN ('all', 'internal')
          AND pr.role <> 'office-web-apps');

-- Server rows of a profile merged by (ports, transport): each distinct
-- service, protocol and note kept, in catalog order ('; ' between
-- services, protocols and sources, ' | ' between notes, which hold ';').
CREATE VIEW profile_port AS
  SELECT pool_role, collocated_mediation, cms, port_lo, port_hi, max(ports) AS ports, transport,
         coalesce(max(service), '') AS service, coalesce(max(protocol), '') AS protocol,
         coalesce(max(notes), '') AS notes, max(source) AS source
    FROM (SELECT pool_role, collocated_mediation, cms, port_lo, port_hi, ports, transport,
                 group_concat(CASE WHEN new_service AND service <> '' THEN service END, '; ') OVER w AS service,
                 group_concat(CASE WHEN new_protocol AND protocol <> '' THEN protocol END, '; ') OVER w AS protocol,
                 group_concat(CASE WHEN new_notes AND notes <> '' THEN notes END, ' | ') OVER w AS notes,
                 group_concat(source, '; ') OVER w AS source
            FROM (SELECT r.*,
                         row_number() OVER (PARTITION BY pool_role, collocated_mediation, cms,
                                            port_lo, port_hi, transport, service ORDER BY id) = 1 AS new_service,
                         row_number() OVER (PARTITION BY pool_role, collocated_mediation, cms,
                                            port_lo, port_hi, transport, protocol ORDER BY id) = 1 AS new_protocol,
                         row_number() OVER (PARTITION BY pool_role, collocated_mediation, cms,
                                            port_lo, port_hi, transport, notes ORDER BY id) = 1 AS new_notes
                    FROM profile_catalog r
                   WHERE r.section = 'server')
          WINDOW w AS (PARTITION BY pool_role, collocated_mediation, cms, port_lo, port_hi, transport
                       ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING))
   GROUP BY pool_role, collocated_mediation, cms, port_lo, port_hi, transport;

-- The port matrix: every port each server needs. CROSS JOIN keeps the
-- join order (sites, pools, servers, then their ports), so rows come out
-- in index order and only each pool's own rows are sorted.
CREATE VIEW port_matrix AS
  SELECT t.name AS site, p.fqdn AS pool, s.fqdn AS server, s.address, p.role,
         pp.service, pp.ports, pp.transport, pp.protocol, pp.notes, pp.source, pp.port_lo, pp.port_hi
    FROM site t
   CROSS JOIN pool p ON p.site_id = t.id
   CROSS JOIN server s ON s.pool_id = p.id
   CROSS JOIN profile_port pp ON pp.pool_role = p.role
                             AND pp.collocated_mediation = p.collocated_mediation
                             AND pp.cms = p.cms
   ORDER BY t.name, p.fqdn, s.fqdn, pp.port_lo, pp.port_hi, pp.transport;

-- Load balancers serving each pool, names and VIPs in name order.
CREATE VIEW pool_load_balancers AS
  SELECT pool_id, max(load_balancers) AS load_balancers, max(vips) AS vips
    FROM (SELECT lp.pool_id,
                 group_concat(l.name, ', ') OVER w AS load_balancers,
                 group_concat(l.vip, ', ') OVER w AS vips
            FROM lb_pool lp JOIN load_balancer l ON l.id = lp.lb_id
          WINDOW w AS (PARTITION BY lp.pool_id ORDER BY l.name
                       ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING))
   GROUP BY pool_id;

-- The ports a pool's hardware load balancer carries under the pool's
-- mode: the hardware-only table, or the DNS table (which lists Front End
-- and Director ports only: DNS balances SIP, web traffic still needs a
-- hardware load balancer). Pools of one server need none.
CREATE VIEW lb_ports AS
  SELECT t.name AS site, p.fqdn AS pool, p.role, p.lb AS mode,
         coalesce(b.load_balancers, '') AS load_balancers, coalesce(b.vips, '') AS vips,
         pc.ports, pc.transport, pc.protocol, pc.notes, pc.source, pc.port_lo, pc.port_hi
    FROM site t
   CROSS JOIN pool p ON p.site_id = t.id
   CROSS JOIN profile_catalog pc ON pc.pool_role = p.role
                                AND pc.collocated_mediation = p.collocated_mediation
                                AND pc.cms = p.cms
    LEFT JOIN pool_load_balancers b ON b.pool_id = p.id
   WHERE pc.section = CASE p.lb WHEN 'hardware' THEN 'hlb-only' WHEN 'dns' THEN 'hlb-dns' END
     AND (SELECT count(*) FROM server s WHERE s.pool_id = p.id) > 1
   ORDER BY t.name, p.fqdn, pc.port_lo, pc.port_hi, pc.transport, pc.id;

-- Hardware-only against DNS load balancing for each profile: every
-- (ports, transport) of either table, and in which ('both', 'hardware',
-- 'dns').
CREATE VIEW profile_lb_compare AS
  SELECT pool_role, collocated_mediation, cms, port_lo, port_hi, max(ports) AS ports, transport,
         coalesce(max(protocol), '') AS protocol, max(source) AS source,
         CASE WHEN max(hardware) AND max(dns) THEN 'both'
              WHEN max(hardware) THEN 'hardware' ELSE 'dns' END AS "in"
    FROM (SELECT pool_role, collocated_mediation, cms, port_lo, port_hi, ports, transport,
                 section = 'hlb-only' AS hardware, section = 'hlb-dns' AS dns,
                 group_concat(CASE WHEN new_protocol AND protocol <> '' THEN protocol END, '; ') OVER w AS protocol,
                 group_concat(source, '; ') OVER w AS source
            FROM (SELECT r.*,
                         row_number() OVER (PARTITION BY pool_role, collocated_mediation, cms,
                                            port_lo, port_hi, transport, protocol ORDER BY id) = 1 AS new_protocol
                    FROM profile_catalog r
                   WHERE r.section IN ('hlb-only', 'hlb-dns'))
          WINDOW w AS (PARTITION BY pool_role, collocated_mediation, cms, port_lo, port_hi, transport
                       ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING))
   GROUP BY pool_role, collocated_mediation, cms, port_lo, port_hi, transport;

CREATE VIEW lb_compare AS
  SELECT t.name AS site, p.fqdn AS pool, p.role, p.lb AS current_mode,
         x.ports, x.transport, x.protocol, x."in", x.source, x.port_lo, x.port_hi
    FROM site t
   CROSS JOIN pool p ON p.site_id = t.id
   CROSS JOIN profile_lb_compare x ON x.pool_role = p.role
                                  AND x.collocated_mediation = p.collocated_mediation
                                  AND x.cms = p.cms
   ORDER BY t.name, p.fqdn, x.port_lo, x.port_hi, x.transport;

-- What clients need: for each role in use, the ports clients open toward
-- its servers or its load balancer ('to-server'), then the ports of the
-- client table on the clients and devices themselves ('client-side').
CREATE VIEW client_ports AS
  SELECT role, direction, component, ports, transport, protocol, notes, source,
         port_lo, port_hi
    FROM (SELECT DISTINCT pc.pool_role AS role, 'to-server' AS direction,
                 CASE pc.section WHEN 'server' THEN 'servers'
                      WHEN 'hlb-only' THEN 'load balancer (hardware load balancing)'
                      ELSE 'load balancer (DNS load balancing)' END AS component,
                 pc.port_lo, pc.port_hi, pc.ports, pc.transport, pc.protocol, pc.notes,
                 pc.source, pc.id
            FROM profile_catalog pc
           WHERE pc.clients = 1
          UNION ALL
          SELECT c.role, 'client-side',
                 CASE WHEN c.service <> '' THEN c.service ELSE 'clients' END,
                 c.port_lo, c.port_hi,
                 CASE WHEN c.port_lo = c.port_hi THEN CAST(c.port_lo AS TEXT)
                      ELSE c.port_lo || '-' || c.port_hi END,
                 c.transport, c.protocol, c.notes, c.source, c.id
            FROM catalog c
           WHERE c.section = 'client'
             AND EXISTS (SELECT 1 FROM catalog_condition cc WHERE cc.catalog_id = c.id))
   ORDER BY direction = 'client-side', role, port_lo, port_hi, transport, id;
