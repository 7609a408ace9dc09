/**
 * GitHub's limits (docs.github.com, "Adding a job summary" and workflow commands): a step's summary over 1 MiB is
 * dropped whole, and only 10 error and 10 warning annotations per step are shown. A module of its own so the
 * actions' start-up path (annotations) does not load the report renderer.
 */
export const STEP_SUMMARY_MAX_BYTES = 1024 * 1024
export const ANNOTATIONS_PER_TYPE = 10
