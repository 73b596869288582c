#!/usr/bin/env python3
"""fwsets.py - the rules of a flows script as a set of tuples.

Usage: fwsets.py nft|ps1|netsh FILE

Reads a script of `lyncplan flows --format nft|ps1|netsh` and prints what
it accepts, one "SOURCE DESTINATION TRANSPORT PORTS" line per tuple,
sorted, so that the three scripts of one topology can be compared line by
line. Normalized so that the same traffic reads the same in each syntax:

- zone variables and parameters ($internal_v4, != { $internal_v4,
  $perimeter_v4 }, $InternalZone, %LP_INTERNET_ZONE%) are replaced by
  their values; a negation by the addresses of its family outside them;
- an address set is merged into ranges, each written as an address, a
  prefix ADDRESS/LENGTH when it is one, or FIRST-LAST; "any" stays "any";
- a source and a destination of different families are no packet: the
  Windows scripts give both families in one rule, nft one rule per family;
- the ports of one (source, destination, transport) are merged into ranges.

A rule toward a zone (nft's daddr $internal_v4 or != {...}) is left out:
the Windows scripts set inbound rules on the destination's computers, and
a zone is none. A line that looks like a rule and does not parse stops the
script with exit 2, so that a change of syntax is not read as no rule.
"""

import ipaddress
import re
import sys

ANY = "any"
MAX = {4: 2**32 - 1, 6: 2**128 - 1}


class ParseError(Exception):
    pass


def interval(item):
    """(family, first, last) of an address, prefix or FIRST-LAST range."""
    item = item.strip()
    try:
        if "-" in item:
            a, b = (ipaddress.ip_address(x) for x in item.split("-", 1))
            if a.version != b.version or int(a) > int(b):
                raise ValueError(item)
            return (a.version, int(a), int(b))
        net = ipaddress.ip_network(item, strict=True)
        return (net.version, int(net.network_address), int(net.broadcast_address))
    except ValueError as e:
        raise ParseError("not an address, prefix or range: %r" % item) from e


def merge(intervals):
    """Sorted, merged (family, first, last) where they overlap or touch."""
    out = []
    for fam, lo, hi in sorted(intervals):
        if out and out[-1][0] == fam and lo <= out[-1][2] + 1:
            out[-1] = (fam, out[-1][1], max(out[-1][2], hi))
        else:
            out.append((fam, lo, hi))
    return out


def complement(intervals, fam):
    """The addresses of family fam outside intervals."""
    out, nxt = [], 0
    for f, lo, hi in merge(intervals):
        if f != fam:
            continue
        if lo > nxt:
            out.append((fam, nxt, lo - 1))
        nxt = hi + 1
    if nxt <= MAX[fam]:
        out.append((fam, nxt, MAX[fam]))
    return out


def show(iv):
    """An interval as an address, a prefix or FIRST-LAST."""
    if iv == ANY:
        return ANY
    fam, lo, hi = iv
    addr = ipaddress.IPv4Address if fam == 4 else ipaddress.IPv6Address
    if lo == hi:
        return str(addr(lo))
    size = hi - lo + 1
    if size & (size - 1) == 0 and lo % size == 0:
        bits = (32 if fam == 4 else 128) - (size.bit_length() - 1)
        return "%s/%d" % (addr(lo), bits)
    return "%s-%s" % (addr(lo), addr(hi))


def addresses(items):
    """The merged intervals of a list of items, or [ANY]."""
    items = [i.strip() for i in items if i.strip()]
    if not items:
        raise ParseError("an empty address list")
    if any(i.lower() == ANY for i in items):
        if len(items) != 1:
            raise ParseError("'any' beside addresses: %r" % items)
        return [ANY]
    return merge(interval(i) for i in items)


def ports(text, sep):
    """(first, last) of each item of "443,5061-5062"."""
    out = []
    for item in text.split(sep):
        m = re.fullmatch(r"\s*(\d+)(?:-(\d+))?\s*", item)
        if not m:
            raise ParseError("not a port or range: %r" % item)
        lo = int(m.group(1))
        out.append((lo, int(m.group(2) or lo)))
    return out


class Rules:
    """What the rules accept: ports by (source, destination, transport)."""

    def __init__(self):
        self.by_ends = {}

    def add(self, src, dst, transport, port_ranges):
        for s in src:
            for d in dst:
                if s != ANY and d != ANY and s[0] != d[0]:
                    continue
                key = (show(s), show(d), transport.lower())
                self.by_ends.setdefault(key, []).extend(port_ranges)

    def lines(self):
        out = []
        for (s, d, t), rs in self.by_ends.items():
            for _, lo, hi in merge((0, a, b) for a, b in rs):
                out.append("%s %s %s %s" % (s, d, t, lo if lo == hi else "%d-%d" % (lo, hi)))
        return sorted(out)


# ---- nft ----

NFT_SET = r"(?:\{[^}]*\}|\$\w+)"
NFT_MATCH = r"(ip6?) (saddr|daddr) (!= )?(%s) " % NFT_SET
NFT_RULE = re.compile(r"(?:%s)?%s(tcp|udp) dport \{ ([^}]*) \} accept"
                      % (NFT_MATCH, NFT_MATCH))


def nft_items(text, defines):
    """The items of "{ a, $v }" or "$v", variables replaced."""
    text = text.strip()
    if text.startswith("{"):
        text = text[1:-1]
    out = []
    for item in (i.strip() for i in text.split(",")):
        if item.startswith("$"):
            if item[1:] not in defines:
                raise ParseError("undefined variable %s" % item)
            out.extend(defines[item[1:]])
        else:
            out.append(item)
    return out


def nft_end(groups, defines):
    """(intervals, is a zone) of one "ip saddr ..." match."""
    fam = 4 if groups[0] == "ip" else 6
    items = nft_items(groups[3], defines)
    ivs = addresses(items)
    if groups[2]:
        return complement(ivs, fam), True
    return ivs, "$" in groups[3]


def parse_nft(lines):
    defines, rules = {}, Rules()
    for line in lines:
        line = line.strip()
        m = re.fullmatch(r"define (\w+) = (\{[^}]*\})", line)
        if m:
            defines[m.group(1)] = nft_items(m.group(2), defines)
            continue
        if not line.endswith(" accept") or line.startswith(("ct ", "meta ")):
            continue
        m = NFT_RULE.fullmatch(line)
        if not m:
            raise ParseError("an nft rule that does not parse: %r" % line)
        g = m.groups()
        if g[1] not in (None, "saddr") or g[5] != "daddr":
            raise ParseError("an nft rule without its daddr last: %r" % line)
        src = nft_end(g[0:4], defines)[0] if g[0] else [ANY]
        dst, zone = nft_end(g[4:8], defines)
        if not zone:
            rules.add(src, dst, g[8], ports(g[9], ","))
    return rules


# ---- ps1 ----

PS1_RULE = re.compile(r"New-NetFirewallRule .* -Group 'lyncplan-flows' .* -Protocol (TCP|UDP)"
                      r" -LocalAddress (.*) -LocalPort '([^']*(?:','[^']*)*)'"
                      r" -RemoteAddress (.*) -Description ")


def ps1_items(text, params):
    """The items of "'a','b'" or "$Param"."""
    text = text.strip()
    if text.startswith("$"):
        if text[1:] not in params:
            raise ParseError("unknown parameter %s" % text)
        return params[text[1:]]
    if not re.fullmatch(r"'[^']*'(?:,'[^']*')*", text):
        raise ParseError("not a list of addresses: %r" % text)
    return [i.strip("'") for i in text.split(",")]


def parse_ps1(lines):
    params, rules = {}, Rules()
    for line in lines:
        m = re.match(r"\s*\[string\[\]\]\$(\w+) = @\((.*)\),?\s*$", line)
        if m:
            params[m.group(1)] = ps1_items(m.group(2), {}) if m.group(2) else []
            continue
        if "New-NetFirewallRule" not in line:
            continue
        m = PS1_RULE.search(line)
        if not m:
            raise ParseError("a ps1 rule that does not parse: %r" % line)
        dst = addresses(ps1_items(m.group(2), params))
        src = addresses(ps1_items(m.group(4), params))
        rules.add(src, dst, m.group(1), ports(m.group(3), "','"))
    return rules


# ---- netsh ----

NETSH_RULE = re.compile(r'netsh advfirewall firewall add rule name="[^"]*" dir=in action=allow'
                        r" protocol=(TCP|UDP) localip=(\S+) localport=(\S+) remoteip=(\S+)"
                        r' description="[^"]*"')


def netsh_items(text, variables):
    """The items of "a,b" or "%VARIABLE%"."""
    m = re.fullmatch(r"%(\w+)%", text)
    if m:
        if m.group(1) not in variables:
            raise ParseError("unset variable %s" % text)
        text = variables[m.group(1)]
    return text.split(",")


def parse_netsh(lines):
    variables, rules = {}, Rules()
    for line in lines:
        line = line.strip()
        m = re.fullmatch(r'set "(LP_\w+_ZONE)=([^"]*)"', line)
        if m:
            variables[m.group(1)] = m.group(2)
            continue
        if not line.startswith("netsh advfirewall firewall add rule"):
            continue
        m = NETSH_RULE.fullmatch(line)
        if not m:
            raise ParseError("a netsh rule that does not parse: %r" % line)
        dst = addresses(netsh_items(m.group(2), variables))
        src = addresses(netsh_items(m.group(4), variables))
        rules.add(src, dst, m.group(1), ports(m.group(3), ","))
    return rules


def main(argv):
    parsers = {"nft": parse_nft, "ps1": parse_ps1, "netsh": parse_netsh}
    if len(argv) != 3 or argv[1] not in parsers:
        sys.stderr.write("usage: fwsets.py nft|ps1|netsh FILE\n")
        return 2
    with open(argv[2], encoding="utf-8-sig", newline=None) as f:
        try:
            rules = parsers[argv[1]](f.read().splitlines())
        except ParseError as e:
            sys.stderr.write("fwsets.py: %s: %s\n" % (argv[2], e))
            return 2
    for line in rules.lines():
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
