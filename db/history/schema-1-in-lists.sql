-- lyncplan schema, version 1.
-- Topology tables hold what the user describes; the catalog holds the
-- port tables of the reference documents (db/catalog.sql for the internal
-- servers, db/catalog-edge.sql for the Edge Server, the reverse proxy and
-- the SQL Server Back End); db/catalog-flow.sql says who talks to whom in
-- each catalog row; the views derive the plan. Loaded by src/store.c, in
-- that order, inside the migration transaction that sets
-- PRAGMA user_version = 1.

CREATE TABLE catalog (
  id        INTEGER PRIMARY KEY,          -- document order
  section   TEXT    NOT NULL CHECK (section IN ('server', 'hlb-only', 'hlb-dns', 'client',
                      'edge-external', 'edge-internal', 'edge-federation', 'edge-public-im',
                      'edge-xmpp', 'edge-hlb-external', 'edge-hlb-internal',
                      'edge-hlb-vip-external', 'edge-hlb-vip-internal', 'edge-av-dest-only',
                      'edge-av-src-dest', 'reverse-proxy-external', 'reverse-proxy-internal',
                      'sql-backend')),
  role      TEXT    NOT NULL,             -- see db/catalog.sql and db/catalog-edge.sql
  service   TEXT    NOT NULL,
  port_lo   INTEGER NOT NULL CHECK (port_lo BETWEEN 1 AND 65535),
  port_hi   INTEGER NOT NULL CHECK (port_hi BETWEEN port_lo AND 65535),
  transport TEXT    NOT NULL CHECK (transport IN ('TCP', 'UDP', 'TCP/UDP')),
  protocol  TEXT    NOT NULL,
  notes     TEXT    NOT NULL,
  condition TEXT    NOT NULL CHECK (condition IN ('always', 'collocated-mediation',
                      'cms', 'static-routes', 'e911', 'legacy-clients',
                      'http-without-https', 'xmpp', 'federation', 'federation-or-public-im',
                      'federation-ocs2007', 'public-im', 'reverse-proxy-http',
                      'office-web-apps', 'sql-default-instance')),
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
                    'persistent-chat', 'office-web-apps', 'edge', 'reverse-proxy')),
  edition TEXT    NOT NULL DEFAULT '' CHECK ((role = 'front-end' AND edition IN ('standard', 'enterprise'))
                                           OR (role <> 'front-end' AND edition = '')),
  lb      TEXT    NOT NULL DEFAULT 'none' CHECK (lb IN ('none', 'dns', 'hardware')),
  collocated_mediation INTEGER NOT NULL DEFAULT 0
          CHECK (collocated_mediation IN (0, 1) AND (collocated_mediation = 0 OR role = 'front-end')),
  cms     INTEGER NOT NULL DEFAULT 0 CHECK (cms IN (0, 1) AND (cms = 0 OR role = 'front-end')),
  -- How the Edge pool's external interface is addressed: 'public' (publicly
  -- routable addresses) or 'nat' (private addresses behind symmetric NAT),
  -- the two kinds the Edge topologies allow (db/edge-rules.txt,
  -- edge-external-address-public-unless-nat). One value for the pool: NAT
  -- covers all three external services and only the external interface
  -- (edge-nat-all-three-interfaces, edge-nat-external-only). '' for other roles.
  edge_external TEXT NOT NULL DEFAULT ''
          CHECK ((role = 'edge' AND edge_external IN ('public', 'nat'))
                 OR (role <> 'edge' AND edge_external = ''))
) STRICT;
CREATE INDEX pool_site ON pool (site_id);
CREATE UNIQUE INDEX pool_one_cms ON pool (cms) WHERE cms = 1;

CREATE TABLE server (
  id      INTEGER PRIMARY KEY,
  fqdn    TEXT    NOT NULL UNIQUE COLLATE NOCASE,
  pool_id INTEGER NOT NULL REFERENCES pool (id) ON DELETE CASCADE,
  -- Stored canonical (as inet_ntop writes it). For an Edge Server or a
  -- reverse proxy, the address of its internal interface: the one the
  -- internal servers reach. External addresses are not held.
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
  ('http-without-https', 'Web farm FQDNs reached over HTTP when HTTPS is not used'),
  ('federation', 'SIP federation with other organizations through the Access Edge'),
  ('federation-ocs2007', 'Federated partners running Office Communications Server 2007 (implies federation)'),
  ('public-im', 'Public IM connectivity (Windows Live Messenger) through the Access Edge'),
  ('xmpp', 'XMPP federation: XMPP proxy on the Edge, XMPP gateway on the Front End'),
  ('reverse-proxy-http', 'The reverse proxy also publishes HTTP (TCP 80): redirection to HTTPS, Autodiscover for mobile devices without a new certificate'),
  ('sql-default-instance', 'The SQL Server Back End of Enterprise Edition pools uses the default instance (TCP 1433)');

-- Which features make a catalog condition hold: any one of them on. The
-- catalog's feature conditions, and the perimeter conditions of
-- db/catalog-edge.sql: 'federation-or-public-im' holds when either is on,
-- and federation with Office Communications Server 2007 partners is
-- federation. ('office-web-apps' holds when the topology has an Office Web
-- Apps pool, see catalog_condition.)
CREATE TABLE condition_feature (
  condition TEXT NOT NULL,
  feature   TEXT NOT NULL REFERENCES feature (name),
  PRIMARY KEY (condition, feature)
) STRICT, WITHOUT ROWID;
INSERT INTO condition_feature (condition, feature) VALUES
  ('static-routes', 'static-routes'),
  ('e911', 'e911'),
  ('legacy-clients', 'legacy-clients'),
  ('http-without-https', 'http-without-https'),
  ('federation', 'federation'),
  ('federation', 'federation-ocs2007'),
  ('federation-ocs2007', 'federation-ocs2007'),
  ('federation-or-public-im', 'federation'),
  ('federation-or-public-im', 'federation-ocs2007'),
  ('federation-or-public-im', 'public-im'),
  ('public-im', 'public-im'),
  ('xmpp', 'xmpp'),
  ('reverse-proxy-http', 'reverse-proxy-http'),
  ('sql-default-instance', 'sql-default-instance');

-- Derivation ------------------------------------------------------------
-- The plan is derived by these views; src/plan.c selects from them (and
-- its checks query them and the topology). A "profile" is what selects
-- catalog rows for a pool: its role, its load balancing mode (which picks
-- the Edge tables) and its collocated Mediation and Central Management
-- store flags (the features are global). Rows are merged once per profile,
-- a few hundred rows at most, then joined to the servers, so the matrix
-- streams in server order with no sort of the whole.
-- Lists inside a cell keep a defined order (catalog order, or names) by
-- concatenating over ordered windows: group_concat() alone promises none.

-- Lets port_matrix, lb_ports and lb_compare walk the pools of a site in
-- output order; only the rows of one pool at a time are then sorted.
CREATE INDEX pool_site_fqdn ON pool (site_id, fqdn);

-- Which catalog sections a pool takes under each load balancing mode, and
-- where: 'server' rows are ports on the servers' own addresses (the port
-- matrix), 'load-balancer' rows ports on the hardware load balancer's
-- virtual IPs (lb_ports). The internal servers' table applies in every
-- mode, its two load balancer tables each in its mode. The Edge port
-- summaries are per topology. A single or DNS-load-balanced Edge pool takes
-- the NAT topic's external and internal interface tables (the public IP
-- topics have the same rows) and the tables of the SIP, XMPP federation and
-- public IM topic, which add what those lack (XMPP outbound, A/V with
-- Windows Live Messenger) and otherwise merge with them. A hardware-load-
-- balanced Edge pool takes its own topic's tables: the servers' (node)
-- tables as 'server', the virtual IP tables as 'load-balancer', as that
-- topic directs the firewall rules to each; so a node's matrix lacks what
-- only reaches it through the virtual IPs (Access and Web Conferencing
-- Edge 443, SIP 5061/5062 inside). The A/V topic's two tables restate
-- edge-external's A/V rows as alternative firewall styles: nothing is
-- derived from them. The reverse proxy and SQL Server tables apply in
-- every mode.
CREATE TABLE section_mode (
  section TEXT NOT NULL,
  lb      TEXT NOT NULL CHECK (lb IN ('none', 'dns', 'hardware')),
  place   TEXT NOT NULL CHECK (place IN ('server', 'load-balancer')),
  PRIMARY KEY (section, lb)
) STRICT, WITHOUT ROWID;
INSERT INTO section_mode (section, lb, place) VALUES
  ('server', 'none', 'server'), ('server', 'dns', 'server'), ('server', 'hardware', 'server'),
  ('hlb-only', 'hardware', 'load-balancer'),
  ('hlb-dns', 'dns', 'load-balancer'),
  ('edge-external', 'none', 'server'), ('edge-external', 'dns', 'server'),
  ('edge-internal', 'none', 'server'), ('edge-internal', 'dns', 'server'),
  ('edge-federation', 'none', 'server'), ('edge-federation', 'dns', 'server'),
  ('edge-public-im', 'none', 'server'), ('edge-public-im', 'dns', 'server'),
  ('edge-xmpp', 'none', 'server'), ('edge-xmpp', 'dns', 'server'),
  ('edge-hlb-external', 'hardware', 'server'),
  ('edge-hlb-internal', 'hardware', 'server'),
  ('edge-hlb-vip-external', 'hardware', 'load-balancer'),
  ('edge-hlb-vip-internal', 'hardware', 'load-balancer'),
  ('reverse-proxy-external', 'none', 'server'), ('reverse-proxy-external', 'dns', 'server'),
  ('reverse-proxy-external', 'hardware', 'server'),
  ('reverse-proxy-internal', 'none', 'server'), ('reverse-proxy-internal', 'dns', 'server'),
  ('reverse-proxy-internal', 'hardware', 'server'),
  ('sql-backend', 'none', 'server'), ('sql-backend', 'dns', 'server'),
  ('sql-backend', 'hardware', 'server');

-- The ends of the flows of db/catalog-flow.sql. A pool end is there once
-- per pool of pool_role (of that edition, or holding the Central
-- Management store, when the end says so); an end addressed at the load
-- balancers only for pools of more than one server, as lb_ports. role is
-- the catalog role of the rows the end owns: its pool's mode and flags
-- decide whether such a row applies. The Back End is a Front End pool's
-- own SQL Server: it talks to that pool only (own_pool). A party
-- (pool_role NULL) is outside the topology and always there: federated
-- partners include the public IM connectivity providers (the documents'
-- "Public IM connectivity partners"). zone: the side of the perimeter, for
-- the flow's direction; addresses: what the end's address column lists
-- (the model holds no external addresses); label: after the pool FQDN, or
-- the party's name.
CREATE TABLE flow_end (
  kind      TEXT PRIMARY KEY,
  role      TEXT,
  pool_role TEXT,
  edition   TEXT    NOT NULL DEFAULT '',
  cms       INTEGER NOT NULL DEFAULT 0 CHECK (cms IN (0, 1)),
  own_pool  INTEGER NOT NULL DEFAULT 0 CHECK (own_pool IN (0, 1)),
  zone      TEXT    NOT NULL CHECK (zone IN ('internal', 'perimeter', 'internet')),
  addresses TEXT    NOT NULL CHECK (addresses IN ('servers', 'load-balancers', '')),
  label     TEXT    NOT NULL,
  CHECK ((role IS NULL) = (pool_role IS NULL))
) STRICT;
INSERT INTO flow_end (kind, role, pool_role, edition, cms, own_pool, zone, addresses, label) VALUES
  ('front-end', 'front-end', 'front-end', '', 0, 0, 'internal', 'servers', ''),
  ('cms', 'front-end', 'front-end', '', 1, 0, 'internal', 'servers', ''),
  ('front-end-lb', 'front-end', 'front-end', '', 0, 0, 'internal', 'load-balancers', ' load balancer'),
  ('back-end', 'back-end', 'front-end', 'enterprise', 0, 1, 'internal', '', ' SQL Server Back End'),
  ('director', 'director', 'director', '', 0, 0, 'internal', 'servers', ''),
  ('director-lb', 'director', 'director', '', 0, 0, 'internal', 'load-balancers', ' load balancer'),
  ('mediation', 'mediation', 'mediation', '', 0, 0, 'internal', 'servers', ''),
  ('office-web-apps', 'office-web-apps', 'office-web-apps', '', 0, 0, 'internal', 'servers', ''),
  ('edge-internal', 'edge', 'edge', '', 0, 0, 'perimeter', 'servers', ' internal interface'),
  ('edge-internal-vip', 'edge', 'edge', '', 0, 0, 'perimeter', 'load-balancers', ' internal VIP'),
  ('edge-external', 'edge', 'edge', '', 0, 0, 'perimeter', '', ' external interface'),
  ('edge-external-vip', 'edge', 'edge', '', 0, 0, 'perimeter', 'load-balancers', ' external VIP'),
  ('reverse-proxy-internal', 'reverse-proxy', 'reverse-proxy', '', 0, 0, 'perimeter', 'servers',
   ' internal interface'),
  ('reverse-proxy-external', 'reverse-proxy', 'reverse-proxy', '', 0, 0, 'perimeter', '',
   ' external listener'),
  ('internal-clients', NULL, NULL, '', 0, 0, 'internal', '', 'internal clients'),
  ('pstn-gateway', NULL, NULL, '', 0, 0, 'internal', '', 'PSTN gateway'),
  ('cls-controller', NULL, NULL, '', 0, 0, 'internal', '', 'Centralized Logging Service controller'),
  ('external-clients', NULL, NULL, '', 0, 0, 'internet', '', 'external clients'),
  ('federated-partners', NULL, NULL, '', 0, 0, 'internet', '', 'federated partners'),
  ('public-im-users', NULL, NULL, '', 0, 0, 'internet', '', 'Live Messenger clients'),
  ('xmpp-partners', NULL, NULL, '', 0, 0, 'internet', '', 'XMPP federated partners'),
  ('internet', NULL, NULL, '', 0, 0, 'internet', '', 'Internet');

-- Who talks to whom in a catalog row (rows in db/catalog-flow.sql): the
-- from end opens connections to the row's ports on the to end. A row
-- naming several sources or destinations has one row per pair. why quotes
-- the catalog row's own words (its notes or protocol) that name the ends.
CREATE TABLE catalog_flow (
  id         INTEGER PRIMARY KEY,
  catalog_id INTEGER NOT NULL REFERENCES catalog (id),
  from_kind  TEXT    NOT NULL REFERENCES flow_end (kind),
  to_kind    TEXT    NOT NULL REFERENCES flow_end (kind),
  why        TEXT    NOT NULL CHECK (why <> ''),
  UNIQUE (catalog_id, from_kind, to_kind)
) STRICT;

-- The pool flag combinations under which a catalog row's condition holds,
-- given the enabled features and the roles in use: the one definition of
-- the conditions. 'office-web-apps' (the reverse proxy publishes Office Web
-- Apps for conferencing) holds when the topology has an Office Web Apps pool.
CREATE VIEW catalog_condition AS
  SELECT c.id AS catalog_id, m.flag AS collocated_mediation, k.flag AS cms
    FROM catalog c, (SELECT 0 AS flag UNION ALL SELECT 1) m,
         (SELECT 0 AS flag UNION ALL SELECT 1) k
   WHERE c.condition = 'always'
      OR (c.condition = 'collocated-mediation' AND m.flag = 1)
      OR (c.condition = 'cms' AND k.flag = 1)
      OR (c.condition = 'office-web-apps'
          AND EXISTS (SELECT 1 FROM pool p WHERE p.role = 'office-web-apps'))
      OR EXISTS (SELECT 1 FROM condition_feature cf JOIN feature f ON f.name = cf.feature
                  WHERE cf.condition = c.condition AND f.enabled = 1);

-- Whether a catalog row's condition holds for a pool.
CREATE VIEW condition_holds AS
  SELECT p.id AS pool_id, cc.catalog_id
    FROM pool p JOIN catalog_condition cc
      ON cc.collocated_mediation = p.collocated_mediation AND cc.cms = p.cms;

-- The catalog rows that are ports their role listens on: every row but
-- those catalog_flow shows that role opening (the perimeter tables list
-- both directions; an Edge Server listens only where it is the destination).
CREATE VIEW catalog_listening AS
  SELECT c.id AS catalog_id
    FROM catalog c
   WHERE NOT EXISTS (SELECT 1 FROM catalog_flow f JOIN flow_end e ON e.kind = f.from_kind
                      WHERE f.catalog_id = c.id AND e.role = c.role);

-- The catalog rows that apply to each profile in use: rows of the pool's
-- role in every section, plus the server rows for all servers ('all') and
-- all internal servers ('internal'); place says where the pool's mode puts
-- the row's section (NULL: not under this mode). Office Web Apps Servers
-- and reverse proxies are not Lync servers, and the Edge port summaries
-- list every port of both Edge interfaces (an Edge Server is not an
-- internal server): they take only their own rows.
CREATE VIEW profile_catalog AS
  SELECT pr.role AS pool_role, pr.lb, pr.collocated_mediation, pr.cms,
         c.id, c.section, c.role, c.service, c.port_lo, c.port_hi,
         CASE WHEN c.port_lo = c.port_hi THEN CAST(c.port_lo AS TEXT)
              ELSE c.port_lo || '-' || c.port_hi END AS ports,
         c.transport, c.protocol, c.notes, c.clients, c.source, sm.place,
         c.id IN (SELECT catalog_id FROM catalog_listening) AS listening
    FROM (SELECT DISTINCT role, lb, collocated_mediation, cms FROM pool) pr
    JOIN catalog_condition cc ON cc.collocated_mediation = pr.collocated_mediation
                             AND cc.cms = pr.cms
    JOIN catalog c ON c.id = cc.catalog_id
    LEFT JOIN section_mode sm ON sm.section = c.section AND sm.lb = pr.lb
   WHERE c.role = pr.role
      OR (c.section = 'server' AND c.role IN ('all', 'internal')
          AND pr.role NOT IN ('office-web-apps', 'edge', 'reverse-proxy'));

-- Server rows of a profile merged by (ports, transport): each distinct
-- service, protocol and note kept, in catalog order ('; ' between
-- services, protocols and sources, ' | ' between notes, which hold ';').
CREATE VIEW profile_port AS
  SELECT pool_role, lb, collocated_mediation, cms, port_lo, port_hi, max(ports) AS ports, transport,
         coalesce(max(service), '') AS service, coalesce(max(protocol), '') AS protocol,
         coalesce(max(notes), '') AS notes, max(source) AS source
    FROM (SELECT pool_role, lb, collocated_mediation, cms, port_lo, port_hi, ports, transport,
                 group_concat(CASE WHEN new_service AND service <> '' THEN service END, '; ') OVER w AS service,
                 group_concat(CASE WHEN new_protocol AND protocol <> '' THEN protocol END, '; ') OVER w AS protocol,
                 group_concat(CASE WHEN new_notes AND notes <> '' THEN notes END, ' | ') OVER w AS notes,
                 group_concat(source, '; ') OVER w AS source
            FROM (SELECT r.*,
                         row_number() OVER (PARTITION BY pool_role, lb, collocated_mediation, cms,
                                            port_lo, port_hi, transport, service ORDER BY id) = 1 AS new_service,
                         row_number() OVER (PARTITION BY pool_role, lb, collocated_mediation, cms,
                                            port_lo, port_hi, transport, protocol ORDER BY id) = 1 AS new_protocol,
                         row_number() OVER (PARTITION BY pool_role, lb, collocated_mediation, cms,
                                            port_lo, port_hi, transport, notes ORDER BY id) = 1 AS new_notes
                    FROM profile_catalog r
                   WHERE r.place = 'server' AND r.listening)
          WINDOW w AS (PARTITION BY pool_role, lb, collocated_mediation, cms, port_lo, port_hi, transport
                       ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING))
   GROUP BY pool_role, lb, collocated_mediation, cms, port_lo, port_hi, transport;

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
                             AND pp.lb = p.lb
                             AND pp.collocated_mediation = p.collocated_mediation
                             AND pp.cms = p.cms
   ORDER BY t.name, p.fqdn, s.fqdn, pp.port_lo, pp.port_hi, pp.transport;

-- How many matrix rows each server of a pool has, so the matrix can be
-- counted (for a scroll bar) without deriving and ordering every row.
CREATE VIEW pool_matrix_size AS
  SELECT p.id AS pool_id, t.name AS site, p.fqdn AS pool, p.role,
         (SELECT count(*) FROM profile_port pp
           WHERE pp.pool_role = p.role AND pp.lb = p.lb
             AND pp.collocated_mediation = p.collocated_mediation
             AND pp.cms = p.cms) AS rows_per_server
    FROM site t JOIN pool p ON p.site_id = t.id;

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
-- hardware load balancer); for a hardware-load-balanced Edge pool, the
-- ports its virtual IPs listen on. Pools of one server need none.
CREATE VIEW lb_ports AS
  SELECT t.name AS site, p.fqdn AS pool, p.role, p.lb AS mode,
         coalesce(b.load_balancers, '') AS load_balancers, coalesce(b.vips, '') AS vips,
         pc.ports, pc.transport, pc.protocol, pc.notes, pc.source, pc.port_lo, pc.port_hi
    FROM site t
   CROSS JOIN pool p ON p.site_id = t.id
   CROSS JOIN profile_catalog pc ON pc.pool_role = p.role
                                AND pc.lb = p.lb
                                AND pc.collocated_mediation = p.collocated_mediation
                                AND pc.cms = p.cms
    LEFT JOIN pool_load_balancers b ON b.pool_id = p.id
   WHERE pc.place = 'load-balancer' AND pc.listening
     AND (SELECT count(*) FROM server s WHERE s.pool_id = p.id) > 1
   ORDER BY t.name, p.fqdn, pc.port_lo, pc.port_hi, pc.transport, pc.id;

-- Hardware-only against DNS load balancing for each profile: every
-- (ports, transport) of the load balancer tables of either mode, and in
-- which ('both', 'hardware', 'dns').
CREATE VIEW profile_lb_compare AS
  SELECT pool_role, lb, collocated_mediation, cms, port_lo, port_hi, max(ports) AS ports, transport,
         coalesce(max(protocol), '') AS protocol, max(source) AS source,
         CASE WHEN max(hardware) AND max(dns) THEN 'both'
              WHEN max(hardware) THEN 'hardware' ELSE 'dns' END AS "in"
    FROM (SELECT pool_role, lb, collocated_mediation, cms, port_lo, port_hi, ports, transport,
                 hardware, dns,
                 group_concat(CASE WHEN new_protocol AND protocol <> '' THEN protocol END, '; ') OVER w AS protocol,
                 group_concat(source, '; ') OVER w AS source
            FROM (SELECT r.*, sm.lb = 'hardware' AS hardware, sm.lb = 'dns' AS dns,
                         row_number() OVER (PARTITION BY pool_role, r.lb, collocated_mediation, cms,
                                            port_lo, port_hi, transport, protocol ORDER BY id) = 1 AS new_protocol
                    FROM profile_catalog r
                    JOIN section_mode sm ON sm.section = r.section AND sm.place = 'load-balancer'
                   WHERE r.listening)
          WINDOW w AS (PARTITION BY pool_role, lb, collocated_mediation, cms, port_lo, port_hi, transport
                       ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING))
   GROUP BY pool_role, lb, collocated_mediation, cms, port_lo, port_hi, transport;

CREATE VIEW lb_compare AS
  SELECT t.name AS site, p.fqdn AS pool, p.role, p.lb AS current_mode,
         x.ports, x.transport, x.protocol, x."in", x.source, x.port_lo, x.port_hi
    FROM site t
   CROSS JOIN pool p ON p.site_id = t.id
   CROSS JOIN profile_lb_compare x ON x.pool_role = p.role
                                  AND x.lb = p.lb
                                  AND x.collocated_mediation = p.collocated_mediation
                                  AND x.cms = p.cms
   ORDER BY t.name, p.fqdn, x.port_lo, x.port_hi, x.transport;

-- What clients need: for each role in use, the ports clients open toward
-- its servers (from the tables its pools' modes take) or its load balancer
-- (under either mode, to compare), then the ports of the client table on
-- the clients and devices themselves ('client-side').
CREATE VIEW client_ports AS
  SELECT role, direction, component, ports, transport, protocol, notes, source,
         port_lo, port_hi
    FROM (SELECT DISTINCT pc.pool_role AS role, 'to-server' AS direction,
                 CASE WHEN sm.place = 'server' THEN 'servers'
                      WHEN sm.lb = 'hardware' THEN 'load balancer (hardware load balancing)'
                      ELSE 'load balancer (DNS load balancing)' END AS component,
                 pc.port_lo, pc.port_hi, pc.ports, pc.transport, pc.protocol, pc.notes,
                 pc.source, pc.id
            FROM profile_catalog pc
            JOIN section_mode sm ON sm.section = pc.section
           WHERE pc.clients = 1 AND (sm.place = 'load-balancer' OR pc.place = 'server')
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

-- Flows ----------------------------------------------------------------
-- Who talks to whom: catalog_flow's pairs of ends, for the pools and
-- parties of this topology.

-- Each pool's server addresses, in server name order.
CREATE VIEW pool_addresses AS
  SELECT pool_id, max(addresses) AS addresses
    FROM (SELECT pool_id, group_concat(address, ', ') OVER (
                   PARTITION BY pool_id ORDER BY fqdn
                   ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS addresses
            FROM server WHERE address <> '')
   GROUP BY pool_id;

-- Every end a flow can have here: each end of each pool, each party,
-- shown as label (the pool FQDN and the kind's label after it).
CREATE VIEW flow_ends AS
  SELECT e.kind, p.id AS pool_id, p.fqdn || e.label AS label, e.label AS suffix
    FROM flow_end e
    JOIN pool p ON p.role = e.pool_role AND (e.edition = '' OR p.edition = e.edition)
               AND (e.cms = 0 OR p.cms = 1)
   WHERE e.addresses <> 'load-balancers'
      OR (SELECT count(*) FROM server s WHERE s.pool_id = p.id) > 1
  UNION ALL
  SELECT kind, NULL, label, label FROM flow_end WHERE pool_role IS NULL;

-- One flow per catalog_flow row and pair of ends present, where the
-- catalog row applies to the pool owning it (the end whose role is the
-- row's role): its condition holds and its section fits that pool's load
-- balancing mode. A pool does not talk to itself here, but for its own
-- end. Narrow: an end is its pool and the kind's label after the FQDN.
CREATE VIEW flow_pairs AS
  SELECT f.id AS flow, f.catalog_id, src.pool_id AS src_pool, src.kind AS src_kind,
         src.suffix AS src_suffix, dst.pool_id AS dst_pool, dst.kind AS dst_kind,
         dst.suffix AS dst_suffix, c.port_lo, c.port_hi, c.transport
    FROM catalog_flow f
    JOIN catalog c ON c.id = f.catalog_id
    JOIN flow_end fe ON fe.kind = f.from_kind
    JOIN flow_end te ON te.kind = f.to_kind
    JOIN flow_ends src ON src.kind = f.from_kind
    JOIN flow_ends dst ON dst.kind = f.to_kind
    JOIN pool o ON o.id = CASE WHEN fe.role = c.role THEN src.pool_id ELSE dst.pool_id END
   WHERE EXISTS (SELECT 1 FROM condition_holds h WHERE h.pool_id = o.id AND h.catalog_id = c.id)
     AND EXISTS (SELECT 1 FROM section_mode sm WHERE sm.section = c.section AND sm.lb = o.lb)
     AND CASE WHEN fe.own_pool OR te.own_pool THEN src.pool_id = dst.pool_id
              ELSE src.pool_id IS NOT dst.pool_id END;

-- The flow matrix: flows between the same ends on the same ports and
-- transport merged, each distinct protocol, purpose, condition and source
-- kept in catalog order. The pairs are grouped on narrow keys and each
-- distinct set of merged catalog_flow rows ("members") gets its text
-- once, as many pool pairs share one. from_name and to_name (the pool
-- FQDN, or the party) are what --from and --to match besides the ends as
-- shown. direction names the zones ('internet to perimeter' ...): which
-- firewall the flow crosses. Ordered by direction, then ends and ports.
CREATE VIEW flows AS
  WITH listed AS MATERIALIZED (
    SELECT *, group_concat(flow, ',') OVER (
             PARTITION BY src_pool, src_suffix, dst_pool, dst_suffix, port_lo, port_hi, transport
             ORDER BY catalog_id, flow
             ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS members
      FROM flow_pairs),
  grouped AS (
    SELECT src_pool, src_suffix, dst_pool, dst_suffix, port_lo, port_hi, transport,
           max(src_kind) AS src_kind, max(dst_kind) AS dst_kind, members
      FROM listed
     GROUP BY src_pool, src_suffix, dst_pool, dst_suffix, port_lo, port_hi, transport),
  member AS (
    SELECT l.members, c.id, f.id AS flow, c.protocol, c.condition, c.source,
           CASE WHEN c.service <> '' THEN c.service || ': ' || f.why ELSE f.why END AS why
      FROM (SELECT DISTINCT members, flow FROM listed) l
      JOIN catalog_flow f ON f.id = l.flow JOIN catalog c ON c.id = f.catalog_id),
  texts AS (
    SELECT members, coalesce(max(protocols), '') AS protocol, max(whys) AS why,
           max(conditions) AS condition, max(sources) AS source
      FROM (SELECT members,
                   group_concat(CASE WHEN new_protocol AND protocol <> '' THEN protocol END, '; ') OVER w AS protocols,
                   group_concat(CASE WHEN new_why THEN why END, ' | ') OVER w AS whys,
                   group_concat(CASE WHEN new_condition THEN condition END, '; ') OVER w AS conditions,
                   group_concat(CASE WHEN new_source THEN source END, '; ') OVER w AS sources
              FROM (SELECT m.*,
                           row_number() OVER (PARTITION BY members, protocol ORDER BY id, flow) = 1 AS new_protocol,
                           row_number() OVER (PARTITION BY members, why ORDER BY id, flow) = 1 AS new_why,
                           row_number() OVER (PARTITION BY members, condition ORDER BY id, flow) = 1 AS new_condition,
                           row_number() OVER (PARTITION BY members, id ORDER BY flow) = 1 AS new_source
                      FROM member m)
            WINDOW w AS (PARTITION BY members ORDER BY id, flow
                         ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING))
     GROUP BY members)
  SELECT coalesce(sp.fqdn, '') || g.src_suffix AS "from", coalesce(sp.fqdn, g.src_suffix) AS from_name,
         CASE se.addresses WHEN 'servers' THEN coalesce(sa.addresses, '')
              WHEN 'load-balancers' THEN coalesce(sb.vips, '') ELSE '' END AS from_addresses,
         coalesce(dp.fqdn, '') || g.dst_suffix AS "to", coalesce(dp.fqdn, g.dst_suffix) AS to_name,
         CASE de.addresses WHEN 'servers' THEN coalesce(da.addresses, '')
              WHEN 'load-balancers' THEN coalesce(db.vips, '') ELSE '' END AS to_addresses,
         se.zone || ' to ' || de.zone AS direction,
         CASE WHEN g.port_lo = g.port_hi THEN CAST(g.port_lo AS TEXT)
              ELSE g.port_lo || '-' || g.port_hi END AS ports,
         g.transport, t.protocol, t.why, t.condition, t.source, g.port_lo, g.port_hi
    FROM grouped g
    JOIN texts t ON t.members = g.members
    JOIN flow_end se ON se.kind = g.src_kind
    JOIN flow_end de ON de.kind = g.dst_kind
    LEFT JOIN pool sp ON sp.id = g.src_pool
    LEFT JOIN pool dp ON dp.id = g.dst_pool
    LEFT JOIN pool_addresses sa ON sa.pool_id = g.src_pool
    LEFT JOIN pool_load_balancers sb ON sb.pool_id = g.src_pool
    LEFT JOIN pool_addresses da ON da.pool_id = g.dst_pool
    LEFT JOIN pool_load_balancers db ON db.pool_id = g.dst_pool
   ORDER BY direction, "from", "to", g.port_lo, g.port_hi, g.transport;
