-- lyncplan schema, version 4, the port views: each server's ports on the
-- interface they are on. Loaded by src/store.c after db/migrate-4.sql,
-- in the same transaction.
--
-- A row of the port matrix is a port on one interface of a server: every
-- row of a non-perimeter server and the internal-side rows of an Edge
-- Server or a reverse proxy are on 'internal' (server.address); the
-- external-side rows on the interface catalog_interface names for the
-- pool, single IP or not ('external', or 'external-access',
-- 'external-webconf', 'external-av'). Rows merge per (interface, ports,
-- transport): the A/V Edge's 443 is not the Access Edge's 443 when each
-- has an address of its own. The profile that selects and merges rows
-- is version 1's with, for an Edge pool, whether it is single IP.

-- The profile of each pool beyond version 1's: single_ip (pool_single_ip)
-- for an Edge pool, 0 for every other role (only the Edge external side
-- has one interface or three; a reverse proxy's is 'external' either way).
CREATE VIEW pool_port_profile AS
  SELECT p.id AS pool_id,
         CASE WHEN p.role = 'edge'
              THEN (SELECT si.single_ip FROM pool_single_ip si WHERE si.pool_id = p.id)
              ELSE 0 END AS single_ip
    FROM pool p;

-- As version 1's, but that the SQL Server Back End (role 'back-end') is
-- no Lync server either: its pools take only their own rows.
DROP VIEW profile_catalog;
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
          AND pr.role NOT IN ('office-web-apps', 'edge', 'reverse-proxy', 'back-end'));

-- The server rows of each profile on their interface: an Edge profile
-- once single IP and once not, every other profile as not (single_ip 0).
CREATE VIEW profile_interface_catalog AS
  SELECT r.*, si.single_ip, coalesce(ci.interface, 'internal') AS interface
    FROM profile_catalog r
    JOIN (SELECT 0 AS single_ip UNION ALL SELECT 1) si
      ON si.single_ip = 0 OR r.pool_role = 'edge'
    LEFT JOIN catalog_interface ci ON ci.catalog_id = r.id AND ci.single_ip = si.single_ip
   WHERE r.place = 'server' AND r.listening;

-- Server rows of a profile merged by (interface, ports, transport), as
-- version 1 merged them by (ports, transport).
DROP VIEW profile_port;
CREATE VIEW profile_port AS
  SELECT pool_role, lb, collocated_mediation, cms, single_ip, interface, port_lo, port_hi,
         max(ports) AS ports, transport,
         coalesce(max(service), '') AS service, coalesce(max(protocol), '') AS protocol,
         coalesce(max(notes), '') AS notes, max(source) AS source
    FROM (SELECT pool_role, lb, collocated_mediation, cms, single_ip, interface, port_lo, port_hi,
                 ports, transport,
                 group_concat(CASE WHEN new_service AND service <> '' THEN service END, '; ') OVER w AS service,
                 group_concat(CASE WHEN new_protocol AND protocol <> '' THEN protocol END, '; ') OVER w AS protocol,
                 group_concat(CASE WHEN new_notes AND notes <> '' THEN notes END, ' | ') OVER w AS notes,
                 group_concat(source, '; ') OVER w AS source
            FROM (SELECT r.*,
                         row_number() OVER (PARTITION BY pool_role, lb, collocated_mediation, cms,
                                            single_ip, interface, port_lo, port_hi, transport,
                                            service ORDER BY id) = 1 AS new_service,
                         row_number() OVER (PARTITION BY pool_role, lb, collocated_mediation, cms,
                                            single_ip, interface, port_lo, port_hi, transport,
                                            protocol ORDER BY id) = 1 AS new_protocol,
                         row_number() OVER (PARTITION BY pool_role, lb, collocated_mediation, cms,
                                            single_ip, interface, port_lo, port_hi, transport,
                                            notes ORDER BY id) = 1 AS new_notes
                    FROM profile_interface_catalog r)
          WINDOW w AS (PARTITION BY pool_role, lb, collocated_mediation, cms, single_ip, interface,
                                    port_lo, port_hi, transport
                       ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING))
   GROUP BY pool_role, lb, collocated_mediation, cms, single_ip, interface, port_lo, port_hi,
            transport;

-- The port matrix: every port each server needs, on the interface it is
-- on, with that interface's address ('' while it has none: the row still
-- names the interface it needs). Join order and streaming as version 1's;
-- the internal address is the server's own, read without the interfaces.
DROP VIEW port_matrix;
CREATE VIEW port_matrix AS
  SELECT t.name AS site, p.fqdn AS pool, s.fqdn AS server,
         CASE WHEN pp.interface = 'internal' THEN s.address
              ELSE coalesce((SELECT i.address FROM server_interfaces i
                              WHERE i.server_id = s.id AND i.interface = pp.interface), '')
              END AS address,
         pp.interface, p.role,
         pp.service, pp.ports, pp.transport, pp.protocol, pp.notes, pp.source, pp.port_lo, pp.port_hi
    FROM site t
   CROSS JOIN pool p ON p.site_id = t.id
   CROSS JOIN pool_port_profile pf ON pf.pool_id = p.id
   CROSS JOIN server s ON s.pool_id = p.id
   CROSS JOIN profile_port pp ON pp.pool_role = p.role
                             AND pp.lb = p.lb
                             AND pp.collocated_mediation = p.collocated_mediation
                             AND pp.cms = p.cms
                             AND pp.single_ip = pf.single_ip
   ORDER BY t.name, p.fqdn, s.fqdn, pp.port_lo, pp.port_hi, pp.transport, pp.interface;

-- How many matrix rows each server of a pool has (see version 1).
DROP VIEW pool_matrix_size;
CREATE VIEW pool_matrix_size AS
  SELECT p.id AS pool_id, t.name AS site, p.fqdn AS pool, p.role,
         (SELECT count(*) FROM profile_port pp
           WHERE pp.pool_role = p.role AND pp.lb = p.lb
             AND pp.collocated_mediation = p.collocated_mediation
             AND pp.cms = p.cms AND pp.single_ip = pf.single_ip) AS rows_per_server
    FROM site t JOIN pool p ON p.site_id = t.id
    JOIN pool_port_profile pf ON pf.pool_id = p.id;

-- The load balancers of each pool that carry the load balancer rows of
-- each side and Edge external service, names and VIPs in name order: a
-- VIP of that side with that service, or with none ('' carries every
-- row of its side).
CREATE VIEW pool_side_load_balancers AS
  SELECT pool_id, side, service, max(load_balancers) AS load_balancers, max(vips) AS vips
    FROM (SELECT lp.pool_id, l.side, sv.service,
                 group_concat(l.name, ', ') OVER w AS load_balancers,
                 group_concat(l.vip, ', ') OVER w AS vips
            FROM lb_pool lp JOIN load_balancer l ON l.id = lp.lb_id
            JOIN (SELECT '' AS service UNION ALL SELECT 'access' UNION ALL SELECT 'webconf'
                  UNION ALL SELECT 'av') sv ON l.service = '' OR l.service = sv.service
          WINDOW w AS (PARTITION BY lp.pool_id, l.side, sv.service ORDER BY l.name
                       ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING))
   GROUP BY pool_id, side, service;

-- The ports a pool's hardware load balancer carries (see version 1), on
-- the side of its virtual IPs they are on: the internal side for the
-- hardware-only and DNS tables and an Edge pool's internal VIP table;
-- the external side for the Edge external VIP table, by service (the
-- Access Edge's, which the XMPP proxy shares; Web Conferencing; A/V).
-- load_balancers, vips: the pool's load balancers of that side that
-- carry the row. Each VIP's rows together: the internal side's first.
DROP VIEW lb_ports;
CREATE VIEW lb_ports AS
  SELECT t.name AS site, p.fqdn AS pool, p.role, p.lb AS mode, x.side, x.vip_service AS service,
         coalesce(b.load_balancers, '') AS load_balancers, coalesce(b.vips, '') AS vips,
         x.ports, x.transport, x.protocol, x.notes, x.source, x.port_lo, x.port_hi
    FROM site t
   CROSS JOIN pool p ON p.site_id = t.id
   CROSS JOIN (SELECT pc.*, coalesce(cs.side, 'internal') AS side,
                      coalesce(cs.service, '') AS vip_service
                 FROM profile_catalog pc LEFT JOIN catalog_side cs ON cs.catalog_id = pc.id
                WHERE pc.place = 'load-balancer' AND pc.listening) x
           ON x.pool_role = p.role
          AND x.lb = p.lb
          AND x.collocated_mediation = p.collocated_mediation
          AND x.cms = p.cms
    LEFT JOIN pool_side_load_balancers b
           ON b.pool_id = p.id AND b.side = x.side AND b.service = x.vip_service
   WHERE (SELECT count(*) FROM server s WHERE s.pool_id = p.id) > 1
   ORDER BY t.name, p.fqdn, x.side = 'external', x.vip_service, x.port_lo, x.port_hi,
            x.transport, x.id;
