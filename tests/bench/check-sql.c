/* check-sql.c - prints the queries `lyncplan check` runs, one statement
 * each, for the benchmark to time with sqlite3 as the command's floor.
 * The queries are plan.c's own, compiled in, so the two cannot differ. */
#include "plan.c"

int main(void)
{
	size_t i;

	for (i = 0; i < PLAN_CHECKS; i++)
		printf("%s;\n", plan_checks[i].sql);
	return ferror(stdout) ? 1 : 0;
}
