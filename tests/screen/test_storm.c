/*
 * A storm of SDL events against a real window (SDL's dummy video driver):
 * resizes, minimise and restore, focus, displays connected and disconnected
 * (with indices that no longer exist), render target and device resets,
 * fullscreen toggles, overlays, mouse moves. The game must stay alive, keep
 * drawing inside the screen, and keep its session exactly as it was; the
 * next move and the autosave still work.
 */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "ui.h"

static double t;

static void pump(ScrApp *a)
{
    SDL_Event e;
    while (SDL_PollEvent(&e))
        scr_app_event(a, &e);
    scr_app_frame(a, t);
    t += 1.0 / 60;
}

static void key(SDL_Keycode k)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_KEYDOWN;
    e.key.keysym.sym = k;
    e.key.state = SDL_PRESSED;
    SDL_PushEvent(&e);
    e.type = SDL_KEYUP;
    e.key.state = SDL_RELEASED;
    SDL_PushEvent(&e);
}

static void window_event(ScrApp *a, Uint8 ev, int d1, int d2)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_WINDOWEVENT;
    e.window.windowID = SDL_GetWindowID(a->win);
    e.window.event = ev;
    e.window.data1 = d1;
    e.window.data2 = d2;
    SDL_PushEvent(&e);
}

static void check_frame(const ScrApp *a)
{
    char msg[600];
    if (a->screen == SCR_GAME && scr_layout_check(a->lay, msg, sizeof msg))
        fail_msg("layout: %s", msg);
    SDL_Rect screen = {0, 0, a->out_w, a->out_h};
    for (int i = 0; i < a->draw.nlog; i++)
        if (!scr_rect_inside(a->draw.log[i].r, screen))
            fail_msg("a line drawn off the screen after the storm");
}

static void the_storm(void **state)
{
    (void)state;
    char save[256], err[1400];
    snprintf(save, sizeof save, "/tmp/buyersim-storm-%d.json", (int)getpid());
    remove(save);
    PlayArgs pa = {.players = 1, .demo_seconds = 4.0};
    ScrAppOptions o = {.w = 1280, .h = 720, .args = pa};
    BsErrors errs;
    bs_errors_init(&errs, "");
    ScrApp *a = scr_app_create(&o, &errs);
    app_error_line(&errs, 0, err, sizeof err);
    bs_errors_free(&errs);
    if (!a) {
        print_message("SKIP: %s\n", err);
        skip();
    }
    /* the game reads keys, not text: no input method between the keys and
     * the game, and Xlib's compose table left empty unless the user chose one */
    assert_false(SDL_IsTextInputActive());
    assert_non_null(getenv("XCOMPOSEFILE"));
    assert_string_equal(getenv("XCOMPOSEFILE"), "/dev/null");
    a->draw.log_cap = SCR_MAX_DRAWN;
    a->draw.log = calloc(SCR_MAX_DRAWN, sizeof *a->draw.log);
    ScrModelOptions mo = {.scenario = "erp-rollout", .lang = "en", .save = save, .players = 1};
    bs_errors_init(&errs, "");
    assert_true(scr_app_open_game(a, &mo, &errs));
    bs_errors_free(&errs);
    pump(a);
    /* three weeks with the keyboard */
    for (int w = 0; w < 3; w++) {
        key(SDLK_1);
        for (int i = 0; i < 3; i++)
            pump(a);
    }
    assert_int_equal(a->m->p->ss.nweeks, 3);
    uint64_t hash = bs_game_hash(&a->m->p->g);
    BsSession before = a->m->p->ss;

    uint32_t s = 2024;
    int frames0 = a->frames;
    for (int i = 0; i < 3000; i++) {
        s = s * 1664525u + 1013904223u;
        int kind = (int)(s >> 24) % 16;
        int w = 320 + (int)((s >> 8) % 3600), h = 240 + (int)((s >> 12) % 2000);
        SDL_Event e;
        memset(&e, 0, sizeof e);
        switch (kind) {
        case 0: SDL_SetWindowSize(a->win, w, h); break;
        case 1: window_event(a, SDL_WINDOWEVENT_SIZE_CHANGED, w, h); break;
        case 2: window_event(a, SDL_WINDOWEVENT_RESIZED, w, h); break;
        case 3: window_event(a, SDL_WINDOWEVENT_MINIMIZED, 0, 0); break;
        case 4: window_event(a, SDL_WINDOWEVENT_RESTORED, 0, 0); break;
        case 5: window_event(a, (s & 1) ? SDL_WINDOWEVENT_FOCUS_LOST : SDL_WINDOWEVENT_FOCUS_GAINED, 0, 0); break;
        case 6: window_event(a, SDL_WINDOWEVENT_DISPLAY_CHANGED, (int)(s % 7), 0); break;
        case 7:
        case 8:
            e.type = SDL_DISPLAYEVENT;
            e.display.display = (Uint32)(s % 9); /* displays that may not exist */
            e.display.event = kind == 7 ? SDL_DISPLAYEVENT_CONNECTED : SDL_DISPLAYEVENT_DISCONNECTED;
            SDL_PushEvent(&e);
            break;
        case 9: e.type = SDL_RENDER_TARGETS_RESET; SDL_PushEvent(&e); break;
        case 10: e.type = SDL_RENDER_DEVICE_RESET; SDL_PushEvent(&e); break;
        case 11: key(SDLK_F11); break;
        case 12: key((s & 2) ? SDLK_F1 : SDLK_r); break;
        case 13: key(SDLK_ESCAPE); break;
        case 14:
            e.type = SDL_MOUSEMOTION;
            e.motion.x = (Sint32)(s % 4000);
            e.motion.y = (Sint32)((s >> 4) % 3000);
            SDL_PushEvent(&e);
            break;
        default: window_event(a, SDL_WINDOWEVENT_EXPOSED, 0, 0); break;
        }
        if (i % 7 == 0)
            pump(a);
    }
    /* calm again: back to a window, panels closed */
    SDL_SetWindowFullscreen(a->win, 0);
    a->fullscreen = false;
    a->help = a->reveal = false;
    SDL_SetWindowSize(a->win, 1280, 720);
    window_event(a, SDL_WINDOWEVENT_RESTORED, 0, 0);
    for (int i = 0; i < 5; i++)
        pump(a);
    assert_false(a->quit);
    assert_non_null(a->ren);
    assert_true(a->frames > frames0 + 300);
    assert_true(a->resets > 0);
    check_frame(a);
    /* the session is exactly as it was */
    assert_int_equal(a->m->p->ss.nweeks, before.nweeks);
    assert_memory_equal(a->m->p->ss.moves, before.moves, sizeof before.moves);
    assert_true(bs_game_hash(&a->m->p->g) == hash);
    /* the game goes on, and saves */
    key(SDLK_1);
    pump(a);
    pump(a);
    assert_int_equal(a->m->p->ss.nweeks, 4);
    BsSession loaded;
    BsErrors e;
    bs_errors_init(&e, save);
    assert_true(bs_session_load(&loaded, save, a->m->p->scn, NULL, 0, &e));
    bs_errors_free(&e);
    assert_int_equal(loaded.nweeks, 4);
    /* closing the window saves and ends the loop */
    SDL_Event q;
    memset(&q, 0, sizeof q);
    q.type = SDL_QUIT;
    SDL_PushEvent(&q);
    pump(a);
    assert_true(a->quit);
    scr_app_destroy(a);
    remove(save);
    char bak[300], log[300];
    snprintf(bak, sizeof bak, "%s.bak", save);
    remove(bak);
    snprintf(log, sizeof log, "/tmp/buyersim-storm-%d.log.jsonl", (int)getpid());
    remove(log);
    SDL_Quit();
}

int main(void)
{
    setenv("BUYERSIM_DATA", BS_SOURCE_DIR, 0);
    setenv("SDL_VIDEODRIVER", "dummy", 0);
    unsetenv("XCOMPOSEFILE");
    BsTextFonts fonts;
    char why[512];
    BsErrors fe;
    bs_errors_init(&fe, "");
    bool have_fonts = bs_text_find_fonts(&fonts, &fe);
    app_error_line(&fe, 0, why, sizeof why);
    bs_errors_free(&fe);
    if (!have_fonts) {
        printf("SKIP: no CJK font: %s\n", why);
        return 77;
    }
    const struct CMUnitTest tests[] = {cmocka_unit_test(the_storm)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
