# Windows Firewall rules for the flows of a Lync Server 2013 topology (who talks to whom).
# Topology demo, generated 1970-01-01T00:00:00Z by lyncplan 0.1.0.
#
# Lync Server 2013 opens the Windows Firewall ports its services need by
# itself when they start (Windows Firewall must be running). This script
# hardens those rules or re-creates them; the rules for the network firewalls
# in front of the servers (the ports table, or --format nft) are the main
# deliverable.
#
# Run it as an administrator on each server:  .\SCRIPT.ps1 [-Address IP,...]
# It takes the addresses of this computer (or those given) and applies the
# rules of the flows toward them: one inbound rule per source, destination
# and transport, named lyncplan-flow-<from>-to-<to>-<TCP|UDP>, in the group
# 'lyncplan-flows', allowing the destination's addresses and ports from the
# source's addresses. A party with peers in the topology (lyncplan peer add)
# has their addresses; one without stands for its zone: internal clients for
# -InternalZone (the internal network's prefixes), external clients,
# federated partners and the Internet for -InternetZone (every address
# outside the internal and perimeter networks, as ranges). Every rule of the
# group is removed first, so running the script again replaces the rules.
# Flows with an end that has no address in the topology have no rule.
#
#Requires -RunAsAdministrator
param(
	[string[]]$Address,
	# The internal network's prefixes (lyncplan zone set internal).
	[string[]]$InternalZone = @('192.0.2.0/27','198.51.100.0/24','2001:db8:0:1::/64'),
	# Every address outside the internal and perimeter networks' prefixes.
	[string[]]$InternetZone = @('0.0.0.0-192.0.1.255','192.0.2.64-198.51.99.255','198.51.101.0-255.255.255.255','::-2001:db8::ffff:ffff:ffff:ffff','2001:db8:0:2::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff')
)
$ErrorActionPreference = 'Stop'
if (-not $Address) {
	$Address = @(Get-NetIPAddress | ForEach-Object { $_.IPAddress })
}
Remove-NetFirewallRule -Group 'lyncplan-flows' -ErrorAction SilentlyContinue
$applied = $false

# PSTN gateway -> fepool.contoso.com
if (@('192.0.2.11','192.0.2.12','192.0.2.13') | Where-Object { $Address -contains $_ }) {
	New-NetFirewallRule -Name 'lyncplan-flow-PSTN_gateway-to-fepool.contoso.com-TCP' -DisplayName 'lyncplan PSTN gateway -> fepool.contoso.com (TCP)' -Group 'lyncplan-flows' -Direction Inbound -Action Allow -Profile Any -Protocol TCP -LocalAddress '192.0.2.11','192.0.2.12','192.0.2.13' -LocalPort '5067-5068' -RemoteAddress '192.0.2.30' -Description '5067 TCP (TLS): Used for incoming SIP requests from the PSTN gateway to the Mediation Server.; 5068 TCP: Used for incoming SIP requests from the PSTN gateway to the Mediation Server.' | Out-Null
	$applied = $true
}

# fepool.contoso.com -> dirpool.contoso.com
if (@('192.0.2.21','192.0.2.22') | Where-Object { $Address -contains $_ }) {
	New-NetFirewallRule -Name 'lyncplan-flow-fepool.contoso.com-to-dirpool.contoso.com-TCP' -DisplayName 'lyncplan fepool.contoso.com -> dirpool.contoso.com (TCP)' -Group 'lyncplan-flows' -Direction Inbound -Action Allow -Profile Any -Protocol TCP -LocalAddress '192.0.2.21','192.0.2.22' -LocalPort '444' -RemoteAddress '192.0.2.11','192.0.2.12','192.0.2.13' -Description '444 HTTPS: Inter-server communication between Front End and Director.' | Out-Null
	$applied = $true
}

# internal clients -> dirpool.contoso.com
if (@('192.0.2.21','192.0.2.22') | Where-Object { $Address -contains $_ }) {
	New-NetFirewallRule -Name 'lyncplan-flow-internal_clients-to-dirpool.contoso.com-TCP' -DisplayName 'lyncplan internal clients -> dirpool.contoso.com (TCP)' -Group 'lyncplan-flows' -Direction Inbound -Action Allow -Profile Any -Protocol TCP -LocalAddress '192.0.2.21','192.0.2.22' -LocalPort '5061' -RemoteAddress $InternalZone -Description '5061 TCP: for client connections' | Out-Null
	$applied = $true
}

# internal clients -> fepool.contoso.com
if (@('192.0.2.11','192.0.2.12','192.0.2.13') | Where-Object { $Address -contains $_ }) {
	New-NetFirewallRule -Name 'lyncplan-flow-internal_clients-to-fepool.contoso.com-TCP' -DisplayName 'lyncplan internal clients -> fepool.contoso.com (TCP)' -Group 'lyncplan-flows' -Direction Inbound -Action Allow -Profile Any -Protocol TCP -LocalAddress '192.0.2.11','192.0.2.12','192.0.2.13' -LocalPort '5061','8057' -RemoteAddress $InternalZone -Description '5061 TCP (TLS): for SIP communications between Server and Client (TLS); 8057 TCP (TLS): Used to listen for Persistent Shared Object Model (PSOM) connections from client.' | Out-Null
	$applied = $true
}

# internal clients -> fepool.contoso.com load balancer
if (@('192.0.2.10') | Where-Object { $Address -contains $_ }) {
	New-NetFirewallRule -Name 'lyncplan-flow-internal_clients-to-fepool.contoso.com_load_balancer-TCP' -DisplayName 'lyncplan internal clients -> fepool.contoso.com load balancer (TCP)' -Group 'lyncplan-flows' -Direction Inbound -Action Allow -Profile Any -Protocol TCP -LocalAddress '192.0.2.10' -LocalPort '8080' -RemoteAddress $InternalZone -Description '8080 TCP: Client and device retrieval of root certificate from Front End Server' | Out-Null
	$applied = $true
}

# internal clients -> se01.dublin.contoso.com
if (@('198.51.100.11') | Where-Object { $Address -contains $_ }) {
	New-NetFirewallRule -Name 'lyncplan-flow-internal_clients-to-se01.dublin.contoso.com-TCP' -DisplayName 'lyncplan internal clients -> se01.dublin.contoso.com (TCP)' -Group 'lyncplan-flows' -Direction Inbound -Action Allow -Profile Any -Protocol TCP -LocalAddress '198.51.100.11' -LocalPort '5061','8057' -RemoteAddress $InternalZone -Description '5061 TCP (TLS): for SIP communications between Server and Client (TLS); 8057 TCP (TLS): Used to listen for Persistent Shared Object Model (PSOM) connections from client.' | Out-Null
	$applied = $true
}

# se01.dublin.contoso.com -> dirpool.contoso.com
if (@('192.0.2.21','192.0.2.22') | Where-Object { $Address -contains $_ }) {
	New-NetFirewallRule -Name 'lyncplan-flow-se01.dublin.contoso.com-to-dirpool.contoso.com-TCP' -DisplayName 'lyncplan se01.dublin.contoso.com -> dirpool.contoso.com (TCP)' -Group 'lyncplan-flows' -Direction Inbound -Action Allow -Profile Any -Protocol TCP -LocalAddress '192.0.2.21','192.0.2.22' -LocalPort '444' -RemoteAddress '198.51.100.11' -Description '444 HTTPS: Inter-server communication between Front End and Director.' | Out-Null
	$applied = $true
}

# Centralized Logging Service controller -> edgepool.contoso.com internal interface
if (@('192.0.2.41','192.0.2.42') | Where-Object { $Address -contains $_ }) {
	New-NetFirewallRule -Name 'lyncplan-flow-Centralized_Logging_Service_controller-to-edgepool.contoso.com_internal_interface-TCP' -DisplayName 'lyncplan Centralized Logging Service controller -> edgepool.contoso.com internal interface (TCP)' -Group 'lyncplan-flows' -Direction Inbound -Action Allow -Profile Any -Protocol TCP -LocalAddress '192.0.2.41','192.0.2.42' -LocalPort '50001-50003' -RemoteAddress $InternalZone -Description '50001 MTLS: Centralized Logging Service controller using Lync Server Management Shell and Centralized Logging Service cmdlets; 50002 MTLS: Centralized Logging Service controller using Lync Server Management Shell and Centralized Logging Service cmdlets; 50003 MTLS: Centralized Logging Service controller using Lync Server Management Shell and Centralized Logging Service cmdlets' | Out-Null
	$applied = $true
}

# dirpool.contoso.com -> edgepool.contoso.com internal interface
if (@('192.0.2.41','192.0.2.42') | Where-Object { $Address -contains $_ }) {
	New-NetFirewallRule -Name 'lyncplan-flow-dirpool.contoso.com-to-edgepool.contoso.com_internal_interface-TCP' -DisplayName 'lyncplan dirpool.contoso.com -> edgepool.contoso.com internal interface (TCP)' -Group 'lyncplan-flows' -Direction Inbound -Action Allow -Profile Any -Protocol TCP -LocalAddress '192.0.2.41','192.0.2.42' -LocalPort '5061' -RemoteAddress '192.0.2.21','192.0.2.22' -Description '5061 SIP/MTLS: Outbound SIP traffic (from Director, Director pool IP address, Front End Server or Front End pool IP address) to Edge Server internal interface' | Out-Null
	$applied = $true
}

# fepool.contoso.com -> edgepool.contoso.com internal interface
if (@('192.0.2.41','192.0.2.42') | Where-Object { $Address -contains $_ }) {
	New-NetFirewallRule -Name 'lyncplan-flow-fepool.contoso.com-to-edgepool.contoso.com_internal_interface-TCP' -DisplayName 'lyncplan fepool.contoso.com -> edgepool.contoso.com internal interface (TCP)' -Group 'lyncplan-flows' -Direction Inbound -Action Allow -Profile Any -Protocol TCP -LocalAddress '192.0.2.41','192.0.2.42' -LocalPort '4443','5061-5062','8057' -RemoteAddress '192.0.2.11','192.0.2.12','192.0.2.13' -Description '4443 HTTPS: Replication of changes from the Central Management store to the Edge Server; 5061 SIP/MTLS: Outbound SIP traffic (from Director, Director pool IP address, Front End Server or Front End pool IP address) to Edge Server internal interface; 5062 SIP/MTLS: Authentication of A/V users (A/V authentication service) from Front End Server or Front End pool IP address; 8057 PSOM/MTLS: Web conferencing traffic from Front End Server or each Front End Server if in a pool, to Edge Server internal interface' | Out-Null
	$applied = $true
}

# internal clients -> edgepool.contoso.com internal interface
if (@('192.0.2.41','192.0.2.42') | Where-Object { $Address -contains $_ }) {
	New-NetFirewallRule -Name 'lyncplan-flow-internal_clients-to-edgepool.contoso.com_internal_interface-TCP' -DisplayName 'lyncplan internal clients -> edgepool.contoso.com internal interface (TCP)' -Group 'lyncplan-flows' -Direction Inbound -Action Allow -Profile Any -Protocol TCP -LocalAddress '192.0.2.41','192.0.2.42' -LocalPort '443' -RemoteAddress $InternalZone -Description '443 STUN/MSTURN: Fallback path for A/V media transfer between internal and external users' | Out-Null
	New-NetFirewallRule -Name 'lyncplan-flow-internal_clients-to-edgepool.contoso.com_internal_interface-UDP' -DisplayName 'lyncplan internal clients -> edgepool.contoso.com internal interface (UDP)' -Group 'lyncplan-flows' -Direction Inbound -Action Allow -Profile Any -Protocol UDP -LocalAddress '192.0.2.41','192.0.2.42' -LocalPort '3478' -RemoteAddress $InternalZone -Description '3478 STUN/MSTURN: Preferred path for A/V media transfer between internal and external users' | Out-Null
	$applied = $true
}

# se01.dublin.contoso.com -> edgepool.contoso.com internal interface
if (@('192.0.2.41','192.0.2.42') | Where-Object { $Address -contains $_ }) {
	New-NetFirewallRule -Name 'lyncplan-flow-se01.dublin.contoso.com-to-edgepool.contoso.com_internal_interface-TCP' -DisplayName 'lyncplan se01.dublin.contoso.com -> edgepool.contoso.com internal interface (TCP)' -Group 'lyncplan-flows' -Direction Inbound -Action Allow -Profile Any -Protocol TCP -LocalAddress '192.0.2.41','192.0.2.42' -LocalPort '5061-5062','8057' -RemoteAddress '198.51.100.11' -Description '5061 SIP/MTLS: Outbound SIP traffic (from Director, Director pool IP address, Front End Server or Front End pool IP address) to Edge Server internal interface; 5062 SIP/MTLS: Authentication of A/V users (A/V authentication service) from Front End Server or Front End pool IP address; 8057 PSOM/MTLS: Web conferencing traffic from Front End Server or each Front End Server if in a pool, to Edge Server internal interface' | Out-Null
	$applied = $true
}

# external clients -> edgepool.contoso.com A/V Edge external interface
# no rule: no address for edgepool.contoso.com A/V Edge external interface in the topology (lyncplan check: missing-address)

# external clients -> edgepool.contoso.com Access Edge external interface
# no rule: no address for edgepool.contoso.com Access Edge external interface in the topology (lyncplan check: missing-address)

# external clients -> edgepool.contoso.com Web Conferencing Edge external interface
# no rule: no address for edgepool.contoso.com Web Conferencing Edge external interface in the topology (lyncplan check: missing-address)

# external clients -> rp.contoso.com external listener
# no rule: no address for rp.contoso.com external listener in the topology (lyncplan check: missing-address)

# edgepool.contoso.com internal interface -> dirpool.contoso.com
if (@('192.0.2.21','192.0.2.22') | Where-Object { $Address -contains $_ }) {
	New-NetFirewallRule -Name 'lyncplan-flow-edgepool.contoso.com_internal_interface-to-dirpool.contoso.com-TCP' -DisplayName 'lyncplan edgepool.contoso.com internal interface -> dirpool.contoso.com (TCP)' -Group 'lyncplan-flows' -Direction Inbound -Action Allow -Profile Any -Protocol TCP -LocalAddress '192.0.2.21','192.0.2.22' -LocalPort '5061' -RemoteAddress '192.0.2.41','192.0.2.42' -Description '5061 SIP/MTLS: Inbound SIP traffic (to Director, Director pool IP address, Front End Server or Front End pool IP address) from Edge Server internal interface' | Out-Null
	$applied = $true
}

# edgepool.contoso.com internal interface -> fepool.contoso.com
if (@('192.0.2.11','192.0.2.12','192.0.2.13') | Where-Object { $Address -contains $_ }) {
	New-NetFirewallRule -Name 'lyncplan-flow-edgepool.contoso.com_internal_interface-to-fepool.contoso.com-TCP' -DisplayName 'lyncplan edgepool.contoso.com internal interface -> fepool.contoso.com (TCP)' -Group 'lyncplan-flows' -Direction Inbound -Action Allow -Profile Any -Protocol TCP -LocalAddress '192.0.2.11','192.0.2.12','192.0.2.13' -LocalPort '5061' -RemoteAddress '192.0.2.41','192.0.2.42' -Description '5061 SIP/MTLS: Inbound SIP traffic (to Director, Director pool IP address, Front End Server or Front End pool IP address) from Edge Server internal interface' | Out-Null
	$applied = $true
}

# edgepool.contoso.com internal interface -> se01.dublin.contoso.com
if (@('198.51.100.11') | Where-Object { $Address -contains $_ }) {
	New-NetFirewallRule -Name 'lyncplan-flow-edgepool.contoso.com_internal_interface-to-se01.dublin.contoso.com-TCP' -DisplayName 'lyncplan edgepool.contoso.com internal interface -> se01.dublin.contoso.com (TCP)' -Group 'lyncplan-flows' -Direction Inbound -Action Allow -Profile Any -Protocol TCP -LocalAddress '198.51.100.11' -LocalPort '5061' -RemoteAddress '192.0.2.41','192.0.2.42' -Description '5061 SIP/MTLS: Inbound SIP traffic (to Director, Director pool IP address, Front End Server or Front End pool IP address) from Edge Server internal interface' | Out-Null
	$applied = $true
}

# rp.contoso.com internal interface -> dirpool.contoso.com
if (@('192.0.2.21','192.0.2.22') | Where-Object { $Address -contains $_ }) {
	New-NetFirewallRule -Name 'lyncplan-flow-rp.contoso.com_internal_interface-to-dirpool.contoso.com-TCP' -DisplayName 'lyncplan rp.contoso.com internal interface -> dirpool.contoso.com (TCP)' -Group 'lyncplan-flows' -Direction Inbound -Action Allow -Profile Any -Protocol TCP -LocalAddress '192.0.2.21','192.0.2.22' -LocalPort '4443' -RemoteAddress '192.0.2.51' -Description '4443 HTTPS: Traffic sent to port 443 on the reverse proxy external interface is redirected to a pool on port 4443 from the reverse proxy internal interface' | Out-Null
	$applied = $true
}

# rp.contoso.com internal interface -> dirpool.contoso.com load balancer
if (@('192.0.2.20') | Where-Object { $Address -contains $_ }) {
	New-NetFirewallRule -Name 'lyncplan-flow-rp.contoso.com_internal_interface-to-dirpool.contoso.com_load_balancer-TCP' -DisplayName 'lyncplan rp.contoso.com internal interface -> dirpool.contoso.com load balancer (TCP)' -Group 'lyncplan-flows' -Direction Inbound -Action Allow -Profile Any -Protocol TCP -LocalAddress '192.0.2.20' -LocalPort '4443' -RemoteAddress '192.0.2.51' -Description '4443 HTTPS (from reverse proxy): HTTPS (from reverse proxy)' | Out-Null
	$applied = $true
}

# rp.contoso.com internal interface -> fepool.contoso.com
if (@('192.0.2.11','192.0.2.12','192.0.2.13') | Where-Object { $Address -contains $_ }) {
	New-NetFirewallRule -Name 'lyncplan-flow-rp.contoso.com_internal_interface-to-fepool.contoso.com-TCP' -DisplayName 'lyncplan rp.contoso.com internal interface -> fepool.contoso.com (TCP)' -Group 'lyncplan-flows' -Direction Inbound -Action Allow -Profile Any -Protocol TCP -LocalAddress '192.0.2.11','192.0.2.12','192.0.2.13' -LocalPort '4443' -RemoteAddress '192.0.2.51' -Description '4443 HTTPS: Web server component: HTTPS (from Reverse Proxy) | Traffic sent to port 443 on the reverse proxy external interface is redirected to a pool on port 4443 from the reverse proxy internal interface' | Out-Null
	$applied = $true
}

# rp.contoso.com internal interface -> fepool.contoso.com load balancer
if (@('192.0.2.10') | Where-Object { $Address -contains $_ }) {
	New-NetFirewallRule -Name 'lyncplan-flow-rp.contoso.com_internal_interface-to-fepool.contoso.com_load_balancer-TCP' -DisplayName 'lyncplan rp.contoso.com internal interface -> fepool.contoso.com load balancer (TCP)' -Group 'lyncplan-flows' -Direction Inbound -Action Allow -Profile Any -Protocol TCP -LocalAddress '192.0.2.10' -LocalPort '4443' -RemoteAddress '192.0.2.51' -Description '4443 HTTPS (from reverse proxy): HTTPS (from reverse proxy)' | Out-Null
	$applied = $true
}

# rp.contoso.com internal interface -> se01.dublin.contoso.com
if (@('198.51.100.11') | Where-Object { $Address -contains $_ }) {
	New-NetFirewallRule -Name 'lyncplan-flow-rp.contoso.com_internal_interface-to-se01.dublin.contoso.com-TCP' -DisplayName 'lyncplan rp.contoso.com internal interface -> se01.dublin.contoso.com (TCP)' -Group 'lyncplan-flows' -Direction Inbound -Action Allow -Profile Any -Protocol TCP -LocalAddress '198.51.100.11' -LocalPort '4443' -RemoteAddress '192.0.2.51' -Description '4443 HTTPS: Web server component: HTTPS (from Reverse Proxy) | Traffic sent to port 443 on the reverse proxy external interface is redirected to a pool on port 4443 from the reverse proxy internal interface' | Out-Null
	$applied = $true
}

# edgepool.contoso.com A/V Edge external interface -> Internet
# no rule: no address for edgepool.contoso.com A/V Edge external interface in the topology (lyncplan check: missing-address)

# edgepool.contoso.com Access Edge external interface -> Internet
# no rule: no address for edgepool.contoso.com Access Edge external interface in the topology (lyncplan check: missing-address)

if (-not $applied) {
	[Console]::Error.WriteLine('lyncplan: no flow of this topology ends at ' + ($Address -join ', ') + '; name addresses with -Address')
	exit 1
}
Get-NetFirewallRule -Group 'lyncplan-flows' | Format-Table -Property Name, DisplayName, Enabled
