/* play --watch: notices when the author saves the scenario file and carries
 * the game over to the saved version, at the same week. Shared by the
 * console and the window. */
#define _POSIX_C_SOURCE 200809L
#include "app.h"

#include <string.h>
#include <sys/stat.h>

bool app_watch_changed(AppWatch *w)
{
    struct stat st;
    if (!w->path || stat(w->path, &st) != 0)
        return false; /* a save in progress (deleted, renamed): wait for the file */
    bool changed = w->seen && (st.st_mtim.tv_sec != w->mtime_s || st.st_mtim.tv_nsec != w->mtime_ns ||
                               (long long)st.st_size != w->size);
    w->mtime_s = st.st_mtim.tv_sec;
    w->mtime_ns = st.st_mtim.tv_nsec;
    w->size = (long long)st.st_size;
    w->seen = true;
    return changed;
}

int app_watch_reload(const AppWatch *w, BsSession *ss, BsScenario **s, BsGame *g, BsErrors *errs)
{
    BsScenario *ns = bs_scenario_load(w->path, errs);
    if (!ns)
        return -1;
    /* the session as it was, should the saved version not take it */
    BsSession keep = *ss;
    int kept = bs_session_rebase(ss, ns);
    BsGame ng;
    if (kept < 0) {
        bs_errors_add(errs, BS_E_SESSION, 0, 0, "", "the saved case cannot seat %d players", ss->nseats);
    } else if (bs_session_replay(ss, ns, &ng, -1, errs)) {
        bs_scenario_free(*s);
        *s = ns;
        *g = ng;
        return kept;
    }
    *ss = keep;
    bs_scenario_free(ns);
    return -1;
}
