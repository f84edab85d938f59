/* Shared by the tests of the play controller and of the screen: how many
 * weeks a save holds. Include after engine/app/play.h (ui.h includes it). */
#ifndef BS_TEST_APP_SAVED_H
#define BS_TEST_APP_SAVED_H

/* The weeks the save at path holds, -1 when it cannot be read. */
static inline int saved_weeks(const char *path)
{
    AppPlayOptions o = {.resume = path, .save = "", .players = 1};
    BsErrors e;
    bs_errors_init(&e, path);
    AppPlay *p = app_play_open(&o, &e);
    bs_errors_free(&e);
    int n = p ? p->ss.nweeks : -1;
    app_play_free(p);
    return n;
}

#endif
