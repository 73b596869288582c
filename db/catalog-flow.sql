-- lyncplan catalog: who talks to whom in each catalog row (table
-- catalog_flow, see db/schema.sql), for the rows whose own words name both
-- ends. from_kind opens the connection to the row's ports on to_kind; the
-- kinds are the rows of table flow_end. why is quoted word for word from
-- the catalog row's notes (or, for the load balancer tables, which have no
-- notes, its protocol): the words that name the ends.
-- How the rows read:
--   Internal servers' table (db/catalog.sql): every row is a port the row's
--   role listens on; the other end is who the notes say the request comes
--   from ("from the PSTN gateway", "from client", ...). Rows whose other end
--   is the same server (the collocated Mediation Server's 5070) or whose
--   notes name no other end, or only "servers", are not here.
--   Perimeter tables (db/catalog-edge.sql): each row has a source and a
--   destination cell. "Any" on the external side is the party the notes
--   name: external clients for client and user access (and the Web
--   Conferencing and A/V Edge inbound rows marked clients = 1, which the
--   internal servers' topic's client table gives as external user access),
--   federated partners for federation and public IM connectivity, XMPP
--   federated partners for XMPP, and the Internet for what the Edge itself
--   looks up or relays (certificate revocation, DNS, STUN/TURN). "Any (can
--   be defined as X, Y ...)" is each of the named roles. On the internal
--   side "Any" is internal clients where the notes speak of users' media,
--   and the Centralized Logging Service controller for its ports.
--   Not here: the A/V topic's alternative tables (edge-av-dest-only,
--   edge-av-src-dest, not derived from) and the SQL Server Browser row
--   (source not stated).

-- Internal servers' table (Required Server Ports (by Server Role))
INSERT INTO catalog_flow (catalog_id, from_kind, to_kind, why) VALUES
  (3, 'internal-clients', 'front-end', 'for SIP communications between Server and Client (TLS)'),
  (7, 'internal-clients', 'front-end', 'Used to listen for Persistent Shared Object Model (PSOM) connections from client.'),
  (8, 'internal-clients', 'front-end', 'Used to listen for Persistent Shared Object Model (PSOM) connections from the Live Meeting client and previous versions of Lync Server.'),
  (14, 'reverse-proxy-internal', 'front-end', 'HTTPS (from Reverse Proxy)'),
  (23, 'pstn-gateway', 'front-end', 'Used for incoming SIP requests from the PSTN gateway to the Mediation Server.'),
  (24, 'pstn-gateway', 'front-end', 'Used for incoming SIP requests from the PSTN gateway to the Mediation Server.'),
  (40, 'front-end', 'office-web-apps', 'Used by Lync Server 2013 to connect to Office Web Apps Server.'),
  (42, 'front-end', 'director', 'Inter-server communication between Front End and Director.'),
  (45, 'internal-clients', 'director', 'for client connections'),
  (46, 'front-end', 'mediation', 'Used by the Mediation Server for incoming requests from the Front End Server.'),
  (47, 'pstn-gateway', 'mediation', 'Used for incoming SIP requests from the PSTN gateway.'),
  (48, 'pstn-gateway', 'mediation', 'Used for incoming SIP requests from the PSTN gateway.'),
  (49, 'front-end', 'mediation', 'Used for SIP requests from the Front End Servers.');

-- Hardware load balancer tables: the load balancer of the row's role
INSERT INTO catalog_flow (catalog_id, from_kind, to_kind, why) VALUES
  (57, 'internal-clients', 'front-end-lb', 'Client and device retrieval of root certificate from Front End Server'),
  (59, 'reverse-proxy-internal', 'front-end-lb', 'HTTPS (from reverse proxy)'),
  (72, 'reverse-proxy-internal', 'director-lb', 'HTTPS (from reverse proxy)'),
  (75, 'internal-clients', 'front-end-lb', 'Client and device retrieval of root certificate from Front End Server'),
  (76, 'reverse-proxy-internal', 'front-end-lb', 'HTTPS (from reverse proxy)'),
  (78, 'reverse-proxy-internal', 'director-lb', 'HTTPS (from reverse proxy)');

-- edge-external
INSERT INTO catalog_flow (catalog_id, from_kind, to_kind, why) VALUES
  (1001, 'xmpp-partners', 'edge-external', 'XMPP Proxy service accepts traffic from XMPP contacts in defined XMPP federations'),
  (1002, 'edge-external', 'internet', 'Certificate revocation/CRL check and retrieval'),
  (1003, 'edge-external', 'internet', 'DNS query over TCP'),
  (1004, 'edge-external', 'internet', 'DNS query over UDP'),
  (1005, 'external-clients', 'edge-external', 'Client-to-server SIP traffic for external user access'),
  (1006, 'federated-partners', 'edge-external', 'For federated and public IM connectivity using SIP'),
  (1007, 'edge-external', 'federated-partners', 'For federated and public IM connectivity using SIP'),
  (1008, 'external-clients', 'edge-external', 'Web Conferencing media'),
  (1009, 'edge-external', 'federated-partners', 'Required for federating with partners running Office Communications Server 2007, Office Communications Server 2007 R2, Lync Server 2010 and Lync Server 2013.'),
  (1010, 'edge-external', 'federated-partners', 'Required only for federation with partners running Office Communications Server 2007.'),
  (1011, 'federated-partners', 'edge-external', 'Required only for federation with partners running Office Communications Server 2007'),
  (1012, 'federated-partners', 'edge-external', 'Required only for federation with partners running Office Communications Server 2007'),
  (1013, 'edge-external', 'internet', '3478 outbound is used to determine the version of Edge Server that Lync Server is communicating with and also for media traffic from Edge Server-to-Edge Server.'),
  (1014, 'external-clients', 'edge-external', 'STUN/TURN negotiation of candidates over UDP/3478'),
  (1015, 'external-clients', 'edge-external', 'STUN/TURN negotiation of candidates over TCP/443'),
  (1016, 'edge-external', 'internet', 'STUN/TURN negotiation of candidates over TCP/443');

-- edge-internal
INSERT INTO catalog_flow (catalog_id, from_kind, to_kind, why) VALUES
  (1017, 'front-end', 'edge-internal', 'Outbound XMPP traffic from XMPP Gateway service running on Front End Server or Front End pool'),
  (1018, 'front-end', 'edge-internal', 'Outbound SIP traffic (from Director, Director pool IP address, Front End Server or Front End pool IP address) to Edge Server internal interface'),
  (1018, 'director', 'edge-internal', 'Outbound SIP traffic (from Director, Director pool IP address, Front End Server or Front End pool IP address) to Edge Server internal interface'),
  (1019, 'edge-internal', 'front-end', 'Inbound SIP traffic (to Director, Director pool IP address, Front End Server or Front End pool IP address) from Edge Server internal interface'),
  (1019, 'edge-internal', 'director', 'Inbound SIP traffic (to Director, Director pool IP address, Front End Server or Front End pool IP address) from Edge Server internal interface'),
  (1020, 'front-end', 'edge-internal', 'Web conferencing traffic from Front End Server or each Front End Server if in a pool, to Edge Server internal interface'),
  (1021, 'front-end', 'edge-internal', 'Authentication of A/V users (A/V authentication service) from Front End Server or Front End pool IP address'),
  (1022, 'internal-clients', 'edge-internal', 'Preferred path for A/V media transfer between internal and external users'),
  (1023, 'internal-clients', 'edge-internal', 'Fallback path for A/V media transfer between internal and external users'),
  (1024, 'cms', 'edge-internal', 'Replication of changes from the Central Management store to the Edge Server'),
  (1025, 'cls-controller', 'edge-internal', 'Centralized Logging Service controller using Lync Server Management Shell and Centralized Logging Service cmdlets'),
  (1026, 'cls-controller', 'edge-internal', 'Centralized Logging Service controller using Lync Server Management Shell and Centralized Logging Service cmdlets'),
  (1027, 'cls-controller', 'edge-internal', 'Centralized Logging Service controller using Lync Server Management Shell and Centralized Logging Service cmdlets');

-- edge-federation, edge-public-im, edge-xmpp
INSERT INTO catalog_flow (catalog_id, from_kind, to_kind, why) VALUES
  (1028, 'edge-external', 'federated-partners', 'For federated and public IM connectivity using SIP'),
  (1029, 'federated-partners', 'edge-external', 'source: Public IM connectivity partners'),
  (1030, 'edge-external', 'federated-partners', 'destination: Public IM connectivity partners'),
  (1031, 'external-clients', 'edge-external', 'Client-to-server SIP traffic for external user access'),
  (1032, 'edge-external', 'public-im-users', 'Used for A/V sessions with Windows Live Messenger if public IM connectivity is configured.'),
  (1033, 'edge-external', 'public-im-users', 'Required for public IM connectivity with Windows Live Messenger'),
  (1034, 'public-im-users', 'edge-external', 'Required for public IM connectivity with Windows Live Messenger'),
  (1035, 'xmpp-partners', 'edge-external', 'Allows communication to the Edge Server XMPP proxy from federated XMPP partners'),
  (1036, 'edge-external', 'xmpp-partners', 'Allows communication from the Edge Server XMPP proxy to federated XMPP partners'),
  (1037, 'front-end', 'edge-internal', 'Internal XMPP traffic from the XMPP Gateway on the Front End Server or Front End pool');

-- edge-hlb-external (the Edge Servers' own external addresses)
INSERT INTO catalog_flow (catalog_id, from_kind, to_kind, why) VALUES
  (1038, 'edge-external', 'internet', 'Certificate revocation/CRL check and retrieval'),
  (1039, 'edge-external', 'internet', 'DNS query over TCP'),
  (1040, 'edge-external', 'internet', 'DNS query over UDP'),
  (1041, 'edge-external', 'federated-partners', 'Required for federating with partners running Office Communications Server 2007, Office Communications Server 2007 R2, Lync Server 2010 and Lync Server 2013.'),
  (1042, 'edge-external', 'federated-partners', 'Required only for federation with partners running Office Communications Server 2007.'),
  (1043, 'federated-partners', 'edge-external', 'Required only for federation with partners running Office Communications Server 2007'),
  (1044, 'federated-partners', 'edge-external', 'Required only for federation with partners running Office Communications Server 2007'),
  (1045, 'edge-external', 'internet', '3478 outbound is used to determine the version of Edge Server that Lync Server is communicating with and also for media traffic from Edge Server-to-Edge Server.'),
  (1046, 'external-clients', 'edge-external', 'STUN/TURN negotiation of candidates over UDP/3478'),
  (1047, 'external-clients', 'edge-external', 'STUN/TURN negotiation of candidates over TCP/443'),
  (1048, 'edge-external', 'internet', 'STUN/TURN negotiation of candidates over TCP/443');

-- edge-hlb-internal (the Edge Servers' own internal addresses)
INSERT INTO catalog_flow (catalog_id, from_kind, to_kind, why) VALUES
  (1049, 'front-end', 'edge-internal', 'Outbound XMPP traffic from XMPP Gateway service running on Front End Server or Front End pool'),
  (1050, 'cms', 'edge-internal', 'Replication of changes from the Central Management store to the Edge Server'),
  (1051, 'front-end', 'edge-internal', 'source: Any (can be defined as Director IP, Front End Server IP or Pool virtual IP)'),
  (1051, 'director', 'edge-internal', 'source: Any (can be defined as Director IP, Front End Server IP or Pool virtual IP)'),
  (1052, 'front-end', 'edge-internal', 'source: Any (can be defined as Director IP, Front End Server IP or Pool virtual IP)'),
  (1052, 'director', 'edge-internal', 'source: Any (can be defined as Director IP, Front End Server IP or Pool virtual IP)'),
  (1052, 'internal-clients', 'edge-internal', 'Preferred path for A/V media transfer between internal and external users'),
  (1053, 'front-end', 'edge-internal', 'source: Any (can be defined as Director IP, Front End Server IP or Pool virtual IP)'),
  (1053, 'director', 'edge-internal', 'source: Any (can be defined as Director IP, Front End Server IP or Pool virtual IP)'),
  (1053, 'internal-clients', 'edge-internal', 'Fallback path for A/V media transfer between internal and external users'),
  (1054, 'cls-controller', 'edge-internal', 'Centralized Logging Service controller using Lync Server Management Shell and Centralized Logging Service cmdlets'),
  (1055, 'cls-controller', 'edge-internal', 'Centralized Logging Service controller using Lync Server Management Shell and Centralized Logging Service cmdlets'),
  (1056, 'cls-controller', 'edge-internal', 'Centralized Logging Service controller using Lync Server Management Shell and Centralized Logging Service cmdlets');

-- edge-hlb-vip-external (the load balancer's external virtual IPs)
INSERT INTO catalog_flow (catalog_id, from_kind, to_kind, why) VALUES
  (1057, 'xmpp-partners', 'edge-external-vip', 'XMPP Proxy service accepts traffic from XMPP contacts in defined XMPP federations'),
  (1058, 'edge-external-vip', 'xmpp-partners', 'XMPP Proxy service sends traffic to XMPP contacts in defined XMPP federations'),
  (1059, 'external-clients', 'edge-external-vip', 'Client-to-server SIP traffic for external user access'),
  (1060, 'federated-partners', 'edge-external-vip', 'SIP signaling, federated and public IM connectivity using SIP'),
  (1061, 'edge-external-vip', 'federated-partners', 'destination: Federated partner'),
  (1062, 'external-clients', 'edge-external-vip', 'Web Conferencing media'),
  (1063, 'external-clients', 'edge-external-vip', 'STUN/TURN negotiation of candidates over UDP/3478'),
  (1064, 'external-clients', 'edge-external-vip', 'STUN/TURN negotiation of candidates over TCP/443');

-- edge-hlb-vip-internal (the load balancer's internal virtual IP)
INSERT INTO catalog_flow (catalog_id, from_kind, to_kind, why) VALUES
  (1065, 'front-end', 'edge-internal-vip', 'Outbound SIP traffic (from Director, Director pool virtual IP address, Front End Server or Front End pool virtual IP address)to Internal Edge VIP'),
  (1065, 'director', 'edge-internal-vip', 'Outbound SIP traffic (from Director, Director pool virtual IP address, Front End Server or Front End pool virtual IP address)to Internal Edge VIP'),
  (1066, 'edge-internal-vip', 'front-end', 'Inbound SIP traffic (to Director, Director pool virtual IP address, Front End Server or Front End pool virtual IP address) from Edge Server internal interface'),
  (1066, 'edge-internal-vip', 'director', 'Inbound SIP traffic (to Director, Director pool virtual IP address, Front End Server or Front End pool virtual IP address) from Edge Server internal interface'),
  (1067, 'front-end', 'edge-internal-vip', 'Authentication of A/V users (A/V authentication service) from Front End Server or Front End pool IP address'),
  (1068, 'internal-clients', 'edge-internal-vip', 'Preferred path for A/V media transfer between internal and external users'),
  (1069, 'internal-clients', 'edge-internal-vip', 'Fallback path for A/V media transfer between internal and external users'),
  (1070, 'edge-internal-vip', 'internal-clients', 'Fallback path for A/V media transfer between internal and external users');

-- reverse-proxy-external, reverse-proxy-internal
INSERT INTO catalog_flow (catalog_id, from_kind, to_kind, why) VALUES
  (1079, 'external-clients', 'reverse-proxy-external', '(Optional) Redirection to HTTPS if user enters http://<publishedSiteFQDN>.'),
  (1080, 'external-clients', 'reverse-proxy-external', 'Address book downloads, Address Book Web Query service, Autodiscover, client updates, meeting content, device updates, group expansion, Office Web Apps for conferencing, dial-in conferencing, and meetings.'),
  (1081, 'reverse-proxy-internal', 'front-end', 'Traffic sent to port 80 on the reverse proxy external interface is redirected to a pool on port 8080 from the reverse proxy internal interface'),
  (1081, 'reverse-proxy-internal', 'director', 'Traffic sent to port 80 on the reverse proxy external interface is redirected to a pool on port 8080 from the reverse proxy internal interface'),
  (1082, 'reverse-proxy-internal', 'front-end', 'Traffic sent to port 443 on the reverse proxy external interface is redirected to a pool on port 4443 from the reverse proxy internal interface'),
  (1082, 'reverse-proxy-internal', 'director', 'Traffic sent to port 443 on the reverse proxy external interface is redirected to a pool on port 4443 from the reverse proxy internal interface'),
  (1083, 'reverse-proxy-internal', 'office-web-apps', 'destination: Office Web Apps for conferencing');

-- sql-backend
INSERT INTO catalog_flow (catalog_id, from_kind, to_kind, why) VALUES
  (1084, 'front-end', 'back-end', 'communication from the Front End pool to the SQL Server default instance');
