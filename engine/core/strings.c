/* Interface strings: assets/lang/<lang>.json, nested objects flattened to
 * dotted keys ("action.pitch.label"), looked up by binary search. */
#include "bs.h"
#include "internal/json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char *key, *text;
} Entry;

struct BsStrings {
    Entry *e;
    int n, cap;
};

static bool add(BsStrings *t, const char *key, const char *text)
{
    if (t->n == t->cap) {
        int ncap = t->cap ? t->cap * 2 : 256;
        Entry *ne = bs_realloc(t->e, (size_t)ncap * sizeof *ne);
        if (!ne)
            return false;
        t->e = ne;
        t->cap = ncap;
    }
    char *k = bs_strdup(key), *x = bs_strdup(text);
    if (!k || !x) {
        bs_free(k);
        bs_free(x);
        return false;
    }
    t->e[t->n].key = k;
    t->e[t->n].text = x;
    t->n++;
    return true;
}

static bool walk(BsStrings *t, const BsJson *j, const cJSON *n, char *prefix, size_t plen, BsErrors *errs)
{
    for (const cJSON *c = n->child; c; c = c->next) {
        int w = snprintf(prefix + plen, 256 - plen, "%s%s", plen ? "." : "", c->string);
        if (w < 0 || plen + (size_t)w >= 256)
            continue;
        if (cJSON_IsObject(c)) {
            if (!walk(t, j, c, prefix, plen + (size_t)w, errs))
                return false;
        } else if (cJSON_IsString(c)) {
            if (!add(t, prefix, c->valuestring)) {
                bs_errors_add(errs, BS_E_MEMORY, 0, 0, "", "out of memory");
                return false;
            }
        } else {
            int l, col;
            bs_json_pos(j, c, &l, &col);
            bs_errors_add(errs, BS_E_TYPE, l, col, prefix, "an interface string must be text");
        }
        prefix[plen] = '\0';
    }
    return true;
}

static int cmp_entry(const void *a, const void *b)
{
    return strcmp(((const Entry *)a)->key, ((const Entry *)b)->key);
}

void bs_strings_free(BsStrings *t)
{
    if (!t)
        return;
    for (int i = 0; i < t->n; i++) {
        bs_free(t->e[i].key);
        bs_free(t->e[i].text);
    }
    bs_free(t->e);
    bs_free(t);
}

BsStrings *bs_strings_load(const char *path, BsErrors *errs)
{
    size_t len;
    char *text = bs_read_file(path, BS_MAX_FILE_BYTES, &len, errs);
    if (!text)
        return NULL;
    int before = errs->count + errs->dropped;
    BsStrings *t = bs_malloc(sizeof *t);
    BsJson j;
    bool ok = false;
    if (t) {
        memset(t, 0, sizeof *t);
        if (bs_json_parse(&j, text, len, errs)) {
            char prefix[256] = "";
            if (!cJSON_IsObject(j.root))
                bs_errors_add(errs, BS_E_TYPE, 1, 1, "", "interface strings must be an object");
            else
                ok = walk(t, &j, j.root, prefix, 0, errs);
            bs_json_free(&j);
        }
    } else {
        bs_errors_add(errs, BS_E_MEMORY, 0, 0, "", "out of memory");
    }
    bs_free(text);
    if (!ok || errs->count + errs->dropped > before) {
        bs_strings_free(t);
        return NULL;
    }
    if (t->n > 1)
        qsort(t->e, (size_t)t->n, sizeof *t->e, cmp_entry);
    return t;
}

const char *bs_str_or(const BsStrings *t, const char *key, const char *fallback)
{
    if (t && t->n > 0) {
        Entry k = {(char *)(uintptr_t)key, NULL};
        const Entry *e = bsearch(&k, t->e, (size_t)t->n, sizeof *t->e, cmp_entry);
        if (e)
            return e->text;
    }
    return fallback;
}

const char *bs_str(const BsStrings *t, const char *key) { return bs_str_or(t, key, key); }

const char *bs_action_text(const BsScenario *s, const BsStrings *t, int action, const char *field)
{
    const BsAction *a = &s->actions[action];
    const char *own = !strcmp(field, "label") ? a->label
                    : !strcmp(field, "why_good") ? a->why_good
                    : !strcmp(field, "why_bad") ? a->why_bad
                    : !strncmp(field, "thought", 7) ? a->thought : NULL;
    if (own)
        return own;
    char key[128];
    snprintf(key, sizeof key, "action.%s.%s", a->id, field);
    const char *r = bs_str_or(t, key, NULL);
    if (r)
        return r;
    if (action >= BS_A_BUILTIN_COUNT && a->kind < BS_A_BUILTIN_COUNT) { /* an added action falls back on its base's text */
        snprintf(key, sizeof key, "action.%s.%s", bs_builtin_action_ids[a->kind], field);
        r = bs_str_or(t, key, NULL);
        if (r && strcmp(field, "label") && strcmp(field, "did"))
            return r;
    }
    if (!strcmp(field, "did")) /* the feed's verb phrase falls back on the label */
        return bs_action_text(s, t, action, "label");
    return !strcmp(field, "label") ? a->id : "";
}

const char *bs_event_text(const BsScenario *s, const BsStrings *t, int event, const char *field)
{
    const BsEvent *ev = &s->events[event];
    const char *own = !strcmp(field, "label") ? ev->label : !strcmp(field, "say") ? ev->say
                    : !strcmp(field, "think") ? ev->think : NULL;
    if (own)
        return own;
    char key[128];
    snprintf(key, sizeof key, "event.%s.%s", ev->id, field);
    const char *r = bs_str_or(t, key, NULL);
    if (r)
        return r;
    return !strcmp(field, "label") ? ev->id : "";
}

/* What the move did, for choosing words; a move not measured (batch
 * simulation) is read from its verdict. */
static int result_of(const BsMove *mv)
{
    if (mv->result > BS_MR_NONE && mv->result < BS_MR_COUNT)
        return mv->result;
    return mv->verdict > 0 ? BS_MR_WORKED : mv->verdict < 0 ? BS_MR_BACKFIRED : BS_MR_FLAT;
}

/* line 0: what the buyer says, 1: what she thinks. */
static const char *reaction(const BsScenario *s, const BsStrings *t, const BsMove *mv, int line)
{
    if (mv->action < 0)
        return "";
    int r = result_of(mv);
    const BsAction *a = &s->actions[mv->action];
    if (mv->choice >= 0 && mv->state >= 0) {
        const BsChoice *c = &s->states[mv->state].choices[mv->choice];
        if (c->react[r][line])
            return c->react[r][line];
        if (line == 1 && r == BS_MR_WORKED && c->think) /* a choice's think: its reaction when it works */
            return c->think;
    }
    if (a->react[r][line])
        return a->react[r][line];
    if (line == 1 && r == BS_MR_WORKED && a->thought)
        return a->thought;
    if (line == 0) /* the interface has no words for her to say: only thoughts */
        return "";
    char key[128];
    snprintf(key, sizeof key, "action.%s.react.%s", a->id, bs_move_result_ids[r]);
    const char *x = bs_str_or(t, key, NULL);
    if (!x && mv->action >= BS_A_BUILTIN_COUNT && a->kind < BS_A_BUILTIN_COUNT) {
        snprintf(key, sizeof key, "action.%s.react.%s", bs_builtin_action_ids[a->kind], bs_move_result_ids[r]);
        x = bs_str_or(t, key, NULL);
    }
    if (!x) {
        snprintf(key, sizeof key, "react.%s", bs_move_result_ids[r]);
        x = bs_str_or(t, key, NULL);
    }
    return x ? x : "";
}

const char *bs_move_thought(const BsScenario *s, const BsStrings *t, const BsMove *mv)
{
    return reaction(s, t, mv, 1);
}

const char *bs_move_say(const BsScenario *s, const BsStrings *t, const BsMove *mv)
{
    return reaction(s, t, mv, 0);
}

const char *bs_move_why(const BsScenario *s, const BsStrings *t, const BsMove *mv)
{
    if (mv->action < 0)
        return "";
    switch (result_of(mv)) {
    case BS_MR_WORKED: return bs_action_text(s, t, mv->action, "why_good");
    case BS_MR_FLAT: {
        const char *w = bs_action_text(s, t, mv->action, "why_flat");
        return *w ? w : bs_action_text(s, t, mv->action, "why_bad");
    }
    case BS_MR_REPEATED: {
        const char *w = bs_action_text(s, t, mv->action, "why_repeated");
        return *w ? w : bs_str_or(t, "why.repeated", "");
    }
    default: return bs_action_text(s, t, mv->action, "why_bad");
    }
}
