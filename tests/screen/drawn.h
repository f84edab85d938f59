/* Shared by the screen tests that read what was drawn (test_render.c,
 * test_sessions.c). Include after ui.h. */
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

#endif
