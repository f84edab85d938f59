/* Loading a scenario, section by section: the buyer, messages, objections,
 * actions, policies, vendors, states, events, thoughts and lessons, then the
 * checks that need the whole file (assets, the graph of states). The
 * helpers that read one field and the public entry points are in
 * scenario.c (internal/scenario_load.h). */
#include "bs.h"
#include "internal/catalog.h"
#include "internal/json.h"
#include "internal/scenario_load.h"

#include <stdio.h>
#include <string.h>

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
        ld_errat(L, n, BS_E_TYPE, "model must be an object of coefficients");
    } else {
        const char *names[128] = {0};
        for (int i = 0; i < bs_model_nparams; i++)
            names[i] = bs_model_params[i].name;
        ld_check_obj(L, n, names, bs_model_nparams, "model");
        for (int i = 0; i < bs_model_nparams; i++) {
            const BsModelParamInfo *p = &bs_model_params[i];
            double *dst = (double *)((char *)&s->model + p->offset);
            *dst = ld_num_field(L, n, p->name, false, p->def, p->lo, p->hi, false);
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
    if (ld_check_obj(L, n, keys, 10, "buyer")) {
        s->buyer_name = ld_text_field(L, n, "name", true);
        s->buyer_role = ld_text_field(L, n, "role", true);
        s->buyer_company = ld_text_field(L, n, "company", false);
        s->stakes = ld_num_field(L, n, "stakes", true, 0.5, 0, 1, false);
        s->pressure = ld_num_field(L, n, "pressure", false, 30, 0, 100, false);
        s->group = (int)ld_num_field(L, n, "group", false, 4, 1, 30, true);
        s->gift_cap = ld_num_field(L, n, "gift_cap", false, 200, 0, 1e9, false);
        s->integrity = ld_num_field(L, n, "integrity", false, s->model.gift_integrity, 0, 1, false);
        s->portrait = ld_text_field(L, n, "portrait", false);
        const cJSON *needs = ld_get(n, "needs");
        if (!needs) {
            ld_missing(L, n, "needs");
        } else {
            size_t o2 = bs_path_key(&L->path, "needs");
            int cnt = cJSON_GetArraySize(needs);
            if (!cJSON_IsArray(needs)) {
                ld_errat(L, needs, BS_E_TYPE, "needs must be an array");
            } else if (cnt < 1 || cnt > BS_MAX_NEEDS) {
                ld_errat(L, needs, BS_E_LIMIT, "%d needs; a buyer has 1 to %d", cnt, BS_MAX_NEEDS);
            } else {
                static const char *const nk[] = {"id", "label", "weight"};
                int i = 0;
                for (const cJSON *e = needs->child; e; e = e->next, i++) {
                    size_t o3 = bs_path_index(&L->path, i);
                    if (ld_check_obj(L, e, nk, 3, "a need")) {
                        BsNeed *nd = &s->needs[s->nneeds];
                        nd->id = ld_id_field(L, e, "id", true);
                        nd->label = ld_text_field(L, e, "label", true);
                        nd->weight = ld_num_field(L, e, "weight", false, 1, 0.1, 10, false);
                        if (nd->id && ld_find_need(s, nd->id) >= 0)
                            ld_errat(L, ld_get(e, "id"), BS_E_KEY, "need id \"%s\" is used twice", nd->id);
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
    const cJSON *a = ld_get(obj, key);
    *old = bs_path_key(&L->path, key);
    if (!a)
        return NULL;
    int n = cJSON_GetArraySize(a);
    if (!cJSON_IsArray(a)) {
        ld_errat(L, a, BS_E_TYPE, "\"%s\" must be an array, not %s", key, ld_type_name(a));
        return NULL;
    }
    if (n < lo || n > hi) {
        ld_errat(L, a, BS_E_LIMIT, "%d items in \"%s\"; allowed %d to %d", n, key, lo, hi);
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
            if (ld_check_obj(L, e, keys, 3, "a message")) {
                BsMessage *m = &s->messages[s->nmessages];
                m->id = ld_id_field(L, e, "id", true);
                m->label = ld_text_field(L, e, "label", true);
                if (m->id && ld_find_message(s, m->id) >= 0)
                    ld_errat(L, ld_get(e, "id"), BS_E_KEY, "message id \"%s\" is used twice", m->id);
                const cJSON *fits = ld_get(e, "fits");
                if (fits) {
                    size_t o2 = bs_path_key(&L->path, "fits");
                    if (!cJSON_IsArray(fits)) {
                        ld_errat(L, fits, BS_E_TYPE, "fits must be an array of need ids");
                    } else {
                        int k = 0;
                        for (const cJSON *f = fits->child; f; f = f->next, k++) {
                            size_t o3 = bs_path_index(&L->path, k);
                            int nd = ld_ref_node(L, f, REF_NEED);
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
            if (ld_check_obj(L, e, keys, 4, "an objection")) {
                BsObjection *ob = &s->objections[s->nobjections];
                ob->id = ld_id_field(L, e, "id", true);
                ob->label = ld_text_field(L, e, "label", true);
                ob->severity = ld_num_field(L, e, "severity", false, 0.5, 0, 1, false);
                ob->need = ld_ref_field(L, e, "need", REF_NEED, false);
                if (ob->id && ld_find_objection(s, ob->id) >= 0)
                    ld_errat(L, ld_get(e, "id"), BS_E_KEY, "objection id \"%s\" is used twice", ob->id);
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
    const cJSON *n = ld_get(obj, "react");
    if (!n)
        return;
    size_t old = bs_path_key(&L->path, "react");
    static const char *const keys[] = {"worked", "flat", "backfired", "repeated"};
    static const char *const lines[] = {"say", "think"};
    if (ld_check_obj(L, n, keys, 4, "a reaction (worked, flat, backfired, repeated)"))
        for (int r = 1; r < BS_MR_COUNT; r++) {
            const cJSON *v = ld_get(n, keys[r - 1]);
            if (!v)
                continue;
            size_t o = bs_path_key(&L->path, keys[r - 1]);
            if (ld_check_obj(L, v, lines, 2, "a reaction line (say, think)")) {
                out[r][0] = ld_text_field(L, v, "say", false);
                out[r][1] = ld_text_field(L, v, "think", false);
                if (!out[r][0] && !out[r][1])
                    ld_errat(L, v, BS_E_KEY, "a reaction needs \"say\" or \"think\"");
            }
            bs_path_pop(&L->path, o);
        }
    bs_path_pop(&L->path, old);
}

/* A built-in action's behaviour, lesson, contact, attention, value and
 * effects, given to `a` (a built-in one, or one whose "base" it is). */
static void copy_builtin(Ld *L, BsAction *a, int k)
{
    const BsBuiltin *b = &bs_builtins[k];
    a->kind = (uint8_t)k;
    a->lesson = b->lesson;
    a->contact = b->contact;
    a->attention = b->attention;
    a->value = b->value;
    a->effects = ld_add_effects(L, b->effects, b->neffects);
}

/* A new action: plain, or built on the built-in action its "base" names. */
static void action_base(Ld *L, const cJSON *e, BsAction *a)
{
    a->kind = BS_A_PLAIN;
    a->lesson = 1;
    a->contact = true;
    const cJSON *base = ld_get(e, "base");
    if (!base)
        return;
    size_t o2 = bs_path_key(&L->path, "base");
    int bi = -1;
    if (cJSON_IsString(base))
        for (int k = 0; k < BS_A_BUILTIN_COUNT; k++)
            if (!strcmp(base->valuestring, bs_builtin_action_ids[k]))
                bi = k;
    if (bi < 0) {
        const char *sg = cJSON_IsString(base)
            ? ld_suggest(base->valuestring, bs_builtin_action_ids, BS_A_BUILTIN_COUNT)
            : NULL;
        ld_errat(L, base, BS_E_REF, "base must be a built-in action id%s%s%s",
                 sg ? " (did you mean \"" : "", sg ? sg : "", sg ? "\"?)" : "");
    } else {
        copy_builtin(L, a, bi);
    }
    bs_path_pop(&L->path, o2);
}

/* "attention": lasting, fleeting or discount. */
static void action_attention(Ld *L, const cJSON *e, BsAction *a)
{
    const cJSON *att = ld_get(e, "attention");
    if (!att)
        return;
    size_t o2 = bs_path_key(&L->path, "attention");
    int k = -1;
    for (int i = 0; i < 3 && cJSON_IsString(att); i++)
        if (!strcmp(att->valuestring, bs_attention_ids[i]))
            k = i;
    if (k < 0)
        ld_errat(L, att, cJSON_IsString(att) ? BS_E_RANGE : BS_E_TYPE,
                 "attention must be \"lasting\", \"fleeting\" or \"discount\"");
    else
        a->attention = (uint8_t)k;
    bs_path_pop(&L->path, o2);
}

/* "effects", merged into the action's: named quantities replace the
 * defaults, others stay. */
static void action_effects(Ld *L, const cJSON *e, BsAction *a)
{
    const cJSON *eff = ld_get(e, "effects");
    if (!eff)
        return;
    BsEffect merged[BS_Q_EFFECT_COUNT];
    int nm = 0;
    for (int k = 0; k < a->effects.count; k++)
        merged[nm++] = L->effects[a->effects.first + k];
    size_t o2 = bs_path_key(&L->path, "effects");
    BsEffect tmp[BS_Q_EFFECT_COUNT];
    int nt = ld_parse_effect_list(L, eff, tmp, BS_Q_EFFECT_COUNT);
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
    a->effects = ld_add_effects(L, merged, nm);
}

static void load_actions(Ld *L, const cJSON *n)
{
    BsScenario *s = L->s;
    /* The built-in catalog first; ids never change index. */
    for (int k = 0; k < BS_A_BUILTIN_COUNT; k++) {
        BsAction *a = &s->actions[k];
        a->id = bs_builtin_action_ids[k];
        copy_builtin(L, a, k);
    }
    s->nactions = BS_A_BUILTIN_COUNT;
    if (!n)
        return;
    size_t old = bs_path_key(&L->path, "actions");
    if (!cJSON_IsObject(n)) {
        ld_errat(L, n, BS_E_TYPE, "actions must be an object keyed by action id");
        bs_path_pop(&L->path, old);
        return;
    }
    static const char *const keys[] = {"label", "why_good", "why_bad", "thought", "lesson",
                                       "contact", "value", "effects", "base", "attention", "react"};
    for (const cJSON *e = n->child; e; e = e->next) {
        size_t o = bs_path_key(&L->path, e->string);
        int idx = bs_scenario_action(s, e->string);
        if (!ld_valid_id(e->string)) {
            ld_errat(L, e, BS_E_RANGE, "\"%.60s\" is not a valid action id", e->string);
        } else if (ld_check_obj(L, e, keys, 11, "an action")) {
            if (idx < 0) {
                if (s->nactions >= BS_MAX_ACTIONS) {
                    ld_errat(L, e, BS_E_LIMIT, "more than %d actions", BS_MAX_ACTIONS);
                    bs_path_pop(&L->path, o);
                    continue;
                }
                idx = s->nactions++;
                s->actions[idx].id = ld_str(L, e->string);
                action_base(L, e, &s->actions[idx]);
            } else if (ld_get(e, "base")) {
                size_t o2 = bs_path_key(&L->path, "base");
                ld_errat(L, ld_get(e, "base"), BS_E_SEMANTIC, "a built-in action cannot change its base");
                bs_path_pop(&L->path, o2);
            }
            BsAction *a = &s->actions[idx];
            a->label = ld_text_field(L, e, "label", false);
            a->why_good = ld_text_field(L, e, "why_good", false);
            a->why_bad = ld_text_field(L, e, "why_bad", false);
            a->thought = ld_text_field(L, e, "thought", false);
            react_field(L, e, a->react);
            a->lesson = (uint8_t)ld_num_field(L, e, "lesson", false, a->lesson, 1, 3, true);
            a->contact = ld_bool_field(L, e, "contact", a->contact);
            action_attention(L, e, a);
            a->value = ld_num_field(L, e, "value", false, a->value, 0, 1e9, false);
            if (ld_get(e, "value") && a->kind != BS_A_GIFT) {
                size_t o2 = bs_path_key(&L->path, "value");
                ld_errat(L, ld_get(e, "value"), BS_E_SEMANTIC, "only a gift (or an action with \"base\": \"gift\") has a value");
                bs_path_pop(&L->path, o2);
            }
            action_effects(L, e, a);
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
        ld_errat(L, n, BS_E_TYPE, "policies must be an object keyed by policy name");
    } else {
        int cnt = cJSON_GetArraySize(n);
        if (cnt > BS_MAX_POLICIES) {
            ld_errat(L, n, BS_E_LIMIT, "%d policies; at most %d", cnt, BS_MAX_POLICIES);
            cnt = BS_MAX_POLICIES;
        }
        s->policies = ld_arena_alloc(L->a, sizeof(BsPolicy) * (size_t)(cnt ? cnt : 1));
        if (!s->policies) {
            L->oom = true;
        } else {
            int i = 0;
            for (const cJSON *e = n->child; e && i < cnt; e = e->next, i++) {
                if (!ld_valid_id(e->string) || !strcmp(e->string, "random")) {
                    size_t o = bs_path_key(&L->path, e->string);
                    ld_errat(L, e, BS_E_RANGE, "\"%.60s\" is not a valid policy name", e->string);
                    bs_path_pop(&L->path, o);
                }
                s->policies[i].name = ld_str(L, e->string);
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
        if (ld_check_obj(L, e, keys, 3, "a policy")) {
            (void)ld_text_field(L, e, "doc", false);
            const cJSON *rules = ld_get(e, "rules");
            if (rules) {
                size_t o2 = bs_path_key(&L->path, "rules");
                if (!cJSON_IsArray(rules)) {
                    ld_errat(L, rules, BS_E_TYPE, "rules must be an array of {\"when\": ..., \"do\": ...}");
                } else {
                    int k = 0;
                    for (const cJSON *r = rules->child; r; r = r->next, k++) {
                        size_t o3 = bs_path_index(&L->path, k);
                        static const char *const rk[] = {"when", "do"};
                        if (k >= BS_MAX_RULES) {
                            ld_errat(L, r, BS_E_LIMIT, "more than %d rules", BS_MAX_RULES);
                        } else if (ld_check_obj(L, r, rk, 2, "a rule")) {
                            int a = ld_ref_field(L, r, "do", REF_ACTION, true);
                            uint16_t w = ld_when_field(L, r, "when");
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
            const cJSON *w = ld_get(e, "weights");
            if (w) {
                size_t o2 = bs_path_key(&L->path, "weights");
                if (!cJSON_IsObject(w)) {
                    ld_errat(L, w, BS_E_TYPE, "weights must be an object {\"action\": weight}");
                } else {
                    for (const cJSON *c = w->child; c; c = c->next) {
                        size_t o3 = bs_path_key(&L->path, c->string);
                        int a = bs_scenario_action(s, c->string);
                        if (a < 0) {
                            const char *cands[BS_MAX_ACTIONS];
                            int nc = ld_ref_candidates(s, REF_ACTION, cands, BS_MAX_ACTIONS);
                            const char *sg = ld_suggest(c->string, cands, nc);
                            ld_errat(L, c, BS_E_REF, "unknown action \"%.60s\"%s%s%s", c->string,
                                     sg ? " (did you mean \"" : "", sg ? sg : "", sg ? "\"?)" : "");
                        } else if (!cJSON_IsNumber(c) || c->valuedouble < 0 || c->valuedouble > 1000) {
                            ld_errat(L, c, BS_E_RANGE, "a weight must be a number from 0 to 1000");
                        } else {
                            p->weight[a] = c->valuedouble;
                        }
                        bs_path_pop(&L->path, o3);
                    }
                }
                bs_path_pop(&L->path, o2);
            }
            if (p->nrules == 0 && !w)
                ld_errat(L, e, BS_E_SEMANTIC, "a policy needs rules, weights or both");
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
    const cJSON *arr = ld_get(root, "vendors");
    if (!arr) {
        ld_missing(L, root, "vendors");
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
            if (ld_check_obj(L, e, keys, 6, "a vendor")) {
                BsVendor *v = &s->vendors[s->nvendors];
                v->id = ld_id_field(L, e, "id", true);
                v->name = ld_text_field(L, e, "name", true);
                v->human = ld_bool_field(L, e, "human", false);
                v->value = ld_num_field(L, e, "value", false, 0.5, 0, 1, false);
                if (v->id && ld_find_vendor(s, v->id) >= 0)
                    ld_errat(L, ld_get(e, "id"), BS_E_KEY, "vendor id \"%s\" is used twice", v->id);
                if (v->id && (!strcmp(v->id, "all") || !strcmp(v->id, "humans")))
                    ld_errat(L, ld_get(e, "id"), BS_E_RANGE, "\"%s\" is reserved (events use it for a group of vendors)", v->id);
                humans += v->human;
                const cJSON *pol = ld_get(e, "policy");
                v->policy = BS_POLICY_RANDOM;
                v->policy_arg = -1;
                if (pol) {
                    size_t o2 = bs_path_key(&L->path, "policy");
                    if (!cJSON_IsString(pol)) {
                        ld_errat(L, pol, BS_E_TYPE, "policy must be a policy name");
                    } else if (!bs_policy_resolve(s, pol->valuestring, &v->policy, &v->policy_arg)) {
                        const char *cands[BS_MAX_POLICIES + 1];
                        int nc = 0;
                        for (int k = 0; k < s->npolicies; k++) cands[nc++] = s->policies[k].name;
                        cands[nc++] = "random";
                        const char *sg = ld_suggest(pol->valuestring, cands, nc);
                        ld_errat(L, pol, BS_E_REF, "unknown policy \"%.60s\"%s%s%s", pol->valuestring,
                                 sg ? " (did you mean \"" : "", sg ? sg : "", sg ? "\"?)" : "");
                    }
                    bs_path_pop(&L->path, o2);
                } else if (v->human && s->buyer_centric >= 0) {
                    v->policy = s->buyer_centric;
                } else if (!v->human) {
                    ld_missing(L, e, "policy");
                }
                /* start meters */
                v->start[BS_Q_IMPRESSION] = 5;
                v->start[BS_Q_CREDIBILITY] = 30;
                v->start[BS_Q_RELIABILITY] = 30;
                v->start[BS_Q_INTIMACY] = 10;
                v->start[BS_Q_SELF_ORIENTATION] = 1.2;
                v->start[BS_Q_PROOF] = 10;
                v->start[BS_Q_EXPOSURE] = 0;
                const cJSON *st = ld_get(e, "start");
                if (st) {
                    size_t o2 = bs_path_key(&L->path, "start");
                    if (ld_check_obj(L, st, start_keys, 7, "start")) {
                        for (int q = 0; q < 7; q++) {
                            double hi = q == BS_Q_SELF_ORIENTATION ? 5 : q == BS_Q_IMPRESSION ? 1000 : 100;
                            double lo = q == BS_Q_SELF_ORIENTATION ? 1 : 0;
                            v->start[q] = ld_num_field(L, st, start_keys[q], false, v->start[q], lo, hi, false);
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
        ld_errat(L, arr, BS_E_SEMANTIC, "no vendor has \"human\": true; a person must be able to play one");
}

static void collect_state_ids(Ld *L, const cJSON *n)
{
    BsScenario *s = L->s;
    if (!n)
        return;
    size_t old = bs_path_key(&L->path, "states");
    int cnt = cJSON_GetArraySize(n);
    if (!cJSON_IsObject(n)) {
        ld_errat(L, n, BS_E_TYPE, "states must be an object keyed by state id");
    } else if (cnt < 1 || cnt > BS_MAX_STATES) {
        ld_errat(L, n, BS_E_LIMIT, "%d states; allowed 1 to %d", cnt, BS_MAX_STATES);
    } else {
        s->states = ld_arena_alloc(L->a, sizeof(BsState) * (size_t)cnt);
        if (!s->states) {
            L->oom = true;
        } else {
            for (const cJSON *e = n->child; e; e = e->next) {
                if (!ld_valid_id(e->string)) {
                    size_t o = bs_path_key(&L->path, e->string);
                    ld_errat(L, e, BS_E_RANGE, "\"%.60s\" is not a valid state id", e->string);
                    bs_path_pop(&L->path, o);
                }
                s->states[s->nstates++].id = ld_str(L, e->string);
            }
        }
    }
    bs_path_pop(&L->path, old);
}

static int next_field(Ld *L, const cJSON *obj)
{
    const cJSON *n = ld_get(obj, "next");
    if (!n)
        return -1;
    size_t old = bs_path_key(&L->path, "next");
    int r = ld_ref_node(L, n, REF_STATE);
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
    if (!ld_check_obj(L, e, keys, 11, "a choice"))
        return;
    c->text = ld_text_field(L, e, "text", true);
    c->think = ld_text_field(L, e, "think", false);
    react_field(L, e, c->react);
    int a = ld_ref_field(L, e, "action", REF_ACTION, true);
    c->action = (uint16_t)(a < 0 ? BS_A_WAIT : a);
    c->need = (int16_t)ld_ref_field(L, e, "need", REF_NEED, false);
    c->message = (int16_t)ld_ref_field(L, e, "message", REF_MESSAGE, false);
    c->objection = (int16_t)ld_ref_field(L, e, "objection", REF_OBJECTION, false);
    c->effects = ld_effects_field(L, e, "effects");
    c->when = ld_when_field(L, e, "when");
    c->next = (int16_t)next_field(L, e);
    c->value = ld_num_field(L, e, "value", false, -1, 0, 1e9, false);
    if (a >= 0 && ld_get(e, "value") && s->actions[a].kind != BS_A_GIFT) { /* added actions too: by base */
        size_t o = bs_path_key(&L->path, "value");
        ld_errat(L, ld_get(e, "value"), BS_E_SEMANTIC, "only a gift has a value");
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
        if (ld_check_obj(L, e, keys, 7, "a state")) {
            const cJSON *tone = ld_get(e, "tone");
            if (tone) {
                static const char *const tones[] = {"warm", "neutral", "cold"};
                size_t o2 = bs_path_key(&L->path, "tone");
                for (int k = 0; k < 3 && cJSON_IsString(tone); k++)
                    if (!strcmp(tone->valuestring, tones[k]))
                        st->tone = (uint8_t)(BS_TONE_WARM + k);
                if (!st->tone)
                    ld_errat(L, tone, cJSON_IsString(tone) ? BS_E_RANGE : BS_E_TYPE,
                             "tone must be \"warm\", \"neutral\" or \"cold\"");
                bs_path_pop(&L->path, o2);
            }
            st->say = ld_text_field(L, e, "say", false);
            st->think = ld_text_field(L, e, "think", false);
            st->end = ld_bool_field(L, e, "end", false);
            st->on_enter = ld_effects_field(L, e, "on_enter");
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
                    if (ld_check_obj(L, c, ak, 2, "an auto transition")) {
                        BsAuto *au = &st->autos[st->nauto++];
                        au->when = ld_when_field(L, c, "when");
                        au->next = (int16_t)next_field(L, c);
                        if (!ld_get(c, "next"))
                            ld_missing(L, c, "next");
                    }
                    bs_path_pop(&L->path, o2);
                }
                bs_path_pop(&L->path, oldp_c);
            }
            if (st->end && (st->nchoices || st->nauto))
                ld_errat(L, e, BS_E_GRAPH, "an end state has no choices or auto transitions");
            if (!st->end && st->nchoices == 0 && st->nauto == 0 && !ld_get(e, "choices") && !ld_get(e, "auto"))
                ld_errat(L, e, BS_E_GRAPH,
                         "state \"%s\" has no way out: give it choices, auto transitions or \"end\": true",
                         st->id);
            else if (!st->end && st->nchoices == 0 && st->nauto == 0)
                ld_errat(L, e, BS_E_GRAPH, "state \"%s\" has no way out (empty choices and auto)", st->id);
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
            if (ld_check_obj(L, e, keys, 12, "an event")) {
                BsEvent *ev = &s->events[s->nevents];
                ev->id = ld_id_field(L, e, "id", true);
                for (int k = 0; k < s->nevents && ev->id; k++)
                    if (s->events[k].id && !strcmp(s->events[k].id, ev->id))
                        ld_errat(L, ld_get(e, "id"), BS_E_KEY, "event id \"%s\" is used twice", ev->id);
                ev->label = ld_text_field(L, e, "label", false);
                ev->say = ld_text_field(L, e, "say", false);
                ev->think = ld_text_field(L, e, "think", false);
                ev->when = ld_when_field(L, e, "when");
                ev->injectable = ld_bool_field(L, e, "injectable", true);
                if (!ld_get(e, "when") && !ev->injectable)
                    ld_errat(L, e, BS_E_SEMANTIC, "an event without \"when\" can only be injected; do not set injectable to false");
                ev->once = ld_bool_field(L, e, "once", true);
                ev->effects = ld_effects_field(L, e, "effects");
                ev->target = BS_TARGET_HUMANS;
                const cJSON *vn = ld_get(e, "vendor");
                if (vn) {
                    size_t o2 = bs_path_key(&L->path, "vendor");
                    if (cJSON_IsString(vn) && !strcmp(vn->valuestring, "all"))
                        ev->target = BS_TARGET_ALL;
                    else if (cJSON_IsString(vn) && !strcmp(vn->valuestring, "humans"))
                        ev->target = BS_TARGET_HUMANS;
                    else {
                        int v = ld_ref_node(L, vn, REF_VENDOR);
                        if (v >= 0)
                            ev->target = v;
                    }
                    bs_path_pop(&L->path, o2);
                }
                ev->flag = -1;
                const cJSON *fl = ld_get(e, "flag");
                if (fl) {
                    size_t o2 = bs_path_key(&L->path, "flag");
                    ev->flag = ld_flag_index(L, fl, true);
                    bs_path_pop(&L->path, o2);
                }
                ev->objection = ld_ref_field(L, e, "objection", REF_OBJECTION, false);
                ev->go = ld_ref_field(L, e, "goto", REF_STATE, false);
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
        ev->effects = ld_add_effects(L, gen[i].eff, gen[i].neff);
        ev->target = gen[i].target;
        ev->flag = ev->objection = ev->go = -1;
    }
}

static void load_thoughts(Ld *L, const cJSON *root)
{
    static const char *const keys[] = {"when", "text"};
    BsScenario *s = L->s;
    int cnt = cJSON_GetArraySize(ld_get(root, "thoughts"));
    s->thoughts = ld_arena_alloc(L->a, sizeof(BsThought) * (size_t)(cnt > 0 ? cnt : 1));
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
            if (ld_check_obj(L, e, keys, 2, "a thought")) {
                BsThought *t = &s->thoughts[s->nthoughts++];
                t->text = ld_text_field(L, e, "text", true);
                t->when = ld_when_field(L, e, "when");
            }
            bs_path_pop(&L->path, o);
        }
        bs_path_pop(&L->path, oldp_e);
    }
}

static void load_lessons(Ld *L, const cJSON *root)
{
    BsScenario *s = L->s;
    const cJSON *n = ld_get(root, "lessons");
    if (!n) {
        ld_missing(L, root, "lessons");
        return;
    }
    size_t old = bs_path_key(&L->path, "lessons");
    static const char *const keys[] = {"1", "2", "3"};
    if (ld_check_obj(L, n, keys, 3, "lessons")) {
        for (int i = 0; i < 3; i++) {
            const cJSON *e = ld_get(n, keys[i]);
            if (!e) {
                ld_errat(L, n, BS_E_KEY, "missing lesson \"%s\"", keys[i]);
                continue;
            }
            size_t o = bs_path_key(&L->path, keys[i]);
            static const char *const lk[] = {"title", "text"};
            if (ld_check_obj(L, e, lk, 2, "a lesson")) {
                s->lessons[i].title = ld_text_field(L, e, "title", true);
                s->lessons[i].text = ld_text_field(L, e, "text", true);
            }
            bs_path_pop(&L->path, o);
        }
    }
    bs_path_pop(&L->path, old);
}

/* Asset paths are relative to the scenario's folder and may not leave it. */
static void check_asset_path(Ld *L, const cJSON *root)
{
    const cJSON *buyer = ld_get(root, "buyer");
    const cJSON *p = ld_get(buyer, "portrait");
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
        ld_errat(L, p, BS_E_PATH,
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
    const cJSON *states = ld_get(root, "states");
    size_t old = bs_path_key(&L->path, "states");
    int i = 0;
    for (const cJSON *e = states ? states->child : NULL; e && i < s->nstates; e = e->next, i++) {
        if (!seen[i]) {
            size_t o = bs_path_key(&L->path, e->string);
            ld_errat(L, e, BS_E_GRAPH, "state \"%s\" cannot be reached from the start state \"%s\"",
                     s->states[i].id, s->states[s->start].id);
            bs_path_pop(&L->path, o);
        }
    }
    bs_path_pop(&L->path, old);
}

void ld_load_root(Ld *L, const cJSON *root)
{
    BsScenario *s = L->s;
    if (!ld_check_obj(L, root, root_keys, (int)(sizeof root_keys / sizeof root_keys[0]), "a scenario"))
        return;
    const cJSON *fmt = ld_get(root, "format");
    if (!fmt)
        ld_missing(L, root, "format");
    else if (!cJSON_IsNumber(fmt) || fmt->valuedouble != BS_FORMAT) {
        size_t o = bs_path_key(&L->path, "format");
        ld_errat(L, fmt, BS_E_RANGE, "unsupported format (this buyersim reads format %d)", BS_FORMAT);
        bs_path_pop(&L->path, o);
    }
    (void)ld_text_field(L, root, "$schema", false);
    s->id = ld_id_field(L, root, "id", true);
    s->lang = ld_text_field(L, root, "lang", true);
    if (s->lang && strcmp(s->lang, "en") && strcmp(s->lang, "zh")) {
        size_t o = bs_path_key(&L->path, "lang");
        ld_errat(L, ld_get(root, "lang"), BS_E_RANGE, "lang must be \"en\" or \"zh\"");
        bs_path_pop(&L->path, o);
    }
    s->title = ld_text_field(L, root, "title", true);
    s->summary = ld_text_field(L, root, "summary", false);
    s->currency = ld_text_field(L, root, "currency", false);
    s->weeks = (int)ld_num_field(L, root, "weeks", true, 12, BS_MIN_WEEKS, BS_MAX_WEEKS, true);
    s->seed = (uint64_t)ld_num_field(L, root, "seed", false, 1, 0, 4294967295.0, true);

    load_model(L, ld_get(root, "model"));
    const cJSON *buyer = ld_get(root, "buyer");
    if (!buyer)
        ld_missing(L, root, "buyer");
    else
        load_buyer(L, buyer);
    load_messages(L, root);
    load_objections(L, root);
    load_actions(L, ld_get(root, "actions"));
    collect_policy_names(L, ld_get(root, "policies"));
    const cJSON *states = ld_get(root, "states");
    if (!states)
        ld_missing(L, root, "states");
    collect_state_ids(L, states);
    load_policies(L, ld_get(root, "policies"));
    load_vendors(L, root);
    load_states(L, states);
    s->start = ld_ref_field(L, root, "start", REF_STATE, true);
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

