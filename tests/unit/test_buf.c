/* The program's one growable buffer and JSON string writer (bs_buf.h):
 * bytes with NULs in them, growth far past the first allocation with a NUL
 * kept after the text, JSON escaping, and an allocation that fails (the
 * buffer says so once, keeps nothing, and writing on does no harm). */
#include "helpers.h"
#include "engine/core/bs_buf.h"

#include <stdlib.h>
#include <string.h>

static void bytes_and_growth(void **state)
{
    (void)state;
    BsBuf b = {0};
    static const char bin[5] = {'a', 0, 'b', 0, 'c'};
    bs_buf_append(&b, bin, sizeof bin);
    assert_int_equal(b.len, 5);
    assert_memory_equal(b.buf, bin, 5);
    assert_int_equal(b.buf[5], 0); /* a NUL after the bytes */
    for (int i = 0; i < 10000; i++)
        bs_buf_printf(&b, "%04d", i);
    assert_false(b.oom);
    assert_int_equal(b.len, 5 + 4 * 10000);
    assert_memory_equal(b.buf + 5 + 4 * 9999, "9999", 4);
    assert_int_equal(b.buf[b.len], 0);
    bs_buf_free(&b);
    assert_null(b.buf);
    assert_int_equal(b.len, 0);
}

static void json_strings(void **state)
{
    (void)state;
    BsBuf b = {0};
    bs_buf_json_string(&b, "say \"hi\"\\ \n\t\x01 \xE4\xB8\xAD");
    assert_string_equal(b.buf, "\"say \\\"hi\\\"\\\\ \\u000a\\u0009\\u0001 \xE4\xB8\xAD\"");
    bs_buf_free(&b);
    bs_buf_json_string(&b, "");
    assert_string_equal(b.buf, "\"\"");
    bs_buf_free(&b);
}

static int fails;
static void *failing(void *ud, void *p, size_t n)
{
    (void)ud;
    if (n == 0) {
        free(p);
        return NULL;
    }
    if (fails-- <= 0)
        return NULL;
    return realloc(p, n);
}

static void allocation_fails(void **state)
{
    (void)state;
    fails = 0; /* the first allocation fails */
    bs_set_allocator(failing, NULL);
    BsBuf b = {0};
    bs_buf_append(&b, "abc", 3);
    assert_true(b.oom);
    bs_buf_printf(&b, "%d", 42); /* writing on does nothing */
    bs_buf_json_string(&b, "x");
    assert_true(b.oom);
    bs_buf_free(&b);
    bs_set_allocator(NULL, NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(bytes_and_growth),
        cmocka_unit_test(json_strings),
        cmocka_unit_test(allocation_fails),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
