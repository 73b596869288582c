-- lyncplan schema, version 2: the flows, derived per pool profile.
-- Loaded by src/store.c after db/schema.sql and the catalogs, inside the
-- migration transaction that sets PRAGMA user_version = 2; a file of
-- version 1 has its flow views replaced by these.
--
-- Whether a pool has an end, and whether a catalog row applies to it, is
-- decided by a few of its columns (its profile), not by the pool itself.
-- So the flows are found and merged once per pair of profiles, a few
-- hundred rows, and only then joined to the pools of each profile: the
-- work before the final join does not grow with the number of pools.

DROP VIEW IF EXISTS flows;
DROP VIEW IF EXISTS flow_pairs;

-- Each pool's profile: what decides its ends (role, edition, Central
-- Management store, more than one server for an end at the load
-- balancers) and the catalog rows that apply to it (role, load balancing
-- mode, collocated Mediation, Central Management store), numbered.
CREATE VIEW pool_flow_profile AS
  SELECT id AS pool_id,
         dense_rank() OVER (ORDER BY role, edition, lb, cms, collocated_mediation, multi) AS profile,
         role, edition, lb, cms, collocated_mediation, multi
    FROM (SELECT p.id, p.role, p.edition, p.lb, p.cms, p.collocated_mediation,
                 (SELECT count(*) FROM server s WHERE s.pool_id = p.id) > 1 AS multi
            FROM pool p);

-- The ends each profile has (as flow_ends has them for each pool), and
-- each party with no profile.
CREATE VIEW flow_profile_ends AS
  SELECT e.kind, pr.profile, e.label AS suffix
    FROM flow_end e
    JOIN (SELECT DISTINCT profile, role, edition, cms, multi FROM pool_flow_profile) pr
      ON pr.role = e.pool_role AND (e.edition = '' OR pr.edition = e.edition)
     AND (e.cms = 0 OR pr.cms = 1)
   WHERE e.addresses <> 'load-balancers' OR pr.multi
  UNION ALL
  SELECT kind, NULL, label FROM flow_end WHERE pool_role IS NULL;

-- One flow per catalog_flow row and pair of ends of profiles present,
-- where the catalog row applies to the profile owning it (the end whose
-- role is the row's role): its condition holds and its section fits that
-- profile's load balancing mode. own: the flow is between a pool and its
-- own end (the Back End), so both ends are one profile; every other flow
-- joins two different pools, or a pool and a party.
CREATE VIEW flow_profile_pairs AS
  SELECT f.id AS flow, f.catalog_id, src.profile AS src_profile, src.kind AS src_kind,
         src.suffix AS src_suffix, dst.profile AS dst_profile, dst.kind AS dst_kind,
         dst.suffix AS dst_suffix, fe.own_pool OR te.own_pool AS own,
         c.port_lo, c.port_hi, c.transport
    FROM catalog_flow f
    JOIN catalog c ON c.id = f.catalog_id
    JOIN flow_end fe ON fe.kind = f.from_kind
    JOIN flow_end te ON te.kind = f.to_kind
    JOIN flow_profile_ends src ON src.kind = f.from_kind
    JOIN flow_profile_ends dst ON dst.kind = f.to_kind
    JOIN (SELECT DISTINCT profile, lb, cms, collocated_mediation FROM pool_flow_profile) o
      ON o.profile = CASE WHEN fe.role = c.role THEN src.profile ELSE dst.profile END
   WHERE EXISTS (SELECT 1 FROM catalog_condition cc
                  WHERE cc.catalog_id = c.id AND cc.collocated_mediation = o.collocated_mediation
                    AND cc.cms = o.cms)
     AND EXISTS (SELECT 1 FROM section_mode sm WHERE sm.section = c.section AND sm.lb = o.lb)
     AND (NOT (fe.own_pool OR te.own_pool) OR src.profile = dst.profile);

-- The flow matrix: flows between the same ends on the same ports and
-- transport merged, each distinct protocol, purpose, condition and source
-- kept in catalog order. The pairs of profiles are grouped on narrow keys
-- and each distinct set of merged catalog_flow rows ("members") gets its
-- text once; then each group becomes a flow for every pool of its source
-- profile and every other pool of its destination profile (the same pool
-- for an own flow; a party has one, itself). from_name and to_name (the
-- pool FQDN, or the party) are what --from and --to match besides the ends
-- as shown. direction names the zones ('internet to perimeter' ...): which
-- firewall the flow crosses. Ordered by direction, then ends and ports.
CREATE VIEW flows AS
  WITH listed AS MATERIALIZED (
    SELECT *, group_concat(flow, ',') OVER (
             PARTITION BY src_profile, src_suffix, dst_profile, dst_suffix, own, port_lo, port_hi,
                          transport
             ORDER BY catalog_id, flow
             ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS members
      FROM flow_profile_pairs),
  grouped AS MATERIALIZED (
    SELECT src_profile, src_suffix, dst_profile, dst_suffix, own, port_lo, port_hi, transport,
           max(src_kind) AS src_kind, max(dst_kind) AS dst_kind, members
      FROM listed
     GROUP BY src_profile, src_suffix, dst_profile, dst_suffix, own, port_lo, port_hi, transport),
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
  profiles AS MATERIALIZED (SELECT pool_id, profile FROM pool_flow_profile)
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
    LEFT JOIN profiles sf ON sf.profile = g.src_profile
    LEFT JOIN profiles df ON df.profile = g.dst_profile
    LEFT JOIN pool sp ON sp.id = sf.pool_id
    LEFT JOIN pool dp ON dp.id = df.pool_id
    LEFT JOIN pool_addresses sa ON sa.pool_id = sf.pool_id
    LEFT JOIN pool_load_balancers sb ON sb.pool_id = sf.pool_id
    LEFT JOIN pool_addresses da ON da.pool_id = df.pool_id
    LEFT JOIN pool_load_balancers db ON db.pool_id = df.pool_id
   WHERE CASE WHEN g.own THEN sf.pool_id = df.pool_id ELSE sf.pool_id IS NOT df.pool_id END
   ORDER BY direction, "from", "to", g.port_lo, g.port_hi, g.transport;
