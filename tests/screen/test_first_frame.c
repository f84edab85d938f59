/*
 * Launch to first frame under the current display (issue 3's target: the
 * window shows its first frame within 150 ms of launch): buyersim plays in
 * a window five times; the median times from spawn to the first frame (the
 * window in its colours), the title frame (the top bar with the scenario's
 * title, before the first layout's fonts) and the first full frame are
 * printed and must come in that order, well within a second. The 150 ms
 * target itself is reported, not asserted: shared CI machines and the
 * sanitizers are slower. Skips (77) without a display.
 */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>

#include "screen.h"

static const char *exe;

static void launch_to_first_frame(void **state)
{
    (void)state;
    double ms[3];
    if (!bs_screen_first_frame(exe, "erp-rollout", 5, ms))
        fail_msg("buyersim did not show its frames under DISPLAY=%s", getenv("DISPLAY"));
    printf("launch to first frame %.0f ms, title frame %.0f ms, first full frame %.0f ms (median of 5)%s\n", ms[0],
           ms[1], ms[2], ms[0] <= 150 ? "" : " - over the 150 ms target");
    assert_true(ms[0] > 0);
    assert_true(ms[1] >= ms[0]);
    assert_true(ms[2] >= ms[1]);
    assert_true(ms[2] < 5000);
}

int main(int argc, char **argv)
{
    const char *d = getenv("DISPLAY");
    if (argc < 2 || !d || !*d) {
        printf("SKIP: no DISPLAY\n");
        return 77;
    }
    exe = argv[1];
    const struct CMUnitTest tests[] = {cmocka_unit_test(launch_to_first_frame)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
