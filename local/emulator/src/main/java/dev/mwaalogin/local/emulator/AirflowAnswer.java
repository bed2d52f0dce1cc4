package dev.mwaalogin.local.emulator;

/**
 * What an environment's Airflow answered an {@link AirflowCall}: an HTTP status and a JSON body, which MWAA passes
 * on as {@code RestApiStatusCode} and {@code RestApiResponse}.
 *
 * @param status e.g. 200, 403, 404, 503
 * @param body   maps, lists and scalars that Jackson writes as JSON
 */
record AirflowAnswer(int status, Object body) {
}
