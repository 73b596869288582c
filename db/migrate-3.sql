-- lyncplan schema, version 3: the networks around the servers, for
-- firewall rules that name real addresses. Loaded by src/store.c after
-- the files of versions 1 and 2, inside the migration transaction that
-- sets PRAGMA user_version = 3; a file of version 2 gains these tables
-- empty and its flows view is replaced by the one of db/flows.sql below
-- it (see migrate-3-flows.sql).
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
