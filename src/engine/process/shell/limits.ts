/**
 * The interpreter's bounds. A real shell has none of these; the simulation needs them so that a
 * learner's `while true; do :; done` or a runaway `x=$x$x` costs bounded work and says so.
 */
export const SHELL_LIMITS = {
  /** Frames visited in one runShell/runCommand before it reports a busy loop. */
  stepsPerRun: 20_000,
  /** Longest script accepted (`sh -c` text or a script file). */
  maxScriptBytes: 64 * 1024,
  /** Nested shells (`sh -c "sh -c …"`), function calls and command substitutions. */
  maxDepth: 64,
  /** Lines written to stdout + stderr in one run; the rest is dropped with a note. */
  maxOutputLinesPerRun: 1_000,
  /** Longest output line; longer lines are cut with a note. */
  maxLineBytes: 16 * 1024,
  /** Longest value a variable, a word, a pipe or a file may hold. */
  maxValueBytes: 1024 * 1024,
} as const;
