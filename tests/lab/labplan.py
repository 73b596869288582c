#!/usr/bin/env python3
"""labplan.py - what the firewall lab (tests/lab/firewall.sh) sends and what
it expects, read from lyncplan's machine-readable output, never from the
nftables text under test.

  labplan.py plan DIR
    DIR holds flows.json, servers.json, pools.json, lbs.json (the JSON
    format of `flows`, `server list`, `pool list`, `lb list`) and, when the
    program has zones, zones.json (`zone list`). Writes into DIR:
      gateway            the router's own IPv4 address (unused by the plan)
      addrs-ZONE         the addresses the host namespace of ZONE carries
      listen-ZONE        labnet listen's input for that namespace
      probes-ZONE-PART   labnet probe's input, PART flows or drops
      expect             one line per probe: ID, part, source zone,
                         transport, source, destination, port, expected
                         (pass or drop), "local" when both ends are in one
                         zone (the packet never crosses the router), and
                         what is being tested
      untestable         flows that cannot be tested, with the reason
  labplan.py judge DIR LABEL
    Reads DIR/result-* (labnet probe's output under lyncplan's rules),
    prints each failed assertion and the line "firewall lab (LABEL): N
    flows, N passed, N drops verified ...". Then the lab's own test, from
    DIR/accept-all/result-* and DIR/drop-all/result-* (the same probes
    under broken rulesets): under accept-all every drop probe must be seen
    passing, under drop-all every probe of a flow that crosses the router
    must be seen dropped; otherwise the lab could not tell a broken
    firewall from a good one. Exit status 1 when anything failed.

What is tested (tests/lab/firewall.sh says how):
 1. every flow: from each address of its source to each address of its
    destination of the same family, on the first and last port of its
    range, TCP connects and UDP datagrams come back;
 2. drops: from the Internet to every internal address (servers and load
    balancer VIPs) and to every Edge internal interface and internal VIP,
    on every planned port, even where a flow of the plan would allow that
    very packet (none may: such a flow fails here); from every perimeter
    address to every internal address, on every planned port, except
    where a flow of the plan allows that very packet.
A party without addresses (the Internet, or any party when the program has
no zones) stands for its zone: a stand-in address is placed in its zone,
and any address of that zone counts as the party when deciding what a flow
allows. An end named by prefixes (a party that stands for its zone gets the
zone's prefixes from `zone list`; a peer may be a prefix) gets a stand-in
inside each prefix, and any address inside them counts as the end. With
zones in the program, the zones' stand-ins are taken inside their prefixes;
without, from fixed documentation addresses. The first and last port of a
range stand for it: a rule either matches a range or not, and the ends are
where an off-by-one in a range would show.
"""

import ipaddress
import json
import os
import sys

ZONES = ("internet", "perimeter", "internal")
PERIMETER_ROLES = ("edge", "reverse-proxy")
# Stand-ins when the program has no zones: documentation addresses, the
# first not used by the plan.
FALLBACK_STANDINS = {
    "internet": ("203.0.113.200", "2001:db8:ff03::200"),
    "perimeter": ("192.0.2.200", "2001:db8:ff02::200"),
    "internal": ("198.51.100.200", "2001:db8:ff01::200"),
}
GATEWAY_CANDIDATES = ("192.0.2.254", "198.51.100.254", "203.0.113.254")


def rows(path):
    """The rows of a lyncplan JSON table, [] when the file is absent."""
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return json.load(f)["rows"]


def split_list(text):
    return [x.strip() for x in (text or "").split(",") if x.strip()]


def addr(text):
    return ipaddress.ip_address(text)


def end_parts(text):
    """The addresses of one end of a flow, as (hosts, networks): a party
    that stands for its zone, or a peer named by prefixes, has prefixes
    ("192.0.2.0/27, 2001:db8:0:1::/64")."""
    hosts, nets = [], []
    for x in split_list(text):
        if "/" in x:
            nets.append(ipaddress.ip_network(x))
        else:
            hosts.append(addr(x))
    return hosts, nets


def port_ends(text):
    """"5061" or "49152-57500" to the ports that stand for it."""
    lo, _, hi = text.partition("-")
    lo, hi = int(lo), int(hi or lo)
    return sorted({lo, hi})


def port_range(text):
    lo, _, hi = text.partition("-")
    return int(lo), int(hi or lo)


class Plan:
    def __init__(self, d):
        self.flows = rows(os.path.join(d, "flows.json"))
        self.pools = {r["pool"]: r["role"] for r in rows(os.path.join(d, "pools.json"))}
        self.servers = rows(os.path.join(d, "servers.json"))
        self.lbs = rows(os.path.join(d, "lbs.json"))
        self.zone_prefixes = self.read_zones(os.path.join(d, "zones.json"))
        self.errors = []
        self.zone_of = {}
        self.place_addresses()
        self.standins = {}
        for z in ZONES:
            self.standins[z] = self.pick_standins(z)
            for a in self.standins[z]:
                self.zone_of[a] = z
        self.net_standins = {}
        self.place_networks()

    @staticmethod
    def read_zones(path):
        """{zone: [networks]} from `zone list --format json` when the
        program has zones: rows {"zone": NAME, "prefixes": "P, P..."},
        IPv4 and IPv6 prefixes."""
        out = {}
        for r in rows(path):
            if r["zone"] not in ZONES:
                raise ValueError(f"zone list: unknown zone {r['zone']!r}")
            out[r["zone"]] = [ipaddress.ip_network(p) for p in split_list(r["prefixes"])]
        return out

    def pool_of(self, end):
        """The pool an end of a flow belongs to, None for a party."""
        for pool in self.pools:
            if end == pool or end.startswith(pool + " "):
                return pool
        return None

    def note_zone(self, a, zone, why):
        a = addr(str(a))
        for z, nets in self.zone_prefixes.items():
            if any(a in n for n in nets) and z != zone:
                self.errors.append(f"{a} ({why}) is in zone {zone} but inside a prefix of {z}")
        old = self.zone_of.get(a)
        if old and old != zone:
            self.errors.append(f"{a} ({why}) is in zone {zone} and in zone {old}")
        self.zone_of.setdefault(a, zone)

    def place_addresses(self):
        """Each address into its zone: the flows' directions say it first
        ("internal to perimeter"); a server or VIP in no flow goes by its
        pool's role (Edge and reverse proxy in the perimeter)."""
        for f in self.flows:
            src, _, dst = f["direction"].partition(" to ")
            if src not in ZONES or dst not in ZONES:
                self.errors.append(f"flow {f['from']} -> {f['to']}: direction "
                                   f"{f['direction']!r} names no known zones")
                continue
            for a in end_parts(f["from_addresses"])[0]:
                self.note_zone(a, src, f["from"])
            for a in end_parts(f["to_addresses"])[0]:
                self.note_zone(a, dst, f["to"])
        for s in self.servers:
            if s.get("address"):
                role = self.pools.get(s["pool"], "")
                zone = "perimeter" if role in PERIMETER_ROLES else "internal"
                if addr(s["address"]) not in self.zone_of:
                    self.note_zone(s["address"], zone, s["server"])
        for lb in self.lbs:
            roles = {self.pools.get(p, "") for p in split_list(lb["pools"])}
            zone = "perimeter" if roles & set(PERIMETER_ROLES) else "internal"
            if addr(lb["vip"]) not in self.zone_of:
                self.note_zone(lb["vip"], zone, lb["load-balancer"])

    def place_networks(self):
        """A stand-in inside each prefix a flow's end names (a party that
        stands for its zone: each of the zone's prefixes), in the zone of
        the flow's direction: the zone's own stand-in when it is inside,
        else the first free address from the top of the prefix down."""
        for f in self.flows:
            src, _, dst = f["direction"].partition(" to ")
            for text, zone in ((f["from_addresses"], src), (f["to_addresses"], dst)):
                for n in end_parts(text)[1]:
                    if n in self.net_standins:
                        continue
                    a = next((s for s in self.standins.get(zone, ()) if s in n), None)
                    cands = (n.network_address + k
                             for k in range(min(n.num_addresses, 4096) - 2, 0, -1))
                    a = a or next((c for c in cands if c not in self.zone_of), None)
                    if n.num_addresses <= 2:
                        a = a or next((c for c in n if c not in self.zone_of), None)
                    if a is None:
                        self.errors.append(f"no free address for a stand-in inside {n}")
                        continue
                    self.note_zone(a, zone, f"stand-in inside {n}")
                    self.net_standins[n] = a

    def name_of(self, a):
        """What an address stands for, for the report."""
        for z, pair in self.standins.items():
            if a in pair:
                return f"{z} stand-in"
        for n, s in self.net_standins.items():
            if a == s:
                return f"stand-in inside {n}"
        for s in self.servers:
            if s.get("address") and addr(s["address"]) == a:
                return s["server"]
        for lb in self.lbs:
            if addr(lb["vip"]) == a:
                return f"{lb['load-balancer']} VIP"
        for f in self.flows:
            for name, text in ((f["from"], f["from_addresses"]), (f["to"], f["to_addresses"])):
                if a in end_parts(text)[0]:
                    return name
        return str(a)

    def pick_standins(self, zone):
        """One IPv4 and one IPv6 address inside the zone the plan does not
        use: inside the zone's prefixes when the program has zones, never
        inside another zone's. With zones, none in a family the internal or
        perimeter zone has no prefix of: the firewall would take it for the
        Internet."""
        others = [n for z, nets in self.zone_prefixes.items() if z != zone for n in nets]

        def free(a):
            return a not in self.zone_of and not any(a in n for n in others)

        out = []
        for version, fallback in zip((4, 6), FALLBACK_STANDINS[zone]):
            nets = [n for n in self.zone_prefixes.get(zone, []) if n.version == version]
            if self.zone_prefixes and zone != "internet" and not nets:
                continue
            # From the top of each prefix down, a few thousand at most.
            cands = (n.network_address + k for n in nets
                     for k in range(min(n.num_addresses, 4096) - 2, 0, -1))
            pick = next((a for a in cands if free(a)), None)
            # Else down from the zone's fixed address, then the other
            # documentation ranges: never outside them.
            starts = [addr(fallback)] + [addr(f[version == 6]) for z, f in
                                         FALLBACK_STANDINS.items() if z != zone]
            cands = (a - k for a in starts for k in range(0, 200))
            pick = pick or next((a for a in cands if free(a)), None)
            if pick is None:
                self.errors.append(f"no free IPv{version} address for a stand-in in {zone}")
            else:
                out.append(pick)
        return tuple(out)

    def end_addresses(self, name, text, zone):
        """(addresses, why-not) of one end of a flow: its own addresses and
        a stand-in inside each of its prefixes, or for a party without
        addresses its zone's stand-ins."""
        hosts, nets = end_parts(text)
        own = hosts + [self.net_standins[n] for n in nets if n in self.net_standins]
        if hosts or nets:
            return own, None
        if self.pool_of(name) is None:
            return list(self.standins[zone]), None
        return [], f"{name} has no address in the plan"

    def rules(self):
        """Each flow as what it allows: (proto, lo, hi, source, destination),
        an end being a set of addresses or, for a party without addresses,
        the name of its zone."""
        out = []
        for f in self.flows:
            zsrc, _, zdst = f["direction"].partition(" to ")
            ends = []
            for name, text, zone in ((f["from"], f["from_addresses"], zsrc),
                                     (f["to"], f["to_addresses"], zdst)):
                hosts, nets = end_parts(text)
                ends.append((set(hosts), nets) if hosts or nets or self.pool_of(name) else zone)
            for proto in ("tcp", "udp"):
                if proto + "Ports" in f:
                    out.append((proto, *port_range(f[proto + "Ports"]), *ends))
        return out

    def allows(self, rules, s, d, proto, port):
        """Whether a flow allows the packet: its ends hold s and d (an
        address of the end, inside one of its prefixes, or for a party
        without addresses any address of its zone), its range the port."""
        def holds(end, a):
            if isinstance(end, str):
                return self.zone_of.get(a) == end
            hosts, nets = end
            return a in hosts or any(a in n for n in nets)

        return any(p == proto and lo <= port <= hi and holds(src, s) and holds(dst, d)
                   for p, lo, hi, src, dst in rules)

    def planned_ports(self):
        out = {"tcp": set(), "udp": set()}
        for f in self.flows:
            for proto in out:
                if proto + "Ports" in f:
                    out[proto].update(port_ends(f[proto + "Ports"]))
        return {k: sorted(v) for k, v in out.items()}

    def edge_internal(self):
        """Addresses of the Edge Servers' internal side: of flow ends named
        so (internal interface, internal VIP), and of the servers of Edge
        pools in the perimeter that no flow names as another interface."""
        out, other = set(), set()
        for f in self.flows:
            for name, text in ((f["from"], f["from_addresses"]), (f["to"], f["to_addresses"])):
                pool = self.pool_of(name)
                if pool and self.pools.get(pool) == "edge":
                    internal = name.endswith((" internal interface", " internal VIP"))
                    target = out if internal else other
                    target.update(end_parts(text)[0])
        for s in self.servers:
            if s.get("address") and self.pools.get(s["pool"]) == "edge":
                a = addr(s["address"])
                if a not in other and self.zone_of.get(a) == "perimeter":
                    out.add(a)
        return sorted(out, key=lambda a: (a.version, a))


class Probes:
    """The probes of the lab, by source zone and part, and what each
    expects."""

    def __init__(self, plan):
        self.plan = plan
        self.lines = {(z, part): [] for z in ZONES for part in ("flows", "drops")}
        self.expect = []
        self.untestable = []

    def add(self, part, pid, proto, s, d, port, want, what):
        zs = self.plan.zone_of[s]
        where = "local" if zs == self.plan.zone_of[d] else "routed"
        self.lines[(zs, part)].append(f"{pid} {proto} {s} {d} {port}\n")
        self.expect.append("\t".join((pid, part, zs, proto, str(s), str(d), str(port), want,
                                      where, what)) + "\n")

    def flow(self, i, f):
        """Part 1: flow f, from each source address to each destination
        address of its family, first and last port."""
        plan = self.plan
        what = f"{f['from']} -> {f['to']}"
        zsrc, _, zdst = f["direction"].partition(" to ")
        srcs, why_s = plan.end_addresses(f["from"], f["from_addresses"], zsrc)
        dsts, why_d = plan.end_addresses(f["to"], f["to_addresses"], zdst)
        # Stand-ins only in the families the other end has, when that end
        # has addresses of its own.
        src_hosts, dst_hosts = end_parts(f["from_addresses"])[0], end_parts(f["to_addresses"])[0]
        if not src_hosts and dst_hosts:
            srcs = [a for a in srcs if a.version in {d.version for d in dsts}]
        if not dst_hosts and src_hosts:
            dsts = [a for a in dsts if a.version in {s.version for s in srcs}]
        protos = [p for p in ("tcp", "udp") if p + "Ports" in f]
        why = why_s or why_d or (None if protos else f"ports {f['ports']!r} not understood")
        n = 0
        for d in dsts if not why else []:
            fam = [s for s in srcs if s.version == d.version]
            if not fam:
                why = f"{f['from']} has no IPv{d.version} address for {d}"
                break
            for s in fam:
                for proto in protos:
                    for port in port_ends(f[proto + "Ports"]):
                        self.add("flows", f"f{i}.{n}", proto, s, d, port, "pass", what)
                        n += 1
        if why:
            self.untestable.append(f"f{i}\t{what} {f['transport']} {f['ports']}\t{why}\n")

    def drops(self, by_zone, ports):
        """Part 2: Internet to internal and Edge internal, every planned
        port, even where a flow of the plan would allow it (no flow may);
        perimeter to internal, every planned port, but what a flow
        allows."""
        plan = self.plan
        internal = by_zone["internal"]
        pairs = [(s, d, True) for s in by_zone["internet"]
                 for d in internal + plan.edge_internal()]
        pairs += [(s, d, False) for s in by_zone["perimeter"] for d in internal]
        rules = plan.rules()
        n = 0
        for s, d, never in pairs:
            for proto in ("tcp", "udp"):
                for port in ports[proto] if s.version == d.version else []:
                    allowed = plan.allows(rules, s, d, proto, port)
                    if never or not allowed:
                        self.add("drops", f"d{n}", proto, s, d, port, "drop",
                                 f"{plan.name_of(s)} -> {plan.name_of(d)} "
                                 f"({plan.zone_of[s]} to {plan.zone_of[d]}"
                                 f"{', a flow of the plan allows it' if allowed else ''})")
                        n += 1

    def write(self, d):
        for (z, part), lines in self.lines.items():
            write_lines(os.path.join(d, f"probes-{z}-{part}"), lines)
        write_lines(os.path.join(d, "expect"), self.expect)
        write_lines(os.path.join(d, "untestable"), self.untestable)


def write_lines(path, lines):
    with open(path, "w", encoding="utf-8") as f:
        f.writelines(lines)


def write_plan(d):
    plan = Plan(d)
    for e in plan.errors:
        print(f"lab error: {e}", file=sys.stderr)
    if plan.errors:
        return 2
    used = set(plan.zone_of)
    gateway = next((g for g in GATEWAY_CANDIDATES if addr(g) not in used), None)
    if gateway is None:
        print("lab error: no free address for the router", file=sys.stderr)
        return 2
    write_lines(os.path.join(d, "gateway"), [gateway + "\n"])
    ports = plan.planned_ports()
    by_zone = {z: sorted((a for a, az in plan.zone_of.items() if az == z),
                         key=lambda a: (a.version, a)) for z in ZONES}
    for z in ZONES:
        write_lines(os.path.join(d, f"addrs-{z}"), [f"{a}\n" for a in by_zone[z]])
        write_lines(os.path.join(d, f"listen-{z}"),
                    [f"tcp {p}\n" for p in ports["tcp"]] +
                    [f"udp {a} {p}\n" for a in by_zone[z] for p in ports["udp"]])
    probes = Probes(plan)
    for i, f in enumerate(plan.flows):
        probes.flow(i, f)
    probes.drops(by_zone, ports)
    probes.write(d)
    return 0


def load_results(d):
    """labnet probe's results in d, by probe id."""
    results = {}
    for name in os.listdir(d):
        if name.startswith("result-"):
            with open(os.path.join(d, name), encoding="utf-8") as f:
                for line in f:
                    pid, _, result = line.strip().partition(" ")
                    results[pid] = result
    return results


def load(d):
    """The expectations and the untestable flows, as lists of fields."""
    out = []
    for name in ("expect", "untestable"):
        with open(os.path.join(d, name), encoding="utf-8") as f:
            out.append([line.rstrip("\n").split("\t") for line in f])
    return out


def blocked(result):
    """Whether the packet was stopped on the way: nothing came back, or an
    ICMP error from the router (a reject). Anything else, even a reset or
    port unreachable from the destination, means it went through."""
    return result in ("timeout", "unreachable")


def report(d, label, expect, untestable):
    """Each failed assertion and the counts; 1 when anything failed."""
    results = load_results(d)
    if not results:
        print(f"FAIL: {label}: no probe results")
        return 1
    flows = {}
    failed = drops = verified = 0
    for pid, part, _zs, proto, s, dst, port, want, where, what in expect:
        got = results.get(pid, "missing")
        if part == "flows":
            flow = pid.split(".")[0]
            ok = got == "open"
            flows.setdefault(flow, [what, True, where == "local"])
            flows[flow][1] &= ok
            flows[flow][2] &= where == "local"
        else:
            drops += 1
            ok = blocked(got)
            verified += ok
        if not ok:
            failed += 1
            print(f"FAIL: {label}: {what}: {proto.upper()} {s} -> {dst} port {port}: "
                  f"expected {want}, observed {got}")
    for flow, what, why in untestable:
        print(f"FAIL: {label}: {what}: not testable: {why}")
        flows[flow] = [what, False, False]
    nflows = len(flows)
    npassed = sum(1 for v in flows.values() if v[1])
    local = sum(1 for v in flows.values() if v[2])
    print(f"firewall lab ({label}): {nflows} flows, {npassed} passed, {verified} drops verified"
          f" of {drops} ({local} flows within one zone do not cross the router;"
          f" {len(untestable)} not testable)")
    return 1 if failed or untestable else 0


def selftest(d, label, ruleset, expect):
    """Whether the lab saw the broken ruleset fail: 1 when it did not."""
    results = load_results(os.path.join(d, ruleset))
    if ruleset == "accept-all":
        checked = [e for e in expect if e[1] == "drops"]
        caught = [e for e in checked if not blocked(results.get(e[0], "missing"))]
        what = "drop probes seen passing"
    else:
        checked = [e for e in expect if e[1] == "flows" and e[8] == "routed"]
        caught = [e for e in checked if blocked(results.get(e[0], "missing"))]
        what = "routed flow probes seen dropped"
    ok = checked and len(caught) == len(checked)
    print(f"firewall lab self-test ({label}, {ruleset} ruleset): {len(caught)} of "
          f"{len(checked)} {what}{'' if ok else ': the lab cannot tell'}")
    return 0 if ok else 1


def judge(d, label):
    """The rules' report, then the lab's own test: 0 when all passed."""
    expect, untestable = load(d)
    status = report(d, label, expect, untestable)
    for ruleset in ("accept-all", "drop-all"):
        status |= selftest(d, label, ruleset, expect)
    return status


def main(argv):
    if len(argv) == 3 and argv[1] == "plan":
        return write_plan(argv[2])
    if len(argv) == 4 and argv[1] == "judge":
        return judge(argv[2], argv[3])
    print("usage: labplan.py plan DIR | judge DIR LABEL", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
