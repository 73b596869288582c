-- gen-topology.sql - a deployment of any size for the benchmark, loaded
-- with sqlite3 into a file lyncplan has created, after a line that sets
-- the number of servers:
--   CREATE TEMP TABLE bench_size AS SELECT 10000 AS servers;
-- Ten servers per pool (at least one pool), up to 20 sites, one load
-- balancer per balanced pool: 10,000 servers make 1,000 pools. Pools cycle
-- through the roles: six in ten Front End (DNS and hardware balanced in
-- turn, every third with collocated Mediation), two Director, two
-- Mediation (one of them not balanced; a Persistent Chat pool could not
-- hold ten servers, and import-topology is timed on the result); pool 10
-- (pool 1 when there are fewer) holds the Central Management store. Every
-- address is distinct.
BEGIN;
CREATE TEMP TABLE bench_pools AS
SELECT max(1, servers / 10) AS pools, min(20, max(1, servers / 10)) AS sites,
       servers FROM bench_size;

WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n
                        WHERE i < (SELECT sites FROM bench_pools))
INSERT INTO site (id, name, description)
SELECT i, printf('site%02d', i), 'generated' FROM n;

WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n
                        WHERE i < (SELECT pools FROM bench_pools))
INSERT INTO pool (id, fqdn, site_id, role, edition, lb, collocated_mediation, cms)
SELECT i, printf('pool%04d.bench.example', i), 1 + i % (SELECT sites FROM bench_pools),
       CASE WHEN i % 10 < 6 THEN 'front-end' WHEN i % 10 < 8 THEN 'director'
            ELSE 'mediation' END,
       CASE WHEN i % 10 < 6 THEN 'enterprise' ELSE '' END,
       CASE WHEN i % 10 = 9 THEN 'none' WHEN i % 2 = 0 THEN 'dns' ELSE 'hardware' END,
       CASE WHEN i % 10 < 6 AND i % 3 = 0 THEN 1 ELSE 0 END,
       CASE WHEN i = min(10, (SELECT pools FROM bench_pools)) THEN 1 ELSE 0 END
  FROM n;

WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n
                        WHERE i < (SELECT servers FROM bench_pools) - 1)
INSERT INTO server (fqdn, pool_id, address)
SELECT printf('srv%05d.bench.example', i),
       1 + min(i / 10, (SELECT pools FROM bench_pools) - 1),
       printf('10.%d.%d.%d', i / 65536, (i / 256) % 256, i % 256)
  FROM n;

INSERT INTO load_balancer (id, name, vip)
SELECT id, printf('hlb%04d', id), printf('10.200.%d.%d', id / 256, id % 256)
  FROM pool WHERE lb <> 'none';
INSERT INTO lb_pool (lb_id, pool_id) SELECT id, id FROM pool WHERE lb <> 'none';
COMMIT;
