-- lyncplan schema, version 3: the networks around the servers, for
-- firewall rules that name real addresses. Loaded by src/store.c after
-- the files of versions 1 and 2, inside the migration transaction that
-- sets PRAGMA user_version = 3; a file of version 2 gains these tables
-- empty. The flows view of db/flows.sql stays as it is: flow_rules below
-- gives its parties their addresses.
--
-- Addresses and prefixes are stored canonical (inet_ntop's spelling, and
-- "/LEN" for a prefix shorter than the address), with their family, so
-- that the exports can split them by family without parsing them again.

-- The topology's own settings: one row.
CREATE TABLE topology_info (
  id   INTEGER PRIMARY KEY CHECK (id = 1),
  name TEXT NOT NULL DEFAULT ''           -- the exports' title; '' for none
) STRICT;
INSERT INTO topology_info (id) VALUES (1);

-- The address prefixes of the internal network and of the perimeter
-- network (the Edge Servers' and reverse proxies' interfaces, their
-- external VIPs). A party of the flows without peers stands for its zone:
-- internal parties for the internal prefixes, Internet parties for every
-- address outside both. seq keeps the order the user gave.
CREATE TABLE zone_prefix (
  zone   TEXT    NOT NULL CHECK (zone = 'internal' OR zone = 'perimeter'),
  seq    INTEGER NOT NULL,
  prefix TEXT    NOT NULL,
  family INTEGER NOT NULL CHECK (family = 4 OR family = 6),
  PRIMARY KEY (zone, seq),
  UNIQUE (zone, prefix)
) STRICT, WITHOUT ROWID;

-- Named parties outside the topology with known addresses: a PSTN
-- gateway, the Centralized Logging Service controller, a federated
-- partner's Access Edge ... kind is the flow end they are (a party of
-- flow_end: pool_role NULL); the flows from or to that kind use their
-- addresses instead of the zone's.
CREATE TABLE peer (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  kind TEXT NOT NULL REFERENCES flow_end (kind)
) STRICT;
CREATE INDEX peer_kind ON peer (kind);

-- A peer's addresses or prefixes, in the order the user gave.
CREATE TABLE peer_address (
  peer_id INTEGER NOT NULL REFERENCES peer (id) ON DELETE CASCADE,
  seq     INTEGER NOT NULL,
  address TEXT    NOT NULL,
  family  INTEGER NOT NULL CHECK (family = 4 OR family = 6),
  PRIMARY KEY (peer_id, seq)
) STRICT, WITHOUT ROWID;

-- Derivation ------------------------------------------------------------

-- Each zone's prefixes, in the order given.
CREATE VIEW zone_prefixes AS
  SELECT zone, max(prefixes) AS prefixes
    FROM (SELECT zone, group_concat(prefix, ', ') OVER (
                   PARTITION BY zone ORDER BY seq
                   ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS prefixes
            FROM zone_prefix)
   GROUP BY zone;

-- The addresses of the peers of each kind, by peer name, each peer's in
-- the order given.
CREATE VIEW kind_peer_addresses AS
  SELECT kind, max(addresses) AS addresses
    FROM (SELECT p.kind, group_concat(a.address, ', ') OVER (
                   PARTITION BY p.kind ORDER BY p.name, a.seq
                   ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS addresses
            FROM peer p JOIN peer_address a ON a.peer_id = p.id)
   GROUP BY kind;

-- What each party of the flows stands for. A kind with peers: their
-- addresses. Without: its zone, never "any" (zone names it). Internal
-- parties are the internal prefixes ('' while the zone is not set); an
-- Internet party is every address outside the internal and perimeter
-- prefixes, which no list of addresses can hold: addresses ''.
CREATE VIEW party_addresses AS
  SELECT e.kind, e.label,
         coalesce(k.addresses,
                  CASE WHEN e.zone = 'internal' THEN coalesce(z.prefixes, '') ELSE '' END)
           AS addresses,
         CASE WHEN k.kind IS NULL THEN e.zone ELSE '' END AS zone
    FROM flow_end e
    LEFT JOIN kind_peer_addresses k ON k.kind = e.kind
    LEFT JOIN zone_prefixes z ON z.zone = 'internal'
   WHERE e.pool_role IS NULL;

-- The flows with their parties addressed: flows' rows in flows' order,
-- a party's addresses and zone looked up by its name (a party's name has
-- no dot, a pool's FQDN has). from_zone, to_zone: the zone an end stands
-- for ('internal', 'internet'), '' for an end with addresses of its own.
-- The parties are read once, not once per row.
CREATE VIEW flow_rules AS
  WITH party AS MATERIALIZED (SELECT label, addresses, zone FROM party_addresses)
  SELECT f."from", f.from_name,
         coalesce((SELECT p.addresses FROM party p WHERE p.label = f.from_name),
                  f.from_addresses) AS from_addresses,
         coalesce((SELECT p.zone FROM party p WHERE p.label = f.from_name), '') AS from_zone,
         f."to", f.to_name,
         coalesce((SELECT p.addresses FROM party p WHERE p.label = f.to_name),
                  f.to_addresses) AS to_addresses,
         coalesce((SELECT p.zone FROM party p WHERE p.label = f.to_name), '') AS to_zone,
         f.direction, f.ports, f.transport, f.protocol, f.why, f.condition, f.source,
         f.port_lo, f.port_hi
    FROM flows f;
