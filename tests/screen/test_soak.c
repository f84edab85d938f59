/*
 * Issue 6's soak: the demo mode looped for a whole workshop day (8 hours at
 * its pace of 4 s a week, the debrief shown between games), run accelerated
 * off-screen by the software renderer: the clock jumps a second a frame
 * and nothing sleeps. Memory stays flat:
 *   - the text cache stays within its bounds (textures, their bytes,
 *     layouts, fonts: bs_text_frame_stats);
 *   - nothing grows per week: the heap in use (glibc's mallinfo2, which
 *     counts SDL's software textures too) and the resident set at the end
 *     are within a small bound of what they were after the first hour, when
 *     every text of the scenario has been drawn at least once.
 * BUYERSIM_SOAK_HOURS sets the day's length; under AddressSanitizer (whose
 * allocator keeps freed memory in quarantine) an hour is played and only the
 * cache bounds are checked.
 */
#define _GNU_SOURCE /* mallinfo2 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <malloc.h>

#include <cmocka.h>

#include "ui.h"
#include "drawn.h"

#if defined(__SANITIZE_ADDRESS__)
#define BS_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BS_SANITIZED 1
#endif
#endif
#ifndef BS_SANITIZED
#define BS_SANITIZED 0
#endif

/* Memory malloc took from the system (its arena and its mmapped blocks),
 * SDL's software textures and FreeType's faces included. (Bytes in use
 * swing by megabytes as font sizes open and close between the game and the
 * debrief; what the process holds is what must stay flat.) */
static size_t heap_held(void)
{
    struct mallinfo2 mi = mallinfo2();
    return mi.arena + mi.hblkhd;
}

static size_t rss_bytes(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    unsigned long size = 0, res = 0;
    if (f) {
        if (fscanf(f, "%lu %lu", &size, &res) != 2)
            res = 0;
        fclose(f);
    }
    return (size_t)res * (size_t)sysconf(_SC_PAGESIZE);
}

static double wall(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void workshop_day(void **state)
{
    (void)state;
    double hours = BS_SANITIZED ? 1.0 : 8.0;
    const char *h = getenv("BUYERSIM_SOAK_HOURS");
    if (h && atof(h) > 0)
        hours = atof(h);
    PlayArgs pa = {.players = 1, .demo = true, .loop = true, .demo_seconds = 4.0, .lang = "en"};
    ScrAppOptions o = {.w = 1024, .h = 768, .offscreen = true, .args = pa};
    ScrApp *a = test_app(&o);
    ScrModelOptions mo = {.scenario = "erp-rollout", .lang = "en", .save = "", .players = 1,
                          .mode = SCR_MODE_DEMO};
    test_open(a, &mo, "the game");
    assert_true(a->demo && a->loop);

    const double step = 1.0; /* seconds of the demo's clock per frame: four frames a week */
    const double warm = hours >= 2 ? 3600.0 : hours * 1800.0; /* the first hour: every text drawn once */
    double end = hours * 3600.0, t0 = wall();
    long weeks = 0, games = 0, frames = 0, weeks_warm = 0;
    int last_weeks = 0;
    uint64_t last_seed = a->m->p->ss.seed;
    size_t held_warm = 0, rss_warm = 0, held_later = 0, rss_later = 0;
    BsTextStats most = {0};
    for (double t = 0; t < end; t += step) {
        scr_app_frame(a, t);
        frames++;
        /* count the weeks played and the games begun */
        if (a->m->p->ss.seed != last_seed) {
            games++;
            last_seed = a->m->p->ss.seed;
            last_weeks = 0;
        }
        if (a->m->p->ss.nweeks > last_weeks) {
            weeks += a->m->p->ss.nweeks - last_weeks;
            last_weeks = a->m->p->ss.nweeks;
        }
        /* the text cache stays within its bounds, every frame */
        BsTextStats st = bs_text_frame_stats(a->text);
        if (st.textures > most.textures) most.textures = st.textures;
        if (st.texture_bytes > most.texture_bytes) most.texture_bytes = st.texture_bytes;
        if (st.layouts > most.layouts) most.layouts = st.layouts;
        if (st.fonts > most.fonts) most.fonts = st.fonts;
        if (frames % 60 == 0) {
            size_t held = heap_held(), rss = rss_bytes();
            if (t < warm) {
                if (held > held_warm) held_warm = held;
                if (rss > rss_warm) rss_warm = rss;
                weeks_warm = weeks;
            } else {
                if (held > held_later) held_later = held;
                if (rss > rss_later) rss_later = rss;
            }
            if (getenv("BUYERSIM_SOAK_TRACE") && frames % 1800 == 0)
                printf("t=%6.0f weeks=%5ld held=%.2f MB rss=%.2f MB textures=%zu (%.2f MB) layouts=%zu fonts=%zu\n", t,
                       weeks, (double)held / 1048576.0, (double)rss / 1048576.0, st.textures,
                       (double)st.texture_bytes / 1048576.0, st.layouts, st.fonts);
        }
    }
    double secs = wall() - t0;
    printf("soak: %.1f hours of the demo in %.1f s: %ld frames, %ld weeks, %ld games\n", hours, secs, frames, weeks,
           games);
    printf("soak: the first %.1f hour(s): at most %.2f MB held by malloc, RSS %.2f MB\n", warm / 3600.0,
           (double)held_warm / 1048576.0, (double)rss_warm / 1048576.0);
    printf("soak: the %ld weeks after: at most %.2f MB held by malloc, RSS %.2f MB\n", weeks - weeks_warm,
           (double)held_later / 1048576.0, (double)rss_later / 1048576.0);
    printf("soak: the text cache at most: %zu textures (%.2f MB), %zu layouts, %zu fonts\n", most.textures,
           (double)most.texture_bytes / 1048576.0, most.layouts, most.fonts);

    /* a day of play really happened: a week every 4 s, the debrief between games */
    assert_true(weeks >= (long)(end / 4.0 / 1.6));
    assert_true(games >= (long)(end / 4.0 / 20.0));
    /* the cache is bounded (textcache.c: 1024 textures, 128 MiB, 1024 layouts; text.h: 32 fonts) */
    assert_true(most.textures <= 1024);
    assert_true(most.texture_bytes <= (size_t)128 * 1024 * 1024);
    assert_true(most.layouts <= 1024);
    assert_true(most.fonts <= BS_TEXT_MAX_FONTS);
    if (!BS_SANITIZED) {
        /* nothing grows per week: after the first hour, the memory held stays
         * within 4 MB of what it was (4 MB over 4,000 weeks would be 1 KB a week) */
        long dh = (long)held_later - (long)held_warm, dr = (long)rss_later - (long)rss_warm;
        printf("soak: growth after the first hour: malloc %+.2f MB, RSS %+.2f MB\n", (double)dh / 1048576.0,
               (double)dr / 1048576.0);
        assert_true(dh < 4L * 1024 * 1024);
        assert_true(dr < 4L * 1024 * 1024);
    }
    scr_app_destroy(a);
}

int main(void)
{
    setenv("BUYERSIM_DATA", BS_SOURCE_DIR, 0);
    char why[1024];
    BsTextFonts fonts;
    BsErrors fe;
    bs_errors_init(&fe, "");
    bool have_fonts = bs_text_find_fonts(&fonts, &fe);
    app_error_line(&fe, 0, why, sizeof why);
    bs_errors_free(&fe);
    if (!have_fonts) {
        printf("SKIP: no CJK font: %s\n", why);
        return 77;
    }
    const struct CMUnitTest tests[] = {cmocka_unit_test(workshop_day)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
