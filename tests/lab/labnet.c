/* labnet.c - the firewall lab's packets (tests/lab/firewall.sh): a
 * listener that answers on many ports at once, and a prober that tries
 * many connections at once and says, for each, what came back.
 *
 *   labnet listen SECONDS < SPECS
 *     SPECS: lines "tcp PORT" (listen on the port of every address, IPv4
 *     and IPv6) and "udp ADDRESS PORT" (echo each datagram back from
 *     ADDRESS). Prints "ready" once every socket is bound, then accepts
 *     and closes connections and echoes datagrams for SECONDS at most.
 *
 *   labnet probe MILLISECONDS < PROBES
 *     PROBES: lines "ID tcp|udp SOURCE DESTINATION PORT". Each probe binds
 *     SOURCE, then connects (TCP) or sends ID as a datagram and waits for
 *     it to come back (UDP). Prints one line "ID RESULT" per probe, RESULT
 *     being "open" (connected, or the datagram came back), "refused" (the
 *     destination answered with a reset or port unreachable: the packet
 *     went through), "unreachable" (an ICMP error from the way: blocked or
 *     no route), "timeout" (nothing within MILLISECONDS: dropped) or
 *     "error:TEXT" (the probe could not be sent). Probes run in parallel,
 *     at most PROBE_WINDOW at once and PROBE_PER_PORT per destination
 *     port, so that a listener's accept queue never overflows (a full
 *     queue drops SYNs, which would read as a firewall drop). Every
 *     probe's wait is bounded, so the whole run is too.
 *
 * Exit status: 0 when every line was handled, 2 on bad usage or input. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define PROBE_WINDOW 1024
#define PROBE_PER_PORT 64
#define LINE_MAX_LEN 256
#define ID_MAX_LEN 64

struct addr {
	struct sockaddr_storage ss;
	socklen_t len;
};

static void die(const char *what)
{
	fprintf(stderr, "labnet: %s\n", what);
	exit(2);
}

/* realloc that ends the program when memory runs out. */
static void *xrealloc(void *p, size_t size)
{
	void *q = realloc(p, size);

	if (!q)
		die("out of memory");
	return q;
}

/* ADDRESS and PORT into a socket address; false when ADDRESS is neither
 * IPv4 nor IPv6 text. */
static bool parse_addr(const char *text, unsigned port, struct addr *a)
{
	struct sockaddr_in *in4 = (struct sockaddr_in *)&a->ss;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&a->ss;

	memset(a, 0, sizeof(*a));
	if (inet_pton(AF_INET, text, &in4->sin_addr) == 1) {
		in4->sin_family = AF_INET;
		in4->sin_port = htons((unsigned short)port);
		a->len = sizeof(*in4);
		return true;
	}
	if (inet_pton(AF_INET6, text, &in6->sin6_addr) == 1) {
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons((unsigned short)port);
		a->len = sizeof(*in6);
		return true;
	}
	return false;
}

static bool parse_port(const char *text, unsigned *port)
{
	char *end;
	unsigned long v = strtoul(text, &end, 10);

	if (*text == '\0' || *end != '\0' || v == 0 || v > 65535)
		return false;
	*port = (unsigned)v;
	return true;
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* As many descriptors as the hard limit allows: a lab opens thousands. */
static void raise_fd_limit(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
}

static int bound_socket(int family, int type, const struct addr *a)
{
	int fd = socket(family, type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0), one = 1;

	if (fd < 0)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (family == AF_INET6)
		setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one));
	if (bind(fd, (const struct sockaddr *)&a->ss, a->len) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* ---- listen ---- */

struct fds {
	struct pollfd *v;
	bool *tcp;
	size_t n, cap;
};

static void fds_add(struct fds *f, int fd, bool tcp)
{
	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 64;
		f->v = xrealloc(f->v, f->cap * sizeof(*f->v));
		f->tcp = xrealloc(f->tcp, f->cap * sizeof(*f->tcp));
	}
	f->v[f->n].fd = fd;
	f->v[f->n].events = POLLIN;
	f->tcp[f->n++] = tcp;
}

static void listen_tcp(struct fds *f, unsigned port)
{
	static const char *const any[] = { "0.0.0.0", "::" };
	size_t i;

	for (i = 0; i < 2; i++) {
		struct addr a;
		int fd;

		parse_addr(any[i], port, &a);
		fd = bound_socket(a.ss.ss_family, SOCK_STREAM, &a);
		if (fd < 0 || listen(fd, SOMAXCONN) < 0) {
			fprintf(stderr, "labnet: tcp %s port %u: %s\n", any[i], port, strerror(errno));
			exit(2);
		}
		fds_add(f, fd, true);
	}
}

static void listen_udp(struct fds *f, const char *address, unsigned port)
{
	struct addr a;
	int fd;

	if (!parse_addr(address, port, &a))
		die("udp: not an address");
	fd = bound_socket(a.ss.ss_family, SOCK_DGRAM, &a);
	if (fd < 0) {
		fprintf(stderr, "labnet: udp %s port %u: %s\n", address, port, strerror(errno));
		exit(2);
	}
	fds_add(f, fd, false);
}

static void serve(const struct fds *f, size_t i)
{
	if (f->tcp[i]) {
		int c;

		while ((c = accept4(f->v[i].fd, NULL, NULL, SOCK_CLOEXEC)) >= 0)
			close(c);
	} else {
		char buf[512];
		struct sockaddr_storage from;
		socklen_t len = sizeof(from);
		ssize_t n;

		while ((n = recvfrom(f->v[i].fd, buf, sizeof(buf), 0, (struct sockaddr *)&from,
				     &len)) >= 0) {
			sendto(f->v[i].fd, buf, (size_t)n, 0, (struct sockaddr *)&from, len);
			len = sizeof(from);
		}
	}
}

static int do_listen(long seconds)
{
	struct fds f = { 0 };
	char line[LINE_MAX_LEN];
	long long end;

	while (fgets(line, sizeof(line), stdin)) {
		char kind[8], address[INET6_ADDRSTRLEN + 1], port_text[8];
		unsigned port;

		if (sscanf(line, "tcp %7s", port_text) == 1 && parse_port(port_text, &port))
			listen_tcp(&f, port);
		else if (sscanf(line, "%7s %46s %7s", kind, address, port_text) == 3 &&
			 strcmp(kind, "udp") == 0 && parse_port(port_text, &port))
			listen_udp(&f, address, port);
		else
			die("listen: lines are \"tcp PORT\" or \"udp ADDRESS PORT\"");
	}
	printf("ready\n");
	fflush(stdout);
	end = now_ms() + seconds * 1000;
	while (now_ms() < end) {
		size_t i;
		int n = poll(f.v, f.n, 200);

		for (i = 0; n > 0 && i < f.n; i++)
			if (f.v[i].revents)
				serve(&f, i);
	}
	free(f.v);
	free(f.tcp);
	return 0;
}

/* ---- probe ---- */

struct probe {
	char id[ID_MAX_LEN];
	bool tcp;
	struct addr src, dst;
	unsigned port;
	int fd;
	long long deadline;
	const char *result; /* NULL until known */
	int err;            /* errno of an "error:" result */
};

static void probe_parse(const char *line, struct probe *p)
{
	char proto[8], src[INET6_ADDRSTRLEN + 1], dst[INET6_ADDRSTRLEN + 1], port_text[8];

	memset(p, 0, sizeof(*p));
	p->fd = -1;
	if (sscanf(line, "%63s %7s %46s %46s %7s", p->id, proto, src, dst, port_text) != 5 ||
	    (strcmp(proto, "tcp") != 0 && strcmp(proto, "udp") != 0) ||
	    !parse_port(port_text, &p->port) || !parse_addr(src, 0, &p->src) ||
	    !parse_addr(dst, p->port, &p->dst) || p->src.ss.ss_family != p->dst.ss.ss_family)
		die("probe: lines are \"ID tcp|udp SOURCE DESTINATION PORT\", one family");
	p->tcp = strcmp(proto, "tcp") == 0;
}

/* The result of a probe that failed with errno e. */
static void probe_fail(struct probe *p, int e)
{
	switch (e) {
	case ECONNREFUSED:
		p->result = "refused";
		break;
	case EHOSTUNREACH:
	case ENETUNREACH:
	case EACCES:
	case EPERM:
		p->result = "unreachable";
		break;
	case ETIMEDOUT:
		p->result = "timeout";
		break;
	default:
		p->result = "error";
		p->err = e;
	}
}

static void probe_start(struct probe *p, long long deadline)
{
	p->deadline = deadline;
	p->fd = bound_socket(p->src.ss.ss_family, p->tcp ? SOCK_STREAM : SOCK_DGRAM, &p->src);
	if (p->fd < 0 || (connect(p->fd, (struct sockaddr *)&p->dst.ss, p->dst.len) < 0 &&
			  errno != EINPROGRESS) ||
	    (!p->tcp && send(p->fd, p->id, strlen(p->id), 0) < 0))
		probe_fail(p, errno);
}

static void probe_event(struct probe *p)
{
	if (p->tcp) {
		int e = 0;
		socklen_t len = sizeof(e);

		getsockopt(p->fd, SOL_SOCKET, SO_ERROR, &e, &len);
		if (e)
			probe_fail(p, e);
		else
			p->result = "open";
	} else {
		char buf[ID_MAX_LEN + 1];
		ssize_t n = recv(p->fd, buf, sizeof(buf) - 1, 0);

		if (n < 0 && errno != EAGAIN)
			probe_fail(p, errno);
		else if ((size_t)n == strlen(p->id) && memcmp(buf, p->id, (size_t)n) == 0)
			p->result = "open";
	}
}

static int do_probe(long timeout_ms)
{
	static unsigned short per_port[65536]; /* probes in flight by port */
	struct probe *v = NULL;
	struct pollfd *pfd = calloc(PROBE_WINDOW, sizeof(*pfd));
	size_t *slot = calloc(PROBE_WINDOW, sizeof(*slot));
	size_t n = 0, cap = 0, next = 0, i;
	char line[LINE_MAX_LEN];

	if (!pfd || !slot)
		die("out of memory");
	while (fgets(line, sizeof(line), stdin)) {
		if (n == cap) {
			cap = cap ? cap * 2 : 256;
			v = xrealloc(v, cap * sizeof(*v));
		}
		probe_parse(line, &v[n++]);
	}
	while (next < n) {
		size_t active = 0;
		long long now = now_ms(), wait = timeout_ms;

		/* Start what the window allows, in order, passing over probes
		 * whose port is at its limit for now. */
		for (i = next; i < n && active < PROBE_WINDOW; i++) {
			struct probe *p = &v[i];

			if (p->fd == -1 && !p->result && per_port[p->port] < PROBE_PER_PORT) {
				probe_start(p, now + timeout_ms);
				if (p->fd >= 0)
					per_port[p->port]++;
			}
			if (p->fd >= 0 && !p->result) {
				pfd[active].fd = p->fd;
				pfd[active].events = p->tcp ? POLLOUT : POLLIN;
				slot[active++] = i;
				if (p->deadline - now < wait)
					wait = p->deadline - now;
			}
		}
		if (active)
			poll(pfd, active, (int)(wait > 0 ? wait : 0));
		now = now_ms();
		for (i = 0; i < active; i++) {
			struct probe *p = &v[slot[i]];

			if (pfd[i].revents)
				probe_event(p);
			if (!p->result && now >= p->deadline)
				p->result = "timeout";
		}
		for (i = next; i < n; i++)
			if (v[i].result && v[i].fd >= 0) {
				close(v[i].fd);
				per_port[v[i].port]--;
				v[i].fd = -2; /* closed, never started again */
			}
		while (next < n && v[next].result)
			next++;
	}
	for (i = 0; i < n; i++)
		if (v[i].err)
			printf("%s error:%s\n", v[i].id, strerror(v[i].err));
		else
			printf("%s %s\n", v[i].id, v[i].result);
	free(v);
	free(pfd);
	free(slot);
	return 0;
}

int main(int argc, char **argv)
{
	long arg;
	char *end;

	if (argc != 3)
		die("usage: labnet listen SECONDS | labnet probe MILLISECONDS");
	arg = strtol(argv[2], &end, 10);
	if (*argv[2] == '\0' || *end != '\0' || arg <= 0 || arg > 3600000)
		die("usage: SECONDS or MILLISECONDS is a positive number");
	raise_fd_limit();
	if (strcmp(argv[1], "listen") == 0)
		return do_listen(arg);
	if (strcmp(argv[1], "probe") == 0)
		return do_probe(arg);
	die("usage: labnet listen SECONDS | labnet probe MILLISECONDS");
	return 2;
}
