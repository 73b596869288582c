/* fmtutil.c - text helpers the export formats share. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "export.h"
#include "fmtutil.h"

size_t fmt_utf8_len(const unsigned char *s)
{
	uint32_t cp;

	return lp_utf8_decode(s, &cp);
}

bool fmt_put_unsafe(FILE *out, const unsigned char *s)
{
	char one[LP_ESCAPED_MAX];
	uint32_t cp;

	if (lp_utf8_decode(s, &cp) < 2 || cp <= 0x9f || !lp_char_unsafe(cp))
		return false;
	lp_escape_char(s, one);
	fputs(one, out);
	return true;
}

char *fmt_ascii_only(const char *s, const char *keep, char repl)
{
	const unsigned char *p = (const unsigned char *)s;
	char *out = malloc(strlen(s) + 1), *o = out;

	if (!out)
		return NULL;
	while (*p) {
		size_t n = fmt_utf8_len(p);

		if (n == 1 && ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			       (*p >= '0' && *p <= '9') || strchr(keep, *p)))
			*o++ = (char)*p;
		else
			*o++ = repl;
		p += n ? n : 1;
	}
	*o = '\0';
	return out;
}

enum lp_status fmt_generated(char buf[32], struct lp_error *err)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	time_t t = time(NULL);
	struct tm tm;

	if (sde && *sde) {
		char *end;
		long long v;

		errno = 0;
		v = strtoll(sde, &end, 10);
		if (errno || *end || v < 0 || sde[0] < '0' || sde[0] > '9' ||
		    (long long)(time_t)v != v)
			return lp_fail(err, LP_EUSAGE,
				       "SOURCE_DATE_EPOCH must be a number of seconds, not '%.40s'", sde);
		t = (time_t)v;
	}
	if (!gmtime_r(&t, &tm) || strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		return lp_fail(err, LP_EUSAGE, "SOURCE_DATE_EPOCH is out of range");
	return LP_OK;
}

const char *const fmt_windows_note[] = {
	"",
	"Lync Server 2013 opens the Windows Firewall ports its services need by",
	"itself when they start (Windows Firewall must be running). This script",
	"hardens those rules or re-creates them; the rules for the network firewalls",
	"in front of the servers (the ports table, or --format nft) are the main",
	"deliverable.",
	NULL
};

void fmt_comment_lines(FILE *out, const char *prefix, const char *eol,
		       const char *const *lines)
{
	int bare = (int)strlen(prefix);

	/* An empty line gets the prefix without its trailing blanks. */
	while (bare > 0 && prefix[bare - 1] == ' ')
		bare--;
	for (; *lines; lines++)
		fprintf(out, "%.*s%s%s", (*lines)[0] ? (int)strlen(prefix) : bare, prefix,
			*lines, eol);
}

enum lp_status fmt_script_header(FILE *out, const char *prefix, const char *eol,
				 const char *about, const char *topology,
				 struct lp_error *err)
{
	char when[32], *topo;
	enum lp_status s;

	if ((s = fmt_generated(when, err)) != LP_OK)
		return s;
	if (!(topo = fmt_ascii_only(topology, FMT_COMMENT_KEEP, '?')))
		return lp_fail(err, LP_EIO, "out of memory");
	fprintf(out, "%s%s%s", prefix, about, eol);
	fprintf(out, "%sTopology %s, generated %s by " PACKAGE_NAME " " PACKAGE_VERSION ".%s",
		prefix, topo[0] ? topo : "(unnamed)", when, eol);
	free(topo);
	return LP_OK;
}

enum lp_status fmt_bad_cell(struct lp_error *err, long row, const char *cell, const char *rule)
{
	char *safe = export_escape_terminal(cell);
	size_t n;

	if (!safe)
		return lp_fail(err, LP_EINPUT, "row %ld: %s", row, rule);
	/* At most 40 bytes, cut between characters. */
	for (n = strlen(safe) > 40 ? 40 : strlen(safe); n > 0 && (safe[n] & 0xc0) == 0x80; n--)
		;
	lp_fail(err, LP_EINPUT, "row %ld: '%.*s%s' %s", row, (int)n, safe,
		safe[n] ? "..." : "", rule);
	free(safe);
	return LP_EINPUT;
}
