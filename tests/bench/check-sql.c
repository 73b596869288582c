/* check-sql.c - prints the queries `lyncplan check` runs, one statement
 * each, for the benchmark to time with sqlite3 as the command's floor.
 * The queries are plan.c's own, compiled in, so the two cannot differ,
 * but for shell_quote(), lyncplan's own SQL function, which sqlite3 does
 * not have: each call is written as the SQL expression doing its work
 * (quote the text unless every character is one of PLAN_SHELL_PLAIN). */
#include "plan.c"

static const char call[] = "shell_quote(";

/* Prints sql with each shell_quote(ARG) (ARG holding no parenthesis)
 * replaced by the expression. */
static void put_query(const char *sql)
{
	const char *p;

	while ((p = strstr(sql, call)) && strchr(p, ')')) {
		const char *arg = p + sizeof call - 1;
		int n = (int)(strchr(arg, ')') - arg);

		printf("%.*s(CASE WHEN %.*s = '' OR %.*s GLOB '*[^A-Za-z0-9._+:,/@%%-]*'"
		       " THEN '''' || replace(%.*s, '''', '''\\''''') || '''' ELSE %.*s END)",
		       (int)(p - sql), sql, n, arg, n, arg, n, arg, n, arg);
		sql = arg + n + 1;
	}
	printf("%s;\n", sql);
}

int main(void)
{
	size_t i;

	for (i = 0; i < PLAN_CHECKS; i++)
		put_query(plan_checks[i].sql);
	return ferror(stdout) ? 1 : 0;
}
