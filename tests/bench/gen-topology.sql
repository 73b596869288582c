-- gen-topology.sql - a large deployment for the benchmark, loaded with
-- sqlite3 into a file lyncplan has created: 20 sites, 1,000 pools and
-- 10,000 servers (ten per pool), one load balancer per balanced pool.
-- Pools cycle through the roles: six in ten Front End (DNS and hardware
-- balanced in turn, every third with collocated Mediation), two Director,
-- one Mediation, one Persistent Chat (not balanced); pool 10 holds the
-- Central Management store. Every address is distinct.
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20)
INSERT INTO site (id, name, description)
SELECT i, printf('site%02d', i), 'generated' FROM n;

WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)
INSERT INTO pool (id, fqdn, site_id, role, edition, lb, collocated_mediation, cms)
SELECT i, printf('pool%04d.bench.example', i), 1 + i % 20,
       CASE WHEN i % 10 < 6 THEN 'front-end' WHEN i % 10 < 8 THEN 'director'
            WHEN i % 10 = 8 THEN 'mediation' ELSE 'persistent-chat' END,
       CASE WHEN i % 10 < 6 THEN 'enterprise' ELSE '' END,
       CASE WHEN i % 10 = 9 THEN 'none' WHEN i % 2 = 0 THEN 'dns' ELSE 'hardware' END,
       CASE WHEN i % 10 < 6 AND i % 3 = 0 THEN 1 ELSE 0 END,
       CASE WHEN i = 10 THEN 1 ELSE 0 END
  FROM n;

WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 9999)
INSERT INTO server (fqdn, pool_id, address)
SELECT printf('srv%05d.bench.example', i), 1 + i / 10,
       printf('10.%d.%d.%d', i / 65536, (i / 256) % 256, i % 256)
  FROM n;

INSERT INTO load_balancer (id, name, vip)
SELECT id, printf('hlb%04d', id), printf('10.200.%d.%d', id / 256, id % 256)
  FROM pool WHERE lb <> 'none';
INSERT INTO lb_pool (lb_id, pool_id) SELECT id, id FROM pool WHERE lb <> 'none';
COMMIT;
