/* Loading a scenario: strict JSON -> validated, compiled BsScenario.
 *
 * Every problem is reported (not just the first) with the position of the
 * offending value. The loader works in passes: ids first (so references
 * resolve in any order), then everything that refers to them, then the
 * graph checks. A scenario loads whole or not at all; afterwards nothing
 * refers to cJSON. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "bs.h"
#include "internal/catalog.h"
#include "internal/json.h"
#include "internal/scenario_load.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*============================================================================
 * Arena: every string and array of a scenario, freed at once.
 *==========================================================================*/
typedef struct Chunk {
    struct Chunk *next;
    size_t used, cap;
    /* data follows, max-aligned */
} Chunk;

struct Arena {
    Chunk *head;
    bool failed;
};

#define ALIGN 16u
void *ld_arena_alloc(Arena *a, size_t n)
{
    n = (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    if (!a->head || a->head->used + n > a->head->cap) {
        size_t cap = n > 32768 ? n : 32768;
        Chunk *c = bs_malloc(sizeof(Chunk) + ALIGN + cap);
        if (!c) {
            a->failed = true;
            return NULL;
        }
        c->next = a->head;
        c->used = 0;
        c->cap = cap;
        a->head = c;
    }
    char *base = (char *)a->head + ((sizeof(Chunk) + ALIGN - 1) & ~(size_t)(ALIGN - 1));
    void *p = base + a->head->used;
    a->head->used += n;
    memset(p, 0, n);
    return p;
}

static void arena_free(Arena *a)
{
    for (Chunk *c = a->head, *n; c; c = n) {
        n = c->next;
        bs_free(c);
    }
    a->head = NULL;
}

static char *arena_str(Arena *a, const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = ld_arena_alloc(a, n);
    if (d)
        memcpy(d, s, n);
    return d;
}

/*============================================================================
 * Loader context and reporting
 *==========================================================================*/
void ld_errat(Ld *L, const cJSON *node, BsErrKind kind, const char *fmt, ...)
{
    int l = 0, c = 0;
    bs_json_pos(&L->j, node, &l, &c);
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    bs_errors_add(L->errs, kind, l, c, L->path.buf, "%s", msg);
}

const char *ld_type_name(const cJSON *n)
{
    if (cJSON_IsObject(n)) return "an object";
    if (cJSON_IsArray(n)) return "an array";
    if (cJSON_IsString(n)) return "a string";
    if (cJSON_IsNumber(n)) return "a number";
    if (cJSON_IsBool(n)) return "true/false";
    if (cJSON_IsNull(n)) return "null";
    return "?";
}

char *ld_str(Ld *L, const char *s)
{
    char *d = arena_str(L->a, s);
    if (!d)
        L->oom = true;
    return d;
}

/* Levenshtein distance for "did you mean" on unknown keys and ids. */
static int edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 40 || lb > 40)
        return 99;
    int d[41][41];
    for (size_t i = 0; i <= la; i++) d[i][0] = (int)i;
    for (size_t k = 0; k <= lb; k++) d[0][k] = (int)k;
    for (size_t i = 1; i <= la; i++)
        for (size_t k = 1; k <= lb; k++) {
            int c = d[i - 1][k - 1] + (a[i - 1] != b[k - 1]);
            if (d[i - 1][k] + 1 < c) c = d[i - 1][k] + 1;
            if (d[i][k - 1] + 1 < c) c = d[i][k - 1] + 1;
            d[i][k] = c;
        }
    return d[la][lb];
}

const char *ld_suggest(const char *word, const char *const *cands, int n)
{
    const char *best = NULL;
    int bd = 3;
    for (int i = 0; i < n; i++) {
        if (!cands[i])
            continue;
        int d = edit_distance(word, cands[i]);
        if (d < bd) {
            bd = d;
            best = cands[i];
        }
    }
    return best;
}

/* Checks that `obj` is an object holding only `keys` (plus "$schema" at the
 * root); reports unknown keys with a suggestion. */
bool ld_check_obj(Ld *L, const cJSON *obj, const char *const *keys, int nkeys, const char *what)
{
    if (!cJSON_IsObject(obj)) {
        ld_errat(L, obj, BS_E_TYPE, "%s must be an object, not %s", what, ld_type_name(obj));
        return false;
    }
    for (const cJSON *c = obj->child; c; c = c->next) {
        bool ok = false;
        for (int i = 0; i < nkeys && !ok; i++)
            ok = !strcmp(c->string, keys[i]);
        if (ok)
            continue;
        size_t old = bs_path_key(&L->path, c->string);
        const char *s = ld_suggest(c->string, keys, nkeys);
        if (s)
            ld_errat(L, c, BS_E_KEY, "unknown key \"%s\" in %s (did you mean \"%s\"?)", c->string, what, s);
        else
            ld_errat(L, c, BS_E_KEY, "unknown key \"%s\" in %s", c->string, what);
        bs_path_pop(&L->path, old);
    }
    return true;
}

const cJSON *ld_get(const cJSON *obj, const char *key)
{
    return cJSON_IsObject(obj) ? cJSON_GetObjectItemCaseSensitive(obj, key) : NULL;
}

void ld_missing(Ld *L, const cJSON *obj, const char *key)
{
    ld_errat(L, obj, BS_E_KEY, "missing required key \"%s\"", key);
}

/* Text field: a string of at most BS_MAX_STRING bytes; arena copy or NULL. */
const char *ld_text_field(Ld *L, const cJSON *obj, const char *key, bool required)
{
    const cJSON *n = ld_get(obj, key);
    if (!n) {
        if (required)
            ld_missing(L, obj, key);
        return NULL;
    }
    size_t old = bs_path_key(&L->path, key);
    const char *r = NULL;
    if (!cJSON_IsString(n)) {
        ld_errat(L, n, BS_E_TYPE, "must be a string, not %s", ld_type_name(n));
    } else if (strlen(n->valuestring) > BS_MAX_STRING) {
        ld_errat(L, n, BS_E_RANGE, "text is longer than %d bytes", BS_MAX_STRING);
    } else if (required && !n->valuestring[0]) {
        ld_errat(L, n, BS_E_RANGE, "must not be empty");
    } else {
        r = ld_str(L, n->valuestring);
    }
    bs_path_pop(&L->path, old);
    return r;
}

bool ld_valid_id(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 48)
        return false;
    if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z') || s[0] == '_'))
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-'))
            return false;
    }
    return true;
}

const char *ld_id_field(Ld *L, const cJSON *obj, const char *key, bool required)
{
    const cJSON *n = ld_get(obj, key);
    if (!n) {
        if (required)
            ld_missing(L, obj, key);
        return NULL;
    }
    size_t old = bs_path_key(&L->path, key);
    const char *r = NULL;
    if (!cJSON_IsString(n))
        ld_errat(L, n, BS_E_TYPE, "must be a string, not %s", ld_type_name(n));
    else if (!ld_valid_id(n->valuestring))
        ld_errat(L, n, BS_E_RANGE,
                 "\"%.60s\" is not a valid id (letters, digits, _ and -, at most 48, not starting with a digit)",
                 n->valuestring);
    else
        r = ld_str(L, n->valuestring);
    bs_path_pop(&L->path, old);
    return r;
}

double ld_num_field(Ld *L, const cJSON *obj, const char *key, bool required, double def,
                        double lo, double hi, bool integer)
{
    const cJSON *n = ld_get(obj, key);
    if (!n) {
        if (required)
            ld_missing(L, obj, key);
        return def;
    }
    size_t old = bs_path_key(&L->path, key);
    double v = def;
    if (!cJSON_IsNumber(n)) {
        ld_errat(L, n, BS_E_TYPE, "must be a number, not %s", ld_type_name(n));
    } else if (!(n->valuedouble >= lo && n->valuedouble <= hi)) {
        ld_errat(L, n, BS_E_RANGE, "%g is out of range (%g to %g)", n->valuedouble, lo, hi);
    } else if (integer && n->valuedouble != (double)(long long)n->valuedouble) {
        ld_errat(L, n, BS_E_TYPE, "must be a whole number, not %g", n->valuedouble);
    } else {
        v = n->valuedouble;
    }
    bs_path_pop(&L->path, old);
    return v;
}

bool ld_bool_field(Ld *L, const cJSON *obj, const char *key, bool def)
{
    const cJSON *n = ld_get(obj, key);
    if (!n)
        return def;
    if (!cJSON_IsBool(n)) {
        size_t old = bs_path_key(&L->path, key);
        ld_errat(L, n, BS_E_TYPE, "must be true or false, not %s", ld_type_name(n));
        bs_path_pop(&L->path, old);
        return def;
    }
    return cJSON_IsTrue(n);
}

/*============================================================================
 * Id lookups
 *==========================================================================*/
int ld_find_need(const BsScenario *s, const char *id)
{
    for (int i = 0; i < s->nneeds; i++)
        if (s->needs[i].id && !strcmp(s->needs[i].id, id))
            return i;
    return -1;
}
int ld_find_message(const BsScenario *s, const char *id)
{
    for (int i = 0; i < s->nmessages; i++)
        if (s->messages[i].id && !strcmp(s->messages[i].id, id))
            return i;
    return -1;
}
int ld_find_objection(const BsScenario *s, const char *id)
{
    for (int i = 0; i < s->nobjections; i++)
        if (s->objections[i].id && !strcmp(s->objections[i].id, id))
            return i;
    return -1;
}
int ld_find_vendor(const BsScenario *s, const char *id)
{
    for (int i = 0; i < s->nvendors; i++)
        if (s->vendors[i].id && !strcmp(s->vendors[i].id, id))
            return i;
    return -1;
}
int bs_scenario_action(const BsScenario *s, const char *id)
{
    for (int i = 0; i < s->nactions; i++)
        if (s->actions[i].id && !strcmp(s->actions[i].id, id))
            return i;
    return -1;
}
int bs_scenario_state(const BsScenario *s, const char *id)
{
    for (int i = 0; i < s->nstates; i++)
        if (s->states[i].id && !strcmp(s->states[i].id, id))
            return i;
    return -1;
}
int bs_scenario_policy(const BsScenario *s, const char *name)
{
    for (int i = 0; i < s->npolicies; i++)
        if (s->policies[i].name && !strcmp(s->policies[i].name, name))
            return i;
    return -1;
}

bool bs_policy_resolve(const BsScenario *s, const char *name, int *policy, int *arg)
{
    *arg = -1;
    if (!strcmp(name, "random")) {
        *policy = BS_POLICY_RANDOM;
        return true;
    }
    if (!strncmp(name, "always:", 7)) {
        int a = bs_scenario_action(s, name + 7);
        if (a < 0)
            return false;
        *policy = BS_POLICY_ALWAYS;
        *arg = a;
        return true;
    }
    int p = bs_scenario_policy(s, name);
    if (p < 0)
        return false;
    *policy = p;
    return true;
}

/* Reference to an id of some kind; reports unknown ids with a suggestion. */
static const char *const ref_names[] = {"need", "message", "objection", "action", "state", "vendor"};

static int ref_lookup(const BsScenario *s, RefKind k, const char *id)
{
    switch (k) {
    case REF_NEED: return ld_find_need(s, id);
    case REF_MESSAGE: return ld_find_message(s, id);
    case REF_OBJECTION: return ld_find_objection(s, id);
    case REF_ACTION: return bs_scenario_action(s, id);
    case REF_STATE: return bs_scenario_state(s, id);
    case REF_VENDOR: return ld_find_vendor(s, id);
    }
    return -1;
}

int ld_ref_candidates(const BsScenario *s, RefKind k, const char **out, int cap)
{
    int n = 0;
    switch (k) {
    case REF_NEED: for (int i = 0; i < s->nneeds && n < cap; i++) out[n++] = s->needs[i].id; break;
    case REF_MESSAGE: for (int i = 0; i < s->nmessages && n < cap; i++) out[n++] = s->messages[i].id; break;
    case REF_OBJECTION: for (int i = 0; i < s->nobjections && n < cap; i++) out[n++] = s->objections[i].id; break;
    case REF_ACTION: for (int i = 0; i < s->nactions && n < cap; i++) out[n++] = s->actions[i].id; break;
    case REF_STATE: for (int i = 0; i < s->nstates && n < cap; i++) out[n++] = s->states[i].id; break;
    case REF_VENDOR: for (int i = 0; i < s->nvendors && n < cap; i++) out[n++] = s->vendors[i].id; break;
    }
    return n;
}

int ld_ref_node(Ld *L, const cJSON *n, RefKind k)
{
    if (!cJSON_IsString(n)) {
        ld_errat(L, n, BS_E_TYPE, "must be a %s id (a string), not %s", ref_names[k], ld_type_name(n));
        return -1;
    }
    int i = ref_lookup(L->s, k, n->valuestring);
    if (i < 0) {
        const char *cands[BS_MAX_STATES];
        int nc = ld_ref_candidates(L->s, k, cands, BS_MAX_STATES);
        const char *sg = ld_suggest(n->valuestring, cands, nc);
        if (sg)
            ld_errat(L, n, BS_E_REF, "unknown %s \"%.60s\" (did you mean \"%s\"?)", ref_names[k],
                     n->valuestring, sg);
        else
            ld_errat(L, n, BS_E_REF, "unknown %s \"%.60s\"", ref_names[k], n->valuestring);
    }
    return i;
}

int ld_ref_field(Ld *L, const cJSON *obj, const char *key, RefKind k, bool required)
{
    const cJSON *n = ld_get(obj, key);
    if (!n) {
        if (required)
            ld_missing(L, obj, key);
        return -1;
    }
    size_t old = bs_path_key(&L->path, key);
    int r = ld_ref_node(L, n, k);
    bs_path_pop(&L->path, old);
    return r;
}

/*============================================================================
 * Pools: conditions and effects
 *==========================================================================*/
static bool grow(void **p, int *cap, int need, size_t sz)
{
    if (need <= *cap)
        return true;
    int ncap = *cap ? *cap * 2 : 64;
    while (ncap < need)
        ncap *= 2;
    void *n = bs_realloc(*p, (size_t)ncap * sz);
    if (!n)
        return false;
    *p = n;
    *cap = ncap;
    return true;
}

static int add_cond(Ld *L, BsCond c)
{
    if (L->nconds >= 65535) {
        ld_errat(L, NULL, BS_E_LIMIT, "too many conditions");
        return 0;
    }
    if (!grow((void **)&L->conds, &L->cconds, L->nconds + 1, sizeof(BsCond))) {
        L->oom = true;
        return 0;
    }
    L->conds[L->nconds] = c;
    return L->nconds++;
}

BsRange ld_add_effects(Ld *L, const BsEffect *e, int n)
{
    BsRange r = {0, 0};
    if (n == 0)
        return r;
    if (L->neffects + n > 65535) {
        ld_errat(L, NULL, BS_E_LIMIT, "too many effects");
        return r;
    }
    if (!grow((void **)&L->effects, &L->ceffects, L->neffects + n, sizeof(BsEffect))) {
        L->oom = true;
        return r;
    }
    memcpy(L->effects + L->neffects, e, (size_t)n * sizeof *e);
    r.first = (uint16_t)L->neffects;
    r.count = (uint16_t)n;
    L->neffects += n;
    return r;
}

int ld_flag_index(Ld *L, const cJSON *n, bool setting)
{
    if (!cJSON_IsString(n) || !ld_valid_id(n->valuestring)) {
        ld_errat(L, n, BS_E_TYPE, "a flag must be an id string");
        return -1;
    }
    BsScenario *s = L->s;
    int i;
    for (i = 0; i < s->nflags; i++)
        if (!strcmp(s->flags[i], n->valuestring))
            break;
    if (i == s->nflags) {
        if (s->nflags >= BS_MAX_FLAGS) {
            ld_errat(L, n, BS_E_LIMIT, "more than %d flags", BS_MAX_FLAGS);
            return -1;
        }
        const char *name = ld_str(L, n->valuestring);
        if (!name)
            return -1; /* out of memory: reported at the end */
        s->flags[s->nflags++] = name;
    }
    if (setting) {
        L->flags_set |= 1ull << i;
    } else if (!L->flag_use[i]) {
        L->flag_use[i] = n;
        snprintf(L->flag_use_path[i], sizeof L->flag_use_path[i], "%s", L->path.buf);
    }
    return i;
}

/* Effects: { "credibility": 5, "pressure": -3 } */
int ld_parse_effect_list(Ld *L, const cJSON *n, BsEffect *out, int cap)
{
    if (!cJSON_IsObject(n)) {
        ld_errat(L, n, BS_E_TYPE, "effects must be an object like {\"credibility\": 5}, not %s",
                 ld_type_name(n));
        return 0;
    }
    int k = 0;
    for (const cJSON *c = n->child; c; c = c->next) {
        size_t old = bs_path_key(&L->path, c->string);
        int q = bs_quantity_parse(c->string);
        if (q < 0) {
            const char *names[BS_Q_EFFECT_COUNT];
            for (int i = 0; i < BS_Q_EFFECT_COUNT; i++)
                names[i] = bs_quantity_name((BsQuantity)i);
            const char *sg = ld_suggest(c->string, names, BS_Q_EFFECT_COUNT);
            ld_errat(L, c, BS_E_KEY, "unknown quantity \"%s\"%s%s%s", c->string,
                     sg ? " (did you mean \"" : "", sg ? sg : "", sg ? "\"?)" : "");
        } else if (q >= BS_Q_EFFECT_COUNT) {
            ld_errat(L, c, BS_E_SEMANTIC,
                     "\"%s\" is derived and cannot be changed directly; change credibility, "
                     "reliability, intimacy, self_orientation, proof, exposure, impression or pressure",
                     c->string);
        } else if (!cJSON_IsNumber(c)) {
            ld_errat(L, c, BS_E_TYPE, "an effect must be a number, not %s", ld_type_name(c));
        } else {
            double lim = q == BS_Q_SELF_ORIENTATION ? 5.0 : 100.0;
            if (!(c->valuedouble >= -lim && c->valuedouble <= lim))
                ld_errat(L, c, BS_E_RANGE, "%g is out of range (-%g to %g)", c->valuedouble, lim, lim);
            else if (k < cap)
                out[k++] = (BsEffect){(uint8_t)q, c->valuedouble};
        }
        bs_path_pop(&L->path, old);
    }
    return k;
}

BsRange ld_effects_field(Ld *L, const cJSON *obj, const char *key)
{
    const cJSON *n = ld_get(obj, key);
    BsRange r = {0, 0};
    if (!n)
        return r;
    size_t old = bs_path_key(&L->path, key);
    BsEffect tmp[BS_Q_EFFECT_COUNT];
    int k = ld_parse_effect_list(L, n, tmp, BS_Q_EFFECT_COUNT);
    r = ld_add_effects(L, tmp, k);
    bs_path_pop(&L->path, old);
    return r;
}

/*============================================================================
 * Conditions
 *==========================================================================*/
static const char *const cond_keys[] = {
    "all", "any", "not", "flag", "known_need", "explicit_need", "accepted",
    "objection", "visits", "last_action", "state",
};
#define NCOND_KEYS ((int)(sizeof cond_keys / sizeof cond_keys[0]))
static const char *const cmp_keys[] = {"lt", "lte", "gt", "gte", "eq"};

static uint16_t parse_cond(Ld *L, const cJSON *n, int depth);

/* { "gte": 50, "lt": 80 } -> one or more CMP nodes appended to kids[] */
static int parse_cmps(Ld *L, const cJSON *n, BsCond proto, uint16_t *kids, int cap)
{
    if (!cJSON_IsObject(n) || !n->child) {
        ld_errat(L, n, BS_E_TYPE, "a comparison must be an object like {\"gte\": 50}");
        return 0;
    }
    int k = 0;
    for (const cJSON *c = n->child; c; c = c->next) {
        int cmp = -1;
        for (int i = 0; i < 5; i++)
            if (!strcmp(c->string, cmp_keys[i]))
                cmp = i;
        if (proto.kind == BS_C_VISITS && !strcmp(c->string, "state"))
            continue;
        size_t old = bs_path_key(&L->path, c->string);
        if (cmp < 0) {
            const char *sg = ld_suggest(c->string, cmp_keys, 5);
            ld_errat(L, c, BS_E_KEY, "unknown comparison \"%s\" (use lt, lte, gt, gte or eq)%s%s%s",
                     c->string, sg ? " — did you mean \"" : "", sg ? sg : "", sg ? "\"?" : "");
        } else if (!cJSON_IsNumber(c)) {
            ld_errat(L, c, BS_E_TYPE, "must be a number, not %s", ld_type_name(c));
        } else if (k < cap) {
            BsCond x = proto;
            x.cmp = (uint8_t)cmp;
            x.value = c->valuedouble;
            kids[k++] = (uint16_t)add_cond(L, x);
        } else {
            ld_errat(L, c, BS_E_LIMIT, "too many clauses in one condition (at most 30; use \"all\")");
        }
        bs_path_pop(&L->path, old);
    }
    return k;
}

static uint16_t combine(Ld *L, uint8_t kind, const uint16_t *kids, int n)
{
    if (n == 1 && kind == BS_C_ALL)
        return kids[0];
    if (!grow((void **)&L->kids, &L->ckids, L->nkids + n, sizeof(uint16_t))) {
        L->oom = true;
        return 0;
    }
    memcpy(L->kids + L->nkids, kids, (size_t)n * sizeof *kids);
    BsCond c = {.kind = kind, .first = (uint16_t)L->nkids, .count = (uint16_t)n};
    L->nkids += n;
    return (uint16_t)add_cond(L, c);
}

static uint16_t parse_cond(Ld *L, const cJSON *n, int depth)
{
    if (!cJSON_IsObject(n)) {
        ld_errat(L, n, BS_E_TYPE, "a condition must be an object, not %s", ld_type_name(n));
        return 0;
    }
    if (depth > 8) {
        ld_errat(L, n, BS_E_LIMIT, "conditions nested too deeply");
        return 0;
    }
    uint16_t kids[32];
    int nk = 0;
    for (const cJSON *c = n->child; c; c = c->next) {
        size_t old = bs_path_key(&L->path, c->string);
        int q = bs_quantity_parse(c->string);
        const char *k = c->string;
        if (nk >= 30) {
            ld_errat(L, c, BS_E_LIMIT, "too many clauses in one condition");
        } else if (q >= 0) {
            BsCond proto = {.kind = BS_C_CMP, .q = (uint8_t)q};
            nk += parse_cmps(L, c, proto, kids + nk, 30 - nk);
        } else if (!strcmp(k, "all") || !strcmp(k, "any")) {
            if (!cJSON_IsArray(c) || !c->child) {
                ld_errat(L, c, BS_E_TYPE, "\"%s\" must be a non-empty array of conditions", k);
            } else {
                uint16_t sub[32];
                int ns = 0, i = 0;
                for (const cJSON *e = c->child; e; e = e->next, i++) {
                    size_t o2 = bs_path_index(&L->path, i);
                    if (ns < 32)
                        sub[ns++] = parse_cond(L, e, depth + 1);
                    else
                        ld_errat(L, e, BS_E_LIMIT, "more than 32 conditions in a list");
                    bs_path_pop(&L->path, o2);
                }
                kids[nk++] = combine(L, k[1] == 'l' ? BS_C_ALL : BS_C_ANY, sub, ns);
            }
        } else if (!strcmp(k, "not")) {
            uint16_t sub = parse_cond(L, c, depth + 1);
            kids[nk++] = combine(L, BS_C_NOT, &sub, 1);
        } else if (!strcmp(k, "flag")) {
            int f = ld_flag_index(L, c, false);
            if (f >= 0)
                kids[nk++] = (uint16_t)add_cond(L, (BsCond){.kind = BS_C_FLAG, .arg = (uint16_t)f});
        } else if (!strcmp(k, "known_need") || !strcmp(k, "explicit_need")) {
            int i = ld_ref_node(L, c, REF_NEED);
            if (i >= 0)
                kids[nk++] = (uint16_t)add_cond(
                    L, (BsCond){.kind = k[0] == 'k' ? BS_C_KNOWN_NEED : BS_C_EXPLICIT_NEED,
                                .arg = (uint16_t)i});
        } else if (!strcmp(k, "accepted")) {
            int i = ld_ref_node(L, c, REF_MESSAGE);
            if (i >= 0)
                kids[nk++] = (uint16_t)add_cond(L, (BsCond){.kind = BS_C_ACCEPTED, .arg = (uint16_t)i});
        } else if (!strcmp(k, "objection")) {
            int i = ld_ref_node(L, c, REF_OBJECTION);
            if (i >= 0)
                kids[nk++] = (uint16_t)add_cond(L, (BsCond){.kind = BS_C_OBJECTION, .arg = (uint16_t)i});
        } else if (!strcmp(k, "last_action")) {
            int i = ld_ref_node(L, c, REF_ACTION);
            if (i >= 0)
                kids[nk++] = (uint16_t)add_cond(L, (BsCond){.kind = BS_C_LAST_ACTION, .arg = (uint16_t)i});
        } else if (!strcmp(k, "state")) {
            int i = ld_ref_node(L, c, REF_STATE);
            if (i >= 0)
                kids[nk++] = (uint16_t)add_cond(L, (BsCond){.kind = BS_C_STATE, .arg = (uint16_t)i});
        } else if (!strcmp(k, "visits")) {
            const cJSON *st = ld_get(c, "state");
            if (!cJSON_IsObject(c) || !st) {
                ld_errat(L, c, BS_E_TYPE, "\"visits\" must be like {\"state\": \"cold\", \"gte\": 2}");
            } else {
                size_t o2 = bs_path_key(&L->path, "state");
                int i = ld_ref_node(L, st, REF_STATE);
                bs_path_pop(&L->path, o2);
                BsCond proto = {.kind = BS_C_VISITS, .arg = (uint16_t)(i < 0 ? 0 : i)};
                int got = parse_cmps(L, c, proto, kids + nk, 30 - nk);
                if (got == 0 && cJSON_GetArraySize(c) == 1)
                    ld_errat(L, c, BS_E_SEMANTIC, "\"visits\" needs a comparison, like {\"state\": \"cold\", \"gte\": 2}");
                nk += got;
            }
        } else {
            const char *cands[NCOND_KEYS + BS_Q_COUNT];
            int nc = 0;
            for (int i = 0; i < NCOND_KEYS; i++) cands[nc++] = cond_keys[i];
            for (int i = 0; i < BS_Q_COUNT; i++) cands[nc++] = bs_quantity_name((BsQuantity)i);
            const char *sg = ld_suggest(k, cands, nc);
            ld_errat(L, c, BS_E_KEY, "unknown condition \"%s\"%s%s%s", k,
                     sg ? " (did you mean \"" : "", sg ? sg : "", sg ? "\"?)" : "");
        }
        bs_path_pop(&L->path, old);
    }
    if (nk == 0) {
        if (!n->child)
            ld_errat(L, n, BS_E_SEMANTIC, "empty condition (leave \"when\" out to mean always)");
        return 0;
    }
    return combine(L, BS_C_ALL, kids, nk);
}

uint16_t ld_when_field(Ld *L, const cJSON *obj, const char *key)
{
    const cJSON *n = ld_get(obj, key);
    if (!n)
        return 0;
    size_t old = bs_path_key(&L->path, key);
    uint16_t c = parse_cond(L, n, 0);
    bs_path_pop(&L->path, old);
    return c;
}

/*============================================================================
 * Public
 *==========================================================================*/
void bs_scenario_free(BsScenario *s)
{
    if (!s)
        return;
    bs_free(s->conds);
    bs_free(s->cond_kids);
    bs_free(s->effects);
    Arena a = {s->arena, false};
    arena_free(&a);
    bs_free(s);
}

static const char *dir_of(Ld *L, const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return ld_str(L, ".");
    size_t n = (size_t)(slash - path);
    char *d = ld_arena_alloc(L->a, n + 2);
    if (!d) {
        L->oom = true;
        return NULL;
    }
    memcpy(d, path, n ? n : 1);
    d[n ? n : 1] = '\0';
    return d;
}

/* Tables the model's coefficients imply, computed once. */
static void derive_model(BsScenario *s)
{
    for (int w = 0; w <= BS_MAX_WEEKS; w++)
        s->fade_tab[w] = bs_exp(-(double)w / s->model.belief_fade_weeks);
    s->familiarity_step = bs_exp(-1.0 / s->model.familiarity_scale);
}

bool bs_scenario_set_model(BsScenario *s, const char *name, double value, BsErrors *errs)
{
    for (int i = 0; i < bs_model_nparams; i++) {
        const BsModelParamInfo *p = &bs_model_params[i];
        if (strcmp(p->name, name))
            continue;
        if (!(value >= p->lo && value <= p->hi)) {
            bs_errors_add(errs, BS_E_RANGE, 0, 0, "model", "%s must be from %g to %g, not %g", name, p->lo, p->hi,
                          value);
            return false;
        }
        *(double *)(void *)((char *)&s->model + p->offset) = value;
        derive_model(s);
        return true;
    }
    bs_errors_add(errs, BS_E_KEY, 0, 0, "model", "no model coefficient \"%s\"", name);
    return false;
}

BsScenario *bs_scenario_parse(const char *path, const char *text, size_t len, BsErrors *errs)
{
    int before = errs->count + errs->dropped;
    BsScenario *s = bs_malloc(sizeof *s);
    if (!s) {
        bs_errors_add(errs, BS_E_MEMORY, 0, 0, "", "out of memory");
        return NULL;
    }
    memset(s, 0, sizeof *s);
    Arena arena = {NULL, false};
    Ld L = {.errs = errs, .s = s, .a = &arena};
    s->start = -1;
    s->buyer_centric = -1;
    bs_model_defaults(&s->model);
    if (!bs_json_parse(&L.j, text, len, errs))
        goto fail;
    s->path = ld_str(&L, path);
    char abs[PATH_MAX];
    if (path && realpath(path, abs)) /* once, not at every save (a browser's file system is slow at it) */
        s->real_path = ld_str(&L, abs);
    s->dir = dir_of(&L, path);
    s->hash = bs_hash64(text, len, 0);
    /* conds[0] is the always-true condition. */
    add_cond(&L, (BsCond){.kind = BS_C_TRUE});
    ld_load_root(&L, L.j.root);
    bs_json_free(&L.j);
    if (L.oom || arena.failed) {
        bs_errors_add(errs, BS_E_MEMORY, 0, 0, "", "out of memory");
        goto fail;
    }
    if (errs->count + errs->dropped > before)
        goto fail;
    derive_model(s);
    s->consensus_gap = 1.0 - bs_exp(-0.54 * bs_log((double)s->group));
    for (int n = 0; n < s->nneeds; n++)
        s->need_weight += s->needs[n].weight;
    for (int i = 0; i < s->npolicies; i++)
        for (int a = 0; a < s->nactions; a++)
            s->policies[i].total += s->policies[i].weight[a];
    s->conds = L.conds;
    s->nconds = L.nconds;
    s->cond_kids = L.kids;
    s->ncond_kids = L.nkids;
    s->effects = L.effects;
    s->neffects = L.neffects;
    s->arena = arena.head;
    return s;
fail:
    bs_json_free(&L.j);
    bs_free(L.conds);
    bs_free(L.kids);
    bs_free(L.effects);
    arena_free(&arena);
    bs_free(s);
    return NULL;
}

BsScenario *bs_scenario_load(const char *path, BsErrors *errs)
{
    size_t len;
    char *text = bs_read_file(path, BS_MAX_FILE_BYTES, &len, errs);
    if (!text)
        return NULL;
    BsScenario *s = bs_scenario_parse(path, text, len, errs);
    bs_free(text);
    return s;
}
