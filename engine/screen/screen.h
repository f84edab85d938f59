/* The SDL2 screen: what `buyersim play`, `render` and `bench` call. */
#ifndef BS_SCREEN_H
#define BS_SCREEN_H

#include "app.h"

/* The game in a window (or fullscreen with --projector). Returns the exit
 * code: 0, or 1 with a message on stderr (no display, no font...). */
int bs_screen_play(const PlayArgs *a);
/* buyersim render SCENARIO --moves 1,2,3 --size WxH --out FILE.png
 * [--lang zh] [--projector] [--seed N]: the real screen drawn off-screen. */
int bs_screen_render_cmd(int argc, char **argv);
/* Frame times (p50, p99 in ms) of the real screen, animation included, drawn
 * off-screen by the software renderer at w x h. False if it cannot run. */
bool bs_screen_bench(const char *scenario_path, int w, int h, double out_ms[2]);
/* Launch to first frames, in ms, under the current display: `exe` (the
 * buyersim binary; "/proc/self/exe" from buyersim itself) plays the scenario
 * in a window; out_ms gets the median of `runs` launches of [0] the first
 * frame (the window in its colours), [1] the title frame, [2] the first full
 * frame of the game. False (out_ms -1) without a display or when it fails. */
bool bs_screen_first_frame(const char *exe, const char *scenario_path, int runs, double out_ms[3]);
/* The start screen's first frame (history read, laid out, drawn off-screen
 * at 1920x1080) with a history of `games` past games of the bundled
 * erp-rollout in a data folder of its own (made and removed in /tmp): the
 * median of `runs` fresh processes, in ms, and the largest peak memory (MB)
 * of them. Call before the screen is started in this process (it forks).
 * False (-1) when it cannot run. */
bool bs_screen_bench_start(int games, int runs, double *first_ms, double *peak_mb);

#endif
