/* Shared by the screen tests: an off-screen app that fails the test with
 * the reason when it cannot be made, and what was drawn (test_render.c,
 * test_sessions.c). Include after cmocka.h and ui.h. */
#ifndef BS_TEST_SCREEN_DRAWN_H
#define BS_TEST_SCREEN_DRAWN_H

/* Lines drawn in the layout's boxes that show exactly this text (the
 * pointer, not a copy of it). */
static inline int drawn_in(const ScrApp *a, const ScrLayout *L, const char *s)
{
    int lines = 0;
    for (int b = 0; b < L->nbox; b++)
        if (L->box[b].kind == K_TEXT && L->box[b].s == s)
            for (int i = 0; i < a->draw.nlog; i++)
                lines += a->draw.log[i].box == b;
    return lines;
}

/* scr_app_create, or the test fails saying why (no font, no renderer). */
static inline ScrApp *test_app(const ScrAppOptions *o)
{
    BsErrors errs;
    bs_errors_init(&errs, "");
    ScrApp *a = scr_app_create(o, &errs);
    char err[1400];
    app_error_line(&errs, 0, err, sizeof err);
    bs_errors_free(&errs);
    if (!a)
        fail_msg("cannot create the screen: %s", err);
    return a;
}

/* scr_app_open_game, or the test fails saying why (`what`: which game). */
static inline void test_open(ScrApp *a, const ScrModelOptions *mo, const char *what)
{
    BsErrors errs;
    bs_errors_init(&errs, "");
    bool opened = scr_app_open_game(a, mo, &errs);
    char err[1400];
    app_error_line(&errs, 0, err, sizeof err);
    bs_errors_free(&errs);
    if (!opened)
        fail_msg("%s: cannot open the game: %s", what, err);
}

/* A phone is played by taps: no text of its layout names a key or the
 * mouse ("(Enter)", "Esc", "F1", "click", "any key", "pointing"; "（回车",
 * "按回车", "鼠标", "任意键": not 回车 alone, which a case's "说回车："
 * has, back to the bus). */
static inline void test_keyless(const ScrLayout *L, const char *what, const char *where)
{
    static const char *const keys[] = {"Enter", "Esc", "F1", "click", "Any key", "any key", "ointing at", "Point at",
                                       "\xEF\xBC\x88\xE5\x9B\x9E\xE8\xBD\xA6", "\xE6\x8C\x89\xE5\x9B\x9E\xE8\xBD\xA6",
                                       "\xE9\xBC\xA0\xE6\xA0\x87", "\xE4\xBB\xBB\xE6\x84\x8F\xE9\x94\xAE"};
    for (int b = 0; b < L->nbox; b++) {
        const char *s = L->box[b].kind == K_TEXT ? L->box[b].s : NULL;
        for (size_t k = 0; s && k < sizeof keys / sizeof keys[0]; k++)
            if (strstr(s, keys[k]))
                fail_msg("%s: %s: a phone's text names a key: \"%.80s\"", what, where, s);
    }
}

#endif
