/* Reading JSON with positions (json.c, util.c): strict RFC 8259, positions
 * as 1-based lines and columns counted in code points, encoding rules and
 * limits. Observed through the public loaders (bs_scenario_parse/_load,
 * bs_read_file, bs_line_col, bs_utf8_valid). */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Line and column (1-based, code points) of the first `marker` in `text`,
 * computed here independently of the engine. */
static void pos_of(const char *text, const char *marker, int *line, int *col)
{
    const char *at = strstr(text, marker);
    assert_non_null(at);
    int l = 1, c = 1;
    for (const char *p = text; p < at; p++) {
        if (*p == '\n') {
            l++;
            c = 1;
        } else if (((unsigned char)*p & 0xC0) != 0x80) {
            c++;
        }
    }
    *line = l;
    *col = c;
}

/* Parses `text` as a scenario; it must fail with exactly one error. */
static BsError only_error(const char *text, size_t len)
{
    BsErrors e;
    bs_errors_init(&e, "inline.json");
    BsScenario *s = bs_scenario_parse("inline.json", text, len, &e);
    if (s || e.count != 1) {
        fprintf(stderr, "for text: %.*s\n", (int)(len > 200 ? 200 : len), text);
        t_print_errors(&e);
    }
    assert_null(s);
    assert_int_equal(e.count, 1);
    BsError r = e.items[0];
    bs_errors_free(&e);
    return r;
}

/* Loads `len` bytes from a temporary file as a scenario; returns the errors
 * (the caller frees them). The load must fail. */
static void load_bytes_fails(const char *name, const char *data, size_t len, BsErrors *e)
{
    char path[600];
    t_tmppath(path, sizeof path, name);
    t_write(path, data, len);
    bs_errors_init(e, path);
    BsScenario *s = bs_scenario_load(path, e);
    assert_null(s);
    assert_true(e->count > 0);
}

/*--------------------------------------------------------------------------*/

static void line_col_is_one_based_and_counts_lines(void **state)
{
    (void)state;
    int l, c;
    bs_line_col("ab\ncd", 0, &l, &c);
    assert_int_equal(l, 1);
    assert_int_equal(c, 1);
    bs_line_col("ab\ncd", 1, &l, &c);
    assert_int_equal(l, 1);
    assert_int_equal(c, 2);
    bs_line_col("ab\ncd", 3, &l, &c); /* the 'c' */
    assert_int_equal(l, 2);
    assert_int_equal(c, 1);
    bs_line_col("ab\n\n\ncd", 6, &l, &c); /* the 'd' */
    assert_int_equal(l, 4);
    assert_int_equal(c, 2);
}

static void line_col_counts_code_points_not_bytes(void **state)
{
    (void)state;
    int l, c;
    /* "中文" is 6 bytes, 2 characters: 'x' is the 3rd character */
    bs_line_col("\xe4\xb8\xad\xe6\x96\x87x", 6, &l, &c);
    assert_int_equal(l, 1);
    assert_int_equal(c, 3);
    /* an emoji (4 bytes) is one column */
    bs_line_col("a\n\xf0\x9f\x98\x80y", 6, &l, &c);
    assert_int_equal(l, 2);
    assert_int_equal(c, 2);
}

static void a_chinese_title_shifts_the_error_column_by_characters(void **state)
{
    (void)state;
    /* The same 4-character title in ASCII and in Chinese (12 bytes) puts the
     * bad "weeks" value at the same column: columns count characters. */
    static const char *const titles[] = {"\"title\": \"Abcd\"", "\"title\": \"\xe5\xb0\x8f\xe5\x9e\x8b\xe5\x9c\xba\xe6\x99\xaf\""};
    int cols[2];
    for (int t = 0; t < 2; t++) {
        char a[16384], b[16384];
        t_replace(t_small_scenario, "\"title\": \"Small\"", titles[t], a, sizeof a);
        t_replace(a, "\"weeks\": 6", "\"weeks\": \"six\"", b, sizeof b);
        BsError err = only_error(b, strlen(b));
        int l, c;
        pos_of(b, "\"six\"", &l, &c);
        assert_int_equal(err.kind, BS_E_TYPE);
        assert_string_equal(err.path, "weeks");
        assert_int_equal(err.line, l);
        assert_int_equal(err.col, c);
        cols[t] = err.col;
    }
    assert_int_equal(cols[0], cols[1]);
}

static void errors_point_at_the_offending_value(void **state)
{
    (void)state;
    /* a bad value deep in the file: line and column of the value itself */
    const char *text = t_small_with("\"need\": \"speed\", \"next\": \"b\"",
                                    "\"need\": \"nowhere\", \"next\": \"b\"");
    BsError err = only_error(text, strlen(text));
    int l, c;
    pos_of(text, "\"nowhere\"", &l, &c);
    assert_int_equal(err.kind, BS_E_REF);
    assert_int_equal(err.line, l);
    assert_int_equal(err.col, c);
    assert_string_equal(err.path, "states.a.choices[0].need");
}

typedef struct {
    const char *text;
    int line, col;
} SyntaxCase;

static void syntax_errors_report_line_and_column(void **state)
{
    (void)state;
    static const SyntaxCase cases[] = {
        {"{\n  \"a\": [1, 2,, 3]\n}", 2, 14},         /* a second comma */
        {"{\n  \"a\": 1\n  \"b\": 2\n}", 3, 3},         /* missing comma */
        {"{\n  \"a\": tru\n}", 2, 8},                    /* bad literal */
        {"{\"a\": \"unterminated\n}", 1, 20},           /* raw newline in a string */
        {"[1,]", 1, 4},                                  /* trailing comma */
        {"{} x", 1, 4},                                  /* text after the document */
        {"", 1, 1},                                      /* empty */
        {"   \n  ", 2, 3},                               /* only white space */
        {"{'a': 1}", 1, 2},                              /* single quotes */
        {"[01]", 1, 3},                                  /* leading zero */
        {"[1.]", 1, 2},                                  /* no digit after the point */
        {"[-]", 1, 2},                                   /* a lone minus */
        {"[.5]", 1, 2},                                  /* no digit before the point */
        {"[1e]", 1, 2},                                  /* empty exponent */
        {"\t[1,\n\t\t2 3]", 2, 5},                       /* a tab is one column */
        {"{\"a\" 1}", 1, 6},                             /* missing colon */
        {"{\"a\": 1,}", 1, 9},                           /* trailing comma in an object */
        {"[\"\\x\"]", 1, 3},                             /* unknown escape */
        {"[\"\\u12G4\"]", 1, 3},                         /* bad \u escape */
        {"[NaN]", 1, 2},
        {"[Infinity]", 1, 2},
        {"/* comment */ {}", 1, 1},
        {"{\"\xe4\xb8\xad\": [1 2]}", 1, 10},            /* after a CJK key */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        BsError err = only_error(cases[i].text, strlen(cases[i].text));
        if (err.kind != BS_E_SYNTAX || err.line != cases[i].line || err.col != cases[i].col)
            fprintf(stderr, "case %zu \"%s\": got %s %d:%d (%s), want syntax %d:%d\n", i,
                    cases[i].text, bs_err_kind_name(err.kind), err.line, err.col, err.msg,
                    cases[i].line, cases[i].col);
        assert_int_equal(err.kind, BS_E_SYNTAX);
        assert_int_equal(err.line, cases[i].line);
        assert_int_equal(err.col, cases[i].col);
    }
}

static void a_nul_byte_in_a_file_is_an_encoding_error_at_its_position(void **state)
{
    (void)state;
    static const char data[] = "{\n  \"a\": \"x\0y\"\n}\n";
    BsErrors e;
    load_bytes_fails("nul.json", data, sizeof data - 1, &e);
    int i = t_find_error(&e, BS_E_ENCODING, 2);
    if (i < 0)
        t_print_errors(&e);
    assert_true(i >= 0);
    assert_int_equal(e.items[i].col, 10);
    bs_errors_free(&e);

    /* a NUL as the very first byte, and as the last */
    load_bytes_fails("nul0.json", "\0{}", 3, &e);
    assert_true(t_find_error(&e, BS_E_ENCODING, 1) >= 0);
    bs_errors_free(&e);
    load_bytes_fails("nul1.json", "{}\0", 3, &e);
    assert_true(t_find_error(&e, BS_E_ENCODING, 1) >= 0);
    bs_errors_free(&e);
}

static void bs_read_file_rejects_nul_and_missing_files(void **state)
{
    (void)state;
    char path[600];
    t_tmppath(path, sizeof path, "read-nul.txt");
    t_write(path, "ab\0c", 4);
    BsErrors e;
    bs_errors_init(&e, path);
    size_t len = 0;
    assert_null(bs_read_file(path, 1000, &len, &e));
    assert_int_equal(t_count_kind(&e, BS_E_ENCODING), 1);
    bs_errors_free(&e);

    t_tmppath(path, sizeof path, "does-not-exist.json");
    bs_errors_init(&e, path);
    assert_null(bs_read_file(path, 1000, &len, &e));
    assert_int_equal(t_count_kind(&e, BS_E_IO), 1);
    bs_errors_free(&e);

    bs_errors_init(&e, path);
    assert_null(bs_scenario_load(path, &e));
    assert_int_equal(t_count_kind(&e, BS_E_IO), 1);
    bs_errors_free(&e);

    /* a good file reads back byte for byte, NUL-terminated */
    t_tmppath(path, sizeof path, "read-ok.txt");
    t_write(path, "h\xc3\xa9llo", 6);
    bs_errors_init(&e, path);
    char *buf = bs_read_file(path, 1000, &len, &e);
    assert_non_null(buf);
    assert_int_equal(len, 6);
    assert_memory_equal(buf, "h\xc3\xa9llo", 7);
    assert_int_equal(e.count, 0);
    bs_free(buf);
    bs_errors_free(&e);
}

static void invalid_utf8_is_an_encoding_error_at_its_position(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "\xff",                 /* never valid */
        "\x80",                 /* a lone continuation byte */
        "\xc0\xaf",             /* overlong '/' */
        "\xe0\x80\xaf",         /* overlong, 3 bytes */
        "\xed\xa0\x80",         /* an encoded surrogate U+D800 */
        "\xf4\x90\x80\x80",     /* above U+10FFFF */
        "\xe4\xb8",             /* truncated */
        "\xf8\x88\x80\x80\x80", /* 5-byte form */
        "\xc3",                 /* truncated at the end of the file */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char data[64];
        bool at_end = i == sizeof bad / sizeof bad[0] - 1;
        int n = at_end ? snprintf(data, sizeof data, "{\"t\": \"ab\"}%s", bad[i])
                       : snprintf(data, sizeof data, "{\"t\": \"ab%s\"}", bad[i]);
        BsErrors e;
        load_bytes_fails("bad-utf8.json", data, (size_t)n, &e);
        if (e.count != 1 || e.items[0].kind != BS_E_ENCODING)
            t_print_errors(&e);
        assert_int_equal(e.count, 1);
        assert_int_equal(e.items[0].kind, BS_E_ENCODING);
        assert_int_equal(e.items[0].line, 1);
        assert_int_equal(e.items[0].col, at_end ? 12 : 10);
        bs_errors_free(&e);
        size_t bad_at = 0;
        assert_false(bs_utf8_valid(data, (size_t)n, &bad_at));
        assert_int_equal(bad_at, at_end ? 11 : 9);
    }
    static const char *const good[] = {
        "\xe4\xb8\xad\xe6\x96\x87", "\xf0\x9f\x98\x80", "\xf4\x8f\xbf\xbf", "\xef\xbf\xbf",
        "\xc2\x80", "\xed\x9f\xbf", "\xee\x80\x80",
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        assert_true(bs_utf8_valid(good[i], strlen(good[i]), NULL));
}

static void escaped_nul_and_lone_surrogates_are_rejected(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "\\u0000", "ab\\u0000", "\\ud800", "\\udc00", "\\uDBFF", "\\ud800\\u0041",
        "\\ud800x", "\\udc00\\ud800", "\\ud800\\ud800",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char title[64];
        snprintf(title, sizeof title, "\"title\": \"%s\"", bad[i]);
        const char *text = t_small_with("\"title\": \"Small\"", title);
        BsErrors e;
        bs_errors_init(&e, "inline.json");
        BsScenario *s = t_parse(text, &e);
        if (s || (t_count_kind(&e, BS_E_SYNTAX) + t_count_kind(&e, BS_E_ENCODING)) == 0) {
            fprintf(stderr, "title %s:\n", bad[i]);
            t_print_errors(&e);
        }
        assert_null(s);
        assert_true(t_count_kind(&e, BS_E_SYNTAX) + t_count_kind(&e, BS_E_ENCODING) >= 1);
        int l, c;
        pos_of(text, "\"title\": \"", &l, &c);
        assert_int_equal(e.items[0].line, l);
        bs_errors_free(&e);
    }
}

static void a_valid_surrogate_pair_becomes_utf8(void **state)
{
    (void)state;
    BsScenario *s = t_parse_ok(t_small_with("\"title\": \"Small\"", "\"title\": \"a\\uD83D\\uDE00\\u4e2d\""));
    assert_string_equal(s->title, "a\xf0\x9f\x98\x80\xe4\xb8\xad");
    bs_scenario_free(s);
}

/* bs_scenario_parse is public: text handed to it directly (not read from a
 * file) must meet the same rules, or a bad byte reaches the screen. */
static void text_given_directly_must_be_valid_utf8_without_nul(void **state)
{
    (void)state;
    const char *text = t_small_with("\"title\": \"Small\"", "\"title\": \"Sm\xff" "all\"");
    BsErrors e;
    bs_errors_init(&e, "inline.json");
    BsScenario *s = t_parse(text, &e);
    if (s)
        fprintf(stderr, "bs_scenario_parse accepted invalid UTF-8 in a title\n");
    assert_null(s);
    assert_true(t_count_kind(&e, BS_E_ENCODING) >= 1);
    bs_errors_free(&e);

    /* a NUL inside the given length */
    char buf[16384];
    size_t n = strlen(t_small_scenario);
    memcpy(buf, t_small_scenario, n + 1);
    char *at = strstr(buf, "Small");
    assert_non_null(at);
    at[2] = '\0';
    bs_errors_init(&e, "inline.json");
    s = bs_scenario_parse("inline.json", buf, n, &e);
    assert_null(s);
    assert_true(t_count_kind(&e, BS_E_ENCODING) + t_count_kind(&e, BS_E_SYNTAX) >= 1);
    bs_errors_free(&e);
}

static char *nested(int depth, char open, char close, const char *inner)
{
    size_t il = strlen(inner), n = 0;
    char *t = malloc((size_t)depth * 8 + il + 8);
    assert_non_null(t);
    for (int i = 0; i < depth; i++) {
        if (open == '{') {
            memcpy(t + n, "{\"a\":", 5);
            n += 5;
        } else {
            t[n++] = open;
        }
    }
    memcpy(t + n, inner, il);
    n += il;
    for (int i = 0; i < depth; i++)
        t[n++] = close;
    t[n] = '\0';
    return t;
}

static void nesting_deeper_than_the_limit_is_a_limit_error(void **state)
{
    (void)state;
    for (int k = 0; k < 2; k++) {
        char open = k ? '{' : '[', close = k ? '}' : ']';
        /* at the limit: valid JSON (not a scenario, so other errors) */
        char *t = nested(BS_MAX_DEPTH, open, close, "1");
        BsErrors e;
        bs_errors_init(&e, "deep.json");
        assert_null(t_parse(t, &e));
        assert_int_equal(t_count_kind(&e, BS_E_LIMIT), 0);
        assert_int_equal(t_count_kind(&e, BS_E_SYNTAX), 0);
        bs_errors_free(&e);
        free(t);
        /* one deeper */
        t = nested(BS_MAX_DEPTH + 1, open, close, "1");
        BsError err = only_error(t, strlen(t));
        assert_int_equal(err.kind, BS_E_LIMIT);
        assert_int_equal(err.line, 1);
        /* the column of the first opening too many */
        assert_int_equal(err.col, k ? 5 * BS_MAX_DEPTH + 1 : BS_MAX_DEPTH + 1);
        free(t);
    }
    /* a hundred thousand levels: an error, not a crash */
    char *t = nested(100000, '[', ']', "");
    BsError err = only_error(t, strlen(t));
    assert_int_equal(err.kind, BS_E_LIMIT);
    free(t);
    /* unbalanced and deep */
    t = nested(100000, '[', ']', "");
    t[100000] = '\0';
    err = only_error(t, strlen(t));
    assert_int_equal(err.kind, BS_E_LIMIT);
    free(t);
}

static void deep_nesting_inside_a_scenario_is_a_limit_error(void **state)
{
    (void)state;
    char *deep = nested(40, '[', ']', "");
    char to[512];
    snprintf(to, sizeof to, "\"title\": \"Small\",\n  \"summary\": %s,", deep);
    const char *text = t_small_with("\"title\": \"Small\",", to);
    BsError err = only_error(text, strlen(text));
    assert_int_equal(err.kind, BS_E_LIMIT);
    int l, c;
    pos_of(text, "\"summary\"", &l, &c);
    assert_int_equal(err.line, l);
    free(deep);
}

static void duplicate_keys_are_reported_at_the_second_occurrence(void **state)
{
    (void)state;
    const char *text = t_small_with("\"a\": { \"say\": \"Hello {vendor}.\",",
                                    "\"a\": { \"say\": \"Hello {vendor}.\",\n"
                                    "      \"think\": \"one\",\n"
                                    "      \"say\": \"second\",\n"
                                    "      \"say\": \"third\",");
    BsErrors e;
    bs_errors_init(&e, "inline.json");
    assert_null(t_parse(text, &e));
    int l2, c2, l3, c3;
    pos_of(text, "\"second\"", &l2, &c2);
    pos_of(text, "\"third\"", &l3, &c3);
    int dups = 0;
    for (int i = 0; i < e.count; i++) {
        if (e.items[i].kind != BS_E_KEY || !strstr(e.items[i].msg, "duplicate"))
            continue;
        assert_true(strstr(e.items[i].msg, "say") != NULL);
        assert_string_equal(e.items[i].path, "states.a.say");
        /* never at the first occurrence */
        assert_true(e.items[i].line == l2 || e.items[i].line == l3);
        dups++;
    }
    if (dups != 2 || e.count != 2)
        t_print_errors(&e);
    assert_int_equal(dups, 2); /* the 2nd and the 3rd */
    assert_int_equal(e.count, 2);
    bs_errors_free(&e);

    /* the classic case: the same root key twice */
    const char *root = t_small_with("\"weeks\": 6,", "\"weeks\": 6,\n  \"weeks\": 7,");
    BsError err = only_error(root, strlen(root));
    assert_int_equal(err.kind, BS_E_KEY);
    pos_of(root, "\"weeks\": 7", &l2, &c2);
    assert_int_equal(err.line, l2);
    assert_true(err.col > 0);
}

static void files_over_the_size_cap_are_rejected(void **state)
{
    (void)state;
    size_t n = strlen(t_small_scenario);
    char *big = malloc(BS_MAX_FILE_BYTES + 2);
    assert_non_null(big);
    memcpy(big, t_small_scenario, n);
    memset(big + n, ' ', BS_MAX_FILE_BYTES + 1 - n);
    char path[600];
    t_tmppath(path, sizeof path, "big.json");

    /* exactly at the cap: a valid scenario padded with spaces loads */
    t_write(path, big, BS_MAX_FILE_BYTES);
    BsErrors e;
    bs_errors_init(&e, path);
    BsScenario *s = bs_scenario_load(path, &e);
    if (!s)
        t_print_errors(&e);
    assert_non_null(s);
    bs_scenario_free(s);
    bs_errors_free(&e);

    /* one byte more: refused as too big */
    t_write(path, big, BS_MAX_FILE_BYTES + 1);
    bs_errors_init(&e, path);
    assert_null(bs_scenario_load(path, &e));
    assert_int_equal(e.count, 1);
    assert_int_equal(e.items[0].kind, BS_E_LIMIT);
    bs_errors_free(&e);

    /* far more */
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    for (int i = 0; i < 3; i++)
        assert_int_equal(fwrite(big, 1, BS_MAX_FILE_BYTES, f), BS_MAX_FILE_BYTES);
    fclose(f);
    bs_errors_init(&e, path);
    assert_null(bs_scenario_load(path, &e));
    assert_int_equal(t_count_kind(&e, BS_E_LIMIT), 1);
    bs_errors_free(&e);
    free(big);
}

static void a_utf8_bom_is_accepted(void **state)
{
    (void)state;
    size_t n = strlen(t_small_scenario);
    char *data = malloc(n + 16);
    assert_non_null(data);
    memcpy(data, "\xef\xbb\xbf", 3);
    memcpy(data + 3, t_small_scenario, n + 1);
    char path[600];
    t_tmppath(path, sizeof path, "bom.json");
    t_write(path, data, n + 3);
    BsScenario *s = t_load(path);
    assert_string_equal(s->id, "small");
    bs_scenario_free(s);

    /* an error on a later line is still found at its line */
    BsErrors e;
    bs_errors_init(&e, "bom.json");
    const char *bad = t_small_with("\"weeks\": 6", "\"weeks\": 60");
    memcpy(data + 3, bad, strlen(bad) + 1);
    s = bs_scenario_parse("bom.json", data, strlen(data), &e);
    assert_null(s);
    assert_int_equal(e.count, 1);
    assert_int_equal(e.items[0].kind, BS_E_RANGE);
    assert_int_equal(e.items[0].line, 2);
    bs_errors_free(&e);
    free(data);

    /* a BOM anywhere else is not white space */
    const char *mid = t_small_with("\"format\": 1,", "\"format\": 1, \xef\xbb\xbf");
    BsError err = only_error(mid, strlen(mid));
    assert_int_equal(err.kind, BS_E_SYNTAX);
    /* and two BOMs are one too many */
    err = only_error("\xef\xbb\xbf\xef\xbb\xbf{}", 8);
    assert_int_equal(err.kind, BS_E_SYNTAX);
}

/* Editors do not count an invisible BOM as a column: an error on the first
 * line should be at the same column with or without one. */
static void a_bom_does_not_shift_columns_on_the_first_line(void **state)
{
    (void)state;
    BsError plain = only_error("[1 2]", 5);
    BsError bom = only_error("\xef\xbb\xbf[1 2]", 8);
    assert_int_equal(plain.line, 1);
    assert_int_equal(bom.line, 1);
    assert_int_equal(plain.col, 4);
    assert_int_equal(bom.col, plain.col);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(line_col_is_one_based_and_counts_lines),
        cmocka_unit_test(line_col_counts_code_points_not_bytes),
        cmocka_unit_test(a_chinese_title_shifts_the_error_column_by_characters),
        cmocka_unit_test(errors_point_at_the_offending_value),
        cmocka_unit_test(syntax_errors_report_line_and_column),
        cmocka_unit_test(a_nul_byte_in_a_file_is_an_encoding_error_at_its_position),
        cmocka_unit_test(bs_read_file_rejects_nul_and_missing_files),
        cmocka_unit_test(invalid_utf8_is_an_encoding_error_at_its_position),
        cmocka_unit_test(escaped_nul_and_lone_surrogates_are_rejected),
        cmocka_unit_test(a_valid_surrogate_pair_becomes_utf8),
        cmocka_unit_test(text_given_directly_must_be_valid_utf8_without_nul),
        cmocka_unit_test(nesting_deeper_than_the_limit_is_a_limit_error),
        cmocka_unit_test(deep_nesting_inside_a_scenario_is_a_limit_error),
        cmocka_unit_test(duplicate_keys_are_reported_at_the_second_occurrence),
        cmocka_unit_test(files_over_the_size_cap_are_rejected),
        cmocka_unit_test(a_utf8_bom_is_accepted),
        cmocka_unit_test(a_bom_does_not_shift_columns_on_the_first_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
