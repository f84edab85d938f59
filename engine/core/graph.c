/* The dialogue state machine as Graphviz DOT. */
#include "bs.h"

#include <stdio.h>
#include <string.h>

static void dot_string(FILE *f, const char *s, size_t max)
{
    fputc('"', f);
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++, n++) {
        if (n >= max && (*p & 0xC0) != 0x80) {
            fputs("…", f);
            break;
        }
        if (*p == '"' || *p == '\\')
            fputc('\\', f);
        if (*p == '\n')
            fputs("\\n", f);
        else
            fputc(*p, f);
    }
    fputc('"', f);
}

void bs_scenario_graph(const BsScenario *s, void *stream)
{
    FILE *f = stream;
    fprintf(f, "digraph ");
    dot_string(f, s->id, 64);
    fprintf(f, " {\n  rankdir=LR;\n  node [shape=box, style=rounded, fontname=\"Noto Sans CJK SC\"];\n"
               "  edge [fontname=\"Noto Sans CJK SC\", fontsize=10];\n");
    fprintf(f, "  __start [shape=point];\n  __start -> ");
    dot_string(f, s->states[s->start].id, 64);
    fprintf(f, ";\n");
    for (int i = 0; i < s->nstates; i++) {
        const BsState *st = &s->states[i];
        char label[512];
        snprintf(label, sizeof label, "%s\n%.60s", st->id, st->say ? st->say : "");
        fprintf(f, "  ");
        dot_string(f, st->id, 64);
        fprintf(f, " [label=");
        dot_string(f, label, 90);
        fprintf(f, "%s];\n", st->end ? ", shape=doubleoctagon" : "");
    }
    for (int i = 0; i < s->nstates; i++) {
        const BsState *st = &s->states[i];
        for (int c = 0; c < st->nchoices; c++) {
            const BsChoice *ch = &st->choices[c];
            int to = ch->next >= 0 ? ch->next : i;
            char label[128];
            snprintf(label, sizeof label, "%d. %s%s", c + 1, s->actions[ch->action].id, ch->when ? " [if]" : "");
            fprintf(f, "  ");
            dot_string(f, st->id, 64);
            fprintf(f, " -> ");
            dot_string(f, s->states[to].id, 64);
            fprintf(f, " [label=");
            dot_string(f, label, 60);
            fprintf(f, "];\n");
        }
        for (int a = 0; a < st->nauto; a++) {
            fprintf(f, "  ");
            dot_string(f, st->id, 64);
            fprintf(f, " -> ");
            dot_string(f, s->states[st->autos[a].next].id, 64);
            fprintf(f, " [style=dashed, label=\"auto\"];\n");
        }
    }
    for (int e = 0; e < s->nevents; e++) {
        if (s->events[e].go < 0)
            continue;
        char id[80];
        snprintf(id, sizeof id, "event:%s", s->events[e].id);
        fprintf(f, "  ");
        dot_string(f, id, 80);
        fprintf(f, " [shape=note];\n  ");
        dot_string(f, id, 80);
        fprintf(f, " -> ");
        dot_string(f, s->states[s->events[e].go].id, 64);
        fprintf(f, " [style=dotted];\n");
    }
    fprintf(f, "}\n");
}
