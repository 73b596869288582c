# Windows Firewall rules for the Lync Server 2013 servers of a topology.
# Topology demo, generated 1970-01-01T00:00:00Z by lyncplan 0.1.0.
#
# Lync Server 2013 opens the Windows Firewall ports its services need by
# itself when they start (Windows Firewall must be running). This script
# hardens those rules or re-creates them; the rules for the network firewalls
# in front of the servers (the ports table, or --format nft) are the main
# deliverable.
#
# Run it as an administrator on each Lync server:  .\SCRIPT.ps1 [-Server FQDN]
# It finds the pool of the server (by default this computer's FQDN) and
# applies that pool's rules only: one inbound rule per transport, named
# lyncplan-<role>-TCP and lyncplan-<role>-UDP, in the group 'lyncplan'. A server
# is in one pool, so the names are unique on it; every rule of the group
# 'lyncplan' is removed first, so running the script again replaces the
# rules rather than adding copies. The pool of an Edge Server or a reverse
# proxy has rules per interface: each allows only the pool's addresses on
# that interface, and is named lyncplan-<role>-<interface>-TCP (UDP) but
# for the internal one; an interface without an address in the topology
# has no rule.
#
#Requires -RunAsAdministrator
param([string]$Server)
$ErrorActionPreference = 'Stop'
if (-not $Server) {
	$cs = Get-CimInstance -ClassName Win32_ComputerSystem
	$Server = $cs.DNSHostName + '.' + $cs.Domain
}
$applied = $false

# Pool se01.dublin.contoso.com
if (@('se01.dublin.contoso.com') -contains $Server) {
	Remove-NetFirewallRule -Group 'lyncplan' -ErrorAction SilentlyContinue
	New-NetFirewallRule -Name 'lyncplan-front-end-TCP' -DisplayName 'lyncplan front-end TCP (se01.dublin.contoso.com)' -Group 'lyncplan' -Direction Inbound -Action Allow -Profile Any -Protocol TCP -LocalPort '135','443-444','448','4443','5061-5065','5071-5073','5075-5076','5080','5086-5087','8057','8060-8061','8080','8404','49152-65535' -Description '135 DCOM and remote procedure call (RPC); 443 Mobility Services component, HTTPS; 444 HTTPS; 448 TCP; 4443 Web server component, HTTPS; 5061 TCP (TLS); 5062 TCP; 5063 TCP; 5064 TCP; 5065 TCP; 5071 TCP; 5072 TCP; 5073 TCP; 5075 TCP; 5076 TCP; 5080 TCP; 5086 Mobility Services component, TCP (MTLS); 5087 Mobility Services component, TCP (MTLS); 8057 TCP (TLS); 8060 Web server component, TCP (MTLS); 8061 Web server component, TCP (MTLS); 8080 TCP and HTTP; 8404 TCP (MTLS); 49152-57500 Various, TCP/UDP; 49152-65535 TCP; 57501-65535 TCP/UDP' | Out-Null
	New-NetFirewallRule -Name 'lyncplan-front-end-UDP' -DisplayName 'lyncplan front-end UDP (se01.dublin.contoso.com)' -Group 'lyncplan' -Direction Inbound -Action Allow -Profile Any -Protocol UDP -LocalPort '1434','49152-65535' -Description '1434 SQL Browser, UDP; 49152-57500 Various, TCP/UDP; 57501-65535 TCP/UDP' | Out-Null
	$applied = $true
}

# Pool dirpool.contoso.com
if (@('dir01.contoso.com', 'dir02.contoso.com') -contains $Server) {
	Remove-NetFirewallRule -Group 'lyncplan' -ErrorAction SilentlyContinue
	New-NetFirewallRule -Name 'lyncplan-director-TCP' -DisplayName 'lyncplan director TCP (dirpool.contoso.com)' -Group 'lyncplan' -Direction Inbound -Action Allow -Profile Any -Protocol TCP -LocalPort '80','443-444','5061','49152-57500' -Description '80 TCP; 443 HTTPS; 444 HTTPS; 5061 TCP; 49152-57500 Various, TCP/UDP' | Out-Null
	New-NetFirewallRule -Name 'lyncplan-director-UDP' -DisplayName 'lyncplan director UDP (dirpool.contoso.com)' -Group 'lyncplan' -Direction Inbound -Action Allow -Profile Any -Protocol UDP -LocalPort '1434','49152-57500' -Description '1434 SQL Browser, UDP; 49152-57500 Various, TCP/UDP' | Out-Null
	$applied = $true
}

# Pool edgepool.contoso.com
if (@('edge01.contoso.com', 'edge02.contoso.com') -contains $Server) {
	Remove-NetFirewallRule -Group 'lyncplan' -ErrorAction SilentlyContinue
	# external-access interface: no address in the topology, no rule
	# external-av interface: no address in the topology, no rule
	# external-webconf interface: no address in the topology, no rule
	New-NetFirewallRule -Name 'lyncplan-edge-TCP' -DisplayName 'lyncplan edge TCP (edgepool.contoso.com)' -Group 'lyncplan' -Direction Inbound -Action Allow -Profile Any -Protocol TCP -LocalAddress '192.0.2.41','192.0.2.42' -LocalPort '443','4443','5061-5062','8057','50001-50003' -Description '443 STUN/MSTURN; 4443 HTTPS; 5061 SIP/MTLS; 5062 SIP/MTLS; 8057 PSOM/MTLS; 50001 MTLS; 50002 MTLS; 50003 MTLS' | Out-Null
	New-NetFirewallRule -Name 'lyncplan-edge-UDP' -DisplayName 'lyncplan edge UDP (edgepool.contoso.com)' -Group 'lyncplan' -Direction Inbound -Action Allow -Profile Any -Protocol UDP -LocalAddress '192.0.2.41','192.0.2.42' -LocalPort '3478' -Description '3478 STUN/MSTURN' | Out-Null
	$applied = $true
}

# Pool fepool.contoso.com
if (@('fe01.contoso.com', 'fe02.contoso.com', 'fe03.contoso.com') -contains $Server) {
	Remove-NetFirewallRule -Group 'lyncplan' -ErrorAction SilentlyContinue
	New-NetFirewallRule -Name 'lyncplan-front-end-TCP' -DisplayName 'lyncplan front-end TCP (fepool.contoso.com)' -Group 'lyncplan' -Direction Inbound -Action Allow -Profile Any -Protocol TCP -LocalPort '135','443-445','448','4443','5061-5065','5067-5068','5070-5073','5075-5076','5080-5082','5086-5087','8057','8060-8061','8080','8404','49152-65535' -Description '135 DCOM and remote procedure call (RPC); 443 Mobility Services component, HTTPS; 444 HTTPS; 445 TCP; 448 TCP; 4443 Web server component, HTTPS; 5061 TCP (TLS); 5062 TCP; 5063 TCP; 5064 TCP; 5065 TCP; 5067 TCP (TLS); 5068 TCP; 5070 TCP; 5071 TCP; 5072 TCP; 5073 TCP; 5075 TCP; 5076 TCP; 5080 TCP; 5081 TCP; 5082 TCP (TLS); 5086 Mobility Services component, TCP (MTLS); 5087 Mobility Services component, TCP (MTLS); 8057 TCP (TLS); 8060 Web server component, TCP (MTLS); 8061 Web server component, TCP (MTLS); 8080 TCP and HTTP; 8404 TCP (MTLS); 49152-57500 Various, TCP/UDP; 49152-65535 TCP; 57501-65535 TCP/UDP' | Out-Null
	New-NetFirewallRule -Name 'lyncplan-front-end-UDP' -DisplayName 'lyncplan front-end UDP (fepool.contoso.com)' -Group 'lyncplan' -Direction Inbound -Action Allow -Profile Any -Protocol UDP -LocalPort '1434','49152-65535' -Description '1434 SQL Browser, UDP; 49152-57500 Various, TCP/UDP; 57501-65535 TCP/UDP' | Out-Null
	$applied = $true
}

# Pool pchatpool.contoso.com
if (@('pchat01.contoso.com') -contains $Server) {
	Remove-NetFirewallRule -Group 'lyncplan' -ErrorAction SilentlyContinue
	New-NetFirewallRule -Name 'lyncplan-persistent-chat-TCP' -DisplayName 'lyncplan persistent-chat TCP (pchatpool.contoso.com)' -Group 'lyncplan' -Direction Inbound -Action Allow -Profile Any -Protocol TCP -LocalPort '443','881','5041','49152-57500' -Description '443 Persistent Chat File Transfer Service, TCP (TLS); 881 Persistent Chat Windows Communication Foundation (WCF), TCP (TLS) and TCP (MTLS); 5041 Persistent Chat SIP, TCP (MTLS); 49152-57500 Various, TCP/UDP' | Out-Null
	New-NetFirewallRule -Name 'lyncplan-persistent-chat-UDP' -DisplayName 'lyncplan persistent-chat UDP (pchatpool.contoso.com)' -Group 'lyncplan' -Direction Inbound -Action Allow -Profile Any -Protocol UDP -LocalPort '1434','49152-57500' -Description '1434 SQL Browser, UDP; 49152-57500 Various, TCP/UDP' | Out-Null
	$applied = $true
}

# Pool rp.contoso.com
if (@('rp01.contoso.com') -contains $Server) {
	Remove-NetFirewallRule -Group 'lyncplan' -ErrorAction SilentlyContinue
	New-NetFirewallRule -Name 'lyncplan-reverse-proxy-external-TCP' -DisplayName 'lyncplan reverse-proxy external TCP (rp.contoso.com)' -Group 'lyncplan' -Direction Inbound -Action Allow -Profile Any -Protocol TCP -LocalPort '443' -Description '443 HTTPS' | Out-Null
	$applied = $true
}

if (-not $applied) {
	[Console]::Error.WriteLine('lyncplan: ' + $Server + ' is not a server of this topology; name one with -Server FQDN')
	exit 1
}
Get-NetFirewallRule -Group 'lyncplan' | Format-Table -Property Name, DisplayName, Enabled
