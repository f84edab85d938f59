/* Words shared by the console and the screen: "{name}" templates from the
 * interface strings, and what a move's outcome means in words. */
#include "app.h"

#include <stdio.h>
#include <string.h>

/*============================================================================
 * Templates: "{name}" placeholders filled from pairs; never printf formats
 * (the strings come from a file).
 *==========================================================================*/
void app_fill(char *out, size_t cap, const char *tmpl, const char *const *kv)
{
    size_t n = 0;
    for (const char *p = tmpl; *p && n + 1 < cap;) {
        bool done = false;
        if (*p == '{') {
            for (int i = 0; kv && kv[i]; i += 2) {
                size_t kl = strlen(kv[i]);
                if (!strncmp(p + 1, kv[i], kl) && p[1 + kl] == '}') {
                    for (const char *v = kv[i + 1]; *v && n + 1 < cap; v++)
                        out[n++] = *v;
                    p += kl + 2;
                    done = true;
                    break;
                }
            }
        }
        if (!done)
            out[n++] = *p++;
    }
    out[n] = '\0';
}

void app_outcome_text(const BsGame *g, const BsStrings *t, int v, const BsMove *mv, char *out, size_t cap)
{
    const BsScenario *s = g->scn;
    static const char *const keys[] = {
        [BS_MO_NEED_REVEALED] = "outcome.need_revealed", [BS_MO_NEED_EXPLICIT] = "outcome.need_explicit",
        [BS_MO_ADDRESSED] = "outcome.addressed", [BS_MO_ACCEPTED] = "outcome.accepted",
        [BS_MO_OBJ_RAISED] = "outcome.obj_raised", [BS_MO_OBJ_HARDENED] = "outcome.obj_hardened",
        [BS_MO_OBJ_ACKED] = "outcome.obj_acked", [BS_MO_OBJ_RESOLVED] = "outcome.obj_resolved",
        [BS_MO_GIFT_OK] = "outcome.gift_ok", [BS_MO_GIFT_REFUSED] = "outcome.gift_refused",
        [BS_MO_GIFT_TAKEN] = "outcome.gift_taken", [BS_MO_NOT_READY] = "outcome.not_ready",
        [BS_MO_READY] = "outcome.ready",
    };
    out[0] = '\0';
    if (mv->outcome >= sizeof keys / sizeof keys[0] || !keys[mv->outcome])
        return;
    const char *target = "";
    switch (mv->outcome) {
    case BS_MO_NEED_REVEALED: case BS_MO_NEED_EXPLICIT:
        target = mv->target >= 0 ? s->needs[mv->target].label : ""; break;
    case BS_MO_ACCEPTED:
        target = mv->target >= 0 ? s->messages[mv->target].label : ""; break;
    case BS_MO_OBJ_RAISED: case BS_MO_OBJ_HARDENED: case BS_MO_OBJ_ACKED: case BS_MO_OBJ_RESOLVED:
        target = mv->target >= 0 ? s->objections[mv->target].label : ""; break;
    default: break;
    }
    const char *kv[] = {"target", target, "vendor", g->scn->vendors[v].name, "buyer", s->buyer_name, NULL};
    app_fill(out, cap, bs_str(t, keys[mv->outcome]), kv);
}


void app_json_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(f, "\\%c", *p);
        else if (*p < 0x20)
            fprintf(f, "\\u%04x", *p);
        else
            fputc(*p, f);
    }
    fputc('"', f);
}

const char *app_outcome_key(BsOutcomeKind k, int winner, int me)
{
    if (k == BS_OUT_NO_DECISION)
        return "debrief.no_decision";
    if (k == BS_OUT_DECIDED)
        return winner == me ? "debrief.won" : "debrief.lost";
    return "debrief.unfinished";
}
