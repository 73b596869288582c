/* test_tui_list.c - the interface's terminal-free engine: scrolling and
 * searching a list, the key table that drives keys, key bar and help,
 * cropping text to columns, and editing a line of UTF-8. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "tui/keys.h"
#include "tui/lineedit.h"
#include "tui/list.h"
#include "tui/text.h"

/* A 100-row list showing 10 rows. */
static struct list list_of(long count)
{
	struct list l = { 0 };

	list_set_height(&l, 10);
	list_set_count(&l, count);
	return l;
}

static void test_list_moves(void **state)
{
	struct list l = list_of(100);

	(void)state;
	assert_true(list_move(&l, REQ_UP));
	assert_int_equal(l.cursor, 0);
	list_move(&l, REQ_DOWN);
	list_move(&l, REQ_DOWN);
	assert_int_equal(l.cursor, 2);
	assert_int_equal(l.top, 0);
	/* A page down scrolls by a page less one row and keeps the line. */
	list_move(&l, REQ_PAGE_DOWN);
	assert_int_equal(l.top, 9);
	assert_int_equal(l.cursor, 11);
	list_move(&l, REQ_PAGE_UP);
	assert_int_equal(l.top, 0);
	assert_int_equal(l.cursor, 2);
	list_move(&l, REQ_LAST);
	assert_int_equal(l.cursor, 99);
	assert_int_equal(l.top, 90);
	list_move(&l, REQ_PAGE_DOWN);
	assert_int_equal(l.cursor, 99);
	list_move(&l, REQ_FIRST);
	assert_int_equal(l.cursor, 0);
	assert_int_equal(l.top, 0);
	assert_false(list_move(&l, REQ_ADD));
}

/* Rows vanishing under the cursor (a filter, a delete) keep it on a row. */
static void test_list_shrinks(void **state)
{
	struct list l = list_of(100);

	(void)state;
	list_goto(&l, 95);
	list_set_count(&l, 20);
	assert_int_equal(l.cursor, 19);
	assert_true(l.top <= 19 && l.top + 10 > 19);
	list_set_count(&l, 0);
	assert_int_equal(l.cursor, 0);
	assert_int_equal(l.top, 0);
	/* A shorter window keeps the cursor visible. */
	l = list_of(100);
	list_goto(&l, 9);
	list_set_height(&l, 5);
	assert_true(l.top <= 9 && l.top + 5 > 9);
}

static int match_multiple_of_7(void *ud, long i)
{
	(void)ud;
	return i % 7 == 0;
}

static void test_list_find(void **state)
{
	struct list l = list_of(30);

	(void)state;
	assert_int_equal(list_find(&l, 1, 1, match_multiple_of_7, NULL), 7);
	assert_int_equal(list_find(&l, 29, 1, match_multiple_of_7, NULL), 0); /* wraps */
	assert_int_equal(list_find(&l, 6, -1, match_multiple_of_7, NULL), 0);
	assert_int_equal(list_find(&l, -1, -1, match_multiple_of_7, NULL), 28);
	l = list_of(0);
	assert_int_equal(list_find(&l, 0, 1, match_multiple_of_7, NULL), -1);
}

static void test_keys_lookup(void **state)
{
	(void)state;
	assert_int_equal(keys_lookup(VIEW_TOPOLOGY, 'j'), REQ_DOWN);
	assert_int_equal(keys_lookup(VIEW_CATALOG, 'k'), REQ_UP);
	assert_int_equal(keys_lookup(VIEW_TOPOLOGY, 'a'), REQ_ADD);
	assert_int_equal(keys_lookup(VIEW_PORTS, 'a'), REQ_NONE);
	assert_int_equal(keys_lookup(VIEW_LB, 'm'), REQ_LB_MODE);
	assert_int_equal(keys_lookup(VIEW_PORTS, 'f'), REQ_FILTER);
	assert_int_equal(keys_lookup(VIEW_HELP, '3'), REQ_VIEW_FIRST + VIEW_LB);
	assert_int_equal(keys_lookup(VIEW_HELP, 'q'), REQ_BACK);
	assert_int_equal(keys_lookup(VIEW_CHECKS, '\r'), REQ_ENTER);
}

/* One table drives keys, key bar and help: every binding says what it
 * does, every bar entry has a label, and no key means two things in one
 * view (the first match would silently win). */
static void test_keys_table_sound(void **state)
{
	size_t i, j;
	int a, b, v;

	(void)state;
	for (i = 0; i < keys_count; i++) {
		const struct binding *x = &keys_table[i];

		assert_non_null(x->help);
		assert_true(x->help[0] != '\0');
		assert_true((x->bar_key == NULL) == (x->bar_label == NULL));
		assert_true(x->keys[0] != 0);
		for (j = i + 1; j < keys_count; j++) {
			const struct binding *y = &keys_table[j];

			for (v = 0; v < VIEW_COUNT; v++) {
				if (!(x->views & y->views & VIEW_BIT(v)))
					continue;
				for (a = 0; a < KEYS_PER_BINDING && x->keys[a]; a++)
					for (b = 0; b < KEYS_PER_BINDING && y->keys[b]; b++)
						assert_false(x->keys[a] == y->keys[b]);
			}
		}
	}
	/* The key bar ends with the ways out. */
	assert_int_equal(keys_table[keys_count - 2].req, REQ_BACK);
	assert_int_equal(keys_table[keys_count - 1].req, REQ_QUIT);
}

static void test_keys_where(void **state)
{
	char buf[200];

	(void)state;
	keys_where(VIEWS_ALL, buf, sizeof buf);
	assert_string_equal(buf, "all views");
	keys_where(VIEW_BIT(VIEW_PORTS) | VIEW_BIT(VIEW_LB), buf, sizeof buf);
	assert_string_equal(buf, "Ports, Load balancing");
}

static void test_text_fit(void **state)
{
	char buf[64];
	const char *cells[] = { "fe01.contoso.com", "5061", "TCP" };
	const int widths[] = { 6, 5, 0 };

	(void)state;
	text_fit(buf, sizeof buf, "abc", 5);
	assert_string_equal(buf, "abc  ");
	text_fit(buf, sizeof buf, "abcdef", 3);
	assert_string_equal(buf, "abc");
	/* Widths count characters, not bytes. */
	text_fit(buf, sizeof buf, "\u251c\u2500x", 2);
	assert_string_equal(buf, "\u251c\u2500");
	assert_int_equal(text_width("\u251c\u2500x"), 3);
	text_columns(buf, sizeof buf, cells, widths, 3, 16);
	assert_string_equal(buf, "fe01.c 5061  TCP");
}

static void collect_line(void *ud, const char *start, size_t len)
{
	char *out = ud;
	size_t n = strlen(out);

	snprintf(out + n, 256 - n, "%.*s|", (int)len, start);
}

static void test_text_wrap_find(void **state)
{
	char out[256] = "";

	(void)state;
	assert_int_equal(text_wrap("used for SIP between servers", 10, 0, collect_line, out), 4);
	assert_string_equal(out, "used for|SIP|between|servers|");
	out[0] = '\0';
	assert_int_equal(text_wrap("one\ntwo three", 20, 0, collect_line, out), 2);
	assert_string_equal(out, "one|two three|");
	out[0] = '\0';
	assert_int_equal(text_wrap("aaaa bbbb cccc", 4, 2, collect_line, out), 2);
	assert_string_equal(out, "aaaa|bbbb|");
	assert_non_null(lp_find_nocase("Front End Servers", "end ser"));
	assert_null(lp_find_nocase("Front End", "edge"));
}

/* Text from a file reaches the screen with control, direction and
 * invisible characters escaped. */
static void test_strpool_safe(void **state)
{
	struct strpool p = { 0 };
	char ch[4], in[16], want[32];
	size_t i;

	(void)state;
	assert_string_equal(strpool_safe(&p, "fe01"), "fe01");
	assert_string_equal(strpool_safe(&p, "a\033[2Jb"), "a\\x1B[2Jb");
	for (i = 0; i < tu_unsafe_count; i++) {
		tu_utf8(tu_unsafe_points[i], ch);
		snprintf(in, sizeof in, "Os%slo", ch);
		snprintf(want, sizeof want, "Os\\u%04Xlo", tu_unsafe_points[i]);
		assert_string_equal(strpool_safe(&p, in), want);
	}
	assert_string_equal(strpool_safe(&p, "Z\xc3\xbcrich"), "Z\xc3\xbcrich");
	assert_string_equal(strpool_safe(&p, NULL), "");
	assert_string_equal(strpool_dup(&p, "a\033b"), "a\033b");
	assert_false(p.failed);
	strpool_clear(&p);
}

/* A set keeps each text once: equal texts get one copy, escaped alike,
 * also after the table has grown many times. */
static void test_strset_safe(void **state)
{
	struct strpool p = { 0 };
	struct strset set = { NULL, 0, 0 };
	const char *first[1000];
	char name[16];
	int i;

	(void)state;
	assert_ptr_equal(strset_safe(&set, &p, "fe01"), strset_safe(&set, &p, "fe01"));
	assert_string_equal(strset_safe(&set, &p, "a\033[2Jb"), "a\\x1B[2Jb");
	assert_ptr_equal(strset_safe(&set, &p, "a\033[2Jb"), strset_safe(&set, &p, "a\033[2Jb"));
	assert_ptr_not_equal(strset_safe(&set, &p, "fe01"), strset_safe(&set, &p, "fe02"));
	assert_string_equal(strset_safe(&set, &p, NULL), "");
	for (i = 0; i < 1000; i++) {
		snprintf(name, sizeof name, "s%d", i);
		first[i] = strset_safe(&set, &p, name);
	}
	for (i = 0; i < 1000; i++) {
		snprintf(name, sizeof name, "s%d", i);
		assert_ptr_equal(strset_safe(&set, &p, name), first[i]);
		assert_string_equal(first[i], name);
	}
	assert_int_equal(set.n, 1003);
	assert_false(p.failed);
	strset_clear(&set);
	strpool_clear(&p);
}

static void test_lineedit(void **state)
{
	char buf[16] = "ab";
	struct lineedit e;

	(void)state;
	lineedit_start(&e, buf, sizeof buf);
	assert_int_equal(e.cur, 2);
	assert_true(lineedit_insert(&e, "\u00e9", 2));
	assert_string_equal(buf, "ab\u00e9");
	assert_true(lineedit_apply(&e, EDIT_LEFT));
	assert_int_equal(e.cur, 2); /* over the whole character */
	assert_true(lineedit_insert(&e, "x", 1));
	assert_string_equal(buf, "abx\u00e9");
	assert_true(lineedit_apply(&e, EDIT_DELETE));
	assert_string_equal(buf, "abx");
	assert_true(lineedit_apply(&e, EDIT_HOME));
	assert_false(lineedit_apply(&e, EDIT_BACKSPACE));
	assert_true(lineedit_apply(&e, EDIT_END));
	assert_true(lineedit_apply(&e, EDIT_BACKSPACE));
	assert_string_equal(buf, "ab");
	/* A full buffer refuses more. */
	assert_true(lineedit_insert(&e, "0123456789ABC", 13));
	assert_false(lineedit_insert(&e, "x", 1));
	assert_true(lineedit_apply(&e, EDIT_KILL));
	assert_string_equal(buf, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_list_moves),
		cmocka_unit_test(test_list_shrinks),
		cmocka_unit_test(test_list_find),
		cmocka_unit_test(test_keys_lookup),
		cmocka_unit_test(test_keys_table_sound),
		cmocka_unit_test(test_keys_where),
		cmocka_unit_test(test_text_fit),
		cmocka_unit_test(test_text_wrap_find),
		cmocka_unit_test(test_strpool_safe),
		cmocka_unit_test(test_strset_safe),
		cmocka_unit_test(test_lineedit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
