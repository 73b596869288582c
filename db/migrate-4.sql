-- lyncplan schema, version 4: the addresses a firewall rule needs on each
-- side of the perimeter, and the SQL Server Back End as pools of its own.
-- Loaded by src/store.c after the files of versions 1 to 3, inside the
-- migration transaction that sets PRAGMA user_version = 4, with foreign
-- key enforcement off for that transaction (the pool table is rebuilt:
-- SQLite cannot change a CHECK in place). A file of version 3 keeps every
-- row; its servers gain no external address, its load balancers are on
-- the internal side.
--
-- Addresses are stored canonical (inet_ntop's spelling), like
-- server.address.

-- The pool table, rebuilt with the role 'back-end' (the SQL Server store
-- of Front End and Persistent Chat pools) and the links to it. The views
-- that read pool name it, so it takes the old table's name without their
-- being rewritten (legacy_alter_table), and its indexes are made anew.
PRAGMA legacy_alter_table = ON;

CREATE TABLE pool_4 (
  id      INTEGER PRIMARY KEY,
  fqdn    TEXT    NOT NULL UNIQUE COLLATE NOCASE,
  site_id INTEGER NOT NULL REFERENCES site (id) ON DELETE CASCADE,
  role    TEXT    NOT NULL CHECK (role = 'front-end'
                               OR role = 'director'
                               OR role = 'mediation'
                               OR role = 'persistent-chat'
                               OR role = 'office-web-apps'
                               OR role = 'edge'
                               OR role = 'reverse-proxy'
                               OR role = 'back-end'),
  edition TEXT    NOT NULL DEFAULT '' CHECK ((role = 'front-end' AND edition IN ('standard', 'enterprise'))
                                           OR (role <> 'front-end' AND edition = '')),
  lb      TEXT    NOT NULL DEFAULT 'none' CHECK (lb = 'none'
                                              OR lb = 'dns'
                                              OR lb = 'hardware'),
  collocated_mediation INTEGER NOT NULL DEFAULT 0
          CHECK (collocated_mediation IN (0, 1) AND (collocated_mediation = 0 OR role = 'front-end')),
  cms     INTEGER NOT NULL DEFAULT 0 CHECK (cms IN (0, 1) AND (cms = 0 OR role = 'front-end')),
  -- See version 1: 'public' or 'nat' for an Edge pool, '' for other roles.
  edge_external TEXT NOT NULL DEFAULT ''
          CHECK ((role = 'edge' AND edge_external IN ('public', 'nat'))
                 OR (role <> 'edge' AND edge_external = '')),
  -- The Back End of an Enterprise Edition Front End pool or of a
  -- Persistent Chat pool (a pool of role 'back-end', which src/topology.c
  -- ensures), its SQL mirror (another such pool) and the mirroring
  -- witness (a server). Removing the Back End pool unlinks it.
  back_end INTEGER REFERENCES pool (id) ON DELETE SET NULL,
  mirror   INTEGER REFERENCES pool (id) ON DELETE SET NULL,
  witness  INTEGER REFERENCES server (id) ON DELETE SET NULL,
  CHECK ((back_end IS NULL AND mirror IS NULL AND witness IS NULL)
         OR role = 'front-end' OR role = 'persistent-chat'),
  CHECK (mirror IS NULL OR (back_end IS NOT NULL AND mirror <> back_end)),
  CHECK (witness IS NULL OR mirror IS NOT NULL)
) STRICT;

INSERT INTO pool_4 (id, fqdn, site_id, role, edition, lb, collocated_mediation, cms, edge_external)
  SELECT id, fqdn, site_id, role, edition, lb, collocated_mediation, cms, edge_external FROM pool;
DROP TABLE pool;
ALTER TABLE pool_4 RENAME TO pool;
PRAGMA legacy_alter_table = OFF;

CREATE INDEX pool_site ON pool (site_id);
CREATE UNIQUE INDEX pool_one_cms ON pool (cms) WHERE cms = 1;
CREATE INDEX pool_site_fqdn ON pool (site_id, fqdn);
CREATE INDEX pool_back_end ON pool (back_end) WHERE back_end IS NOT NULL;
CREATE INDEX pool_mirror ON pool (mirror) WHERE mirror IS NOT NULL;
CREATE INDEX pool_witness ON pool (witness) WHERE witness IS NOT NULL;

-- The external addresses of an Edge Server or a reverse proxy
-- (server.address is its internal interface). An Edge Server has one
-- (single IP: every external service on it) or three, seq 1 to 3 in the
-- order Access, Web Conferencing, A/V; a reverse proxy has one. public:
-- the public address a NAT translates it to (an Edge pool with
-- edge_external 'nat'), '' for none.
CREATE TABLE server_external (
  server_id INTEGER NOT NULL REFERENCES server (id) ON DELETE CASCADE,
  seq       INTEGER NOT NULL CHECK (seq BETWEEN 1 AND 3),
  address   TEXT    NOT NULL CHECK (address <> ''),
  public    TEXT    NOT NULL DEFAULT '',
  PRIMARY KEY (server_id, seq)
) STRICT, WITHOUT ROWID;

-- Which side of its pool a load balancer's virtual IP serves: 'internal'
-- (toward the internal servers and clients) or 'external' (an Edge pool's
-- or a reverse proxy's Internet side). service: the Edge external service
-- the VIP carries ('access', 'webconf', 'av'), '' for every other VIP and
-- for the one external VIP of a single-IP Edge pool.
ALTER TABLE load_balancer ADD COLUMN side TEXT NOT NULL DEFAULT 'internal'
  CHECK (side = 'internal' OR side = 'external');
ALTER TABLE load_balancer ADD COLUMN service TEXT NOT NULL DEFAULT ''
  CHECK (service = '' OR (side = 'external'
                          AND (service = 'access' OR service = 'webconf' OR service = 'av')));

-- Derivation ------------------------------------------------------------

-- Every interface of every server with its address: 'internal' (the
-- address of version 1), and the external ones: 'external' for a single
-- external address, else 'external-access', 'external-webconf',
-- 'external-av'. public: the NAT public address, '' for none.
CREATE VIEW server_interfaces AS
  SELECT s.id AS server_id, 'internal' AS interface, s.address, '' AS public
    FROM server s
  UNION ALL
  SELECT x.server_id,
         CASE WHEN (SELECT count(*) FROM server_external y WHERE y.server_id = x.server_id) = 1
              THEN 'external'
              ELSE CASE x.seq WHEN 1 THEN 'external-access' WHEN 2 THEN 'external-webconf'
                              ELSE 'external-av' END END,
         x.address, x.public
    FROM server_external x;

-- The side of the Edge Server or reverse proxy a perimeter catalog row
-- is on (its table's title names the interface; the XMPP table mixes
-- both: its XMPP/MTLS row is the link between the Front End's XMPP
-- gateway and the Edge internal interface), and for the Edge external
-- side the service whose address it uses: the row's service, the XMPP
-- proxy sharing the Access Edge's address (the NAT topic's external
-- table, row 1: "shares IP address with Access Edge service").
CREATE VIEW catalog_side AS
  SELECT id AS catalog_id, side,
         CASE WHEN side = 'external' AND role = 'edge'
              THEN CASE service WHEN 'Access Edge' THEN 'access' WHEN 'XMPP' THEN 'access'
                                WHEN 'Web Conferencing Edge' THEN 'webconf'
                                WHEN 'A/V Edge' THEN 'av' ELSE '' END
              ELSE '' END AS service
    FROM (SELECT id, role, service,
                 CASE WHEN section IN ('edge-internal', 'edge-hlb-internal', 'edge-hlb-vip-internal',
                                       'reverse-proxy-internal')
                        OR (section = 'edge-xmpp' AND protocol = 'XMPP/MTLS') THEN 'internal'
                      ELSE 'external' END AS side
            FROM catalog
           WHERE role = 'edge' OR role = 'reverse-proxy');

-- Whether each Edge pool is single IP: its servers have one external
-- address each (a pool-level choice, as in Topology Builder; the model
-- keeps the servers of a pool alike). 0 for three addresses, and while
-- no server has any.
CREATE VIEW pool_single_ip AS
  SELECT p.id AS pool_id,
         coalesce((SELECT max(x.seq) FROM server s JOIN server_external x ON x.server_id = s.id
                    WHERE s.pool_id = p.id), 0) = 1 AS single_ip
    FROM pool p;

-- The interface a perimeter catalog row is on, for a pool single IP or
-- not: 'internal'; 'external' (a reverse proxy, a single-IP Edge pool);
-- 'external-access', 'external-webconf', 'external-av'. As
-- server_interfaces names them.
CREATE VIEW catalog_interface AS
  SELECT cs.catalog_id, si.single_ip,
         CASE WHEN cs.side = 'internal' THEN 'internal'
              WHEN cs.service = '' OR si.single_ip THEN 'external'
              ELSE 'external-' || cs.service END AS interface
    FROM catalog_side cs, (SELECT 0 AS single_ip UNION ALL SELECT 1) si;

-- Each pool's addresses on each interface, its servers' in name order.
CREATE VIEW pool_interface_addresses AS
  SELECT pool_id, interface, max(addresses) AS addresses
    FROM (SELECT s.pool_id, i.interface,
                 group_concat(i.address, ', ') OVER (
                   PARTITION BY s.pool_id, i.interface ORDER BY s.fqdn
                   ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS addresses
            FROM server s JOIN server_interfaces i ON i.server_id = s.id
           WHERE i.address <> '')
   GROUP BY pool_id, interface;
