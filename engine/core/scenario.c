/* Loading a scenario: strict JSON -> validated, compiled BsScenario.
 *
 * Every problem is reported (not just the first) with the position of the
 * offending value. The loader works in passes: ids first (so references
 * resolve in any order), then everything that refers to them, then the
 * graph checks. A scenario loads whole or not at all; afterwards nothing
 * refers to cJSON. */
#include "bs.h"
#include "internal/catalog.h"
#include "internal/json.h"

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

typedef struct {
    Chunk *head;
    bool failed;
} Arena;

#define ALIGN 16u
static void *arena_alloc(Arena *a, size_t n)
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
    char *d = arena_alloc(a, n);
    if (d)
        memcpy(d, s, n);
    return d;
}

/*============================================================================
 * Loader context and reporting
 *==========================================================================*/
typedef struct {
    BsJson j;
    BsErrors *errs;
    BsPath path;
    BsScenario *s;
    Arena *a;
    /* growable pools, moved into the scenario at the end */
    BsCond *conds; int nconds, cconds;
    uint16_t *kids; int nkids, ckids;
    BsEffect *effects; int neffects, ceffects;
    /* flags: set by events vs used by conditions */
    uint64_t flags_set;
    const cJSON *flag_use[BS_MAX_FLAGS];
    char flag_use_path[BS_MAX_FLAGS][160];
    bool oom;
} Ld;

static void errat(Ld *L, const cJSON *node, BsErrKind kind, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
static void errat(Ld *L, const cJSON *node, BsErrKind kind, const char *fmt, ...)
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

static const char *type_name(const cJSON *n)
{
    if (cJSON_IsObject(n)) return "an object";
    if (cJSON_IsArray(n)) return "an array";
    if (cJSON_IsString(n)) return "a string";
    if (cJSON_IsNumber(n)) return "a number";
    if (cJSON_IsBool(n)) return "true/false";
    if (cJSON_IsNull(n)) return "null";
    return "?";
}

static char *str(Ld *L, const char *s)
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

static const char *suggest(const char *word, const char *const *cands, int n)
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
static bool check_obj(Ld *L, const cJSON *obj, const char *const *keys, int nkeys, const char *what)
{
    if (!cJSON_IsObject(obj)) {
        errat(L, obj, BS_E_TYPE, "%s must be an object, not %s", what, type_name(obj));
        return false;
    }
    for (const cJSON *c = obj->child; c; c = c->next) {
        bool ok = false;
        for (int i = 0; i < nkeys && !ok; i++)
            ok = !strcmp(c->string, keys[i]);
        if (ok)
            continue;
        size_t old = bs_path_key(&L->path, c->string);
        const char *s = suggest(c->string, keys, nkeys);
        if (s)
            errat(L, c, BS_E_KEY, "unknown key \"%s\" in %s (did you mean \"%s\"?)", c->string, what, s);
        else
            errat(L, c, BS_E_KEY, "unknown key \"%s\" in %s", c->string, what);
        bs_path_pop(&L->path, old);
    }
    return true;
}

static const cJSON *get(const cJSON *obj, const char *key)
{
    return cJSON_IsObject(obj) ? cJSON_GetObjectItemCaseSensitive(obj, key) : NULL;
}

static void missing(Ld *L, const cJSON *obj, const char *key)
{
    errat(L, obj, BS_E_KEY, "missing required key \"%s\"", key);
}

/* Text field: a string of at most BS_MAX_STRING bytes; arena copy or NULL. */
static const char *text_field(Ld *L, const cJSON *obj, const char *key, bool required)
{
    const cJSON *n = get(obj, key);
    if (!n) {
        if (required)
            missing(L, obj, key);
        return NULL;
    }
    size_t old = bs_path_key(&L->path, key);
    const char *r = NULL;
    if (!cJSON_IsString(n)) {
        errat(L, n, BS_E_TYPE, "must be a string, not %s", type_name(n));
    } else if (strlen(n->valuestring) > BS_MAX_STRING) {
        errat(L, n, BS_E_RANGE, "text is longer than %d bytes", BS_MAX_STRING);
    } else if (required && !n->valuestring[0]) {
        errat(L, n, BS_E_RANGE, "must not be empty");
    } else {
        r = str(L, n->valuestring);
    }
    bs_path_pop(&L->path, old);
    return r;
}

static bool valid_id(const char *s)
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

static const char *id_field(Ld *L, const cJSON *obj, const char *key, bool required)
{
    const cJSON *n = get(obj, key);
    if (!n) {
        if (required)
            missing(L, obj, key);
        return NULL;
    }
    size_t old = bs_path_key(&L->path, key);
    const char *r = NULL;
    if (!cJSON_IsString(n))
        errat(L, n, BS_E_TYPE, "must be a string, not %s", type_name(n));
    else if (!valid_id(n->valuestring))
        errat(L, n, BS_E_RANGE,
              "\"%.60s\" is not a valid id (letters, digits, _ and -, at most 48, not starting with a digit)",
              n->valuestring);
    else
        r = str(L, n->valuestring);
    bs_path_pop(&L->path, old);
    return r;
}

static double num_field(Ld *L, const cJSON *obj, const char *key, bool required, double def,
                        double lo, double hi, bool integer)
{
    const cJSON *n = get(obj, key);
    if (!n) {
        if (required)
            missing(L, obj, key);
        return def;
    }
    size_t old = bs_path_key(&L->path, key);
    double v = def;
    if (!cJSON_IsNumber(n)) {
        errat(L, n, BS_E_TYPE, "must be a number, not %s", type_name(n));
    } else if (!(n->valuedouble >= lo && n->valuedouble <= hi)) {
        errat(L, n, BS_E_RANGE, "%g is out of range (%g to %g)", n->valuedouble, lo, hi);
    } else if (integer && n->valuedouble != (double)(long long)n->valuedouble) {
        errat(L, n, BS_E_TYPE, "must be a whole number, not %g", n->valuedouble);
    } else {
        v = n->valuedouble;
    }
    bs_path_pop(&L->path, old);
    return v;
}

static bool bool_field(Ld *L, const cJSON *obj, const char *key, bool def)
{
    const cJSON *n = get(obj, key);
    if (!n)
        return def;
    if (!cJSON_IsBool(n)) {
        size_t old = bs_path_key(&L->path, key);
        errat(L, n, BS_E_TYPE, "must be true or false, not %s", type_name(n));
        bs_path_pop(&L->path, old);
        return def;
    }
    return cJSON_IsTrue(n);
}

/*============================================================================
 * Id lookups
 *==========================================================================*/
static int find_need(const BsScenario *s, const char *id)
{
    for (int i = 0; i < s->nneeds; i++)
        if (s->needs[i].id && !strcmp(s->needs[i].id, id))
            return i;
    return -1;
}
static int find_message(const BsScenario *s, const char *id)
{
    for (int i = 0; i < s->nmessages; i++)
        if (s->messages[i].id && !strcmp(s->messages[i].id, id))
            return i;
    return -1;
}
static int find_objection(const BsScenario *s, const char *id)
{
    for (int i = 0; i < s->nobjections; i++)
        if (s->objections[i].id && !strcmp(s->objections[i].id, id))
            return i;
    return -1;
}
static int find_vendor(const BsScenario *s, const char *id)
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
typedef enum { REF_NEED, REF_MESSAGE, REF_OBJECTION, REF_ACTION, REF_STATE, REF_VENDOR } RefKind;
static const char *const ref_names[] = {"need", "message", "objection", "action", "state", "vendor"};

static int ref_lookup(const BsScenario *s, RefKind k, const char *id)
{
    switch (k) {
    case REF_NEED: return find_need(s, id);
    case REF_MESSAGE: return find_message(s, id);
    case REF_OBJECTION: return find_objection(s, id);
    case REF_ACTION: return bs_scenario_action(s, id);
    case REF_STATE: return bs_scenario_state(s, id);
    case REF_VENDOR: return find_vendor(s, id);
    }
    return -1;
}

static int ref_candidates(const BsScenario *s, RefKind k, const char **out, int cap)
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

static int ref_node(Ld *L, const cJSON *n, RefKind k)
{
    if (!cJSON_IsString(n)) {
        errat(L, n, BS_E_TYPE, "must be a %s id (a string), not %s", ref_names[k], type_name(n));
        return -1;
    }
    int i = ref_lookup(L->s, k, n->valuestring);
    if (i < 0) {
        const char *cands[BS_MAX_STATES];
        int nc = ref_candidates(L->s, k, cands, BS_MAX_STATES);
        const char *sg = suggest(n->valuestring, cands, nc);
        if (sg)
            errat(L, n, BS_E_REF, "unknown %s \"%.60s\" (did you mean \"%s\"?)", ref_names[k],
                  n->valuestring, sg);
        else
            errat(L, n, BS_E_REF, "unknown %s \"%.60s\"", ref_names[k], n->valuestring);
    }
    return i;
}

static int ref_field(Ld *L, const cJSON *obj, const char *key, RefKind k, bool required)
{
    const cJSON *n = get(obj, key);
    if (!n) {
        if (required)
            missing(L, obj, key);
        return -1;
    }
    size_t old = bs_path_key(&L->path, key);
    int r = ref_node(L, n, k);
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
        errat(L, NULL, BS_E_LIMIT, "too many conditions");
        return 0;
    }
    if (!grow((void **)&L->conds, &L->cconds, L->nconds + 1, sizeof(BsCond))) {
        L->oom = true;
        return 0;
    }
    L->conds[L->nconds] = c;
    return L->nconds++;
}

static BsRange add_effects(Ld *L, const BsEffect *e, int n)
{
    BsRange r = {0, 0};
    if (n == 0)
        return r;
    if (L->neffects + n > 65535) {
        errat(L, NULL, BS_E_LIMIT, "too many effects");
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

static int flag_index(Ld *L, const cJSON *n, bool setting)
{
    if (!cJSON_IsString(n) || !valid_id(n->valuestring)) {
        errat(L, n, BS_E_TYPE, "a flag must be an id string");
        return -1;
    }
    BsScenario *s = L->s;
    int i;
    for (i = 0; i < s->nflags; i++)
        if (!strcmp(s->flags[i], n->valuestring))
            break;
    if (i == s->nflags) {
        if (s->nflags >= BS_MAX_FLAGS) {
            errat(L, n, BS_E_LIMIT, "more than %d flags", BS_MAX_FLAGS);
            return -1;
        }
        const char *name = str(L, n->valuestring);
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
static int parse_effect_list(Ld *L, const cJSON *n, BsEffect *out, int cap)
{
    if (!cJSON_IsObject(n)) {
        errat(L, n, BS_E_TYPE, "effects must be an object like {\"credibility\": 5}, not %s",
              type_name(n));
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
            const char *sg = suggest(c->string, names, BS_Q_EFFECT_COUNT);
            errat(L, c, BS_E_KEY, "unknown quantity \"%s\"%s%s%s", c->string,
                  sg ? " (did you mean \"" : "", sg ? sg : "", sg ? "\"?)" : "");
        } else if (q >= BS_Q_EFFECT_COUNT) {
            errat(L, c, BS_E_SEMANTIC,
                  "\"%s\" is derived and cannot be changed directly; change credibility, "
                  "reliability, intimacy, self_orientation, proof, exposure, impression or pressure",
                  c->string);
        } else if (!cJSON_IsNumber(c)) {
            errat(L, c, BS_E_TYPE, "an effect must be a number, not %s", type_name(c));
        } else {
            double lim = q == BS_Q_SELF_ORIENTATION ? 5.0 : 100.0;
            if (!(c->valuedouble >= -lim && c->valuedouble <= lim))
                errat(L, c, BS_E_RANGE, "%g is out of range (-%g to %g)", c->valuedouble, lim, lim);
            else if (k < cap)
                out[k++] = (BsEffect){(uint8_t)q, c->valuedouble};
        }
        bs_path_pop(&L->path, old);
    }
    return k;
}

static BsRange effects_field(Ld *L, const cJSON *obj, const char *key)
{
    const cJSON *n = get(obj, key);
    BsRange r = {0, 0};
    if (!n)
        return r;
    size_t old = bs_path_key(&L->path, key);
    BsEffect tmp[BS_Q_EFFECT_COUNT];
    int k = parse_effect_list(L, n, tmp, BS_Q_EFFECT_COUNT);
    r = add_effects(L, tmp, k);
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
        errat(L, n, BS_E_TYPE, "a comparison must be an object like {\"gte\": 50}");
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
            const char *sg = suggest(c->string, cmp_keys, 5);
            errat(L, c, BS_E_KEY, "unknown comparison \"%s\" (use lt, lte, gt, gte or eq)%s%s%s",
                  c->string, sg ? " — did you mean \"" : "", sg ? sg : "", sg ? "\"?" : "");
        } else if (!cJSON_IsNumber(c)) {
            errat(L, c, BS_E_TYPE, "must be a number, not %s", type_name(c));
        } else if (k < cap) {
            BsCond x = proto;
            x.cmp = (uint8_t)cmp;
            x.value = c->valuedouble;
            kids[k++] = (uint16_t)add_cond(L, x);
        } else {
            errat(L, c, BS_E_LIMIT, "too many clauses in one condition (at most 30; use \"all\")");
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
        errat(L, n, BS_E_TYPE, "a condition must be an object, not %s", type_name(n));
        return 0;
    }
    if (depth > 8) {
        errat(L, n, BS_E_LIMIT, "conditions nested too deeply");
        return 0;
    }
    uint16_t kids[32];
    int nk = 0;
    for (const cJSON *c = n->child; c; c = c->next) {
        size_t old = bs_path_key(&L->path, c->string);
        int q = bs_quantity_parse(c->string);
        const char *k = c->string;
        if (nk >= 30) {
            errat(L, c, BS_E_LIMIT, "too many clauses in one condition");
        } else if (q >= 0) {
            BsCond proto = {.kind = BS_C_CMP, .q = (uint8_t)q};
            nk += parse_cmps(L, c, proto, kids + nk, 30 - nk);
        } else if (!strcmp(k, "all") || !strcmp(k, "any")) {
            if (!cJSON_IsArray(c) || !c->child) {
                errat(L, c, BS_E_TYPE, "\"%s\" must be a non-empty array of conditions", k);
            } else {
                uint16_t sub[32];
                int ns = 0, i = 0;
                for (const cJSON *e = c->child; e; e = e->next, i++) {
                    size_t o2 = bs_path_index(&L->path, i);
                    if (ns < 32)
                        sub[ns++] = parse_cond(L, e, depth + 1);
                    else
                        errat(L, e, BS_E_LIMIT, "more than 32 conditions in a list");
                    bs_path_pop(&L->path, o2);
                }
                kids[nk++] = combine(L, k[1] == 'l' ? BS_C_ALL : BS_C_ANY, sub, ns);
            }
        } else if (!strcmp(k, "not")) {
            uint16_t sub = parse_cond(L, c, depth + 1);
            kids[nk++] = combine(L, BS_C_NOT, &sub, 1);
        } else if (!strcmp(k, "flag")) {
            int f = flag_index(L, c, false);
            if (f >= 0)
                kids[nk++] = (uint16_t)add_cond(L, (BsCond){.kind = BS_C_FLAG, .arg = (uint16_t)f});
        } else if (!strcmp(k, "known_need") || !strcmp(k, "explicit_need")) {
            int i = ref_node(L, c, REF_NEED);
            if (i >= 0)
                kids[nk++] = (uint16_t)add_cond(
                    L, (BsCond){.kind = k[0] == 'k' ? BS_C_KNOWN_NEED : BS_C_EXPLICIT_NEED,
                                .arg = (uint16_t)i});
        } else if (!strcmp(k, "accepted")) {
            int i = ref_node(L, c, REF_MESSAGE);
            if (i >= 0)
                kids[nk++] = (uint16_t)add_cond(L, (BsCond){.kind = BS_C_ACCEPTED, .arg = (uint16_t)i});
        } else if (!strcmp(k, "objection")) {
            int i = ref_node(L, c, REF_OBJECTION);
            if (i >= 0)
                kids[nk++] = (uint16_t)add_cond(L, (BsCond){.kind = BS_C_OBJECTION, .arg = (uint16_t)i});
        } else if (!strcmp(k, "last_action")) {
            int i = ref_node(L, c, REF_ACTION);
            if (i >= 0)
                kids[nk++] = (uint16_t)add_cond(L, (BsCond){.kind = BS_C_LAST_ACTION, .arg = (uint16_t)i});
        } else if (!strcmp(k, "state")) {
            int i = ref_node(L, c, REF_STATE);
            if (i >= 0)
                kids[nk++] = (uint16_t)add_cond(L, (BsCond){.kind = BS_C_STATE, .arg = (uint16_t)i});
        } else if (!strcmp(k, "visits")) {
            const cJSON *st = get(c, "state");
            if (!cJSON_IsObject(c) || !st) {
                errat(L, c, BS_E_TYPE, "\"visits\" must be like {\"state\": \"cold\", \"gte\": 2}");
            } else {
                size_t o2 = bs_path_key(&L->path, "state");
                int i = ref_node(L, st, REF_STATE);
                bs_path_pop(&L->path, o2);
                BsCond proto = {.kind = BS_C_VISITS, .arg = (uint16_t)(i < 0 ? 0 : i)};
                int got = parse_cmps(L, c, proto, kids + nk, 30 - nk);
                if (got == 0 && cJSON_GetArraySize(c) == 1)
                    errat(L, c, BS_E_SEMANTIC, "\"visits\" needs a comparison, like {\"state\": \"cold\", \"gte\": 2}");
                nk += got;
            }
        } else {
            const char *cands[NCOND_KEYS + BS_Q_COUNT];
            int nc = 0;
            for (int i = 0; i < NCOND_KEYS; i++) cands[nc++] = cond_keys[i];
            for (int i = 0; i < BS_Q_COUNT; i++) cands[nc++] = bs_quantity_name((BsQuantity)i);
            const char *sg = suggest(k, cands, nc);
            errat(L, c, BS_E_KEY, "unknown condition \"%s\"%s%s%s", k,
                  sg ? " (did you mean \"" : "", sg ? sg : "", sg ? "\"?)" : "");
        }
        bs_path_pop(&L->path, old);
    }
    if (nk == 0) {
        if (!n->child)
            errat(L, n, BS_E_SEMANTIC, "empty condition (leave \"when\" out to mean always)");
        return 0;
    }
    return combine(L, BS_C_ALL, kids, nk);
}

static uint16_t when_field(Ld *L, const cJSON *obj, const char *key)
{
    const cJSON *n = get(obj, key);
    if (!n)
        return 0;
    size_t old = bs_path_key(&L->path, key);
    uint16_t c = parse_cond(L, n, 0);
    bs_path_pop(&L->path, old);
    return c;
}

/*============================================================================
 * Sections
 *==========================================================================*/
static const char *const root_keys[] = {
    "$schema", "format", "id", "lang", "title", "summary", "weeks", "seed", "currency",
    "buyer", "vendors", "messages", "objections", "actions", "policies", "start",
    "states", "events", "thoughts", "lessons", "model",
};

static void load_model(Ld *L, const cJSON *n)
{
    BsScenario *s = L->s;
    bs_model_defaults(&s->model);
    if (!n)
        return;
    size_t old = bs_path_key(&L->path, "model");
    if (!cJSON_IsObject(n)) {
        errat(L, n, BS_E_TYPE, "model must be an object of coefficients");
    } else {
        const char *names[128] = {0};
        for (int i = 0; i < bs_model_nparams; i++)
            names[i] = bs_model_params[i].name;
        check_obj(L, n, names, bs_model_nparams, "model");
        for (int i = 0; i < bs_model_nparams; i++) {
            const BsModelParamInfo *p = &bs_model_params[i];
            double *dst = (double *)((char *)&s->model + p->offset);
            *dst = num_field(L, n, p->name, false, p->def, p->lo, p->hi, false);
        }
    }
    bs_path_pop(&L->path, old);
}

static void load_buyer(Ld *L, const cJSON *n)
{
    static const char *const keys[] = {"name", "role", "company", "stakes", "pressure", "group",
                                       "gift_cap", "integrity", "portrait", "needs"};
    BsScenario *s = L->s;
    size_t old = bs_path_key(&L->path, "buyer");
    if (check_obj(L, n, keys, 10, "buyer")) {
        s->buyer_name = text_field(L, n, "name", true);
        s->buyer_role = text_field(L, n, "role", true);
        s->buyer_company = text_field(L, n, "company", false);
        s->stakes = num_field(L, n, "stakes", true, 0.5, 0, 1, false);
        s->pressure = num_field(L, n, "pressure", false, 30, 0, 100, false);
        s->group = (int)num_field(L, n, "group", false, 4, 1, 30, true);
        s->gift_cap = num_field(L, n, "gift_cap", false, 200, 0, 1e9, false);
        s->integrity = num_field(L, n, "integrity", false, s->model.gift_integrity, 0, 1, false);
        s->portrait = text_field(L, n, "portrait", false);
        const cJSON *needs = get(n, "needs");
        if (!needs) {
            missing(L, n, "needs");
        } else {
            size_t o2 = bs_path_key(&L->path, "needs");
            int cnt = cJSON_GetArraySize(needs);
            if (!cJSON_IsArray(needs)) {
                errat(L, needs, BS_E_TYPE, "needs must be an array");
            } else if (cnt < 1 || cnt > BS_MAX_NEEDS) {
                errat(L, needs, BS_E_LIMIT, "%d needs; a buyer has 1 to %d", cnt, BS_MAX_NEEDS);
            } else {
                static const char *const nk[] = {"id", "label", "weight"};
                int i = 0;
                for (const cJSON *e = needs->child; e; e = e->next, i++) {
                    size_t o3 = bs_path_index(&L->path, i);
                    if (check_obj(L, e, nk, 3, "a need")) {
                        BsNeed *nd = &s->needs[s->nneeds];
                        nd->id = id_field(L, e, "id", true);
                        nd->label = text_field(L, e, "label", true);
                        nd->weight = num_field(L, e, "weight", false, 1, 0.1, 10, false);
                        if (nd->id && find_need(s, nd->id) >= 0)
                            errat(L, get(e, "id"), BS_E_KEY, "need id \"%s\" is used twice", nd->id);
                        s->nneeds++;
                    }
                    bs_path_pop(&L->path, o3);
                }
            }
            bs_path_pop(&L->path, o2);
        }
    }
    bs_path_pop(&L->path, old);
}

/* Starts an optional array section: pushes the path, checks the type and
 * count. Returns the array or NULL; always pop the path with `*old`. */
static const cJSON *array_begin(Ld *L, const cJSON *obj, const char *key, int lo, int hi, size_t *old)
{
    const cJSON *a = get(obj, key);
    *old = bs_path_key(&L->path, key);
    if (!a)
        return NULL;
    int n = cJSON_GetArraySize(a);
    if (!cJSON_IsArray(a)) {
        errat(L, a, BS_E_TYPE, "\"%s\" must be an array, not %s", key, type_name(a));
        return NULL;
    }
    if (n < lo || n > hi) {
        errat(L, a, BS_E_LIMIT, "%d items in \"%s\"; allowed %d to %d", n, key, lo, hi);
        return NULL;
    }
    return a;
}

static void load_messages(Ld *L, const cJSON *root)
{
    static const char *const keys[] = {"id", "label", "fits"};
    BsScenario *s = L->s;
    {
        size_t oldp_e;
        const cJSON *arr_e = array_begin(L, root, "messages", 0, BS_MAX_MESSAGES, &oldp_e);
        int i = 0;
        for (const cJSON *e = arr_e ? arr_e->child : NULL; e; e = e->next, i++)
        {
            size_t o = bs_path_index(&L->path, i);
            if (check_obj(L, e, keys, 3, "a message")) {
                BsMessage *m = &s->messages[s->nmessages];
                m->id = id_field(L, e, "id", true);
                m->label = text_field(L, e, "label", true);
                if (m->id && find_message(s, m->id) >= 0)
                    errat(L, get(e, "id"), BS_E_KEY, "message id \"%s\" is used twice", m->id);
                const cJSON *fits = get(e, "fits");
                if (fits) {
                    size_t o2 = bs_path_key(&L->path, "fits");
                    if (!cJSON_IsArray(fits)) {
                        errat(L, fits, BS_E_TYPE, "fits must be an array of need ids");
                    } else {
                        int k = 0;
                        for (const cJSON *f = fits->child; f; f = f->next, k++) {
                            size_t o3 = bs_path_index(&L->path, k);
                            int nd = ref_node(L, f, REF_NEED);
                            if (nd >= 0)
                                m->fits |= 1u << nd;
                            bs_path_pop(&L->path, o3);
                        }
                    }
                    bs_path_pop(&L->path, o2);
                }
                s->nmessages++;
            }
            bs_path_pop(&L->path, o);
        }
        bs_path_pop(&L->path, oldp_e);
    }
}

static void load_objections(Ld *L, const cJSON *root)
{
    static const char *const keys[] = {"id", "label", "severity", "need"};
    BsScenario *s = L->s;
    {
        size_t oldp_e;
        const cJSON *arr_e = array_begin(L, root, "objections", 0, BS_MAX_OBJECTIONS, &oldp_e);
        int i = 0;
        for (const cJSON *e = arr_e ? arr_e->child : NULL; e; e = e->next, i++)
        {
            size_t o = bs_path_index(&L->path, i);
            if (check_obj(L, e, keys, 4, "an objection")) {
                BsObjection *ob = &s->objections[s->nobjections];
                ob->id = id_field(L, e, "id", true);
                ob->label = text_field(L, e, "label", true);
                ob->severity = num_field(L, e, "severity", false, 0.5, 0, 1, false);
                ob->need = ref_field(L, e, "need", REF_NEED, false);
                if (ob->id && find_objection(s, ob->id) >= 0)
                    errat(L, get(e, "id"), BS_E_KEY, "objection id \"%s\" is used twice", ob->id);
                s->nobjections++;
            }
            bs_path_pop(&L->path, o);
        }
        bs_path_pop(&L->path, oldp_e);
    }
}

/* "react": { "worked": { "say": "...", "think": "..." }, "flat": ..., "backfired": ..., "repeated": ... } */
static void react_field(Ld *L, const cJSON *obj, BsReact out)
{
    const cJSON *n = get(obj, "react");
    if (!n)
        return;
    size_t old = bs_path_key(&L->path, "react");
    static const char *const keys[] = {"worked", "flat", "backfired", "repeated"};
    static const char *const lines[] = {"say", "think"};
    if (check_obj(L, n, keys, 4, "a reaction (worked, flat, backfired, repeated)"))
        for (int r = 1; r < BS_MR_COUNT; r++) {
            const cJSON *v = get(n, keys[r - 1]);
            if (!v)
                continue;
            size_t o = bs_path_key(&L->path, keys[r - 1]);
            if (check_obj(L, v, lines, 2, "a reaction line (say, think)")) {
                out[r][0] = text_field(L, v, "say", false);
                out[r][1] = text_field(L, v, "think", false);
                if (!out[r][0] && !out[r][1])
                    errat(L, v, BS_E_KEY, "a reaction needs \"say\" or \"think\"");
            }
            bs_path_pop(&L->path, o);
        }
    bs_path_pop(&L->path, old);
}

static void load_actions(Ld *L, const cJSON *n)
{
    BsScenario *s = L->s;
    /* The built-in catalog first; ids never change index. */
    for (int k = 0; k < BS_A_BUILTIN_COUNT; k++) {
        BsAction *a = &s->actions[k];
        const BsBuiltin *b = &bs_builtins[k];
        a->id = bs_builtin_action_ids[k];
        a->kind = (uint8_t)k;
        a->lesson = b->lesson;
        a->contact = b->contact;
        a->attention = b->attention;
        a->value = b->value;
        a->effects = add_effects(L, b->effects, b->neffects);
    }
    s->nactions = BS_A_BUILTIN_COUNT;
    if (!n)
        return;
    size_t old = bs_path_key(&L->path, "actions");
    if (!cJSON_IsObject(n)) {
        errat(L, n, BS_E_TYPE, "actions must be an object keyed by action id");
        bs_path_pop(&L->path, old);
        return;
    }
    static const char *const keys[] = {"label", "why_good", "why_bad", "thought", "lesson",
                                       "contact", "value", "effects", "base", "attention", "react"};
    for (const cJSON *e = n->child; e; e = e->next) {
        size_t o = bs_path_key(&L->path, e->string);
        int idx = bs_scenario_action(s, e->string);
        if (!valid_id(e->string)) {
            errat(L, e, BS_E_RANGE, "\"%.60s\" is not a valid action id", e->string);
        } else if (check_obj(L, e, keys, 11, "an action")) {
            if (idx < 0) {
                if (s->nactions >= BS_MAX_ACTIONS) {
                    errat(L, e, BS_E_LIMIT, "more than %d actions", BS_MAX_ACTIONS);
                    bs_path_pop(&L->path, o);
                    continue;
                }
                idx = s->nactions++;
                BsAction *a = &s->actions[idx];
                a->id = str(L, e->string);
                a->kind = BS_A_PLAIN;
                a->lesson = 1;
                a->contact = true;
                const cJSON *base = get(e, "base");
                if (base) {
                    size_t o2 = bs_path_key(&L->path, "base");
                    int bi = -1;
                    if (cJSON_IsString(base))
                        for (int k = 0; k < BS_A_BUILTIN_COUNT; k++)
                            if (!strcmp(base->valuestring, bs_builtin_action_ids[k]))
                                bi = k;
                    if (bi < 0) {
                        const char *sg = cJSON_IsString(base)
                            ? suggest(base->valuestring, bs_builtin_action_ids, BS_A_BUILTIN_COUNT)
                            : NULL;
                        errat(L, base, BS_E_REF, "base must be a built-in action id%s%s%s",
                              sg ? " (did you mean \"" : "", sg ? sg : "", sg ? "\"?)" : "");
                    } else {
                        const BsBuiltin *b = &bs_builtins[bi];
                        a->kind = (uint8_t)bi;
                        a->lesson = b->lesson;
                        a->contact = b->contact;
                        a->attention = b->attention;
                        a->value = b->value;
                        a->effects = add_effects(L, b->effects, b->neffects);
                    }
                    bs_path_pop(&L->path, o2);
                }
            } else if (get(e, "base")) {
                size_t o2 = bs_path_key(&L->path, "base");
                errat(L, get(e, "base"), BS_E_SEMANTIC, "a built-in action cannot change its base");
                bs_path_pop(&L->path, o2);
            }
            BsAction *a = &s->actions[idx];
            a->label = text_field(L, e, "label", false);
            a->why_good = text_field(L, e, "why_good", false);
            a->why_bad = text_field(L, e, "why_bad", false);
            a->thought = text_field(L, e, "thought", false);
            react_field(L, e, a->react);
            a->lesson = (uint8_t)num_field(L, e, "lesson", false, a->lesson, 1, 3, true);
            a->contact = bool_field(L, e, "contact", a->contact);
            const cJSON *att = get(e, "attention");
            if (att) {
                size_t o2 = bs_path_key(&L->path, "attention");
                int k = -1;
                for (int i = 0; i < 3 && cJSON_IsString(att); i++)
                    if (!strcmp(att->valuestring, bs_attention_ids[i]))
                        k = i;
                if (k < 0)
                    errat(L, att, cJSON_IsString(att) ? BS_E_RANGE : BS_E_TYPE,
                          "attention must be \"lasting\", \"fleeting\" or \"discount\"");
                else
                    a->attention = (uint8_t)k;
                bs_path_pop(&L->path, o2);
            }
            a->value = num_field(L, e, "value", false, a->value, 0, 1e9, false);
            if (get(e, "value") && a->kind != BS_A_GIFT) {
                size_t o2 = bs_path_key(&L->path, "value");
                errat(L, get(e, "value"), BS_E_SEMANTIC, "only a gift (or an action with \"base\": \"gift\") has a value");
                bs_path_pop(&L->path, o2);
            }
            const cJSON *eff = get(e, "effects");
            if (eff) {
                /* Merge: named quantities replace the defaults, others stay. */
                BsEffect merged[BS_Q_EFFECT_COUNT];
                int nm = 0;
                for (int k = 0; k < a->effects.count; k++)
                    merged[nm++] = L->effects[a->effects.first + k];
                size_t o2 = bs_path_key(&L->path, "effects");
                BsEffect tmp[BS_Q_EFFECT_COUNT];
                int nt = parse_effect_list(L, eff, tmp, BS_Q_EFFECT_COUNT);
                bs_path_pop(&L->path, o2);
                for (int t = 0; t < nt; t++) {
                    int k;
                    for (k = 0; k < nm; k++)
                        if (merged[k].q == tmp[t].q)
                            break;
                    merged[k] = tmp[t];
                    if (k == nm)
                        nm++;
                }
                a->effects = add_effects(L, merged, nm);
            }
        }
        bs_path_pop(&L->path, o);
    }
    bs_path_pop(&L->path, old);
}

/* Policies: names first (vendors and sim refer to them), bodies later. */
static void collect_policy_names(Ld *L, const cJSON *n)
{
    BsScenario *s = L->s;
    s->buyer_centric = -1;
    if (!n)
        return;
    size_t old = bs_path_key(&L->path, "policies");
    if (!cJSON_IsObject(n)) {
        errat(L, n, BS_E_TYPE, "policies must be an object keyed by policy name");
    } else {
        int cnt = cJSON_GetArraySize(n);
        if (cnt > BS_MAX_POLICIES) {
            errat(L, n, BS_E_LIMIT, "%d policies; at most %d", cnt, BS_MAX_POLICIES);
            cnt = BS_MAX_POLICIES;
        }
        s->policies = arena_alloc(L->a, sizeof(BsPolicy) * (size_t)(cnt ? cnt : 1));
        if (!s->policies) {
            L->oom = true;
        } else {
            int i = 0;
            for (const cJSON *e = n->child; e && i < cnt; e = e->next, i++) {
                if (!valid_id(e->string) || !strcmp(e->string, "random")) {
                    size_t o = bs_path_key(&L->path, e->string);
                    errat(L, e, BS_E_RANGE, "\"%.60s\" is not a valid policy name", e->string);
                    bs_path_pop(&L->path, o);
                }
                s->policies[i].name = str(L, e->string);
            }
            s->npolicies = i;
            s->buyer_centric = bs_scenario_policy(s, "buyer_centric");
        }
    }
    bs_path_pop(&L->path, old);
}

static void load_policies(Ld *L, const cJSON *n)
{
    BsScenario *s = L->s;
    if (!cJSON_IsObject(n) || !s->policies)
        return;
    size_t old = bs_path_key(&L->path, "policies");
    static const char *const keys[] = {"rules", "weights", "doc"};
    int i = 0;
    for (const cJSON *e = n->child; e && i < s->npolicies; e = e->next, i++) {
        BsPolicy *p = &s->policies[i];
        size_t o = bs_path_key(&L->path, e->string);
        if (check_obj(L, e, keys, 3, "a policy")) {
            (void)text_field(L, e, "doc", false);
            const cJSON *rules = get(e, "rules");
            if (rules) {
                size_t o2 = bs_path_key(&L->path, "rules");
                if (!cJSON_IsArray(rules)) {
                    errat(L, rules, BS_E_TYPE, "rules must be an array of {\"when\": ..., \"do\": ...}");
                } else {
                    int k = 0;
                    for (const cJSON *r = rules->child; r; r = r->next, k++) {
                        size_t o3 = bs_path_index(&L->path, k);
                        static const char *const rk[] = {"when", "do"};
                        if (k >= BS_MAX_RULES) {
                            errat(L, r, BS_E_LIMIT, "more than %d rules", BS_MAX_RULES);
                        } else if (check_obj(L, r, rk, 2, "a rule")) {
                            int a = ref_field(L, r, "do", REF_ACTION, true);
                            uint16_t w = when_field(L, r, "when");
                            if (a >= 0) {
                                p->rules[p->nrules].cond = w;
                                p->rules[p->nrules].action = (uint16_t)a;
                                p->nrules++;
                            }
                        }
                        bs_path_pop(&L->path, o3);
                    }
                }
                bs_path_pop(&L->path, o2);
            }
            const cJSON *w = get(e, "weights");
            if (w) {
                size_t o2 = bs_path_key(&L->path, "weights");
                if (!cJSON_IsObject(w)) {
                    errat(L, w, BS_E_TYPE, "weights must be an object {\"action\": weight}");
                } else {
                    for (const cJSON *c = w->child; c; c = c->next) {
                        size_t o3 = bs_path_key(&L->path, c->string);
                        int a = bs_scenario_action(s, c->string);
                        if (a < 0) {
                            const char *cands[BS_MAX_ACTIONS];
                            int nc = ref_candidates(s, REF_ACTION, cands, BS_MAX_ACTIONS);
                            const char *sg = suggest(c->string, cands, nc);
                            errat(L, c, BS_E_REF, "unknown action \"%.60s\"%s%s%s", c->string,
                                  sg ? " (did you mean \"" : "", sg ? sg : "", sg ? "\"?)" : "");
                        } else if (!cJSON_IsNumber(c) || c->valuedouble < 0 || c->valuedouble > 1000) {
                            errat(L, c, BS_E_RANGE, "a weight must be a number from 0 to 1000");
                        } else {
                            p->weight[a] = c->valuedouble;
                        }
                        bs_path_pop(&L->path, o3);
                    }
                }
                bs_path_pop(&L->path, o2);
            }
            if (p->nrules == 0 && !w)
                errat(L, e, BS_E_SEMANTIC, "a policy needs rules, weights or both");
        }
        bs_path_pop(&L->path, o);
    }
    bs_path_pop(&L->path, old);
}

static void load_vendors(Ld *L, const cJSON *root)
{
    static const char *const keys[] = {"id", "name", "human", "policy", "start", "value"};
    static const char *const start_keys[] = {"impression", "credibility", "reliability", "intimacy",
                                             "self_orientation", "proof", "exposure"};
    BsScenario *s = L->s;
    const cJSON *arr = get(root, "vendors");
    if (!arr) {
        missing(L, root, "vendors");
        return;
    }
    int humans = 0;
    {
        size_t oldp_e;
        const cJSON *arr_e = array_begin(L, root, "vendors", BS_MIN_VENDORS, BS_MAX_VENDORS, &oldp_e);
        int i = 0;
        for (const cJSON *e = arr_e ? arr_e->child : NULL; e; e = e->next, i++)
        {
            size_t o = bs_path_index(&L->path, i);
            if (check_obj(L, e, keys, 6, "a vendor")) {
                BsVendor *v = &s->vendors[s->nvendors];
                v->id = id_field(L, e, "id", true);
                v->name = text_field(L, e, "name", true);
                v->human = bool_field(L, e, "human", false);
                v->value = num_field(L, e, "value", false, 0.5, 0, 1, false);
                if (v->id && find_vendor(s, v->id) >= 0)
                    errat(L, get(e, "id"), BS_E_KEY, "vendor id \"%s\" is used twice", v->id);
                if (v->id && (!strcmp(v->id, "all") || !strcmp(v->id, "humans")))
                    errat(L, get(e, "id"), BS_E_RANGE, "\"%s\" is reserved (events use it for a group of vendors)", v->id);
                humans += v->human;
                const cJSON *pol = get(e, "policy");
                v->policy = BS_POLICY_RANDOM;
                v->policy_arg = -1;
                if (pol) {
                    size_t o2 = bs_path_key(&L->path, "policy");
                    if (!cJSON_IsString(pol)) {
                        errat(L, pol, BS_E_TYPE, "policy must be a policy name");
                    } else if (!bs_policy_resolve(s, pol->valuestring, &v->policy, &v->policy_arg)) {
                        const char *cands[BS_MAX_POLICIES + 1];
                        int nc = 0;
                        for (int k = 0; k < s->npolicies; k++) cands[nc++] = s->policies[k].name;
                        cands[nc++] = "random";
                        const char *sg = suggest(pol->valuestring, cands, nc);
                        errat(L, pol, BS_E_REF, "unknown policy \"%.60s\"%s%s%s", pol->valuestring,
                              sg ? " (did you mean \"" : "", sg ? sg : "", sg ? "\"?)" : "");
                    }
                    bs_path_pop(&L->path, o2);
                } else if (v->human && s->buyer_centric >= 0) {
                    v->policy = s->buyer_centric;
                } else if (!v->human) {
                    missing(L, e, "policy");
                }
                /* start meters */
                v->start[BS_Q_IMPRESSION] = 5;
                v->start[BS_Q_CREDIBILITY] = 30;
                v->start[BS_Q_RELIABILITY] = 30;
                v->start[BS_Q_INTIMACY] = 10;
                v->start[BS_Q_SELF_ORIENTATION] = 1.2;
                v->start[BS_Q_PROOF] = 10;
                v->start[BS_Q_EXPOSURE] = 0;
                const cJSON *st = get(e, "start");
                if (st) {
                    size_t o2 = bs_path_key(&L->path, "start");
                    if (check_obj(L, st, start_keys, 7, "start")) {
                        for (int q = 0; q < 7; q++) {
                            double hi = q == BS_Q_SELF_ORIENTATION ? 5 : q == BS_Q_IMPRESSION ? 1000 : 100;
                            double lo = q == BS_Q_SELF_ORIENTATION ? 1 : 0;
                            v->start[q] = num_field(L, st, start_keys[q], false, v->start[q], lo, hi, false);
                        }
                    }
                    bs_path_pop(&L->path, o2);
                }
                s->nvendors++;
            }
            bs_path_pop(&L->path, o);
        }
        bs_path_pop(&L->path, oldp_e);
    }
    if (cJSON_IsArray(arr) && s->nvendors >= BS_MIN_VENDORS && humans == 0)
        errat(L, arr, BS_E_SEMANTIC, "no vendor has \"human\": true; a person must be able to play one");
}

static void collect_state_ids(Ld *L, const cJSON *n)
{
    BsScenario *s = L->s;
    if (!n)
        return;
    size_t old = bs_path_key(&L->path, "states");
    int cnt = cJSON_GetArraySize(n);
    if (!cJSON_IsObject(n)) {
        errat(L, n, BS_E_TYPE, "states must be an object keyed by state id");
    } else if (cnt < 1 || cnt > BS_MAX_STATES) {
        errat(L, n, BS_E_LIMIT, "%d states; allowed 1 to %d", cnt, BS_MAX_STATES);
    } else {
        s->states = arena_alloc(L->a, sizeof(BsState) * (size_t)cnt);
        if (!s->states) {
            L->oom = true;
        } else {
            for (const cJSON *e = n->child; e; e = e->next) {
                if (!valid_id(e->string)) {
                    size_t o = bs_path_key(&L->path, e->string);
                    errat(L, e, BS_E_RANGE, "\"%.60s\" is not a valid state id", e->string);
                    bs_path_pop(&L->path, o);
                }
                s->states[s->nstates++].id = str(L, e->string);
            }
        }
    }
    bs_path_pop(&L->path, old);
}

static int next_field(Ld *L, const cJSON *obj)
{
    const cJSON *n = get(obj, "next");
    if (!n)
        return -1;
    size_t old = bs_path_key(&L->path, "next");
    int r = ref_node(L, n, REF_STATE);
    bs_path_pop(&L->path, old);
    return r;
}

static void load_choice(Ld *L, const cJSON *e, BsChoice *c)
{
    static const char *const keys[] = {"text", "action", "need", "message", "objection",
                                       "effects", "when", "next", "think", "value", "react"};
    BsScenario *s = L->s;
    c->need = c->message = c->objection = c->next = -1;
    c->value = -1;
    if (!check_obj(L, e, keys, 11, "a choice"))
        return;
    c->text = text_field(L, e, "text", true);
    c->think = text_field(L, e, "think", false);
    react_field(L, e, c->react);
    int a = ref_field(L, e, "action", REF_ACTION, true);
    c->action = (uint16_t)(a < 0 ? BS_A_WAIT : a);
    c->need = (int16_t)ref_field(L, e, "need", REF_NEED, false);
    c->message = (int16_t)ref_field(L, e, "message", REF_MESSAGE, false);
    c->objection = (int16_t)ref_field(L, e, "objection", REF_OBJECTION, false);
    c->effects = effects_field(L, e, "effects");
    c->when = when_field(L, e, "when");
    c->next = (int16_t)next_field(L, e);
    c->value = num_field(L, e, "value", false, -1, 0, 1e9, false);
    if (a >= 0 && get(e, "value") && s->actions[a].kind != BS_A_GIFT) { /* added actions too: by base */
        size_t o = bs_path_key(&L->path, "value");
        errat(L, get(e, "value"), BS_E_SEMANTIC, "only a gift has a value");
        bs_path_pop(&L->path, o);
    }
}

static void load_states(Ld *L, const cJSON *n)
{
    static const char *const keys[] = {"say", "think", "choices", "auto", "on_enter", "end", "tone"};
    BsScenario *s = L->s;
    if (!cJSON_IsObject(n) || !s->states)
        return;
    size_t old = bs_path_key(&L->path, "states");
    int si = 0;
    for (const cJSON *e = n->child; e && si < s->nstates; e = e->next, si++) {
        BsState *st = &s->states[si];
        size_t o = bs_path_key(&L->path, e->string);
        bs_json_pos(&L->j, e, &st->line, &st->col);
        if (check_obj(L, e, keys, 7, "a state")) {
            const cJSON *tone = get(e, "tone");
            if (tone) {
                static const char *const tones[] = {"warm", "neutral", "cold"};
                size_t o2 = bs_path_key(&L->path, "tone");
                for (int k = 0; k < 3 && cJSON_IsString(tone); k++)
                    if (!strcmp(tone->valuestring, tones[k]))
                        st->tone = (uint8_t)(BS_TONE_WARM + k);
                if (!st->tone)
                    errat(L, tone, cJSON_IsString(tone) ? BS_E_RANGE : BS_E_TYPE,
                          "tone must be \"warm\", \"neutral\" or \"cold\"");
                bs_path_pop(&L->path, o2);
            }
            st->say = text_field(L, e, "say", false);
            st->think = text_field(L, e, "think", false);
            st->end = bool_field(L, e, "end", false);
            st->on_enter = effects_field(L, e, "on_enter");
            {
                size_t oldp_c;
                const cJSON *arr_c = array_begin(L, e, "choices", 0, BS_MAX_CHOICES, &oldp_c);
                int i = 0;
                for (const cJSON *c = arr_c ? arr_c->child : NULL; c; c = c->next, i++)
                {
                    size_t o2 = bs_path_index(&L->path, i);
                    bs_json_pos(&L->j, c, &st->choices[st->nchoices].line, &st->choices[st->nchoices].col);
                    load_choice(L, c, &st->choices[st->nchoices++]);
                    bs_path_pop(&L->path, o2);
                }
                bs_path_pop(&L->path, oldp_c);
            }
            {
                size_t oldp_c;
                const cJSON *arr_c = array_begin(L, e, "auto", 0, BS_MAX_AUTO, &oldp_c);
                int i = 0;
                for (const cJSON *c = arr_c ? arr_c->child : NULL; c; c = c->next, i++)
                {
                    size_t o2 = bs_path_index(&L->path, i);
                    static const char *const ak[] = {"when", "next"};
                    if (check_obj(L, c, ak, 2, "an auto transition")) {
                        BsAuto *au = &st->autos[st->nauto++];
                        au->when = when_field(L, c, "when");
                        au->next = (int16_t)next_field(L, c);
                        if (!get(c, "next"))
                            missing(L, c, "next");
                    }
                    bs_path_pop(&L->path, o2);
                }
                bs_path_pop(&L->path, oldp_c);
            }
            if (st->end && (st->nchoices || st->nauto))
                errat(L, e, BS_E_GRAPH, "an end state has no choices or auto transitions");
            if (!st->end && st->nchoices == 0 && st->nauto == 0 && !get(e, "choices") && !get(e, "auto"))
                errat(L, e, BS_E_GRAPH,
                      "state \"%s\" has no way out: give it choices, auto transitions or \"end\": true",
                      st->id);
            else if (!st->end && st->nchoices == 0 && st->nauto == 0)
                errat(L, e, BS_E_GRAPH, "state \"%s\" has no way out (empty choices and auto)", st->id);
        }
        bs_path_pop(&L->path, o);
    }
    bs_path_pop(&L->path, old);
}

static void load_events(Ld *L, const cJSON *root)
{
    static const char *const keys[] = {"id", "label", "when", "once", "say", "think", "effects",
                                       "vendor", "flag", "objection", "goto", "injectable"};
    BsScenario *s = L->s;
    {
        size_t oldp_e;
        const cJSON *arr_e = array_begin(L, root, "events", 0, BS_MAX_EVENTS - BS_GENERIC_EVENTS, &oldp_e);
        int i = 0;
        for (const cJSON *e = arr_e ? arr_e->child : NULL; e; e = e->next, i++)
        {
            size_t o = bs_path_index(&L->path, i);
            if (check_obj(L, e, keys, 12, "an event")) {
                BsEvent *ev = &s->events[s->nevents];
                ev->id = id_field(L, e, "id", true);
                for (int k = 0; k < s->nevents && ev->id; k++)
                    if (s->events[k].id && !strcmp(s->events[k].id, ev->id))
                        errat(L, get(e, "id"), BS_E_KEY, "event id \"%s\" is used twice", ev->id);
                ev->label = text_field(L, e, "label", false);
                ev->say = text_field(L, e, "say", false);
                ev->think = text_field(L, e, "think", false);
                ev->when = when_field(L, e, "when");
                ev->injectable = bool_field(L, e, "injectable", true);
                if (!get(e, "when") && !ev->injectable)
                    errat(L, e, BS_E_SEMANTIC, "an event without \"when\" can only be injected; do not set injectable to false");
                ev->once = bool_field(L, e, "once", true);
                ev->effects = effects_field(L, e, "effects");
                ev->target = BS_TARGET_HUMANS;
                const cJSON *vn = get(e, "vendor");
                if (vn) {
                    size_t o2 = bs_path_key(&L->path, "vendor");
                    if (cJSON_IsString(vn) && !strcmp(vn->valuestring, "all"))
                        ev->target = BS_TARGET_ALL;
                    else if (cJSON_IsString(vn) && !strcmp(vn->valuestring, "humans"))
                        ev->target = BS_TARGET_HUMANS;
                    else {
                        int v = ref_node(L, vn, REF_VENDOR);
                        if (v >= 0)
                            ev->target = v;
                    }
                    bs_path_pop(&L->path, o2);
                }
                ev->flag = -1;
                const cJSON *fl = get(e, "flag");
                if (fl) {
                    size_t o2 = bs_path_key(&L->path, "flag");
                    ev->flag = flag_index(L, fl, true);
                    bs_path_pop(&L->path, o2);
                }
                ev->objection = ref_field(L, e, "objection", REF_OBJECTION, false);
                ev->go = ref_field(L, e, "goto", REF_STATE, false);
                s->nevents++;
            }
            bs_path_pop(&L->path, o);
        }
        bs_path_pop(&L->path, oldp_e);
    }
}

/* Events every scenario offers the facilitator, whatever its author wrote:
 * a rival's discount, a budget freeze, a reorganisation. Their texts come
 * from the interface strings (event.<id>.label/say). */
static void add_generic_events(Ld *L)
{
    static const struct { const char *id, *kind; BsEffect eff[2]; int neff; int target; } gen[BS_GENERIC_EVENTS] = {
        {"generic_discount", "discount", {{BS_Q_PRESSURE, 5}, {BS_Q_IMPRESSION, -3}}, 2, BS_TARGET_HUMANS},
        {"generic_freeze", "freeze", {{BS_Q_PRESSURE, 10}, {0, 0}}, 1, BS_TARGET_HUMANS},
        {"generic_reorg", "reorg", {{BS_Q_PRESSURE, 15}, {BS_Q_INTIMACY, -5}}, 2, BS_TARGET_ALL},
    };
    BsScenario *s = L->s;
    for (int i = 0; i < BS_GENERIC_EVENTS; i++) {
        /* a case's own injectable event of the same kind (its id names it:
         * "rival_discount", "budget_freeze") replaces the generic one, so the
         * facilitator's menu has no near-duplicates */
        bool taken = false;
        for (int k = 0; k < s->nevents; k++)
            taken |= s->events[k].id && (!strcmp(s->events[k].id, gen[i].id) ||
                                         (s->events[k].injectable && strstr(s->events[k].id, gen[i].kind)));
        if (taken || s->nevents >= BS_MAX_EVENTS)
            continue;
        BsEvent *ev = &s->events[s->nevents++];
        memset(ev, 0, sizeof *ev);
        ev->id = gen[i].id;
        ev->injectable = true;
        ev->once = false;
        ev->effects = add_effects(L, gen[i].eff, gen[i].neff);
        ev->target = gen[i].target;
        ev->flag = ev->objection = ev->go = -1;
    }
}

static void load_thoughts(Ld *L, const cJSON *root)
{
    static const char *const keys[] = {"when", "text"};
    BsScenario *s = L->s;
    int cnt = cJSON_GetArraySize(get(root, "thoughts"));
    s->thoughts = arena_alloc(L->a, sizeof(BsThought) * (size_t)(cnt > 0 ? cnt : 1));
    if (!s->thoughts) {
        L->oom = true;
        return;
    }
    {
        size_t oldp_e;
        const cJSON *arr_e = array_begin(L, root, "thoughts", 0, BS_MAX_THOUGHTS, &oldp_e);
        int i = 0;
        for (const cJSON *e = arr_e ? arr_e->child : NULL; e; e = e->next, i++)
        {
            size_t o = bs_path_index(&L->path, i);
            if (check_obj(L, e, keys, 2, "a thought")) {
                BsThought *t = &s->thoughts[s->nthoughts++];
                t->text = text_field(L, e, "text", true);
                t->when = when_field(L, e, "when");
            }
            bs_path_pop(&L->path, o);
        }
        bs_path_pop(&L->path, oldp_e);
    }
}

static void load_lessons(Ld *L, const cJSON *root)
{
    BsScenario *s = L->s;
    const cJSON *n = get(root, "lessons");
    if (!n) {
        missing(L, root, "lessons");
        return;
    }
    size_t old = bs_path_key(&L->path, "lessons");
    static const char *const keys[] = {"1", "2", "3"};
    if (check_obj(L, n, keys, 3, "lessons")) {
        for (int i = 0; i < 3; i++) {
            const cJSON *e = get(n, keys[i]);
            if (!e) {
                errat(L, n, BS_E_KEY, "missing lesson \"%s\"", keys[i]);
                continue;
            }
            size_t o = bs_path_key(&L->path, keys[i]);
            static const char *const lk[] = {"title", "text"};
            if (check_obj(L, e, lk, 2, "a lesson")) {
                s->lessons[i].title = text_field(L, e, "title", true);
                s->lessons[i].text = text_field(L, e, "text", true);
            }
            bs_path_pop(&L->path, o);
        }
    }
    bs_path_pop(&L->path, old);
}

/* Asset paths are relative to the scenario's folder and may not leave it. */
static void check_asset_path(Ld *L, const cJSON *root)
{
    const cJSON *buyer = get(root, "buyer");
    const cJSON *p = get(buyer, "portrait");
    if (!cJSON_IsString(p))
        return;
    const char *v = p->valuestring;
    bool bad = v[0] == '/' || v[0] == '\\' || strchr(v, ':') != NULL || !*v;
    for (const char *c = v; *c && !bad; c++) {
        if (c[0] == '\\')
            bad = true;
        if (c[0] == '.' && c[1] == '.' && (c == v || c[-1] == '/') && (c[2] == '/' || c[2] == 0))
            bad = true;
    }
    if (bad) {
        size_t o = bs_path_key(&L->path, "buyer");
        size_t o2 = bs_path_key(&L->path, "portrait");
        errat(L, p, BS_E_PATH,
              "\"%.80s\" leaves the scenario's folder; use a relative path like \"portraits/lin.png\"", v);
        bs_path_pop(&L->path, o2);
        bs_path_pop(&L->path, o);
    }
}

/* Unreachable states: from `start` through choices, auto transitions and
 * event jumps. */
static void check_graph(Ld *L, const cJSON *root)
{
    BsScenario *s = L->s;
    if (s->nstates == 0 || s->start < 0)
        return;
    uint8_t seen[BS_MAX_STATES] = {0};
    int stack[BS_MAX_STATES], sp = 0;
    seen[s->start] = 1;
    stack[sp++] = s->start;
    for (int e = 0; e < s->nevents; e++)
        if (s->events[e].go >= 0 && !seen[s->events[e].go]) {
            seen[s->events[e].go] = 1;
            stack[sp++] = s->events[e].go;
        }
    while (sp) {
        const BsState *st = &s->states[stack[--sp]];
        for (int c = 0; c < st->nchoices + st->nauto; c++) {
            int nx = c < st->nchoices ? st->choices[c].next : st->autos[c - st->nchoices].next;
            if (nx >= 0 && !seen[nx]) {
                seen[nx] = 1;
                stack[sp++] = nx;
            }
        }
    }
    const cJSON *states = get(root, "states");
    size_t old = bs_path_key(&L->path, "states");
    int i = 0;
    for (const cJSON *e = states ? states->child : NULL; e && i < s->nstates; e = e->next, i++) {
        if (!seen[i]) {
            size_t o = bs_path_key(&L->path, e->string);
            errat(L, e, BS_E_GRAPH, "state \"%s\" cannot be reached from the start state \"%s\"",
                  s->states[i].id, s->states[s->start].id);
            bs_path_pop(&L->path, o);
        }
    }
    bs_path_pop(&L->path, old);
}

static void load_root(Ld *L, const cJSON *root)
{
    BsScenario *s = L->s;
    if (!check_obj(L, root, root_keys, (int)(sizeof root_keys / sizeof root_keys[0]), "a scenario"))
        return;
    const cJSON *fmt = get(root, "format");
    if (!fmt)
        missing(L, root, "format");
    else if (!cJSON_IsNumber(fmt) || fmt->valuedouble != BS_FORMAT) {
        size_t o = bs_path_key(&L->path, "format");
        errat(L, fmt, BS_E_RANGE, "unsupported format (this buyersim reads format %d)", BS_FORMAT);
        bs_path_pop(&L->path, o);
    }
    (void)text_field(L, root, "$schema", false);
    s->id = id_field(L, root, "id", true);
    s->lang = text_field(L, root, "lang", true);
    if (s->lang && strcmp(s->lang, "en") && strcmp(s->lang, "zh")) {
        size_t o = bs_path_key(&L->path, "lang");
        errat(L, get(root, "lang"), BS_E_RANGE, "lang must be \"en\" or \"zh\"");
        bs_path_pop(&L->path, o);
    }
    s->title = text_field(L, root, "title", true);
    s->summary = text_field(L, root, "summary", false);
    s->currency = text_field(L, root, "currency", false);
    s->weeks = (int)num_field(L, root, "weeks", true, 12, BS_MIN_WEEKS, BS_MAX_WEEKS, true);
    s->seed = (uint64_t)num_field(L, root, "seed", false, 1, 0, 4294967295.0, true);

    load_model(L, get(root, "model"));
    const cJSON *buyer = get(root, "buyer");
    if (!buyer)
        missing(L, root, "buyer");
    else
        load_buyer(L, buyer);
    load_messages(L, root);
    load_objections(L, root);
    load_actions(L, get(root, "actions"));
    collect_policy_names(L, get(root, "policies"));
    const cJSON *states = get(root, "states");
    if (!states)
        missing(L, root, "states");
    collect_state_ids(L, states);
    load_policies(L, get(root, "policies"));
    load_vendors(L, root);
    load_states(L, states);
    s->start = ref_field(L, root, "start", REF_STATE, true);
    load_events(L, root);
    add_generic_events(L);
    load_thoughts(L, root);
    load_lessons(L, root);
    check_asset_path(L, root);
    check_graph(L, root);
    /* Flags used in conditions but set by no event: a typo, surely. */
    for (int f = 0; f < s->nflags; f++) {
        if (L->flag_use[f] && !(L->flags_set >> f & 1)) {
            int l, c;
            bs_json_pos(&L->j, L->flag_use[f], &l, &c);
            bs_errors_add(L->errs, BS_E_REF, l, c, L->flag_use_path[f],
                          "flag \"%s\" is never set by any event", s->flags[f]);
        }
    }
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
        return str(L, ".");
    size_t n = (size_t)(slash - path);
    char *d = arena_alloc(L->a, n + 2);
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
    s->path = str(&L, path);
    s->dir = dir_of(&L, path);
    s->hash = bs_hash64(text, len, 0);
    /* conds[0] is the always-true condition. */
    add_cond(&L, (BsCond){.kind = BS_C_TRUE});
    load_root(&L, L.j.root);
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
