-- lyncplan schema, version 4, the flow views: each end of a flow on the
-- interface and addresses its side and service give. Loaded by
-- src/store.c after db/ports-4.sql, in the same transaction.
--
-- The design of version 2 stays (db/flows.sql): flows are found per pair
-- of pool profiles, then joined to the pools. A profile now also says
-- whether an Edge pool is single IP, which decides the interface of its
-- external rows; the end's interface is a key of the flow, so flows of
-- different services on one port (443 to the Access, Web Conferencing and
-- A/V Edge) are separate flows to separate addresses.

DROP VIEW IF EXISTS flows;
DROP VIEW IF EXISTS flow_profile_pairs;
DROP VIEW IF EXISTS flow_profile_ends;
DROP VIEW IF EXISTS pool_flow_profile;
DROP VIEW IF EXISTS flow_ends;

-- The Edge Server's and the reverse proxy's external ends are their
-- servers' external addresses now that the model holds them (the
-- interface decides which: flow_end_interfaces below).
UPDATE flow_end SET addresses = 'servers'
 WHERE kind IN ('edge-external', 'reverse-proxy-external');

-- SQL Server database mirroring of an Enterprise pool's Back End: the
-- principal (its Back End pool's servers), the mirror (its mirror pool's)
-- and the witness each listen on a mirroring endpoint, one row each as
-- the Lync Server 2013 topic's step 2 lists them (its ports are Topology
-- Builder's defaults); the SQL Server topic gives the transport and who
-- connects (each endpoint "receive[s] connections from other server
-- instances"; "both incoming and outgoing connections"). Roles: the
-- endpoint's server, no pool role (the ports matrix has no such rows).
INSERT INTO catalog (id, section, role, service, port_lo, port_hi, transport, protocol, notes, condition, clients, source) VALUES
  (1086, 'sql-backend', 'sql-principal', 'SQL Server database mirroring endpoint (primary)', 5022, 5022, 'TCP', 'TCP', 'topic text: "specify the SQL mirroring port number (the default is 5022)"; "Port 5022 is accessible through the firewall if Windows Firewall is enabled in the primary SQL Server"; SQL Server topic text: "Database mirroring endpoints use Transmission Control Protocol (TCP) to send and receive messages between the server instances participating database mirroring sessions"; "This endpoint is a special-purpose endpoint that is used exclusively to receive connections from other server instances."; "the firewall configuration must allow both incoming and outgoing connections for the port specified in the endpoint"', 'always', 0, 'Lync/LyncServer/lync-server-2013-deploying-sql-mirroring-for-back-end-server-high-availability.md@03f6e365b4d0d02d4a4dd5b6264ec47602e46f3f (To configure SQL mirroring while creating a pool in Topology Builder, step 2; Using Lync Server Management Shell Cmdlets to Set Up SQL Mirroring, step 2) [Lync Server 2013]; docs/database-engine/database-mirroring/the-database-mirroring-endpoint-sql-server.md@0f735b009eccc3ba22d8876f520476a9e855f54c (The Database Mirroring Endpoint (SQL Server), paragraphs 1 and 2; Server Network Address, the IMPORTANT note) [SQL Server, MicrosoftDocs/sql-docs]'),
  (1087, 'sql-backend', 'sql-mirror', 'SQL Server database mirroring endpoint (mirror)', 5022, 5022, 'TCP', 'TCP', 'topic text: "specify the port number (the default is 5022)"; "Port 5022 is accessible through the firewall if Windows Firewall is enabled in the mirror SQL Server"; SQL Server topic text: "Database mirroring endpoints use Transmission Control Protocol (TCP) to send and receive messages between the server instances participating database mirroring sessions"; "This endpoint is a special-purpose endpoint that is used exclusively to receive connections from other server instances."; "the firewall configuration must allow both incoming and outgoing connections for the port specified in the endpoint"', 'always', 0, 'Lync/LyncServer/lync-server-2013-deploying-sql-mirroring-for-back-end-server-high-availability.md@03f6e365b4d0d02d4a4dd5b6264ec47602e46f3f (To configure SQL mirroring while creating a pool in Topology Builder, step 4; Using Lync Server Management Shell Cmdlets to Set Up SQL Mirroring, step 2) [Lync Server 2013]; docs/database-engine/database-mirroring/the-database-mirroring-endpoint-sql-server.md@0f735b009eccc3ba22d8876f520476a9e855f54c (The Database Mirroring Endpoint (SQL Server), paragraphs 1 and 2; Server Network Address, the IMPORTANT note) [SQL Server, MicrosoftDocs/sql-docs]'),
  (1088, 'sql-backend', 'sql-witness', 'SQL Server database mirroring endpoint (witness)', 7022, 7022, 'TCP', 'TCP', 'topic text: "Specify the port number (the default is 7022)"; "Port 7022 is accessible through the firewall if Windows Firewall is enabled in the witness SQL Server"; SQL Server topic text: "Database mirroring endpoints use Transmission Control Protocol (TCP) to send and receive messages between the server instances participating database mirroring sessions"; "This endpoint is a special-purpose endpoint that is used exclusively to receive connections from other server instances."; "the firewall configuration must allow both incoming and outgoing connections for the port specified in the endpoint"', 'always', 0, 'Lync/LyncServer/lync-server-2013-deploying-sql-mirroring-for-back-end-server-high-availability.md@03f6e365b4d0d02d4a4dd5b6264ec47602e46f3f (To configure SQL mirroring while creating a pool in Topology Builder, step 5; Using Lync Server Management Shell Cmdlets to Set Up SQL Mirroring, step 2) [Lync Server 2013]; docs/database-engine/database-mirroring/the-database-mirroring-endpoint-sql-server.md@0f735b009eccc3ba22d8876f520476a9e855f54c (The Database Mirroring Endpoint (SQL Server), paragraphs 1 and 2; Server Network Address, the IMPORTANT note) [SQL Server, MicrosoftDocs/sql-docs]');

-- The mirroring's ends, of an Enterprise pool whose Back End is mirrored
-- (the witness: that has a witness too): like the Back End, its own;
-- each the role of the endpoint row it listens on.
INSERT INTO flow_end (kind, role, pool_role, edition, cms, own_pool, zone, addresses, label) VALUES
  ('sql-principal', 'sql-principal', 'front-end', 'enterprise', 0, 1, 'internal', 'servers',
   ' SQL Server Back End principal'),
  ('sql-mirror', 'sql-mirror', 'front-end', 'enterprise', 0, 1, 'internal', 'servers',
   ' SQL Server Back End mirror'),
  ('sql-witness', 'sql-witness', 'front-end', 'enterprise', 0, 1, 'internal', 'servers',
   ' SQL Server mirroring witness');

INSERT INTO catalog_flow (catalog_id, from_kind, to_kind, why) VALUES
  (1086, 'sql-mirror', 'sql-principal', 'send and receive messages between the server instances participating database mirroring sessions'),
  (1086, 'sql-witness', 'sql-principal', 'send and receive messages between the server instances participating database mirroring sessions'),
  (1087, 'sql-principal', 'sql-mirror', 'send and receive messages between the server instances participating database mirroring sessions'),
  (1087, 'sql-witness', 'sql-mirror', 'send and receive messages between the server instances participating database mirroring sessions'),
  (1088, 'sql-principal', 'sql-witness', 'send and receive messages between the server instances participating database mirroring sessions'),
  (1088, 'sql-mirror', 'sql-witness', 'send and receive messages between the server instances participating database mirroring sessions');

-- For each end of each catalog_flow row, and for a pool single IP or not
-- (single_ip): the interface whose addresses the end has, and the end's
-- label after the pool FQDN.
--   'edge-external': the interface catalog_interface names for the row
--     ('external' for a single-IP pool, else the row's service's);
--   'edge-external-vip': the external VIP of the row's service (a VIP of
--     no service serves every service: pool_side_vips);
--   'reverse-proxy-external': the reverse proxy's external address;
--   every other end: 'internal' (server.address, or the internal-side
--     VIPs for an end at the load balancers); the Back End and the
--     mirroring's ends: their kind ('back-end', 'sql-principal' ...).
CREATE VIEW flow_end_interfaces AS
  SELECT catalog_id, kind, single_ip, interface,
         CASE WHEN kind IN ('edge-external', 'edge-external-vip')
              THEN CASE interface WHEN 'external-access' THEN ' Access Edge'
                                  WHEN 'external-webconf' THEN ' Web Conferencing Edge'
                                  WHEN 'external-av' THEN ' A/V Edge' ELSE '' END
              ELSE '' END || label AS suffix
    FROM (SELECT k.catalog_id, k.kind, si.single_ip, e.label,
                 CASE k.kind WHEN 'edge-external' THEN ci.interface
                             WHEN 'edge-external-vip' THEN 'external-' || cs.service
                             WHEN 'reverse-proxy-external' THEN 'external'
                             WHEN 'back-end' THEN 'back-end'
                             WHEN 'sql-principal' THEN 'sql-principal'
                             WHEN 'sql-mirror' THEN 'sql-mirror'
                             WHEN 'sql-witness' THEN 'sql-witness'
                             ELSE 'internal' END AS interface
            FROM (SELECT catalog_id, from_kind AS kind FROM catalog_flow
                  UNION SELECT catalog_id, to_kind FROM catalog_flow) k
            JOIN flow_end e ON e.kind = k.kind
            CROSS JOIN (SELECT 0 AS single_ip UNION ALL SELECT 1) si
            LEFT JOIN catalog_interface ci
              ON ci.catalog_id = k.catalog_id AND ci.single_ip = si.single_ip
            LEFT JOIN catalog_side cs ON cs.catalog_id = k.catalog_id);

-- The virtual IPs serving each pool on each interface: 'internal' (the
-- internal-side load balancers), 'external' (external-side VIPs of no
-- service), 'external-access', 'external-webconf', 'external-av' (the
-- external-side VIPs of that service and those of none), in name order.
CREATE VIEW pool_side_vips AS
  SELECT pool_id, interface, max(vips) AS vips
    FROM (SELECT lp.pool_id, i.interface, group_concat(l.vip, ', ') OVER (
                   PARTITION BY lp.pool_id, i.interface ORDER BY l.name
                   ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS vips
            FROM lb_pool lp
            JOIN load_balancer l ON l.id = lp.lb_id
            JOIN (SELECT 'internal' AS interface, 'internal' AS side, '' AS service
                  UNION ALL SELECT 'external', 'external', ''
                  UNION ALL SELECT 'external-access', 'external', 'access'
                  UNION ALL SELECT 'external-webconf', 'external', 'webconf'
                  UNION ALL SELECT 'external-av', 'external', 'av') i
              ON i.side = l.side AND (l.service = '' OR l.service = i.service))
   GROUP BY pool_id, interface;

-- The servers of each pool's Back End: its Back End pool's, then its
-- mirror's, each in name order (a Front End pool uses the mirror when
-- the principal fails over).
CREATE VIEW pool_back_end_addresses AS
  SELECT pool_id, max(addresses) AS addresses
    FROM (SELECT p.id AS pool_id, group_concat(s.address, ', ') OVER (
                   PARTITION BY p.id ORDER BY b.seq, s.fqdn
                   ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS addresses
            FROM pool p
            JOIN (SELECT 0 AS seq UNION ALL SELECT 1) b
            JOIN server s ON s.pool_id = CASE b.seq WHEN 0 THEN p.back_end ELSE p.mirror END
           WHERE s.address <> '')
   GROUP BY pool_id;

-- Each pool's profile (db/flows.sql), whether it is single IP, whether
-- its Back End is mirrored and has a witness.
CREATE VIEW pool_flow_profile AS
  SELECT id AS pool_id,
         dense_rank() OVER (ORDER BY role, edition, lb, cms, collocated_mediation, multi,
                                     single_ip, mirrored, witnessed) AS profile,
         role, edition, lb, cms, collocated_mediation, multi, single_ip, mirrored, witnessed
    FROM (SELECT p.id, p.role, p.edition, p.lb, p.cms, p.collocated_mediation,
                 (SELECT count(*) FROM server s WHERE s.pool_id = p.id) > 1 AS multi,
                 si.single_ip, p.mirror IS NOT NULL AS mirrored,
                 p.witness IS NOT NULL AS witnessed
            FROM pool p JOIN pool_single_ip si ON si.pool_id = p.id);

-- Whether a pool (or profile) that is mirrored and witnessed so has an
-- end of kind: the principal and the mirror with a mirror, the witness
-- with a witness.
CREATE VIEW flow_end_mirroring AS
  SELECT kind, m.flag AS mirrored, w.flag AS witnessed
    FROM flow_end, (SELECT 0 AS flag UNION ALL SELECT 1) m, (SELECT 0 AS flag UNION ALL SELECT 1) w
   WHERE CASE kind WHEN 'sql-principal' THEN m.flag WHEN 'sql-mirror' THEN m.flag
                   WHEN 'sql-witness' THEN w.flag ELSE 1 END;

-- The ends each profile has, with its single_ip (0 for a party).
CREATE VIEW flow_profile_ends AS
  SELECT e.kind, pr.profile, pr.single_ip
    FROM flow_end e
    JOIN (SELECT DISTINCT profile, role, edition, cms, multi, single_ip, mirrored, witnessed
            FROM pool_flow_profile) pr
      ON pr.role = e.pool_role AND (e.edition = '' OR pr.edition = e.edition)
     AND (e.cms = 0 OR pr.cms = 1)
    JOIN flow_end_mirroring fm
      ON fm.kind = e.kind AND fm.mirrored = pr.mirrored AND fm.witnessed = pr.witnessed
   WHERE e.addresses <> 'load-balancers' OR pr.multi
  UNION ALL
  SELECT kind, NULL, 0 FROM flow_end WHERE pool_role IS NULL;

-- The pairs of ends of profiles (db/flows.sql), each end on its interface.
CREATE VIEW flow_profile_pairs AS
  SELECT f.id AS flow, f.catalog_id, src.profile AS src_profile, src.kind AS src_kind,
         si.suffix AS src_suffix, si.interface AS src_interface,
         dst.profile AS dst_profile, dst.kind AS dst_kind,
         di.suffix AS dst_suffix, di.interface AS dst_interface,
         fe.own_pool OR te.own_pool AS own,
         c.port_lo, c.port_hi, c.transport
    FROM catalog_flow f
    JOIN catalog c ON c.id = f.catalog_id
    JOIN flow_end fe ON fe.kind = f.from_kind
    JOIN flow_end te ON te.kind = f.to_kind
    JOIN flow_profile_ends src ON src.kind = f.from_kind
    JOIN flow_profile_ends dst ON dst.kind = f.to_kind
    JOIN flow_end_interfaces si
      ON si.catalog_id = f.catalog_id AND si.kind = f.from_kind AND si.single_ip = src.single_ip
    JOIN flow_end_interfaces di
      ON di.catalog_id = f.catalog_id AND di.kind = f.to_kind AND di.single_ip = dst.single_ip
    JOIN (SELECT DISTINCT profile, lb, cms, collocated_mediation FROM pool_flow_profile) o
      ON o.profile = CASE WHEN fe.role = c.role THEN src.profile ELSE dst.profile END
   WHERE EXISTS (SELECT 1 FROM catalog_condition cc
                  WHERE cc.catalog_id = c.id AND cc.collocated_mediation = o.collocated_mediation
                    AND cc.cms = o.cms)
     AND EXISTS (SELECT 1 FROM section_mode sm WHERE sm.section = c.section AND sm.lb = o.lb)
     AND (NOT (fe.own_pool OR te.own_pool) OR src.profile = dst.profile);

-- The flow matrix (db/flows.sql), grouped by each end's interface as well
-- as by ports. An end's addresses are its pool's on that interface: the
-- servers', the VIPs of the load balancers of that side (and service),
-- the Back End's servers; '' where the topology has none (lyncplan check:
-- missing-address), never a wider set. (Looked up by scalar subqueries:
-- as LEFT JOINs, SQLite scans the addresses once per flow.)
CREATE VIEW flows AS
  WITH listed AS MATERIALIZED (
    SELECT *, group_concat(flow, ',') OVER (
             PARTITION BY src_profile, src_suffix, src_interface, dst_profile, dst_suffix,
                          dst_interface, own, port_lo, port_hi, transport
             ORDER BY catalog_id, flow
             ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS members
      FROM flow_profile_pairs),
  grouped AS MATERIALIZED (
    SELECT src_profile, src_suffix, src_interface, dst_profile, dst_suffix, dst_interface, own,
           port_lo, port_hi, transport,
           max(src_kind) AS src_kind, max(dst_kind) AS dst_kind, members
      FROM listed
     GROUP BY src_profile, src_suffix, src_interface, dst_profile, dst_suffix, dst_interface,
              own, port_lo, port_hi, transport),
  member AS (
    SELECT l.members, c.id, f.id AS flow, c.protocol, c.condition, c.source,
           CASE WHEN c.service <> '' THEN c.service || ': ' || f.why ELSE f.why END AS why
      FROM (SELECT DISTINCT members, flow FROM listed) l
      JOIN catalog_flow f ON f.id = l.flow JOIN catalog c ON c.id = f.catalog_id),
  texts AS MATERIALIZED (
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
     GROUP BY members),
  profiles AS MATERIALIZED (SELECT pool_id, profile FROM pool_flow_profile),
  addresses AS MATERIALIZED (
    SELECT pool_id, interface, addresses FROM pool_interface_addresses
    UNION ALL SELECT pool_id, 'back-end', addresses FROM pool_back_end_addresses
    UNION ALL SELECT p.id, 'sql-principal', a.addresses
                FROM pool p JOIN pool_addresses a ON a.pool_id = p.back_end
    UNION ALL SELECT p.id, 'sql-mirror', a.addresses
                FROM pool p JOIN pool_addresses a ON a.pool_id = p.mirror
    UNION ALL SELECT p.id, 'sql-witness', s.address
                FROM pool p JOIN server s ON s.id = p.witness WHERE s.address <> ''),
  vips AS MATERIALIZED (SELECT pool_id, interface, vips FROM pool_side_vips)
  SELECT coalesce(sp.fqdn, '') || g.src_suffix AS "from", coalesce(sp.fqdn, g.src_suffix) AS from_name,
         CASE WHEN sp.id IS NULL THEN ''
              WHEN se.addresses = 'load-balancers'
              THEN coalesce((SELECT v.vips FROM vips v WHERE v.pool_id = sp.id
                                AND v.interface = g.src_interface), '')
              ELSE coalesce((SELECT a.addresses FROM addresses a WHERE a.pool_id = sp.id
                                AND a.interface = g.src_interface), '') END AS from_addresses,
         coalesce(dp.fqdn, '') || g.dst_suffix AS "to", coalesce(dp.fqdn, g.dst_suffix) AS to_name,
         CASE WHEN dp.id IS NULL THEN ''
              WHEN de.addresses = 'load-balancers'
              THEN coalesce((SELECT v.vips FROM vips v WHERE v.pool_id = dp.id
                                AND v.interface = g.dst_interface), '')
              ELSE coalesce((SELECT a.addresses FROM addresses a WHERE a.pool_id = dp.id
                                AND a.interface = g.dst_interface), '') END AS to_addresses,
         se.zone || ' to ' || de.zone AS direction,
         CASE WHEN g.port_lo = g.port_hi THEN CAST(g.port_lo AS TEXT)
              ELSE g.port_lo || '-' || g.port_hi END AS ports,
         g.transport, t.protocol, t.why, t.condition, t.source, g.port_lo, g.port_hi
    FROM grouped g
    JOIN texts t ON t.members = g.members
    JOIN flow_end se ON se.kind = g.src_kind
    JOIN flow_end de ON de.kind = g.dst_kind
    LEFT JOIN profiles sf ON sf.profile = g.src_profile
    LEFT JOIN profiles df ON df.profile = g.dst_profile
    LEFT JOIN pool sp ON sp.id = sf.pool_id
    LEFT JOIN pool dp ON dp.id = df.pool_id
   WHERE CASE WHEN g.own THEN sf.pool_id = df.pool_id ELSE sf.pool_id IS NOT df.pool_id END
   ORDER BY direction, "from", "to", g.port_lo, g.port_hi, g.transport;

-- Every end a flow can have here, as the flows show it: each end of each
-- pool on each interface its catalog rows use (--from and --to match
-- these), each party.
CREATE VIEW flow_ends AS
  SELECT DISTINCT e.kind, p.id AS pool_id, p.fqdn || i.suffix AS label, i.suffix
    FROM flow_end e
    JOIN pool p ON p.role = e.pool_role AND (e.edition = '' OR p.edition = e.edition)
               AND (e.cms = 0 OR p.cms = 1)
    JOIN pool_single_ip si ON si.pool_id = p.id
    JOIN flow_end_interfaces i ON i.kind = e.kind AND i.single_ip = si.single_ip
    JOIN flow_end_mirroring fm ON fm.kind = e.kind AND fm.mirrored = (p.mirror IS NOT NULL)
                              AND fm.witnessed = (p.witness IS NOT NULL)
   WHERE e.addresses <> 'load-balancers'
      OR (SELECT count(*) FROM server s WHERE s.pool_id = p.id) > 1
  UNION ALL
  SELECT kind, NULL, label, label FROM flow_end WHERE pool_role IS NULL;

-- The ends of each pool that some flow uses, on their interfaces (for
-- lyncplan check: the addresses they need).
CREATE VIEW flow_pool_ends AS
  SELECT DISTINCT pf.pool_id, e.kind, e.addresses, e.own_pool, x.interface
    FROM (SELECT src_profile AS profile, src_kind AS kind, src_interface AS interface
            FROM flow_profile_pairs
          UNION SELECT dst_profile, dst_kind, dst_interface FROM flow_profile_pairs) x
    JOIN pool_flow_profile pf ON pf.profile = x.profile
    JOIN flow_end e ON e.kind = x.kind;
